import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	minimalAnswer,
	minimalCompleteAnswers,
	normSet2018,
	normSet2022,
	sampleNormSet,
} from './__fixtures__/norm-sets'
import { allEvidence, applicableCriteria, criterionGroups } from './norm-set'
import type { EvidenceItem, NormSet } from './norm-set'
import {
	answersSchema,
	checkCompleteness,
	evidenceIssues,
	hasContent,
	isWebAddress,
	ruleBroken,
} from './self-evaluation'
import type { Answers, EvidenceAnswer } from './self-evaluation'
import { PROVIDER_TYPES } from './types'
import type { ProviderProfile } from './types'

const item = <K extends EvidenceItem['kind']>(key: string) => {
	const found = allEvidence(sampleNormSet).find((e) => e.item.key === key)
	if (!found) throw new Error(key)
	return found.item as Extract<EvidenceItem, { kind: K }>
}
const none: EvidenceAnswer = { documents: [] }
const institution: ProviderProfile = { type: 'institution', offersChronicEchelon: false }

describe('evidenceIssues per kind', () => {
	test('explanation: minimum length after trimming', () => {
		const explanation = item('a-explain.text')
		expect(evidenceIssues(explanation, undefined)).toEqual([{ code: 'text_missing', what: 'explanation' }])
		expect(evidenceIssues(explanation, { text: '   kort   ', documents: [] })).toEqual([
			{ code: 'text_too_short', what: 'explanation', min: 20, length: 4 },
		])
		expect(evidenceIssues(explanation, { text: 'x'.repeat(20), documents: [] })).toEqual([])
	})

	test('explanation with choices: min and max selected, unknown options ignored', () => {
		const choice = item('c-themes.choice')
		const tooFew = { code: 'choices_too_few', label: 'Thema’s', min: 1 }
		expect(evidenceIssues(choice, none)).toEqual([tooFew])
		expect(evidenceIssues(choice, { checkedElements: ['onbekend'], documents: [] })).toEqual([tooFew])
		expect(evidenceIssues(choice, { checkedElements: ['x', 'y', 'z'], documents: [] })).toEqual([
			{ code: 'choices_too_many', label: 'Thema’s', max: 2 },
		])
		expect(evidenceIssues(choice, { checkedElements: ['x', 'x', 'z'], documents: [] })).toEqual([])
	})

	test('template upload: a document and every element ticked', () => {
		const template = item('a-template.format')
		expect(evidenceIssues(template, { checkedElements: ['element één'], documents: [] })).toEqual([
			{ code: 'upload_missing' },
			{ code: 'element_unconfirmed', element: 'element twee' },
		])
		expect(
			evidenceIssues(template, {
				checkedElements: ['element twee', 'element één'],
				documents: [{ id: 'd1', name: 'format.docx' }],
			}),
		).toEqual([])
	})

	test('number: presence, range, decimals; a broken rule is not an issue', () => {
		const number = item<'number'>('a-number.value')
		const label = 'Percentage'
		expect(evidenceIssues(number, none)).toEqual([{ code: 'number_missing', label }])
		expect(evidenceIssues(number, { number: null, documents: [] })).toEqual([{ code: 'number_missing', label }])
		expect(evidenceIssues(number, { number: Number.NaN, documents: [] })).toEqual([{ code: 'number_invalid', label }])
		expect(evidenceIssues(number, { number: 100.5, documents: [] })).toEqual([
			{ code: 'number_above_max', label, max: 100, unit: 'percent' },
		])
		expect(evidenceIssues(number, { number: -1, documents: [] })).toEqual([
			{ code: 'number_below_min', label, min: 0, unit: 'percent' },
		])
		expect(evidenceIssues(number, { number: 12.25, documents: [] })).toEqual([
			{ code: 'number_too_many_decimals', label, decimals: 1 },
		])
		expect(evidenceIssues(number, { number: 0.1 + 0.2, documents: [] })).toEqual([])
		expect(evidenceIssues(number, { number: 45, documents: [] })).toEqual([])
		expect(ruleBroken(number, { number: 45, documents: [] })).toEqual({ op: '>=', value: 60, message: 'minimaal 60%' })
		expect(ruleBroken(number, { number: 60, documents: [] })).toBeNull()
	})

	test('url: an absolute web address and every checklist item ticked', () => {
		const url = item('b-url.url')
		expect(evidenceIssues(url, none)).toEqual([
			{ code: 'url_missing' },
			{ code: 'checklist_unconfirmed', point: 'punt 1' },
			{ code: 'checklist_unconfirmed', point: 'punt 2' },
		])
		expect(evidenceIssues(url, { url: 'praktijk.nl', checkedElements: ['punt 1', 'punt 2'], documents: [] })).toEqual([
			{ code: 'url_invalid' },
		])
		expect(isWebAddress('https://www.praktijk.nl/werkwijze')).toBe(true)
		expect(isWebAddress('http://praktijk.nl')).toBe(true)
		expect(isWebAddress('https://localhost')).toBe(false)
		expect(isWebAddress('ftp://praktijk.nl')).toBe(false)
		expect(isWebAddress('javascript:alert(1)')).toBe(false)
	})

	test('example and declaration', () => {
		expect(evidenceIssues(item('c-example.text'), { text: 'te kort', documents: [] })).toEqual([
			{ code: 'text_too_short', what: 'example', min: 10, length: 7 },
		])
		expect(evidenceIssues(item('c-declare.yes'), { declared: false, documents: [] })).toEqual([
			{ code: 'declaration_unconfirmed', statement: 'Wij verklaren.' },
		])
	})

	test('hasContent', () => {
		expect(hasContent(undefined)).toBe(false)
		expect(hasContent({ text: '   ', documents: [] })).toBe(false)
		expect(hasContent({ declared: false, documents: [] })).toBe(false)
		expect(hasContent({ number: 0, documents: [] })).toBe(true)
		expect(hasContent({ documents: [{ id: '1', name: 'a' }] })).toBe(true)
	})
})

