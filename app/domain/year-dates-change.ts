import {
	canRequestRevision,
	qualificationDeadlineAt,
	reapplicantListingAt,
	revisionDueAt,
	withdrawalAt,
} from './calendar'
import type { ErrorCode } from './errors'
import type { ParticipationSnapshot } from './participation'
import { NOT_SUBMITTED_STATES, isFinalState } from './participation-states'
import type { YearSettings } from './year-settings'

// Changing the dates of a running year (issue 16 item 12). KiBG has moved dates before and must be
// able to extend the qualification deadline in a crisis year, or correct a date, and have every
// stored window and due date follow. What the change may never do is rewrite what already
// happened: un-withdraw a carrier withdrawn under the old dates, un-qualify one that submitted in
// time under them, or withdraw somebody with an effective date in the past. Those are refused.

export interface ParticipationDates {
	id: string
	providerName: string
	snapshot: ParticipationSnapshot
	/** When the current revision was requested (state revision_requested). */
	revisionRequestedAt: Date | null
	/** Submission moments of the rounds, round 1 first. */
	submittedAt: Date[]
}

export type YearDatesRefusalCode = Extract<
	ErrorCode,
	'year_change_would_unwithdraw' | 'year_change_would_unqualify' | 'year_change_retroactive_withdrawal'
>

export interface YearDatesChange {
	id: string
	/** The participation's new values (unchanged fields as they were). */
	next: ParticipationSnapshot
	/** Its deadline moved: the carrier is told (qualification deadline or revision due date). */
	deadlineMoved: boolean
}

export type YearDatesPlan =
	{ ok: true; changes: YearDatesChange[] } | { ok: false; code: YearDatesRefusalCode; providers: string[] }

const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null)

/**
 * What a change of the year's settings from `before` to `after` at `now` does to each
 * participation, or why it is refused (the first rule broken, with the providers concerned).
 */
export function planYearDatesChange(
	before: YearSettings,
	after: YearSettings,
	participations: readonly ParticipationDates[],
	now: Date,
): YearDatesPlan {
	const t = now.getTime()
	const deadlineBefore = withdrawalAt(before)
	const deadlineAfter = withdrawalAt(after)
	const deadlineMoved = deadlineBefore.getTime() !== deadlineAfter.getTime()
	const unwithdraw: string[] = []
	const unqualify: string[] = []
	const retroactive: string[] = []
	const changes: YearDatesChange[] = []

	for (const p of participations) {
		const s = p.snapshot
		const effective = s.state === 'withdrawn' ? s.stateBeforeWithdrawal : s.state
		if (!effective) continue

		// A withdrawal for not qualifying in time that followed from the old dates.
		if (s.state === 'withdrawn' && s.withdrawal?.reason === 'not_qualified_in_time') {
			const at = s.withdrawal.effectiveAt.getTime()
			if (deadlineMoved && at === deadlineBefore.getTime()) {
				if (deadlineAfter.getTime() > at) unwithdraw.push(p.providerName)
				else retroactive.push(p.providerName)
				continue
			}
			if (effective === 'revision_requested' && p.revisionRequestedAt && s.revisionDueAt) {
				const dueAfter = revisionDueAt(after, p.revisionRequestedAt)
				if (dueAfter.getTime() > s.revisionDueAt.getTime() && at === s.revisionDueAt.getTime() + 1)
					unwithdraw.push(p.providerName)
			}
			continue
		}
		if (isFinalState(s.state)) continue

		// Submissions made in time under the old dates must stay in time under the new ones.
		const first = p.submittedAt[0]
		if (first && first.getTime() > qualificationDeadlineAt(after).getTime()) {
			unqualify.push(p.providerName)
			continue
		}

		let next: ParticipationSnapshot = s
		let moved = false
		if (NOT_SUBMITTED_STATES.includes(s.state) && deadlineMoved) {
			// The 1 April run would withdraw it per a moment that has already passed.
			if (deadlineAfter.getTime() <= t && deadlineBefore.getTime() > t) {
				retroactive.push(p.providerName)
				continue
			}
			moved = true
		}
		if (s.state === 'revision_requested' && p.revisionRequestedAt && s.revisionDueAt) {
			const dueAfter = canRequestRevision(after, p.revisionRequestedAt)
				? revisionDueAt(after, p.revisionRequestedAt)
				: qualificationDeadlineAt(after)
			if (!same(dueAfter, s.revisionDueAt)) {
				if (dueAfter.getTime() < t && s.revisionDueAt.getTime() >= t) {
					retroactive.push(p.providerName)
					continue
				}
				next = { ...next, revisionDueAt: dueAfter }
				moved = true
			}
		}
		// A re-applicant that qualified is listed from 1 April (003 §3.3): that moment moves too,
		// unless it is already in the register.
		if (s.isReapplicant && s.qualifiedAt && s.listedAt && s.listedAt.getTime() > t) {
			const listedAt = new Date(Math.max(reapplicantListingAt(after).getTime(), s.qualifiedAt.getTime()))
			if (!same(listedAt, s.listedAt)) next = { ...next, listedAt }
		}
		changes.push({ id: p.id, next, deadlineMoved: moved })
	}
	if (unwithdraw.length) return { ok: false, code: 'year_change_would_unwithdraw', providers: unwithdraw }
	if (unqualify.length) return { ok: false, code: 'year_change_would_unqualify', providers: unqualify }
	if (retroactive.length) return { ok: false, code: 'year_change_retroactive_withdrawal', providers: retroactive }
	return { ok: true, changes }
}
