// /medewerkers/steekproef/gesprek/:interviewId — recording a sample interview's outcome safely
// (issue 12 §5), as the withdrawal page does. Step 1 (GET, no `stap`): the outcome, for an
// incorrect qualification the effective day (no default: staff choose it) and the notes that go
// into the letter. Step 2 (GET `stap=controleren`, the same fields in the URL): exactly what
// happens — state, register, certificate, the mail and the letter — computed by recording the
// outcome and rolling it back. Step 3 (POST): the outcome recorded. Works without JavaScript.
// Under four-eyes (the year's `fourEyesWithdrawal`, issue 17) an incorrect qualification records the
// outcome and a withdrawal proposal that a second staff member approves: every step says so.
import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/sample-outcome'
import { EffectPreview } from './effect-preview.tsx'
import { sampleOutcomeFields, sampleOutcomeQuery } from './sample-outcome-form.ts'
import { DateTime, StaffErrorBoundary } from './ui.tsx'
import { ErrorSummary, InputField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { formatCalendarDay, formatDate } from '#app/i18n/format.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { attempt, formDataToValues, parseForm, readForm, refusalData, refusalFailure } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import {
	interviewOutcomeContext,
	interviewOutcomeInput,
	previewForScreen,
	previewInterviewOutcome,
} from '#app/services/safe-decisions.server.ts'
import { recordInterviewOutcome } from '#app/services/sample.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const context = await interviewOutcomeContext(params.interviewId)
	invariantResponse(context, 'Niet gevonden')
	const url = new URL(request.url)
	const values = formDataToValues(url.searchParams)
	if (url.searchParams.get('stap') !== 'controleren' || context.interview.outcome)
		return { ...context, values, failure: null, preview: null }
	const form = parseForm(sampleOutcomeFields, url.searchParams)
	if (!form.success) return data({ ...context, values, failure: form, preview: null }, { status: 400 })
	const actor = { type: 'staff' as const, userId: user.id }
	const result = await attempt(() =>
		previewInterviewOutcome(
			actor,
			context.participation.id,
			interviewOutcomeInput(context.interview.id, form.data, user),
		),
	)
	if (!result.ok)
		return data(
			{ ...context, values, failure: refusalFailure(result.error, user.locale, values), preview: null },
			{ status: result.error.status },
		)
	return { ...context, values, failure: null, preview: { ...previewForScreen(result.value), input: form.data } }
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request)
	const context = await interviewOutcomeContext(params.interviewId)
	invariantResponse(context, 'Niet gevonden')
	const formData = await readForm(request)
	const form = parseForm(sampleOutcomeFields, formData)
	if (!form.success) return data(form, { status: 400 })
	const result = await attempt(() =>
		recordInterviewOutcome(
			{ type: 'staff', userId: user.id },
			interviewOutcomeInput(context.interview.id, form.data, user),
		),
	)
	if (!result.ok) return refusalData(result.error, user.locale, { values: formDataToValues(formData) })
	// Four-eyes (issue 17): back on this page, which says the proposal waits and links to it.
	if (!result.value.applied)
		return redirectWithToast(
			href('/medewerkers/steekproef/gesprek/:interviewId', { interviewId: context.interview.id }),
			{
				type: 'success',
				key: 'decisions.toastSampleProposed',
			},
		)
	return redirectWithToast(`${href('/medewerkers/steekproef')}?jaar=${context.participation.year}`, {
		type: 'success',
		key: form.data.outcome === 'confirmed' ? 'staff.toastSampleConfirmed' : 'staff.toastSampleWithdrawn',
	})
}

