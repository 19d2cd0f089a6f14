import { Form, Link } from 'react-router'
import type { Route } from './+types/invoices'
import {
	chosenStatuses,
	type InvoiceRow,
	invoiceColumns,
	invoicesTableSpec,
	INVOICE_STATUS_FILTERS,
	parseInvoiceYear,
} from './invoices.columns.tsx'
import { DataTable } from '#app/components/data-table/data-table.tsx'
import { pageCount, parseTableQuery, type TableQuery } from '#app/lib/table-query.ts'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { now } from '#app/lib/clock.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import {
	invoiceStatusCounts,
	type InvoiceView,
	listInvoices,
	turnoverReportsToInvoiceCount,
} from '#app/services/invoice-queries.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { markYears } from '#app/services/years.server.ts'

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

/** The table's sort as Prisma order; the invoice number breaks ties so pages are stable. */
function invoiceOrderBy(query: TableQuery): Prisma.InvoiceOrderByWithRelationInput[] {
	const byColumn: Record<string, (direction: 'asc' | 'desc') => Prisma.InvoiceOrderByWithRelationInput> = {
		number: (direction) => ({ number: direction }),
		provider: (direction) => ({ participation: { provider: { name: direction } } }),
		year: (direction) => ({ participation: { year: direction } }),
		issuedAt: (direction) => ({ issuedAt: direction }),
		dueAt: (direction) => ({ dueAt: direction }),
		amount: (direction) => ({ amountCents: direction }),
	}
	return [...query.sort.flatMap((key) => byColumn[key.id]?.(key.desc ? 'desc' : 'asc') ?? []), { number: 'desc' }]
}

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const url = new URL(request.url)
	const query = parseTableQuery(url.searchParams, invoicesTableSpec)
	const year = parseInvoiceYear(url.searchParams)
	const at = now()
	const filters = { year, status: chosenStatuses(query), q: query.search || undefined }
	const list = (page: number) =>
		listInvoices(filters, { page, pageSize: query.pageSize, orderBy: invoiceOrderBy(query) }, at)
	const [first, counts, years, toInvoice] = await Promise.all([
		list(query.page),
		invoiceStatusCounts({ year, q: filters.q }, at),
		markYears(),
		turnoverReportsToInvoiceCount(),
	])
	// A page beyond the end (an old link) shows the last page.
	const { total } = first
	const page = Math.min(query.page, pageCount(total, query.pageSize))
	const { rows } = page === query.page ? first : await list(page)
	return {
		spec: invoicesTableSpec,
		query: { ...query, page },
		rows: rows.map(toRow),
		total,
		page,
		counts,
		years,
		year: year ?? null,
		toInvoice,
		isAdmin: user.staffRole === 'admin',
	}
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.invoices', 'meta.staff'])

export default function Invoices({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { spec, query, rows, total, counts, years, year, toInvoice } = loaderData
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
			<Form method="get" className="form form--inline" aria-label={t('fees.filterYear')}>
				<div className="field">
					<label htmlFor="filter-year" className="field__label">
						{t('fees.filterYear')}
					</label>
					<select id="filter-year" name="jaar" className="input input--select" defaultValue={year ?? ''}>
						<option value="">{t('fees.allYears')}</option>
						{years.map((candidate) => (
							<option key={candidate} value={candidate}>
								{candidate}
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="button button--small">
					{t('staff.show')}
				</button>
			</Form>
			<DataTable
				caption={t('fees.invoicesTitle')}
				spec={spec}
				query={query}
				columns={invoiceColumns(t, locale)}
				data={rows}
				total={total}
				getRowId={(row) => row.id}
				searchLabel={t('fees.filterSearch')}
				csvPath="/medewerkers/facturen/export"
				keep={['jaar']}
				emptyText={t('fees.noInvoices')}
				filters={[
					{
						id: 'status',
						label: t('fees.filterStatus'),
						options: INVOICE_STATUS_FILTERS.map((status) => ({
							value: status,
							label: t(`fees.status_${status}`),
							count: counts[status],
						})),
					},
				]}
			/>
		</div>
	)
}

export const ErrorBoundary = RouteErrorBoundary
