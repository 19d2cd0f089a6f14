// Rate limits and the login throttle, all in the database (PGlite or PostgreSQL), never in process
// memory: limits survive restarts and hold across instances (issue 15, issue 17). The policy — which
// numbers, which keys — is app/domain/throttle-policy.ts and docs/decisions/009.
//
// Keys name what is limited, e.g. 'tier:user-writes:<userId>', 'login:pair:<email>|<address>',
// 'login:address:<address>'. Every function takes the client as an optional last argument so a
// test can point two "instances" at one database.
import { loginDelayMs, loginPolicy } from '#app/domain/throttle-policy.ts'
import { db } from './db.server.ts'

type Client = Pick<typeof db, '$queryRaw' | '$executeRaw' | '$transaction'>

export interface RateLimitResult {
	allowed: boolean
	retryAfterSeconds: number
}

export interface WindowLimit {
	limit: number
	windowMs: number
}

/** Counts one event in a fixed window and says whether it is within the limit. */
export async function consumeRateLimit(
	key: string,
	{ limit, windowMs }: WindowLimit,
	client: Client = db,
): Promise<RateLimitResult> {
	const now = Date.now()
	const resetAt = new Date(now + windowMs)
	// One statement, so two parallel attempts cannot both read "0 used".
	const rows = await client.$queryRaw<{ count: number; resetAt: Date }[]>`
		INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${key}, 1, ${resetAt})
		ON CONFLICT ("key") DO UPDATE SET
			"count" = CASE WHEN "RateLimit"."resetAt" <= ${new Date(now)} THEN 1 ELSE "RateLimit"."count" + 1 END,
			"resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${new Date(now)} THEN ${resetAt} ELSE "RateLimit"."resetAt" END
		RETURNING "count", "resetAt"`
	return verdict(rows[0], limit, now)
}

/**
 * The write limit of one request, per user when `sessionId` names a live session and per address
 * otherwise: the session lookup and the count are one statement, as every autosave pays it (issue 17).
 */
export async function consumeWriteLimit(
	sessionId: string | null,
	address: string,
	limits: { user: WindowLimit; anonymous: WindowLimit },
	client: Client = db,
): Promise<RateLimitResult & { key: string }> {
	const now = Date.now()
	const at = new Date(now)
	const rows = await client.$queryRaw<{ key: string; count: number; resetAt: Date }[]>`
		WITH live AS (
			SELECT "userId" FROM "Session" WHERE "id" = ${sessionId ?? ''} AND "expiresAt" > ${at}
		), tier AS (
			SELECT
				CASE WHEN live."userId" IS NULL THEN ${`tier:anonymous:${address}`} ELSE 'tier:user:' || live."userId" END AS "key",
				CASE WHEN live."userId" IS NULL THEN ${new Date(now + limits.anonymous.windowMs)}::timestamptz
					ELSE ${new Date(now + limits.user.windowMs)}::timestamptz END AS "resetAt"
			FROM (SELECT 1) AS one LEFT JOIN live ON true
		)
		INSERT INTO "RateLimit" ("key", "count", "resetAt") SELECT "key", 1, "resetAt" FROM tier
		ON CONFLICT ("key") DO UPDATE SET
			"count" = CASE WHEN "RateLimit"."resetAt" <= ${at} THEN 1 ELSE "RateLimit"."count" + 1 END,
			"resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${at} THEN EXCLUDED."resetAt" ELSE "RateLimit"."resetAt" END
		RETURNING "key", "count", "resetAt"`
	const row = rows[0]!
	const limit = row.key.startsWith('tier:user:') ? limits.user.limit : limits.anonymous.limit
	return { ...verdict(row, limit, now), key: row.key }
}

/** Whether one more event would be within the limit, without counting it. */
export async function peekRateLimit(
	key: string,
	{ limit }: WindowLimit,
	client: Client = db,
): Promise<RateLimitResult> {
	const now = Date.now()
	const rows = await client.$queryRaw<{ count: number; resetAt: Date }[]>`
		SELECT "count", "resetAt" FROM "RateLimit" WHERE "key" = ${key} AND "resetAt" > ${new Date(now)}`
	const row = rows[0]
	return verdict(row ? { count: row.count + 1, resetAt: row.resetAt } : undefined, limit, now)
}

function verdict(row: { count: number; resetAt: Date } | undefined, limit: number, now: number): RateLimitResult {
	if (!row) return { allowed: true, retryAfterSeconds: 0 }
	return {
		allowed: row.count <= limit,
		retryAfterSeconds: Math.max(1, Math.ceil((new Date(row.resetAt).getTime() - now) / 1000)),
	}
}

export async function resetRateLimit(key: string, client: Client = db): Promise<void> {
	await client.$executeRaw`DELETE FROM "RateLimit" WHERE "key" = ${key}`
}

// ---------------------------------------------------------------------------------------------
// Login throttle: growing delays per (account, address) pair.

export function loginPairKey(email: string, address: string): string {
	return `login:pair:${email.toLowerCase()}|${address}`
}

export function loginAddressKey(address: string): string {
	return `login:address:${address}`
}

/**
 * Claims an attempt for the pair. Pessimistic: the attempt counts as a failure (and sets the next
 * delay) before the password is checked, inside one row-locked transaction, so parallel attempts
 * cannot slip through the delay; `clearLoginPair` undoes it when the password was right.
 */
export async function claimLoginAttempt(key: string, client: Client = db): Promise<RateLimitResult> {
	const now = Date.now()
	return client.$transaction(async (tx) => {
		await tx.$executeRaw`
			INSERT INTO "LoginThrottle" ("key", "failures", "blockedUntil", "expiresAt")
			VALUES (${key}, 0, ${new Date(0)}, ${new Date(now + loginPolicy.forgetAfterMs)})
			ON CONFLICT ("key") DO NOTHING`
		const rows = await tx.$queryRaw<{ failures: number; blockedUntil: Date; expiresAt: Date }[]>`
			SELECT "failures", "blockedUntil", "expiresAt" FROM "LoginThrottle" WHERE "key" = ${key} FOR UPDATE`
		const row = rows[0]
		if (!row) return { allowed: true, retryAfterSeconds: 0 }
		const blockedUntil = new Date(row.blockedUntil).getTime()
		if (blockedUntil > now) return { allowed: false, retryAfterSeconds: Math.ceil((blockedUntil - now) / 1000) }
		const failures = new Date(row.expiresAt).getTime() <= now ? 1 : row.failures + 1
		await tx.$executeRaw`
			UPDATE "LoginThrottle" SET "failures" = ${failures},
				"blockedUntil" = ${new Date(now + loginDelayMs(failures))},
				"expiresAt" = ${new Date(now + loginPolicy.forgetAfterMs)}
			WHERE "key" = ${key}`
		return { allowed: true, retryAfterSeconds: 0 }
	})
}

/** A successful login: the pair starts afresh (successful logins never count). */
export async function clearLoginPair(key: string, client: Client = db): Promise<void> {
	await client.$executeRaw`DELETE FROM "LoginThrottle" WHERE "key" = ${key}`
}

/** The pair's state, for tests and the decision record's examples. */
export async function loginPairState(
	key: string,
	client: Client = db,
): Promise<{ failures: number; blockedUntil: Date } | null> {
	const rows = await client.$queryRaw<{ failures: number; blockedUntil: Date }[]>`
		SELECT "failures", "blockedUntil" FROM "LoginThrottle" WHERE "key" = ${key}`
	return rows[0] ?? null
}
