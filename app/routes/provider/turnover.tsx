// /aanbieder/:providerId/omzet: per finished year the realised turnover (reported by the provider,
// or corrected by KiBG), the fee it leads to (DOMAIN.md §6) and the invoices.
import { data, Form, href } from 'react-router'
import type { Route } from './+types/turnover'
import { turnoverSchema } from '#app/services/provider-forms.ts'
import { ErrorSummary, InputField, SubmitButton } from '#app/components/forms.tsx'
import { ProviderErrorBoundary, typed } from '#app/components/provider/ui.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { parseEuroInput } from '#app/domain/fees.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { attempt, formFailure, parseForm, readForm } from '#app/lib/forms.ts'
import { translateError } from '#app/i18n/errors.ts'
import { clientIp } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { reportProviderTurnover, turnoverOverview } from '#app/services/turnover-report.server.ts'
import { formatCalendarDay, formatEuro, formatFeeRate } from '#app/i18n/format.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	return { providerId: params.providerId, years: await turnoverOverview(params.providerId) }
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user } = await requireProviderMember(request, params.providerId)
	const form = parseForm(turnoverSchema, await readForm(request))
	if (!form.success) return data({ ...form, participationId: null }, { status: 400 })
	const { participationId, amount } = form.data
	const fail = (message: string) =>
		data(
			{ ...formFailure({ fieldErrors: { amount: [message] }, values: { amount } }), participationId },
			{ status: 400 },
		)
	const parsed = parseEuroInput(amount)
	if (!parsed.ok) return fail(`refusals.${parsed.code}`)
	const result = await attempt(() =>
		reportProviderTurnover(params.providerId, participationId, parsed.cents, {
			type: 'provider',
			userId: user.id,
			ip: clientIp(request, context),
		}),
	)
	if (!result.ok) return fail(translateError(result.error, user.locale))
	return redirectWithToast(href('/aanbieder/:providerId/omzet', { providerId: params.providerId }), {
		type: 'success',
		key: 'provider.turnoverSavedToast',
	})
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.turnover'])

export default function Turnover({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { years } = loaderData
	const failed = actionData && !actionData.success ? actionData : undefined
	return (
		<div className="stack">
			<h1>{t('provider.turnoverTitle')}</h1>
			<p>{t('provider.turnoverIntro')}</p>
			{failed && !failed.participationId ? (
				<ErrorSummary fieldErrors={failed.fieldErrors} formErrors={failed.formErrors} />
			) : null}
			{years.length === 0 ? <p className="empty-state">{t('provider.turnoverNone')}</p> : null}
			{years.map((year) => {
				const errors = failed?.participationId === year.participationId ? failed : undefined
				return (
					<section key={year.participationId} className="panel stack" aria-labelledby={`turnover-${year.year}`}>
						<h2 id={`turnover-${year.year}`}>{t('provider.turnoverYear', { year: year.year })}</h2>
						<dl className="facts">
							<dt>{capitalize(year.turnoverLabel)}</dt>
							<dd>
								{year.current
									? formatEuro(BigInt(year.current.amountCents), locale)
									: t('provider.turnoverNotReported', { date: formatCalendarDay(year.reportDueOn, locale) })}
							</dd>
							<dt>{t('provider.termFeeRate')}</dt>
							<dd>{formatFeeRate(year.feeRateBp, locale)}</dd>
							<dt>{t('provider.termMinimumFee')}</dt>
							<dd>{formatEuro(year.minimumFeeCents, locale)}</dd>
							{year.fee ? (
								<>
									<dt>{t('provider.turnoverFee')}</dt>
									<dd>
										<strong>{formatEuro(year.fee.feeCents, locale)}</strong>
										{year.fee.minimumApplied ? ` (${t('provider.turnoverMinimumApplied')})` : ''}
									</dd>
								</>
							) : null}
						</dl>
						{year.locked ? (
							<p className="panel panel--info">{t('provider.turnoverLocked')}</p>
						) : (
							<Form key={year.current?.amountCents ?? 'none'} method="post" className="form form--inline" noValidate>
								<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
								<input type="hidden" name="participationId" value={year.participationId} />
								<InputField
									name="amount"
									id={`amount-${year.year}`}
									inputMode="decimal"
									label={t('provider.turnoverAmount', { label: capitalize(year.turnoverLabel), year: year.year })}
									hint={t('provider.turnoverAmountHint')}
									defaultValue={typed(errors?.values, 'amount')}
									errors={errors?.fieldErrors.amount}
								/>
								<SubmitButton>
									{year.current ? t('provider.turnoverUpdate') : t('provider.turnoverSubmit')}
								</SubmitButton>
							</Form>
						)}
						{year.history.length > 1 ? (
							<details>
								<summary>{t('provider.turnoverHistory')}</summary>
								<ul>
									{year.history.map((report) => (
										<li key={report.id}>
											{formatEuro(BigInt(report.amountCents), locale)} · {report.reportedBy} ·{' '}
											<DateTime value={report.reportedAt} />
											{report.source === 'staff_correction'
												? ` · ${t('provider.turnoverCorrectedByKibg')}${report.reason ? `: ${report.reason}` : ''}`
												: ''}
										</li>
									))}
								</ul>
							</details>
						) : null}
						{year.invoices.length > 0 ? (
							<ul className="stack">
								{year.invoices.map((invoice) => (
									<li key={invoice.id}>
										<a href={invoice.pdfPath}>{t('provider.invoiceLink', { number: invoice.number })}</a> ·{' '}
										{formatEuro(BigInt(invoice.amountCents), locale)} · {t(`provider.invoiceStatus_${invoice.status}`)}{' '}
										· {t('provider.invoiceDue')} <DateTime value={invoice.dueAt} dateOnly />
										{invoice.creditNotePdfPath ? (
											<>
												{' '}
												·{' '}
												<a href={invoice.creditNotePdfPath}>
													{t('provider.creditNoteLink', { number: invoice.creditNoteNumber ?? '' })}
												</a>
											</>
										) : null}
									</li>
								))}
							</ul>
						) : null}
					</section>
				)
			})}
		</div>
	)
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1)
}

export const ErrorBoundary = ProviderErrorBoundary
