import { amsterdamDateOf } from './amsterdam-time'
import { daysPastDue, isEligibleForUnpaidFeeWithdrawal } from './fees'
import type { YearSettings } from './year-settings'

// The state of an invoice as staff and providers see it (DOMAIN.md §6). Stored: open, paid,
// credited. Overdue is never stored: it follows from the due date at the server clock, so it is
// right whether or not the overdue run has mailed yet.

export const INVOICE_DISPLAY_STATUSES = ['open', 'overdue', 'paid', 'credited'] as const
export type InvoiceDisplayStatus = (typeof INVOICE_DISPLAY_STATUSES)[number]

export interface InvoiceFacts {
	status: 'open' | 'paid' | 'credited'
	/** The last instant to pay: the end of the due day (Amsterdam). */
	dueAt: Date
	paidAt: Date | null
}

export function invoiceStatusAt(invoice: InvoiceFacts, at: Date): InvoiceDisplayStatus {
	if (invoice.status !== 'open') return invoice.status
	return at.getTime() > invoice.dueAt.getTime() ? 'overdue' : 'open'
}

/** Whole days past the due day (0 while not overdue, and for paid or credited invoices). */
export function invoiceDaysOverdue(invoice: InvoiceFacts, at: Date): number {
	if (invoice.status !== 'open') return 0
	return daysPastDue(amsterdamDateOf(invoice.dueAt), at)
}

/** DOMAIN.md §6: staff may withdraw for `unpaid_fee` — shown to them, never done automatically. */
export function invoiceMakesWithdrawalEligible(
	invoice: InvoiceFacts,
	settings: Pick<YearSettings, 'invoiceOverdueGraceDays'>,
	at: Date,
): boolean {
	if (invoice.status !== 'open') return false
	return isEligibleForUnpaidFeeWithdrawal(
		{ dueOn: amsterdamDateOf(invoice.dueAt), paidAt: invoice.paidAt },
		settings,
		at,
	)
}

/** 'KIBG-C-2027-0001' — a credit note, numbered per calendar year of issue, its own series. */
export function formatCreditNoteNumber(year: number, sequence: number): string {
	if (!Number.isInteger(year) || year < 1000 || year > 9999) {
		throw new RangeError(`A document number needs a four-digit year: ${year}`)
	}
	if (!Number.isSafeInteger(sequence) || sequence < 1)
		throw new RangeError(`A document sequence starts at 1: ${sequence}`)
	return `KIBG-C-${year}-${String(sequence).padStart(4, '0')}`
}

const CREDIT_NOTE_NUMBER = /^KIBG-C-(\d{4})-(\d{4,})$/

/** Parses a credit-note number in canonical form (case and outer spaces ignored); null if invalid. */
export function parseCreditNoteNumber(value: string): { year: number; sequence: number } | null {
	const normalized = value.trim().toUpperCase()
	const match = CREDIT_NOTE_NUMBER.exec(normalized)
	if (!match) return null
	const year = Number(match[1])
	const sequence = Number(match[2])
	if (year < 1000 || sequence < 1 || !Number.isSafeInteger(sequence)) return null
	return formatCreditNoteNumber(year, sequence) === normalized ? { year, sequence } : null
}

/** The calendar year an invoice issued at `at` is numbered in (the Amsterdam year of issue). */
export function invoiceSequenceYear(at: Date): number {
	return Number(amsterdamDateOf(at).slice(0, 4))
}
