import { describe, expect, test } from 'vitest'
import { sampleNormSet, sampleNormSetJson } from './__fixtures__/norm-sets'
import { assertNormSet } from './norm-set'
import { diffNormSets, diffRounds, prefillAnswers, stableStringify } from './norm-set-diff'
import type { Answers } from './self-evaluation'

describe('diffNormSets', () => {
	test('a set against itself: nothing changed', () => {
		const diff = diffNormSets(sampleNormSet, sampleNormSet)
		expect(diff.norms).toEqual({ added: [], removed: [], changed: [] })
		expect(diff.criteria.changed).toEqual([])
		expect(diff.criteria.unchanged).toHaveLength(7)
	})

	test('renumbering and regrouping is a move, not a change; key order in the file is irrelevant', () => {
		const json = sampleNormSetJson()
		const norm = json.themes[0]!.norms[0]!
		norm.criteria[2]!.code = '1.4'
		Object.assign(norm.criteria[2]!, { guidance: 'Nieuw: een hulptekst.' })
		const next = assertNormSet(json)
		const diff = diffNormSets(sampleNormSet, next)
		expect(diff.criteria.moved).toEqual([
			{
				key: 'a-number',
				previous: { key: 'a-number', code: '1.3', normKey: 'norm-a', normCode: '1' },
				next: { key: 'a-number', code: '1.4', normKey: 'norm-a', normCode: '1' },
				fields: ['code', 'guidance'],
			},
		])
		expect(diff.criteria.changed).toEqual([])
	})

	test('text, frame and evidence changes; added and removed criteria and norms', () => {
		const json = sampleNormSetJson()
		const [normA, normB] = json.themes[0]!.norms
		normA!.criteria[0]!.text = 'Licht uitgebreider toe.'
		normA!.criteria[1]!.assessmentFrame = { met: 'Alles aanwezig.', notMet: 'Iets ontbreekt.' }
		;(normA!.criteria[2]!.evidence[0] as { rule: unknown }).rule = { op: '>=', value: 70, message: 'minimaal 70%' }
		normA!.title = 'Norm A (2031)'
		const renamedB = {
			...normB!,
			key: 'norm-b2',
			code: '4',
			criteria: [{ ...normB!.criteria[0]!, key: 'b-url-2', code: '4.1' }],
		}
		;(json.themes[0] as { norms: unknown[] }).norms = [normA, renamedB]
		const diff = diffNormSets(sampleNormSet, assertNormSet(json))
		expect(diff.criteria.changed.map((c) => [c.key, c.fields])).toEqual([
			['a-explain', ['text']],
			['a-template', ['assessmentFrame']],
			['a-number', ['evidence']],
		])
		expect(diff.criteria.added.map((c) => c.key)).toEqual(['b-url-2'])
		expect(diff.criteria.removed.map((c) => c.key)).toEqual(['b-url', 'c-example', 'c-declare', 'c-themes'])
		expect(diff.norms.changed).toEqual([
			{
				key: 'norm-a',
				previous: { key: 'norm-a', code: '1', title: 'Norm A' },
				next: { key: 'norm-a', code: '1', title: 'Norm A (2031)' },
				fields: ['title', 'criteria'],
				matchedBy: 'key',
			},
			// Issue 16 item 6: norm B under a new key and code, with the same content, is the same norm
			// (changed), not one dropped and one new.
			{
				key: 'norm-b2',
				previous: { key: 'norm-b', code: '2', title: 'Norm B' },
				next: { key: 'norm-b2', code: '4', title: 'Norm B' },
				fields: ['criteria', 'key'],
				matchedBy: 'content',
			},
		])
		expect(diff.norms.added.map((n) => n.key)).toEqual([])
		expect(diff.norms.removed.map((n) => n.key)).toEqual(['norm-c'])
	})

	test('stableStringify ignores key order', () => {
		expect(stableStringify({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(stableStringify({ a: [{ c: 3, d: 2 }], b: 1 }))
	})
})

describe('prefillAnswers', () => {
	const previous: Answers = {
		'a-explain.text': { text: 'Vorig jaar geschreven.', documents: [{ id: 'd1', name: 'bijlage.pdf' }] },
		'a-template.format': {
			documents: [{ id: 'd2', name: 'format.docx' }],
			checkedElements: ['element één', 'element twee'],
		},
		'a-number.value': { number: 72, documents: [] },
		'c-declare.yes': { declared: true, documents: [] },
		'c-themes.choice': { checkedElements: ['x', 'z'], documents: [] },
		'b-url.url': { url: 'https://www.praktijk.nl', checkedElements: ['punt 1'], documents: [] },
	}

	test('carries texts, documents, URLs and ticks that still exist; never numbers or declarations', () => {
		const json = sampleNormSetJson()
		const template = json.themes[0]!.norms[0]!.criteria[1]!.evidence[0] as { requiredElements: string[] }
		template.requiredElements = ['element één', 'element drie']
		const choice = json.themes[0]!.norms[2]!.criteria[2]!.evidence[0] as { choices: { options: string[] } }
		choice.choices.options = ['x', 'y']
		const prefill = prefillAnswers(sampleNormSet, previous, assertNormSet(json))
		expect(prefill.answers).toEqual({
			'a-explain.text': { text: 'Vorig jaar geschreven.', documents: [{ id: 'd1', name: 'bijlage.pdf' }] },
			'a-template.format': { documents: [{ id: 'd2', name: 'format.docx' }], checkedElements: ['element één'] },
			'c-themes.choice': { checkedElements: ['x'], documents: [] },
			'b-url.url': { url: 'https://www.praktijk.nl', checkedElements: ['punt 1'], documents: [] },
		})
		expect(prefill.criteria).toMatchObject({
			'a-explain': 'carried',
			'a-template': 'changed',
			'a-number': 'carried',
			'c-themes': 'changed',
		})
		expect(prefill.dropped).toEqual([])
	})

	test('answers of removed criteria or of a changed kind are dropped and named', () => {
		const json = sampleNormSetJson()
		json.themes[0]!.norms.splice(1, 1) // norm B (the URL) is gone
		const prefill = prefillAnswers(sampleNormSet, previous, assertNormSet(json))
		expect(prefill.dropped).toEqual(['b-url.url'])
	})
})

describe('diffRounds', () => {
	test('per evidence key, for the assessor of a revised round', () => {
		const round1: Answers = {
			'a-explain.text': { text: 'Eerste versie.', documents: [] },
			'a-template.format': { documents: [{ id: 'd1', name: 'v1.docx' }], checkedElements: ['element één'] },
			'a-number.value': { number: 45, documents: [] },
			'c-example.text': { text: 'Blijft gelijk.', documents: [] },
			'c-declare.yes': { declared: false, documents: [] },
		}
		const round2: Answers = {
			'a-explain.text': { text: 'Eerste versie.  ', documents: [] },
			'a-template.format': {
				documents: [{ id: 'd2', name: 'v2.docx' }],
				checkedElements: ['element één', 'element twee'],
			},
			'a-number.value': { number: 62, documents: [] },
			'c-example.text': { text: 'Blijft gelijk.', documents: [] },
			'c-declare.yes': { declared: true, documents: [] },
			'c-themes.choice': { checkedElements: ['x'], documents: [] },
		}
		const diff = diffRounds(round1, round2, sampleNormSet)
		expect(diff.map((d) => [d.key, d.status, d.fields])).toEqual([
			['a-explain.text', 'unchanged', []],
			['a-template.format', 'changed', ['checkedElements', 'documents']],
			['a-number.value', 'changed', ['number']],
			['c-example.text', 'unchanged', []],
			['c-declare.yes', 'added', ['declared']],
			['c-themes.choice', 'added', ['checkedElements']],
		])
		expect(diff[1]?.checked).toEqual({ added: ['element twee'], removed: [] })
		expect(diff[1]?.documents).toEqual({
			added: [{ id: 'd2', name: 'v2.docx' }],
			removed: [{ id: 'd1', name: 'v1.docx' }],
		})
		expect(diffRounds(round2, round1).find((d) => d.key === 'c-themes.choice')?.status).toBe('removed')
	})
})
