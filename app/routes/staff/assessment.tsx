import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/assessment'
import { DateTime, StaffErrorBoundary } from './ui.tsx'
import { ErrorSummary, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { StateBadge } from '#app/components/status-badge.tsx'
import type { Criterion, EvidenceItem, Norm } from '#app/domain/norm-set.ts'
import type { EvidenceAnswer } from '#app/domain/self-evaluation.ts'
import { useT } from '#app/i18n/react.tsx'
import { attempt, parseForm, refusalData } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { assessCriterion, confirmDecision, loadAssessment } from '#app/services/assessment.server.ts'
import { unpaidInvoices } from '#app/services/money-in-view.server.ts'
import { UnpaidInvoicesPanel } from './effect-preview.tsx'
import { pageMeta } from '#app/i18n/meta.ts'

const assessSchema = z
	.object({
		intent: z.literal('assess'),
		criterion: z.string().min(1),
		version: z.coerce.number().int().min(0),
		verdict: z.enum(['sufficient', 'insufficient'], 'staff.errorVerdictRequired'),
		feedback: z.string().trim().max(5000).default(''),
	})
	.refine((value) => value.verdict !== 'insufficient' || value.feedback.length > 0, {
		path: ['feedback'],
		message: 'staff.errorFeedbackRequired',
	})
const confirmSchema = z.object({
	intent: z.enum(['confirm', 'reject']),
	reason: z.string().trim().max(2000).optional(),
})

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const number = Number(params.round)
	invariantResponse(Number.isInteger(number) && number > 0, 'Niet gevonden')
	const assessment = await loadAssessment(params.participationId, number)
	invariantResponse(assessment, 'Niet gevonden')
	const { participation, round, loaded, answers, verdicts, previousVerdicts, diff, outcome, editable } = assessment
	const norms = loaded.normSet.themes.flatMap((theme) => theme.norms)
	const toAssess = new Set(outcome.toAssess.map((ref) => ref.key))
	return {
		userId: user.id,
		// Issue 12 §6: the provider's open and overdue invoices, of every year.
		unpaid: await unpaidInvoices(participation.provider.id),
		participation: {
			id: participation.id,
			year: participation.year,
			state: participation.state,
			provider: participation.provider,
			assessor: participation.assessor,
			fourEyes: participation.markYear.fourEyesNegative,
		},
		round: {
			number: round.number,
			submittedAt: round.submittedAt,
			outcome: round.outcome,
			proposedBy: round.outcomeProposedBy,
			proposedAt: round.outcomeProposedAt,
			confirmedBy: round.outcomeConfirmedBy,
			decidedAt: round.decidedAt,
		},
		rounds: participation.rounds
			.filter((candidate) => candidate.status === 'submitted')
			.map((candidate) => candidate.number),
		norms: norms
			.map((norm) => ({ ...norm, criteria: norm.criteria.filter((criterion) => toAssess.has(criterion.key)) }))
			.filter((norm) => norm.criteria.length > 0),
		answers,
		verdicts: Object.fromEntries(
			verdicts.map((row) => [
				row.criterionKey,
				{
					verdict: row.verdict,
					feedback: row.feedback,
					version: row.version,
					assessor: row.assessor.name,
					at: row.assessedAt,
				},
			]),
		),
		previousVerdicts: Object.fromEntries(
			previousVerdicts.map((row) => [row.criterionKey, { verdict: row.verdict, feedback: row.feedback }]),
		),
		diff: Object.fromEntries(diff.map((entry) => [entry.key, entry])),
		revised: round.number > 1,
		outcome: {
			allAssessed: outcome.allAssessed,
			missing: outcome.missingVerdicts.map((ref) => ref.code),
			insufficient: outcome.insufficient.map((ref) => ref.code),
			outcome: outcome.outcome,
			ruleWarnings: outcome.ruleWarnings.map((ref) => ref.key),
		},
		editable,
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request)
	const actor = { type: 'staff' as const, userId: user.id }
	const number = Number(params.round)
	invariantResponse(Number.isInteger(number) && number > 0, 'Niet gevonden')
	const formData = await request.formData()
	const intent = formData.get('intent')
	const here = href('/medewerkers/deelnames/:participationId/beoordeling/:round', {
		participationId: params.participationId,
		round: String(number),
	})
	if (intent === 'assess') {
		const form = parseForm(assessSchema, formData)
		const criterion = String(formData.get('criterion') ?? '')
		if (!form.success) return data({ ...form, criterion }, { status: 400 })
		const result = await attempt(() =>
			assessCriterion(actor, {
				participationId: params.participationId,
				round: number,
				criterionKey: form.data.criterion,
				verdict: form.data.verdict,
				feedback: form.data.feedback,
				expectedVersion: form.data.version,
			}),
		)
		if (!result.ok)
			return refusalData(result.error, user.locale, { values: { feedback: form.data.feedback }, extra: { criterion } })
		return redirectWithToast(`${here}#criterium-${form.data.criterion}`, {
			type: 'success',
			key: 'staff.toastAssessed',
		})
	}
	const form = parseForm(confirmSchema, formData)
	if (!form.success) return data({ ...form, criterion: '' }, { status: 400 })
	const result = await attempt(() =>
		confirmDecision(actor, {
			participationId: params.participationId,
			round: number,
			confirm: form.data.intent === 'confirm',
			reason: form.data.reason,
		}),
	)
	if (!result.ok) return refusalData(result.error, user.locale, { extra: { criterion: '' } })
	return redirectWithToast(here, {
		type: 'success',
		key: form.data.intent === 'confirm' ? 'staff.toastDecided' : 'staff.toastProposalRejected',
	})
}

