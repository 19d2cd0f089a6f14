// /medewerkers/deelnames/:participationId/beoordeling/:round/besluit — the assessment decision's
// confirmation page (issue 12 §5): the outcome the verdicts dictate, exactly what it does (state,
// register, certificate, revision date, the mail as the provider receives it; computed by running
// the decision and rolling it back), the decision day to confirm, and the provider's unpaid
// invoices. Qualifying a provider with an overdue invoice needs an explicit acknowledgement (§6).
import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/decision'
import { EffectPreview, UnpaidInvoicesPanel } from './effect-preview.tsx'
import { StaffErrorBoundary } from './ui.tsx'
import { CheckboxField, ErrorSummary, SubmitButton } from '#app/components/forms.tsx'
import { amsterdamDateOf, isCalendarDate } from '#app/domain/amsterdam-time.ts'
import { formatCalendarDay } from '#app/i18n/format.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { now } from '#app/lib/clock.server.ts'
import { readForm, attempt, checkboxField, parseForm, refusalData, refusalFailure } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { decideRound, loadAssessment } from '#app/services/assessment.server.ts'
import { unpaidInvoices } from '#app/services/money-in-view.server.ts'
import { previewDecision, previewForScreen } from '#app/services/safe-decisions.server.ts'

const decideSchema = z.object({
	outcome: z.enum(['qualified', 'revision_requested', 'not_qualified']),
	decisionDay: z.string().refine(isCalendarDate, 'staff.errorDateRequired'),
	acknowledgeOverdue: checkboxField,
})

function roundNumber(raw: string) {
	const number = Number(raw)
	invariantResponse(Number.isInteger(number) && number > 0, 'Niet gevonden')
	return number
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const number = roundNumber(params.round)
	const assessment = await loadAssessment(params.participationId, number)
	invariantResponse(assessment, 'Niet gevonden')
	const { participation, outcome, editable } = assessment
	const unpaid = await unpaidInvoices(participation.provider.id)
	const summary = {
		participation: { id: participation.id, year: participation.year, provider: participation.provider },
		round: number,
		outcome: outcome.outcome,
		insufficient: outcome.insufficient.map((ref) => ref.code),
		unpaid,
		decisionDay: amsterdamDateOf(now()),
	}
	if (!editable || !outcome.allAssessed || !outcome.outcome) return { ...summary, preview: null, failure: null }
	const result = await attempt(() =>
		previewDecision(
			{ type: 'staff', userId: user.id },
			// The preview shows the effects; the acknowledgement is asked for below.
			{ participationId: participation.id, round: number, outcome: outcome.outcome!, acknowledgeOverdue: true },
		),
	)
	if (!result.ok) return { ...summary, preview: null, failure: refusalFailure(result.error, user.locale) }
	return { ...summary, preview: previewForScreen(result.value), failure: null }
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request)
	const number = roundNumber(params.round)
	const form = parseForm(decideSchema, await readForm(request))
	if (!form.success) return data(form, { status: 400 })
	const result = await attempt(() =>
		decideRound(
			{ type: 'staff', userId: user.id },
			{
				participationId: params.participationId,
				round: number,
				outcome: form.data.outcome,
				decisionDay: form.data.decisionDay,
				acknowledgeOverdue: form.data.acknowledgeOverdue,
			},
		),
	)
	if (!result.ok)
		return refusalData(result.error, user.locale, {
			field: result.error.code === 'overdue_invoice_not_acknowledged' ? 'acknowledgeOverdue' : undefined,
		})
	return redirectWithToast(
		href('/medewerkers/deelnames/:participationId/beoordeling/:round', {
			participationId: params.participationId,
			round: String(number),
		}),
		{ type: 'success', key: result.value.applied ? 'decisions.toastDecided' : 'decisions.toastProposed' },
	)
}

export default function Decision({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { participation, round, outcome, insufficient, unpaid, preview, decisionDay } = loaderData
	const failure = actionData ?? loaderData.failure ?? undefined
	const assessmentHref = href('/medewerkers/deelnames/:participationId/beoordeling/:round', {
		participationId: participation.id,
		round: String(round),
	})
	const outcomeLabel = (value: string) =>
		t(
			value === 'qualified'
				? 'staff.outcomeQualified'
				: value === 'revision_requested'
					? 'staff.outcomeRevision'
					: 'staff.outcomeNotQualified',
		)
	const needsAcknowledgement = outcome === 'qualified' && unpaid.overdue
	return (
		<div className="stack">
			<p>
				<Link to={assessmentHref}>← {t('staff.assessmentTitle', { round, year: participation.year })}</Link>
			</p>
			<h1>
				{outcome ? t('decisions.decisionTitle', { round, outcome: outcomeLabel(outcome) }) : t('staff.decisionTitle')}
			</h1>
			<p>
				{participation.provider.name} · {participation.year}
			</p>
			<UnpaidInvoicesPanel unpaid={unpaid} />
			<ErrorSummary
				fieldErrors={failure?.success === false ? failure.fieldErrors : undefined}
				formErrors={failure?.success === false ? failure.formErrors : undefined}
			/>
			{!preview || !outcome ? (
				<p className="panel">{t('staff.notAssessable')}</p>
			) : (
				<>
					{insufficient.length ? (
						<p>
							<strong>{t('decisions.decisionInsufficient')}:</strong> {insufficient.join(', ')}
						</p>
					) : null}
					<EffectPreview
						preview={preview}
						notice={preview.waitsForSecondAssessor ? <p>{t('decisions.decisionFourEyes')}</p> : undefined}
					/>
					<Form method="post" className="form" noValidate>
						<input type="hidden" name="outcome" value={outcome} />
						<input type="hidden" name="decisionDay" value={decisionDay} />
						<p>
							<strong>{t('decisions.decisionDay')}:</strong> {formatCalendarDay(decisionDay, locale)}.{' '}
							{t('decisions.decisionDayHint', { date: formatCalendarDay(decisionDay, locale) })}
						</p>
						{needsAcknowledgement ? (
							<CheckboxField
								name="acknowledgeOverdue"
								value="on"
								label={t('decisions.acknowledgeOverdue')}
								errors={failure?.success === false ? failure.fieldErrors.acknowledgeOverdue : undefined}
							/>
						) : null}
						<div className="button-row">
							<SubmitButton>
								{preview.waitsForSecondAssessor
									? t('decisions.decisionProposeConfirm', { outcome: outcomeLabel(outcome) })
									: t('decisions.decisionConfirm', { outcome: outcomeLabel(outcome) })}
							</SubmitButton>
							<Link className="button" to={assessmentHref}>
								{t('decisions.cancel')}
							</Link>
						</div>
					</Form>
				</>
			)}
		</div>
	)
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.assessment', 'meta.staff'])

export const ErrorBoundary = StaffErrorBoundary
