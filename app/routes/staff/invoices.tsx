import { Form, Link, isRouteErrorResponse, useSearchParams } from 'react-router'
import type { Route } from './+types/invoices'
import { type InvoiceRow, invoiceColumns, INVOICE_STATUS_FILTERS, parseInvoiceSearch } from './invoices.columns.tsx'
import { ErrorPage } from '#app/components/error-page.tsx'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { type InvoiceView, invoiceStatusCounts, listInvoices } from '#app/services/invoices.server.ts'

const PAGE_SIZE = 50

function toRow(view: InvoiceView): InvoiceRow {
	return {
		id: view.id,
		number: view.number,
		participationId: view.participationId,
		providerName: view.providerName,
		kvkNumber: view.kvkNumber,
		year: view.year,
		issuedAt: view.issuedAt,
		dueAt: view.dueAt,
		turnoverCents: Number(view.turnoverCents),
		amountCents: Number(view.amountCents),
		status: view.status,
		daysOverdue: view.daysOverdue,
		eligibleForWithdrawal: view.eligibleForWithdrawal,
		creditNoteNumber: view.creditNoteNumber,
	}
}

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const search = parseInvoiceSearch(new URL(request.url).searchParams)
	const at = now()
	const filters = { year: search.jaar, status: search.status, q: search.q }
	const [{ rows, total }, counts, years, toInvoice] = await Promise.all([
		listInvoices(filters, { page: search.pagina, pageSize: PAGE_SIZE }, at),
		invoiceStatusCounts({ year: search.jaar, q: search.q }, at),
		db.markYear.findMany({ select: { year: true }, orderBy: { year: 'desc' } }),
		db.turnoverReport.count({
			where: { supersededAt: null, participation: { invoices: { none: { status: { in: ['open', 'paid'] } } } } },
		}),
	])
	return {
		rows: rows.map(toRow),
		total,
		page: search.pagina,
		pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		counts,
		years: years.map((row) => row.year),
		search,
		toInvoice,
		isAdmin: user.staffRole === 'admin',
	}
}

export const meta: Route.MetaFunction = () => [{ title: 'Facturen · Medewerkers · Keurmerkportaal' }]

export default function Invoices({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const [searchParams] = useSearchParams()
	const { rows, total, page, pageCount, counts, years, search, toInvoice } = loaderData
	const columns = invoiceColumns(t, locale)
	const pageLink = (target: number) => {
		const next = new URLSearchParams(searchParams)
		if (target > 1) next.set('pagina', String(target))
		else next.delete('pagina')
		return `?${next.toString()}`
	}
	const exportParams = new URLSearchParams(searchParams)
	exportParams.delete('pagina')
	return (
		<div className="stack">
			<h1>{t('fees.invoicesTitle')}</h1>
			<p>{t('fees.invoicesIntro')}</p>
			<nav aria-label={t('fees.feesNavigation')} className="inline-list">
				<Link to="/medewerkers/facturen/omzet">{t('fees.turnoverTitle')}</Link>
				{toInvoice > 0 ? (
					<span className="badge badge--info">{t('fees.toInvoiceCount', { count: toInvoice })}</span>
				) : null}
			</nav>
			<Form method="get" className="form form--inline" aria-label={t('fees.filterInvoices')}>
				<div className="field">
					<label htmlFor="filter-year" className="field__label">
						{t('fees.filterYear')}
					</label>
					<select id="filter-year" name="jaar" className="input input--select" defaultValue={search.jaar ?? ''}>
						<option value="">{t('fees.allYears')}</option>
						{years.map((year) => (
							<option key={year} value={year}>
								{year}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="filter-status" className="field__label">
						{t('fees.filterStatus')}
					</label>
					<select id="filter-status" name="status" className="input input--select" defaultValue={search.status ?? ''}>
						<option value="">{t('fees.allStatuses')}</option>
						{INVOICE_STATUS_FILTERS.map((status) => (
							<option key={status} value={status}>
								{t(`fees.status_${status}`)} ({counts[status]})
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="filter-q" className="field__label">
						{t('fees.filterSearch')}
					</label>
					<input id="filter-q" name="q" type="search" className="input" defaultValue={search.q ?? ''} />
				</div>
				<button type="submit" className="button">
					{t('common.filter')}
				</button>
				<a href={`/medewerkers/facturen/export?${exportParams.toString()}`} className="button" download>
					{t('fees.exportCsv')}
				</a>
			</Form>
			<p role="status">{t('fees.resultCount', { count: total })}</p>
			{rows.length === 0 ? (
				<p className="empty-state">{t('fees.noInvoices')}</p>
			) : (
				<div className="table-wrapper">
					<table className="table">
						<caption className="visually-hidden">{t('fees.invoicesTitle')}</caption>
						<thead>
							<tr>
								{columns.map((column) => (
									<th key={column.id} scope="col" className={column.className}>
										{column.header}
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{rows.map((row) => (
								<tr key={row.id}>
									{columns.map((column) => (
										<td key={column.id} className={column.className}>
											{column.cell({ row: { original: row } })}
										</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			{pageCount > 1 ? (
				<nav aria-label={t('fees.pagination')} className="button-row">
					{page > 1 ? (
						<Link to={pageLink(page - 1)} className="button button--small" rel="prev">
							{t('common.previous')}
						</Link>
					) : null}
					<span>{t('fees.pageOf', { page, count: pageCount })}</span>
					{page < pageCount ? (
						<Link to={pageLink(page + 1)} className="button button--small" rel="next">
							{t('common.next')}
						</Link>
					) : null}
				</nav>
			) : null}
		</div>
	)
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
	return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />
}
