import type { ParticipationState, RoundOutcome, WithdrawalReason } from './types'

// What the rules know about one participation. Its own module so that the state machine
// (participation.ts) and the rules it uses (register.ts, automatic-withdrawal.ts, next-deadline.ts)
// share the type without importing each other.

export interface Withdrawal {
	reason: WithdrawalReason
	/** From this instant the provider is out of the register and the agreement is dissolved. */
	effectiveAt: Date
	decidedAt: Date
}

/** What the rules need to know about a participation; the services store every field. */
export interface ParticipationSnapshot {
	state: ParticipationState
	/** The provider's mark was withdrawn earlier: not listed on 1 January, only after qualifying (003 §3.2). */
	isReapplicant: boolean
	/**
	 * The moment the participation is (or will be) in the register: the listing for ordinary
	 * carriers, the later of 1 April and the qualification for re-applicants. Null while not listed.
	 */
	listedAt: Date | null
	/** Submitted self-evaluation rounds (round 1 is the first submission, DOMAIN.md §5). */
	roundsSubmitted: number
	/** Revision rounds requested by staff so far; never more than the year's `maxRevisions`. */
	revisionsUsed: number
	/** Due date of the requested revision; set only while a revision is requested. */
	revisionDueAt: Date | null
	/** Outcome of the latest assessed round; null until a round has been assessed. */
	latestRoundOutcome: RoundOutcome | null
	qualifiedAt: Date | null
	withdrawal: Withdrawal | null
	/** The state the participation was in when it was withdrawn, restored by an admin undo. */
	stateBeforeWithdrawal: ParticipationState | null
}
