import fc from 'fast-check'
import { describe, expect, it, test } from 'vitest'
import { cyrb53 } from './prng'
import { AppError } from './errors'
import { allocate, drawSample, reproduceSample, sampleLeftOpen, sampleSize, verifySample } from './sampling'
import type { SampleCandidate } from './sampling'
import { PARTICIPATION_STATES, PROVIDER_TYPES } from './types'

const candidate = (
	id: string,
	providerType: SampleCandidate['providerType'] = 'institution',
	state: SampleCandidate['state'] = 'qualified',
): SampleCandidate => ({
	participationId: id,
	providerType,
	state,
})
const qualified = (n: number, type: SampleCandidate['providerType'] = 'institution') =>
	Array.from({ length: n }, (_, i) => candidate(`${type}-${String(i).padStart(3, '0')}`, type))

describe('cyrb53', () => {
	test('known values and seed sensitivity', () => {
		// Reference values of the published algorithm (bryc/code, cyrb53).
		expect(cyrb53('a')).toBe(7929297801672961)
		expect(cyrb53('b')).toBe(8684336938537663)
		expect(cyrb53('revenge')).toBe(4051478007546757)
		expect(cyrb53('revenue')).toBe(8309097637345594)
		expect(cyrb53('revenue', 1)).toBe(8697026808958300)
		expect(cyrb53('')).toBeLessThan(2 ** 53)
	})
})

describe('sampleSize', () => {
	test('percent rounds up, at least 1 when there is any candidate', () => {
		expect(sampleSize(0, { percent: 10 })).toBe(0)
		expect(sampleSize(1, { percent: 10 })).toBe(1)
		expect(sampleSize(10, { percent: 10 })).toBe(1)
		expect(sampleSize(11, { percent: 10 })).toBe(2)
		expect(sampleSize(100, { percent: 7 })).toBe(7)
		expect(sampleSize(10, { percent: 7 })).toBe(1)
		expect(sampleSize(3, { percent: 33.33 })).toBe(1)
		expect(sampleSize(3, { percent: 33.34 })).toBe(2)
		expect(sampleSize(250, { percent: 100 })).toBe(250)
	})

	test('a count is capped at the number of candidates', () => {
		expect(sampleSize(5, { count: 10 })).toBe(5)
		expect(sampleSize(50, { count: 10 })).toBe(10)
	})
})

describe('allocate (largest remainder)', () => {
	test('proportional, summing to the total', () => {
		expect(allocate(10, [70, 30])).toEqual([7, 3])
		expect(allocate(5, [7, 3])).toEqual([4, 1]) // 3.5 / 1.5: tie on remainder → first listed
		expect(allocate(3, [1, 1, 1])).toEqual([1, 1, 1])
		expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0])
		expect(allocate(4, [10, 1])).toEqual([4, 0])
		expect(allocate(0, [3, 4])).toEqual([0, 0])
		expect(allocate(3, [0, 0])).toEqual([0, 0])
	})

	test('property: sums to the total, each within one seat of its quota and never above its size', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 5 }), fc.nat(), (sizes, t) => {
				const population = sizes.reduce((a, b) => a + b, 0)
				const total = population === 0 ? 0 : t % (population + 1)
				const seats = allocate(total, sizes)
				expect(seats.reduce((a, b) => a + b, 0)).toBe(total)
				seats.forEach((s, i) => {
					const quota = population === 0 ? 0 : (total * sizes[i]!) / population
					expect(s).toBeGreaterThanOrEqual(Math.floor(quota))
					expect(s).toBeLessThanOrEqual(Math.ceil(quota))
					expect(s).toBeLessThanOrEqual(sizes[i]!)
				})
			}),
		)
	})
})

