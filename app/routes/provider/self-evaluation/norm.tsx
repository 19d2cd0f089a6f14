import { type FormEvent, useEffect, useRef, useState } from 'react'
import { data, Form, href, Link, useLocation, useSubmit } from 'react-router'
import type { Route } from './+types/norm'
import { AutosaveFieldset, settleAutosaves } from './autosave-fieldset.tsx'
import { EvidenceInputs, type MissingView } from './evidence-inputs.tsx'
import { isMarked, missingNoteId, uploadInputId } from './missing-marks.ts'
import { actorOf, requireSelfEvaluation } from './context.server.ts'
import { parseAnswerFields, summariseAnswer } from './answer-fields.ts'
import { DocumentList, NormNav, ProgressBar, selfEvaluationLinks } from './ui.tsx'
import { UploadForm } from './upload-form.tsx'
import { amsterdamDay } from './time.ts'
import { now } from '#app/lib/clock.server.ts'
import { ErrorSummary, SubmitButton, useErrorText } from '#app/components/forms.tsx'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { isNormApplicable, applies } from '#app/domain/norm-set.ts'
import { formatList } from '#app/i18n/format.ts'
import { criterionTitle, evidenceIssuesText, missingItemText } from '#app/i18n/completeness.ts'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import {
	attempt,
	controlCharacterFields,
	type FieldErrors,
	type FormValues,
	echoFields,
	readForm,
} from '#app/lib/forms.ts'
import { translateError } from '#app/i18n/errors.ts'
import { translate } from '#app/i18n/translate.ts'
import { notFound } from '#app/lib/http.server.ts'
import { decodedOr } from '#app/lib/decoded.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { receiveUpload } from './upload.server.ts'
import {
	answerRows,
	decidedFeedback,
	profileOf,
	removeDocument,
	saveAnswer,
} from '#app/services/self-evaluation.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export const links: Route.LinksFunction = selfEvaluationLinks

const FORM_ID = 'answers'

async function loadNorm(request: Request, params: Route.LoaderArgs['params']) {
	const context = await requireSelfEvaluation(request, params)
	// Only the norms that apply to this provider have a page (a norm that does not apply is a 404).
	const profile = profileOf(context.participation)
	const norms = context.loaded.normSet.themes
		.flatMap((theme) => theme.norms)
		.filter((candidate) => isNormApplicable(candidate, profile))
	const index = norms.findIndex((candidate) => candidate.code === params.normCode)
	const norm = norms[index]
	if (!norm) notFound()
	return { ...context, norm, next: norms[index + 1] ?? null }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, participation, loaded, draft, shown, answers, report, norm, next, year, providerId } = await loadNorm(
		request,
		params,
	)
	const profile = profileOf(participation)
	const rows = shown ? await answerRows(shown.id, loaded) : {}
	// In a revision, the feedback on the round it was copied from: insufficient criteria stand out.
	const previous = shown?.copiedFromRoundId
		? participation.rounds.find((round) => round.id === shown.copiedFromRoundId)
		: undefined
	const feedback = previous ? await decidedFeedback(previous, loaded) : {}
	const criteria = norm.criteria.filter((criterion) => applies(criterion.appliesTo, profile))
	// Issue 13: what the check page would list for this norm, per evidence item (marked on its
	// controls) and per group of alternatives none of which is complete (a note on the first one).
	const missing: Record<string, MissingView> = {}
	const groupNotes: Record<string, string> = {}
	if (draft) {
		for (const entry of report.missing) {
			if (entry.normCode !== norm.code) continue
			if (entry.evidenceKey && entry.issue) {
				const view = (missing[entry.evidenceKey] ??= { text: '', issues: [] })
				view.issues.push(entry.issue)
			} else if (!entry.issue && entry.criterionCodes[0]) {
				groupNotes[entry.criterionCodes[0]] = missingItemText(entry, user.locale, loaded.normSet)
			}
		}
		for (const view of Object.values(missing)) view.text = evidenceIssuesText(view.issues, user.locale)
	}
	return {
		providerId,
		year,
		round: shown
			? { id: shown.id, number: shown.number, status: shown.status, prefilledFromYear: shown.prefilledFromYear }
			: null,
		editable: Boolean(draft),
		norm: {
			code: norm.code,
			title: norm.title,
			explanation: norm.explanation,
			clientPromise: norm.clientPromise ?? null,
			applicable: isNormApplicable(norm, profile),
		},
		criteria: criteria.map((criterion) => ({
			...criterion,
			alternatives:
				criteria.filter((other) => other.group === criterion.group).length > 1
					? criteria
							.filter((other) => other.group === criterion.group)
							.map((other) => ({ code: other.code, title: criterionTitle(other) }))
					: null,
		})),
		missing,
		groupNotes,
		answers,
		rows,
		feedback,
		progress: report.norms,
		next: next ? { code: next.code } : null,
		today: amsterdamDay(now()),
	}
}

