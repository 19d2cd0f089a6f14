import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/sample'
import { DateTime, StaffErrorBoundary, useStaffRole, YearPicker } from './ui.tsx'
import { chosenYear } from './year-param.server.ts'
import { CheckboxField, ErrorSummary, InputField, SelectField, SubmitButton } from '#app/components/forms.tsx'
import { StateBadge } from '#app/components/status-badge.tsx'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { formatDate } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { attempt, checkboxField, formDataToValues, parseForm, refusalData, readForm } from '#app/lib/forms.ts'
import { translateError } from '#app/i18n/errors.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import {
	closeSampleLeftOpen,
	drawAndRecordSample,
	loadSamples,
	planInterview,
	previewSample,
	eligibleForSample,
	providerNamesOf,
} from '#app/services/sample.server.ts'
import { participationYears, staffMembers } from '#app/services/staff-participations.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

const drawFields = {
	year: z.coerce.number().int(),
	method: z.enum(['percent', 'count']),
	amount: z
		.string()
		.trim()
		.min(1, 'staff.errorAmountRequired')
		.transform((value) => Number(value.replace(',', '.')))
		.pipe(z.number('staff.errorAmountRequired').positive('staff.errorAmountRequired')),
	stratify: checkboxField,
	seed: z.string().trim().max(200).optional(),
}
const drawSchema = z.object({ intent: z.literal('draw'), ...drawFields })
const previewSchema = z.object(drawFields)
const planSchema = z.object({
	intent: z.literal('plan'),
	interviewId: z.string().min(1),
	version: z.coerce.number().int(),
	date: z.iso.date('staff.errorDateRequired'),
	time: z.string().regex(/^\d{2}:\d{2}$/, 'staff.errorTimeRequired'),
	mode: z.enum(['op locatie', 'online', 'telefonisch']),
	interviewerId: z.string().optional(),
	notes: z.string().trim().max(5000).default(''),
})
const closeSchema = z.object({ intent: z.literal('close'), interviewId: z.string().min(1) })

