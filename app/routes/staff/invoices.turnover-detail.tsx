import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/invoices.turnover-detail'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { ErrorSummary, InputField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { StateBadge } from '#app/components/status-badge.tsx'
import { feeBreakdown, parseEuroInput } from '#app/domain/fees.ts'
import { invoiceStatusAt } from '#app/domain/invoices.ts'
import { formatDate, formatDateTime, formatEuro, formatFeeRate } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { now } from '#app/lib/clock.server.ts'
import { parseForm, refusalData, readForm } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { issueInvoiceNow } from '#app/services/invoices.server.ts'
import { isAppError, refusalError } from '#app/domain/errors.ts'
import { correctTurnover, turnoverHistory } from '#app/services/turnover-corrections.server.ts'
import { runningYearAt, toYearSettings } from '#app/services/years.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { participationForFees } from '#app/services/turnover-report.server.ts'

const correctionSchema = z.object({
	intent: z.literal('correct'),
	amount: z
		.string()
		.trim()
		.min(1, 'fees.errorAmountRequired')
		.transform((value, context) => {
			const parsed = parseEuroInput(value)
			if (!parsed.ok) {
				// A message key: the component shows it in the reader's language.
				context.addIssue({ code: 'custom', message: `refusals.${parsed.code}` })
				return z.NEVER
			}
			return BigInt(parsed.cents)
		}),
	reason: z.string().trim().min(5, 'fees.errorReasonRequired').max(500, 'fees.errorReasonTooLong'),
})

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const participation = await participationForFees(params.participationId)
	invariantResponse(participation, 'Deelname niet gevonden')
	const at = now()
	const settings = toYearSettings(participation.markYear)
	const history = await turnoverHistory(participation.id)
	const current = history.find((report) => !report.supersededAt)
	const live = participation.invoices.find((invoice) => invoice.status !== 'credited')
	const fee = current ? feeBreakdown(current.amountCents, settings.feeRateBp, settings.minimumFeeCents) : null
	return {
		participation: {
			id: participation.id,
			year: participation.year,
			state: participation.state,
			providerName: participation.provider.name,
			kvkNumber: participation.provider.kvkNumber,
		},
		settings: {
			feeRateBp: settings.feeRateBp,
			minimumFeeCents: settings.minimumFeeCents,
			turnoverLabel: settings.turnoverLabel,
			turnoverReportDueOn: settings.turnoverReportDueOn,
		},
		history: history.map((report) => ({
			id: report.id,
			amountCents: Number(report.amountCents),
			source: report.source,
			reason: report.reason,
			reportedAt: report.reportedAt,
			reportedBy: report.reportedBy.name,
			supersededAt: report.supersededAt,
		})),
		fee,
		invoices: participation.invoices.map((invoice) => ({
			id: invoice.id,
			number: invoice.number,
			issuedAt: invoice.issuedAt,
			amountCents: Number(invoice.amountCents),
			turnoverCents: Number(invoice.turnoverCents),
			status: invoiceStatusAt(invoice, at),
		})),
		// A correction after invoicing: the open invoice no longer matches the report.
		mismatch: Boolean(live && current && live.turnoverCents !== current.amountCents),
		canIssue: Boolean(current && !live && participation.year < runningYearAt(at)),
		isAdmin: user.staffRole === 'admin',
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const actor = { type: 'staff' as const, userId: user.id }
	const formData = await readForm(request)
	const url = href('/medewerkers/facturen/omzet/:participationId', { participationId: params.participationId })
	if (formData.get('intent') === 'issue') {
		const result = await issueInvoiceNow(params.participationId, actor)
		if (!result.issued)
			return refusalData(refusalError(result.refusal), user.locale, { extra: { intent: 'issue' as const } })
		return redirectWithToast(href('/medewerkers/facturen/:invoiceId', { invoiceId: result.invoice.id }), {
			type: 'success',
			key: 'fees.issued',
			params: { number: result.invoice.number },
		})
	}
	const form = parseForm(correctionSchema, formData)
	if (!form.success) return data({ ...form, intent: 'correct' as const }, { status: 400 })
	try {
		const { openInvoice } = await correctTurnover(
			{ participationId: params.participationId, amountCents: form.data.amount, reason: form.data.reason },
			actor,
		)
		return redirectWithToast(url, {
			type: 'success',
			key: openInvoice ? 'fees.correctedWithInvoice' : 'fees.corrected',
			params: { number: openInvoice?.number ?? '' },
		})
	} catch (error) {
		if (isAppError(error)) {
			return refusalData(error, user.locale, {
				values: { amount: String(formData.get('amount') ?? ''), reason: String(formData.get('reason') ?? '') },
				extra: { intent: 'correct' as const },
			})
		}
		throw error
	}
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [
		[
			'meta.turnoverOf',
			{ name: args.loaderData?.participation.providerName ?? '', year: args.loaderData?.participation.year ?? '' },
		],
	])

