// /medewerkers/intrekkingen/voorstel/:proposalId — four-eyes for withdrawals (issue 12 §5): a
// second, different staff member sees the proposal with exactly what its approval does (the same
// dry-run preview as the proposer saw, computed now) and approves or rejects it (saying why). A
// proposal that follows from a sample interview (issue 17) names the interview as its basis.
import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/withdrawal-proposal'
import { EffectPreview, UnpaidInvoicesPanel } from './effect-preview.tsx'
import { DateTime, StaffErrorBoundary } from './ui.tsx'
import { ErrorSummary, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { formatCalendarDay, formatDate } from '#app/i18n/format.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { readForm, attempt, parseForm, refusalData, refusalFailure } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { unpaidInvoices } from '#app/services/money-in-view.server.ts'
import {
	decideWithdrawalProposal,
	previewForScreen,
	previewWithdrawalProposal,
	withdrawalProposal,
} from '#app/services/safe-decisions.server.ts'

const decisionSchema = z
	.object({
		intent: z.enum(['approve', 'reject']),
		note: z.string().trim().max(2000).optional(),
	})
	// A rejection keeps the mark: why is recorded (issue 17).
	.superRefine((value, context) => {
		if (value.intent === 'reject' && !value.note)
			context.addIssue({ code: 'custom', path: ['note'], message: 'decisions.proposalRejectNoteRequired' })
	})

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const proposal = await withdrawalProposal(params.proposalId)
	invariantResponse(proposal, 'Niet gevonden')
	const unpaid = await unpaidInvoices(proposal.participation.provider.id)
	const base = { proposal, unpaid, userId: user.id }
	if (proposal.status !== 'pending') return { ...base, preview: null, failure: null }
	const result = await attempt(() => previewWithdrawalProposal({ type: 'staff', userId: user.id }, proposal.id))
	if (!result.ok) return { ...base, preview: null, failure: refusalFailure(result.error, user.locale) }
	return { ...base, preview: previewForScreen(result.value), failure: null }
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request)
	const form = parseForm(decisionSchema, await readForm(request))
	if (!form.success) return data(form, { status: 400 })
	const result = await attempt(() =>
		decideWithdrawalProposal(
			{ type: 'staff', userId: user.id },
			{ proposalId: params.proposalId, approve: form.data.intent === 'approve', note: form.data.note },
		),
	)
	if (!result.ok) return refusalData(result.error, user.locale)
	return redirectWithToast(href('/medewerkers/intrekkingen'), {
		type: 'success',
		key: form.data.intent === 'approve' ? 'decisions.toastProposalApproved' : 'decisions.toastProposalRejected',
	})
}

export default function WithdrawalProposal({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { proposal, unpaid, preview, userId } = loaderData
	const failure = actionData ?? loaderData.failure ?? undefined
	const own = proposal.proposedBy.id === userId
	return (
		<div className="stack">
			<p>
				<Link to={href('/medewerkers/intrekkingen')}>← {t('staff.withdrawalsTitle')}</Link>
			</p>
			<h1>
				{t('decisions.proposalTitle', {
					provider: proposal.participation.provider.name,
					year: proposal.participation.year,
				})}
			</h1>
			<dl className="panel">
				<dt>{t('decisions.proposalReason')}</dt>
				<dd>{t(`states.reason_${proposal.reason}`)}</dd>
				<dt>{t('decisions.effectiveDay')}</dt>
				<dd>{formatCalendarDay(proposal.effectiveOn, locale)}</dd>
				{proposal.interview ? (
					<>
						<dt>{t('decisions.proposalBasis')}</dt>
						<dd>
							{t('decisions.proposalBasisInterview', {
								date: proposal.interview.scheduledAt
									? formatDate(new Date(proposal.interview.scheduledAt), locale)
									: '–',
								name: proposal.interview.recordedBy?.name ?? proposal.proposedBy.name,
							})}
							{proposal.interview.interviewer ? ` (${proposal.interview.interviewer.name})` : ''} ·{' '}
							<Link to={href('/medewerkers/steekproef/gesprek/:interviewId', { interviewId: proposal.interview.id })}>
								{t('decisions.proposalBasisLink')}
							</Link>
						</dd>
					</>
				) : null}
				<dt>{t('decisions.proposalExplanation')}</dt>
				<dd className="pre-wrap">{proposal.explanation}</dd>
				<dt>{t('decisions.columnProposedBy')}</dt>
				<dd>
					{proposal.proposedBy.name} · <DateTime value={proposal.proposedAt} />
				</dd>
				{proposal.status !== 'pending' ? (
					<>
						<dt>{t('staff.columnStatus')}</dt>
						<dd>
							{t(`decisions.proposalStatus_${proposal.status}`)} · {proposal.decidedBy?.name ?? ''} ·{' '}
							<DateTime value={proposal.decidedAt} />
							{proposal.decisionNote ? ` · ${proposal.decisionNote}` : ''}
						</dd>
					</>
				) : null}
			</dl>
			<p>
				<Link to={href('/medewerkers/deelnames/:participationId', { participationId: proposal.participation.id })}>
					{proposal.participation.provider.name} · {proposal.participation.year}
				</Link>
			</p>
			<UnpaidInvoicesPanel unpaid={unpaid} />
			<ErrorSummary
				fieldErrors={failure?.success === false ? failure.fieldErrors : undefined}
				formErrors={failure?.success === false ? failure.formErrors : undefined}
			/>
			{preview ? (
				<EffectPreview
					preview={preview}
					letterHref={href('/medewerkers/intrekkingen/voorstel/:proposalId/brief', { proposalId: proposal.id })}
				/>
			) : null}
			{proposal.status === 'pending' ? (
				own ? (
					<p className="panel panel--info">{t('decisions.proposalOwn')}</p>
				) : (
					<Form method="post" className="form">
						<TextareaField
							name="note"
							label={t('decisions.proposalNote')}
							hint={t('decisions.proposalRejectHint')}
							rows={2}
							errors={failure?.success === false ? failure.fieldErrors.note : undefined}
						/>
						<div className="button-row">
							{preview ? (
								<SubmitButton name="intent" value="approve" className="button button--danger">
									{t('decisions.proposalApprove')}
								</SubmitButton>
							) : null}
							<SubmitButton name="intent" value="reject" className="button">
								{t('decisions.proposalReject')}
							</SubmitButton>
						</div>
					</Form>
				)
			) : null}
		</div>
	)
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.withdrawals', 'meta.staff'])

export const ErrorBoundary = StaffErrorBoundary
