import { useCallback, useEffect, useRef, useState } from 'react'
import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/assessment'
import { CriterionBlock } from './assessment-criterion.tsx'
import { DecisionPanel } from './assessment-decision.tsx'
import { feedbackField, parseAssessmentForm, verdictField } from './assessment-form.ts'
import type { AssessmentDraftResponse } from './assessment-draft.ts'
import { DateTime, StaffErrorBoundary } from './ui.tsx'
import { ErrorSummary, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { StateBadge } from '#app/components/status-badge.tsx'
import {
	type AssessmentGroup,
	fillRemainingSufficient,
	groupStatus,
	verdictsNotNeeded,
} from '#app/domain/assessment-groups.ts'
import type { Criterion } from '#app/domain/norm-set.ts'
import type { CriterionVerdict } from '#app/domain/types.ts'
import { useT } from '#app/i18n/react.tsx'
import { attempt, parseForm, refusalData, readForm } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { draftOf, saveAssessment } from '#app/services/assessment-form.server.ts'
import { confirmDecision, loadAssessment } from '#app/services/assessment.server.ts'
import { unpaidInvoices } from '#app/services/money-in-view.server.ts'
import { UnpaidInvoicesPanel } from './effect-preview.tsx'
import { ConversationPanel } from './conversation-panel.tsx'
import { openThread } from '#app/services/conversation.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

const confirmSchema = z.object({
	intent: z.enum(['confirm', 'reject']),
	reason: z.string().trim().max(2000).optional(),
})

type FormValue = { verdict: CriterionVerdict | null; feedback: string }

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const number = Number(params.round)
	invariantResponse(Number.isInteger(number) && number > 0, 'Niet gevonden')
	const assessment = await loadAssessment(params.participationId, number)
	invariantResponse(assessment, 'Niet gevonden')
	const { participation, round, loaded, answers, verdicts, previousRound, comparison, outcome, editable, groups } =
		assessment
	const criteria = new Map(
		loaded.normSet.themes.flatMap((t) => t.norms.flatMap((n) => n.criteria.map((c) => [c.key, c]))),
	)
	const saved = Object.fromEntries(
		verdicts.map((row) => [
			row.criterionKey,
			{ verdict: row.verdict, feedback: row.feedback, assessor: row.assessor.name, at: row.assessedAt },
		]),
	)
	const draft = editable ? draftOf(round.assessmentDraft) : null
	// The form starts from the draft where there is one, else from the saved verdicts.
	const values: Record<string, FormValue> = {}
	for (const group of groups)
		for (const { key } of group.criteria)
			values[key] = draft?.verdicts[key] ?? {
				verdict: saved[key]?.verdict ?? null,
				feedback: saved[key]?.feedback ?? '',
			}
	const norms = loaded.normSet.themes
		.flatMap((theme) => theme.norms)
		.map((norm) => ({
			key: norm.key,
			code: norm.code,
			title: norm.title,
			clientPromise: norm.clientPromise ?? null,
			groups: groups
				.filter((group) => group.normKey === norm.key)
				.map((group) => ({
					group: group.group,
					criteria: group.criteria.map((ref) => criteria.get(ref.key)).filter((c): c is Criterion => Boolean(c)),
				})),
		}))
		.filter((norm) => norm.groups.length > 0)
	return {
		userId: user.id,
		// Issue 12 §4: the conversation with the provider next to the submission (showing it reads it).
		conversation: await openThread(participation.id, { userId: user.id, side: 'staff' }),
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
			message: round.assessmentMessage,
			notes: round.assessmentNotes,
		},
		rounds: participation.rounds
			.filter((candidate) => candidate.status === 'submitted')
			.map((candidate) => candidate.number),
		norms,
		groups,
		answers,
		saved,
		form: {
			version: round.assessmentVersion,
			values,
			message: draft?.message ?? round.assessmentMessage ?? '',
			notes: draft?.notes ?? round.assessmentNotes ?? '',
			draft: draft ? { by: round.assessmentDraftBy?.name ?? null, at: round.assessmentDraftAt } : null,
		},
		// Issue 12 §3: per criterion, the previous round's answer and feedback next to the new answer.
		comparison:
			comparison && previousRound
				? {
						round: previousRound.number,
						criteria: Object.fromEntries(comparison.map((entry) => [entry.key, entry])),
						changed: comparison.filter((entry) => entry.changed).length,
						collapsed: comparison.filter((entry) => entry.collapsed).length,
						total: comparison.length,
					}
				: null,
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
	const formData = await readForm(request)
	const intent = formData.get('intent')
	const here = href('/medewerkers/deelnames/:participationId/beoordeling/:round', {
		participationId: params.participationId,
		round: String(number),
	})
	if (intent === 'save' || intent === 'rest-sufficient') {
		const assessment = await loadAssessment(params.participationId, number)
		invariantResponse(assessment, 'Niet gevonden')
		const keys = assessment.groups.flatMap((group) => group.criteria.map((criterion) => criterion.key))
		const form = parseAssessmentForm(formData, keys, { draft: false })
		if (!form.success) return data({ ...form, intent: 'save' }, { status: 400 })
		let verdicts = form.data.verdicts
		if (intent === 'rest-sufficient') {
			// Without JavaScript "alle overige voldoende" is this save: the domain fills in the rest,
			// counting the verdicts already saved.
			const current = Object.fromEntries(
				keys.map((key) => [
					key,
					verdicts[key]?.verdict ?? assessment.verdicts.find((row) => row.criterionKey === key)?.verdict ?? undefined,
				]),
			)
			const filled = fillRemainingSufficient(assessment.groups, current)
			verdicts = Object.fromEntries(
				keys
					.filter((key) => filled[key])
					.map((key) => [key, { verdict: filled[key] ?? null, feedback: verdicts[key]?.feedback ?? '' }]),
			)
		}
		const result = await attempt(() =>
			saveAssessment(actor, {
				participationId: params.participationId,
				round: number,
				expectedVersion: form.data.version,
				form: { verdicts, message: form.data.message, notes: form.data.notes },
			}),
		)
		if (!result.ok) return refusalData(result.error, user.locale, { extra: { intent: 'save' } })
		return redirectWithToast(`${here}#beoordeling`, { type: 'success', key: 'workbench.toastSaved' })
	}

	const form = parseForm(confirmSchema, formData)
	if (!form.success) return data({ ...form, intent: 'confirm' }, { status: 400 })
	const result = await attempt(() =>
		confirmDecision(actor, {
			participationId: params.participationId,
			round: number,
			confirm: form.data.intent === 'confirm',
			reason: form.data.reason,
		}),
	)
	if (!result.ok) return refusalData(result.error, user.locale, { extra: { intent: 'confirm' } })
	return redirectWithToast(here, {
		type: 'success',
		key: form.data.intent === 'confirm' ? 'staff.toastDecided' : 'staff.toastProposalRejected',
	})
}