export default function TurnoverDetail({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { participation, settings, history, fee, invoices, mismatch, canIssue, isAdmin } = loaderData
	const failure = actionData && !actionData.success ? actionData : undefined
	const correctErrors = failure?.intent === 'correct' ? failure : undefined
	const issueErrors = failure?.intent === 'issue' ? failure : undefined
	return (
		<div className="stack">
			<p>
				<Link to={`${href('/medewerkers/facturen/omzet')}?jaar=${participation.year}`}>
					← {t('fees.backToTurnover')}
				</Link>
			</p>
			<h1>{t('fees.turnoverOf', { name: participation.providerName, year: participation.year })}</h1>
			<p>
				<StateBadge state={participation.state} /> · {t('fees.kvk')} {participation.kvkNumber} ·{' '}
				{t('fees.reportDue', { date: formatDate(settings.turnoverReportDueOn, locale) })}
			</p>
			{mismatch ? (
				<div className="panel panel--warning" role="note">
					<p>{t('fees.mismatch')}</p>
				</div>
			) : null}
			{fee ? (
				<p>
					{t('fees.feeForCurrent', {
						rate: formatFeeRate(settings.feeRateBp, locale),
						minimum: formatEuro(settings.minimumFeeCents, locale),
						fee: formatEuro(fee.feeCents, locale),
					})}
				</p>
			) : null}

			<section aria-labelledby="history">
				<h2 id="history">{t('fees.reportHistory')}</h2>
				{history.length === 0 ? (
					<p className="empty-state">{t('fees.noReports')}</p>
				) : (
					<div className="table-wrapper">
						<table className="table">
							<caption className="visually-hidden">{t('fees.reportHistory')}</caption>
							<thead>
								<tr>
									<th scope="col">{t('fees.columnReported')}</th>
									<th scope="col" className="numeric">
										{t('fees.turnover')}
									</th>
									<th scope="col">{t('fees.columnSource')}</th>
									<th scope="col">{t('fees.columnReason')}</th>
									<th scope="col">{t('fees.columnCurrent')}</th>
								</tr>
							</thead>
							<tbody>
								{history.map((report) => (
									<tr key={report.id}>
										<td>
											{formatDateTime(report.reportedAt, locale)} · {report.reportedBy}
										</td>
										<td className="numeric">{formatEuro(report.amountCents, locale)}</td>
										<td>{t(`fees.source_${report.source}`)}</td>
										<td>{report.reason ?? '–'}</td>
										<td>
											{report.supersededAt ? (
												t('fees.supersededOn', { date: formatDate(report.supersededAt, locale) })
											) : (
												<strong>{t('fees.current')}</strong>
											)}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
			</section>

			<section aria-labelledby="invoices">
				<h2 id="invoices">{t('fees.invoicesTitle')}</h2>
				{invoices.length === 0 ? (
					<p>{t('fees.noInvoicesYet')}</p>
				) : (
					<ul>
						{invoices.map((invoice) => (
							<li key={invoice.id}>
								<Link to={href('/medewerkers/facturen/:invoiceId', { invoiceId: invoice.id })}>{invoice.number}</Link> ·{' '}
								{formatDate(invoice.issuedAt, locale)} · {formatEuro(invoice.amountCents, locale)} ·{' '}
								{t(`fees.status_${invoice.status}`)}
							</li>
						))}
					</ul>
				)}
				{isAdmin && canIssue ? (
					<Form method="post">
						<ErrorSummary formErrors={issueErrors?.formErrors} />
						<input type="hidden" name="intent" value="issue" />
						<SubmitButton>{t('fees.issueNow')}</SubmitButton>
					</Form>
				) : null}
			</section>

			{isAdmin ? (
				<section aria-labelledby="correct" className="panel">
					<h2 id="correct">{t('fees.correctTitle')}</h2>
					<p>{t('fees.correctExplanation', { label: settings.turnoverLabel })}</p>
					<ErrorSummary fieldErrors={correctErrors?.fieldErrors} formErrors={correctErrors?.formErrors} />
					<Form method="post" className="form" noValidate>
						<input type="hidden" name="intent" value="correct" />
						<InputField
							name="amount"
							label={t('fees.correctAmount')}
							hint={t('fees.correctAmountHint')}
							inputMode="decimal"
							autoComplete="off"
							defaultValue={typeof correctErrors?.values.amount === 'string' ? correctErrors.values.amount : ''}
							errors={correctErrors?.fieldErrors.amount}
							required
						/>
						<TextareaField
							name="reason"
							label={t('fees.correctReason')}
							hint={t('fees.correctReasonHint')}
							defaultValue={typeof correctErrors?.values.reason === 'string' ? correctErrors.values.reason : ''}
							errors={correctErrors?.fieldErrors.reason}
							required
						/>
						<SubmitButton pendingText={t('common.saving')}>{t('fees.correct')}</SubmitButton>
					</Form>
				</section>
			) : null}
		</div>
	)
}

export const ErrorBoundary = RouteErrorBoundary
