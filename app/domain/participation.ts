import { CalendarDateError, amsterdamDateOf, isValidInstant, startOfDay } from './amsterdam-time'
import { deadlineWithdrawalMoment, revisionOverdueMoment } from './automatic-withdrawal'
import {
	canRequestRevision,
	isApplicationWindowOpen,
	listingAt,
	qualificationDeadlineAt,
	reapplicantListingAt,
	revisionDueAt,
	withdrawalAt,
} from './calendar'
import {
	NOT_SUBMITTED_STATES,
	QUALIFIED_STATES,
	REGISTER_STATES,
	SIGNED_STATES,
	UNSIGNED_STATES,
	isFinalState,
} from './participation-states'
import { isInRegister } from './register'
import { type ErrorCode, type ErrorParams, type Refusal, refusal } from './errors'
import { PARTICIPATION_STATES, WITHDRAWAL_REASONS } from './types'
import type { ParticipationSnapshot } from './participation-snapshot'
import type { ParticipationState, RoundOutcome, SampleOutcome, WithdrawalReason } from './types'
import type { YearSettings } from './year-settings'

// One provider's participation in one mark year (DOMAIN.md §4). `transition` is the only place
// where the rules of §3 and §4 decide; the UI, the services and the scheduled jobs all call it.

export type { ParticipationSnapshot, Withdrawal } from './participation-snapshot'

/** The reasons staff may choose by hand; 'not_qualified_in_time' only follows from the rules. */
export type ManualWithdrawalReason = Exclude<WithdrawalReason, 'not_qualified_in_time'>

export type ParticipationEvent =
	| { type: 'offer_agreement' }
	| { type: 'sign_agreement' }
	| { type: 'decline_agreement' }
	/** The 1 January job (a sweep: a no-op where it does not apply). */
	| { type: 'list' }
	| { type: 'submit_self_evaluation' }
	/** Assessment outcome 'revision_requested'; the due date is computed from the settings. */
	| { type: 'request_revision' }
	/** Assessment outcome 'qualified'. */
	| { type: 'qualify' }
	/** Assessment outcome 'not_qualified': the last allowed revision is still insufficient. */
	| { type: 'not_qualified' }
	| { type: 'draw_into_sample' }
	| { type: 'confirm_sample' }
	/** The sample interview found the qualification incorrect; withdrawn per `effectiveAt` (default now). */
	| { type: 'incorrect_qualification_found'; effectiveAt?: Date }
	/**
	 * Four-eyes: a second staff member rejected the withdrawal that the interview's finding proposed.
	 * The mark stays and the sample is done for this carrier, as after a confirming interview.
	 */
	| { type: 'sample_withdrawal_rejected' }
	| { type: 'withdraw'; reason: ManualWithdrawalReason; effectiveAt?: Date }
	/** The 1 April run (a sweep). */
	| { type: 'deadline_passed' }
	/** The daily revision check (a sweep). */
	| { type: 'revision_overdue' }
	/** Audited admin correction: restores the state before the withdrawal. */
	| { type: 'undo_withdrawal'; justification: string }

export type ParticipationEventType = ParticipationEvent['type']

/** Events that scheduled jobs apply to every participation of a year; they never refuse. */
export const SWEEP_EVENTS: readonly ParticipationEventType[] = ['list', 'deadline_passed', 'revision_overdue']

export type MailTemplate =
	| 'application_received'
	| 'agreement_offered'
	| 'agreement_signed'
	| 'listed'
	| 'self_evaluation_received'
	| 'revision_requested'
	| 'qualified'
	| 'sampled'
	| 'withdrawal'
	| 'withdrawal_undone'

/** What the services must do after a transition; descriptive data, never performed here. */
export type Effect =
	| {
			type: 'send_mail'
			template: MailTemplate
			dueAt?: Date
			effectiveAt?: Date
			reason?: WithdrawalReason
	  }
	| { type: 'add_to_register'; at: Date }
	| { type: 'remove_from_register'; at: Date }
	/** The submitted round is frozen: never edited again (DOMAIN.md §5). */
	| { type: 'freeze_round'; round: number }
	/** A revision round starts as a copy of the previous round (DOMAIN.md §5). */
	| { type: 'open_revision_round'; round: number; dueAt: Date }
	| { type: 'issue_certificate' }
	| { type: 'revoke_certificate'; at: Date }
	| { type: 'reinstate_certificate' }
	| { type: 'dissolve_agreement'; at: Date }
	| { type: 'plan_interview' }

