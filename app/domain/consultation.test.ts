import { describe, expect, test } from 'vitest'
import { amsterdamInstant } from './amsterdam-time.ts'
import {
	allTargets,
	buildChangesDocument,
	consultationPhase,
	isConsultationOpen,
	isReminderDue,
	normTitleTable,
	resolveTarget,
	summariseRatings,
	targetKey,
	validateWindow,
} from './consultation.ts'
import { AppError } from './errors.ts'
import { diffNormSets } from './norm-set-diff.ts'
import { assertNormSet } from './norm-set.ts'
import normSet2022 from '../../prisma/norm-sets/2022.json' with { type: 'json' }

const set = assertNormSet({ ...normSet2022, year: 2030 })
// The window closes on the last Sunday of March 2030, the day the clocks go forward.
const window = { opensOn: '2030-03-01', closesOn: '2030-03-31' }

describe('the consultation window (Europe/Amsterdam)', () => {
	test('opens at midnight Amsterdam time of the first day', () => {
		expect(isConsultationOpen(window, new Date('2030-02-28T22:59:59.999Z'))).toBe(false)
		expect(isConsultationOpen(window, new Date('2030-02-28T23:00:00.000Z'))).toBe(true)
	})
	test('closes after 23:59:59.999 Amsterdam summer time of the closing day', () => {
		expect(isConsultationOpen(window, new Date('2030-03-31T21:59:59.999Z'))).toBe(true)
		expect(isConsultationOpen(window, new Date('2030-03-31T22:00:00.000Z'))).toBe(false)
	})
	test('phases', () => {
		const at = (iso: string) => new Date(iso)
		expect(consultationPhase({ ...window, adoptedAt: null }, at('2030-02-01T12:00:00Z'))).toBe('scheduled')
		expect(consultationPhase({ ...window, adoptedAt: null }, at('2030-03-15T12:00:00Z'))).toBe('open')
		expect(consultationPhase({ ...window, adoptedAt: null }, at('2030-04-15T12:00:00Z'))).toBe('closed')
		expect(consultationPhase({ ...window, adoptedAt: at('2030-04-20T12:00:00Z') }, at('2030-04-21T12:00:00Z'))).toBe(
			'adopted',
		)
	})
	test('the reminder is due from the start of the day a week before closing', () => {
		expect(isReminderDue(window, amsterdamInstant('2030-03-23', { hour: 23, minute: 59 }))).toBe(false)
		expect(isReminderDue(window, amsterdamInstant('2030-03-24'))).toBe(true)
		expect(isReminderDue(window, amsterdamInstant('2030-04-01'))).toBe(false)
	})
	test('a window that closes before it opens is refused with a code', () => {
		expect(() => validateWindow({ opensOn: '2030-03-10', closesOn: '2030-03-09' })).toThrow(AppError)
		expect(() => validateWindow({ opensOn: '2030-03-10', closesOn: '2030-03-10' })).not.toThrow()
	})
})

describe('points', () => {
	test('every target of the set resolves to itself; unknown keys do not', () => {
		for (const target of allTargets(set)) expect(resolveTarget(set, targetKey(target))).toEqual(target)
		expect(resolveTarget(set, 'criterion:bestaat-niet')).toBeNull()
		expect(resolveTarget(set, 'norm:')).toBeNull()
		expect(resolveTarget(set, 'iets')).toBeNull()
	})
})

describe('ratings', () => {
	test('mean, distribution and the share of low ratings; invalid values are ignored', () => {
		const summary = summariseRatings([
			{ clarity: 1 },
			{ clarity: 2 },
			{ clarity: 5 },
			{ clarity: 7 },
			{ clarity: null },
			{ completeness: 4 },
		])
		expect(summary.clarity).toEqual({ count: 3, mean: 2.7, distribution: [1, 1, 0, 0, 1], lowShare: 2 / 3 })
		expect(summary.completeness.count).toBe(1)
		expect(summary.ambition).toEqual({ count: 0, mean: null, distribution: [0, 0, 0, 0, 0], lowShare: null })
	})
})

describe('the changes document', () => {
	const previous = assertNormSet({ ...normSet2022, year: 2029 })
	const next = structuredClone(set)
	next.themes[0]!.norms[1]!.title = 'Generalistisch, kortdurend behandelen (aangescherpt)'
	const diff = diffNormSets(previous, next)
	const norm = next.themes[0]!.norms[1]!
	const criterion = norm.criteria[0]!

	test('the table pairs each norm with the one it continues', () => {
		const table = normTitleTable(next, { normSet: previous, diff })
		expect(table).toHaveLength(next.themes[0]!.norms.length)
		expect(table[1]).toEqual({
			previous: { code: '2', title: previous.themes[0]!.norms[1]!.title },
			next: { code: '2', title: 'Generalistisch, kortdurend behandelen (aangescherpt)' },
		})
	})

	test('counts reactions per type, puts points under their norm, and quotes only with consent', () => {
		const document = buildChangesDocument({
			normSet: next,
			previous: { year: 2029, normSet: previous, diff },
			adoptedAt: new Date('2030-04-10T08:00:00Z'),
			window,
			organisationsInvited: 400,
			processText: null,
			summary: 'Kortdurend behandelen krijgt een duidelijker plaats.',
			meetings: [{ date: '2030-01-28', title: 'online werkconferentie', participants: 30 }],
			responses: [
				{
					reactorType: 'carrier',
					organisationName: 'Praktijk Noord',
					quoteConsent: true,
					reactions: [
						{ target: `norm:${norm.key}`, text: 'Houd 800 minuten aan.', quoted: true, clarity: 4 },
						{ target: `criterion:${criterion.key}`, text: 'Sessies in plaats van minuten?', quoted: false },
					],
				},
				{
					reactorType: 'organisation',
					organisationName: 'Zorgverzekeraar West',
					quoteConsent: false,
					// Chosen by mistake: without consent it is never quoted.
					reactions: [{ target: `norm:${norm.key}`, text: 'Liever lager.', quoted: true, clarity: 2 }],
				},
			],
			points: [
				{
					target: `criterion:${criterion.key}`,
					consideration: 'Minuten blijven in 2030.',
					decision: 'kept',
					changedText: 'x',
				},
				{
					target: `norm:${norm.key}`,
					consideration: 'De titel is aangescherpt.',
					decision: 'changed',
					changedText: 'Nieuwe titel',
				},
			],
		})
		expect(document.process).toMatchObject({
			reactions: 2,
			reactionsByType: { carrier: 1, organisation: 1, public: 0 },
		})
		const section = document.norms.find((entry) => entry.key === norm.key)!
		expect(section.reactions).toBe(2)
		expect(section.ratings?.clarity).toMatchObject({ count: 2, mean: 3 })
		expect(section.points.map((point) => [point.criterionCode, point.decision, point.changedText])).toEqual([
			[null, 'changed', 'Nieuwe titel'],
			[criterion.code, 'kept', null],
		])
		expect(section.quotes).toEqual([{ organisationName: 'Praktijk Noord', text: 'Houd 800 minuten aan.' }])
		const other = document.norms.find((entry) => entry.key !== norm.key)!
		expect(other).toMatchObject({ reactions: 0, ratings: null, points: [], quotes: [] })
	})
})
