import { describe, expect, test } from 'vitest'
import { amsterdamInstant } from './amsterdam-time'
import { nextDeadline } from './next-deadline'
import { yearCalendar } from './calendar'
import {
	emptySnapshot,
	eventForRoundOutcome,
	eventForSampleOutcome,
	isReapplicantFor,
	snapshotProblems,
	startParticipation,
	transition,
} from './participation'
import type { ParticipationEvent, ParticipationSnapshot, TransitionResult } from './participation'
import { certificateStatus, isInRegister, registerStatus, registerWindow } from './register'
import { defaultYearSettings } from './year-settings'
import type { YearSettings } from './year-settings'

const settings = defaultYearSettings(2027)
/** A year that grants 14 days for a revision requested late (DOMAIN.md §3 `revisionGraceDays`). */
const grace: YearSettings = { ...settings, revisionGraceDays: 14 }
const at = (date: string, hour = 0, minute = 0, second = 0, millisecond = 0) =>
	amsterdamInstant(date, { hour, minute, second, millisecond })
const LAST_MOMENT = new Date('2027-03-31T21:59:59.999Z') // 31 March 23:59:59.999 Amsterdam
const FIRST_APRIL = new Date('2027-03-31T22:00:00.000Z') // 1 April 00:00 Amsterdam

function ok(result: TransitionResult) {
	if (!result.ok) throw new Error(`refused: ${result.refusal.code} ${JSON.stringify(result.refusal.params)}`)
	return result
}

function refused(result: TransitionResult) {
	if (result.ok) throw new Error('expected a refusal')
	return result.refusal
}

/** Applies events in order, each at its own time; fails the test on a refusal. */
function run(
	start: ParticipationSnapshot,
	steps: [ParticipationEvent, Date][],
	s: YearSettings = settings,
): ParticipationSnapshot {
	return steps.reduce((snapshot, [event, now]) => ok(transition(snapshot, event, now, s)).next, start)
}

const types = (r: TransitionResult) =>
	r.ok ? r.effects.map((e) => (e.type === 'send_mail' ? `mail:${e.template}` : e.type)) : []

/** An ordinary carrier that signed in November and was listed on 1 January. */
function listedCarrier(s: YearSettings = settings): ParticipationSnapshot {
	return run(
		emptySnapshot('agreement_offered', false),
		[
			[{ type: 'sign_agreement' }, at(`${s.year - 1}-11-15`)],
			[{ type: 'list' }, at(`${s.year}-01-01`)],
		],
		s,
	)
}

function signedReapplicant(): ParticipationSnapshot {
	return run(emptySnapshot('applied', true), [
		[{ type: 'offer_agreement' }, at('2026-09-01')],
		[{ type: 'sign_agreement' }, at('2026-09-10')],
	])
}

describe('starting a participation', () => {
	test('an application inside the window', () => {
		const r = ok(startParticipation({ origin: 'application', isReapplicant: false }, at('2026-06-01'), settings))
		expect(r.next.state).toBe('applied')
		expect(types(r)).toEqual(['mail:application_received'])
	})

	test('an application outside the window is refused with the window', () => {
		const r = refused(startParticipation({ origin: 'application', isReapplicant: true }, at('2026-11-01'), settings))
		expect(r.code).toBe('application_window_closed')
		expect(r.params).toEqual({ year: 2027, opensOn: { date: '2026-06-01' }, closesOn: { date: '2026-10-31' } })
	})

	test('a renewal in May starts with the agreement offered', () => {
		const r = ok(startParticipation({ origin: 'renewal' }, at('2026-05-01'), settings))
		expect(r.next).toEqual(emptySnapshot('agreement_offered', false))
		expect(types(r)).toEqual(['mail:agreement_offered'])
	})
})

