// Formatting at the edge: instants are stored in UTC and always shown in Europe/Amsterdam.
import type { Locale } from './catalogue.ts'

const zone = 'Europe/Amsterdam'
const tags: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' }

export function formatDate(value: Date | string, locale: Locale = 'nl'): string {
	return new Intl.DateTimeFormat(tags[locale], {
		timeZone: zone,
		day: 'numeric',
		month: 'long',
		year: 'numeric',
	}).format(toDate(value))
}

export function formatDateTime(value: Date | string, locale: Locale = 'nl'): string {
	return new Intl.DateTimeFormat(tags[locale], {
		timeZone: zone,
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
	}).format(toDate(value))
}

export function formatShortDate(value: Date | string, locale: Locale = 'nl'): string {
	return new Intl.DateTimeFormat(tags[locale], {
		timeZone: zone,
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
	}).format(toDate(value))
}

// Creating an Intl.NumberFormat costs far more than using one (a report formats hundreds of
// numbers): one per language and number of decimals.
const numberFormats = new Map<string, Intl.NumberFormat>()

export function formatNumber(value: number, locale: Locale = 'nl', digits = 0): string {
	const key = `${locale}:${digits}`
	let format = numberFormats.get(key)
	if (!format) {
		format = new Intl.NumberFormat(tags[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits })
		numberFormats.set(key, format)
	}
	return format.format(value)
}

/** Cents to '€ 1.234,56' (nl) or '€1,234.56' (en). */
export function formatMoney(cents: number | bigint, locale: Locale = 'nl'): string {
	const value = typeof cents === 'bigint' ? Number(cents) / 100 : cents / 100
	return new Intl.NumberFormat(tags[locale], { style: 'currency', currency: 'EUR' }).format(value)
}

export function formatBytes(bytes: number, locale: Locale = 'nl'): string {
	if (bytes < 1024) return `${bytes} B`
	if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, locale, 0)} kB`
	return `${formatNumber(bytes / (1024 * 1024), locale, 1)} MB`
}

function toDate(value: Date | string): Date {
	return typeof value === 'string' ? new Date(value) : value
}
