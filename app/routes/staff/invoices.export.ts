// /medewerkers/facturen/export: the filtered invoices as CSV for the bookkeeper — `;` separated,
// UTF-8 with a byte-order mark and Dutch decimals, so Excel opens it as is. A Dutch document, like
// the invoices themselves: headers and labels are Dutch whatever the reader's language.
import { downloadResponse } from '#app/lib/download.ts'
import type { Route } from './+types/invoices.export'
import { chosenStatuses, invoicesTableSpec, parseInvoiceYear } from './invoices.columns.tsx'
import { parseTableQuery } from '#app/lib/table-query.ts'
import { amsterdamDateOf } from '#app/domain/amsterdam-time.ts'
import { invoiceStatusLabel } from '#app/i18n/labels.ts'
import { now } from '#app/lib/clock.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { exportInvoices, type InvoiceView } from '#app/services/invoice-queries.server.ts'

type Cell = string | number | null

const columns: { header: string; value: (row: InvoiceView) => Cell }[] = [
	{ header: 'Factuurnummer', value: (row) => row.number },
	{ header: 'Factuurdatum', value: (row) => dutchDate(row.issuedAt) },
	{ header: 'Vervaldatum', value: (row) => dutchDate(row.dueAt) },
	{ header: 'Aanbieder', value: (row) => row.providerName },
	{ header: 'KvK-nummer', value: (row) => row.kvkNumber },
	{ header: 'Keurmerkjaar', value: (row) => row.year },
	{ header: 'Omzet', value: (row) => euros(row.turnoverCents) },
	{ header: 'Afdrachtpercentage', value: (row) => (row.feeRateBp / 100).toFixed(2).replace('.', ',') },
	{ header: 'Minimale afdracht', value: (row) => euros(row.minimumFeeCents) },
	{ header: 'Bedrag', value: (row) => euros(row.amountCents) },
	{ header: 'Status', value: (row) => invoiceStatusLabel(row.status, 'nl') },
	{ header: 'Dagen over tijd', value: (row) => row.daysOverdue || null },
	{ header: 'Betaald op', value: (row) => (row.paidAt ? dutchDate(row.paidAt) : null) },
	{ header: 'Creditnota', value: (row) => row.creditNoteNumber },
	{ header: 'Gecrediteerd op', value: (row) => (row.creditedAt ? dutchDate(row.creditedAt) : null) },
	{ header: 'Reden creditering', value: (row) => row.creditReason },
]

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const params = new URL(request.url).searchParams
	// The same query as the table, without paging: the export holds exactly the filtered rows.
	const query = parseTableQuery(params, invoicesTableSpec)
	const year = parseInvoiceYear(params)
	const statuses = chosenStatuses(query)
	const at = now()
	const rows = await exportInvoices({ year, status: statuses, q: query.search || undefined }, at)
	const lines = [
		columns.map((column) => field(column.header)),
		...rows.map((row) => columns.map((column) => field(column.value(row)))),
	]
	const csv = `\uFEFF${lines.map((line) => line.join(';')).join('\r\n')}\r\n`
	const name = `facturen${year ? `-${year}` : ''}${statuses.length ? `-${statuses.join('-')}` : ''}-${amsterdamDateOf(at)}.csv`
	return downloadResponse(csv, { name, type: 'text/csv; charset=utf-8' })
}

/** '1234,56' — no thousands separator, a decimal comma: what Dutch Excel reads as a number. */
function euros(cents: bigint | number): string {
	const value = BigInt(cents)
	const sign = value < 0n ? '-' : ''
	const abs = value < 0n ? -value : value
	return `${sign}${abs / 100n},${String(abs % 100n).padStart(2, '0')}`
}

function dutchDate(at: Date): string {
	const [year, month, day] = amsterdamDateOf(at).split('-')
	return `${day}-${month}-${year}`
}

// Every field quoted; text that a spreadsheet would run as a formula gets a leading apostrophe.
function field(value: Cell): string {
	if (value === null) return '""'
	const text =
		typeof value === 'number'
			? String(value)
			: /^[=+\-@\t\r]/.test(value) && !/^-?\d+,\d{2}$/.test(value)
				? `'${value}`
				: value
	return `"${text.replace(/"/g, '""')}"`
}
