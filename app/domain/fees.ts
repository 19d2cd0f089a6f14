import { addDays, amsterdamDateOf, calendarDaysBetween } from './amsterdam-time'
import type { CalendarDate } from './amsterdam-time'
import type { YearSettings } from './year-settings'

// Fees, money and document numbers (DOMAIN.md §6, §7). Money is integer euro cents, the fee rate is
// basis points (1,70 % = 170 bp). Arithmetic runs on BigInt so that no turnover is too large to be
// exact.

export type FeeField = 'turnoverCents' | 'rateBp' | 'minimumFeeCents'

export class FeeInputError extends Error {
	override name = 'FeeInputError'
	constructor(
		readonly field: FeeField,
		message: string,
	) {
		super(message)
	}
}

export interface FeeBreakdown {
	/** round-half-up(turnover × rate / 10 000) */
	percentageFeeCents: number
	/** max(minimum, percentage fee): what is invoiced. */
	feeCents: number
	minimumApplied: boolean
}

const BP_PER_UNIT = 10_000n
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * DOMAIN.md §6 decision: fee = max(minimum, round-half-up(turnover × bp / 10 000)) in cents.
 * Throws FeeInputError for negative, fractional or unsafe input, and for a rate above 100 %.
 */
export function feeBreakdown(
	turnoverCents: number | bigint,
	rateBp: number | bigint,
	minimumFeeCents: number | bigint,
): FeeBreakdown {
	const turnover = wholeCents('turnoverCents', turnoverCents, 'De omzet')
	const minimum = wholeCents('minimumFeeCents', minimumFeeCents, 'De minimale afdracht')
	const rate = toBigInt('rateBp', rateBp, 'Het afdrachtpercentage')
	if (rate > BP_PER_UNIT) {
		throw new FeeInputError('rateBp', 'Het afdrachtpercentage mag niet hoger zijn dan 100 %.')
	}
	// Half a cent and more rounds up: add half the divisor before the integer division.
	const percentage = (turnover * rate + BP_PER_UNIT / 2n) / BP_PER_UNIT
	const fee = percentage > minimum ? percentage : minimum
	return {
		percentageFeeCents: Number(percentage),
		feeCents: Number(fee),
		minimumApplied: minimum >= percentage && minimum > 0n,
	}
}

export function calculateFee(
	turnoverCents: number | bigint,
	rateBp: number | bigint,
	minimumFeeCents: number | bigint,
): number {
	return feeBreakdown(turnoverCents, rateBp, minimumFeeCents).feeCents
}

export interface InvoiceVat {
	/** Null: the fee is exempt and the year's exemption text is printed instead of VAT lines. */
	vatRateBp: number | null
	vatCents: number
	/** What the provider pays: the fee plus the VAT. */
	totalCents: number
}

/**
 * VAT on a fee (issue 16): whether the fee carries VAT is KiBG's to set per year
 * (`feeVatRateBp`; null = exempt). VAT = round-half-up(fee × bp / 10 000), like the fee itself.
 */
export function invoiceVat(feeCents: number | bigint, vatRateBp: number | null): InvoiceVat {
	const fee = wholeCents('turnoverCents', feeCents, 'Het bedrag')
	if (vatRateBp === null) return { vatRateBp: null, vatCents: 0, totalCents: Number(fee) }
	const rate = toBigInt('rateBp', vatRateBp, 'Het btw-percentage')
	const vat = (fee * rate + BP_PER_UNIT / 2n) / BP_PER_UNIT
	return { vatRateBp, vatCents: Number(vat), totalCents: Number(fee + vat) }
}

function toBigInt(field: FeeField, value: number | bigint, what: string): bigint {
	if (typeof value === 'bigint') {
		if (value < 0n) throw new FeeInputError(field, `${what} mag niet negatief zijn.`)
		return value
	}
	if (typeof value !== 'number' || !Number.isInteger(value)) {
		throw new FeeInputError(field, `${what} moet een geheel getal zijn.`)
	}
	if (!Number.isSafeInteger(value)) throw new FeeInputError(field, `${what} is te groot om exact te rekenen.`)
	if (value < 0) throw new FeeInputError(field, `${what} mag niet negatief zijn.`)
	return BigInt(value)
}

function wholeCents(field: FeeField, value: number | bigint, what: string): bigint {
	const cents = toBigInt(field, value, what)
	// The fee never exceeds the turnover or the minimum, so bounding these keeps the result a safe number.
	if (cents > MAX_SAFE) throw new FeeInputError(field, `${what} is te groot.`)
	return cents
}

// --- invoices ---

/** The last day to pay an invoice issued on `issuedOn` (Amsterdam calendar days, inclusive). */
export function invoiceDueOn(issuedOn: CalendarDate, settings: Pick<YearSettings, 'invoicePaymentDays'>): CalendarDate {
	return addDays(issuedOn, settings.invoicePaymentDays)
}

/** Whole Amsterdam calendar days an unpaid invoice is past its due day at `at` (0 on or before it). */
export function daysPastDue(dueOn: CalendarDate, at: Date): number {
	return Math.max(0, calendarDaysBetween(dueOn, amsterdamDateOf(at)))
}

/**
 * DOMAIN.md §6: an invoice overdue beyond `invoiceOverdueGraceDays` makes the provider eligible for
 * withdrawal for 'unpaid_fee' — a staff decision, never automatic. A paid invoice never is.
 */