type ActionData = {
	fieldErrors: FieldErrors
	formErrors: string[]
	values: FormValues
	conflicts: string[]
	theirs: Record<string, string>
	/** The stored version each conflict showed: once the answer is saved over, it is resolved. */
	theirVersions: Record<string, number>
	upload?: { key: string | null; error: MessageKey | string }
}

function failure(partial: Partial<ActionData>, status: number, headers?: Record<string, string>) {
	return data<ActionData>(
		{ fieldErrors: {}, formErrors: [], values: {}, conflicts: [], theirs: {}, theirVersions: {}, ...partial },
		{ status, headers },
	)
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, norm, next, year, providerId, participation } = await loadNorm(request, params)
	const actor = actorOf(user)
	const here = href('/aanbieder/:providerId/zelfevaluatie/:year/norm/:normCode', {
		providerId,
		year: String(year),
		normCode: norm.code,
	})
	const uploadKey = new URL(request.url).searchParams.get('upload')

	if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
		// Without JavaScript an upload is a plain form post here; with it, upload.ts answers in JSON.
		const outcome = await receiveUpload(request, { user, providerId, year, uploadKey })
		if (!outcome.ok)
			return failure({ upload: { key: outcome.evidenceKey, error: outcome.error } }, outcome.status, outcome.headers)
		return redirectWithToast(`${here}#vraag-${uploadKey ?? ''}`, {
			type: 'success',
			key: 'selfEvaluation.toastUploaded',
		})
	}

	const formData = await readForm(request)
	const intent = formData.get('intent')
	if (intent === 'remove') {
		const result = await attempt(() =>
			removeDocument({ providerId, year, fileId: String(formData.get('fileId') ?? '') }),
		)
		if (!result.ok) return failure({ formErrors: [translateError(result.error, user.locale)] }, result.error.status)
		return redirectWithToast(here, { type: 'success', key: 'selfEvaluation.toastRemoved' })
	}

	// A failed form comes back with this norm's answer fields only, each capped (issue 15).
	const ownKeys = norm.criteria.flatMap((criterion) => criterion.evidence.map((item) => `${item.key}:`))
	const ownValues = () => echoFields(formData, (name) => ownKeys.some((prefix) => name.startsWith(prefix)))

	// A control character anywhere (text pasted from a PDF): nothing of the form is saved (issue 15).
	const refused = controlCharacterFields(formData)
	if (refused.length > 0)
		return failure(
			{
				fieldErrors: Object.fromEntries(refused.map((name) => [name, ['errors.controlCharacter']])),
				formErrors: [translate(user.locale, 'errors.controlCharacterForm')],
				values: ownValues(),
			},
			400,
		)

	// Save every item of this norm the form carried; only changed answers are written.
	const profile = profileOf(participation)
	const fieldErrors: FieldErrors = {}
	const conflicts: string[] = []
	const theirs: Record<string, string> = {}
	const theirVersions: Record<string, number> = {}
	const formErrors: string[] = []
	for (const criterion of norm.criteria) {
		if (!applies(criterion.appliesTo, profile)) continue
		for (const item of criterion.evidence) {
			const parsed = parseAnswerFields(formData, item)
			if (parsed.ok === 'absent') continue
			if (!parsed.ok) {
				fieldErrors[parsed.field] = [parsed.error]
				continue
			}
			const attempted = await attempt(() =>
				saveAnswer(actor, {
					providerId,
					year,
					evidenceKey: item.key,
					expectedVersion: parsed.expectedVersion,
					value: parsed.value,
				}),
			)
			if (!attempted.ok) {
				const message = translateError(attempted.error, user.locale)
				if (!formErrors.includes(message)) formErrors.push(message)
				continue
			}
			const result = attempted.value
			if (result.ok) continue
			conflicts.push(item.key)
			theirs[item.key] = summariseAnswer(result.current)
			theirVersions[item.key] = result.current.version
		}
	}
	if (Object.keys(fieldErrors).length || conflicts.length || formErrors.length) {
		return failure(
			{ fieldErrors, formErrors, conflicts, theirs, theirVersions, values: ownValues() },
			conflicts.length || formErrors.length ? 409 : 400,
		)
	}
	const target =
		intent === 'save-next' && next
			? href('/aanbieder/:providerId/zelfevaluatie/:year/norm/:normCode', {
					providerId,
					year: String(year),
					normCode: next.code,
				})
			: intent === 'save-check'
				? href('/aanbieder/:providerId/zelfevaluatie/:year/controle', { providerId, year: String(year) })
				: here
	return redirectWithToast(target, { type: 'success', key: 'selfEvaluation.toastSaved' })
}

