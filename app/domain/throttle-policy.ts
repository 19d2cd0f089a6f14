// The throttling policy (docs/decisions/009-throttling-without-lockout.md), pure: numbers and the
// growing delay. The counters live in the database (app/lib/rate-limit.server.ts) so every
// instance of the portal sees the same state (issue 15, issue 17).
//
// The rule of thumb: nobody but the person at the keyboard can slow down that person. A login is
// throttled per (account, address) pair, so failures from an attacker's address never delay the
// real user at their own address; the address-wide limit is high enough for an office behind one
// address; writes of a signed-in user count per user, not per address.

const second = 1000
const minute = 60 * second
const hour = 60 * minute

export const loginPolicy = {
	/** Failures of one (account, address) pair that cost nothing: typos. */
	freeFailures: 3,
	/** The wait after the first failure beyond the free ones; it doubles with every further failure. */
	firstDelayMs: 5 * second,
	/** The longest wait between two attempts of one pair. */
	maxDelayMs: 15 * minute,
	/** A pair without a failure for this long starts afresh. */
	forgetAfterMs: 24 * hour,
	/**
	 * Failed logins from one address (any account) per window: about 20 colleagues mistyping their
	 * password three times every quarter of an hour, far above what an office produces.
	 */
	addressFailures: { limit: 300, windowMs: 15 * minute },
} as const

/**
 * How long a pair must wait before its next attempt, after `failures` failures in a row:
 * 0 for the free ones, then 5 s, 10 s, 20 s, … up to 15 minutes.
 */
export function loginDelayMs(failures: number): number {
	const beyond = failures - loginPolicy.freeFailures
	if (beyond <= 0) return 0
	// 2^(beyond-1) overflows nothing: the exponent is capped before the cap on the delay applies.
	return Math.min(loginPolicy.firstDelayMs * 2 ** Math.min(beyond - 1, 20), loginPolicy.maxDelayMs)
}

/** Fixed-window limits on requests, checked before the route runs (server/rate-limit-tiers.ts). */
export const requestTiers = {
	/** Certificate lookups (reads), per address: a script must not inflate the verification count. */
	verifyLookups: { limit: 120, windowMs: minute },
	/** Posts to the public and authentication forms, per address: a flood guard, not the login throttle. */
	publicForms: { limit: 120, windowMs: minute },
	/**
	 * Writes of a signed-in user, per user: autosave every 2 s is 30 a minute, several fields typed
	 * at once a few more; colleagues behind one address each have their own budget.
	 */
	userWrites: { limit: 240, windowMs: minute },
	/** Other anonymous writes, per address. */
	anonymousWrites: { limit: 300, windowMs: minute },
} as const

/** Accepted applications per address per hour; refused (invalid) submissions do not count. */
export const applicationPolicy = { limit: 20, windowMs: hour } as const

/** Accepted "mail me when it opens" requests per address per hour (/aanmelden outside the window);
 * counted for new and already subscribed addresses alike, so the limit tells nothing either. */
export const windowSubscriptionPolicy = { limit: 20, windowMs: hour } as const