describe('agreement and listing', () => {
	test('applied → offered → signed; listed by the 1 January job, not before', () => {
		const signed = run(emptySnapshot('applied', false), [
			[{ type: 'offer_agreement' }, at('2026-06-02')],
			[{ type: 'sign_agreement' }, at('2026-06-10')],
		])
		expect(signed.state).toBe('agreement_signed')
		const early = ok(transition(signed, { type: 'list' }, new Date(at('2027-01-01').getTime() - 1), settings))
		expect(early.changed).toBe(false)
		const listed = ok(transition(signed, { type: 'list' }, at('2027-01-01'), settings))
		expect(listed.next.state).toBe('listed')
		expect(listed.next.listedAt).toEqual(at('2027-01-01'))
		expect(types(listed)).toEqual(['add_to_register', 'mail:listed'])
		expect(isInRegister(listed.next, settings, at('2027-01-01'))).toBe(true)
		// the job is idempotent
		const again = ok(transition(listed.next, { type: 'list' }, at('2027-01-02'), settings))
		expect(again).toEqual({ ok: true, next: listed.next, effects: [], changed: false })
	})

	test('a re-applicant is not listed on 1 January (003 §3.2)', () => {
		const r = ok(transition(signedReapplicant(), { type: 'list' }, at('2027-01-01'), settings))
		expect(r.changed).toBe(false)
		expect(r.next.state).toBe('agreement_signed')
		expect(isInRegister(r.next, settings, at('2027-02-01'))).toBe(false)
	})

	test('signing after 1 January lists an ordinary carrier at once', () => {
		const r = ok(
			transition(emptySnapshot('agreement_offered', false), { type: 'sign_agreement' }, at('2027-01-10'), settings),
		)
		expect(r.next.state).toBe('listed')
		expect(types(r)).toEqual(['mail:agreement_signed', 'add_to_register', 'mail:listed'])
	})

	test('signing after the qualification deadline is refused', () => {
		const r = refused(
			transition(emptySnapshot('agreement_offered', true), { type: 'sign_agreement' }, FIRST_APRIL, settings),
		)
		expect(r.code).toBe('year_closed')
		ok(transition(emptySnapshot('agreement_offered', true), { type: 'sign_agreement' }, LAST_MOMENT, settings))
		expect(
			refused(transition(emptySnapshot('applied', true), { type: 'offer_agreement' }, FIRST_APRIL, settings)).code,
		).toBe('year_closed')
	})

	test('declining before signing is final; after signing it is a withdrawal request', () => {
		const declined = ok(
			transition(emptySnapshot('agreement_offered', false), { type: 'decline_agreement' }, at('2026-06-05'), settings),
		)
		expect(declined.next.state).toBe('agreement_declined')
		expect(refused(transition(declined.next, { type: 'offer_agreement' }, at('2026-06-06'), settings)).code).toBe(
			'final_state',
		)
		const signed = signedReapplicant()
		expect(refused(transition(signed, { type: 'decline_agreement' }, at('2026-09-11'), settings)).code).toBe(
			'already_signed',
		)
	})

	test('events in the wrong state are refused with a Dutch message', () => {
		const r = refused(transition(emptySnapshot('applied', false), { type: 'qualify' }, at('2027-02-01'), settings))
		expect(r).toEqual({
			code: 'wrong_state',
			params: { state: { label: 'states.applied' } },
		})
	})
})

describe('submitting the self-evaluation', () => {
	test('31 March 23:59:59.999 Amsterdam is in time; 1 April 00:00 is not', () => {
		const listed = listedCarrier()
		const inTime = ok(transition(listed, { type: 'submit_self_evaluation' }, LAST_MOMENT, settings))
		expect(inTime.next.state).toBe('submitted')
		expect(inTime.next.roundsSubmitted).toBe(1)
		expect(types(inTime)).toEqual(['freeze_round', 'mail:self_evaluation_received'])
		const late = refused(transition(listed, { type: 'submit_self_evaluation' }, FIRST_APRIL, settings))
		expect(late).toEqual({
			code: 'qualification_closed',
			params: { deadline: { date: '2027-03-31' } },
		})
	})

	test('on the DST switch day (28 March 2027; 29 March 2026) submission is open all day', () => {
		const listed = listedCarrier()
		ok(transition(listed, { type: 'submit_self_evaluation' }, at('2027-03-28', 2, 30), settings))
		ok(transition(listed, { type: 'submit_self_evaluation' }, at('2027-03-28', 23, 59, 59, 999), settings))
		const s2026 = defaultYearSettings(2026)
		const listed2026 = listedCarrier(s2026)
		ok(transition(listed2026, { type: 'submit_self_evaluation' }, new Date('2026-03-29T21:59:59.999Z'), s2026))
		ok(transition(listed2026, { type: 'submit_self_evaluation' }, new Date('2026-03-31T21:59:59.999Z'), s2026))
		expect(
			refused(transition(listed2026, { type: 'submit_self_evaluation' }, new Date('2026-03-31T22:00:00.000Z'), s2026))
				.code,
		).toBe('qualification_closed')
	})

	test('a re-applicant submits before it is listed; not before the self-evaluation opens', () => {
		const signed = signedReapplicant()
		const early = refused(transition(signed, { type: 'submit_self_evaluation' }, at('2026-12-31', 23, 59), settings))
		expect(early.code).toBe('qualification_not_open')
		expect(early.params).toEqual({ opensOn: { date: '2027-01-01' } })
		const r = ok(transition(signed, { type: 'submit_self_evaluation' }, at('2027-02-01'), settings))
		expect(r.next.state).toBe('submitted')
		expect(r.next.listedAt).toBeNull()
	})

	test('an ordinary carrier whose 1 January job has not run yet is listed on submission', () => {
		const signed = run(emptySnapshot('agreement_offered', false), [[{ type: 'sign_agreement' }, at('2026-12-01')]])
		const r = ok(transition(signed, { type: 'submit_self_evaluation' }, at('2027-01-01', 0, 0, 1), settings))
		expect(r.next.state).toBe('submitted')
		expect(r.next.listedAt).toEqual(at('2027-01-01', 0, 0, 1))
		expect(types(r)).toEqual(['add_to_register', 'mail:listed', 'freeze_round', 'mail:self_evaluation_received'])
	})

	test('a second submission waits for the assessment', () => {
		const submitted = run(listedCarrier(), [[{ type: 'submit_self_evaluation' }, at('2027-02-01')]])
		expect(refused(transition(submitted, { type: 'submit_self_evaluation' }, at('2027-02-02'), settings)).code).toBe(
			'awaiting_assessment',
		)
	})
})