describe('checkCompleteness on the sample set', () => {
	const complete: Answers = {
		'a-explain.text': { text: 'Een toelichting van voldoende lengte.', documents: [] },
		'a-number.value': { number: 72.5, documents: [] },
		'c-example.text': { text: 'Een concreet voorbeeld.', documents: [] },
		'c-declare.yes': { declared: true, documents: [] },
		'c-themes.choice': { checkedElements: ['y'], documents: [] },
	}

	test('complete for an institution; optional items and inapplicable norms do not count', () => {
		const report = checkCompleteness(sampleNormSet, institution, complete)
		expect(report).toMatchObject({ complete: true, missing: [], warnings: [], totals: { required: 5, answered: 5 } })
		expect(report.norms.map((n) => [n.code, n.applicable, n.required, n.answered, n.complete])).toEqual([
			['1', true, 2, 2, true],
			['2', false, 0, 0, true],
			['3', true, 3, 3, true],
		])
	})

	test('an OR-group without any alternative: one message naming the alternatives', () => {
		const { ['a-explain.text']: _, ...rest } = complete
		const report = checkCompleteness(sampleNormSet, institution, rest)
		expect(report.missing).toEqual([
			{
				normCode: '1',
				criterionCodes: ['1.1', '1.2'],
			},
		])
	})

	test('a started alternative adds its own details', () => {
		const report = checkCompleteness(sampleNormSet, institution, {
			...complete,
			'a-explain.text': { text: 'kort', documents: [] },
		})
		expect(report.missing).toEqual([
			{ normCode: '1', criterionCodes: ['1.1', '1.2'] },
			{
				normCode: '1',
				criterionCodes: ['1.1'],
				evidenceKey: 'a-explain.text',
				issue: { code: 'text_too_short', what: 'explanation', min: 20, length: 4 },
			},
		])
	})

	test('the chronic norm and the institution-only criterion follow the profile', () => {
		const chronicPractice: ProviderProfile = { type: 'independent_practice', offersChronicEchelon: true }
		const report = checkCompleteness(sampleNormSet, chronicPractice, complete)
		expect(report.missing.map((m) => [m.normCode, m.criterionCodes, m.issue])).toEqual([
			['2', ['2.1'], { code: 'url_missing' }],
			['2', ['2.1'], { code: 'checklist_unconfirmed', point: 'punt 1' }],
			['2', ['2.1'], { code: 'checklist_unconfirmed', point: 'punt 2' }],
		])
		// 3.2 (institution only) is not asked of a practice
		expect(report.norms[2]).toMatchObject({ required: 2, answered: 2 })
	})

	test('a number below its rule is flagged but does not block submission', () => {
		const report = checkCompleteness(sampleNormSet, institution, {
			...complete,
			'a-number.value': { number: 45, documents: [] },
		})
		expect(report.complete).toBe(true)
		expect(report.warnings).toEqual([
			{
				normCode: '1',
				criterionCode: '1.3',
				evidenceKey: 'a-number.value',
				value: 45,
				unit: 'percent',
				requirement: 'minimaal 60%',
			},
		])
	})
})