type LoaderData = Route.ComponentProps['loaderData']

export default function Assessment({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { participation, round, outcome, editable, rounds, userId, form } = loaderData
	const saveErrors = actionData && !actionData.success && actionData.intent === 'save' ? actionData : undefined
	const otherErrors = actionData && !actionData.success && actionData.intent !== 'save' ? actionData : undefined
	const posted = saveErrors?.values as Record<string, string | undefined> | undefined
	const valueOf = (key: string): FormValue =>
		posted
			? {
					verdict: (posted[verdictField(key)] as CriterionVerdict | undefined) ?? null,
					feedback: posted[feedbackField(key)] ?? '',
				}
			: (form.values[key] ?? { verdict: null, feedback: '' })
	const formVerdicts = Object.fromEntries(
		Object.keys(form.values).map((key) => [key, valueOf(key).verdict ?? undefined]),
	)
	const notNeeded = verdictsNotNeeded(loaderData.groups, formVerdicts)
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
				{participation.assessor ? ` · ${t('workbench.assessorIs', { name: participation.assessor.name })}` : ''}
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
			<ErrorSummary formErrors={otherErrors?.formErrors} />
			<UnpaidInvoicesPanel unpaid={loaderData.unpaid} />
			{loaderData.comparison ? <ComparisonSummary comparison={loaderData.comparison} /> : null}
			<ConversationPanel
				participationId={participation.id}
				providerName={participation.provider.name}
				messages={loaderData.conversation.messages}
				unread={loaderData.conversation.unread}
				returnTo={href('/medewerkers/deelnames/:participationId/beoordeling/:round', {
					participationId: participation.id,
					round: String(round.number),
				})}
			/>
			<DecisionPanel
				userId={userId}
				fourEyes={participation.fourEyes}
				editable={editable}
				unsavedDraft={Boolean(form.draft)}
				round={round}
				outcome={outcome}
				decisionHref={href('/medewerkers/deelnames/:participationId/beoordeling/:round/besluit', {
					participationId: participation.id,
					round: String(round.number),
				})}
			/>
			{editable ? (
				<AssessmentForm loaderData={loaderData} valueOf={valueOf} notNeeded={notNeeded} errors={saveErrors} />
			) : (
				<>
					{round.message ? (
						<section className="panel" aria-labelledby="message-title">
							<h2 id="message-title">{t('workbench.messageLabel')}</h2>
							<p className="pre-wrap">{round.message}</p>
						</section>
					) : null}
					{round.notes ? (
						<section className="panel panel--muted" aria-labelledby="notes-title">
							<h2 id="notes-title">{t('workbench.notesLabel')}</h2>
							<p className="pre-wrap">{round.notes}</p>
						</section>
					) : null}
					<Criteria loaderData={loaderData} valueOf={valueOf} notNeeded={notNeeded} errors={undefined} />
				</>
			)}
		</div>
	)
}