describe('003 §3.2: revisions within the qualification period (DOMAIN.md §3)', () => {
	const submitted = (when = at('2027-03-20')) => run(listedCarrier(), [[{ type: 'submit_self_evaluation' }, when]])

	test('by default a revision is due at the qualification deadline, not days after the request', () => {
		const r = ok(transition(submitted(), { type: 'request_revision' }, at('2027-03-25', 11), settings))
		expect(r.next.revisionDueAt).toEqual(LAST_MOMENT)
		expect(refused(transition(r.next, { type: 'submit_self_evaluation' }, FIRST_APRIL, settings)).code).toBe(
			'revision_overdue',
		)
		const withdrawn = ok(transition(r.next, { type: 'revision_overdue' }, at('2027-04-01', 0, 5), settings))
		expect(withdrawn.next.withdrawal?.effectiveAt).toEqual(FIRST_APRIL)
	})

	test('a revision cannot be requested after the deadline without grace: the outcome is not qualified', () => {
		const late = submitted(at('2027-03-31', 22))
		expect(refused(transition(late, { type: 'request_revision' }, at('2027-04-03', 10), settings)).code).toBe(
			'revision_period_over',
		)
		// revisions are left, yet none can be made in time: not qualified is the decision
		const r = ok(transition(late, { type: 'not_qualified' }, at('2027-04-03', 10), settings))
		expect(r.next.withdrawal).toMatchObject({ reason: 'not_qualified_in_time', effectiveAt: at('2027-04-03', 10) })
	})

	test('with revisionGraceDays a late request is due that many days after it', () => {
		const grace = { ...settings, revisionGraceDays: 14 }
		const r = ok(transition(submitted(), { type: 'request_revision' }, at('2027-03-25', 11), grace))
		expect(r.next.revisionDueAt).toEqual(new Date('2027-04-08T21:59:59.999Z'))
	})
})

