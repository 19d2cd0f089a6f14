import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/invoices.detail'
import { InvoiceStatusBadge } from './invoices.columns.tsx'
import { templateLabel } from './mail.columns.tsx'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { CheckboxField, ErrorSummary, InputField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { amsterdamDateOf, isCalendarDate } from '#app/domain/amsterdam-time.ts'
import { formatDate, formatDateTime, formatEuro, formatFeeRate } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { now } from '#app/lib/clock.server.ts'
import { checkboxField, parseForm, refusalData, readForm } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { creditInvoice, markInvoicePaid } from '#app/services/invoices.server.ts'
import { invoiceDetail } from '#app/services/invoice-queries.server.ts'
import { isAppError } from '#app/domain/errors.ts'
import { pageMeta } from '#app/i18n/meta.ts'

const paidSchema = z.object({
	intent: z.literal('paid'),
	paidOn: z.string().trim().refine(isCalendarDate, 'fees.errorPaidOn'),
})

const creditSchema = z.object({
	intent: z.literal('credit'),
	reason: z.string().trim().min(5, 'fees.errorReasonRequired').max(500, 'fees.errorReasonTooLong'),
	reissue: checkboxField,
})

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const detail = await invoiceDetail(params.invoiceId)
	invariantResponse(detail, 'Factuur niet gevonden')
	const { invoice, turnoverReport } = detail
	return {
		invoice: { ...invoice, turnoverCents: Number(invoice.turnoverCents), amountCents: Number(invoice.amountCents) },
		turnoverReport: turnoverReport ? { ...turnoverReport, amountCents: Number(turnoverReport.amountCents) } : null,
		paidRecordedBy: detail.paidRecordedBy,
		mails: detail.mails,
		today: amsterdamDateOf(now()),
		isAdmin: user.staffRole === 'admin',
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const actor = { type: 'staff' as const, userId: user.id }
	const formData = await readForm(request)
	const intent = formData.get('intent')
	const url = href('/medewerkers/facturen/:invoiceId', { invoiceId: params.invoiceId })
	try {
		if (intent === 'paid') {
			const form = parseForm(paidSchema, formData)
			if (!form.success) return data({ ...form, intent }, { status: 400 })
			const invoice = await markInvoicePaid(params.invoiceId, form.data.paidOn, actor)
			return redirectWithToast(url, { type: 'success', key: 'fees.markedPaid', params: { number: invoice.number } })
		}
		const form = parseForm(creditSchema, formData)
		if (!form.success) return data({ ...form, intent: 'credit' as const }, { status: 400 })
		const { invoice, reissued } = await creditInvoice(
			params.invoiceId,
			{ reason: form.data.reason, reissue: form.data.reissue },
			actor,
		)
		if (reissued) {
			return redirectWithToast(href('/medewerkers/facturen/:invoiceId', { invoiceId: reissued.id }), {
				type: 'success',
				key: 'fees.creditedAndReissued',
				params: { number: invoice.creditNoteNumber ?? '', invoice: reissued.number },
			})
		}
		return redirectWithToast(url, {
			type: 'success',
			key: 'fees.credited',
			params: { number: invoice.creditNoteNumber ?? '' },
		})
	} catch (error) {
		if (isAppError(error)) {
			return refusalData(error, user.locale, {
				extra: { intent: intent === 'paid' ? ('paid' as const) : ('credit' as const) },
			})
		}
		throw error
	}
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [args.loaderData ? { text: args.loaderData.invoice.number } : 'meta.invoice', 'meta.invoices'])

export default function InvoiceDetail({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { invoice, turnoverReport, paidRecordedBy, mails, today, isAdmin } = loaderData
	const failure = actionData && !actionData.success ? actionData : undefined
	const paidErrors = failure?.intent === 'paid' ? failure : undefined
	const creditErrors = failure?.intent === 'credit' ? failure : undefined
	const pdf = href('/medewerkers/facturen/:invoiceId/pdf', { invoiceId: invoice.id })
	const rows: [string, React.ReactNode][] = [
		[t('fees.columnProvider'), invoice.providerName],
		[t('fees.kvk'), invoice.kvkNumber],
		[t('fees.columnYear'), invoice.year],
		[t('fees.columnIssued'), formatDate(invoice.issuedAt, locale)],
		[t('fees.columnDue'), formatDate(invoice.dueAt, locale)],
		[t('fees.turnover'), formatEuro(invoice.turnoverCents, locale)],
		[t('fees.rate'), formatFeeRate(invoice.feeRateBp, locale)],
		[t('fees.minimumFee'), formatEuro(invoice.minimumFeeCents, locale)],
		[t('fees.columnAmount'), <strong key="amount">{formatEuro(invoice.amountCents, locale)}</strong>],
		[t('fees.columnStatus'), <InvoiceStatusBadge key="status" row={invoice} t={t} />],
	]
	if (invoice.paidAt)
		rows.push([
			t('fees.paidOn'),
			`${formatDate(invoice.paidAt, locale)}${paidRecordedBy ? ` (${paidRecordedBy})` : ''}`,
		])
	if (invoice.overdueNotifiedAt)
		rows.push([t('fees.overdueNotified'), formatDateTime(invoice.overdueNotifiedAt, locale)])
	if (invoice.creditNoteNumber)
		rows.push([t('fees.creditNote'), `${invoice.creditNoteNumber} · ${invoice.creditReason ?? ''}`])
	return (
		<div className="stack">
			<p>
				<Link to="/medewerkers/facturen">← {t('fees.backToInvoices')}</Link>
			</p>
			<h1>{t('fees.invoiceTitle', { number: invoice.number })}</h1>
			{invoice.eligibleForWithdrawal ? (
				<div className="panel panel--warning" role="note">
					<p>{t('fees.eligibleExplanation', { days: invoice.daysOverdue })}</p>
					<p>
						<Link to={href('/medewerkers/deelnames/:participationId', { participationId: invoice.participationId })}>
							{t('fees.toParticipation')}
						</Link>
					</p>
				</div>
			) : null}
			<div className="table-wrapper">
				<table className="table table--compact">
					<caption className="visually-hidden">{t('fees.invoiceFacts')}</caption>
					<tbody>
						{rows.map(([label, value]) => (
							<tr key={label}>
								<th scope="row">{label}</th>
								<td>{value}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<p className="button-row">
				{invoice.hasPdf ? (
					<a href={pdf} className="button">
						{t('fees.downloadInvoice')}
					</a>
				) : null}
				{invoice.hasCreditNotePdf ? (
					<a href={`${pdf}?document=creditnota`} className="button">
						{t('fees.downloadCreditNote')}
					</a>
				) : null}
				<Link
					to={href('/medewerkers/facturen/omzet/:participationId', { participationId: invoice.participationId })}
					className="button"
				>
					{t('fees.turnoverOfParticipation')}
				</Link>
			</p>
			{turnoverReport ? (
				<p>
					{t('fees.basedOnReport', {
						amount: formatEuro(turnoverReport.amountCents, locale),
						source: t(`fees.source_${turnoverReport.source}`),
						date: formatDate(turnoverReport.reportedAt, locale),
						name: turnoverReport.reportedBy,
					})}
					{turnoverReport.supersededAt
						? ` ${t('fees.reportSuperseded', { date: formatDate(turnoverReport.supersededAt, locale) })}`
						: ''}
				</p>
			) : null}

			<section aria-labelledby="invoice-mails">
				<h2 id="invoice-mails">{t('fees.mailsAboutInvoice')}</h2>
				{mails.length === 0 ? (
					<p>{t('fees.noMails')}</p>
				) : (
					<ul>
						{mails.map((mail) => (
							<li key={mail.id}>
								<Link to={href('/medewerkers/mail/:emailId', { emailId: mail.id })}>
									{templateLabel(t, mail.template)}
								</Link>{' '}
								→ {mail.toAddress} · {t(`mail.status_${mail.status}`)} ·{' '}
								{formatDateTime(mail.sentAt ?? mail.createdAt, locale)}
							</li>
						))}
					</ul>
				)}
			</section>

			{isAdmin && invoice.status !== 'credited' ? (
				<>
					{invoice.status === 'open' || invoice.status === 'overdue' ? (
						<section aria-labelledby="mark-paid" className="panel">
							<h2 id="mark-paid">{t('fees.markPaidTitle')}</h2>
							<ErrorSummary fieldErrors={paidErrors?.fieldErrors} formErrors={paidErrors?.formErrors} />
							<Form method="post" className="form form--inline">
								<input type="hidden" name="intent" value="paid" />
								<InputField
									name="paidOn"
									type="date"
									label={t('fees.paidOnLabel')}
									defaultValue={typeof paidErrors?.values.paidOn === 'string' ? paidErrors.values.paidOn : today}
									max={today}
									errors={paidErrors?.fieldErrors.paidOn}
									required
								/>
								<SubmitButton>{t('fees.markPaid')}</SubmitButton>
							</Form>
						</section>
					) : null}
					<section aria-labelledby="credit" className="panel">
						<h2 id="credit">{t('fees.creditTitle')}</h2>
						<p>{t('fees.creditExplanation')}</p>
						<ErrorSummary fieldErrors={creditErrors?.fieldErrors} formErrors={creditErrors?.formErrors} />
						<Form method="post" className="form">
							<input type="hidden" name="intent" value="credit" />
							<TextareaField
								name="reason"
								label={t('fees.creditReason')}
								hint={t('fees.creditReasonHint')}
								defaultValue={typeof creditErrors?.values.reason === 'string' ? creditErrors.values.reason : ''}
								errors={creditErrors?.fieldErrors.reason}
								required
							/>
							<CheckboxField
								name="reissue"
								label={t('fees.reissue')}
								hint={t('fees.reissueHint')}
								defaultChecked={creditErrors?.values.reissue === 'on'}
							/>
							<SubmitButton className="button button--danger">{t('fees.credit')}</SubmitButton>
						</Form>
					</section>
				</>
			) : null}
		</div>
	)
}

export const ErrorBoundary = RouteErrorBoundary
