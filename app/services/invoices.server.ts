// Invoices for the fee (DOMAIN.md §6): one live invoice per participation, issued from the current
// turnover report of a finished year, numbered per calendar year of issue, with its PDF stored and
// mailed; marked paid or credited (credit note with its own number and PDF) by staff. Overdue is
// derived from the due date at the server clock (app/domain/invoices.ts).
import type { Invoice, Prisma } from '#app/generated/prisma/client.ts'
import {
	amsterdamDateOf,
	endOfDay,
	formatDutchDate,
	startOfDay,
	type CalendarDate,
} from '#app/domain/amsterdam-time.ts'
import {
	feeBreakdown,
	formatEuro,
	invoiceVat,
	formatFeeRate,
	formatInvoiceNumber,
	invoiceDueOn,
} from '#app/domain/fees.ts'
import {
	formatCreditNoteNumber,
	invoiceDaysOverdue,
	invoiceMakesWithdrawalEligible,
	invoiceSequenceYear,
	invoiceStatusAt,
	parseCreditNoteNumber,
	type InvoiceDisplayStatus,
} from '#app/domain/invoices.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { storeFile } from '#app/lib/storage.server.ts'
import { creditNotePdf } from '#templates/credit-note.ts'
import { invoicePdf } from '#templates/invoice.ts'
import { kibg } from '#templates/pdf.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { absoluteUrl } from './auth.server.ts'
import { enqueueEmail } from './mail/outbox.server.ts'
import { participationRecipients } from './participation.server.ts'
import { runningYearAt, toYearSettings } from './years.server.ts'

/** A refusal with a Dutch message for the staff screen; nothing was written. */
export class InvoiceRefused extends Error {}

export function providerInvoicePdfPath(
	providerId: string,
	invoiceId: string,
	document: 'invoice' | 'credit_note' = 'invoice',
): string {
	return `/aanbieder/${providerId}/facturen/${invoiceId}/pdf${document === 'credit_note' ? '?document=creditnota' : ''}`
}

function providerFeesUrl(providerId: string): string {
	return absoluteUrl(`/aanbieder/${providerId}/omzet`)
}

