import { describe, expect, test } from 'vitest'
import { compareEvidence, compareRounds, type TextPart, wordDiff } from './round-comparison'
import type { Answers } from './self-evaluation'

const render = (parts: TextPart[]) =>
	parts
		.map((part) => (part.kind === 'same' ? part.text : part.kind === 'added' ? `[+${part.text}]` : `[-${part.text}]`))
		.join('')

describe('wordDiff', () => {
	test('marks whole words that were added and removed, and keeps the rest', () => {
		const parts = wordDiff(
			'Wij bespreken de wachttijd met de cliënt.',
			'Wij bespreken de wachttijd schriftelijk met de cliënt en de huisarts.',
		)
		expect(render(parts)).toBe('Wij bespreken de wachttijd [+schriftelijk ]met de cliënt [+en de huisarts].')
		expect(render(wordDiff('Wij bespreken de wachttijd.', 'Wij bespreken de termijn.'))).toBe(
			'Wij bespreken de [-wachttijd][+termijn].',
		)
		// A changed word is one removal and one addition, never half a word.
		for (const part of parts.filter((p) => p.kind !== 'same')) expect(part.text.trim()).toMatch(/^\S(.*\S)?$/)
	})

	test('the new text is the same and added parts, the old text the same and removed parts', () => {
		const before = 'Eerste regel.\nTweede regel met een fout.\n\nDerde alinea.'
		const after = 'Eerste regel.\nTweede regel zonder fout, verbeterd.\n\nDerde alinea, aangevuld.'
		const parts = wordDiff(before, after)
		const join = (keep: TextPart['kind']) =>
			parts
				.filter((part) => part.kind === 'same' || part.kind === keep)
				.map((part) => part.text)
				.join('')
		expect(join('added').replace(/\s+/g, ' ')).toBe(after.replace(/\s+/g, ' '))
		expect(join('removed').replace(/\s+/g, ' ')).toBe(before.replace(/\s+/g, ' '))
		// Adjacent parts never have the same kind.
		for (let i = 1; i < parts.length; i++) expect(parts[i]?.kind).not.toBe(parts[i - 1]?.kind)
	})

	test('equal texts are one unchanged part; from or to empty is one addition or removal', () => {
		expect(wordDiff('Gelijk.', 'Gelijk.')).toEqual([{ kind: 'same', text: 'Gelijk.' }])
		expect(wordDiff('', '')).toEqual([])
		expect(wordDiff('', 'Nieuw antwoord.')).toEqual([{ kind: 'added', text: 'Nieuw antwoord.' }])
		expect(wordDiff('Oud antwoord.', '')).toEqual([{ kind: 'removed', text: 'Oud antwoord.' }])
	})

	test('two long unrelated texts are shown as replaced whole', () => {
		const before = Array.from({ length: 3000 }, (_, i) => `oud${i}`).join(' ')
		const after = Array.from({ length: 3000 }, (_, i) => `nieuw${i}`).join(' ')
		expect(wordDiff(before, after)).toEqual([
			{ kind: 'removed', text: before },
			{ kind: 'added', text: after },
		])
	})
})

