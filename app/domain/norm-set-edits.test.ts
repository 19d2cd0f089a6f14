import { describe, expect, test } from 'vitest'
import { sampleNormSet } from './__fixtures__/norm-sets'
import { parseNormSet } from './norm-set'
import { addNorm, assignKeys, editTheme, findNorm, freeKey, keysOf, replaceNorm } from './norm-set-edits'

const text = {
	title: (code: string) => `N ${code}`,
	explanation: 'e',
	criterionText: 'c',
	frameMet: 'm',
	frameNotMet: 'n',
	evidenceLabel: 'l',
}

describe('norm-set edits', () => {
	test('a free key never collides, and the result is still a valid set', () => {
		expect(freeKey('a', new Set(['a', 'a-2']))).toBe('a-3')
		const added = addNorm(sampleNormSet, sampleNormSet.themes[0]!.key, text)!
		expect(added.norm.code).toBe(String(sampleNormSet.themes.flatMap((t) => t.norms).length + 1))
		expect(new Set(keysOf(added.set)).size).toBe(keysOf(added.set).length)
		expect(parseNormSet(added.set)).toMatchObject({ ok: true })
		expect(addNorm(sampleNormSet, 'no-such-theme', text)).toBeNull()
	})

	test('new criteria and evidence items get keys; existing keys stay', () => {
		const norm = sampleNormSet.themes[0]!.norms[0]!
		const grown = {
			...norm,
			criteria: [
				...norm.criteria,
				{
					...norm.criteria[0]!,
					key: '',
					code: `${norm.code}.9`,
					evidence: [{ ...norm.criteria[0]!.evidence[0]!, key: '' }],
				},
			],
		}
		const keyed = assignKeys(sampleNormSet, grown)
		expect(keyed.criteria.slice(0, -1)).toEqual(norm.criteria)
		const added = keyed.criteria.at(-1)!
		expect(added.key).toBe(`${norm.key}-criterium-${norm.criteria.length + 1}`)
		expect(added.evidence[0]!.key).toBe(`${added.key}-toelichting`)
		const set = replaceNorm(sampleNormSet, norm.key, keyed)
		expect(findNorm(set, norm.key)).toEqual(keyed)
		expect(parseNormSet(set)).toMatchObject({ ok: true })
	})

	test('themes are retitled; an empty introduction is removed; a norm can go', () => {
		const theme = sampleNormSet.themes[0]!
		const edited = editTheme(sampleNormSet, theme.key, { title: 'Nieuw', introduction: '' })
		expect(edited.themes[0]).toMatchObject({ title: 'Nieuw', introduction: undefined })
		const norm = theme.norms[0]!
		expect(findNorm(replaceNorm(sampleNormSet, norm.key, null), norm.key)).toBeUndefined()
	})
})
