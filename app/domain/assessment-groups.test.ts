import { describe, expect, test } from 'vitest'
import { normSet2018, answers2018, sampleNormSet } from './__fixtures__/norm-sets'
import { assessmentOutcome } from './assessment'
import { assessmentGroups, fillRemainingSufficient, groupStatus, verdictsNotNeeded } from './assessment-groups'
import type { Answers } from './self-evaluation'
import type { ProviderProfile } from './types'

const institution: ProviderProfile = { type: 'institution', offersChronicEchelon: false }
// Both alternatives of norm 1, group 1 (1.1 of 1.2) answered.
const answers: Answers = {
	'a-explain.text': { text: 'Een toelichting van voldoende lengte.', documents: [] },
	'a-template.format': {
		documents: [{ id: 'd1', name: 'format.pdf' }],
		checkedElements: ['element één', 'element twee'],
	},
	'a-number.value': { number: 75, documents: [] },
	'c-example.text': { text: 'Een concreet voorbeeld.', documents: [] },
	'c-declare.yes': { declared: true, documents: [] },
	'c-themes.choice': { checkedElements: ['y'], documents: [] },
}
const codes = (keys: Iterable<string>) => [...keys].sort()

describe('assessmentGroups', () => {
	test('answered alternatives form one group; each AND-part is a group of its own', () => {
		const groups = assessmentGroups(sampleNormSet, institution, answers)
		expect(groups.map((group) => group.criteria.map((criterion) => criterion.code))).toEqual([
			['1.1', '1.2'],
			['1.3'],
			['3.1'],
			['3.2'],
			['3.3'],
		])
	})

	test('an unanswered alternative is left out; a group without answers keeps all alternatives', () => {
		const { ['a-template.format']: _, ...onlyExplained } = answers
		expect(assessmentGroups(sampleNormSet, institution, onlyExplained)[0]?.criteria.map((c) => c.code)).toEqual(['1.1'])
		const { ['a-explain.text']: __, ...none } = onlyExplained
		expect(assessmentGroups(sampleNormSet, institution, none)[0]?.criteria.map((c) => c.code)).toEqual(['1.1', '1.2'])
	})

	test('the groups hold exactly the criteria assessmentOutcome asks verdicts for', () => {
		const profile: ProviderProfile = { type: 'institution', offersChronicEchelon: true }
		const groups = assessmentGroups(normSet2018, profile, answers2018)
		const outcome = assessmentOutcome(normSet2018, profile, answers2018, {}, { revisionsUsed: 0, maxRevisions: 1 })
		expect(groups.flatMap((group) => group.criteria.map((criterion) => criterion.key))).toEqual(
			outcome.toAssess.map((ref) => ref.key),
		)
	})
})

describe('groupStatus', () => {
	const [either] = assessmentGroups(sampleNormSet, institution, answers)
	if (!either) throw new Error('no group')

	test('sufficient when one alternative is, whatever the other says', () => {
		expect(groupStatus(either, { 'a-template': 'sufficient' })).toBe('sufficient')
		expect(groupStatus(either, { 'a-explain': 'insufficient', 'a-template': 'sufficient' })).toBe('sufficient')
	})

	test('insufficient only when every alternative is; open while one has no verdict', () => {
		expect(groupStatus(either, { 'a-explain': 'insufficient' })).toBe('open')
		expect(groupStatus(either, { 'a-explain': 'insufficient', 'a-template': 'insufficient' })).toBe('insufficient')
		expect(groupStatus(either, {})).toBe('open')
	})

	test('the round outcome agrees: one sufficient alternative satisfies the group, the other needs no verdict', () => {
		const verdicts = {
			'a-template': 'sufficient',
			'a-number': 'sufficient',
			'c-example': 'sufficient',
			'c-declare': 'sufficient',
			'c-themes': 'sufficient',
		} as const
		const groups = assessmentGroups(sampleNormSet, institution, answers)
		expect(codes(verdictsNotNeeded(groups, verdicts))).toEqual(['a-explain'])
		const outcome = assessmentOutcome(sampleNormSet, institution, answers, verdicts, {
			revisionsUsed: 0,
			maxRevisions: 1,
		})
		expect(outcome).toMatchObject({ allAssessed: true, qualifies: true, outcome: 'qualified', insufficient: [] })
	})
})

describe('fillRemainingSufficient ("alle overige voldoende")', () => {
	const groups = assessmentGroups(sampleNormSet, institution, answers)

	test('every criterion without a verdict becomes sufficient; given verdicts stay', () => {
		const filled = fillRemainingSufficient(groups, { 'a-number': 'insufficient', 'c-example': 'insufficient' })
		expect(filled).toEqual({
			'a-explain': 'sufficient',
			'a-template': 'sufficient',
			'a-number': 'insufficient',
			'c-example': 'insufficient',
			'c-declare': 'sufficient',
			'c-themes': 'sufficient',
		})
	})

	test('alternatives of a group that is already sufficient stay without a verdict', () => {
		const filled = fillRemainingSufficient(groups, { 'a-template': 'sufficient' })
		expect(filled['a-explain']).toBeUndefined()
		expect(filled['a-template']).toBe('sufficient')
	})

	test('an insufficient alternative with an unjudged sibling: the sibling becomes sufficient, so the group is', () => {
		const filled = fillRemainingSufficient(groups, { 'a-explain': 'insufficient' })
		expect(filled['a-template']).toBe('sufficient')
		expect(groupStatus(groups[0]!, filled)).toBe('sufficient')
	})

	test('nothing to fill leaves the verdicts equal', () => {
		const all = fillRemainingSufficient(groups, {})
		expect(fillRemainingSufficient(groups, all)).toEqual(all)
	})
})