export default function SampleOutcome({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { interview, participation, today, preview, values, fourEyes, proposal } = loaderData
	const failure = actionData ?? loaderData.failure ?? undefined
	const fieldErrors = failure?.success === false ? failure.fieldErrors : undefined
	const here = href('/medewerkers/steekproef/gesprek/:interviewId', { interviewId: interview.id })
	const back = `${href('/medewerkers/steekproef')}?jaar=${participation.year}`
	const value = (name: string) => {
		const raw = values[name]
		return typeof raw === 'string' ? raw : ''
	}
	return (
		<div className="stack">
			<p>
				<Link to={back}>← {t('staff.sampleTitle', { year: participation.year })}</Link>
			</p>
			<h1>{t('decisions.sampleOutcomeTitle', { provider: participation.provider.name, year: participation.year })}</h1>
			<p>
				{interview.scheduledAt ? (
					<>
						{t('decisions.sampleInterviewHeld')} <DateTime value={interview.scheduledAt} /> · {interview.mode ?? '–'} ·{' '}
						{interview.interviewer?.name ?? '–'}
					</>
				) : (
					t('decisions.sampleInterviewNotPlanned')
				)}
			</p>
			{interview.outcome ? (
				<>
					<p className="panel">
						{t(interview.outcome === 'confirmed' ? 'staff.outcomeConfirmed' : 'staff.outcomeIncorrect')} ·{' '}
						<DateTime value={interview.outcomeAt} dateOnly />
					</p>
					{proposal ? <ProposalPanel proposal={proposal} /> : null}
				</>
			) : (
				<>
					<ErrorSummary
						fieldErrors={fieldErrors}
						formErrors={failure?.success === false ? failure.formErrors : undefined}
					/>
					{preview ? (
						<>
							<EffectPreview
								preview={preview}
								letterHref={
									preview.input.outcome === 'incorrect_qualification'
										? `${href('/medewerkers/steekproef/gesprek/:interviewId/brief', { interviewId: interview.id })}?${sampleOutcomeQuery(preview.input)}`
										: undefined
								}
								notice={
									<>
										{preview.waitsForSecondPerson ? (
											<p className="panel panel--warning" data-testid="four-eyes-notice">
												{t('decisions.sampleFourEyes')}
											</p>
										) : null}
										<p>
											{t('decisions.sampleOutcomeDay', { date: formatCalendarDay(today, locale) })}
											{preview.input.effectiveOn
												? ` ${t('decisions.sampleEffectiveDay', { date: formatCalendarDay(preview.input.effectiveOn, locale) })}`
												: ''}
										</p>
									</>
								}
							/>
							<Form method="post" className="form">
								<input type="hidden" name="outcome" value={preview.input.outcome} />
								<input type="hidden" name="version" value={preview.input.version} />
								<input type="hidden" name="notes" value={preview.input.notes} />
								{preview.input.effectiveOn ? (
									<input type="hidden" name="effectiveOn" value={preview.input.effectiveOn} />
								) : null}
								<div className="button-row">
									<SubmitButton
										className={`button${preview.input.outcome === 'incorrect_qualification' ? ' button--danger' : ''}`}
									>
										{preview.input.outcome === 'confirmed'
											? t('decisions.sampleConfirmConfirmed')
											: preview.waitsForSecondPerson
												? t('decisions.sampleConfirmPropose')
												: t('decisions.sampleConfirmIncorrect')}
									</SubmitButton>
									<Link
										className="button"
										to={`${here}?${new URLSearchParams({
											outcome: preview.input.outcome,
											notes: preview.input.notes,
											...(preview.input.effectiveOn ? { effectiveOn: preview.input.effectiveOn } : {}),
										}).toString()}`}
									>
										{t('decisions.back')}
									</Link>
								</div>
							</Form>
						</>
					) : (
						<Form method="get" className="form" noValidate>
							<p>{t('decisions.sampleOutcomeIntro')}</p>
							{fourEyes ? (
								<p className="panel panel--info" data-testid="four-eyes-intro">
									{t('decisions.sampleFourEyesIntro', { year: participation.year })}
								</p>
							) : null}
							<input type="hidden" name="stap" value="controleren" />
							<input type="hidden" name="version" value={interview.version} />
							<fieldset
								className="field"
								aria-describedby={fieldErrors?.outcome ? 'outcome-error' : undefined}
								aria-invalid={fieldErrors?.outcome ? true : undefined}
							>
								<legend className="field__label">{t('staff.interviewOutcome')}</legend>
								{fieldErrors?.outcome ? (
									<p id="outcome-error" className="field__error">
										{t('staff.errorOutcomeRequired')}
									</p>
								) : null}
								<label className="data-table__option">
									<input
										type="radio"
										name="outcome"
										value="confirmed"
										defaultChecked={value('outcome') === 'confirmed'}
									/>
									{t('staff.outcomeConfirmed')}
								</label>
								<label className="data-table__option">
									<input
										type="radio"
										name="outcome"
										value="incorrect_qualification"
										defaultChecked={value('outcome') === 'incorrect_qualification'}
									/>
									{t('staff.outcomeIncorrect')}
								</label>
							</fieldset>
							<InputField
								name="effectiveOn"
								type="date"
								min={today}
								label={t('decisions.sampleEffectiveLabel')}
								hint={t('decisions.sampleEffectiveHint', { today: formatCalendarDay(today, locale) })}
								defaultValue={value('effectiveOn')}
								errors={fieldErrors?.effectiveOn}
							/>
							<TextareaField
								name="notes"
								label={t('staff.interviewNotes')}
								hint={t('staff.interviewNotesHint')}
								rows={4}
								defaultValue={value('notes')}
								errors={fieldErrors?.notes}
							/>
							<button type="submit" className="button">
								{t('decisions.withdrawPreviewButton')}
							</button>
						</Form>
					)}
				</>
			)}
		</div>
	)
}

/** What became of the withdrawal an incorrect qualification proposed (issue 17), with a link to it. */
function ProposalPanel({ proposal }: { proposal: NonNullable<Route.ComponentProps['loaderData']['proposal']> }) {
	const t = useT()
	const locale = useLocale()
	const decided = proposal.decidedAt ? formatDate(new Date(proposal.decidedAt), locale) : ''
	return (
		<div
			className={`panel ${proposal.status === 'pending' ? 'panel--warning' : 'panel--info'}`}
			data-testid="sample-proposal"
		>
			<p>
				{proposal.status === 'pending'
					? t('decisions.sampleProposal_pending', { name: proposal.proposedBy.name })
					: t(`decisions.sampleProposal_${proposal.status}`, { name: proposal.decidedBy?.name ?? '–', date: decided })}
			</p>
			{proposal.status === 'rejected' && proposal.decisionNote ? (
				<p className="pre-wrap">{t('decisions.sampleProposalRejectedWhy', { note: proposal.decisionNote })}</p>
			) : null}
			<p>
				<Link to={href('/medewerkers/intrekkingen/voorstel/:proposalId', { proposalId: proposal.id })}>
					{t('decisions.sampleProposalLink')}
				</Link>
			</p>
		</div>
	)
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.sample', 'meta.staff'])

export const ErrorBoundary = StaffErrorBoundary
