import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	comparedToMedian,
	distribution,
	isGroupShown,
	LOWEST_MIN_GROUP_SIZE,
	outlierSide,
	percentileRank,
	positionOf,
	quantile,
	quartileOf,
	visibleGroups,
} from './benchmark.ts'

const runs = Number(process.env.FC_MULTIPLIER ?? 1) * 200

// Values as carriers deliver them: small integers (many ties) or decimals.
const value = fc.oneof(
	fc.integer({ min: 0, max: 20 }),
	fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }),
)
const values = fc.array(value, { minLength: 1, maxLength: 60 })
const level = fc.double({ min: 0, max: 1, noNaN: true })

/**
 * Reference for percentile_cont, computed differently: the quantile function is the polyline
 * through the points (i/(n−1), x_i); find the segment that holds p and interpolate on it.
 */
function referenceQuantile(input: readonly number[], p: number): number {
	const x = [...input].sort((a, b) => a - b)
	const n = x.length
	if (n === 1) return x[0] as number
	for (let i = 0; i < n - 1; i++) {
		const from = i / (n - 1)
		const to = (i + 1) / (n - 1)
		if (p >= from && p <= to) {
			const t = p * (n - 1) - i
			return (x[i] as number) + t * ((x[i + 1] as number) - (x[i] as number))
		}
	}
	return x[n - 1] as number
}

/** Reference for the mid-rank: the mean of (i + ½)/n over the positions the value occupies. */
function referenceRank(input: readonly number[], own: number): number {
	const x = [...input].sort((a, b) => a - b)
	const positions = x.flatMap((candidate, index) => (candidate === own ? [index] : []))
	const mean = positions.reduce((sum, index) => sum + index + 0.5, 0) / positions.length
	return (100 * mean) / x.length
}

describe('quantile (percentile_cont)', () => {
	test('known values: PostgreSQL percentile_cont on 1..4 and on 10 values', () => {
		expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5)
		expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75)
		expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25)
		const ten = [3, 7, 8, 5, 12, 14, 21, 13, 18, 9].sort((a, b) => a - b)
		// SELECT percentile_cont(ARRAY[0.1,0.25,0.5,0.75,0.9]) WITHIN GROUP (ORDER BY v) → {4.8,7.25,10.5,13.75,18.3}
		expect(quantile(ten, 0.1)).toBeCloseTo(4.8, 12)
		expect(quantile(ten, 0.25)).toBe(7.25)
		expect(quantile(ten, 0.5)).toBe(10.5)
		expect(quantile(ten, 0.75)).toBe(13.75)
		expect(quantile(ten, 0.9)).toBeCloseTo(18.3, 12)
		expect(() => quantile([], 0.5)).toThrow(RangeError)
	})

	test('agrees with the reference on random data', () => {
		fc.assert(
			fc.property(values, level, (list, p) => {
				const sorted = [...list].sort((a, b) => a - b)
				expect(quantile(sorted, p)).toBeCloseTo(referenceQuantile(list, p), 9)
			}),
			{ numRuns: runs },
		)
	})

	test('lies between min and max, rises with p, ignores input order', () => {
		fc.assert(
			fc.property(values, level, level, (list, a, b) => {
				const d = distribution(list)!
				const shuffled = distribution([...list].reverse())!
				expect(shuffled).toEqual(d)
				expect(d.min).toBeLessThanOrEqual(d.p10)
				expect(d.p10).toBeLessThanOrEqual(d.p25)
				expect(d.p25).toBeLessThanOrEqual(d.p50)
				expect(d.p50).toBeLessThanOrEqual(d.p75)
				expect(d.p75).toBeLessThanOrEqual(d.p90)
				expect(d.p90).toBeLessThanOrEqual(d.max)
				const sorted = [...list].sort((x, y) => x - y)
				const [low, high] = a <= b ? [a, b] : [b, a]
				expect(quantile(sorted, low)).toBeLessThanOrEqual(quantile(sorted, high) + 1e-9)
				// === : −0 and 0 are the same value here.
				expect(quantile(sorted, 0) === d.min).toBe(true)
				expect(quantile(sorted, 1) === d.max).toBe(true)
			}),
			{ numRuns: runs },
		)
	})
})