export default function NormPage({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const errorText = useErrorText()
	const {
		providerId,
		year,
		round,
		editable,
		norm,
		criteria,
		answers,
		rows,
		feedback,
		progress,
		next,
		today,
		missing,
		groupNotes,
	} = loaderData
	useFocusOnHash()
	const sendAfterAutosaves = useSendAfterAutosaves()
	const base = href('/aanbieder/:providerId/zelfevaluatie/:year', { providerId, year: String(year) })
	const here = `${base}/norm/${norm.code}`
	const failed = useKeptFailure(actionData as ActionData | undefined)
	const own = progress.find((entry) => entry.code === norm.code)
	// A conflict stands while the colleague's version is what is stored; saved over since (the
	// autosave's "Mijn versie opslaan", or the colleague again), this page's note about it is old.
	const conflicts = (failed?.conflicts ?? []).filter(
		(key) => (rows[key]?.version ?? 0) <= (failed?.theirVersions[key] ?? Number.POSITIVE_INFINITY),
	)
	const conflictCount = conflicts.length
	return (
		<div className="stack self-evaluation">
			<p>
				<Link to={base}>{t('selfEvaluation.backToOverview')}</Link>
			</p>
			<div className="self-evaluation__layout">
				<NormNav base={base} norms={progress} current={norm.code} />
				<div className="stack">
					<h1>{t('selfEvaluation.normLink', { code: norm.code, title: norm.title })}</h1>
					{own ? <ProgressBar answered={own.answered} required={own.required} /> : null}
					{!editable ? <p className="panel panel--info">{t('selfEvaluation.readOnly')}</p> : null}
					{round?.prefilledFromYear && editable ? (
						<p className="panel panel--info">{t('selfEvaluation.prefilled', { year: round.prefilledFromYear })}</p>
					) : null}
					<ErrorSummary
						fieldErrors={failed?.fieldErrors}
						formErrors={[
							...(failed?.formErrors ?? []),
							...(conflictCount ? [t('selfEvaluation.conflictsOnSave', { count: conflictCount })] : []),
							...(failed?.upload && !failed.upload.key ? [errorText(failed.upload.error)] : []),
						]}
					/>
					{norm.clientPromise ? (
						<div className="panel panel--muted">
							<h2 className="h-small">{t('selfEvaluation.clientPromise')}</h2>
							<p>{norm.clientPromise}</p>
						</div>
					) : null}
					<p>{norm.explanation}</p>
					{!norm.applicable ? (
						<p className="empty-state">{t('selfEvaluation.normNotApplicable')}</p>
					) : (
						criteria.map((criterion) => {
							const verdict = feedback[criterion.key]
							const prefillChanged = criterion.evidence.some((item) => rows[item.key]?.prefill === 'criterion_changed')
							return (
								<section
									key={criterion.key}
									id={`criterium-${criterion.code}`}
									className={`criterion${verdict?.verdict === 'insufficient' ? ' criterion--insufficient' : ''}`}
									aria-labelledby={`criterium-${criterion.code}-title`}
								>
									<h2 id={`criterium-${criterion.code}-title`}>
										{t('selfEvaluation.criterionTitle', { code: criterion.code })}
									</h2>
									{verdict?.verdict === 'insufficient' ? (
										<p className="badge badge--warning">{t('selfEvaluation.insufficientMarker')}</p>
									) : null}
									<p>{criterion.text}</p>
									{criterion.alternatives ? (
										<p className="field__hint">
											{t('selfEvaluation.alternativesHint', {
												codes: formatList(
													criterion.alternatives.map((alternative) =>
														t('selfEvaluation.alternativeNamed', alternative),
													),
													locale,
													'disjunction',
												),
											})}
										</p>
									) : null}
									{groupNotes[criterion.code] ? (
										<p className="evidence__missing">
											<strong>{t('selfEvaluation.missingNote')}</strong> {groupNotes[criterion.code]}
										</p>
									) : null}
									{criterion.guidance ? (
										<details>
											<summary>{t('selfEvaluation.guidance')}</summary>
											<p>{criterion.guidance}</p>
										</details>
									) : null}
									<details>
										<summary>{t('selfEvaluation.frameMet')}</summary>
										<p>{criterion.assessmentFrame.met}</p>
									</details>
									{verdict ? (
										<div
											className={`panel ${verdict.verdict === 'insufficient' ? 'panel--warning' : 'panel--success'}`}
										>
											<p>
												<strong>{t('selfEvaluation.previousFeedback')}:</strong>{' '}
												{t(
													verdict.verdict === 'insufficient'
														? 'selfEvaluation.verdictInsufficient'
														: 'selfEvaluation.verdictSufficient',
												)}
											</p>
											{verdict.feedback ? <p>{verdict.feedback}</p> : null}
										</div>
									) : null}
									{prefillChanged && round?.prefilledFromYear ? (
										<p className="panel panel--warning">
											{t('selfEvaluation.prefillChanged', { year: round.prefilledFromYear })}
										</p>
									) : null}
									{criterion.evidence.map((item) => {
										const row = rows[item.key]
										const uploadError = failed?.upload?.key === item.key ? failed.upload.error : undefined
										return (
											<div key={item.key} id={`vraag-${item.key}`} className="evidence">
												<AutosaveFieldset
													evidenceKey={item.key}
													roundId={round?.id ?? 'none'}
													endpoint={`${base}/antwoord`}
													version={row?.version ?? 0}
													savedAt={row?.version ? new Date(row.updatedAt).toISOString() : null}
													today={today}
													editable={editable}
													formId={FORM_ID}
													className="evidence__fields"
												>
													<legend
														className={
															item.kind === 'template_upload' || item.kind === 'declaration'
																? 'evidence__legend'
																: 'visually-hidden'
														}
													>
														{item.label}
													</legend>
													<EvidenceInputs
														item={item}
														answer={answers[item.key]}
														formId={FORM_ID}
														values={failed?.values}
														errors={failed?.fieldErrors}
														missing={editable ? missing[item.key] : undefined}
													/>
													{failed && conflicts.includes(item.key) ? (
														<div className="panel panel--warning">
															<p>{t('selfEvaluation.conflictOnPage')}</p>
															<blockquote className="conflict__theirs">
																{failed.theirs[item.key] || t('selfEvaluation.conflictEmpty')}
															</blockquote>
														</div>
													) : null}
												</AutosaveFieldset>
												{item.kind === 'template_upload' ? (
													<div className="stack">
														<h3 className="h-small">{t('selfEvaluation.documentsTitle')}</h3>
														<DocumentList
															base={base}
															documents={row?.documents ?? []}
															editable={editable}
															action={`${here}?upload=${encodeURIComponent(item.key)}`}
															endpoint={`${base}/document?upload=${encodeURIComponent(item.key)}`}
															evidenceKey={item.key}
														/>
														{editable ? (
															<UploadForm
																action={`${here}?upload=${encodeURIComponent(item.key)}`}
																endpoint={`${base}/document?upload=${encodeURIComponent(item.key)}`}
																evidenceKey={item.key}
																inputId={uploadInputId(item.key)}
																missing={
																	missing[item.key] && isMarked(missing[item.key]!.issues, 'upload')
																		? missingNoteId(item.key)
																		: undefined
																}
																label={`${t('selfEvaluation.uploadLabel')} (${item.label})`}
																hint={t('selfEvaluation.uploadHint')}
																button={t('selfEvaluation.uploadButton')}
																error={uploadError ? errorText(uploadError) : undefined}
															/>
														) : null}
													</div>
												) : row?.documents.length ? (
													// Attached by the portal (the spiegelrapportage PDF): listed, removable, not replaceable.
													<div className="stack">
														<h3 className="h-small">{t('selfEvaluation.documentsTitle')}</h3>
														<DocumentList base={base} documents={row.documents} editable={editable} />
													</div>
												) : null}
											</div>
										)
									})}
								</section>
							)
						})
					)}
					{editable && norm.applicable ? (
						<Form id={FORM_ID} method="post" className="button-row" onSubmit={sendAfterAutosaves}>
							<SubmitButton name="intent" value="save">
								{t('selfEvaluation.save')}
							</SubmitButton>
							{next ? (
								<SubmitButton name="intent" value="save-next" className="button">
									{t('selfEvaluation.saveAndNext', { code: next.code })}
								</SubmitButton>
							) : (
								<SubmitButton name="intent" value="save-check" className="button">
									{t('selfEvaluation.saveAndCheck')}
								</SubmitButton>
							)}
						</Form>
					) : next ? (
						<p>
							<Link to={`${base}/norm/${next.code}`}>{t('selfEvaluation.goToNorm', { code: next.code })}</Link>
						</p>
					) : null}
				</div>
			</div>
		</div>
	)
}

/**
 * The page form's answer (a colleague's conflict, a refused field) stays on screen until the person
 * sends or leaves the page. React Router drops `actionData` on any later revalidation, and an
 * autosave of another answer on this page revalidates the loaders: a colleague's conflict, with
 * their version and the "your text is still in the form" note, vanished before it could be read.
 * Kept per location: a new submission or navigation has a new location key, a revalidation not.
 */
function useKeptFailure(actionData: ActionData | undefined): ActionData | undefined {
	const { key } = useLocation()
	const [kept, setKept] = useState<{ key: string; failure: ActionData } | null>(null)
	if (actionData && (kept?.failure !== actionData || kept.key !== key)) setKept({ key, failure: actionData })
	return actionData ?? (kept?.key === key ? kept.failure : undefined)
}

/**
 * Issue 13: the page form is sent once the answers' own autosaves are at rest, so it never crosses
 * a save of the same person with other content (which the server must call a conflict). Without
 * JavaScript there are no autosaves and the form goes as it is.
 */
function useSendAfterAutosaves() {
	const submit = useSubmit()
	const waiting = useRef(false)
	return (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault()
		// A second press while the autosaves settle sends nothing twice.
		if (waiting.current) return
		waiting.current = true
		const form = event.currentTarget
		const submitter = (event.nativeEvent as SubmitEvent).submitter
		void settleAutosaves()
			.then(() => submit(submitter instanceof HTMLButtonElement ? submitter : form, { method: 'post' }))
			.finally(() => {
				waiting.current = false
			})
	}
}

/**
 * Issue 13: a link from the check page (`…/norm/3#field-<key>:text`) lands on the control itself:
 * the browser scrolls there, and this puts the focus in it (a section or wrapper hands the focus to
 * its first control), so typing can start at once.
 */
function useFocusOnHash() {
	const location = useLocation()
	useEffect(() => {
		if (!location.hash) return
		const target = document.getElementById(decodedOr(location.hash.slice(1)))
		if (!target) return
		const control = target.matches('input, textarea, select, button')
			? target
			: target.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select')
		;(control ?? target).focus()
		control?.scrollIntoView({ block: 'center' })
	}, [location.hash, location.key])
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(
		args,
		args.loaderData
			? [
					['meta.norm', { code: args.loaderData.norm.code }],
					['meta.selfEvaluationYear', { year: args.loaderData.year }],
				]
			: ['meta.selfEvaluation'],
	)

export const ErrorBoundary = RouteErrorBoundary