describe('assessment rounds', () => {
	const submitted = () => run(listedCarrier(), [[{ type: 'submit_self_evaluation' }, at('2027-03-20')]])

	test('a revision is due at the later of the deadline and 14 days after the request (with grace)', () => {
		const r = ok(transition(submitted(), { type: 'request_revision' }, at('2027-03-25', 11), grace))
		expect(r.next).toMatchObject({
			state: 'revision_requested',
			revisionsUsed: 1,
			roundsSubmitted: 1,
			latestRoundOutcome: 'revision_requested',
		})
		const dueAt = new Date('2027-04-08T21:59:59.999Z')
		expect(r.next.revisionDueAt).toEqual(dueAt)
		expect(r.effects).toEqual([
			{ type: 'open_revision_round', round: 2, dueAt },
			{ type: 'send_mail', template: 'revision_requested', dueAt },
		])
	})

	test('a revision response is accepted after 31 March until its own due date', () => {
		const requested = run(submitted(), [[{ type: 'request_revision' }, at('2027-03-25')]], grace)
		const inTime = ok(
			transition(requested, { type: 'submit_self_evaluation' }, at('2027-04-08', 23, 59, 59, 999), grace),
		)
		expect(inTime.next).toMatchObject({ state: 'submitted', roundsSubmitted: 2, revisionDueAt: null })
		const late = refused(transition(requested, { type: 'submit_self_evaluation' }, at('2027-04-09'), grace))
		expect(late).toEqual({
			code: 'revision_overdue',
			params: { dueOn: { date: '2027-04-08' } },
		})
	})

	test('an overdue revision is withdrawn when its own due date passes', () => {
		const requested = run(submitted(), [[{ type: 'request_revision' }, at('2027-03-25')]], grace)
		expect(
			ok(transition(requested, { type: 'revision_overdue' }, at('2027-04-08', 23, 59, 59, 999), grace)).changed,
		).toBe(false)
		// the 1 April run leaves it alone: it submitted in time
		expect(ok(transition(requested, { type: 'deadline_passed' }, FIRST_APRIL, grace)).changed).toBe(false)
		const r = ok(transition(requested, { type: 'revision_overdue' }, at('2027-04-09', 0, 5), grace))
		expect(r.next.state).toBe('withdrawn')
		expect(r.next.withdrawal).toEqual({
			reason: 'not_qualified_in_time',
			effectiveAt: at('2027-04-09'),
			decidedAt: at('2027-04-09', 0, 5),
		})
		expect(types(r)).toEqual(['mail:withdrawal', 'remove_from_register', 'dissolve_agreement'])
		expect(isInRegister(r.next, settings, at('2027-04-08', 23))).toBe(true)
		expect(registerStatus(r.next, settings, at('2027-04-09'))).toMatchObject({
			kind: 'withdrawn',
			since: at('2027-04-09'),
		})
	})

	test('maxRevisions limits the revision rounds (2018: one revised self-evaluation)', () => {
		const second = run(submitted(), [
			[{ type: 'request_revision' }, at('2027-03-21')],
			[{ type: 'submit_self_evaluation' }, at('2027-03-22')],
		])
		expect(refused(transition(second, { type: 'request_revision' }, at('2027-03-23'), settings)).code).toBe(
			'no_revisions_left',
		)
		// with two revisions allowed the second request is fine
		ok(transition(second, { type: 'request_revision' }, at('2027-03-23'), { ...settings, maxRevisions: 2 }))
	})

	test('not qualified after the last revision: withdrawn per 1 April when decided before it', () => {
		const second = run(submitted(), [
			[{ type: 'request_revision' }, at('2027-03-21')],
			[{ type: 'submit_self_evaluation' }, at('2027-03-22')],
		])
		const r = ok(transition(second, { type: 'not_qualified' }, at('2027-03-24'), settings))
		expect(r.next.state).toBe('withdrawn')
		expect(r.next.latestRoundOutcome).toBe('not_qualified')
		expect(r.next.withdrawal?.effectiveAt).toEqual(FIRST_APRIL)
		// still a carrier in the register until 1 April
		expect(isInRegister(r.next, settings, LAST_MOMENT)).toBe(true)
		expect(isInRegister(r.next, settings, FIRST_APRIL)).toBe(false)
		expect(r.effects).toContainEqual({ type: 'remove_from_register', at: FIRST_APRIL })
	})

	test('not qualified decided after 1 April takes effect at the decision', () => {
		const second = run(
			submitted(),
			[
				[{ type: 'request_revision' }, at('2027-03-30')],
				[{ type: 'submit_self_evaluation' }, at('2027-04-10')],
			],
			grace,
		)
		const r = ok(transition(second, { type: 'not_qualified' }, at('2027-04-15', 14), grace))
		expect(r.next.withdrawal?.effectiveAt).toEqual(at('2027-04-15', 14))
	})

	test('not qualified while a revision is still allowed is refused', () => {
		expect(refused(transition(submitted(), { type: 'not_qualified' }, at('2027-03-21'), settings)).code).toBe(
			'revisions_left',
		)
		// maxRevisions 0: the first insufficient round is final
		ok(transition(submitted(), { type: 'not_qualified' }, at('2027-03-21'), { ...settings, maxRevisions: 0 }))
	})

	test('qualify issues a certificate and keeps an ordinary carrier listed', () => {
		const r = ok(transition(submitted(), { type: 'qualify' }, at('2027-03-22'), settings))
		expect(r.next).toMatchObject({ state: 'qualified', qualifiedAt: at('2027-03-22'), latestRoundOutcome: 'qualified' })
		expect(types(r)).toEqual(['issue_certificate', 'mail:qualified'])
		expect(registerStatus(r.next, settings, at('2027-03-23'))).toEqual({
			kind: 'qualified',
			since: at('2027-01-01'),
			qualifiedAt: at('2027-03-22'),
		})
	})

	test('a re-applicant that qualified in time is listed from 1 April (003 §3.3)', () => {
		const qualified = run(signedReapplicant(), [
			[{ type: 'submit_self_evaluation' }, at('2027-02-01')],
			[{ type: 'qualify' }, at('2027-02-15')],
		])
		expect(qualified.listedAt).toEqual(FIRST_APRIL)
		expect(isInRegister(qualified, settings, LAST_MOMENT)).toBe(false)
		expect(isInRegister(qualified, settings, FIRST_APRIL)).toBe(true)
		expect(certificateStatus(qualified, settings, at('2027-03-01'))).toBe('not_yet_valid')
		expect(certificateStatus(qualified, settings, FIRST_APRIL)).toBe('valid')
		// the 1 April run leaves it alone
		expect(ok(transition(qualified, { type: 'deadline_passed' }, FIRST_APRIL, settings)).changed).toBe(false)
	})

	test('a re-applicant qualifying after 1 April (revision in time) is listed from the qualification', () => {
		const qualified = run(
			signedReapplicant(),
			[
				[{ type: 'submit_self_evaluation' }, at('2027-03-30')],
				[{ type: 'request_revision' }, at('2027-03-31')],
				[{ type: 'submit_self_evaluation' }, at('2027-04-12')],
				[{ type: 'qualify' }, at('2027-04-13', 10)],
			],
			grace,
		)
		expect(qualified.listedAt).toEqual(at('2027-04-13', 10))
	})

	test('assessment and sample outcomes map to events', () => {
		expect(eventForRoundOutcome('qualified')).toEqual({ type: 'qualify' })
		expect(eventForRoundOutcome('revision_requested')).toEqual({ type: 'request_revision' })
		expect(eventForRoundOutcome('not_qualified')).toEqual({ type: 'not_qualified' })
		expect(eventForSampleOutcome('confirmed')).toEqual({ type: 'confirm_sample' })
		expect(eventForSampleOutcome('incorrect_qualification')).toEqual({ type: 'incorrect_qualification_found' })
	})
})

