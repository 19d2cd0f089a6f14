import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { startOfDay } from './amsterdam-time'
import { listingAt, qualificationDeadlineAt, withdrawalAt, yearEndAt } from './calendar'
import { snapshotProblems, startParticipation, transition } from './participation'
import type { ParticipationEvent, ParticipationSnapshot, TransitionResult } from './participation'
import { QUALIFIED_STATES } from './participation-states'
import { isInRegister, registerStatus, registerWindow } from './register'
import { PARTICIPATION_STATES, ROUND_OUTCOMES, WITHDRAWAL_REASONS } from './types'
import { defaultYearSettings } from './year-settings'
import type { YearSettings } from './year-settings'

// Properties of the participation state machine (issue 3). How they treat the admin undo:
// - "no invalid state" and "never throws" include undo events: an undo must also yield a valid state;
// - "never listed again after a withdrawal" excludes them: the undo is the one audited exception;
// - "qualified has an assessment" includes them (an undo restores the assessment with the state).

// FC_MULTIPLIER=20 npx vitest run … runs every property 20 times as often (a deeper, slower check).
const runs = (n: number) => n * Number(process.env.FC_MULTIPLIER ?? 1)

const HOUR = 3_600_000
const DAY = 24 * HOUR
const settingsArb: fc.Arbitrary<YearSettings> = fc
	.record({
		year: fc.integer({ min: 2019, max: 2031 }),
		maxRevisions: fc.integer({ min: 0, max: 3 }),
		revisionGraceDays: fc.integer({ min: 0, max: 30 }),
	})
	.map(({ year, ...rest }) => ({ ...defaultYearSettings(year), ...rest }))

const REASONS = ['unpaid_fee', 'incorrect_qualification', 'provider_request'] as const

const ALL_EVENT_TYPES = [
	'offer_agreement',
	'sign_agreement',
	'decline_agreement',
	'list',
	'submit_self_evaluation',
	'request_revision',
	'qualify',
	'not_qualified',
	'draw_into_sample',
	'confirm_sample',
	'incorrect_qualification_found',
	'sample_withdrawal_rejected',
	'withdraw',
	'deadline_passed',
	'revision_overdue',
	'undo_withdrawal',
] as const
type EventType = (typeof ALL_EVENT_TYPES)[number]

/**
 * Events that make sense in a state, so random sequences walk deep into the cycle instead of
 * drowning in refusals. Every step also has a chance to pick any event at all.
 */
const PLAUSIBLE: Record<ParticipationSnapshot['state'], EventType[]> = {
	applied: ['offer_agreement', 'offer_agreement', 'decline_agreement', 'withdraw'],
	agreement_offered: [
		'sign_agreement',
		'sign_agreement',
		'sign_agreement',
		'decline_agreement',
		'withdraw',
		'deadline_passed',
	],
	agreement_signed: ['list', 'submit_self_evaluation', 'submit_self_evaluation', 'deadline_passed', 'withdraw'],
	listed: ['submit_self_evaluation', 'submit_self_evaluation', 'deadline_passed', 'list', 'withdraw'],
	submitted: [
		'request_revision',
		'request_revision',
		'qualify',
		'qualify',
		'not_qualified',
		'deadline_passed',
		'submit_self_evaluation',
	],
	revision_requested: [
		'submit_self_evaluation',
		'submit_self_evaluation',
		'revision_overdue',
		'deadline_passed',
		'withdraw',
	],
	qualified: ['draw_into_sample', 'draw_into_sample', 'withdraw', 'deadline_passed', 'qualify'],
	sampled: ['confirm_sample', 'incorrect_qualification_found', 'sample_withdrawal_rejected', 'withdraw'],
	confirmed: ['withdraw', 'deadline_passed', 'list'],
	withdrawn: ['undo_withdrawal', 'deadline_passed', 'revision_overdue', 'list', 'submit_self_evaluation'],
	agreement_declined: ['offer_agreement', 'sign_agreement', 'undo_withdrawal'],
}