/** The codes the state machine refuses with; each has a message `refusals.<code>` in the catalogues. */
export type RefusalCode = Extract<
	ErrorCode,
	| 'invalid_clock'
	| 'invalid_snapshot'
	| 'invalid_settings'
	| 'unknown_event'
	| 'final_state'
	| 'wrong_state'
	| 'application_window_closed'
	| 'year_closed'
	| 'already_signed'
	| 'not_listed_yet'
	| 'qualification_not_open'
	| 'qualification_closed'
	| 'awaiting_assessment'
	| 'revision_overdue'
	| 'no_revisions_left'
	| 'no_revisions_allowed'
	| 'revisions_left'
	| 'revision_period_over'
	| 'reason_not_allowed'
	| 'not_qualified_yet'
	| 'invalid_effective_date'
	| 'effective_in_past'
	| 'justification_required'
>

export type { Refusal }

export type TransitionResult =
	| {
			ok: true
			next: ParticipationSnapshot
			effects: Effect[]
			/** False when a sweep event did not apply; `next` is then the unchanged snapshot. */
			changed: boolean
	  }
	| { ok: false; refusal: Refusal }

export type ParticipationStart =
	/**
	 * Through the application form; `isReapplicant` per `isReapplicantFor`. With `offerAgreement`
	 * the agreement is offered at once (003 §3.1 "De aanbieder ontvangt een overeenkomst ter
	 * ondertekening"): one message says both (issue 16: not two mails at the same moment).
	 */
	| { origin: 'application'; isReapplicant: boolean; offerAgreement?: boolean }
	/** A current carrier offered next year's agreement in May (003 §3.1). */
	| { origin: 'renewal' }

export function emptySnapshot(state: ParticipationState, isReapplicant: boolean): ParticipationSnapshot {
	return {
		state,
		isReapplicant,
		listedAt: null,
		roundsSubmitted: 0,
		revisionsUsed: 0,
		revisionDueAt: null,
		latestRoundOutcome: null,
		qualifiedAt: null,
		withdrawal: null,
		stateBeforeWithdrawal: null,
	}
}

/** Creates the participation of `settings.year`. */
export function startParticipation(start: ParticipationStart, now: Date, settings: YearSettings): TransitionResult {
	if (!isValidInstant(now)) return refuse('invalid_clock')
	return guardSettings(() => {
		if (start.origin === 'renewal') {
			if (isAfter(now, qualificationDeadlineAt(settings))) return yearClosed(settings)
			return changed(emptySnapshot('agreement_offered', false), [mail('agreement_offered')])
		}
		if (!isApplicationWindowOpen(settings, now)) {
			return refuse('application_window_closed', {
				year: settings.year,
				opensOn: { date: settings.applicationOpensOn },
				closesOn: { date: settings.applicationClosesOn },
			})
		}
		const state = start.offerAgreement ? 'agreement_offered' : 'applied'
		return changed(emptySnapshot(state, start.isReapplicant), [mail('application_received')])
	})
}

/**
 * DOMAIN.md §3: a re-applicant is a provider whose mark was withdrawn earlier. We read "earlier" as
 * its most recent participation before `year` that got beyond the application (a declined offer
 * does not count either way) ended withdrawn.
 */
export function isReapplicantFor(
	history: readonly { year: number; state: ParticipationState }[],
	year: number,
): boolean {
	const previous = history
		.filter((p) => p.year < year && p.state !== 'agreement_declined')
		.sort((a, b) => b.year - a.year)[0]
	return previous?.state === 'withdrawn'
}

/** The event that records an assessment outcome (see `assessmentOutcome`). */
export function eventForRoundOutcome(outcome: RoundOutcome): ParticipationEvent {
	if (outcome === 'qualified') return { type: 'qualify' }
	if (outcome === 'revision_requested') return { type: 'request_revision' }
	return { type: 'not_qualified' }
}