describe('percentile rank (mid-rank)', () => {
	test('agrees with the reference on random data, for every member of the group', () => {
		fc.assert(
			fc.property(values, (list) => {
				for (const own of list) expect(percentileRank(list, own)).toBeCloseTo(referenceRank(list, own), 9)
			}),
			{ numRuns: runs },
		)
	})

	test('equal values share one percentile; strictly more is strictly higher', () => {
		fc.assert(
			fc.property(values, (list) => {
				const sorted = [...list].sort((a, b) => a - b)
				for (let i = 1; i < sorted.length; i++) {
					const a = percentileRank(list, sorted[i - 1] as number)
					const b = percentileRank(list, sorted[i] as number)
					if (sorted[i] === sorted[i - 1]) expect(b).toBe(a)
					else expect(b).toBeGreaterThan(a)
				}
			}),
			{ numRuns: runs },
		)
	})

	test('edges: a unique lowest gets 50/n, a unique highest 100 − 50/n, all equal 50', () => {
		expect(percentileRank([1, 2, 3, 4, 5], 1)).toBe(10)
		expect(percentileRank([1, 2, 3, 4, 5], 5)).toBe(90)
		expect(percentileRank([7, 7, 7, 7, 7], 7)).toBe(50)
		expect(percentileRank([1, 1, 2, 3, 3], 1)).toBe(20)
		expect(percentileRank([1, 1, 2, 3, 3], 3)).toBe(80)
		expect(percentileRank([42], 42)).toBe(50)
	})
})

describe('position', () => {
	const cuts = distribution([10, 20, 30, 40, 50])! // p25 20, p50 30, p75 40

	test('quartiles by the cut points; a value on a cut point counts towards the median', () => {
		expect([5, 19.9, 20, 25, 30, 30.1, 40, 40.1, 99].map((v) => quartileOf(cuts, v))).toEqual([
			1, 1, 2, 2, 2, 3, 3, 4, 4,
		])
		expect(positionOf(cuts, 30, 50)).toEqual({ quartile: 2, percentile: 50, atMedian: true })
		expect(positionOf(cuts, 31, 60).atMedian).toBe(false)
	})

	test('edges: the lowest of distinct values is in the first quartile, the highest in the fourth', () => {
		fc.assert(
			fc.property(fc.uniqueArray(fc.integer({ min: -500, max: 500 }), { minLength: 2, maxLength: 40 }), (list) => {
				const d = distribution(list)!
				expect(quartileOf(d, d.min)).toBe(1)
				expect(quartileOf(d, d.max)).toBe(4)
			}),
			{ numRuns: runs },
		)
	})

	test('ties: a group of equal values puts everyone on the median (quartile 2, percentile 50)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 30 }), (v, n) => {
				const list = Array.from({ length: n }, () => v)
				const d = distribution(list)!
				expect(positionOf(d, v, percentileRank(list, v))).toEqual({ quartile: 2, percentile: 50, atMedian: true })
			}),
			{ numRuns: runs },
		)
	})

	test('the quartile never falls as the value rises, and carriers with equal values get equal positions', () => {
		fc.assert(
			fc.property(values, (list) => {
				const d = distribution(list)!
				const sorted = [...list].sort((a, b) => a - b)
				let previous = 1
				for (const v of sorted) {
					const position = positionOf(d, v, percentileRank(list, v))
					expect(position.quartile).toBeGreaterThanOrEqual(previous)
					previous = position.quartile
					expect(position.percentile).toBeGreaterThan(0)
					expect(position.percentile).toBeLessThan(100)
				}
			}),
			{ numRuns: runs },
		)
	})
})

describe('minimum group size', () => {
	test('a group below the minimum never appears, whatever the setting', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ n: fc.integer({ min: 0, max: 30 }), name: fc.string() }), { maxLength: 20 }),
				fc.integer({ min: 0, max: 30 }),
				(groups, minimum) => {
					const shown = visibleGroups(groups, minimum)
					expect(shown.every((group) => group.n >= minimum && group.n >= LOWEST_MIN_GROUP_SIZE)).toBe(true)
					expect(shown.length).toBe(groups.filter((group) => isGroupShown(group.n, minimum)).length)
				},
			),
			{ numRuns: runs },
		)
		expect(isGroupShown(4, 5)).toBe(false)
		expect(isGroupShown(5, 5)).toBe(true)
		// A setting below three is not honoured: two carriers could work out each other's value.
		expect(isGroupShown(2, 1)).toBe(false)
	})
})

describe('reading helpers', () => {
	test('compared to the median follows the better direction', () => {
		expect(comparedToMedian('higher', 70, 60)).toBe('favourable')
		expect(comparedToMedian('lower', 70, 60)).toBe('unfavourable')
		expect(comparedToMedian('lower', 60, 60)).toBe('equal')
		expect(comparedToMedian('neither', 70, 60)).toBe('neutral')
	})

	test('outliers by Tukey fences', () => {
		const d = distribution([10, 20, 30, 40, 50])! // IQR 20: fences −10 and 70
		expect(outlierSide(d, -10)).toBeNull()
		expect(outlierSide(d, -11)).toBe('low')
		expect(outlierSide(d, 70)).toBeNull()
		expect(outlierSide(d, 71)).toBe('high')
	})
})
