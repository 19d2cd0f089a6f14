// The edge of the error model: an AppError (or a Refusal) becomes a sentence in the reader's
// language. Parameters are formatted here, never in the domain: calendar days and instants in
// Europe/Amsterdam, cents as euros, labels through the catalogue.
import type { AppError, ErrorParam, ErrorParams, Refusal } from '#app/domain/errors.ts'
import type { Locale, MessageKey } from './catalogue.ts'
import { formatDate, formatDateTime, formatEuro } from './format.ts'
import { translate } from './translate.ts'

export function formatErrorParam(value: ErrorParam, locale: Locale): string | number {
	if (typeof value === 'string' || typeof value === 'number') return value
	if ('date' in value) return formatDate(`${value.date}T12:00:00Z`, locale)
	if ('instant' in value) return formatDateTime(value.instant, locale)
	if ('cents' in value) return formatEuro(value.cents, locale)
	return translate(locale, value.label as MessageKey)
}

export function formatErrorParams(params: ErrorParams, locale: Locale): Record<string, string | number> {
	return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, formatErrorParam(value, locale)]))
}

/** The reader's sentence for a coded refusal. */
export function translateError(error: AppError | Refusal, locale: Locale): string {
	return translate(locale, `refusals.${error.code}` as MessageKey, formatErrorParams(error.params, locale))
}
