// Invoices for the fee (DOMAIN.md §6), the reading side: the view of an invoice as staff and
// providers see it (status, days overdue and eligibility for withdrawal derived at the server
// clock by app/domain/invoices.ts), the staff list with its filters and CSV export, the detail page
// and the stored PDFs. The commands (issue, pay, credit) are in invoices.server.ts.
import type { Prisma } from '#app/generated/prisma/client.ts'
import {
	invoiceDaysOverdue,
	invoiceMakesWithdrawalEligible,
	invoiceStatusAt,
	type InvoiceDisplayStatus,
} from '#app/domain/invoices.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { providerInvoicePdfPath } from './invoices.server.ts'

export interface InvoiceView {
	id: string
	number: string
	participationId: string
	providerId: string
	providerName: string
	kvkNumber: string
	year: number
	issuedAt: Date
	dueAt: Date
	turnoverCents: bigint
	feeRateBp: number
	minimumFeeCents: number
	amountCents: bigint
	status: InvoiceDisplayStatus
	daysOverdue: number
	eligibleForWithdrawal: boolean
	paidAt: Date | null
	overdueNotifiedAt: Date | null
	creditedAt: Date | null
	creditReason: string | null
	creditNoteNumber: string | null
	hasPdf: boolean
	hasCreditNotePdf: boolean
}

export const invoiceViewInclude = {
	participation: {
		select: {
			year: true,
			providerId: true,
			provider: { select: { name: true, kvkNumber: true } },
			markYear: { select: { invoiceOverdueGraceDays: true } },
		},
	},
} as const satisfies Prisma.InvoiceInclude

type InvoiceRow = Prisma.InvoiceGetPayload<{ include: typeof invoiceViewInclude }>

export function toInvoiceView(row: InvoiceRow, at: Date): InvoiceView {
	return {
		id: row.id,
		number: row.number,
		participationId: row.participationId,
		providerId: row.participation.providerId,
		providerName: row.participation.provider.name,
		kvkNumber: row.participation.provider.kvkNumber,
		year: row.participation.year,
		issuedAt: row.issuedAt,
		dueAt: row.dueAt,
		turnoverCents: row.turnoverCents,
		feeRateBp: row.feeRateBp,
		minimumFeeCents: row.minimumFeeCents,
		amountCents: row.amountCents,
		status: invoiceStatusAt(row, at),
		daysOverdue: invoiceDaysOverdue(row, at),
		eligibleForWithdrawal: invoiceMakesWithdrawalEligible(row, row.participation.markYear, at),
		paidAt: row.paidAt,
		overdueNotifiedAt: row.overdueNotifiedAt,
		creditedAt: row.creditedAt,
		creditReason: row.creditReason,
		creditNoteNumber: row.creditNoteNumber,
		hasPdf: Boolean(row.fileId),
		hasCreditNotePdf: Boolean(row.creditNoteFileId),
	}
}

/** A provider's invoices, newest first (for the provider's fee page). */
export async function providerInvoices(
	providerId: string,
	at: Date = now(),
): Promise<(InvoiceView & { pdfPath: string; creditNotePdfPath: string | null })[]> {
	const rows = await db.invoice.findMany({
		where: { participation: { providerId } },
		include: invoiceViewInclude,
		orderBy: [{ issuedAt: 'desc' }],
	})
	return rows.map((row) => ({
		...toInvoiceView(row, at),
		pdfPath: providerInvoicePdfPath(providerId, row.id),
		creditNotePdfPath: row.creditNoteFileId ? providerInvoicePdfPath(providerId, row.id, 'credit_note') : null,
	}))
}

export type InvoiceStatusFilter = InvoiceDisplayStatus | 'eligible'

export interface InvoiceFilters {
	year?: number
	/** One status or several (any of them). */
	status?: InvoiceStatusFilter | readonly InvoiceStatusFilter[]
	/** Provider name, KvK number or invoice number. */
	q?: string
}

function statusList(status: InvoiceFilters['status']): readonly InvoiceStatusFilter[] {
	return status === undefined ? [] : typeof status === 'string' ? [status] : status
}

function statusWhere(status: InvoiceStatusFilter, at: Date): Prisma.InvoiceWhereInput {
	if (status === 'open') return { status: 'open', dueAt: { gte: at } }
	if (status === 'overdue' || status === 'eligible') return { status: 'open', dueAt: { lt: at } }
	return { status }
}

/** 'eligible' is decided by the domain per invoice; the other statuses are exact in the query. */
function needsEligibleCheck(filters: InvoiceFilters): boolean {
	const statuses = statusList(filters.status)
	return statuses.includes('eligible') && !statuses.includes('overdue')
}

function keepView(filters: InvoiceFilters, view: InvoiceView): boolean {
	return (
		view.eligibleForWithdrawal ||
		statusList(filters.status).some((status) => status !== 'eligible' && status === view.status)
	)
}

