// /medewerkers/deelnames/:participationId/intrekken — withdrawing a quality mark safely (issue 12 §5).
// Step 1 (GET, no `stap`): reason, effective date (no default: the administrator chooses it) and
// the explanation for the letter. Step 2 (GET `stap=controleren`, the same fields in the URL): the
// preview of exactly what happens — state, register, agreement, certificate, the mail and the
// letter — computed by running the withdrawal and rolling it back. Step 3 (POST): the confirmed
// withdrawal, or under four-eyes the proposal a second staff member approves. Works without JS.
import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/withdraw'
import { EffectPreview, UnpaidInvoicesPanel } from './effect-preview.tsx'
import { withdrawFields, withdrawQuery } from './withdraw-form.ts'
import { StaffErrorBoundary } from './ui.tsx'
import { ErrorSummary, InputField, SelectField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { formatCalendarDay } from '#app/i18n/format.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { readForm, attempt, formDataToValues, parseForm, refusalData, refusalFailure } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import {
	previewForScreen,
	previewWithdrawal,
	requestWithdrawal,
	withdrawalContext,
	withdrawalInput,
} from '#app/services/safe-decisions.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request, 'admin')
	const context = await withdrawalContext(params.participationId)
	invariantResponse(context, 'Niet gevonden')
	const url = new URL(request.url)
	const values = formDataToValues(url.searchParams)
	if (url.searchParams.get('stap') !== 'controleren') return { ...context, values, failure: null, preview: null }
	const form = parseForm(withdrawFields, url.searchParams)
	if (!form.success) return data({ ...context, values, failure: form, preview: null }, { status: 400 })
	const actor = { type: 'staff' as const, userId: user.id }
	const result = await attempt(() =>
		previewWithdrawal(actor, withdrawalInput(context.participation.id, form.data, user)),
	)
	if (!result.ok)
		return data(
			{ ...context, values, failure: refusalFailure(result.error, user.locale, values), preview: null },
			{ status: result.error.status },
		)
	return { ...context, values, failure: null, preview: { ...previewForScreen(result.value), input: form.data } }
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const formData = await readForm(request)
	const form = parseForm(withdrawFields, formData)
	if (!form.success) return data(form, { status: 400 })
	const actor = { type: 'staff' as const, userId: user.id }
	const result = await attempt(() => requestWithdrawal(actor, withdrawalInput(params.participationId, form.data, user)))
	if (!result.ok) return refusalData(result.error, user.locale, { values: formDataToValues(formData) })
	return redirectWithToast(
		href('/medewerkers/deelnames/:participationId', { participationId: params.participationId }),
		{
			type: 'success',
			key: result.value.applied ? 'decisions.toastWithdrawn' : 'decisions.toastWithdrawalProposed',
		},
	)
}

export default function Withdraw({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { participation, unpaid, fourEyes, pendingProposalId, today, preview, values } = loaderData
	const failure = actionData ?? loaderData.failure ?? undefined
	const here = href('/medewerkers/deelnames/:participationId/intrekken', { participationId: participation.id })
	const value = (name: string) => {
		const raw = values[name]
		return typeof raw === 'string' ? raw : ''
	}
	const reasons = [
		// Offered only when an invoice is overdue beyond its year's grace days (DOMAIN.md §6), never pre-selected.
		...(unpaid.unpaidFeeEligible ? (['unpaid_fee'] as const) : []),
		'incorrect_qualification' as const,
		'provider_request' as const,
	]
	return (
		<div className="stack">
			<p>
				<Link to={href('/medewerkers/deelnames/:participationId', { participationId: participation.id })}>
					← {participation.provider.name}
				</Link>
			</p>
			<h1>{t('decisions.withdrawTitle', { provider: participation.provider.name, year: participation.year })}</h1>
			{pendingProposalId ? (
				<p className="panel panel--warning">
					{t('decisions.withdrawPending')}{' '}
					<Link to={href('/medewerkers/intrekkingen/voorstel/:proposalId', { proposalId: pendingProposalId })}>
						{t('decisions.withdrawPendingLink')}
					</Link>
				</p>
			) : null}
			<UnpaidInvoicesPanel unpaid={unpaid} />
			<ErrorSummary
				fieldErrors={failure?.success === false ? failure.fieldErrors : undefined}
				formErrors={failure?.success === false ? failure.formErrors : undefined}
			/>
			{preview ? (
				<>
					<EffectPreview
						preview={preview}
						letterHref={`${href('/medewerkers/deelnames/:participationId/intrekken/brief', { participationId: participation.id })}?${withdrawQuery(preview.input)}`}
						notice={fourEyes ? <p>{t('decisions.withdrawFourEyes')}</p> : undefined}
					/>
					<Form method="post" className="form">
						<input type="hidden" name="reason" value={preview.input.reason} />
						<input type="hidden" name="effectiveOn" value={preview.input.effectiveOn} />
						<input type="hidden" name="explanation" value={preview.input.explanation} />
						<div className="button-row">
							<SubmitButton className="button button--danger">
								{fourEyes ? t('decisions.withdrawProposeConfirm') : t('decisions.withdrawConfirm')}
							</SubmitButton>
							<Link
								className="button"
								to={`${here}?${new URLSearchParams({ reason: preview.input.reason, effectiveOn: preview.input.effectiveOn, explanation: preview.input.explanation }).toString()}`}
							>
								{t('decisions.back')}
							</Link>
						</div>
					</Form>
				</>
			) : (
				<Form method="get" className="form" noValidate>
					<p>{t('decisions.withdrawIntro')}</p>
					<input type="hidden" name="stap" value="controleren" />
					<SelectField
						name="reason"
						label={t('staff.withdrawReason')}
						hint={
							unpaid.unpaidFeeEligible
								? undefined
								: t('decisions.withdrawUnpaidUnavailable', { days: unpaid.graceDays })
						}
						defaultValue={reasons.includes(value('reason') as never) ? value('reason') : ''}
						options={[
							{ value: '', label: t('decisions.withdrawReasonPlaceholder') },
							...reasons.map((reason) => ({ value: reason, label: t(`states.reason_${reason}`) })),
						]}
						errors={failure?.success === false ? failure.fieldErrors.reason : undefined}
					/>
					<InputField
						name="effectiveOn"
						type="date"
						min={today}
						label={t('staff.withdrawEffectiveOn')}
						hint={t('decisions.withdrawEffectiveHint', { today: formatCalendarDay(today, locale) })}
						defaultValue={value('effectiveOn')}
						errors={failure?.success === false ? failure.fieldErrors.effectiveOn : undefined}
					/>
					<TextareaField
						name="explanation"
						label={t('staff.withdrawExplanation')}
						hint={t('staff.withdrawExplanationHint')}
						rows={4}
						defaultValue={value('explanation')}
						errors={failure?.success === false ? failure.fieldErrors.explanation : undefined}
					/>
					<button type="submit" className="button">
						{t('decisions.withdrawPreviewButton')}
					</button>
				</Form>
			)}
		</div>
	)
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.withdrawals', 'meta.staff'])

export const ErrorBoundary = StaffErrorBoundary