describe('drawSample', () => {
	test('only qualified participations are drawn; the record tells what was excluded', () => {
		const candidates = [
			...qualified(8),
			candidate('w-1', 'institution', 'withdrawn'),
			candidate('s-1', 'institution', 'sampled'),
			candidate('c-1', 'institution', 'confirmed'),
			candidate('l-1', 'institution', 'listed'),
		]
		const draw = drawSample(candidates, { percent: 100, seed: 'seed-1' })
		expect(draw.ids).toEqual(qualified(8).map((c) => c.participationId))
		expect(draw.record.excludedIds).toEqual(['c-1', 'l-1', 's-1', 'w-1'])
	})

	test('stratified by provider type in proportion', () => {
		const draw = drawSample([...qualified(70, 'institution'), ...qualified(30, 'independent_practice')], {
			percent: 10,
			stratifyByType: true,
			seed: '2027-steekproef',
		})
		expect(draw.record.strata.map((s) => [s.key, s.candidateIds.length, s.size])).toEqual([
			['independent_practice', 30, 3],
			['institution', 70, 7],
		])
		expect(draw.ids.filter((id) => id.startsWith('institution'))).toHaveLength(7)
		expect(draw.ids).toEqual([...draw.ids].sort())
	})

	test('a known draw stays the same (the algorithm is part of the audit record)', () => {
		const draw = drawSample(qualified(20), { count: 3, seed: 'KiBG-2027' })
		expect(draw.record.algorithm).toBe('cyrb53-rank/v1')
		expect(verifySample(draw.record)).toBe(true)
		expect(draw.ids).toEqual(reproduceSample(JSON.parse(JSON.stringify(draw.record))))
		expect(draw.ids).toMatchInlineSnapshot(`
			[
			  "institution-008",
			  "institution-009",
			  "institution-016",
			]
		`)
	})

	test('invalid options are refused', () => {
		const error = (f: () => unknown) => {
			try {
				f()
			} catch (e) {
				return e instanceof AppError ? e.code : e
			}
			return null
		}
		expect(error(() => drawSample(qualified(3), { seed: 'x' }))).toBe('sample_invalid_options')
		expect(error(() => drawSample(qualified(3), { seed: 'x', percent: 10, count: 1 }))).toBe('sample_invalid_options')
		expect(error(() => drawSample(qualified(3), { seed: '', percent: 10 }))).toBe('sample_invalid_options')
		expect(error(() => drawSample(qualified(3), { seed: 'x', percent: 0 }))).toBe('sample_invalid_options')
		expect(error(() => drawSample(qualified(3), { seed: 'x', percent: 12.345 }))).toBe('sample_invalid_options')
		expect(error(() => drawSample(qualified(3), { seed: 'x', count: 0 }))).toBe('sample_invalid_options')
		expect(error(() => drawSample([candidate('a'), candidate('a')], { seed: 'x', count: 1 }))).toBe(
			'sample_duplicate_candidate',
		)
		const draw = drawSample(qualified(3), { seed: 'x', count: 1 })
		expect(error(() => reproduceSample({ ...draw.record, algorithm: 'other' as 'cyrb53-rank/v1' }))).toBe(
			'sample_invalid_record',
		)
		// Not verified rather than an error: the sample page lists every sample of the year.
		expect(verifySample({ ...draw.record, algorithm: 'other' as 'cyrb53-rank/v1' })).toBe(false)
		expect(verifySample({} as typeof draw.record)).toBe(false)
	})

	test('every candidate has a fair chance', () => {
		const pool = qualified(10)
		const counts = new Map<string, number>()
		for (let i = 0; i < 3000; i++) {
			for (const id of drawSample(pool, { count: 1, seed: `seed-${i}` }).ids) counts.set(id, (counts.get(id) ?? 0) + 1)
		}
		// expected 300 each; a fair draw stays well inside 200–400
		for (const c of pool) expect(counts.get(c.participationId)).toBeGreaterThan(200)
		for (const c of pool) expect(counts.get(c.participationId)).toBeLessThan(400)
	})
})