describe('the 1 April run', () => {
	test('before 1 April 00:00 it does nothing', () => {
		const r = ok(transition(listedCarrier(), { type: 'deadline_passed' }, LAST_MOMENT, settings))
		expect(r.changed).toBe(false)
	})

	test('withdraws a listed carrier without a submission per 1 April, also when it runs late', () => {
		for (const now of [FIRST_APRIL, at('2027-04-03', 9)]) {
			const r = ok(transition(listedCarrier(), { type: 'deadline_passed' }, now, settings))
			expect(r.next.state).toBe('withdrawn')
			expect(r.next.stateBeforeWithdrawal).toBe('listed')
			expect(r.next.withdrawal).toEqual({ reason: 'not_qualified_in_time', effectiveAt: FIRST_APRIL, decidedAt: now })
			expect(r.effects).toEqual([
				{ type: 'send_mail', template: 'withdrawal', reason: 'not_qualified_in_time', effectiveAt: FIRST_APRIL },
				{ type: 'remove_from_register', at: FIRST_APRIL },
				{ type: 'dissolve_agreement', at: FIRST_APRIL },
			])
			expect(registerStatus(r.next, settings, now)).toEqual({
				kind: 'withdrawn',
				since: FIRST_APRIL,
				reason: 'not_qualified_in_time',
			})
		}
	})

	test('withdraws a signed re-applicant and unsigned offers, without touching the register', () => {
		const r = ok(transition(signedReapplicant(), { type: 'deadline_passed' }, FIRST_APRIL, settings))
		expect(r.next.state).toBe('withdrawn')
		expect(types(r)).toEqual(['mail:withdrawal', 'dissolve_agreement'])
		expect(registerStatus(r.next, settings, FIRST_APRIL)).toEqual({ kind: 'not_listed' })
		const offered = ok(
			transition(emptySnapshot('agreement_offered', false), { type: 'deadline_passed' }, FIRST_APRIL, settings),
		)
		expect(offered.next.state).toBe('withdrawn')
		expect(types(offered)).toEqual(['mail:withdrawal'])
	})

	test('leaves submitted, revision_requested and qualified participations alone and is idempotent', () => {
		const submitted = run(listedCarrier(), [[{ type: 'submit_self_evaluation' }, at('2027-03-31', 23)]])
		expect(ok(transition(submitted, { type: 'deadline_passed' }, FIRST_APRIL, settings)).changed).toBe(false)
		const withdrawn = ok(transition(listedCarrier(), { type: 'deadline_passed' }, FIRST_APRIL, settings)).next
		expect(ok(transition(withdrawn, { type: 'deadline_passed' }, at('2027-04-02'), settings))).toEqual({
			ok: true,
			next: withdrawn,
			effects: [],
			changed: false,
		})
	})
})

