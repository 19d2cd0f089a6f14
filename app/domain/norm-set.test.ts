import { describe, expect, test } from 'vitest'
import { sampleNormSet, sampleNormSetJson } from './__fixtures__/norm-sets'
import {
	NormSetError,
	applicableCriteria,
	applies,
	assertNormSet,
	allEvidence,
	criterionGroups,
	findEvidence,
	isNormApplicable,
	parseNormSet,
} from './norm-set'
import type { ProviderProfile } from './types'

type Json = ReturnType<typeof sampleNormSetJson>
const mutate = (change: (json: Json) => void) => {
	const json = sampleNormSetJson()
	change(json)
	return parseNormSet(json)
}
const errors = (change: (json: Json) => void) => {
	const parsed = mutate(change)
	return parsed.ok ? [] : parsed.errors
}
const normA = (json: Json) => json.themes[0]!.norms[0]!
const firstCriterion = (json: Json) => normA(json).criteria[0]!

describe('parseNormSet', () => {
	test('accepts a valid set', () => {
		expect(parseNormSet(sampleNormSetJson())).toEqual({ ok: true, normSet: sampleNormSet })
	})

	test('rejects anything that is not a norm set with readable paths', () => {
		expect(parseNormSet(null)).toMatchObject({ ok: false })
		expect(errors((j) => ((j as { year: unknown }).year = '2030'))).toEqual([
			'year: Invalid input: expected number, received string',
		])
	})

	test('duplicate keys and codes', () => {
		expect(
			errors((j) => {
				normA(j).criteria[1]!.key = 'a-explain'
				normA(j).criteria[1]!.evidence[0]!.key = 'a-explain.text'
			}),
		).toEqual([
			"themes.0.norms.0.criteria.1.key: duplicate criterion key 'a-explain'",
			"themes.0.norms.0.criteria.1.evidence.0.key: duplicate evidence key 'a-explain.text'",
		])
		expect(errors((j) => (j.themes[0]!.norms[1]!.code = '1'))).toContain(
			"themes.0.norms.1.code: duplicate norm code '1'",
		)
	})

	test('groups numbered 1..n, codes under their norm, required evidence', () => {
		expect(errors((j) => (normA(j).criteria[2]!.group = 3))).toEqual([
			'themes.0.norms.0.criteria: groups of norm 1 must be numbered 1..n without gaps (found 1, 3)',
		])
		expect(errors((j) => (firstCriterion(j).code = '2.1'))).toContain(
			"themes.0.norms.0.criteria.0.code: criterion code '2.1' must start with its norm code '1.'",
		)
		expect(errors((j) => (firstCriterion(j).evidence[0]!.required = false))).toEqual([
			"themes.0.norms.0.criteria.0.evidence: criterion 'a-explain' needs at least one required evidence item",
		])
	})

	test('kind-specific configuration', () => {
		const numberItem = (j: Json) => normA(j).criteria[2]!.evidence[0] as Record<string, unknown>
		expect(errors((j) => Object.assign(numberItem(j), { min: 50, max: 40 }))).toContain(
			'themes.0.norms.0.criteria.2.evidence.0: min 50 is greater than max 40',
		)
		expect(errors((j) => Object.assign(numberItem(j), { max: 120 }))).toContain(
			'themes.0.norms.0.criteria.2.evidence.0: a percentage lies between 0 and 100',
		)
		expect(errors((j) => Object.assign(numberItem(j), { rule: { op: '>=', value: 200, message: 'x' } }))).toContain(
			'themes.0.norms.0.criteria.2.evidence.0: rule value 200 lies outside min/max',
		)
		const template = (j: Json) => normA(j).criteria[1]!.evidence[0] as Record<string, unknown>
		expect(errors((j) => Object.assign(template(j), { requiredElements: ['a', 'a'] }))).toEqual([
			'themes.0.norms.0.criteria.1.evidence.0.requiredElements: entries must be distinct',
		])
		expect(errors((j) => Object.assign(template(j), { kind: 'video' }))).toHaveLength(1)
	})

	test('unknown fields are errors (strict), so typos in the data file are caught', () => {
		expect(errors((j) => Object.assign(firstCriterion(j), { gruop: 1 }))).toEqual([
			'themes.0.norms.0.criteria.0: Unrecognized key: "gruop"',
		])
	})

	test('keys must be slugs', () => {
		expect(errors((j) => (firstCriterion(j).key = 'A Explain'))).toEqual([
			'themes.0.norms.0.criteria.0.key: must be a lowercase slug (a-z, 0-9, "-", ".")',
		])
	})

	test('assertNormSet throws a NormSetError listing every problem', () => {
		const json = sampleNormSetJson()
		firstCriterion(json).code = '9.9'
		expect(() => assertNormSet(json)).toThrow(NormSetError)
		expect(() => assertNormSet(json)).toThrow(/must start with its norm code/)
	})
})

