// Formatting at the edge, always in the reader's language. Instants are stored in UTC and shown in
// Europe/Amsterdam; calendar days ('2027-03-31') are shown as that day wherever the reader is.
// Mails and PDFs are Dutch documents: they call these with 'nl'.
import type { CalendarDate } from '#app/domain/amsterdam-time.ts'
import type { Locale } from './catalogue.ts'

const zone = 'Europe/Amsterdam'
const tags: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' }

export function localeTag(locale: Locale): string {
	return tags[locale]
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}:${JSON.stringify(options)}`
	let format = dateFormats.get(key)
	if (!format) {
		format = new Intl.DateTimeFormat(tags[locale], { timeZone: zone, ...options })
		dateFormats.set(key, format)
	}
	return format
}

const longDate = { day: 'numeric', month: 'long', year: 'numeric' } as const

/** '31 maart 2027' / '31 March 2027': the Amsterdam day of an instant. */
export function formatDate(value: Date | string, locale: Locale): string {
	return dateFormat(locale, longDate).format(toDate(value))
}

/** '31 maart 2027' / '31 March 2027' for a calendar day (no time zone involved). */
export function formatCalendarDay(date: CalendarDate, locale: Locale): string {
	// Noon UTC lies on the same calendar day in Amsterdam, summer or winter.
	return dateFormat(locale, longDate).format(new Date(`${date}T12:00:00Z`))
}

/** '31 maart 2027 om 23:59' / '31 March 2027 at 23:59' in Amsterdam time. */
export function formatDateTime(value: Date | string, locale: Locale): string {
	return dateFormat(locale, { ...longDate, hour: '2-digit', minute: '2-digit' }).format(toDate(value))
}

export function formatShortDate(value: Date | string, locale: Locale): string {
	return dateFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(toDate(value))
}

// Creating an Intl.NumberFormat costs far more than using one (a report formats hundreds of
// numbers): one per language and number of decimals.
const numberFormats = new Map<string, Intl.NumberFormat>()

export function formatNumber(value: number, locale: Locale, digits = 0): string {
	const key = `${locale}:${digits}`
	let format = numberFormats.get(key)
	if (!format) {
		format = new Intl.NumberFormat(tags[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits })
		numberFormats.set(key, format)
	}
	return format.format(value)
}

/**
 * Cents as euros: '€ 1.234,56' in Dutch (a plain space after the sign, negative '€ -1.234,56', as
 * on KiBG's invoices), '€1,234.56' in English. Exact for any whole number of cents (BigInt).
 */
export function formatEuro(cents: number | bigint, locale: Locale): string {
	if (typeof cents === 'number' && !Number.isSafeInteger(cents)) {
		throw new RangeError(`formatEuro needs whole cents: ${cents}`)
	}
	const value = BigInt(cents)
	const negative = value < 0n
	const abs = negative ? -value : value
	const [group, decimal] = locale === 'nl' ? ['.', ','] : [',', '.']
	const euros = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, group)
	const rest = (abs % 100n).toString().padStart(2, '0')
	return locale === 'nl'
		? `€ ${negative ? '-' : ''}${euros}${decimal}${rest}`
		: `${negative ? '-' : ''}€${euros}${decimal}${rest}`
}

/** 170 basis points: '1,70 %' (nl), '1.70%' (en). */
export function formatFeeRate(rateBp: number, locale: Locale): string {
	const whole = Math.trunc(rateBp / 100)
	const fraction = String(Math.abs(rateBp % 100)).padStart(2, '0')
	return locale === 'nl' ? `${whole},${fraction} %` : `${whole}.${fraction}%`
}

/** 'a, b of c' / 'a, b or c' (disjunction), 'a, b en c' / 'a, b and c' (conjunction). */
export function formatList(
	items: readonly string[],
	locale: Locale,
	type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
	return new Intl.ListFormat(tags[locale], { type }).format(items)
}

export function formatBytes(bytes: number, locale: Locale): string {
	if (bytes < 1024) return `${bytes} B`
	if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, locale, 0)} kB`
	return `${formatNumber(bytes / (1024 * 1024), locale, 1)} MB`
}

function toDate(value: Date | string): Date {
	return typeof value === 'string' ? new Date(value) : value
}