describe('compareEvidence', () => {
	test('numbers, web addresses, ticks and documents: what changed and what stayed', () => {
		const comparison = compareEvidence(
			'a.format',
			{
				number: 45,
				url: 'https://example.nl/a',
				checkedElements: ['een', 'twee'],
				documents: [
					{ id: 'd1', name: 'plan-v1.pdf' },
					{ id: 'd3', name: 'bijlage.pdf' },
				],
			},
			{
				number: 62,
				url: 'https://example.nl/a',
				checkedElements: ['twee', 'drie'],
				documents: [
					{ id: 'd3', name: 'bijlage.pdf' },
					{ id: 'd2', name: 'plan-v2.pdf' },
				],
			},
		)
		expect(comparison.status).toBe('changed')
		expect(comparison.fields).toEqual(['number', 'checkedElements', 'documents'])
		expect(comparison.number).toEqual({ before: 45, after: 62, changed: true })
		expect(comparison.url).toEqual({ before: 'https://example.nl/a', after: 'https://example.nl/a', changed: false })
		expect(comparison.checked).toEqual({ kept: ['twee'], added: ['drie'], removed: ['een'] })
		expect(comparison.documents).toEqual({
			kept: [{ id: 'd3', name: 'bijlage.pdf' }],
			added: [{ id: 'd2', name: 'plan-v2.pdf' }],
			removed: [{ id: 'd1', name: 'plan-v1.pdf' }],
		})
		expect(comparison.text).toBeNull()
		expect(comparison.declared).toBeNull()
	})

	test('whitespace around a text is no change', () => {
		const comparison = compareEvidence(
			'a.text',
			{ text: 'Zelfde.', documents: [] },
			{ text: 'Zelfde.  ', documents: [] },
		)
		expect(comparison.status).toBe('unchanged')
		expect(comparison.text?.every((part) => part.kind === 'same')).toBe(true)
	})
})

describe('compareRounds', () => {
	const criteria = [
		{ key: 'c1', evidenceKeys: ['c1.text'] },
		{ key: 'c2', evidenceKeys: ['c2.text', 'c2.number'] },
		{ key: 'c3', evidenceKeys: ['c3.text'] },
		{ key: 'c4', evidenceKeys: ['c4.text'] },
	]
	const previousAnswers: Answers = {
		'c1.text': { text: 'Wij overleggen met de huisarts.', documents: [] },
		'c2.text': { text: 'Blijft gelijk.', documents: [] },
		'c2.number': { number: 40, documents: [] },
		'c3.text': { text: 'Ongewijzigd maar onvoldoende.', documents: [] },
		'c4.text': { text: 'Ongewijzigd en voldoende.', documents: [] },
	}
	const answers: Answers = {
		...previousAnswers,
		'c1.text': { text: 'Wij overleggen schriftelijk met de huisarts.', documents: [] },
		'c2.number': { number: 65, documents: [] },
	}
	const comparison = compareRounds({
		criteria,
		previousAnswers,
		answers,
		previousVerdicts: {
			c1: { verdict: 'insufficient', feedback: 'Hoe legt u dit vast?' },
			c2: { verdict: 'insufficient', feedback: 'Het percentage is te laag.' },
			c3: { verdict: 'insufficient', feedback: 'Onvoldoende uitgewerkt.' },
			c4: { verdict: 'sufficient', feedback: '' },
		},
	})

	test('per criterion: changed or not, with the previous verdict and feedback', () => {
		expect(comparison.map((c) => [c.key, c.changed, c.previous?.verdict])).toEqual([
			['c1', true, 'insufficient'],
			['c2', true, 'insufficient'],
			['c3', false, 'insufficient'],
			['c4', false, 'sufficient'],
		])
		expect(comparison[0]?.previous?.feedback).toBe('Hoe legt u dit vast?')
		expect(render(comparison[0]?.evidence[0]?.text ?? [])).toContain('[+schriftelijk ]')
		expect(comparison[1]?.summary).toEqual({
			changedItems: 1,
			numbersChanged: 1,
			documentsAdded: 0,
			documentsRemoved: 0,
		})
	})

	test('only unchanged criteria that were sufficient are folded away', () => {
		expect(comparison.filter((c) => c.collapsed).map((c) => c.key)).toEqual(['c4'])
	})

	test('a criterion without a previous verdict (an alternative not needed) stays open', () => {
		const [only] = compareRounds({
			criteria: [{ key: 'c4', evidenceKeys: ['c4.text'] }],
			previousAnswers,
			answers,
			previousVerdicts: {},
		})
		expect(only?.previous).toBeNull()
		expect(only?.collapsed).toBe(false)
	})
})
