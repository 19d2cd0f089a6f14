// The statistics of the spiegelrapportage (DOMAIN.md §9): the field's distribution of an indicator,
// a carrier's position in it, which comparison groups may be shown, and which values staff should
// look at. Pure: the service computes the same numbers in the database (percentile_cont and window
// functions, app/services/benchmark.server.ts); these functions define them, and the tests hold the
// two equal.
//
// Definitions (written down because "the median" of a small group is not one number everywhere):
// - Quantile q_p of n sorted values x_0 ≤ … ≤ x_{n-1}: linear interpolation between closest ranks,
//   h = p·(n−1), q_p = x_⌊h⌋ + (h−⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋). This is what PostgreSQL's
//   `percentile_cont(p)` computes (Hyndman & Fan type 7; Excel PERCENTILE.INC, R's default).
// - Percentile (rank) of a value v in the group: the mid-rank 100·(L + E/2)/n, with L the number of
//   values below v and E the number equal to v (the carrier itself included). Equal values share
//   one percentile; a unique lowest value of n gets 50/n, a unique highest 100 − 50/n, a group of
//   equal values 50.
// - Quartile of v, by the group's cut points (so the words match the chart): 1 below p25, 2 from p25
//   up to and including the median, 3 above the median up to and including p75, 4 above p75. A
//   value exactly on p25 or p75 counts in the quartile towards the median; exactly on the median is
//   reported as "on the median" (quartile 2 by number).
// - Minimum group size: a comparison group with fewer than `minGroupSize` delivered values is never
//   shown, not even its count. Carriers see p10–p90 as the spread, never min and max (those are
//   single, if unnamed, carriers' values); staff see everything.

/** The cut points every distribution carries. */
export const QUANTILE_LEVELS = { p10: 0.1, p25: 0.25, p50: 0.5, p75: 0.75, p90: 0.9 } as const
export type QuantileName = keyof typeof QUANTILE_LEVELS

export const DEFAULT_MIN_GROUP_SIZE = 5
/** Below three, a carrier could work out the other value(s) from its own and the median. */
export const LOWEST_MIN_GROUP_SIZE = 3
export const HIGHEST_MIN_GROUP_SIZE = 50

export interface Distribution {
	n: number
	min: number
	p10: number
	p25: number
	p50: number
	p75: number
	p90: number
	max: number
	mean: number
}

export type Quartile = 1 | 2 | 3 | 4

export interface Position {
	quartile: Quartile
	/** Mid-rank percentile, 0–100 (see the definitions above). */
	percentile: number
	atMedian: boolean
}

/** The p-quantile (0 ≤ p ≤ 1) of ascending values, as percentile_cont. Throws on an empty list. */
export function quantile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) throw new RangeError('quantile of no values')
	if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile level out of range: ${p}`)
	const h = p * (sorted.length - 1)
	const lower = Math.floor(h)
	const low = sorted[lower] as number
	if (h === lower) return low
	const high = sorted[lower + 1] as number
	return low + (h - lower) * (high - low)
}

/** The distribution of a list of values, or null for no values. Non-finite values are refused. */
export function distribution(values: readonly number[]): Distribution | null {
	if (values.length === 0) return null
	if (values.some((value) => !Number.isFinite(value))) throw new RangeError('non-finite value')
	// `+ 0` turns −0 into 0: the two are equal, and the order of input must not decide which one shows.
	const sorted = values.map((value) => value + 0).sort((a, b) => a - b)
	return {
		n: sorted.length,
		min: sorted[0] as number,
		p10: quantile(sorted, QUANTILE_LEVELS.p10),
		p25: quantile(sorted, QUANTILE_LEVELS.p25),
		p50: quantile(sorted, QUANTILE_LEVELS.p50),
		p75: quantile(sorted, QUANTILE_LEVELS.p75),
		p90: quantile(sorted, QUANTILE_LEVELS.p90),
		max: sorted[sorted.length - 1] as number,
		mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
	}
}

/** Mid-rank percentile of `own` among `values` (which should include it): 100·(L + E/2)/n. */
export function percentileRank(values: readonly number[], own: number): number {
	if (values.length === 0) throw new RangeError('percentile of no values')
	let below = 0
	let equal = 0
	for (const value of values) {
		if (value < own) below += 1
		else if (value === own) equal += 1
	}
	return (100 * (below + equal / 2)) / values.length
}

/** The quartile of `value` by the cut points of a distribution (ties go towards the median). */
export function quartileOf(cuts: Pick<Distribution, 'p25' | 'p50' | 'p75'>, value: number): Quartile {
	if (value < cuts.p25) return 1
	if (value <= cuts.p50) return 2
	if (value <= cuts.p75) return 3
	return 4
}

export function positionOf(
	cuts: Pick<Distribution, 'p25' | 'p50' | 'p75'>,
	value: number,
	percentile: number,
): Position {
	return { quartile: quartileOf(cuts, value), percentile, atMedian: value === cuts.p50 }
}

/** Whether a comparison group of `n` values may be shown at all. */
export function isGroupShown(n: number, minGroupSize: number): boolean {
	return n >= Math.max(minGroupSize, LOWEST_MIN_GROUP_SIZE)
}

/** Only the groups that may be shown. Every output of the benchmark goes through this. */
export function visibleGroups<Group extends { n: number }>(groups: readonly Group[], minGroupSize: number): Group[] {
	return groups.filter((group) => isGroupShown(group.n, minGroupSize))
}

export type BetterDirection = 'higher' | 'lower' | 'neither'
export type Comparison = 'favourable' | 'unfavourable' | 'equal' | 'neutral'

/** The value against the median, in the indicator's direction ('neutral' when neither is better). */
export function comparedToMedian(better: BetterDirection, value: number, median: number): Comparison {
	if (better === 'neither') return 'neutral'
	if (value === median) return 'equal'
	return value > median === (better === 'higher') ? 'favourable' : 'unfavourable'
}

/**
 * Tukey's fences: a value below p25 − 1.5·IQR or above p75 + 1.5·IQR is an outlier worth a look in
 * the sample (a typing error, or a practice that works very differently).
 */
export function outlierFences(cuts: Pick<Distribution, 'p25' | 'p75'>): { low: number; high: number } {
	const iqr = cuts.p75 - cuts.p25
	return { low: cuts.p25 - 1.5 * iqr, high: cuts.p75 + 1.5 * iqr }
}

export function outlierSide(cuts: Pick<Distribution, 'p25' | 'p75'>, value: number): 'low' | 'high' | null {
	const fences = outlierFences(cuts)
	if (value < fences.low) return 'low'
	if (value > fences.high) return 'high'
	return null
}
