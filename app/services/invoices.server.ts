// Invoices for the fee (DOMAIN.md §6), the commands: one live invoice per participation, issued
// from the current turnover report of a finished year, numbered per calendar year of issue, with
// its PDF stored and mailed; marked paid or credited (credit note with its own number and PDF) by
// staff. The lists and views staff and providers read are in invoice-queries.server.ts.
import { href } from 'react-router'
import type { Invoice, Prisma } from '#app/generated/prisma/client.ts'
import { AppError, type Refusal, refusal, refusalError } from '#app/domain/errors.ts'
import { amsterdamDateOf, endOfDay, startOfDay, type CalendarDate } from '#app/domain/amsterdam-time.ts'
import { feeBreakdown, formatInvoiceNumber, invoiceDueOn, invoiceVat } from '#app/domain/fees.ts'
import {
	formatCreditNoteNumber,
	invoiceDaysOverdue,
	invoiceSequenceYear,
	invoiceStatusAt,
	parseCreditNoteNumber,
} from '#app/domain/invoices.ts'
import { formatCalendarDay, formatDate, formatEuro, formatFeeRate } from '#app/i18n/format.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { lockParticipation } from '#app/lib/db/lock.server.ts'
import { storeFile } from '#app/lib/storage.server.ts'
import { creditNotePdf } from '#templates/credit-note.ts'
import { invoicePdf } from '#templates/invoice.ts'
import { kibg } from '#templates/pdf.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { absoluteUrl } from './auth.server.ts'
import { enqueueEmail } from './mail/outbox.server.ts'
import { participationRecipients } from './participation-mail.server.ts'
import { runningYearAt, toYearSettings } from './years.server.ts'

export function providerInvoicePdfPath(
	providerId: string,
	invoiceId: string,
	document: 'invoice' | 'credit_note' = 'invoice',
): string {
	return `${href('/aanbieder/:providerId/facturen/:invoiceId/pdf', { providerId, invoiceId })}${document === 'credit_note' ? '?document=creditnota' : ''}`
}

function providerFeesUrl(providerId: string): string {
	return absoluteUrl(href('/aanbieder/:providerId/omzet', { providerId }))
}

// Invoice and credit-note numbers must be gap-free and unique per year: one issuer at a time
// (a transaction-scoped advisory lock); the unique index stays the last line of defence.
async function lockNumbering(tx: Tx) {
	await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('keurmerk:invoice-numbering'))`
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

/** Not issuing is an outcome for the scheduled run (nothing to do), so it is data, not an error. */
export type IssueResult = { issued: true; invoice: Invoice } | { issued: false; refusal: Refusal }

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
	if (participation.invoices.length > 0) return { issued: false, refusal: refusal('invoice_exists') }
	const report = participation.turnoverReports[0]
	if (!report) return { issued: false, refusal: refusal('turnover_not_reported') }
	if (participation.year >= runningYearAt(at))
		return { issued: false, refusal: refusal('year_not_over', { year: participation.year }) }

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
		issuedOn: formatCalendarDay(issuedOn, 'nl'),
		dueOn: formatCalendarDay(dueOn, 'nl'),
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
				issuedOn: formatCalendarDay(issuedOn, 'nl'),
				dueOn: formatCalendarDay(dueOn, 'nl'),
				turnoverLabel: settings.turnoverLabel,
				turnover: formatEuro(report.amountCents, 'nl'),
				rate: formatFeeRate(settings.feeRateBp, 'nl'),
				percentageFee: formatEuro(breakdown.percentageFeeCents, 'nl'),
				minimumFee: formatEuro(settings.minimumFeeCents, 'nl'),
				minimumApplied: breakdown.minimumApplied,
				amount: formatEuro(vat.totalCents, 'nl'),
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
				issuedOn: formatDate(invoice.issuedAt, 'nl'),
				dueOn: formatDate(invoice.dueAt, 'nl'),
				amount: formatEuro(invoice.amountCents, 'nl'),
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

/** Issues the invoice in its own transaction (staff, from the turnover page). */
export function issueInvoiceNow(participationId: string, actor: Actor): Promise<IssueResult> {
	return db.$transaction((tx) => issueInvoice(tx, participationId, actor))
}

/** Staff record a payment on the day it was received (not in the future, not before the invoice). */
export async function markInvoicePaid(invoiceId: string, paidOn: CalendarDate, actor: Actor): Promise<Invoice> {
	return db.$transaction(async (tx) => {
		const invoice = await tx.invoice.findUniqueOrThrow({
			where: { id: invoiceId },
			include: { participation: { select: { providerId: true } } },
		})
		if (invoice.status !== 'open') throw new AppError('invoice_not_open', { number: invoice.number })
		const at = now()
		if (paidOn > amsterdamDateOf(at)) throw new AppError('paid_in_future')
		if (paidOn < amsterdamDateOf(invoice.issuedAt)) throw new AppError('paid_before_invoice')
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
		if (invoice.status === 'credited') throw new AppError('invoice_already_credited', { number: invoice.number })
		if (reason.trim().length === 0) throw new AppError('credit_reason_required')
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
			invoiceIssuedOn: formatDate(invoice.issuedAt, 'nl'),
			markName: settings.markName,
			year: participation.year,
			issuedOn: formatCalendarDay(issuedOn, 'nl'),
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
					issuedOn: formatCalendarDay(issuedOn, 'nl'),
					amount: formatEuro(invoice.amountCents, 'nl'),
					reason: reason.trim(),
					paid: invoice.status === 'paid',
				},
			})
		}
		let reissued: Invoice | null = null
		if (reissue) {
			const result = await issueInvoice(tx, participation.id, actor, at)
			if (!result.issued) throw refusalError(result.refusal)
			reissued = result.invoice
		}
		return { invoice: updated, reissued }
	})
}
