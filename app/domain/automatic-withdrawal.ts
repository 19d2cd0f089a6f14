import { withdrawalAt } from './calendar'
import type { ParticipationSnapshot } from './participation-snapshot'
import { NOT_SUBMITTED_STATES } from './participation-states'
import type { YearSettings } from './year-settings'

// The two withdrawals that follow from the clock alone. Each function returns the moment the
// withdrawal takes effect if nothing changes before then, or null. The scheduled sweeps apply them
// once that moment has come, and the register window ends at them, so a late or failed job never
// keeps a provider in the public register longer than the rules allow.

/** 003 §3.3: a participation without a submitted self-evaluation is withdrawn per 1 April. */
export function deadlineWithdrawalMoment(s: ParticipationSnapshot, settings: YearSettings): Date | null {
	return NOT_SUBMITTED_STATES.includes(s.state) ? withdrawalAt(settings) : null
}

/**
 * DOMAIN.md §3 decision: a requested revision not submitted by its due date is withdrawn when that
 * date passes — effective at the first instant after it.
 */
export function revisionOverdueMoment(s: ParticipationSnapshot): Date | null {
	const dueAt = s.revisionDueAt
	if (s.state !== 'revision_requested' || !dueAt) return null
	return new Date(dueAt.getTime() + 1)
}