describe('sample and withdrawals', () => {
	const qualified = () =>
		run(listedCarrier(), [
			[{ type: 'submit_self_evaluation' }, at('2027-02-01')],
			[{ type: 'qualify' }, at('2027-02-10')],
		])

	test('sampled → confirmed', () => {
		const sampled = ok(transition(qualified(), { type: 'draw_into_sample' }, at('2027-04-10'), settings))
		expect(types(sampled)).toEqual(['mail:sampled', 'plan_interview'])
		const confirmed = ok(transition(sampled.next, { type: 'confirm_sample' }, at('2027-05-10'), settings))
		expect(confirmed.next.state).toBe('confirmed')
		expect(certificateStatus(confirmed.next, settings, at('2027-06-01'))).toBe('valid')
		expect(certificateStatus(confirmed.next, settings, at('2028-01-01'))).toBe('expired')
		expect(registerStatus(confirmed.next, settings, at('2028-01-01')).kind).toBe('expired')
	})

	test('a rejected withdrawal proposal closes the sample as confirmed: the mark stays, no mail', () => {
		const sampled = run(qualified(), [[{ type: 'draw_into_sample' }, at('2027-04-10')]])
		const r = ok(transition(sampled, { type: 'sample_withdrawal_rejected' }, at('2027-05-10'), settings))
		expect(r.next.state).toBe('confirmed')
		expect(r.next.withdrawal).toBeNull()
		expect(types(r)).toEqual([])
		expect(certificateStatus(r.next, settings, at('2027-06-01'))).toBe('valid')
		// Only a carrier in the sample has a sample to close.
		expect(transition(qualified(), { type: 'sample_withdrawal_rejected' }, at('2027-05-10'), settings)).toMatchObject({
			ok: false,
			refusal: { code: 'wrong_state' },
		})
	})

	test('incorrect qualification found in the sample withdraws and revokes the certificate', () => {
		const sampled = run(qualified(), [[{ type: 'draw_into_sample' }, at('2027-04-10')]])
		const r = ok(transition(sampled, { type: 'incorrect_qualification_found' }, at('2027-05-10', 15), settings))
		expect(r.next.withdrawal?.reason).toBe('incorrect_qualification')
		expect(types(r)).toEqual(['mail:withdrawal', 'remove_from_register', 'dissolve_agreement', 'revoke_certificate'])
		expect(certificateStatus(r.next, settings, at('2027-05-11'))).toBe('withdrawn')
	})

	test('incorrect qualification per a chosen date: in the register until then, never backdated', () => {
		const sampled = run(qualified(), [[{ type: 'draw_into_sample' }, at('2027-04-10')]])
		const later = at('2027-06-01')
		const r = ok(
			transition(
				sampled,
				{ type: 'incorrect_qualification_found', effectiveAt: later },
				at('2027-05-10', 15),
				settings,
			),
		)
		expect(r.next.withdrawal).toMatchObject({ reason: 'incorrect_qualification', effectiveAt: later })
		expect(isInRegister(r.next, settings, at('2027-05-31', 23))).toBe(true)
		expect(isInRegister(r.next, settings, later)).toBe(false)
		const backdated = transition(
			sampled,
			{ type: 'incorrect_qualification_found', effectiveAt: at('2027-05-09') },
			at('2027-05-10', 15),
			settings,
		)
		expect(backdated.ok ? null : backdated.refusal.code).toBe('effective_in_past')
		expect(eventForSampleOutcome('incorrect_qualification', later)).toEqual({
			type: 'incorrect_qualification_found',
			effectiveAt: later,
		})
	})

	test('unpaid fee from any non-final state, effective now or later', () => {
		const now = at('2027-06-01', 10)
		const later = at('2027-07-01')
		const r = ok(transition(qualified(), { type: 'withdraw', reason: 'unpaid_fee', effectiveAt: later }, now, settings))
		expect(r.next.state).toBe('withdrawn')
		expect(isInRegister(r.next, settings, at('2027-06-30', 23))).toBe(true)
		expect(isInRegister(r.next, settings, later)).toBe(false)
		ok(transition(emptySnapshot('applied', false), { type: 'withdraw', reason: 'provider_request' }, now, settings))
	})

	test('manual withdrawal rules', () => {
		const now = at('2027-06-01', 10)
		expect(
			refused(
				transition(
					qualified(),
					{ type: 'withdraw', reason: 'unpaid_fee', effectiveAt: at('2027-05-31') },
					now,
					settings,
				),
			).code,
		).toBe('effective_in_past')
		// earlier the same day is fine: the decision of today
		ok(
			transition(qualified(), { type: 'withdraw', reason: 'unpaid_fee', effectiveAt: at('2027-06-01') }, now, settings),
		)
		expect(
			refused(transition(listedCarrier(), { type: 'withdraw', reason: 'incorrect_qualification' }, now, settings)).code,
		).toBe('not_qualified_yet')
		const sneaky = { type: 'withdraw', reason: 'not_qualified_in_time' } as unknown as ParticipationEvent
		expect(refused(transition(listedCarrier(), sneaky, now, settings)).code).toBe('reason_not_allowed')
		const badDate = { type: 'withdraw', reason: 'unpaid_fee', effectiveAt: new Date(Number.NaN) } as const
		expect(refused(transition(listedCarrier(), badDate, now, settings)).code).toBe('invalid_effective_date')
	})

	test('withdrawn is final', () => {
		const withdrawn = ok(
			transition(qualified(), { type: 'withdraw', reason: 'provider_request' }, at('2027-06-01'), settings),
		).next
		for (const event of [
			{ type: 'draw_into_sample' },
			{ type: 'withdraw', reason: 'unpaid_fee' },
			{ type: 'qualify' },
		] as const) {
			expect(refused(transition(withdrawn, event, at('2027-06-02'), settings)).code).toBe('final_state')
		}
	})
})

describe('admin undo of a withdrawal', () => {
	test('restores the state before the withdrawal, audited with a justification', () => {
		const qualified = run(listedCarrier(), [
			[{ type: 'submit_self_evaluation' }, at('2027-02-01')],
			[{ type: 'qualify' }, at('2027-02-10')],
		])
		const withdrawn = ok(
			transition(qualified, { type: 'withdraw', reason: 'unpaid_fee' }, at('2027-06-01'), settings),
		).next
		expect(
			refused(transition(withdrawn, { type: 'undo_withdrawal', justification: '  ' }, at('2027-06-02'), settings)).code,
		).toBe('justification_required')
		const r = ok(
			transition(
				withdrawn,
				{ type: 'undo_withdrawal', justification: 'Betaling was op tijd ontvangen' },
				at('2027-06-02'),
				settings,
			),
		)
		expect(r.next).toEqual(qualified)
		expect(types(r)).toEqual(['mail:withdrawal_undone', 'add_to_register', 'reinstate_certificate'])
	})

	test('only a withdrawn participation can be restored', () => {
		expect(
			refused(transition(listedCarrier(), { type: 'undo_withdrawal', justification: 'x' }, at('2027-02-01'), settings))
				.code,
		).toBe('wrong_state')
	})

	test('an undone 1 April withdrawal is withdrawn again by the next run: the rule still holds', () => {
		const withdrawn = ok(transition(listedCarrier(), { type: 'deadline_passed' }, FIRST_APRIL, settings)).next
		const restored = ok(
			transition(withdrawn, { type: 'undo_withdrawal', justification: 'test' }, at('2027-04-02'), settings),
		).next
		expect(restored.state).toBe('listed')
		expect(ok(transition(restored, { type: 'deadline_passed' }, at('2027-04-03'), settings)).next.state).toBe(
			'withdrawn',
		)
	})
})