/** What changed since the previous round, at a glance, and how the changes are marked. */
function ComparisonSummary({ comparison }: { comparison: NonNullable<LoaderData['comparison']> }) {
	const t = useT()
	return (
		<section className="panel" aria-labelledby="comparison-title" data-testid="round-comparison">
			<h2 id="comparison-title">{t('workbench.compareTitle', { round: comparison.round })}</h2>
			<p>
				{t('workbench.compareChangedCount', { count: comparison.changed, total: comparison.total })}{' '}
				{t('workbench.compareCollapsedCount', { count: comparison.collapsed })}
			</p>
			<p className="field__hint">
				{t('workbench.compareLegend')} <ins className="diff-ins">{t('workbench.compareLegendAdded')}</ins>,{' '}
				<del className="diff-del">{t('workbench.compareLegendRemoved')}</del>.
			</p>
		</section>
	)
}

interface FormPartsProps {
	loaderData: LoaderData
	valueOf: (key: string) => FormValue
	notNeeded: Set<string>
	errors: { fieldErrors: Record<string, string[]>; formErrors: string[] } | undefined
}

function Criteria({ loaderData, valueOf, notNeeded, errors }: FormPartsProps) {
	const t = useT()
	const { norms, editable, comparison } = loaderData
	return norms.map((norm) => (
		<section key={norm.key} className="stack" aria-labelledby={`norm-${norm.key}`}>
			<h2 id={`norm-${norm.key}`}>{t('staff.normHeading', { code: norm.code, title: norm.title })}</h2>
			{norm.clientPromise ? (
				<p>
					<strong>{t('staff.clientPromise')}:</strong> {norm.clientPromise}
				</p>
			) : null}
			{norm.groups.map((group) => {
				const blocks = group.criteria.map((criterion) => {
					const compared = comparison?.criteria[criterion.key]
					const value = valueOf(criterion.key)
					const feedbackErrors = errors?.fieldErrors[feedbackField(criterion.key)]
					const block = (
						<CriterionBlock
							key={criterion.key}
							view={{
								criterion,
								answers: loaderData.answers,
								saved: loaderData.saved[criterion.key],
								value,
								comparison: comparison && compared ? { round: comparison.round, criterion: compared } : undefined,
								ruleWarning: loaderData.outcome.ruleWarnings.includes(criterion.key),
								notNeeded: notNeeded.has(criterion.key),
								editable,
								feedbackErrors,
							}}
						/>
					)
					if (!comparison || !compared?.collapsed) return block
					// Unchanged and sufficient last round: folded away, still in the form (its verdict
					// controls post with it), open where it needs attention.
					return (
						<details
							key={criterion.key}
							className="criterion-collapsed"
							open={value.verdict === 'insufficient' || Boolean(feedbackErrors?.length)}
						>
							<summary>
								{criterion.code} {criterion.text.length > 80 ? `${criterion.text.slice(0, 77)}…` : criterion.text}{' '}
								<span className="badge badge--neutral">
									{t('workbench.compareCollapsedBadge', { round: comparison.round })}
								</span>
							</summary>
							{block}
						</details>
					)
				})
				if (group.criteria.length < 2) return blocks
				const ref = loaderData.groups.find(
					(candidate) => candidate.normKey === norm.key && candidate.group === group.group,
				)
				const status = ref
					? groupStatus(
							ref,
							Object.fromEntries(group.criteria.map((c) => [c.key, valueOf(c.key).verdict ?? undefined])),
						)
					: 'open'
				const codes = group.criteria.map((criterion) => criterion.code)
				return (
					<section
						key={`group-${group.group}`}
						className="assessment-group stack"
						aria-labelledby={`group-${norm.key}-${group.group}`}
					>
						<h3 id={`group-${norm.key}-${group.group}`}>
							{t('workbench.groupTitle', { codes: codes.join(` ${t('workbench.or')} `) })}{' '}
							<span
								className={`badge badge--${status === 'sufficient' ? 'success' : status === 'insufficient' ? 'danger' : 'neutral'}`}
							>
								{t(`workbench.group_${status}`)}
							</span>
						</h3>
						<p className="field__hint">{t('workbench.groupHint')}</p>
						{blocks}
					</section>
				)
			})}
		</section>
	))
}