/** The event that records the outcome of a sample interview. */
export function eventForSampleOutcome(outcome: SampleOutcome, effectiveAt?: Date): ParticipationEvent {
	if (outcome === 'confirmed') return { type: 'confirm_sample' }
	return effectiveAt
		? { type: 'incorrect_qualification_found', effectiveAt }
		: { type: 'incorrect_qualification_found' }
}

/**
 * Applies `event` at `now` (the server clock). Never throws: an invalid clock, snapshot or setting
 * gives a refusal. Sweep events (`list`, `deadline_passed`, `revision_overdue`) never refuse a
 * valid snapshot; where they do not apply they return the snapshot unchanged (`changed: false`),
 * which makes the scheduled runs idempotent.
 */
export function transition(
	snapshot: ParticipationSnapshot,
	event: ParticipationEvent,
	now: Date,
	settings: YearSettings,
): TransitionResult {
	if (!isValidInstant(now)) return refuse('invalid_clock')
	const problems = snapshotProblems(snapshot)
	if (problems.length > 0) {
		return refuse('invalid_snapshot', { problems: problems.join('; ') })
	}
	return guardSettings(() => apply(snapshot, event, now, settings))
}

function apply(
	s: ParticipationSnapshot,
	event: ParticipationEvent,
	now: Date,
	settings: YearSettings,
): TransitionResult {
	if (typeof event !== 'object' || event === null) return unknownEvent()
	switch (event.type) {
		case 'list':
			return listSweep(s, now, settings)
		case 'deadline_passed':
			return deadlineSweep(s, now, settings)
		case 'revision_overdue':
			return revisionOverdueSweep(s, now, settings)
		case 'undo_withdrawal':
			return undoWithdrawal(s, event.justification, now, settings)
	}
	if (isFinalState(s.state)) return finalState(s)

	switch (event.type) {
		case 'offer_agreement':
			if (s.state !== 'applied') return wrongState(s)
			// An agreement that can no longer be signed is not offered (see sign_agreement).
			if (isAfter(now, qualificationDeadlineAt(settings))) return yearClosed(settings)
			return changed({ ...s, state: 'agreement_offered' }, [mail('agreement_offered')])

		case 'sign_agreement': {
			if (s.state !== 'agreement_offered') return wrongState(s)
			// An agreement signed after the deadline could never lead to qualification in time.
			if (isAfter(now, qualificationDeadlineAt(settings))) return yearClosed(settings)
			const signed: ParticipationSnapshot = { ...s, state: 'agreement_signed' }
			// A late signature after 1 January lists an ordinary carrier at once (003 §3.2).
			if (!s.isReapplicant && !isBefore(now, listingAt(settings))) {
				return changed(listNow(signed, now), [mail('agreement_signed'), ...listingEffects(now)])
			}
			return changed(signed, [mail('agreement_signed')])
		}

		case 'decline_agreement':
			if (!UNSIGNED_STATES.includes(s.state)) {
				return refuse('already_signed')
			}
			return changed({ ...s, state: 'agreement_declined' }, [])

		case 'submit_self_evaluation':
			return submit(s, now, settings)

		case 'request_revision': {
			if (s.state !== 'submitted') return wrongState(s)
			if (s.revisionsUsed >= settings.maxRevisions) return noRevisionsLeft(settings)
			// 003 §3.2: the revision is submitted within the qualification period (plus any grace).
			if (!canRequestRevision(settings, now)) {
				return refuse('revision_period_over', { deadline: { date: settings.qualificationDeadline } })
			}
			const dueAt = revisionDueAt(settings, now)
			return changed(
				{
					...s,
					state: 'revision_requested',
					revisionsUsed: s.revisionsUsed + 1,
					revisionDueAt: dueAt,
					latestRoundOutcome: 'revision_requested',
				},
				[{ type: 'open_revision_round', round: s.roundsSubmitted + 1, dueAt }, mail('revision_requested', { dueAt })],
			)
		}

		case 'qualify': {
			if (s.state !== 'submitted') return wrongState(s)
			const qualified: ParticipationSnapshot = {
				...s,
				state: 'qualified',
				qualifiedAt: now,
				latestRoundOutcome: 'qualified',
			}
			const effects: Effect[] = [{ type: 'issue_certificate' }, mail('qualified')]
			if (!s.isReapplicant) return changed(qualified, effects)
			// 003 §3.3: a re-applicant is listed per 1 April once it has qualified in time.
			const listedAt = latest(reapplicantListingAt(settings), now)
			return changed({ ...qualified, listedAt }, [...effects, { type: 'add_to_register', at: listedAt }])
		}

		case 'not_qualified': {
			if (s.state !== 'submitted') return wrongState(s)
			// A revision that could no longer be submitted in time is no alternative (003 §3.2).
			if (s.revisionsUsed < settings.maxRevisions && canRequestRevision(settings, now)) {
				return refuse('revisions_left')
			}
			// DOMAIN.md §3 decision: withdrawn at the later of 1 April and the decision date.
			const effectiveAt = latest(withdrawalAt(settings), now)
			return withdraw(
				{ ...s, latestRoundOutcome: 'not_qualified' },
				'not_qualified_in_time',
				effectiveAt,
				now,
				settings,
			)
		}

		case 'draw_into_sample':
			if (s.state !== 'qualified') return wrongState(s)
			return changed({ ...s, state: 'sampled' }, [mail('sampled'), { type: 'plan_interview' }])

		// A rejected withdrawal proposal closes the sample as a confirming interview does
		// (docs/decisions/011): the finding stays on record (the interview, the rejected proposal and
		// this event's own name in the history), but the second person decided that the mark stays.
		case 'confirm_sample':
		case 'sample_withdrawal_rejected':
			if (s.state !== 'sampled') return wrongState(s)
			return changed({ ...s, state: 'confirmed' }, [])

		case 'incorrect_qualification_found': {
			if (s.state !== 'sampled') return wrongState(s)
			// 003 §3.3: withdrawn for incorrect qualification found in the sample, per the date staff
			// chose on the confirmation page (issue 12 §5); never backdated, as a manual withdrawal.
			const effectiveAt = event.effectiveAt ?? now
			if (!isValidInstant(effectiveAt)) return refuse('invalid_effective_date')
			if (isBefore(effectiveAt, startOfDay(amsterdamDateOf(now)))) return refuse('effective_in_past')
			return withdraw(s, 'incorrect_qualification', effectiveAt, now, settings)
		}

		case 'withdraw':
			return manualWithdrawal(s, event, now, settings)
	}
	return unknownEvent()
}