function invoiceWhere({ year, status, q }: InvoiceFilters, at: Date): Prisma.InvoiceWhereInput {
	const where: Prisma.InvoiceWhereInput[] = []
	if (year) where.push({ participation: { year } })
	const statuses = statusList(status)
	if (statuses.length) where.push({ OR: statuses.map((one) => statusWhere(one, at)) })
	if (q) {
		where.push({
			OR: [
				{ number: { contains: q, mode: 'insensitive' } },
				{ creditNoteNumber: { contains: q, mode: 'insensitive' } },
				{ participation: { provider: { name: { contains: q, mode: 'insensitive' } } } },
				{ participation: { provider: { kvkNumber: q } } },
			],
		})
	}
	return { AND: where }
}

/** One page of invoices (newest first) and the total; `eligible` is decided by the domain per invoice. */
export async function listInvoices(
	filters: InvoiceFilters,
	{
		page,
		pageSize,
		orderBy = [{ issuedAt: 'desc' }, { number: 'desc' }],
	}: { page: number; pageSize: number; orderBy?: Prisma.InvoiceOrderByWithRelationInput[] },
	at: Date = now(),
): Promise<{ rows: InvoiceView[]; total: number }> {
	const where = invoiceWhere(filters, at)
	if (needsEligibleCheck(filters)) {
		// Eligibility depends on each year's grace days: decided here, from the (few) overdue invoices.
		const all = (await db.invoice.findMany({ where, include: invoiceViewInclude, orderBy }))
			.map((row) => toInvoiceView(row, at))
			.filter((view) => keepView(filters, view))
		return { rows: all.slice((page - 1) * pageSize, page * pageSize), total: all.length }
	}
	const [rows, total] = await Promise.all([
		db.invoice.findMany({ where, include: invoiceViewInclude, orderBy, skip: (page - 1) * pageSize, take: pageSize }),
		db.invoice.count({ where }),
	])
	return { rows: rows.map((row) => toInvoiceView(row, at)), total }
}

/** Every invoice matching the filters, oldest number first (the bookkeeper's order). */
export async function exportInvoices(filters: InvoiceFilters, at: Date = now()): Promise<InvoiceView[]> {
	const rows = await db.invoice.findMany({
		where: invoiceWhere(filters, at),
		include: invoiceViewInclude,
		orderBy: [{ sequenceYear: 'asc' }, { sequence: 'asc' }],
	})
	const views = rows.map((row) => toInvoiceView(row, at))
	return needsEligibleCheck(filters) ? views.filter((view) => keepView(filters, view)) : views
}

/** Totals per display status for the filter bar (same year and search, any status). */
export async function invoiceStatusCounts(
	filters: Omit<InvoiceFilters, 'status'>,
	at: Date = now(),
): Promise<Record<InvoiceStatusFilter, number>> {
	const rows = await db.invoice.findMany({
		where: invoiceWhere(filters, at),
		select: {
			status: true,
			dueAt: true,
			paidAt: true,
			participation: { select: { markYear: { select: { invoiceOverdueGraceDays: true } } } },
		},
	})
	const counts: Record<InvoiceStatusFilter, number> = { open: 0, overdue: 0, paid: 0, credited: 0, eligible: 0 }
	for (const row of rows) {
		counts[invoiceStatusAt(row, at)] += 1
		if (invoiceMakesWithdrawalEligible(row, row.participation.markYear, at)) counts.eligible += 1
	}
	return counts
}

export async function invoiceDetail(invoiceId: string, at: Date = now()) {
	const row = await db.invoice.findUnique({
		where: { id: invoiceId },
		include: {
			...invoiceViewInclude,
			turnoverReport: { include: { reportedBy: { select: { name: true } } } },
			paidRecordedBy: { select: { name: true } },
		},
	})
	if (!row) return null
	const outbox = await db.outboxEmail.findMany({
		where: {
			participationId: row.participationId,
			template: { in: ['invoice_issued', 'invoice_overdue', 'credit_note_issued'] },
			dedupeKey: { contains: row.id },
		},
		select: { id: true, template: true, toAddress: true, status: true, createdAt: true, sentAt: true },
		orderBy: { createdAt: 'asc' },
	})
	return {
		invoice: toInvoiceView(row, at),
		turnoverReport: row.turnoverReport
			? {
					amountCents: row.turnoverReport.amountCents,
					source: row.turnoverReport.source,
					reason: row.turnoverReport.reason,
					reportedAt: row.turnoverReport.reportedAt,
					reportedBy: row.turnoverReport.reportedBy.name,
					supersededAt: row.turnoverReport.supersededAt,
				}
			: null,
		paidRecordedBy: row.paidRecordedBy?.name ?? null,
		mails: outbox,
	}
}

/** The stored PDF of an invoice or its credit note, for a download route (null if none). */
export async function invoiceFile(invoiceId: string, document: 'invoice' | 'credit_note') {
	const invoice = await db.invoice.findUnique({
		where: { id: invoiceId },
		select: { participation: { select: { providerId: true } }, file: true, creditNoteFile: true },
	})
	if (!invoice) return null
	const file = document === 'invoice' ? invoice.file : invoice.creditNoteFile
	return file ? { providerId: invoice.participation.providerId, file } : null
}

/** Current turnover reports of participations that have no open or paid invoice yet. */
export function turnoverReportsToInvoiceCount(): Promise<number> {
	return db.turnoverReport.count({
		where: { supersededAt: null, participation: { invoices: { none: { status: { in: ['open', 'paid'] } } } } },
	})
}
