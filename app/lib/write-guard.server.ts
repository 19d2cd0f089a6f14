// A write that checks its own permission and counts its own write limit, in its one statement
// (issue 17: at the deadline 300 members autosave every 2 s, and each save was two round trips —
// the write limit with the session, then the save — each waiting its turn on a busy event loop).
//
// Used by the autosave when this process read the member's session within the last minute
// (rememberSessionRow in session.server.ts): the request tiers then leave the count to the save
// (server/rate-limit-tiers.ts) and the route takes the kept row for what it shows. The save's
// statement (app/services/self-evaluation.server.ts) carries the guard's WITH parts and writes
// only when, at that moment, the session exists and has not expired, its account is active and no
// organisation's, the account is a member of the provider, and the write is within the limit —
// the same facts, in the same order, as the tiers and requireProviderMember decide them (429, 401,
// 404). A refusal is the answer those would have given. Whatever does not reach that statement
// (a refused body, an unknown question, a save that goes the careful way) is decided after
// `check`: the same count and session read as the tiers' own, and requireProviderMember on it.
import { requestTiers } from '#app/domain/throttle-policy.ts'
import { Prisma } from '#app/generated/prisma/client.ts'
import { directRows } from './db.server.ts'
import { notFound } from './http.server.ts'
import { requireProviderMember, sessionEndedResponse } from './permissions.server.ts'
import {
	consumeWriteLimit,
	tooManyRequestsText,
	type WriteLimits,
	writeLimitCtes,
	writeLimitVerdict,
} from './rate-limit.server.ts'
import { adoptSessionRead, forgetSessionRow, type SessionRow, sessionMemberships } from './session.server.ts'

export interface WriteGuard {
	/** WITH parts for the guarded statement: `live`, `tier`, `counted`, `signed_in`, `permitted`. */
	readonly with: Prisma.Sql
	/** The condition the guarded write adds to its own. */
	readonly condition: Prisma.Sql
	/** The guard's verdict columns, selected `FROM counted` (one row). */
	readonly verdict: Prisma.Sql
	/** Whether a statement (the guarded write, or `check`) has decided this request. */
	readonly settled: boolean
	/** The guarded statement's verdict: throws the refusal (a Response) unless the write was allowed. */
	settle(row: GuardVerdict): Promise<void>
	/** The same decision without a guarded write (nothing was written): throws the refusal. */
	check(): Promise<void>
}

export interface GuardVerdict {
	limitKey: string
	limitCount: number
	limitResetAt: Date | string
	signedIn: boolean
	permitted: boolean
}

const writeLimits: WriteLimits = { user: requestTiers.userWrites, anonymous: requestTiers.anonymousWrites }

/**
 * Whether the kept row would let its user autosave for `providerId` (requireProviderMember's
 * checks, on that row; recentSessionRow keeps only rows of live sessions of active accounts): only
 * then may the request go without reading the session first.
 */
export function keptRowPermits(row: SessionRow, providerId: string): boolean {
	return (
		row.kind !== 'organisation' && sessionMemberships(row).some((membership) => membership.providerId === providerId)
	)
}

/** The guard of one autosave of `providerId` by the session `sessionId`, from `address`. */
export function writeGuard({
	request,
	sessionId,
	providerId,
	address,
}: {
	request: Request
	sessionId: string
	providerId: string
	address: string
}): WriteGuard {
	const now = Date.now()
	let settled = false
	// A decision that ends in a throw (a refusal, or an error) also forgets the kept row: the next
	// request reads the session.
	const forgettingOnRefusal = async (decide: () => Promise<void>) => {
		settled = true
		try {
			await decide()
		} catch (refusal) {
			forgetSessionRow(sessionId)
			throw refusal
		}
	}
	return {
		with: Prisma.sql`${writeLimitCtes(sessionId, address, writeLimits, now)},
			signed_in AS (
				SELECT u.id, u.kind FROM live JOIN "User" u ON u.id = live."userId" WHERE u.active
			), permitted AS (
				SELECT 1 FROM signed_in JOIN "Membership" m ON m."userId" = signed_in.id
				WHERE m."providerId" = ${providerId} AND signed_in.kind::text <> 'organisation'
			)`,
		// Permitted implies a live session, so the count is the user's.
		condition: Prisma.sql`EXISTS (SELECT 1 FROM permitted)
			AND (SELECT counted."count" FROM counted) <= ${writeLimits.user.limit}::integer`,
		verdict: Prisma.sql`counted."key" AS "limitKey", counted."count" AS "limitCount", counted."resetAt" AS "limitResetAt",
			EXISTS (SELECT 1 FROM signed_in) AS "signedIn", EXISTS (SELECT 1 FROM permitted) AS "permitted"`,
		get settled() {
			return settled
		},
		settle: (row) =>
			forgettingOnRefusal(async () => {
				const limit = writeLimitVerdict(
					{ key: row.limitKey, count: Number(row.limitCount), resetAt: row.limitResetAt },
					writeLimits,
					now,
				)
				if (!limit.allowed) throw tooManyRequests(limit.retryAfterSeconds)
				// Thrown as requireSession throws it: the locale from the cookie, not the kept row.
				if (!row.signedIn) throw await sessionEndedResponse(request)
				if (!row.permitted) notFound()
			}),
		check: () =>
			forgettingOnRefusal(async () => {
				const counted = await consumeWriteLimit(sessionId, address, writeLimits, undefined, { readSession: true })
				if (!counted.allowed) throw tooManyRequests(counted.retryAfterSeconds)
				// requireProviderMember on the row just read, as the route decides it with the tiers' row.
				const fresh = new Request(request.url, { headers: request.headers })
				adoptSessionRead(fresh, sessionId, counted.session)
				await requireProviderMember(fresh, providerId, { json: true })
			}),
	}
}

/** A request over its write limit, as the request tiers answer it. */
function tooManyRequests(retryAfterSeconds: number): Response {
	return new Response(tooManyRequestsText(retryAfterSeconds), {
		status: 429,
		headers: { 'Retry-After': String(retryAfterSeconds), 'Content-Type': 'text/plain; charset=utf-8' },
	})
}

// The guard of a request, handed from the route (server/autosave-route.ts) to its action.
const guards = new WeakMap<Request, WriteGuard>()

export function setWriteGuard(request: Request, guard: WriteGuard): void {
	guards.set(request, guard)
}

export function writeGuardOf(request: Request): WriteGuard | undefined {
	return guards.get(request)
}

/**
 * Runs `write` (a data-modifying statement that returns at most one row) as it is, or under
 * `guard`: then the one statement also counts and checks (above), the write adds the guard's
 * condition, and the guard settles on its verdict (throwing its refusal) before the write's row,
 * if it wrote, is returned.
 */
export async function guardedWrite<T extends object>(
	guard: WriteGuard | undefined,
	write: (condition: Prisma.Sql) => Prisma.Sql,
): Promise<T | undefined> {
	if (!guard) return (await directRows<T>(write(Prisma.sql`TRUE`)))[0]
	const [row] = await directRows<GuardVerdict & { written: T | null }>(Prisma.sql`
		WITH ${guard.with}, written AS (${write(guard.condition)})
		SELECT (SELECT row_to_json(written) FROM written LIMIT 1) AS "written", ${guard.verdict} FROM counted`)
	await guard.settle(row!)
	return row!.written ?? undefined
}