function submit(s: ParticipationSnapshot, now: Date, settings: YearSettings): TransitionResult {
	if (s.state === 'submitted') {
		return refuse('awaiting_assessment')
	}
	if (s.state === 'revision_requested') {
		// DOMAIN.md §3 decision: a revision response is allowed until its own due date, even after 31 March.
		const dueAt = s.revisionDueAt
		if (dueAt && isAfter(now, dueAt)) {
			return refuse('revision_overdue', { dueOn: { date: amsterdamDateOf(dueAt) } })
		}
		return submitted(s, now, [])
	}
	if (s.state !== 'listed' && s.state !== 'agreement_signed') return wrongState(s)

	const opensAt = startOfDay(settings.selfEvaluationOpensOn)
	if (isBefore(now, opensAt)) {
		return refuse('qualification_not_open', { opensOn: { date: settings.selfEvaluationOpensOn } })
	}
	// 003 §3.2: "vóór 1 april" — 31 March 23:59:59.999 Amsterdam time is the last moment in time.
	if (isAfter(now, qualificationDeadlineAt(settings))) {
		return refuse('qualification_closed', { deadline: { date: settings.qualificationDeadline } })
	}
	if (s.state === 'agreement_signed' && !s.isReapplicant) {
		// The 1 January job may not have run yet: list on the way, so submission never waits for it.
		if (isBefore(now, listingAt(settings))) {
			return refuse('not_listed_yet', { listingOn: { date: settings.listingOn } })
		}
		return submitted(listNow(s, now), now, listingEffects(now))
	}
	return submitted(s, now, [])
}