export function isEligibleForUnpaidFeeWithdrawal(
	invoice: { dueOn: CalendarDate; paidAt: Date | null },
	settings: Pick<YearSettings, 'invoiceOverdueGraceDays'>,
	at: Date,
): boolean {
	if (invoice.paidAt && invoice.paidAt.getTime() <= at.getTime()) return false
	return daysPastDue(invoice.dueOn, at) >= Math.max(1, settings.invoiceOverdueGraceDays)
}

// --- euro amounts ---

/** '€ 1.234,56' (Dutch notation, a plain space after the euro sign); negative: '€ -1.234,56'. */
export function formatEuro(cents: number | bigint): string {
	if (typeof cents === 'number' && !Number.isSafeInteger(cents)) {
		throw new RangeError(`formatEuro needs whole cents: ${cents}`)
	}
	const value = BigInt(cents)
	const negative = value < 0n
	const abs = negative ? -value : value
	const euros = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')
	const rest = (abs % 100n).toString().padStart(2, '0')
	return `€ ${negative ? '-' : ''}${euros},${rest}`
}

/** '1,70 %' for 170 basis points. */
export function formatFeeRate(rateBp: number): string {
	const whole = Math.trunc(rateBp / 100)
	const fraction = String(Math.abs(rateBp % 100)).padStart(2, '0')
	return `${whole},${fraction} %`
}

export type ParsedEuro = { ok: true; cents: number } | { ok: false; message: string }

const EURO_INPUT = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{0,2}|-{1,2}))?$/

/**
 * Reads an amount as a Dutch user types it: '1.234,56', '1234,56', '€ 1234', '1.234,-'. A dot is
 * only a thousands separator: '1234.56' is refused with a hint rather than guessed.
 */
export function parseEuroInput(input: string): ParsedEuro {
	const text = input
		.trim()
		.replace(/^€\s*/, '')
		.replace(/\s*€$/, '')
		.replace(/^eur\s+/i, '')
	if (text.length === 0) return fail('Vul een bedrag in.')
	if (text.startsWith('-')) return fail('Het bedrag mag niet negatief zijn.')
	const match = EURO_INPUT.exec(text)
	if (!match) {
		if (/^\d+\.\d{1,2}$/.test(text) || /^[\d.]+\.\d{1,2}$/.test(text)) {
			return fail('Gebruik een komma voor de centen, bijvoorbeeld 1.234,56.')
		}
		if (/^[\d.]+,\d{3,}$/.test(text)) return fail('Een bedrag heeft hoogstens twee cijfers achter de komma.')
		return fail('Vul een bedrag in euro’s in, bijvoorbeeld 1.234,56.')
	}
	const euros = BigInt((match[1] ?? '0').replaceAll('.', ''))
	const decimals = match[2] ?? ''
	const cents = /^\d+$/.test(decimals) ? BigInt(decimals.padEnd(2, '0')) : 0n
	const total = euros * 100n + cents
	if (total > MAX_SAFE) return fail('Het bedrag is te groot.')
	return { ok: true, cents: Number(total) }
}

function fail(message: string): ParsedEuro {
	return { ok: false, message }
}

// --- document numbers ---

/** 'KIBG-F-2027-0001' — an invoice, numbered per calendar year of issue. */
export function formatInvoiceNumber(year: number, sequence: number): string {
	return `KIBG-F-${documentYear(year)}-${documentSequence(sequence)}`
}

/** 'KBG-2026-0042' — a certificate, numbered per mark year (DOMAIN.md §7). */
export function formatCertificateNumber(year: number, sequence: number): string {
	return `KBG-${documentYear(year)}-${documentSequence(sequence)}`
}

export interface DocumentNumber {
	year: number
	sequence: number
}

const INVOICE_NUMBER = /^KIBG-F-(\d{4})-(\d{4,})$/
const CERTIFICATE_NUMBER = /^KBG-(\d{4})-(\d{4,})$/

/** Parses an invoice number as typed (case and surrounding spaces do not matter); null if invalid. */
export function parseInvoiceNumber(value: string): DocumentNumber | null {
	return parseDocumentNumber(value, INVOICE_NUMBER, formatInvoiceNumber)
}

/** Parses a certificate number, e.g. from the public verification form; null if invalid. */
export function parseCertificateNumber(value: string): DocumentNumber | null {
	return parseDocumentNumber(value, CERTIFICATE_NUMBER, formatCertificateNumber)
}

export function isValidInvoiceNumber(value: string): boolean {
	return parseInvoiceNumber(value) !== null
}

export function isValidCertificateNumber(value: string): boolean {
	return parseCertificateNumber(value) !== null
}

function parseDocumentNumber(
	value: string,
	pattern: RegExp,
	format: (year: number, sequence: number) => string,
): DocumentNumber | null {
	const normalized = value.trim().toUpperCase()
	const match = pattern.exec(normalized)
	if (!match) return null
	const year = Number(match[1])
	const sequence = Number(match[2])
	if (year < 1000 || sequence < 1 || !Number.isSafeInteger(sequence)) return null
	// Only the canonical spelling: 'KBG-2026-00042' is not the number 'KBG-2026-0042'.
	return format(year, sequence) === normalized ? { year, sequence } : null
}

function documentYear(year: number): string {
	if (!Number.isInteger(year) || year < 1000 || year > 9999) {
		throw new RangeError(`A document number needs a four-digit year: ${year}`)
	}
	return String(year)
}

function documentSequence(sequence: number): string {
	if (!Number.isSafeInteger(sequence) || sequence < 1) {
		throw new RangeError(`A document sequence starts at 1: ${sequence}`)
	}
	return String(sequence).padStart(4, '0')
}