describe('robustness', () => {
	test('an invalid clock, snapshot, event or settings is refused, never thrown', () => {
		const listed = listedCarrier()
		expect(refused(transition(listed, { type: 'list' }, new Date(Number.NaN), settings)).code).toBe('invalid_clock')
		expect(
			refused(
				transition({ ...listed, roundsSubmitted: 2 }, { type: 'submit_self_evaluation' }, at('2027-02-01'), settings),
			).code,
		).toBe('invalid_snapshot')
		expect(
			refused(transition(listed, { type: 'dance' } as unknown as ParticipationEvent, at('2027-02-01'), settings)).code,
		).toBe('unknown_event')
		const broken = { ...settings, qualificationDeadline: '31-03-2027' }
		expect(refused(transition(listed, { type: 'submit_self_evaluation' }, at('2027-02-01'), broken)).code).toBe(
			'invalid_settings',
		)
	})

	test('a re-applicant withdrawn before its listing began keeps no window, stays usable, and is listed again when undone', () => {
		// Qualified on 10 March, to be listed from 1 April; found incorrectly qualified in a sample
		// interview on 16 March (the demo's sample drew such a carrier now and then: CI, stop 34).
		const qualified = run(emptySnapshot('agreement_offered', true), [
			[{ type: 'sign_agreement' }, at('2027-01-10')],
			[{ type: 'submit_self_evaluation' }, at('2027-03-01')],
			[{ type: 'qualify' }, at('2027-03-10')],
			[{ type: 'draw_into_sample' }, at('2027-03-11')],
		])
		expect(qualified.listedAt).toEqual(FIRST_APRIL)
		const withdrawn = run(qualified, [
			[{ type: 'incorrect_qualification_found', effectiveAt: at('2027-03-16') }, at('2027-03-16', 13)],
		])
		expect(registerWindow(withdrawn, settings)).toBeNull()
		// As stored: the window's start, of which there is none.
		const stored: ParticipationSnapshot = { ...withdrawn, listedAt: null }
		expect(snapshotProblems(stored)).toEqual([])
		const undone = ok(
			transition(stored, { type: 'undo_withdrawal', justification: 'Bezwaar gegrond' }, at('2027-03-20'), settings),
		).next
		expect(undone.state).toBe(withdrawn.stateBeforeWithdrawal)
		expect(undone.listedAt).toEqual(FIRST_APRIL)
		expect(snapshotProblems(undone)).toEqual([])
		// Not withdrawn, a qualified re-applicant without a listing moment is still inconsistent.
		expect(snapshotProblems({ ...undone, listedAt: null })).toContain('listedAt set iff a re-applicant qualified')
	})

	test('snapshotProblems names what is inconsistent', () => {
		expect(snapshotProblems(listedCarrier())).toEqual([])
		expect(snapshotProblems({ ...emptySnapshot('qualified', false) })).toContain('qualifiedAt set iff qualified')
		expect(snapshotProblems({ ...listedCarrier(), isReapplicant: true })).toContain(
			're-applicant listed before qualifying',
		)
	})
})

describe('isReapplicantFor', () => {
	test('the most recent earlier participation ended withdrawn', () => {
		expect(isReapplicantFor([], 2027)).toBe(false)
		expect(isReapplicantFor([{ year: 2026, state: 'withdrawn' }], 2027)).toBe(true)
		expect(
			isReapplicantFor(
				[
					{ year: 2025, state: 'withdrawn' },
					{ year: 2026, state: 'confirmed' },
				],
				2027,
			),
		).toBe(false)
		expect(
			isReapplicantFor(
				[
					{ year: 2025, state: 'withdrawn' },
					{ year: 2026, state: 'agreement_declined' },
				],
				2027,
			),
		).toBe(true)
		expect(isReapplicantFor([{ year: 2027, state: 'withdrawn' }], 2027)).toBe(false)
	})
})

