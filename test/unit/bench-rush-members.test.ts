import { describe, expect, it } from 'vitest'
import { answerText, autosaveBody, type MembersRun, mergeRuns } from '../../bench/rush-members.ts'

// What the rush's members send (bench/rush-members.ts), and their runs in several processes taken
// together: the bench's figures are only as good as these.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

describe('answerText', () => {
	it('is 500–3,000 characters, the same for the same member and tick, never half an emoji', () => {
		for (let index = 0; index < 60; index++) {
			for (const tick of [0, 1, 17]) {
				const text = answerText(index, tick)
				const points = Array.from(text)
				expect(points.length).toBeGreaterThanOrEqual(500)
				expect(points.length).toBeLessThanOrEqual(3_000)
				expect(text).not.toMatch(LONE_SURROGATE)
				expect(answerText(index, tick)).toBe(text)
			}
		}
		// Every third member types emoji and new lines.
		expect(Array.from({ length: 10 }, (_, tick) => answerText(3, tick)).join('')).toMatch(/\p{Extended_Pictographic}/u)
		expect(answerText(0, 1)).not.toBe(answerText(0, 2))
	})
})

describe('autosaveBody', () => {
	it('is the page’s form: the item, its version and its text', () => {
		const body = autosaveBody({ textKey: 'N1.1-toelichting', version: 4 }, 'regel 1\nregel 2 😀')
		expect([...body]).toEqual([
			['evidenceKey', 'N1.1-toelichting'],
			['N1.1-toelichting:version', '4'],
			['N1.1-toelichting:text', 'regel 1\nregel 2 😀'],
		])
	})
})

describe('mergeRuns', () => {
	const run = (n: number, late: number, failures: number): MembersRun => ({
		outcome: {
			saves: [{ at: n, ms: 10 + n, ok: true }],
			uploads: [],
			submissions: n === 0 ? [{ at: 5, ms: 50, ok: true }] : [],
			failures: Array.from({ length: failures }, (_, k) => `fout ${n}.${k}`),
			acknowledged: { [n]: `tekst ${n}`, [n + 10]: null },
		},
		loopLateMs: { p50: late / 10, p95: late, p99: late * 2, max: late * 3 - n },
		cpuMs: 1000 * (n + 1),
	})

	it('takes every sample, the latest loop at each percentile, the CPU summed and at most 20 failures', () => {
		const merged = mergeRuns([run(0, 4, 15), run(1, 6, 15), run(2, 5, 0)])
		expect(merged.outcome.saves.map((sample) => sample.ms)).toEqual([10, 11, 12])
		expect(merged.outcome.submissions).toHaveLength(1)
		expect(merged.outcome.failures).toHaveLength(20)
		expect(merged.outcome.acknowledged).toEqual({
			0: 'tekst 0',
			1: 'tekst 1',
			2: 'tekst 2',
			10: null,
			11: null,
			12: null,
		})
		expect(merged.loopLateMs).toEqual({ p50: 0.6, p95: 6, p99: 12, max: 17 })
		expect(merged.cpuMs).toBe(6000)
	})
})
