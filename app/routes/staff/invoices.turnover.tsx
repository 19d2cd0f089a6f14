import { Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/invoices.turnover'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { StateBadge } from '#app/components/status-badge.tsx'
import { formatDate, formatEuro } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { now } from '#app/lib/clock.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { markYears } from '#app/services/years.server.ts'
import { turnoverReportList } from '#app/services/turnover-report.server.ts'

const searchSchema = z.object({
	jaar: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
	opgave: z.enum(['ontbreekt', 'opgegeven']).optional().catch(undefined),
})

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const search = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const years = await markYears()
	// Default: the last finished year, whose turnover is being reported now.
	const lastFinished = runningYearAt(now()) - 1
	const year = search.jaar ?? (years.includes(lastFinished) ? lastFinished : (years[0] ?? lastFinished))
	return {
		year,
		years,
		search,
		rows: await turnoverReportList(
			year,
			search.opgave === 'ontbreekt' ? 'missing' : search.opgave === 'opgegeven' ? 'reported' : undefined,
		),
	}
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.turnoverReports', 'meta.staff'])

export default function TurnoverReports({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { year, years, search, rows } = loaderData
	return (
		<div className="stack">
			<p>
				<Link to="/medewerkers/facturen">← {t('fees.backToInvoices')}</Link>
			</p>
			<h1>{t('fees.turnoverTitleYear', { year })}</h1>
			<p>{t('fees.turnoverIntro')}</p>
			<Form method="get" className="form form--inline" aria-label={t('fees.filterTurnover')}>
				<div className="field">
					<label htmlFor="filter-year" className="field__label">
						{t('fees.filterYear')}
					</label>
					<select id="filter-year" name="jaar" className="input input--select" defaultValue={year}>
						{years.map((option) => (
							<option key={option} value={option}>
								{option}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="filter-report" className="field__label">
						{t('fees.filterReport')}
					</label>
					<select id="filter-report" name="opgave" className="input input--select" defaultValue={search.opgave ?? ''}>
						<option value="">{t('fees.reportAll')}</option>
						<option value="ontbreekt">{t('fees.reportMissing')}</option>
						<option value="opgegeven">{t('fees.reportPresent')}</option>
					</select>
				</div>
				<button type="submit" className="button">
					{t('common.filter')}
				</button>
			</Form>
			<p role="status">{t('fees.participationCount', { count: rows.length })}</p>
			{rows.length === 0 ? (
				<p className="empty-state">{t('fees.noParticipations')}</p>
			) : (
				<div className="table-wrapper">
					<table className="table">
						<caption className="visually-hidden">{t('fees.turnoverTitleYear', { year })}</caption>
						<thead>
							<tr>
								<th scope="col">{t('fees.columnProvider')}</th>
								<th scope="col">{t('fees.columnState')}</th>
								<th scope="col" className="numeric">
									{t('fees.turnover')}
								</th>
								<th scope="col">{t('fees.columnReported')}</th>
								<th scope="col">{t('fees.columnInvoice')}</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((row) => (
								<tr key={row.id}>
									<td>
										<Link to={href('/medewerkers/facturen/omzet/:participationId', { participationId: row.id })}>
											{row.providerName}
										</Link>
									</td>
									<td>
										<StateBadge state={row.state} />
									</td>
									<td className="numeric">{row.report ? formatEuro(row.report.amountCents, locale) : '–'}</td>
									<td>
										{row.report ? (
											<>
												{formatDate(row.report.reportedAt, locale)} · {t(`fees.source_${row.report.source}`)}
											</>
										) : (
											<span className="badge badge--warning">{t('fees.reportMissing')}</span>
										)}
									</td>
									<td>
										{row.invoice ? (
											<Link to={href('/medewerkers/facturen/:invoiceId', { invoiceId: row.invoice.id })}>
												{row.invoice.number} ({t(`fees.status_${row.invoice.status}`)})
											</Link>
										) : (
											'–'
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</div>
	)
}

export const ErrorBoundary = RouteErrorBoundary