const AUTOSAVE_MS = 1500

type DraftStatus =
	| { kind: 'idle' }
	| { kind: 'saving' }
	| { kind: 'saved'; at: string }
	| { kind: 'conflict'; by: string | null; at: string | null }
	| { kind: 'failed' }
	| { kind: 'filled'; count: number }

/**
 * The form with every criterion, the message and the notes. With JavaScript it autosaves a draft
 * (the version travels with it; a conflict stops autosaving and says so) and "alle overige
 * voldoende" fills the open radio groups in the page; without, the same button posts and the
 * server fills them in.
 */
function AssessmentForm({ loaderData, valueOf, notNeeded, errors }: FormPartsProps) {
	const t = useT()
	const { participation, round, form } = loaderData
	const formRef = useRef<HTMLFormElement>(null)
	const versionRef = useRef<HTMLInputElement>(null)
	const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
	const stopped = useRef(false)
	const [status, setStatus] = useState<DraftStatus>({ kind: 'idle' })
	const endpoint = href('/medewerkers/deelnames/:participationId/beoordeling/:round/concept', {
		participationId: participation.id,
		round: String(round.number),
	})

	const saveDraft = useCallback(async () => {
		const element = formRef.current
		if (!element || stopped.current) return
		const body = new FormData(element)
		body.delete('intent')
		setStatus({ kind: 'saving' })
		try {
			const response = await fetch(endpoint, { method: 'POST', body, headers: { Accept: 'application/json' } })
			const result = (await response.json()) as AssessmentDraftResponse
			if (result.ok) {
				if (versionRef.current) versionRef.current.value = String(result.version)
				setStatus({ kind: 'saved', at: result.savedAt })
			} else if (result.reason === 'conflict') {
				stopped.current = true
				setStatus({ kind: 'conflict', by: result.by, at: result.at })
			} else setStatus({ kind: 'failed' })
		} catch {
			setStatus({ kind: 'failed' })
		}
	}, [endpoint])

	const schedule = useCallback(() => {
		if (stopped.current) return
		clearTimeout(timer.current)
		timer.current = setTimeout(() => void saveDraft(), AUTOSAVE_MS)
	}, [saveDraft])

	useEffect(() => () => clearTimeout(timer.current), [])

	const fillRest = (event: React.MouseEvent<HTMLButtonElement>) => {
		const element = formRef.current
		if (!element) return
		event.preventDefault()
		const current: Record<string, CriterionVerdict | undefined> = {}
		for (const key of Object.keys(form.values)) {
			const checked = element.querySelector<HTMLInputElement>(`input[name="${CSS.escape(verdictField(key))}"]:checked`)
			current[key] = (checked?.value as CriterionVerdict | undefined) ?? undefined
		}
		const filled = fillRemainingSufficient(loaderData.groups as AssessmentGroup[], current)
		let count = 0
		for (const [key, verdict] of Object.entries(filled)) {
			if (!verdict || current[key]) continue
			const radio = element.querySelector<HTMLInputElement>(
				`input[name="${CSS.escape(verdictField(key))}"][value="${verdict}"]`,
			)
			if (radio) {
				radio.checked = true
				count++
			}
		}
		setStatus({ kind: 'filled', count })
		schedule()
	}

	return (
		<Form
			method="post"
			className="form stack"
			id="beoordeling"
			ref={formRef}
			key={`${round.number}-${form.version}`}
			noValidate
			onChange={schedule}
			onSubmit={() => clearTimeout(timer.current)}
			aria-labelledby="form-title"
		>
			<h2 id="form-title">{t('workbench.formTitle')}</h2>
			<p>{t('workbench.formIntro')}</p>
			<input ref={versionRef} type="hidden" name="version" defaultValue={form.version} />
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			{form.draft ? (
				<p className="panel panel--warning">
					{t('workbench.draftNotice', { name: form.draft.by ?? '—' })} <DateTime value={form.draft.at} />
				</p>
			) : null}
			<p role="status" aria-live="polite" className="field__hint">
				<DraftStatusText status={status} />
			</p>
			<div className="button-row">
				<button type="submit" name="intent" value="rest-sufficient" className="button" onClick={fillRest}>
					{t('workbench.restSufficient')}
				</button>
				<SubmitButton name="intent" value="save">
					{t('workbench.save')}
				</SubmitButton>
			</div>
			<Criteria loaderData={loaderData} valueOf={valueOf} notNeeded={notNeeded} errors={errors} />
			<TextareaField
				name="message"
				label={t('workbench.messageLabel')}
				hint={t('workbench.messageHint')}
				rows={4}
				defaultValue={form.message}
			/>
			<TextareaField
				name="notes"
				label={t('workbench.notesLabel')}
				hint={t('workbench.notesHint')}
				rows={3}
				defaultValue={form.notes}
			/>
			<div className="button-row">
				<SubmitButton name="intent" value="save">
					{t('workbench.save')}
				</SubmitButton>
			</div>
		</Form>
	)
}

function DraftStatusText({ status }: { status: DraftStatus }) {
	const t = useT()
	switch (status.kind) {
		case 'saving':
			return t('workbench.draftSaving')
		case 'saved':
			return (
				<>
					{t('workbench.draftSaved')} <DateTime value={status.at} />
				</>
			)
		case 'conflict':
			return t('workbench.draftConflict', { name: status.by ?? '—' })
		case 'failed':
			return t('workbench.draftFailed')
		case 'filled':
			return t('workbench.filledRest', { count: status.count })
		default:
			return null
	}
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.assessment', 'meta.staff'])

export const ErrorBoundary = StaffErrorBoundary
