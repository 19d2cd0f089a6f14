import { describe, expect, test } from 'vitest'
import { sampleNormSet } from './__fixtures__/norm-sets'
import { assessmentOutcome } from './assessment'
import type { Verdicts } from './assessment'
import type { Answers } from './self-evaluation'
import type { ProviderProfile } from './types'

const institution: ProviderProfile = { type: 'institution', offersChronicEchelon: false }
const oneRevision = { revisionsUsed: 0, maxRevisions: 1 }
const answers: Answers = {
	'a-explain.text': { text: 'Een toelichting van voldoende lengte.', documents: [] },
	'a-number.value': { number: 45, documents: [] },
	'c-example.text': { text: 'Een concreet voorbeeld.', documents: [] },
	'c-declare.yes': { declared: true, documents: [] },
	'c-themes.choice': { checkedElements: ['y'], documents: [] },
}
const codes = (refs: { code: string }[]) => refs.map((r) => r.code)
const allSufficient: Verdicts = {
	'a-explain': 'sufficient',
	'a-number': 'sufficient',
	'c-example': 'sufficient',
	'c-declare': 'sufficient',
	'c-themes': 'sufficient',
}

describe('assessmentOutcome', () => {
	test('to assess: answered criteria only; an unanswered alternative is left out', () => {
		const outcome = assessmentOutcome(sampleNormSet, institution, answers, {}, oneRevision)
		expect(codes(outcome.toAssess)).toEqual(['1.1', '1.3', '3.1', '3.2', '3.3'])
		expect(outcome.allAssessed).toBe(false)
		expect(outcome.outcome).toBeNull()
		// the ROM-like rule is broken: a hint for the assessor
		expect(codes(outcome.ruleWarnings)).toEqual(['1.3'])
	})

	test('a group where no alternative was answered is assessed in full', () => {
		const { ['a-explain.text']: _, ...without } = answers
		const outcome = assessmentOutcome(sampleNormSet, institution, without, {}, oneRevision)
		expect(codes(outcome.toAssess)).toEqual(['1.1', '1.2', '1.3', '3.1', '3.2', '3.3'])
	})

	test('all sufficient qualifies', () => {
		const outcome = assessmentOutcome(sampleNormSet, institution, answers, allSufficient, oneRevision)
		expect(outcome).toMatchObject({ allAssessed: true, qualifies: true, insufficient: [], outcome: 'qualified' })
	})

	test('an insufficient criterion asks for a revision while one is left, else not qualified', () => {
		const verdicts: Verdicts = { ...allSufficient, 'c-example': 'insufficient' }
		const first = assessmentOutcome(sampleNormSet, institution, answers, verdicts, oneRevision)
		expect(first.outcome).toBe('revision_requested')
		expect(codes(first.insufficient)).toEqual(['3.1'])
		expect(first.unsatisfiedGroups).toEqual([
			{ normCode: '3', group: 1, criteria: [{ key: 'c-example', code: '3.1', normKey: 'norm-c', normCode: '3' }] },
		])
		const last = assessmentOutcome(sampleNormSet, institution, answers, verdicts, { revisionsUsed: 1, maxRevisions: 1 })
		expect(last.outcome).toBe('not_qualified')
		const none = assessmentOutcome(sampleNormSet, institution, answers, verdicts, { revisionsUsed: 0, maxRevisions: 0 })
		expect(none.outcome).toBe('not_qualified')
	})

	test('one sufficient alternative satisfies its group; the others need no verdict', () => {
		const both: Answers = {
			...answers,
			'a-template.format': { documents: [{ id: 'd', name: 'f.pdf' }], checkedElements: ['element één'] },
		}
		const outcome = assessmentOutcome(sampleNormSet, institution, both, allSufficient, oneRevision)
		expect(codes(outcome.toAssess)).toContain('1.2')
		expect(outcome.missingVerdicts).toEqual([])
		expect(outcome.outcome).toBe('qualified')
	})

	test('OR-group with every answered alternative insufficient: the group is unsatisfied, all listed', () => {
		const both: Answers = { ...answers, 'a-template.format': { documents: [{ id: 'd', name: 'f.pdf' }] } }
		const verdicts: Verdicts = { ...allSufficient, 'a-explain': 'insufficient', 'a-template': 'insufficient' }
		const outcome = assessmentOutcome(sampleNormSet, institution, both, verdicts, oneRevision)
		expect(codes(outcome.insufficient)).toEqual(['1.1', '1.2'])
		expect(outcome.outcome).toBe('revision_requested')
	})

	test('a verdict on a criterion that was not to be assessed does not count', () => {
		const verdicts: Verdicts = { ...allSufficient, 'a-explain': 'insufficient', 'a-template': 'sufficient' }
		const outcome = assessmentOutcome(sampleNormSet, institution, answers, verdicts, oneRevision)
		expect(outcome.qualifies).toBe(false)
		expect(codes(outcome.insufficient)).toEqual(['1.1'])
	})

	test('missing verdicts keep the outcome open', () => {
		const { ['c-themes']: _, ...partial } = allSufficient
		const outcome = assessmentOutcome(sampleNormSet, institution, answers, partial, oneRevision)
		expect(codes(outcome.missingVerdicts)).toEqual(['3.3'])
		expect(outcome.outcome).toBeNull()
	})
})