interface Step {
	pick: number
	anyEvent: boolean
	reason: (typeof REASONS)[number]
	effectiveOffset: number | null
	/** Clock movement: a plain advance, or a jump to just around a key moment of the year. */
	clock: { kind: 'advance'; ms: number } | { kind: 'jump'; to: number; delta: -1 | 0 | 1 }
}

const stepArb: fc.Arbitrary<Step> = fc.record({
	pick: fc.nat(),
	anyEvent: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
	reason: fc.constantFrom(...REASONS),
	effectiveOffset: fc.option(fc.integer({ min: -2 * DAY, max: 60 * DAY }), { nil: null }),
	clock: fc.oneof(
		{
			weight: 6,
			arbitrary: fc
				.oneof(
					fc.integer({ min: 0, max: 2 }),
					fc.integer({ min: 0, max: 6 * HOUR }),
					fc.integer({ min: 0, max: 25 * DAY }),
				)
				.map((ms) => ({ kind: 'advance' as const, ms })),
		},
		{
			weight: 3,
			arbitrary: fc.record({
				kind: fc.constant('jump' as const),
				to: fc.integer({ min: 0, max: 4 }),
				delta: fc.constantFrom(-1 as const, 0 as const, 1 as const),
			}),
		},
	),
})

interface Scenario {
	settings: YearSettings
	startAt: Date
	origin: 'renewal' | 'application'
	isReapplicant: boolean
	steps: Step[]
}

const scenarioArb = (withUndo: boolean) =>
	fc
		.record({
			settings: settingsArb,
			origin: fc.constantFrom('renewal' as const, 'application' as const),
			isReapplicant: fc.boolean(),
			startOffset: fc.integer({ min: 0, max: 150 * DAY }),
			steps: fc.array(stepArb, { maxLength: 40 }),
		})
		.map(({ settings, origin, isReapplicant, startOffset, steps }): Scenario => ({
			settings,
			origin,
			isReapplicant,
			// renewals start in May, applications inside the window (June–October)
			startAt: new Date(
				startOfDay(origin === 'renewal' ? settings.agreementsOfferedOn : settings.applicationOpensOn).getTime() +
					startOffset,
			),
			steps,
		}))
		.map((scenario) => ({ ...scenario, withUndo }))

interface Trace {
	settings: YearSettings
	states: { snapshot: ParticipationSnapshot; at: Date; result?: TransitionResult; event?: ParticipationEvent }[]
}

function chooseEvent(step: Step, snapshot: ParticipationSnapshot, now: number, withUndo: boolean): ParticipationEvent {
	const choices = (step.anyEvent ? [...ALL_EVENT_TYPES] : PLAUSIBLE[snapshot.state]).filter(
		(type) => withUndo || type !== 'undo_withdrawal',
	)
	const type = choices[step.pick % choices.length] ?? 'list'
	switch (type) {
		case 'withdraw':
			return step.effectiveOffset === null
				? { type, reason: step.reason }
				: { type, reason: step.reason, effectiveAt: new Date(now + step.effectiveOffset) }
		case 'undo_withdrawal':
			return { type, justification: 'Correctie door beheerder' }
		default:
			return { type }
	}
}

function keyMoment(settings: YearSettings, snapshot: ParticipationSnapshot, index: number): number {
	const moments = [
		listingAt(settings),
		qualificationDeadlineAt(settings),
		snapshot.revisionDueAt ?? withdrawalAt(settings),
		yearEndAt(settings),
		// somewhere in the middle of the qualification period
		new Date((listingAt(settings).getTime() + qualificationDeadlineAt(settings).getTime()) / 2),
	]
	return (moments[index] ?? withdrawalAt(settings)).getTime()
}

