// The carrier's report in words and pictures, for one language: built once from the service's
// numbers and used by both the page and the PDF, so the PDF says exactly what the page says.
import type { DistributionChart, TrendChart } from '#app/components/charts/benchmark-svg.ts'
import { comparedToMedian } from '#app/domain/benchmark.ts'
import type { IndicatorDefinition } from '#app/domain/benchmark-indicators.ts'
import type { Locale, MessageKey } from '#app/i18n/catalogue.ts'
import { formatDate, formatNumber } from '#app/i18n/format.ts'
import { createTranslate } from '#app/i18n/translate.ts'
import type { CarrierReport, ReportGroup } from '#app/services/benchmark.server.ts'

export interface GroupView {
	label: string
	n: number
	p10: string
	p25: string
	p50: string
	p75: string
	p90: string
	position: string | null
}

export interface IndicatorView {
	code: string
	label: string
	help: string | null
	norm: string | null
	normNote: string | null
	value: string
	/** The unit the table's numbers are in ('minuten', 'percentage'). */
	unit: string
	reading: string
	comparison: string | null
	groups: GroupView[]
	missingGroups: string | null
	/** Chart inputs, not SVG: the page and the PDF draw them with the same function
	 * (benchmark-svg.ts), and the page's data does not carry the pictures twice. */
	distributionChart: DistributionChart | null
	trend: { year: number; own: string; median: string }[]
	trendChart: TrendChart | null
}

export interface ReportView {
	title: string
	lead: string
	submitted: string
	privacy: string
	indicators: IndicatorView[]
}

export function indicatorLabel(indicator: Pick<IndicatorDefinition, 'labelNl' | 'labelEn'>, locale: Locale): string {
	return locale === 'en' ? indicator.labelEn : indicator.labelNl
}

export function indicatorHelp(
	indicator: Pick<IndicatorDefinition, 'helpNl' | 'helpEn'>,
	locale: Locale,
): string | null {
	return locale === 'en' ? indicator.helpEn : indicator.helpNl
}

/** A value with its unit in the reader's language: '640 minuten', '62,5 %', '7,8'. */
export function formatIndicatorValue(
	indicator: Pick<IndicatorDefinition, 'unit' | 'decimals'>,
	value: number,
	locale: Locale,
	decimals = indicator.decimals,
): string {
	const t = createTranslate(locale)
	return t(`benchmark.value_${indicator.unit}` as MessageKey, { value: formatNumber(value, locale, decimals) })
}

/** 'Gemiddelde behandelduur' → 'gemiddelde behandelduur'; 'ROM-meting' stays (an acronym). */
function lowerFirst(label: string): string {
	return /^\p{Lu}\p{Lu}/u.test(label) ? label : label.charAt(0).toLocaleLowerCase() + label.slice(1)
}

export function groupLabel(group: Pick<ReportGroup, 'kind' | 'value'>, locale: Locale): string {
	const t = createTranslate(locale)
	if (group.kind === 'all') return t('benchmark.groupAll')
	if (group.kind === 'type')
		return t(group.value === 'institution' ? 'benchmark.groupInstitutions' : 'benchmark.groupPractices')
	return t('benchmark.groupProvince', { province: group.value })
}

