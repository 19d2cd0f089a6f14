// The two charts of the spiegelrapportage as SVG text: the same string is put inline in the page
// (server-rendered, works without JavaScript) and drawn into the PDF by svg-to-pdfkit. So the SVG
// uses presentation attributes only (no CSS, no classes, no currentColor), Helvetica-compatible
// text and fixed sizes. Why hand-written and not a chart library: docs/decisions/007-benchmark-charts.md.
//
// Both charts are pictures with a title and a description (role="img"); the page puts the same
// numbers next to them as a table, the text alternative.
import type { Locale } from '#app/i18n/catalogue.ts'
import { formatNumber } from '#app/i18n/format.ts'

export const chartColors = {
	box: '#9fc5cb',
	boxStroke: '#0b5f6b',
	whisker: '#52606d',
	median: '#0b5f6b',
	own: '#b8330a',
	grid: '#d9dee3',
	text: '#1f2933',
	muted: '#52606d',
}

const FONT = 'Helvetica, Arial, sans-serif'

export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[char]};`)
}

const round = (value: number) => Math.round(value * 10) / 10

/** Axis ticks: whole numbers, or one decimal for small steps. */
function axisNumber(value: number, locale: Locale): string {
	return formatNumber(value, locale, Number.isInteger(value) ? 0 : 1)
}

/** About five round tick values covering [low, high]. */
export function niceTicks(low: number, high: number, count = 5): number[] {
	if (!(high > low)) return [low]
	const rough = (high - low) / count
	const power = 10 ** Math.floor(Math.log10(rough))
	const step = [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? rough
	const ticks: number[] = []
	for (let tick = Math.ceil(low / step) * step; tick <= high + step * 1e-9; tick += step)
		ticks.push(Number(tick.toPrecision(12)))
	return ticks
}

function domainOf(values: number[], bounds: { min: number; max: number }): [number, number] {
	const finite = values.filter(Number.isFinite)
	let low = Math.min(...finite)
	let high = Math.max(...finite)
	if (!(high > low)) {
		low -= 1
		high += 1
	}
	const pad = (high - low) * 0.08
	return [Math.max(bounds.min, low - pad), Math.min(bounds.max, high + pad)]
}

export interface DistributionRow {
	label: string
	p10: number
	p25: number
	p50: number
	p75: number
	p90: number
}

export interface DistributionChart {
	title: string
	description: string
	rows: DistributionRow[]
	/** The carrier's own value, drawn on every row. */
	own: number | null
	ownLabel: string
	medianLabel: string
	/** The indicator's valid range: the axis never extends beyond it. */
	bounds: { min: number; max: number }
	/** The language of the axis numbers. */
	locale: Locale
}

/** Box (p25–p75) with whiskers (p10–p90) and the median per group, the own value as a diamond. */
export function distributionSvg(chart: DistributionChart): string {
	const width = 640
	const labelWidth = 170
	const right = 24
	const rowHeight = 40
	const top = 14
	const axisHeight = 44
	const height = top + chart.rows.length * rowHeight + axisHeight
	const values = chart.rows.flatMap((row) => [row.p10, row.p90])
	if (chart.own !== null) values.push(chart.own)
	const [low, high] = domainOf(values, chart.bounds)
	const x = (value: number) => round(labelWidth + ((value - low) / (high - low)) * (width - labelWidth - right))
	const parts: string[] = []
	const ticks = niceTicks(low, high)
	const axisY = top + chart.rows.length * rowHeight
	for (const tick of ticks) {
		parts.push(
			`<line x1="${x(tick)}" y1="${top - 4}" x2="${x(tick)}" y2="${axisY}" stroke="${chartColors.grid}" stroke-width="1"/>`,
			`<text x="${x(tick)}" y="${axisY + 16}" font-family="${FONT}" font-size="11" fill="${chartColors.muted}" text-anchor="middle">${escapeXml(axisNumber(tick, chart.locale))}</text>`,
		)
	}
	chart.rows.forEach((row, index) => {
		const middle = top + index * rowHeight + rowHeight / 2
		parts.push(
			`<text x="${labelWidth - 10}" y="${middle + 4}" font-family="${FONT}" font-size="12" fill="${chartColors.text}" text-anchor="end">${escapeXml(row.label)}</text>`,
			`<line x1="${x(row.p10)}" y1="${middle}" x2="${x(row.p90)}" y2="${middle}" stroke="${chartColors.whisker}" stroke-width="1.5"/>`,
			`<line x1="${x(row.p10)}" y1="${middle - 6}" x2="${x(row.p10)}" y2="${middle + 6}" stroke="${chartColors.whisker}" stroke-width="1.5"/>`,
			`<line x1="${x(row.p90)}" y1="${middle - 6}" x2="${x(row.p90)}" y2="${middle + 6}" stroke="${chartColors.whisker}" stroke-width="1.5"/>`,
			`<rect x="${x(row.p25)}" y="${middle - 11}" width="${Math.max(1, round(x(row.p75) - x(row.p25)))}" height="22" fill="${chartColors.box}" stroke="${chartColors.boxStroke}" stroke-width="1"/>`,
			`<line x1="${x(row.p50)}" y1="${middle - 11}" x2="${x(row.p50)}" y2="${middle + 11}" stroke="${chartColors.median}" stroke-width="3"/>`,
		)
		if (chart.own !== null) {
			const cx = x(chart.own)
			parts.push(
				`<path d="M${cx} ${middle - 9} L${round(cx + 8)} ${middle} L${cx} ${middle + 9} L${round(cx - 8)} ${middle} Z" fill="${chartColors.own}" stroke="#ffffff" stroke-width="1.5"/>`,
			)
		}
	})
	// Legend: what the marks mean, in words (not by colour alone).
	const legendY = axisY + 36
	parts.push(
		`<rect x="${labelWidth}" y="${legendY - 9}" width="18" height="10" fill="${chartColors.box}" stroke="${chartColors.boxStroke}" stroke-width="1"/>`,
		`<line x1="${labelWidth + 9}" y1="${legendY - 9}" x2="${labelWidth + 9}" y2="${legendY + 1}" stroke="${chartColors.median}" stroke-width="3"/>`,
		`<text x="${labelWidth + 24}" y="${legendY}" font-family="${FONT}" font-size="11" fill="${chartColors.muted}">${escapeXml(chart.medianLabel)}</text>`,
	)
	if (chart.own !== null) {
		const lx = labelWidth + 300
		parts.push(
			`<path d="M${lx} ${legendY - 10} L${lx + 7} ${legendY - 3} L${lx} ${legendY + 4} L${lx - 7} ${legendY - 3} Z" fill="${chartColors.own}"/>`,
			`<text x="${lx + 12}" y="${legendY}" font-family="${FONT}" font-size="11" fill="${chartColors.muted}">${escapeXml(chart.ownLabel)}</text>`,
		)
	}
	return svg(width, height + 12, chart.title, chart.description, parts)
}

export interface TrendChart {
	title: string
	description: string
	points: { year: number; own: number | null; median: number | null }[]
	ownLabel: string
	medianLabel: string
	bounds: { min: number; max: number }
	locale: Locale
}

/** The carrier's own value per year (solid line, dots) and the field median (dashed). */
export function trendSvg(chart: TrendChart): string {
	const width = 640
	const height = 200
	const left = 64
	const right = 24
	const top = 16
	const bottom = 56
	const years = chart.points.map((point) => point.year)
	const values = chart.points.flatMap((point) => [point.own, point.median]).filter((v): v is number => v !== null)
	const [low, high] = domainOf(values.length ? values : [chart.bounds.min, chart.bounds.max], chart.bounds)
	const firstYear = Math.min(...years)
	const lastYear = Math.max(...years)
	const x = (year: number) =>
		round(
			lastYear === firstYear
				? (left + width - right) / 2
				: left + ((year - firstYear) / (lastYear - firstYear)) * (width - left - right),
		)
	const y = (value: number) => round(top + (1 - (value - low) / (high - low)) * (height - top - bottom))
	const parts: string[] = []
	for (const tick of niceTicks(low, high, 4)) {
		parts.push(
			`<line x1="${left}" y1="${y(tick)}" x2="${width - right}" y2="${y(tick)}" stroke="${chartColors.grid}" stroke-width="1"/>`,
			`<text x="${left - 8}" y="${y(tick) + 4}" font-family="${FONT}" font-size="11" fill="${chartColors.muted}" text-anchor="end">${escapeXml(axisNumber(tick, chart.locale))}</text>`,
		)
	}
	for (const year of years) {
		parts.push(
			`<text x="${x(year)}" y="${height - bottom + 18}" font-family="${FONT}" font-size="11" fill="${chartColors.muted}" text-anchor="middle">${year}</text>`,
		)
	}
	const line = (key: 'own' | 'median') =>
		chart.points
			.filter((point) => point[key] !== null)
			.map((point, index) => `${index === 0 ? 'M' : 'L'}${x(point.year)} ${y(point[key] as number)}`)
			.join(' ')
	const median = line('median')
	if (median)
		parts.push(
			`<path d="${median}" fill="none" stroke="${chartColors.whisker}" stroke-width="2" stroke-dasharray="6 4"/>`,
		)
	for (const point of chart.points) {
		if (point.median !== null)
			parts.push(
				`<rect x="${x(point.year) - 4}" y="${y(point.median) - 4}" width="8" height="8" fill="${chartColors.whisker}"/>`,
			)
	}
	const own = line('own')
	if (own) parts.push(`<path d="${own}" fill="none" stroke="${chartColors.own}" stroke-width="2.5"/>`)
	for (const point of chart.points) {
		if (point.own !== null)
			parts.push(
				`<circle cx="${x(point.year)}" cy="${y(point.own)}" r="5" fill="${chartColors.own}" stroke="#ffffff" stroke-width="1.5"/>`,
			)
	}
	const legendY = height - 12
	parts.push(
		`<line x1="${left}" y1="${legendY - 4}" x2="${left + 24}" y2="${legendY - 4}" stroke="${chartColors.own}" stroke-width="2.5"/>`,
		`<circle cx="${left + 12}" cy="${legendY - 4}" r="4" fill="${chartColors.own}"/>`,
		`<text x="${left + 30}" y="${legendY}" font-family="${FONT}" font-size="11" fill="${chartColors.muted}">${escapeXml(chart.ownLabel)}</text>`,
		`<line x1="${left + 260}" y1="${legendY - 4}" x2="${left + 284}" y2="${legendY - 4}" stroke="${chartColors.whisker}" stroke-width="2" stroke-dasharray="6 4"/>`,
		`<text x="${left + 290}" y="${legendY}" font-family="${FONT}" font-size="11" fill="${chartColors.muted}">${escapeXml(chart.medianLabel)}</text>`,
	)
	return svg(width, height, chart.title, chart.description, parts)
}

function svg(width: number, height: number, title: string, description: string, parts: string[]): string {
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}">` +
		`<title>${escapeXml(title)}</title><desc>${escapeXml(description)}</desc>` +
		parts.join('') +
		'</svg>'
	)
}