describe('completeness properties on the real norm sets', () => {
	const profiles = fc.record({ type: fc.constantFrom(...PROVIDER_TYPES), offersChronicEchelon: fc.boolean() })
	const sets = fc.constantFrom<NormSet>(normSet2018, normSet2022, sampleNormSet)

	test('minimal complete answers are complete; complete ⇔ nothing missing', () => {
		fc.assert(
			fc.property(sets, profiles, (set, profile) => {
				const report = checkCompleteness(set, profile, minimalCompleteAnswers(set))
				expect(report.missing).toEqual([])
				expect(report.complete).toBe(true)
			}),
		)
	})

	test('removing the only alternative of a group makes it incomplete and names that criterion', () => {
		fc.assert(
			fc.property(sets, profiles, fc.nat(), (set, profile, pick) => {
				const singles = applicableCriteria(set, profile).filter(({ norm, criterion }) =>
					criterionGroups(norm, profile).some((g) => g.alternatives.length === 1 && g.alternatives[0] === criterion),
				)
				const target = singles[pick % singles.length]
				if (!target) return
				const answers = minimalCompleteAnswers(set)
				for (const e of target.criterion.evidence) delete answers[e.key]
				const report = checkCompleteness(set, profile, answers)
				expect(report.complete).toBe(false)
				expect(report.missing.every((m) => m.criterionCodes.includes(target.criterion.code))).toBe(true)
			}),
		)
	})

	test('answers to criteria that do not apply never matter', () => {
		fc.assert(
			fc.property(sets, profiles, (set, profile) => {
				const applicable = new Set(
					applicableCriteria(set, profile).flatMap((c) => c.criterion.evidence.map((e) => e.key)),
				)
				const onlyApplicable = Object.fromEntries(
					Object.entries(minimalCompleteAnswers(set)).filter(([key]) => applicable.has(key)),
				)
				expect(checkCompleteness(set, profile, onlyApplicable).complete).toBe(true)
			}),
		)
	})

	test('any single evidence answer, however odd, never throws', () => {
		const answerArb: fc.Arbitrary<EvidenceAnswer> = fc.record(
			{
				text: fc.string(),
				number: fc.oneof(fc.double(), fc.constant(null)),
				url: fc.string(),
				checkedElements: fc.array(fc.string()),
				declared: fc.boolean(),
				documents: fc.array(fc.record({ id: fc.string(), name: fc.string() })),
			},
			{ requiredKeys: ['documents'] },
		)
		const items = allEvidence(normSet2018).map((e) => e.item)
		fc.assert(
			fc.property(fc.constantFrom(...items), answerArb, (evidence, answer) => {
				expect(() => evidenceIssues(evidence, answer)).not.toThrow()
				expect(() => minimalAnswer(evidence)).not.toThrow()
			}),
		)
	})
})

describe('answersSchema', () => {
	test('parses answers as a form would send them, defaulting documents', () => {
		expect(answersSchema.parse({ 'a.b': { text: 'x' } })).toEqual({ 'a.b': { text: 'x', documents: [] } })
		expect(answersSchema.safeParse({ 'a.b': { number: 'veel' } }).success).toBe(false)
	})
})