function submitted(s: ParticipationSnapshot, now: Date, before: Effect[]): TransitionResult {
	const round = s.roundsSubmitted + 1
	return changed({ ...s, state: 'submitted', roundsSubmitted: round, revisionDueAt: null }, [
		...before,
		{ type: 'freeze_round', round },
		mail('self_evaluation_received'),
	])
}

function listSweep(s: ParticipationSnapshot, now: Date, settings: YearSettings): TransitionResult {
	// 003 §3.2: listed per 1 January — but never a re-applicant (it waits for qualification).
	if (s.state !== 'agreement_signed' || s.isReapplicant) return unchanged(s)
	if (isBefore(now, listingAt(settings))) return unchanged(s)
	// Too late to qualify: the 1 April run withdraws it instead of a listing for a single instant.
	if (isAfter(now, qualificationDeadlineAt(settings))) return unchanged(s)
	return changed(listNow(s, now), listingEffects(now))
}

function deadlineSweep(s: ParticipationSnapshot, now: Date, settings: YearSettings): TransitionResult {
	// 003 §3.3: withdrawn per 1 April — also when the run itself is late.
	const effectiveAt = deadlineWithdrawalMoment(s, settings)
	if (!effectiveAt || isBefore(now, effectiveAt)) return unchanged(s)
	return withdraw(s, 'not_qualified_in_time', effectiveAt, now, settings)
}

function revisionOverdueSweep(s: ParticipationSnapshot, now: Date, settings: YearSettings): TransitionResult {
	const effectiveAt = revisionOverdueMoment(s)
	if (!effectiveAt || isBefore(now, effectiveAt)) return unchanged(s)
	return withdraw(s, 'not_qualified_in_time', effectiveAt, now, settings)
}

function manualWithdrawal(
	s: ParticipationSnapshot,
	event: { reason: ManualWithdrawalReason; effectiveAt?: Date },
	now: Date,
	settings: YearSettings,
): TransitionResult {
	const reason = event.reason as WithdrawalReason // runtime input may hold any reason
	if (reason === 'not_qualified_in_time' || !WITHDRAWAL_REASONS.includes(reason)) {
		return refuse('reason_not_allowed')
	}
	if (reason === 'incorrect_qualification' && !QUALIFIED_STATES.includes(s.state)) {
		return refuse('not_qualified_yet')
	}
	const effectiveAt = event.effectiveAt ?? now
	if (!isValidInstant(effectiveAt)) {
		return refuse('invalid_effective_date')
	}
	// The register is public: a withdrawal cannot be backdated before today (Amsterdam).
	if (isBefore(effectiveAt, startOfDay(amsterdamDateOf(now)))) {
		return refuse('effective_in_past')
	}
	return withdraw(s, reason, effectiveAt, now, settings)
}

function undoWithdrawal(
	s: ParticipationSnapshot,
	justification: unknown,
	now: Date,
	settings: YearSettings,
): TransitionResult {
	const before = s.stateBeforeWithdrawal
	if (s.state !== 'withdrawn' || !before) {
		return wrongState(s)
	}
	if (typeof justification !== 'string' || justification.trim().length === 0) {
		return refuse('justification_required')
	}
	const restored: ParticipationSnapshot = {
		...s,
		state: before,
		withdrawal: null,
		stateBeforeWithdrawal: null,
	}
	// Withdrawn before its listing began, it kept no listing moment (snapshotProblems): undone, it is
	// listed from now (a re-applicant not before its own listing moment).
	if (restored.listedAt === null && listedWhen(restored.isReapplicant, before)) {
		restored.listedAt = restored.isReapplicant ? latest(reapplicantListingAt(settings), now) : now
	}
	const effects: Effect[] = [mail('withdrawal_undone')]
	if (isInRegister(restored, settings, now) && !isInRegister(s, settings, now)) {
		effects.push({ type: 'add_to_register', at: now })
	}
	if (restored.qualifiedAt) effects.push({ type: 'reinstate_certificate' })
	return changed(restored, effects)
}

