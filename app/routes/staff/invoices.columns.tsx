// The invoice list on the shared DataTable: its spec (sort, status filter, columns — state in the
// URL), columns, and the year param that lives beside the table (`jaar`, kept by every link).
import { href, Link } from 'react-router'
import { z } from 'zod'
import type { DataTableColumn } from '#app/components/data-table/data-table.tsx'
import { type TableQuery, type TableSpec } from '#app/lib/table-query.ts'
import { INVOICE_DISPLAY_STATUSES, type InvoiceDisplayStatus } from '#app/domain/invoices.ts'
import type { Locale } from '#app/i18n/catalogue.ts'
import { formatDate, formatEuro } from '#app/i18n/format.ts'
import type { Translate } from '#app/i18n/translate.ts'

export const INVOICE_STATUS_FILTERS = [...INVOICE_DISPLAY_STATUSES, 'eligible'] as const

/** The year beside the table (`?jaar=`); anything invalid means "every year": a bad link never fails. */
const invoiceYearSchema = z.object({ jaar: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) })

export function parseInvoiceYear(params: URLSearchParams): number | undefined {
	return invoiceYearSchema.parse({ jaar: params.get('jaar') ?? undefined }).jaar
}

/** An invoice as the browser receives it (amounts as numbers of cents). */
export interface InvoiceRow {
	id: string
	number: string
	participationId: string
	providerName: string
	kvkNumber: string
	year: number
	issuedAt: Date | string
	dueAt: Date | string
	turnoverCents: number
	amountCents: number
	status: InvoiceDisplayStatus
	daysOverdue: number
	eligibleForWithdrawal: boolean
	creditNoteNumber: string | null
}

const INVOICE_COLUMNS = ['number', 'provider', 'year', 'issuedAt', 'dueAt', 'amount', 'status'] as const

export const invoicesTableSpec: TableSpec = {
	sortable: ['number', 'provider', 'year', 'issuedAt', 'dueAt', 'amount'],
	defaultSort: [{ id: 'issuedAt', desc: true }],
	filters: [{ id: 'status', kind: 'options', values: INVOICE_STATUS_FILTERS }],
	columns: INVOICE_COLUMNS,
	alwaysVisible: ['number'],
	pageSizes: [25, 50, 100],
	defaultPageSize: 50,
}

/** The statuses chosen in the table's filter (already checked against the spec). */
export function chosenStatuses(query: TableQuery): (typeof INVOICE_STATUS_FILTERS)[number][] {
	return INVOICE_STATUS_FILTERS.filter((status) => query.filters.status?.includes(status))
}

export const invoiceStatusTone: Record<InvoiceDisplayStatus, string> = {
	open: 'info',
	overdue: 'warning',
	paid: 'success',
	credited: 'neutral',
}

export function InvoiceStatusBadge({
	row,
	t,
}: {
	row: Pick<InvoiceRow, 'status' | 'daysOverdue' | 'eligibleForWithdrawal'>
	t: Translate
}) {
	return (
		<>
			<span className={`badge badge--${invoiceStatusTone[row.status]}`}>{t(`fees.status_${row.status}`)}</span>
			{row.status === 'overdue' ? (
				<span className="field__hint">{t('fees.daysOverdue', { count: row.daysOverdue })}</span>
			) : null}
			{row.eligibleForWithdrawal ? (
				<span className="badge badge--danger">{t('fees.eligibleForWithdrawal')}</span>
			) : null}
		</>
	)
}

export function invoiceColumns(t: Translate, locale: Locale): DataTableColumn<InvoiceRow>[] {
	return [
		{
			id: 'number',
			header: t('fees.columnNumber'),
			cell: ({ row }) => (
				<Link to={href('/medewerkers/facturen/:invoiceId', { invoiceId: row.original.id })}>{row.original.number}</Link>
			),
		},
		{ id: 'provider', header: t('fees.columnProvider'), cell: ({ row }) => row.original.providerName },
		{ id: 'year', header: t('fees.columnYear'), className: 'numeric', cell: ({ row }) => row.original.year },
		{
			id: 'issuedAt',
			header: t('fees.columnIssued'),
			className: 'nowrap',
			cell: ({ row }) => formatDate(row.original.issuedAt, locale),
		},
		{
			id: 'dueAt',
			header: t('fees.columnDue'),
			className: 'nowrap',
			cell: ({ row }) => formatDate(row.original.dueAt, locale),
		},
		{
			id: 'amount',
			header: t('fees.columnAmount'),
			className: 'numeric nowrap',
			cell: ({ row }) => formatEuro(row.original.amountCents, locale),
		},
		{
			id: 'status',
			header: t('fees.columnStatus'),
			cell: ({ row }) => <InvoiceStatusBadge row={row.original} t={t} />,
		},
	]
}