/** Runs a scenario: refusals leave the snapshot as it was, like a service would. */
function play(scenario: Scenario & { withUndo: boolean }): Trace {
	const { settings } = scenario
	const started = startParticipation(
		scenario.origin === 'renewal'
			? { origin: 'renewal' }
			: { origin: 'application', isReapplicant: scenario.isReapplicant },
		scenario.startAt,
		settings,
	)
	if (!started.ok) throw new Error(`start refused: ${started.refusal.code}`)
	const trace: Trace = { settings, states: [{ snapshot: started.next, at: scenario.startAt }] }
	let snapshot = started.next
	let now = scenario.startAt.getTime()
	for (const step of scenario.steps) {
		now =
			step.clock.kind === 'advance'
				? now + step.clock.ms
				: Math.max(now, keyMoment(settings, snapshot, step.clock.to) + step.clock.delta)
		const at = new Date(now)
		const event = chooseEvent(step, snapshot, now, scenario.withUndo)
		const result = transition(snapshot, event, at, settings)
		if (result.ok) snapshot = result.next
		trace.states.push({ snapshot, at, result, event })
	}
	return trace
}

describe('participation properties', () => {
	test('no event sequence reaches an invalid state (undo included)', () => {
		fc.assert(
			fc.property(scenarioArb(true), (scenario) => {
				const { settings, states } = play(scenario)
				for (const { snapshot, result } of states) {
					expect(snapshotProblems(snapshot)).toEqual([])
					expect(snapshot.revisionsUsed).toBeLessThanOrEqual(settings.maxRevisions)
					if (result?.ok && !result.changed) expect(result.effects).toEqual([])
				}
			}),
			{ numRuns: runs(1000) },
		)
	})

	test('a qualified participation always has a qualifying assessment (undo included)', () => {
		fc.assert(
			fc.property(scenarioArb(true), (scenario) => {
				for (const { snapshot } of play(scenario).states) {
					const effective = snapshot.state === 'withdrawn' ? snapshot.stateBeforeWithdrawal : snapshot.state
					if (effective && QUALIFIED_STATES.includes(effective)) {
						expect(snapshot.latestRoundOutcome).toBe('qualified')
						expect(snapshot.qualifiedAt).not.toBeNull()
						expect(snapshot.roundsSubmitted).toBeGreaterThanOrEqual(1)
					}
				}
			}),
			{ numRuns: runs(300) },
		)
	})

	test('a withdrawn participation is never listed again in the same year (without undo)', () => {
		fc.assert(
			fc.property(
				scenarioArb(false),
				fc.array(fc.integer({ min: 0, max: 400 * DAY }), { maxLength: 5 }),
				(scenario, probes) => {
					const { settings, states } = play(scenario)
					let withdrawnSince: number | null = null
					for (const { snapshot, at } of states) {
						if (withdrawnSince === null && snapshot.state === 'withdrawn') {
							withdrawnSince = snapshot.withdrawal!.effectiveAt.getTime()
						}
						if (withdrawnSince === null) continue
						expect(snapshot.state).toBe('withdrawn')
						for (const t of [at.getTime(), withdrawnSince, ...probes.map((p) => withdrawnSince! + p)]) {
							if (t >= withdrawnSince) expect(isInRegister(snapshot, settings, new Date(t))).toBe(false)
						}
					}
				},
			),
			{ numRuns: runs(400) },
		)
	})

	test('register membership follows the rules of 003 §3.2/§3.3', () => {
		fc.assert(
			fc.property(scenarioArb(false), (scenario) => {
				const { settings, states } = play(scenario)
				for (const { snapshot, at } of states) {
					if (!isInRegister(snapshot, settings, at)) continue
					// nobody is in the register before 1 January …
					expect(at.getTime()).toBeGreaterThanOrEqual(listingAt(settings).getTime())
					// … and a re-applicant only after qualifying, from 1 April
					if (snapshot.isReapplicant) {
						expect(snapshot.qualifiedAt).not.toBeNull()
						expect(at.getTime()).toBeGreaterThanOrEqual(withdrawalAt(settings).getTime())
					}
					// after 1 April only participations that submitted in time are still listed
					if (at.getTime() >= withdrawalAt(settings).getTime()) expect(snapshot.roundsSubmitted).toBeGreaterThan(0)
				}
			}),
			{ numRuns: runs(300) },
		)
	})

	test('the 1 April run is idempotent and independent of when it runs', () => {
		fc.assert(
			fc.property(
				scenarioArb(true),
				fc.integer({ min: 0, max: 10 * DAY }),
				fc.integer({ min: 0, max: 10 * DAY }),
				(scenario, delay1, delay2) => {
					const { settings, states } = play(scenario)
					const snapshot = states.at(-1)!.snapshot
					const moment = withdrawalAt(settings).getTime()
					const first = new Date(Math.max(moment, states.at(-1)!.at.getTime()) + delay1)
					const once = transition(snapshot, { type: 'deadline_passed' }, first, settings)
					expect(once.ok).toBe(true)
					if (!once.ok) return
					const twice = transition(once.next, { type: 'deadline_passed' }, new Date(first.getTime() + delay2), settings)
					expect(twice).toEqual({ ok: true, next: once.next, effects: [], changed: false })
					// after the run nobody without a submission is left open
					expect(['applied', 'agreement_offered', 'agreement_signed', 'listed']).not.toContain(once.next.state)
					// the withdrawal takes effect on 1 April, whenever the run happens
					if (once.changed) expect(once.next.withdrawal?.effectiveAt.getTime()).toBe(moment)
				},
			),
			{ numRuns: runs(300) },
		)
	})

	test('a sweep never refuses a valid snapshot', () => {
		fc.assert(
			fc.property(
				scenarioArb(true),
				fc.constantFrom('list' as const, 'deadline_passed' as const, 'revision_overdue' as const),
				fc.integer({ min: -400 * DAY, max: 400 * DAY }),
				(scenario, type, offset) => {
					const { settings, states } = play(scenario)
					const last = states.at(-1)!
					expect(transition(last.snapshot, { type }, new Date(last.at.getTime() + offset), settings).ok).toBe(true)
				},
			),
			{ numRuns: runs(200) },
		)
	})

	test('transition never throws, whatever it is given', () => {
		const anyDate = fc.oneof(
			fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z') }),
			fc.constant(new Date(Number.NaN)),
		)
		const rawSnapshot = fc.record({
			state: fc.oneof(fc.constantFrom(...PARTICIPATION_STATES), fc.string()),
			isReapplicant: fc.oneof(fc.boolean(), fc.constant(null)),
			listedAt: fc.option(anyDate),
			roundsSubmitted: fc.oneof(fc.integer({ min: -1, max: 4 }), fc.double()),
			revisionsUsed: fc.integer({ min: -1, max: 4 }),
			revisionDueAt: fc.option(anyDate),
			latestRoundOutcome: fc.option(fc.oneof(fc.constantFrom(...ROUND_OUTCOMES), fc.string())),
			qualifiedAt: fc.option(anyDate),
			withdrawal: fc.option(
				fc.record({
					reason: fc.oneof(fc.constantFrom(...WITHDRAWAL_REASONS), fc.string()),
					effectiveAt: anyDate,
					decidedAt: anyDate,
				}),
			),
			stateBeforeWithdrawal: fc.option(fc.oneof(fc.constantFrom(...PARTICIPATION_STATES), fc.string())),
		})
		const rawEvent = fc.oneof(
			fc
				.tuple(stepArb, fc.constantFrom(...PARTICIPATION_STATES))
				.map(([step, state]) =>
					chooseEvent(
						{ ...step, anyEvent: true },
						{ state } as ParticipationSnapshot,
						Date.parse('2027-03-31T22:00:00Z'),
						true,
					),
				),
			fc.record({ type: fc.string(), reason: fc.string() }),
			fc.record({ type: fc.constant('withdraw'), reason: fc.string(), effectiveAt: anyDate }),
			fc.record({ type: fc.constant('undo_withdrawal'), justification: fc.option(fc.string()) }),
			fc.constant(null),
		)
		const rawSettings = fc.oneof(
			settingsArb,
			settingsArb.map((s) => ({ ...s, qualificationDeadline: 'nope' })),
			settingsArb.map((s) => ({ ...s, revisionGraceDays: 1.5 })),
		)
		fc.assert(
			fc.property(rawSnapshot, rawEvent, anyDate, rawSettings, (snapshot, event, now, settings) => {
				expect(() =>
					transition(
						snapshot as unknown as ParticipationSnapshot,
						event as unknown as ParticipationEvent,
						now,
						settings,
					),
				).not.toThrow()
			}),
			{ numRuns: runs(2000) },
		)
	})

	test('isInRegister follows the rules of the register, checked against an independent reading', () => {
		fc.assert(
			fc.property(
				scenarioArb(true),
				fc.array(fc.integer({ min: -100 * DAY, max: 400 * DAY }), { maxLength: 8 }),
				(scenario, offsets) => {
					const { settings, states } = play(scenario)
					for (const { snapshot, at } of states) {
						for (const t of [at.getTime(), ...offsets.map((o) => at.getTime() + o)]) {
							const instant = new Date(t)
							expect(isInRegister(snapshot, settings, instant)).toBe(inRegisterByTheRules(snapshot, settings, instant))
							const status = registerStatus(snapshot, settings, instant)
							if (status.kind === 'listed' || status.kind === 'qualified')
								expect(status.since.getTime()).toBeLessThanOrEqual(t)
						}
					}
				},
			),
			{ numRuns: runs(200) },
		)
	})

	test('the stored register window answers what the rules of the register say', () => {
		fc.assert(
			fc.property(
				scenarioArb(true),
				fc.array(fc.integer({ min: -100 * DAY, max: 400 * DAY }), { maxLength: 8 }),
				(scenario, offsets) => {
					const { settings, states } = play(scenario)
					for (const { snapshot, at } of states) {
						const window = registerWindow(snapshot, settings)
						const probes = [at.getTime(), ...offsets.map((o) => at.getTime() + o)]
						if (window) probes.push(window.from.getTime(), window.until.getTime() - 1, window.until.getTime())
						for (const t of probes) {
							const inWindow = window !== null && t >= window.from.getTime() && t < window.until.getTime()
							expect(inWindow).toBe(inRegisterByTheRules(snapshot, settings, new Date(t)))
						}
					}
				},
			),
			{ numRuns: runs(300) },
		)
	})
})

/**
 * Whether a participation is in the register at `t`, read from DOMAIN.md §3 and §7 directly — not
 * through registerWindow — so the properties above can catch a mistake in it: in the register from
 * its listing, until the first of the end of the year, a recorded withdrawal, 1 April for a carrier
 * that never submitted, and the due date of a revision that was not submitted.
 */
function inRegisterByTheRules(s: ParticipationSnapshot, settings: YearSettings, t: Date): boolean {
	const state = s.state === 'withdrawn' ? s.stateBeforeWithdrawal : s.state
	const time = t.getTime()
	if (!state || !['listed', 'submitted', 'revision_requested', 'qualified', 'sampled', 'confirmed'].includes(state))
		return false
	if (!s.listedAt || time < s.listedAt.getTime()) return false
	if (time > yearEndAt(settings).getTime()) return false
	if (s.state === 'withdrawn' && s.withdrawal && time >= s.withdrawal.effectiveAt.getTime()) return false
	if (state === 'listed' && time >= withdrawalAt(settings).getTime()) return false
	if (state === 'revision_requested' && s.revisionDueAt && time > s.revisionDueAt.getTime()) return false
	return true
}