function withdraw(
	s: ParticipationSnapshot,
	reason: WithdrawalReason,
	effectiveAt: Date,
	now: Date,
	settings: YearSettings,
): TransitionResult {
	const next: ParticipationSnapshot = {
		...s,
		state: 'withdrawn',
		withdrawal: { reason, effectiveAt, decidedAt: now },
		stateBeforeWithdrawal: s.state,
	}
	const effects: Effect[] = [mail('withdrawal', { reason, effectiveAt })]
	// Whoever is in the register until the withdrawal takes effect leaves it at that moment.
	if (isInRegister(s, settings, new Date(effectiveAt.getTime() - 1))) {
		effects.push({ type: 'remove_from_register', at: effectiveAt })
	}
	// 003 §3.3: "de overeenkomst wordt ontbonden".
	if (SIGNED_STATES.includes(s.state)) effects.push({ type: 'dissolve_agreement', at: effectiveAt })
	if (s.qualifiedAt) effects.push({ type: 'revoke_certificate', at: effectiveAt })
	return changed(next, effects)
}

function listNow(s: ParticipationSnapshot, now: Date): ParticipationSnapshot {
	return { ...s, state: 'listed', listedAt: now }
}

function listingEffects(now: Date): Effect[] {
	return [{ type: 'add_to_register', at: now }, mail('listed')]
}

/**
 * Structural invariants of a snapshot (DOMAIN.md §4). Empty when consistent. Settings-dependent
 * limits (such as `revisionsUsed <= maxRevisions`) are not checked: an admin may change the settings
 * of a running year, and existing participations must stay usable.
 */
export function snapshotProblems(s: ParticipationSnapshot): string[] {
	if (typeof s !== 'object' || s === null) return ['snapshot is not an object']
	const problems: string[] = []
	const check = (ok: boolean, problem: string) => {
		if (!ok) problems.push(problem)
	}
	const isDateOrNull = (v: unknown) => v === null || isValidInstant(v)
	const isCount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

	check(PARTICIPATION_STATES.includes(s.state), `unknown state ${String(s.state)}`)
	check(typeof s.isReapplicant === 'boolean', 'isReapplicant is not a boolean')
	check(isCount(s.roundsSubmitted), 'roundsSubmitted is not a count')
	check(isCount(s.revisionsUsed), 'revisionsUsed is not a count')
	check(isDateOrNull(s.listedAt), 'listedAt is not a date')
	check(isDateOrNull(s.revisionDueAt), 'revisionDueAt is not a date')
	check(isDateOrNull(s.qualifiedAt), 'qualifiedAt is not a date')
	check(
		s.latestRoundOutcome === null ||
			['qualified', 'revision_requested', 'not_qualified'].includes(s.latestRoundOutcome),
		'unknown latestRoundOutcome',
	)
	if (problems.length > 0) return problems

	if (s.state === 'withdrawn') {
		const w = s.withdrawal
		check(w !== null && typeof w === 'object', 'withdrawn without withdrawal')
		if (w && typeof w === 'object') {
			check(WITHDRAWAL_REASONS.includes(w.reason), 'unknown withdrawal reason')
			check(isValidInstant(w.effectiveAt), 'withdrawal.effectiveAt is not a date')
			check(isValidInstant(w.decidedAt), 'withdrawal.decidedAt is not a date')
		}
		check(
			s.stateBeforeWithdrawal !== null &&
				PARTICIPATION_STATES.includes(s.stateBeforeWithdrawal) &&
				!isFinalState(s.stateBeforeWithdrawal),
			'withdrawn without a non-final stateBeforeWithdrawal',
		)
	} else {
		check(s.withdrawal === null, 'withdrawal set outside withdrawn')
		check(s.stateBeforeWithdrawal === null, 'stateBeforeWithdrawal set outside withdrawn')
	}
	if (problems.length > 0) return problems

	// The rest holds for the state the participation is effectively in (before a withdrawal).
	const e = s.state === 'withdrawn' ? (s.stateBeforeWithdrawal as ParticipationState) : s.state
	const beforeSubmission = NOT_SUBMITTED_STATES.includes(e) || e === 'agreement_declined'
	const qualified = QUALIFIED_STATES.includes(e)
	if (beforeSubmission) {
		check(s.roundsSubmitted === 0, `${e} with submitted rounds`)
		check(s.revisionsUsed === 0, `${e} with revisions`)
		check(s.latestRoundOutcome === null, `${e} with an assessment`)
	} else if (e === 'revision_requested') {
		check(s.revisionsUsed >= 1, 'revision_requested without a revision')
		check(s.roundsSubmitted === s.revisionsUsed, 'revision_requested: rounds ≠ revisions')
		check(s.latestRoundOutcome === 'revision_requested', 'revision_requested: latest outcome differs')
	} else {
		check(s.roundsSubmitted === s.revisionsUsed + 1, `${e}: rounds ≠ revisions + 1`)
	}
	check((e === 'revision_requested') === (s.revisionDueAt !== null), 'revisionDueAt set iff a revision is requested')
	check(qualified === (s.qualifiedAt !== null), 'qualifiedAt set iff qualified')
	if (qualified) check(s.latestRoundOutcome === 'qualified', `${e} without a qualifying assessment`)
	else check(s.latestRoundOutcome !== 'qualified', `${e} with a qualifying assessment`)
	if (e === 'submitted') check(s.latestRoundOutcome !== 'qualified', 'submitted after qualifying')
	if (e === 'listed') check(!s.isReapplicant, 're-applicant listed before qualifying')
	const shouldBeListed = listedWhen(s.isReapplicant, e)
	// A withdrawal that took effect before the listing began leaves no register window, and none is
	// stored (registerWindow: a re-applicant qualified in March, to be listed from 1 April, found
	// incorrectly qualified in a sample interview on 16 March): withdrawn, it may have no listedAt.
	const neverListed = s.state === 'withdrawn' && s.listedAt === null
	check(
		neverListed || shouldBeListed === (s.listedAt !== null),
		s.isReapplicant ? 'listedAt set iff a re-applicant qualified' : 'listedAt set iff listed',
	)
	return problems
}

