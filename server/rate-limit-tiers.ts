// Request limits checked before a route runs, counted in the database so every instance shares
// them (issue 15, issue 17; policy in app/domain/throttle-policy.ts and docs/decisions/009):
// - certificate lookups (reads of /verifieer/…), per address, counted locally and shared in batches
//   (SyncedRateLimits: no write per lookup, a bounded overshoot across instances);
// - posts to the public and authentication forms, per address (a flood guard; the login throttle
//   itself is per account and address, in app/services/auth.server.ts);
// - every other write of a signed-in user, per user — ten colleagues behind one office address each
//   have their own budget, so their autosaves never meet a 429 (an autosave on a session this
//   process read within the last minute is counted by its own save statement: app/lib/write-guard.server.ts);
// - every other anonymous write, per address.
import type { NextFunction, Request, Response } from 'express'
import { requestTiers } from '#app/domain/throttle-policy.ts'
import { log } from '#app/lib/log.server.ts'
import {
	consumeRateLimit,
	consumeWriteLimit,
	syncedRateLimits,
	tooManyRequestsText,
	type WindowLimit,
} from '#app/lib/rate-limit.server.ts'
import {
	recentSessionRow,
	rememberSessionRow,
	type SessionRow,
	sessionIdFromCookie,
	sessionRowEpoch,
} from '#app/lib/session.server.ts'
import { keptRowPermits } from '#app/lib/write-guard.server.ts'
import { autosaveParams, isAutosave } from './autosave-path.ts'

/** The session as the write limit's statement read it (res.locals.sessionRead, for the autosave route). */
export interface SessionRead {
	sessionId: string | null
	row: SessionRow | null | undefined
	/** The row was kept from an earlier request, not read in this one: the save checks it (write-guard). */
	kept?: true
}

const publicFormPaths = [
	'/inloggen',
	'/wachtwoord-vergeten',
	'/wachtwoord-herstellen',
	'/uitnodiging',
	'/aanmelden',
	'/verifieer',
]

function isPublicForm(path: string): boolean {
	return publicFormPaths.some(
		(prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`),
	)
}

/** Which counter a request goes to: a fixed one, 'writes' (per user or address, see below), or null. */
export function tierFor(
	req: Pick<Request, 'method' | 'path' | 'ip'>,
): { key: string; limit: WindowLimit; synced?: true } | 'writes' | null {
	if (req.method === 'OPTIONS') return null
	if (req.method === 'GET' || req.method === 'HEAD') {
		if (req.path.startsWith('/verifieer/'))
			return { key: `tier:verify:${addressOf(req)}`, limit: requestTiers.verifyLookups, synced: true }
		return null
	}
	if (isPublicForm(req.path)) return { key: `tier:public:${addressOf(req)}`, limit: requestTiers.publicForms }
	return 'writes'
}

/**
 * The visitor's address, asked only where a counter needs it: Express works it out anew (through
 * the trusted proxies) at every read of req.ip.
 */
function addressOf(req: Pick<Request, 'ip'>): string {
	return req.ip ?? 'onbekend'
}

export async function rateLimitTiers(req: Request, res: Response, next: NextFunction) {
	let verdict
	try {
		const tier = tierFor(req)
		if (!tier) return next()
		// Every other write: per user with a live session, else per address. The session lookup and
		// the count are one statement (each autosave pays it: issue 17).
		if (tier === 'writes') {
			// On the autosave path the same statement reads the whole session, which the route then
			// uses instead of asking again (one round trip per save for both, issue 17).
			const sessionId = await sessionIdFromCookie(req.headers.cookie)
			const readSession = isAutosave(req)
			// A session this process read within the last minute and that would let this autosave
			// through: the save's own statement counts it and checks the session (app/lib/write-guard.server.ts).
			const kept = readSession && sessionId ? recentSessionRow(sessionId) : undefined
			const params = kept ? autosaveParams(req.path) : null
			if (kept && sessionId && params && keptRowPermits(kept, params.providerId)) {
				res.locals.sessionRead = { sessionId, row: kept, kept: true } satisfies SessionRead
				return next()
			}
			const readAt = sessionRowEpoch()
			const counted = await consumeWriteLimit(
				sessionId,
				addressOf(req),
				{ user: requestTiers.userWrites, anonymous: requestTiers.anonymousWrites },
				undefined,
				{ readSession },
			)
			if (readSession) {
				res.locals.sessionRead = { sessionId, row: counted.session } satisfies SessionRead
				if (sessionId) rememberSessionRow(sessionId, counted.session, readAt)
			}
			verdict = counted
		} else {
			verdict = tier.synced
				? await syncedRateLimits.consume(tier.key, tier.limit)
				: await consumeRateLimit(tier.key, tier.limit)
		}
	} catch (error) {
		// A throttle that cannot count must not take the portal down with it: the route itself
		// will meet the same database and answer properly.
		log.warn('rate-limit tiers unavailable', String(error))
		return next()
	}
	if (verdict.allowed) return next()
	res
		.status(429)
		.set('Retry-After', String(verdict.retryAfterSeconds))
		.type('text/plain; charset=utf-8')
		.send(tooManyRequestsText(verdict.retryAfterSeconds))
}
