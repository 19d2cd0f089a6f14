import { describe, expect, test } from 'vitest'
import {
	matchesFor,
	type NetworkMember,
	provinceDistanceKm,
	themeMatrix,
	themesOnList,
	withYearThemes,
	networkItems,
} from './network.ts'
import { assertNormSet } from './norm-set.ts'
import normSet2022 from '../../prisma/norm-sets/2022.json' with { type: 'json' }

const member = (id: string, overrides: Partial<NetworkMember> = {}): NetworkMember => ({
	providerId: id,
	name: `Praktijk ${id}`,
	province: 'Utrecht',
	city: 'Utrecht',
	learn: [],
	teach: [],
	shareLearn: true,
	shareTeach: true,
	...overrides,
})

describe('distance between provinces', () => {
	test('zero within a province, symmetric, unknown stays unknown', () => {
		expect(provinceDistanceKm('Utrecht', 'Utrecht')).toBe(0)
		expect(provinceDistanceKm('Utrecht', 'Groningen')).toBe(provinceDistanceKm('Groningen', 'Utrecht'))
		expect(provinceDistanceKm('Utrecht', 'Gelderland')!).toBeLessThan(provinceDistanceKm('Utrecht', 'Groningen')!)
		expect(provinceDistanceKm(null, 'Utrecht')).toBeNull()
	})
})

describe('matches', () => {
	const me = member('me', { learn: ['Groepsbehandeling', 'ROM'], teach: ['Intake'] })
	test('per theme to learn the peers that teach it, ranked by overlap, then distance, then name', () => {
		const peers = [
			me,
			member('far', { province: 'Groningen', teach: ['Groepsbehandeling'] }),
			member('near', { province: 'Utrecht', teach: ['Groepsbehandeling'] }),
			member('both', { province: 'Limburg', teach: ['Groepsbehandeling', 'ROM'] }),
			member('quiet', { teach: ['Groepsbehandeling'], shareTeach: false }),
			member('pupil', { learn: ['Intake'] }),
		]
		const result = matchesFor(me, peers)
		const group = result.find((entry) => entry.theme === 'Groepsbehandeling' && entry.direction === 'learn')!
		expect(group.matches.map((match) => match.providerId)).toEqual(['both', 'near', 'far'])
		expect(group.matches[0]!.overlap).toBe(2)
		const intake = result.find((entry) => entry.theme === 'Intake' && entry.direction === 'teach')!
		expect(intake.matches.map((match) => match.providerId)).toEqual(['pupil'])
		// Never my own match, and never on what a peer does not share.
		expect(
			result
				.flatMap((entry) => entry.matches)
				.some((match) => match.providerId === 'me' || match.providerId === 'quiet'),
		).toBe(false)
	})
})

describe('the theme matrix', () => {
	test('counts asked and offered per theme and province, once per carrier', () => {
		const matrix = themeMatrix(
			['A', 'B'],
			[
				{ province: 'Utrecht', learn: ['A', 'A'], teach: ['B'] },
				{ province: null, learn: ['A'], teach: ['X'] },
			],
		)
		expect(matrix.cells.A!.Utrecht).toEqual({ asked: 1, offered: 0 })
		expect(matrix.cells.A!.unknown).toEqual({ asked: 1, offered: 0 })
		expect(matrix.totals).toEqual({ A: { asked: 2, offered: 0 }, B: { asked: 0, offered: 1 } })
	})
})

describe('the year’s themes in the self-evaluation', () => {
	const set = assertNormSet(normSet2022)
	test('2022 norms 5.2 and 6.2 ask for learn and teach themes', () => {
		expect(networkItems(set)).toEqual([
			{ key: 'learning-themes.themes', direction: 'learn' },
			{ key: 'teaching-themes.themes', direction: 'teach' },
		])
	})
	test('the options become the year’s list; without a list they stay', () => {
		const themed = withYearThemes(set, ['Eén', 'Twee'])
		const items = themed.themes.flatMap((t) => t.norms.flatMap((n) => n.criteria.flatMap((c) => c.evidence)))
		const learn = items.find((item) => item.key === 'learning-themes.themes')
		expect(learn?.kind === 'explanation' && learn.choices?.options).toEqual(['Eén', 'Twee'])
		expect(withYearThemes(set, [])).toBe(set)
	})
	test('chosen themes are kept to the list, in its order', () => {
		expect(themesOnList(['B', 'x', 'A', 'B'], ['A', 'B'])).toEqual(['A', 'B'])
	})
})
