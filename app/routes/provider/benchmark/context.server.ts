// Shared by the provider's spiegelrapportage routes: the member check first, then the year of the
// URL, which must be a published indicator list of a year the provider was a carrier (else 404).
import type { FileError } from '#app/domain/benchmark-file.ts'
import type { IndicatorDefinition, ValueProblem } from '#app/domain/benchmark-indicators.ts'
import { indicatorLabel } from '#app/components/benchmark/report-view.ts'
import type { Locale, MessageKey } from '#app/i18n/catalogue.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { translate } from '#app/i18n/translate.ts'
import { notFound } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { loadDelivery } from '#app/services/benchmark-delivery.server.ts'
import { parseYear } from '../self-evaluation/context.server.ts'

export { parseYear }

export async function requireDelivery(request: Request, params: { providerId?: string; year?: string }) {
	const { user } = await requireProviderMember(request, params.providerId)
	const year = parseYear(params.year)
	const loaded = await loadDelivery(params.providerId as string, year)
	if (!loaded) notFound()
	const locale = await getLocale(request, user)
	return { ...loaded, user, providerId: params.providerId as string, locale }
}

export const actorOf = (user: { id: string }) => ({ type: 'provider' as const, userId: user.id })

export const valueFieldName = (code: string) => `${code}:number`
export const versionFieldName = (code: string) => `${code}:version`

/** A value problem as a sentence in the reader's language. */
export function valueProblemText(problem: ValueProblem, indicator: IndicatorDefinition, locale: Locale): string {
	const number = (value: number) => formatNumber(value, locale, indicator.decimals)
	switch (problem.code) {
		case 'not_a_number':
			return translate(locale, 'benchmark.value_not_a_number')
		case 'too_many_decimals':
			return translate(
				locale,
				problem.decimals === 0 ? 'benchmark.value_whole_number' : 'benchmark.value_too_many_decimals',
				{ decimals: problem.decimals },
			)
		case 'below_min':
			return translate(locale, 'benchmark.value_below_min', { min: number(problem.min) })
		case 'above_max':
			return translate(locale, 'benchmark.value_above_max', { max: number(problem.max) })
	}
}

/** '0 – 100 %' for the hint of a field and the template. */
export function rangeText(indicator: IndicatorDefinition, locale: Locale): string {
	return translate(locale, 'benchmark.range', {
		min: formatNumber(indicator.minValue, locale, 0),
		max: formatNumber(indicator.maxValue, locale, 0),
	})
}

export function unitText(indicator: IndicatorDefinition, locale: Locale): string {
	return translate(locale, `benchmark.unit_${indicator.unit}` as MessageKey)
}

/** A stored value as the form shows it: Dutch decimal comma, no grouping. */
export function inputValue(value: number | null, locale: Locale): string {
	if (value === null) return ''
	return locale === 'nl' ? String(value).replace('.', ',') : String(value)
}

/** "Rij 4, kolom E: …" in the reader's language. */
export function fileErrorText(error: FileError, indicators: IndicatorDefinition[], locale: Locale): string {
	const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params)
	const byCode = new Map(indicators.map((indicator) => [indicator.code, indicator]))
	const problem = error.problem
	let message: string
	if (problem.code === 'value') {
		const indicator = byCode.get(problem.indicator)
		message = indicator
			? `${indicatorLabel(indicator, locale)}: ${valueProblemText(problem.problem, indicator, locale)}`
			: t('benchmark.value_not_a_number')
	} else if (problem.code === 'missing_indicator') {
		const indicator = byCode.get(problem.indicator)
		message = t('benchmark.file_missing_indicator', {
			indicator: problem.indicator,
			label: indicator ? indicatorLabel(indicator, locale) : problem.indicator,
		})
	} else {
		const params: Record<string, string | number> = {}
		if ('indicator' in problem) params.indicator = problem.indicator
		if ('firstRow' in problem) params.firstRow = problem.firstRow
		if ('max' in problem) params.max = formatNumber(problem.max, locale)
		message = t(`benchmark.file_${problem.code}` as MessageKey, params)
	}
	if (error.row && error.column)
		return t('benchmark.filePositionCell', { row: error.row, column: error.column, message })
	if (error.row) return t('benchmark.filePositionRow', { row: error.row, message })
	return message
}