describe('nextDeadline', () => {
	test('per state, with the due day and days left', () => {
		const offered = emptySnapshot('agreement_offered', false)
		expect(nextDeadline(offered, settings, at('2026-12-01'))).toMatchObject({
			kind: 'sign_agreement',
			date: '2026-12-31',
			// Signed by then, an ordinary carrier is listed on 1 January (003 §3.2).
			listingOn: '2027-01-01',
			daysLeft: 30,
			overdue: false,
		})
		expect(nextDeadline(offered, settings, at('2027-01-05'))).toMatchObject({
			kind: 'sign_agreement',
			date: '2027-03-31',
		})
		expect(nextDeadline(offered, settings, at('2027-01-05'))?.listingOn).toBeUndefined()
		expect(nextDeadline(listedCarrier(), settings, at('2027-03-31', 12))).toMatchObject({
			kind: 'submit_self_evaluation',
			dueAt: LAST_MOMENT,
			date: '2027-03-31',
			daysLeft: 0,
			overdue: false,
		})
		expect(nextDeadline(listedCarrier(), settings, FIRST_APRIL)).toMatchObject({ daysLeft: -1, overdue: true })
		const requested = run(
			listedCarrier(),
			[
				[{ type: 'submit_self_evaluation' }, at('2027-03-25')],
				[{ type: 'request_revision' }, at('2027-03-26')],
			],
			grace,
		)
		expect(nextDeadline(requested, grace, at('2027-04-01'))).toMatchObject({
			kind: 'submit_revision',
			date: '2027-04-09',
			daysLeft: 8,
		})
		const qualified = run(requested, [
			[{ type: 'submit_self_evaluation' }, at('2027-04-02')],
			[{ type: 'qualify' }, at('2027-04-03')],
		])
		expect(nextDeadline(qualified, settings, at('2027-04-03'))).toMatchObject({
			kind: 'report_turnover',
			date: '2028-03-01',
		})
		// Once the turnover is reported, nothing is left to do for the year.
		expect(nextDeadline(qualified, settings, at('2028-02-01'), { turnoverReported: true })).toBeNull()
		expect(nextDeadline(emptySnapshot('applied', false), settings, at('2026-07-01'))).toBeNull()
	})

	test('a year with a first-submission deadline asks for that day first, then for the qualification deadline', () => {
		const early = { ...settings, firstSubmissionDeadline: '2027-01-31' }
		expect(nextDeadline(listedCarrier(), early, at('2027-01-31', 23, 59, 59, 999))).toMatchObject({
			kind: 'submit_first_self_evaluation',
			date: '2027-01-31',
			daysLeft: 0,
			overdue: false,
		})
		// Past it the carrier is not withdrawn (DOMAIN.md §3): the deadline that counts is 31 March.
		expect(nextDeadline(listedCarrier(), early, at('2027-02-01'))).toMatchObject({
			kind: 'submit_self_evaluation',
			date: '2027-03-31',
			overdue: false,
		})
		expect(yearCalendar(early).entries.map((entry) => entry.key)).toContain('firstSubmissionDeadline')
		expect(yearCalendar(settings).entries.map((entry) => entry.key)).not.toContain('firstSubmissionDeadline')
	})
})

describe('registerWindow: the register as one query (from ≤ t < until)', () => {
	const iso = (w: ReturnType<typeof registerWindow>) =>
		w && { from: w.from.toISOString(), until: w.until.toISOString(), end: w.end }

	test('a listed carrier without a submission is listed until 1 April', () => {
		expect(iso(registerWindow(listedCarrier(), settings))).toEqual({
			from: '2026-12-31T23:00:00.000Z',
			until: FIRST_APRIL.toISOString(),
			end: { kind: 'withdrawal', reason: 'not_qualified_in_time' },
		})
		// so the public register is right even if the 1 April run is late
		expect(registerStatus(listedCarrier(), settings, at('2027-04-02'))).toEqual({
			kind: 'withdrawn',
			since: FIRST_APRIL,
			reason: 'not_qualified_in_time',
		})
	})

	test('after a submission until the end of the year; a requested revision until its due date', () => {
		const submitted = run(listedCarrier(), [[{ type: 'submit_self_evaluation' }, at('2027-03-20')]])
		expect(iso(registerWindow(submitted, settings))).toMatchObject({
			until: '2027-12-31T23:00:00.000Z',
			end: { kind: 'year_end' },
		})
		const requested = run(submitted, [[{ type: 'request_revision' }, at('2027-03-25')]], grace)
		expect(iso(registerWindow(requested, grace))?.until).toBe('2027-04-08T22:00:00.000Z')
	})

	test('a recorded withdrawal ends it; nothing before listing', () => {
		const withdrawn = ok(
			transition(
				listedCarrier(),
				{ type: 'withdraw', reason: 'provider_request', effectiveAt: at('2027-02-01') },
				at('2027-01-20'),
				settings,
			),
		).next
		expect(iso(registerWindow(withdrawn, settings))).toEqual({
			from: '2026-12-31T23:00:00.000Z',
			until: at('2027-02-01').toISOString(),
			end: { kind: 'withdrawal', reason: 'provider_request' },
		})
		expect(registerWindow(signedReapplicant(), settings)).toBeNull()
		expect(registerWindow(emptySnapshot('applied', false), settings)).toBeNull()
	})
})

describe('issue 16 item 13: an application with the agreement offered at once', () => {
	test('starts offered with one message (application received, agreement ready)', () => {
		const r = ok(
			startParticipation(
				{ origin: 'application', isReapplicant: false, offerAgreement: true },
				at('2026-07-01', 10),
				settings,
			),
		)
		expect(r.next.state).toBe('agreement_offered')
		expect(types(r)).toEqual(['mail:application_received'])
	})
})