// Invoice and credit-note numbers must be gap-free and unique per year: one issuer at a time
// (a transaction-scoped advisory lock); the unique index stays the last line of defence.
async function lockNumbering(tx: Tx) {
	await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('keurmerk:invoice-numbering'))`
}

async function lockParticipation(tx: Tx, participationId: string) {
	await tx.$queryRaw`SELECT id FROM "Participation" WHERE id = ${participationId} FOR UPDATE`
}

const LIVE: Prisma.InvoiceWhereInput = { status: { in: ['open', 'paid'] } }

/** Participations of finished years with a current turnover report and no open or paid invoice. */
export async function participationsToInvoice(at: Date = now()): Promise<string[]> {
	const rows = await db.participation.findMany({
		where: {
			year: { lt: runningYearAt(at) },
			turnoverReports: { some: { supersededAt: null } },
			invoices: { none: LIVE },
		},
		select: { id: true },
		orderBy: [{ year: 'asc' }, { id: 'asc' }],
	})
	return rows.map((row) => row.id)
}

export type IssueResult = { issued: true; invoice: Invoice } | { issued: false; reason: string }

/**
 * Issues the invoice for a participation from its current turnover report, inside `tx`: number,
 * PDF, audit event and the mail (PDF attached). Idempotent: a participation that already has an open
 * or paid invoice, or has no report, gets none.
 */
export async function issueInvoice(
	tx: Tx,
	participationId: string,
	actor: Actor,
	at: Date = now(),
): Promise<IssueResult> {
	await lockParticipation(tx, participationId)
	const participation = await tx.participation.findUniqueOrThrow({
		where: { id: participationId },
		include: {
			provider: true,
			markYear: true,
			turnoverReports: { where: { supersededAt: null }, orderBy: { reportedAt: 'desc' }, take: 1 },
			invoices: { where: LIVE, select: { id: true } },
		},
	})
	if (participation.invoices.length > 0)
		return { issued: false, reason: 'Er is al een openstaande of betaalde factuur.' }
	const report = participation.turnoverReports[0]
	if (!report) return { issued: false, reason: 'Er is nog geen omzetopgave.' }
	if (participation.year >= runningYearAt(at))
		return { issued: false, reason: `Het keurmerkjaar ${participation.year} is nog niet afgelopen.` }

	const settings = toYearSettings(participation.markYear)
	// DOMAIN.md §6: the rate and minimum of the mark year (as published), in basis points and cents.
	const breakdown = feeBreakdown(report.amountCents, settings.feeRateBp, settings.minimumFeeCents)
	// Issue 16: VAT per the year's setting (null = exempt; the invoice then prints why).
	const vat = invoiceVat(breakdown.feeCents, settings.feeVatRateBp)
	await lockNumbering(tx)
	const sequenceYear = invoiceSequenceYear(at)
	const last = await tx.invoice.aggregate({ where: { sequenceYear }, _max: { sequence: true } })
	const sequence = (last._max.sequence ?? 0) + 1
	const number = formatInvoiceNumber(sequenceYear, sequence)
	const issuedOn = amsterdamDateOf(at)
	const dueOn = invoiceDueOn(issuedOn, settings)
	const provider = participation.provider

	const pdf = await invoicePdf({
		number,
		markName: settings.markName,
		year: participation.year,
		issuedOn: formatDutchDate(issuedOn),
		dueOn: formatDutchDate(dueOn),
		issuedAt: at,
		provider,
		turnoverLabel: settings.turnoverLabel,
		turnoverCents: report.amountCents,
		feeRateBp: settings.feeRateBp,
		minimumFeeCents: settings.minimumFeeCents,
		breakdown,
		vat: { ...vat, vatNumber: settings.vatNumber, exemptionText: settings.vatExemptionText },
	})
	const file = await storeFile(
		{
			kind: 'invoice',
			providerId: provider.id,
			originalName: `factuur-${number}.pdf`,
			mimeType: 'application/pdf',
			bytes: pdf,
			uploadedById: actor.userId,
		},
		tx,
	)
	const invoice = await tx.invoice.create({
		data: {
			participationId,
			turnoverReportId: report.id,
			number,
			sequenceYear,
			sequence,
			issuedAt: at,
			dueAt: endOfDay(dueOn),
			turnoverCents: report.amountCents,
			feeRateBp: settings.feeRateBp,
			minimumFeeCents: settings.minimumFeeCents,
			amountCents: BigInt(vat.totalCents),
			vatRateBp: vat.vatRateBp,
			vatCents: BigInt(vat.vatCents),
			vatNumber: settings.vatNumber,
			fileId: file.id,
		},
	})
	await recordAudit(tx, {
		actor,
		action: 'invoice.issue',
		entityType: 'Invoice',
		entityId: invoice.id,
		providerId: provider.id,
		participationId,
		after: {
			number,
			amountCents: invoice.amountCents,
			turnoverCents: report.amountCents,
			feeRateBp: settings.feeRateBp,
			minimumFeeCents: settings.minimumFeeCents,
			dueOn,
		},
		at,
	})
	const base = {
		providerName: provider.name,
		year: participation.year,
		markName: settings.markName,
		portalUrl: providerFeesUrl(provider.id),
	}
	for (const to of await participationRecipients(tx, provider.id)) {
		await enqueueEmail(tx, {
			template: 'invoice_issued',
			to,
			providerId: provider.id,
			participationId,
			attachments: [{ filename: `factuur-${number}.pdf`, fileId: file.id }],
			dedupeKey: `invoice_issued:${invoice.id}:${to.address.toLowerCase()}`,
			data: {
				...base,
				iban: kibg.iban,
				accountName: kibg.name,
				invoiceNumber: number,
				issuedOn: formatDutchDate(issuedOn),
				dueOn: formatDutchDate(dueOn),
				turnoverLabel: settings.turnoverLabel,
				turnover: formatEuro(report.amountCents),
				rate: formatFeeRate(settings.feeRateBp),
				percentageFee: formatEuro(breakdown.percentageFeeCents),
				minimumFee: formatEuro(settings.minimumFeeCents),
				minimumApplied: breakdown.minimumApplied,
				amount: formatEuro(vat.totalCents),
			},
		})
	}
	return { issued: true, invoice }
}

/**
 * The overdue notice, once per invoice (DOMAIN.md §8). Withdrawal for unpaid fees stays a staff
 * decision: the staff list shows who is eligible. Returns whether a notice was queued.
 */
export async function notifyOverdueInvoice(tx: Tx, invoiceId: string, at: Date = now()): Promise<boolean> {
	const invoice = await tx.invoice.findUniqueOrThrow({
		where: { id: invoiceId },
		include: { participation: { include: { provider: true, markYear: true } } },
	})
	if (invoice.overdueNotifiedAt || invoiceStatusAt(invoice, at) !== 'overdue') return false
	const claimed = await tx.invoice.updateMany({
		where: { id: invoiceId, overdueNotifiedAt: null, status: 'open' },
		data: { overdueNotifiedAt: at },
	})
	if (claimed.count !== 1) return false
	const { participation } = invoice
	const settings = toYearSettings(participation.markYear)
	const provider = participation.provider
	for (const to of await participationRecipients(tx, provider.id)) {
		await enqueueEmail(tx, {
			template: 'invoice_overdue',
			to,
			providerId: provider.id,
			participationId: participation.id,
			attachments: invoice.fileId ? [{ filename: `factuur-${invoice.number}.pdf`, fileId: invoice.fileId }] : [],
			dedupeKey: `invoice_overdue:${invoice.id}:${to.address.toLowerCase()}`,
			data: {
				providerName: provider.name,
				year: participation.year,
				markName: settings.markName,
				portalUrl: providerFeesUrl(provider.id),
				iban: kibg.iban,
				accountName: kibg.name,
				invoiceNumber: invoice.number,
				issuedOn: formatDutchDate(amsterdamDateOf(invoice.issuedAt)),
				dueOn: formatDutchDate(amsterdamDateOf(invoice.dueAt)),
				amount: formatEuro(invoice.amountCents),
			},
		})
	}
	await recordAudit(tx, {
		actor: { type: 'system', userId: null },
		action: 'invoice.overdue_notice',
		entityType: 'Invoice',
		entityId: invoice.id,
		providerId: provider.id,
		participationId: participation.id,
		after: { overdueNotifiedAt: at, daysOverdue: invoiceDaysOverdue(invoice, at) },
		at,
	})
	return true
}

/** Open invoices past their due date that have not had their notice yet. */
export async function overdueInvoicesToNotify(at: Date = now()): Promise<string[]> {
	const rows = await db.invoice.findMany({
		where: { status: 'open', overdueNotifiedAt: null, dueAt: { lt: at } },
		select: { id: true },
		orderBy: { dueAt: 'asc' },
	})
	return rows.map((row) => row.id)
}

/** Staff record a payment on the day it was received (not in the future, not before the invoice). */
export async function markInvoicePaid(invoiceId: string, paidOn: CalendarDate, actor: Actor): Promise<Invoice> {
	return db.$transaction(async (tx) => {
		const invoice = await tx.invoice.findUniqueOrThrow({
			where: { id: invoiceId },
			include: { participation: { select: { providerId: true } } },
		})
		if (invoice.status !== 'open')
			throw new InvoiceRefused(`Factuur ${invoice.number} staat niet open en kan niet als betaald worden gemarkeerd.`)
		const at = now()
		if (paidOn > amsterdamDateOf(at)) throw new InvoiceRefused('De betaaldatum kan niet in de toekomst liggen.')
		if (paidOn < amsterdamDateOf(invoice.issuedAt))
			throw new InvoiceRefused('De betaaldatum kan niet vóór de factuurdatum liggen.')
		const paidAt = startOfDay(paidOn)
		const updated = await tx.invoice.update({
			where: { id: invoiceId },
			data: { status: 'paid', paidAt, paidRecordedById: actor.userId },
		})
		await recordAudit(tx, {
			actor,
			action: 'invoice.mark_paid',
			entityType: 'Invoice',
			entityId: invoiceId,
			providerId: invoice.participation.providerId,
			participationId: invoice.participationId,
			before: { status: invoice.status },
			after: { status: 'paid', paidOn },
			at,
		})
		return updated
	})
}

/**
 * Credits an open or paid invoice in full with a credit note (number, PDF, mail), for a reason.
 * With `reissue`, a new invoice is issued at once from the current turnover report (after a
 * correction), in the same transaction.
 */
export async function creditInvoice(
	invoiceId: string,
	{ reason, reissue = false }: { reason: string; reissue?: boolean },
	actor: Actor,
): Promise<{ invoice: Invoice; reissued: Invoice | null }> {
	return db.$transaction(async (tx) => {
		const existing = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { participationId: true } })
		await lockParticipation(tx, existing.participationId)
		const invoice = await tx.invoice.findUniqueOrThrow({
			where: { id: invoiceId },
			include: { participation: { include: { provider: true, markYear: true } } },
		})
		if (invoice.status === 'credited') throw new InvoiceRefused(`Factuur ${invoice.number} is al gecrediteerd.`)
		if (reason.trim().length === 0) throw new InvoiceRefused('Geef een reden voor de creditering.')
		const at = now()
		await lockNumbering(tx)
		const year = invoiceSequenceYear(at)
		const numbers = await tx.invoice.findMany({
			where: { creditNoteNumber: { startsWith: `KIBG-C-${year}-` } },
			select: { creditNoteNumber: true },
		})
		const sequence =
			Math.max(0, ...numbers.map((row) => parseCreditNoteNumber(row.creditNoteNumber ?? '')?.sequence ?? 0)) + 1
		const number = formatCreditNoteNumber(year, sequence)
		const { participation } = invoice
		const settings = toYearSettings(participation.markYear)
		const provider = participation.provider
		const issuedOn = amsterdamDateOf(at)
		const pdf = await creditNotePdf({
			number,
			invoiceNumber: invoice.number,
			invoiceIssuedOn: formatDutchDate(amsterdamDateOf(invoice.issuedAt)),
			markName: settings.markName,
			year: participation.year,
			issuedOn: formatDutchDate(issuedOn),
			issuedAt: at,
			provider,
			feeCents: invoice.amountCents - invoice.vatCents,
			vat: {
				vatRateBp: invoice.vatRateBp,
				vatCents: Number(invoice.vatCents),
				totalCents: Number(invoice.amountCents),
				vatNumber: invoice.vatNumber ?? settings.vatNumber,
				exemptionText: settings.vatExemptionText,
			},
			reason: reason.trim(),
		})
		const file = await storeFile(
			{
				kind: 'credit_note',
				providerId: provider.id,
				originalName: `creditnota-${number}.pdf`,
				mimeType: 'application/pdf',
				bytes: pdf,
				uploadedById: actor.userId,
			},
			tx,
		)
		const updated = await tx.invoice.update({
			where: { id: invoiceId },
			data: {
				status: 'credited',
				creditedAt: at,
				creditReason: reason.trim(),
				creditNoteNumber: number,
				creditNoteFileId: file.id,
			},
		})
		await recordAudit(tx, {
			actor,
			action: 'invoice.credit',
			entityType: 'Invoice',
			entityId: invoiceId,
			providerId: provider.id,
			participationId: participation.id,
			before: { status: invoice.status },
			after: { status: 'credited', creditNoteNumber: number },
			reason: reason.trim(),
			at,
		})
		for (const to of await participationRecipients(tx, provider.id)) {
			await enqueueEmail(tx, {
				template: 'credit_note_issued',
				to,
				providerId: provider.id,
				participationId: participation.id,
				attachments: [{ filename: `creditnota-${number}.pdf`, fileId: file.id }],
				dedupeKey: `credit_note_issued:${invoice.id}:${to.address.toLowerCase()}`,
				data: {
					providerName: provider.name,
					year: participation.year,
					markName: settings.markName,
					portalUrl: providerFeesUrl(provider.id),
					creditNoteNumber: number,
					invoiceNumber: invoice.number,
					issuedOn: formatDutchDate(issuedOn),
					amount: formatEuro(invoice.amountCents),
					reason: reason.trim(),
					paid: invoice.status === 'paid',
				},
			})
		}
		let reissued: Invoice | null = null
		if (reissue) {
			const result = await issueInvoice(tx, participation.id, actor, at)
			if (!result.issued) throw new InvoiceRefused(`Geen nieuwe factuur gemaakt: ${result.reason}`)
			reissued = result.invoice
		}
		return { invoice: updated, reissued }
	})
}

// --- reading ---

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