export function buildReportView(report: CarrierReport, locale: Locale): ReportView {
	const t = createTranslate(locale)
	const ordinal = (quartile: number) => t(`benchmark.quartile${quartile}` as MessageKey)
	return {
		title: t('benchmark.reportTitle', { year: report.year }),
		lead: t('benchmark.reportLead', { markName: report.markName, provider: report.providerName, year: report.year }),
		submitted: t('benchmark.reportSubmitted', { date: formatDate(report.submittedAt, locale) }),
		privacy: t('benchmark.reportPrivacy', { min: report.minGroupSize }),
		indicators: report.indicators.map((indicator) => {
			const label = indicatorLabel(indicator, locale)
			const format = (value: number, decimals?: number) => formatIndicatorValue(indicator, value, locale, decimals)
			const main = indicator.groups[0] ?? null
			const subject = t('benchmark.readingSubject', { label: lowerFirst(label) })
			const ownValue = indicator.value
			let reading: string
			if (!main || !main.position || ownValue === null)
				reading = t('benchmark.readingTooFew', { subject, min: report.minGroupSize })
			else if (main.position.atMedian)
				reading = t('benchmark.readingMedian', { subject, group: groupLabel(main, locale).toLocaleLowerCase(locale) })
			else
				reading = t('benchmark.readingQuartile', {
					subject,
					quartile: ordinal(main.position.quartile),
					group: groupLabel(main, locale).toLocaleLowerCase(locale),
					percentile: Math.round(main.position.percentile),
				})
			const comparison =
				main && ownValue !== null
					? t(`benchmark.comparison_${comparedToMedian(indicator.better, ownValue, main.p50)}` as MessageKey, {
							median: format(main.p50),
						})
					: null
			const missing = [
				...(report.providerType && !indicator.groups.some((group) => group.kind === 'type')
					? [groupLabel({ kind: 'type', value: report.providerType }, locale)]
					: []),
				...(report.province && !indicator.groups.some((group) => group.kind === 'province')
					? [groupLabel({ kind: 'province', value: report.province }, locale)]
					: []),
			]
			// Table cells are bare numbers (the unit is in the caption), so a cell never wraps.
			const number = (value: number) => formatNumber(value, locale, indicator.decimals)
			const groups: GroupView[] = indicator.groups.map((group) => ({
				label: groupLabel(group, locale),
				n: group.n,
				p10: number(group.p10),
				p25: number(group.p25),
				p50: number(group.p50),
				p75: number(group.p75),
				p90: number(group.p90),
				position: group.position
					? group.position.atMedian
						? t('benchmark.positionMedian', { percentile: Math.round(group.position.percentile) })
						: t('benchmark.positionQuartile', {
								quartile: ordinal(group.position.quartile),
								percentile: Math.round(group.position.percentile),
							})
					: null,
			}))
			const bounds = { min: indicator.minValue, max: indicator.maxValue }
			const distribution: DistributionChart | null =
				indicator.groups.length > 0
					? {
							title: t('benchmark.chartDistributionTitle', { label }),
							description: [
								reading,
								...groups.map(({ position: _position, ...group }) =>
									t('benchmark.chartGroupDescription', {
										...group,
										unit: t(`benchmark.unit_${indicator.unit}` as MessageKey),
									}),
								),
							].join(' '),
							rows: indicator.groups.map((group) => ({ ...group, label: groupLabel(group, locale) })),
							own: ownValue,
							ownLabel: t('benchmark.legendOwn', { value: ownValue === null ? '—' : format(ownValue) }),
							medianLabel: t('benchmark.legendBox'),
							bounds,
							locale,
						}
					: null
			const trend = indicator.trend.map((point) => ({
				year: point.year,
				own: point.own === null ? '—' : number(point.own),
				median: point.median === null ? '—' : number(point.median),
			}))
			return {
				code: indicator.code,
				label,
				help: indicatorHelp(indicator, locale),
				norm: indicator.normCode ? t('benchmark.normLine', { code: indicator.normCode }) : null,
				normNote: indicator.normNote,
				value: ownValue === null ? '—' : format(ownValue),
				unit: t(`benchmark.unit_${indicator.unit}` as MessageKey),
				reading,
				comparison,
				groups,
				missingGroups: missing.length
					? t('benchmark.groupsHidden', { groups: missing.join(', '), min: report.minGroupSize })
					: null,
				distributionChart: distribution,
				trend,
				trendChart:
					indicator.trend.length >= 2
						? {
								title: t('benchmark.chartTrendTitle', { label }),
								description: trend
									.map((point) =>
										t('benchmark.chartTrendDescription', {
											...point,
											unit: t(`benchmark.unit_${indicator.unit}` as MessageKey),
										}),
									)
									.join(' '),
								points: indicator.trend,
								ownLabel: t('benchmark.legendTrendOwn'),
								medianLabel: t('benchmark.legendTrendMedian'),
								bounds,
								locale,
							}
						: null,
			}
		}),
	}
}