function drawInput(value: z.infer<typeof previewSchema>) {
	return {
		year: value.year,
		...(value.method === 'percent' ? { percent: value.amount } : { count: Math.trunc(value.amount) }),
		stratifyByType: value.stratify,
		seed: value.seed || undefined,
	}
}

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const url = new URL(request.url)
	const years = await participationYears()
	const year = chosenYear(url, years) ?? years[0] ?? null
	if (year === null) return { year: null, years, samples: [], preview: null, staff: [], eligible: 0 }
	let preview:
		| { seed: string; carriers: { id: string; name: string }[]; size: number; candidates: number }
		| { error: string }
		| null = null
	if (url.searchParams.has('voorbeeld')) {
		const form = parseForm(previewSchema, url.searchParams)
		if (!form.success) preview = { error: 'staff.errorAmountRequired' }
		else {
			const attempted = await attempt(() => previewSample(drawInput({ ...form.data, year })))
			if (!attempted.ok) preview = { error: translateError(attempted.error, user.locale) }
			else {
				const result = attempted.value
				const names = await providerNamesOf(result.draw.ids)
				preview = {
					seed: result.seed,
					size: result.draw.record.size,
					candidates: result.draw.record.candidateIds.length,
					carriers: result.draw.ids
						.map((id) => ({ id, name: names.get(id) ?? id }))
						.sort((a, b) => a.name.localeCompare(b.name, 'nl')),
				}
			}
		}
	}
	const [samples, staff, eligible] = await Promise.all([loadSamples(year), staffMembers(), eligibleForSample(year)])
	return {
		year,
		years,
		samples,
		preview,
		eligible,
		staff: staff.filter((member) => member.active).map(({ id, name }) => ({ id, name })),
	}
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireStaff(request)
	const formData = await readForm(request)
	const intent = formData.get('intent')
	if (intent === 'draw') {
		// Drawing the sample is an administrator's decision.
		await requireStaff(request, 'admin')
		const form = parseForm(drawSchema, formData)
		if (!form.success) return data({ ...form, intent: 'draw', interviewId: '' }, { status: 400 })
		const result = await attempt(() => drawAndRecordSample({ type: 'staff', userId: user.id }, drawInput(form.data)))
		if (!result.ok)
			return refusalData(result.error, user.locale, {
				values: formDataToValues(formData),
				extra: { intent: 'draw', interviewId: '' },
			})
		return redirectWithToast(`${href('/medewerkers/steekproef')}?jaar=${form.data.year}`, {
			type: 'success',
			key: 'staff.toastSampleDrawn',
			params: { count: result.value.ids.length },
		})
	}
	const actor = { type: 'staff' as const, userId: user.id }
	const interviewId = String(formData.get('interviewId') ?? '')
	if (intent === 'plan') {
		const form = parseForm(planSchema, formData)
		if (!form.success) return data({ ...form, intent: 'plan', interviewId }, { status: 400 })
		const { date, time, mode, interviewerId, notes, version } = form.data
		const [hour, minute] = time.split(':').map(Number) as [number, number]
		const result = await attempt(() =>
			planInterview(actor, {
				interviewId,
				scheduledAt: amsterdamInstant(date, { hour, minute }),
				mode,
				interviewerId: interviewerId || null,
				notes,
				expectedVersion: version,
			}),
		)
		if (!result.ok) return refusalData(result.error, user.locale, { extra: { intent: 'plan', interviewId } })
		return redirectWithToast(new URL(request.url).pathname + new URL(request.url).search, {
			type: 'success',
			key: 'staff.toastInterviewPlanned',
		})
	}
	if (intent === 'close') {
		// A sample left open by a withdrawal proposal rejected before docs/decisions/011; the details
		// around the button say what closing does and quote the rejection, the confirmation step.
		const form = parseForm(closeSchema, formData)
		if (!form.success) return data({ ...form, intent: 'close', interviewId }, { status: 400 })
		const result = await attempt(() => closeSampleLeftOpen(actor, { interviewId: form.data.interviewId }))
		if (!result.ok) return refusalData(result.error, user.locale, { extra: { intent: 'close', interviewId } })
		return redirectWithToast(new URL(request.url).pathname + new URL(request.url).search, {
			type: 'success',
			key: 'staff.toastSampleClosed',
		})
	}
	// The outcome of an interview is recorded on its confirmation page (issue 12 §5), not here.
	invariantResponse(false, 'Niet gevonden')
}

