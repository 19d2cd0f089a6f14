// The invoice list's columns and filters, kept apart from the page so the table can move onto the
// shared DataTable (issue 5) without touching the loader: same `id`/`header`/`cell({ row })` shape.
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { z } from 'zod'
import { INVOICE_DISPLAY_STATUSES, type InvoiceDisplayStatus } from '#app/domain/invoices.ts'
import type { Locale } from '#app/i18n/catalogue.ts'
import { formatDate, formatMoney } from '#app/i18n/format.ts'
import type { Translate } from '#app/i18n/translate.ts'

export const INVOICE_STATUS_FILTERS = [...INVOICE_DISPLAY_STATUSES, 'eligible'] as const

/** URL search params → filters. Anything invalid falls back to "no filter": a bad link never fails. */
export const invoiceFilterSchema = z.object({
	jaar: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
	status: z.enum(INVOICE_STATUS_FILTERS).optional().catch(undefined),
	q: z
		.string()
		.trim()
		.max(100)
		.optional()
		.catch(undefined)
		.transform((value) => value || undefined),
	pagina: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
})

export type InvoiceSearch = z.infer<typeof invoiceFilterSchema>

export function parseInvoiceSearch(params: URLSearchParams): InvoiceSearch {
	return invoiceFilterSchema.parse(Object.fromEntries(params))
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

export interface Column<Row> {
	id: string
	header: string
	className?: string
	cell: (context: { row: { original: Row } }) => ReactNode
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
				<span className="field__hint">
					{t(row.daysOverdue === 1 ? 'fees.daysOverdueOne' : 'fees.daysOverdue', { count: row.daysOverdue })}
				</span>
			) : null}
			{row.eligibleForWithdrawal ? (
				<span className="badge badge--danger">{t('fees.eligibleForWithdrawal')}</span>
			) : null}
		</>
	)
}

export function invoiceColumns(t: Translate, locale: Locale): Column<InvoiceRow>[] {
	return [
		{
			id: 'number',
			header: t('fees.columnNumber'),
			cell: ({ row }) => <Link to={`/medewerkers/facturen/${row.original.id}`}>{row.original.number}</Link>,
		},
		{ id: 'provider', header: t('fees.columnProvider'), cell: ({ row }) => row.original.providerName },
		{ id: 'year', header: t('fees.columnYear'), className: 'numeric', cell: ({ row }) => row.original.year },
		{ id: 'issuedAt', header: t('fees.columnIssued'), cell: ({ row }) => formatDate(row.original.issuedAt, locale) },
		{ id: 'dueAt', header: t('fees.columnDue'), cell: ({ row }) => formatDate(row.original.dueAt, locale) },
		{
			id: 'amount',
			header: t('fees.columnAmount'),
			className: 'numeric',
			cell: ({ row }) => formatMoney(row.original.amountCents, locale),
		},
		{
			id: 'status',
			header: t('fees.columnStatus'),
			cell: ({ row }) => <InvoiceStatusBadge row={row.original} t={t} />,
		},
	]
}