describe('applicability', () => {
	const institution: ProviderProfile = { type: 'institution', offersChronicEchelon: false }
	const chronicPractice: ProviderProfile = { type: 'independent_practice', offersChronicEchelon: true }

	test('applies', () => {
		expect(applies(undefined, institution)).toBe(true)
		expect(applies('all', institution)).toBe(true)
		expect(applies('chronic_echelon', institution)).toBe(false)
		expect(applies('chronic_echelon', chronicPractice)).toBe(true)
		expect(applies('institution', institution)).toBe(true)
		expect(applies('institution', chronicPractice)).toBe(false)
		expect(applies('independent_practice', chronicPractice)).toBe(true)
	})

	test('applicable criteria combine norm and criterion applicability', () => {
		const codes = (p: ProviderProfile) => applicableCriteria(sampleNormSet, p).map((c) => c.criterion.code)
		expect(codes(institution)).toEqual(['1.1', '1.2', '1.3', '3.1', '3.2', '3.3'])
		expect(codes(chronicPractice)).toEqual(['1.1', '1.2', '1.3', '2.1', '3.1', '3.3'])
		const normB = sampleNormSet.themes[0]!.norms[1]!
		expect(isNormApplicable(normB, institution)).toBe(false)
	})

	test('criterion groups: alternatives share a group; inapplicable alternatives drop out', () => {
		const [normA, , normC] = sampleNormSet.themes[0]!.norms
		expect(criterionGroups(normA!, institution).map((g) => [g.group, g.alternatives.map((c) => c.code)])).toEqual([
			[1, ['1.1', '1.2']],
			[2, ['1.3']],
		])
		expect(criterionGroups(normC!, chronicPractice).map((g) => g.group)).toEqual([1, 3])
	})
})

describe('findEvidence', () => {
	test('finds every item of the set with its norm and criterion, and nothing else', () => {
		for (const entry of allEvidence(sampleNormSet)) {
			const found = findEvidence(sampleNormSet, entry.item.key)
			expect(found?.item).toBe(entry.item)
			expect(found?.criterion.key).toBe(entry.criterion.key)
			expect(found?.norm.key).toBe(entry.norm.key)
		}
		expect(findEvidence(sampleNormSet, 'bestaat-niet')).toBeUndefined()
		expect(findEvidence(sampleNormSet, null)).toBeUndefined()
		expect(findEvidence(sampleNormSet, 'toString')).toBeUndefined()
	})

	test('a second norm set with the same keys answers from its own items', () => {
		const parsed = parseNormSet(sampleNormSetJson())
		if (!parsed.ok) throw new Error('sample norm set does not parse')
		const other = parsed.normSet
		const key = allEvidence(sampleNormSet)[0]!.item.key
		expect(findEvidence(other, key)?.item).toBe(allEvidence(other)[0]!.item)
		expect(findEvidence(other, key)?.item).not.toBe(findEvidence(sampleNormSet, key)?.item)
	})
})