// --- small helpers ---

function refuse(code: RefusalCode, params: ErrorParams = {}): TransitionResult {
	return { ok: false, refusal: refusal(code, params) }
}

function changed(next: ParticipationSnapshot, effects: Effect[]): TransitionResult {
	return { ok: true, next, effects, changed: true }
}

function unchanged(s: ParticipationSnapshot): TransitionResult {
	return { ok: true, next: s, effects: [], changed: false }
}

function mail(
	template: MailTemplate,
	data: { dueAt?: Date; effectiveAt?: Date; reason?: WithdrawalReason } = {},
): Effect {
	return { type: 'send_mail', template, ...data }
}

function wrongState(s: ParticipationSnapshot): TransitionResult {
	return refuse('wrong_state', { state: { label: `states.${s.state}` } })
}

function finalState(s: ParticipationSnapshot): TransitionResult {
	return refuse('final_state', { state: { label: `states.${s.state}` } })
}

function unknownEvent(): TransitionResult {
	return refuse('unknown_event')
}

function yearClosed(settings: YearSettings): TransitionResult {
	return refuse('year_closed', { year: settings.year, deadline: { date: settings.qualificationDeadline } })
}

function noRevisionsLeft(settings: YearSettings): TransitionResult {
	const max = settings.maxRevisions
	return max === 0 ? refuse('no_revisions_allowed', { year: settings.year }) : refuse('no_revisions_left', { max })
}

/** Settings come from the database; a malformed date or day count is refused, not thrown. */
function guardSettings(run: () => TransitionResult): TransitionResult {
	try {
		return run()
	} catch (error) {
		if (error instanceof CalendarDateError || error instanceof RangeError) {
			return refuse('invalid_settings')
		}
		throw error
	}
}

function isBefore(a: Date, b: Date): boolean {
	return a.getTime() < b.getTime()
}

function isAfter(a: Date, b: Date): boolean {
	return a.getTime() > b.getTime()
}

/** Whether a participation in `state` has a listing moment (DOMAIN.md §4; a re-applicant only once qualified). */
function listedWhen(isReapplicant: boolean, state: ParticipationState): boolean {
	return isReapplicant ? QUALIFIED_STATES.includes(state) : REGISTER_STATES.includes(state)
}

function latest(a: Date, b: Date): Date {
	return isAfter(b, a) ? b : a
}