type LoaderData = Route.ComponentProps['loaderData']

export default function Assessment({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { participation, round, norms, outcome, editable, revised, rounds, userId } = loaderData
	const generalErrors = actionData && !actionData.success && !actionData.criterion ? actionData : undefined
	const outcomeLabel = (value: string) =>
		t(
			value === 'qualified'
				? 'staff.outcomeQualified'
				: value === 'revision_requested'
					? 'staff.outcomeRevision'
					: 'staff.outcomeNotQualified',
		)
	const waiting = round.outcome && !round.decidedAt
	return (
		<div className="stack">
			<p>
				<Link to={href('/medewerkers/deelnames/:participationId', { participationId: participation.id })}>
					← {participation.provider.name}
				</Link>
			</p>
			<h1>{t('staff.assessmentTitle', { round: round.number, year: participation.year })}</h1>
			<p>
				{participation.provider.name} · {t(`states.${participation.provider.type}`)} ·{' '}
				<StateBadge state={participation.state} /> · {t('staff.submittedOn')} <DateTime value={round.submittedAt} />
			</p>
			{rounds.length > 1 ? (
				<nav aria-label={t('staff.roundsNav')}>
					<ul className="inline-list">
						{rounds.map((number) => (
							<li key={number}>
								{number === round.number ? (
									<span aria-current="page">{t('staff.roundN', { round: number })}</span>
								) : (
									<Link
										to={href('/medewerkers/deelnames/:participationId/beoordeling/:round', {
											participationId: participation.id,
											round: String(number),
										})}
									>
										{t('staff.roundN', { round: number })}
									</Link>
								)}
							</li>
						))}
					</ul>
				</nav>
			) : null}
			<ErrorSummary formErrors={generalErrors?.formErrors} />
			<UnpaidInvoicesPanel unpaid={loaderData.unpaid} />
			<section className="panel panel--info" aria-labelledby="decision">
				<h2 id="decision">{t('staff.decisionTitle')}</h2>
				{round.decidedAt && round.outcome ? (
					<p>
						{t('staff.decidedOutcome', { outcome: outcomeLabel(round.outcome) })} <DateTime value={round.decidedAt} />
						{round.proposedBy ? ` · ${round.proposedBy.name}` : ''}
						{round.confirmedBy ? ` · ${t('staff.confirmedBy', { name: round.confirmedBy.name })}` : ''}
					</p>
				) : waiting && round.outcome ? (
					<>
						<p>
							{t('staff.proposalWaiting', { outcome: outcomeLabel(round.outcome), name: round.proposedBy?.name ?? '' })}
						</p>
						{round.proposedBy?.id === userId ? (
							<p>{t('staff.proposalNeedsOther')}</p>
						) : (
							<Form method="post" className="form">
								<TextareaField name="reason" label={t('staff.proposalReason')} rows={2} />
								<div className="button-row">
									<SubmitButton name="intent" value="confirm">
										{t('staff.confirmProposal', { outcome: outcomeLabel(round.outcome) })}
									</SubmitButton>
									<SubmitButton name="intent" value="reject" className="button">
										{t('staff.rejectProposal')}
									</SubmitButton>
								</div>
							</Form>
						)}
					</>
				) : editable ? (
					outcome.allAssessed && outcome.outcome ? (
						<div className="stack">
							<p>{t('staff.decisionReady', { outcome: outcomeLabel(outcome.outcome) })}</p>
							{outcome.insufficient.length ? (
								<p>{t('staff.insufficientList', { list: outcome.insufficient.join(', ') })}</p>
							) : null}
							{participation.fourEyes && outcome.outcome !== 'qualified' ? <p>{t('staff.fourEyesNote')}</p> : null}
							{/* Issue 12 §5: the decision is taken on its confirmation page, after its preview. */}
							<p>
								<Link
									className="button"
									to={href('/medewerkers/deelnames/:participationId/beoordeling/:round/besluit', {
										participationId: participation.id,
										round: String(round.number),
									})}
								>
									{t('decisions.decisionPreviewLink')}
								</Link>
							</p>
						</div>
					) : (
						<p>{t('staff.decisionNotReady', { count: outcome.missing.length, list: outcome.missing.join(', ') })}</p>
					)
				) : (
					<p>{t('staff.notAssessable')}</p>
				)}
			</section>
			{norms.map((norm) => (
				<section key={norm.key} className="stack" aria-labelledby={`norm-${norm.key}`}>
					<h2 id={`norm-${norm.key}`}>{t('staff.normHeading', { code: norm.code, title: norm.title })}</h2>
					{norm.clientPromise ? (
						<p>
							<strong>{t('staff.clientPromise')}:</strong> {norm.clientPromise}
						</p>
					) : null}
					{norm.criteria.map((criterion) => (
						<CriterionBlock
							key={criterion.key}
							norm={norm}
							criterion={criterion}
							loaderData={loaderData}
							actionData={actionData}
							revised={revised}
							editable={editable}
						/>
					))}
				</section>
			))}
		</div>
	)
}

function CriterionBlock({
	norm,
	criterion,
	loaderData,
	actionData,
	revised,
	editable,
}: {
	norm: Norm
	criterion: Criterion
	loaderData: LoaderData
	actionData: Route.ComponentProps['actionData']
	revised: boolean
	editable: boolean
}) {
	const t = useT()
	const verdict = loaderData.verdicts[criterion.key]
	const previous = loaderData.previousVerdicts[criterion.key]
	const errors = actionData && !actionData.success && actionData.criterion === criterion.key ? actionData : undefined
	const changed = criterion.evidence.some((item) => {
		const entry = loaderData.diff[item.key]
		return entry && entry.status !== 'unchanged'
	})
	const headingId = `criterium-${criterion.key}`
	return (
		<article className="panel" aria-labelledby={headingId} id={headingId}>
			<h3>
				{criterion.code} {criterion.text.length > 120 ? `${criterion.text.slice(0, 117)}…` : criterion.text}{' '}
				{verdict ? (
					<span className={`badge badge--${verdict.verdict === 'sufficient' ? 'success' : 'danger'}`}>
						{t(verdict.verdict === 'sufficient' ? 'staff.verdictSufficient' : 'staff.verdictInsufficient')}
					</span>
				) : (
					<span className="badge badge--neutral">{t('staff.verdictMissing')}</span>
				)}
				{revised ? (
					<span className={`badge badge--${changed ? 'warning' : 'neutral'}`}>
						{t(changed ? 'staff.diffChanged' : 'staff.diffUnchanged')}
					</span>
				) : null}
			</h3>
			<div className="assessment">
				<div className="stack">
					<h4>{t('staff.providerAnswer')}</h4>
					{criterion.text.length > 120 ? <p className="pre-wrap">{criterion.text}</p> : null}
					{criterion.evidence.map((item) => (
						<EvidenceView
							key={item.key}
							item={item}
							answer={loaderData.answers[item.key]}
							diff={revised ? loaderData.diff[item.key] : undefined}
						/>
					))}
				</div>
				<div className="stack">
					<h4>{t('staff.assessmentFrame')}</h4>
					<dl>
						<dt>{t('staff.frameMet')}</dt>
						<dd className="pre-wrap">{criterion.assessmentFrame.met}</dd>
						<dt>{t('staff.frameNotMet')}</dt>
						<dd className="pre-wrap">{criterion.assessmentFrame.notMet}</dd>
					</dl>
					{criterion.guidance ? <p className="field__hint">{criterion.guidance}</p> : null}
					{loaderData.outcome.ruleWarnings.includes(criterion.key) ? (
						<p className="panel panel--warning">{t('staff.ruleWarning')}</p>
					) : null}
					{previous ? (
						<div className="panel panel--muted">
							<h5>{t('staff.previousFeedback')}</h5>
							<p>
								{t(previous.verdict === 'sufficient' ? 'staff.verdictSufficient' : 'staff.verdictInsufficient')}
								{previous.feedback ? `: ${previous.feedback}` : ''}
							</p>
						</div>
					) : null}
					{editable ? (
						<Form method="post" className="form" noValidate preventScrollReset>
							<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
							<input type="hidden" name="intent" value="assess" />
							<input type="hidden" name="criterion" value={criterion.key} />
							<input type="hidden" name="version" value={verdict?.version ?? 0} />
							<fieldset className="field">
								<legend className="field__label">{t('staff.verdict', { code: criterion.code })}</legend>
								<label className="data-table__option">
									<input
										type="radio"
										name="verdict"
										value="sufficient"
										defaultChecked={verdict?.verdict === 'sufficient'}
									/>
									{t('staff.verdictSufficient')}
								</label>
								<label className="data-table__option">
									<input
										type="radio"
										name="verdict"
										value="insufficient"
										defaultChecked={verdict?.verdict === 'insufficient'}
									/>
									{t('staff.verdictInsufficient')}
								</label>
							</fieldset>
							<TextareaField
								id={`feedback-${criterion.key}`}
								name="feedback"
								label={t('staff.feedback', { code: criterion.code })}
								hint={t('staff.feedbackHint')}
								rows={3}
								defaultValue={(errors?.values.feedback as string | undefined) ?? verdict?.feedback ?? ''}
								errors={errors?.fieldErrors.feedback}
							/>
							<SubmitButton className="button">{t('staff.saveVerdict', { code: criterion.code })}</SubmitButton>
						</Form>
					) : verdict?.feedback ? (
						<p>
							<strong>{t('staff.feedbackLabel')}:</strong> {verdict.feedback}
						</p>
					) : null}
					{verdict ? (
						<p className="field__hint">
							{verdict.assessor} · <DateTime value={verdict.at} />
						</p>
					) : null}
				</div>
			</div>
			<p className="visually-hidden">{norm.title}</p>
		</article>
	)
}

function EvidenceView({
	item,
	answer,
	diff,
}: {
	item: EvidenceItem
	answer: EvidenceAnswer | undefined
	diff?: LoaderData['diff'][string]
}) {
	const t = useT()
	const removedDocs = new Set(diff?.documents.removed.map((document) => document.id))
	return (
		<div className={diff && diff.status !== 'unchanged' ? 'diff-block' : undefined}>
			<p>
				<strong>{item.label}</strong>
				{diff && diff.status !== 'unchanged' ? (
					<span className="badge badge--warning">
						{t('staff.diffFields', {
							fields:
								diff.fields.map((field) => t(`staff.field_${field}`)).join(', ') || t(`staff.diff_${diff.status}`),
						})}
					</span>
				) : null}
			</p>
			{!answer ? <p className="empty-state">{t('staff.noAnswer')}</p> : null}
			{answer?.text ? (
				<p className={`pre-wrap${diff?.fields.includes('text') ? ' diff-added' : ''}`}>{answer.text}</p>
			) : null}
			{answer?.number !== undefined && answer.number !== null ? (
				<p className={diff?.fields.includes('number') ? 'diff-added' : undefined}>{answer.number}</p>
			) : null}
			{answer?.url ? (
				<p>
					<a href={answer.url} rel="noreferrer noopener" target="_blank">
						{answer.url}
					</a>
				</p>
			) : null}
			{answer?.checkedElements?.length ? (
				<ul>
					{answer.checkedElements.map((element) => (
						<li key={element} className={diff?.checked.added.includes(element) ? 'diff-added' : undefined}>
							{element}
						</li>
					))}
					{diff?.checked.removed.map((element) => (
						<li key={`removed-${element}`} className="diff-removed">
							{element}
						</li>
					))}
				</ul>
			) : null}
			{answer?.declared ? <p>{t('staff.declared')}</p> : null}
			{answer?.documents.length || removedDocs.size ? (
				<ul>
					{answer?.documents.map((document) => (
						<li
							key={document.id}
							className={diff?.documents.added.some((added) => added.id === document.id) ? 'diff-added' : undefined}
						>
							<a href={href('/medewerkers/documenten/:fileId', { fileId: document.id })}>{document.name}</a>
						</li>
					))}
					{diff?.documents.removed.map((document) => (
						<li key={`removed-${document.id}`} className="diff-removed">
							{document.name}
						</li>
					))}
				</ul>
			) : null}
		</div>
	)
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.assessment', 'meta.staff'])

export const ErrorBoundary = StaffErrorBoundary
