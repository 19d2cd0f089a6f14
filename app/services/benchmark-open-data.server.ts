// The spiegelrapportage as open data (docs/open-data.md, schema version 1): per published year,
// per indicator, the field's distribution per comparison group — only groups of at least the
// minimum size, never min or max (single carriers' values), never a carrier.
import type { CsvColumn } from '#app/components/data-table/csv.ts'
import type { IndicatorDefinition } from '#app/domain/benchmark-indicators.ts'
import type { GroupDistribution } from './benchmark.server.ts'

export const BENCHMARK_OPEN_DATA_VERSION = 1

export interface AggregateRow {
	year: number
	indicator: IndicatorDefinition
	group: GroupDistribution
}

/** The CSV columns; `extremes` (min and max) only in the staff export. */
export function aggregateCsvColumns(extremes = false): CsvColumn<AggregateRow>[] {
	const number = (pick: (row: AggregateRow) => number) => (row: AggregateRow) => Number(pick(row).toFixed(4))
	return [
		{ header: 'year', value: (row) => row.year },
		{ header: 'indicator', value: (row) => row.indicator.code },
		{ header: 'label', value: (row) => row.indicator.labelNl },
		{ header: 'unit', value: (row) => row.indicator.unit },
		{ header: 'group', value: (row) => row.group.kind },
		{ header: 'groupValue', value: (row) => row.group.value },
		{ header: 'n', value: (row) => row.group.n },
		...(extremes ? [{ header: 'min', value: number((row) => row.group.min) }] : []),
		{ header: 'p10', value: number((row) => row.group.p10) },
		{ header: 'p25', value: number((row) => row.group.p25) },
		{ header: 'median', value: number((row) => row.group.p50) },
		{ header: 'p75', value: number((row) => row.group.p75) },
		{ header: 'p90', value: number((row) => row.group.p90) },
		...(extremes ? [{ header: 'max', value: number((row) => row.group.max) }] : []),
		{ header: 'mean', value: number((row) => row.group.mean) },
	]
}

export function benchmarkOpenDataJson(year: number, minGroupSize: number, rows: AggregateRow[], schemaUrl: string) {
	const byCode = new Map<string, AggregateRow[]>()
	for (const row of rows) byCode.set(row.indicator.code, [...(byCode.get(row.indicator.code) ?? []), row])
	const round = (value: number) => Number(value.toFixed(4))
	return {
		schemaVersion: BENCHMARK_OPEN_DATA_VERSION,
		schema: schemaUrl,
		year,
		minGroupSize,
		quantiles: 'percentile_cont (linear interpolation between closest ranks)',
		indicators: [...byCode.values()].map((group) => {
			const indicator = (group[0] as AggregateRow).indicator
			return {
				code: indicator.code,
				label: { nl: indicator.labelNl, en: indicator.labelEn },
				unit: indicator.unit,
				better: indicator.better,
				groups: group.map(({ group: g }) => ({
					group: g.kind,
					value: g.value || null,
					n: g.n,
					p10: round(g.p10),
					p25: round(g.p25),
					median: round(g.p50),
					p75: round(g.p75),
					p90: round(g.p90),
					mean: round(g.mean),
				})),
			}
		}),
	}
}