export default function Sample({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const role = useStaffRole()
	const { year, years, samples, preview, staff, eligible } = loaderData
	const drawErrors = actionData && !actionData.success && actionData.intent === 'draw' ? actionData : undefined
	if (year === null) return <p className="empty-state">{t('staff.noYears')}</p>
	const amountField = (prefix: string) => (
		<>
			<fieldset className="field">
				<legend className="field__label">{t('staff.sampleMethod')}</legend>
				<label className="data-table__option">
					<input type="radio" name="method" value="percent" defaultChecked />
					{t('staff.samplePercent')}
				</label>
				<label className="data-table__option">
					<input type="radio" name="method" value="count" />
					{t('staff.sampleCount')}
				</label>
			</fieldset>
			<InputField
				id={`${prefix}-amount`}
				name="amount"
				label={t('staff.sampleAmount')}
				inputMode="decimal"
				defaultValue={(drawErrors?.values.amount as string) ?? '10'}
				errors={drawErrors?.fieldErrors.amount}
			/>
			<CheckboxField id={`${prefix}-stratify`} name="stratify" label={t('staff.sampleStratify')} />
			<InputField
				id={`${prefix}-seed`}
				name="seed"
				label={t('staff.sampleSeed')}
				hint={t('staff.sampleSeedHint')}
				defaultValue={preview && 'seed' in preview ? preview.seed : ''}
			/>
		</>
	)
	return (
		<div className="stack">
			<h1>{t('staff.sampleTitle', { year })}</h1>
			<YearPicker years={years} year={year} />
			<p>{t('staff.sampleEligible', { count: eligible })}</p>
			<section className="panel" aria-labelledby="preview-title">
				<h2 id="preview-title">{t('staff.samplePreviewTitle')}</h2>
				<p>{t('staff.samplePreviewText')}</p>
				<Form method="get" className="form">
					<input type="hidden" name="jaar" value={year} />
					<input type="hidden" name="voorbeeld" value="1" />
					<input type="hidden" name="year" value={year} />
					{amountField('preview')}
					<button type="submit" className="button">
						{t('staff.samplePreviewButton')}
					</button>
				</Form>
				{preview && 'error' in preview ? (
					<p className="field__error">
						{preview.error.startsWith('staff.') ? t('staff.errorAmountRequired') : preview.error}
					</p>
				) : null}
				{preview && 'seed' in preview ? (
					<div className="stack" aria-live="polite">
						<p>
							{t('staff.samplePreviewResult', { size: preview.size, candidates: preview.candidates })}{' '}
							<code data-testid="preview-seed">{preview.seed}</code>
						</p>
						<ol data-testid="preview-carriers">
							{preview.carriers.map((carrier) => (
								<li key={carrier.id}>{carrier.name}</li>
							))}
						</ol>
					</div>
				) : null}
			</section>
			{role === 'admin' ? (
				<section className="panel" aria-labelledby="draw-title">
					<h2 id="draw-title">{t('staff.sampleDrawTitle')}</h2>
					<ErrorSummary fieldErrors={drawErrors?.fieldErrors} formErrors={drawErrors?.formErrors} />
					<Form method="post" className="form">
						<input type="hidden" name="year" value={year} />
						{amountField('draw')}
						<SubmitButton name="intent" value="draw">
							{t('staff.sampleDrawButton')}
						</SubmitButton>
					</Form>
				</section>
			) : null}
			{samples.length === 0 ? <p className="empty-state">{t('staff.sampleNone')}</p> : null}
			{samples.map((sample) => (
				<section key={sample.id} className="stack" aria-labelledby={`sample-${sample.id}`}>
					<h2 id={`sample-${sample.id}`}>
						{t('staff.sampleDrawnOn')} <DateTime value={sample.drawnAt} />
					</h2>
					<p>
						{t('staff.sampleFacts', { name: sample.drawnBy.name, count: sample.members.length })}{' '}
						<code data-testid="sample-seed">{sample.seed}</code>{' '}
						<span className={`badge badge--${sample.verified ? 'success' : 'danger'}`}>
							{t(sample.verified ? 'staff.sampleVerified' : 'staff.sampleNotVerified')}
						</span>
					</p>
					<p data-testid="sample-progress">
						{t('staff.sampleProgress', { done: sample.done, count: sample.members.length })}
					</p>
					<div className="table-wrapper" role="region" aria-labelledby={`sample-${sample.id}`} tabIndex={0}>
						<table className="table table--compact" data-testid="sample-carriers">
							<thead>
								<tr>
									<th scope="col">{t('staff.columnProvider')}</th>
									<th scope="col">{t('staff.columnState')}</th>
									<th scope="col">{t('staff.interview')}</th>
									<th scope="col">{t('staff.interviewOutcome')}</th>
								</tr>
							</thead>
							<tbody>
								{sample.members.map((member) => {
									const interview = member.interview
									const errors =
										actionData && !actionData.success && actionData.interviewId === interview?.id
											? actionData
											: undefined
									return (
										<tr key={member.id}>
											<td>
												<Link
													to={href('/medewerkers/deelnames/:participationId', {
														participationId: member.participation.id,
													})}
												>
													{member.participation.provider.name}
												</Link>
											</td>
											<td>
												<StateBadge state={member.participation.state} />
											</td>
											<td>
												{interview?.scheduledAt ? (
													<p>
														<DateTime value={interview.scheduledAt} /> · {interview.mode} ·{' '}
														{interview.interviewer?.name ?? '–'}
													</p>
												) : null}
												{interview && !interview.outcome ? (
													<details>
														<summary>
															{t(interview.scheduledAt ? 'staff.interviewReplan' : 'staff.interviewPlan')}
														</summary>
														<Form method="post" className="form">
															<ErrorSummary
																fieldErrors={errors?.intent === 'plan' ? errors.fieldErrors : undefined}
																formErrors={errors?.intent === 'plan' ? errors.formErrors : undefined}
															/>
															<input type="hidden" name="interviewId" value={interview.id} />
															<input type="hidden" name="version" value={interview.version} />
															<InputField
																id={`date-${interview.id}`}
																name="date"
																type="date"
																label={t('staff.interviewDate')}
															/>
															<InputField
																id={`time-${interview.id}`}
																name="time"
																type="time"
																label={t('staff.interviewTime')}
																defaultValue="10:00"
															/>
															<SelectField
																id={`mode-${interview.id}`}
																name="mode"
																label={t('staff.interviewMode')}
																options={['op locatie', 'online', 'telefonisch'].map((mode) => ({
																	value: mode,
																	label: mode,
																}))}
															/>
															<SelectField
																id={`interviewer-${interview.id}`}
																name="interviewerId"
																label={t('staff.interviewer')}
																options={[
																	{ value: '', label: '–' },
																	...staff.map((member) => ({ value: member.id, label: member.name })),
																]}
															/>
															<SubmitButton name="intent" value="plan" className="button button--small">
																{t('staff.interviewSave')}
															</SubmitButton>
														</Form>
													</details>
												) : null}
											</td>
											<td>
												{interview?.outcome ? (
													<>
														<p>
															{t(
																interview.outcome === 'confirmed' ? 'staff.outcomeConfirmed' : 'staff.outcomeIncorrect',
															)}{' '}
															· <DateTime value={interview.outcomeAt} dateOnly />
														</p>
														{interview.withdrawalProposal ? (
															// Four-eyes (issue 17): what became of the withdrawal it proposed.
															<p>
																<Link
																	to={href('/medewerkers/intrekkingen/voorstel/:proposalId', {
																		proposalId: interview.withdrawalProposal.id,
																	})}
																>
																	{t(`decisions.sampleProposalShort_${interview.withdrawalProposal.status}`)}
																</Link>
															</p>
														) : null}
														{member.leftOpen && interview.withdrawalProposal ? (
															<details data-testid="sample-close">
																<summary>
																	<span className="badge badge--warning">{t('staff.sampleLeftOpen')}</span>{' '}
																	{t('staff.sampleCloseSummary')}
																</summary>
																<Form method="post" className="form">
																	<ErrorSummary
																		formErrors={errors?.intent === 'close' ? errors.formErrors : undefined}
																	/>
																	<p>
																		{t('staff.sampleCloseText', {
																			name: interview.withdrawalProposal.decidedBy?.name ?? '–',
																			date: interview.withdrawalProposal.decidedAt
																				? formatDate(new Date(interview.withdrawalProposal.decidedAt), locale)
																				: '–',
																		})}
																	</p>
																	<blockquote className="pre-wrap">
																		{interview.withdrawalProposal.decisionNote ?? '–'}
																	</blockquote>
																	<input type="hidden" name="interviewId" value={interview.id} />
																	<SubmitButton name="intent" value="close" className="button button--small">
																		{t('staff.sampleCloseButton')}
																	</SubmitButton>
																</Form>
															</details>
														) : null}
													</>
												) : interview ? (
													<Link
														to={href('/medewerkers/steekproef/gesprek/:interviewId', { interviewId: interview.id })}
														aria-label={`${t('decisions.sampleOutcomeLink')} ${member.participation.provider.name}`}
													>
														{t('decisions.sampleOutcomeLink')}
													</Link>
												) : null}
											</td>
										</tr>
									)
								})}
							</tbody>
						</table>
					</div>
				</section>
			))}
		</div>
	)
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.sample', 'meta.staff'])

export const ErrorBoundary = StaffErrorBoundary