describe('drawSample properties', () => {
	const candidatesArb = fc.uniqueArray(
		fc.record({
			participationId: fc.string({ minLength: 1, maxLength: 12 }),
			providerType: fc.constantFrom(...PROVIDER_TYPES),
			state: fc.constantFrom(...PARTICIPATION_STATES, 'qualified', 'qualified'),
		}),
		{ selector: (c) => c.participationId, maxLength: 60 },
	)
	const optionsArb = fc.record({
		seed: fc.string({ minLength: 1 }).filter((s) => s.trim().length > 0),
		stratifyByType: fc.boolean(),
		size: fc.oneof(
			fc.integer({ min: 1, max: 10_000 }).map((h) => ({ percent: h / 100 })),
			fc.integer({ min: 1, max: 80 }).map((count) => ({ count })),
		),
	})

	test('deterministic and independent of input order', () => {
		fc.assert(
			fc.property(candidatesArb, optionsArb, fc.nat(), (candidates, { seed, stratifyByType, size }, shift) => {
				const options = { seed, stratifyByType, ...size }
				const a = drawSample(candidates, options)
				const rotated = [
					...candidates.slice(shift % (candidates.length || 1)),
					...candidates.slice(0, shift % (candidates.length || 1)),
				].reverse()
				expect(drawSample(rotated, options)).toEqual(a)
				expect(verifySample(a.record)).toBe(true)
			}),
		)
	})

	test('size, eligibility and uniqueness', () => {
		fc.assert(
			fc.property(candidatesArb, optionsArb, (candidates, { seed, stratifyByType, size }) => {
				const draw = drawSample(candidates, { seed, stratifyByType, ...size })
				const eligible = candidates.filter((c) => c.state === 'qualified')
				const byId = new Map(candidates.map((c) => [c.participationId, c]))
				expect(new Set(draw.ids).size).toBe(draw.ids.length)
				for (const id of draw.ids) expect(byId.get(id)?.state).toBe('qualified')
				expect(draw.ids).toHaveLength(draw.record.size)
				if ('count' in size) expect(draw.ids).toHaveLength(Math.min(size.count, eligible.length))
				else {
					expect(draw.ids.length).toBeGreaterThanOrEqual((eligible.length * size.percent) / 100)
					expect(draw.ids.length).toBeLessThan((eligible.length * size.percent) / 100 + 1)
					if (eligible.length > 0) expect(draw.ids.length).toBeGreaterThanOrEqual(1)
				}
				expect(draw.record.strata.reduce((sum, s) => sum + s.size, 0)).toBe(draw.record.size)
			}),
		)
	})

	test('adding an ineligible candidate never changes the draw', () => {
		fc.assert(
			fc.property(
				candidatesArb,
				optionsArb,
				fc.constantFrom('withdrawn', 'sampled', 'confirmed', 'listed' as const),
				(candidates, { seed, stratifyByType, size }, state) => {
					const options = { seed, stratifyByType, ...size }
					const extra = { participationId: '\u0000extra', providerType: 'institution' as const, state }
					expect(drawSample([...candidates, extra], options).ids).toEqual(drawSample(candidates, options).ids)
				},
			),
		)
	})
})

describe('sampleLeftOpen (docs/decisions/011)', () => {
	const rejected = { status: 'rejected', interviewId: 'i1' }
	it('is a sampled carrier whose last proposal, its interview’s, was rejected', () => {
		expect(sampleLeftOpen({ state: 'sampled', interviewId: 'i1', lastProposal: rejected })).toBe(true)
	})
	it('is not a sample that has ended, nor one whose last proposal waits, was approved or came from elsewhere', () => {
		expect(sampleLeftOpen({ state: 'confirmed', interviewId: 'i1', lastProposal: rejected })).toBe(false)
		expect(
			sampleLeftOpen({ state: 'sampled', interviewId: 'i1', lastProposal: { ...rejected, status: 'pending' } }),
		).toBe(false)
		expect(
			sampleLeftOpen({ state: 'sampled', interviewId: 'i1', lastProposal: { ...rejected, status: 'approved' } }),
		).toBe(false)
		expect(
			sampleLeftOpen({ state: 'sampled', interviewId: 'i1', lastProposal: { ...rejected, interviewId: null } }),
		).toBe(false)
		expect(sampleLeftOpen({ state: 'sampled', interviewId: 'i1', lastProposal: null })).toBe(false)
		expect(sampleLeftOpen({ state: 'sampled', interviewId: null, lastProposal: rejected })).toBe(false)
	})
})
