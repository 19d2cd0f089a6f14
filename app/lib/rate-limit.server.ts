// Rate limits and the login throttle, all in the database (PGlite or PostgreSQL), never in process
// memory: limits survive restarts and hold across instances (issue 15, issue 17). The policy — which
// numbers, which keys — is app/domain/throttle-policy.ts and docs/decisions/009.
//
// Keys name what is limited, e.g. 'tier:user-writes:<userId>', 'login:pair:<email>|<address>',
// 'login:address:<address>'. Every function takes the client as an optional last argument so a
// test can point two "instances" at one database.
import { loginDelayMs, loginPolicy } from '#app/domain/throttle-policy.ts'
import { Prisma } from '#app/generated/prisma/client.ts'
import { db, directRows } from './db.server.ts'
import { type SessionRow, sessionRowSql } from './session.server.ts'

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

// ---------------------------------------------------------------------------------------------
// Limits counted locally and shared in batches (issue 17): certificate lookups come at hundreds a
// second from as many addresses, and one upsert per lookup made the database the limit of the
// public check. Each instance counts a key in memory and adds what it counted to the same shared
// row ("RateLimit", the fixed window of consumeRateLimit) in one statement for all keys every
// SYNC_INTERVAL_MS, and for one key as soon as SYNC_AFTER of its lookups are unshared: that request
// waits for the sync and is decided on the shared count it returns. So a throttle counted on A
// holds on B within a second, and without waiting once B has counted SYNC_AFTER of its own.
//
// How far it can overshoot: on one instance never (its own counts are all it needs). With N
// instances an instance admits a key's request only if the shared count it last read plus its own
// unshared counts stay within the limit, and it holds at most SYNC_AFTER − 1 unshared counts; what
// the others counted since its last read is missed. Per window that is at most about
// (N + 1) · (SYNC_AFTER − 1) beyond the limit in the worst interleaving — 12 beyond 120 lookups a
// minute for two instances — and none once the instances have synced (a second). A refused request
// is not counted: a flood that is refused costs no writes.
//
// Exact on one instance means: counts on their way to the shared row (a batch or a sync not yet
// answered) are counted while they travel, and one key has one batch or sync on its way at a time, so
// the count an answer brings back is never older than one this instance already holds. On PostgreSQL
// a request decided while the timer's batch was still unanswered was admitted beyond the limit.
//
// The timer's batch holds only the keys that have come near their limit here (half of it, counted
// with what is shared): the bound above never depended on it — what an instance holds unshared is
// under SYNC_AFTER in any case — and a certificate check at a deadline is mostly addresses that ask
// once or twice (a phone scanning a QR code). Sharing those every second was one upsert per address:
// thousands a second at the register bench's verification case, the database's work competing with
// the server for the machine (issue 17). A clean stop and `flush()` still share every key.

export const SYNC_INTERVAL_MS = 1_000
export const SYNC_AFTER = 5
const MAX_KEYS = 100_000

interface LocalCount {
	/** The shared count at the last sync (every instance's, this one's synced counts included). */
	shared: number
	/** When the shared window ends (ms). */
	resetAt: number
	/** Counted here since the last sync, not yet added to the shared row. */
	unshared: number
	/** Sent to the shared row, not answered yet (counted meanwhile). */
	sending: number
	/** The sync or batch of this key on its way (at most one). */
	syncing?: Promise<void>
	/** The limit it was last counted against (which keys the timer shares). */
	limit: number
}

/**
 * One instance's local counts of shared limits; `client` lets a test run two "instances", and a
 * long `intervalMs` shows what the batches alone share.
 */
export class SyncedRateLimits {
	private readonly counts = new Map<string, LocalCount>()
	private timer: ReturnType<typeof setInterval> | undefined
	/** Flushes run one after another; the timer adds none while one waits or runs. */
	private flushes: Promise<void> = Promise.resolve()
	private flushesWaiting = 0

	constructor(
		private readonly client: Client = db,
		private readonly intervalMs = SYNC_INTERVAL_MS,
		private readonly maxKeys = MAX_KEYS,
	) {}

	/** Counts one event of `key` and says whether it is within the limit (see above for the bound). */
	async consume(key: string, { limit, windowMs }: WindowLimit): Promise<RateLimitResult> {
		this.startTimer()
		let count = this.counts.get(key)
		if (!count) {
			if (this.counts.size >= this.maxKeys) this.forgetIdle(Date.now())
			count = { shared: 0, resetAt: Date.now() + windowMs, unshared: 0, sending: 0, limit }
			this.counts.set(key, count)
		}
		count.limit = limit
		for (;;) {
			const now = Date.now()
			if (count.resetAt <= now) {
				// The window ended: the shared row starts again with what is counted from now on.
				count.shared = 0
				count.resetAt = now + windowMs
			}
			if (count.shared + count.sending + count.unshared + 1 > limit) {
				return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((count.resetAt - now) / 1000)) }
			}
			if (count.unshared + 1 < SYNC_AFTER) break
			// This one would be the SYNC_AFTER-th unshared count: share the others first and decide on
			// what the shared row says (another instance's counts included).
			await this.sync(key, count, windowMs)
		}
		count.unshared++
		return { allowed: true, retryAfterSeconds: 0 }
	}

	/** Adds every key's unshared counts to the shared rows, in one statement (a clean stop, tests). */
	flush(): Promise<void> {
		return this.queueFlush('every key')
	}

	/** A clean stop: no more timer, everything counted shared. */
	async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer)
		this.timer = undefined
		await this.flush()
	}

	/** Keys held (tests). */
	size(): number {
		return this.counts.size
	}

	private startTimer() {
		if (this.timer) return
		this.timer = setInterval(() => {
			if (this.flushesWaiting === 0) this.queueFlush('near the limit').catch(() => undefined)
		}, this.intervalMs)
		this.timer.unref()
	}

	/** Shares the key's counts; while a batch of it is on its way, waits for that instead (the caller looks again). */
	private sync(key: string, count: LocalCount, windowMs: number): Promise<void> {
		return (count.syncing ??= this.sending([count], this.add([{ key, count, n: count.unshared }], windowMs)))
	}

	/** `work` as the one sync of each of `counts` until it settles. */
	private sending(counts: LocalCount[], work: Promise<void>): Promise<void> {
		const syncing = work.finally(() => {
			for (const count of counts) if (count.syncing === syncing) count.syncing = undefined
		})
		for (const count of counts) count.syncing = syncing
		return syncing
	}

	private queueFlush(which: 'every key' | 'near the limit'): Promise<void> {
		// With none before it, a flush starts at once (its keys count as on their way from this moment).
		const start = () => this.flushAll(which)
		const run = (this.flushesWaiting === 0 ? start() : this.flushes.then(start)).finally(() => {
			this.flushesWaiting--
		})
		this.flushesWaiting++
		this.flushes = run.catch(() => undefined)
		return run
	}

	private async flushAll(which: 'every key' | 'near the limit'): Promise<void> {
		// A key being synced now is shared by that sync; what is counted after it goes with this batch.
		await Promise.allSettled([...this.counts.values()].flatMap((count) => count.syncing ?? []))
		this.forgetIdle(Date.now())
		const waiting = [...this.counts].filter(
			([, count]) => count.unshared > 0 && (which === 'every key' || nearLimit(count)),
		)
		// Keys are synced with their own window length; a batch holds one per key. What a key counts is
		// read when its batch leaves (a sync may have shared it meanwhile).
		for (let start = 0; start < waiting.length; start += 5_000) {
			const now = Date.now()
			const part = waiting
				.slice(start, start + 5_000)
				.flatMap(([key, count]) =>
					count.unshared > 0 && !count.syncing
						? [{ key, count, n: count.unshared, windowMs: Math.max(1, count.resetAt - now) }]
						: [],
				)
			if (part.length > 0)
				await this.sending(
					part.map((entry) => entry.count),
					this.add(part, null),
				)
		}
	}

	/**
	 * Adds `n` to each key's shared row (a new window if it ended) and reads back the shared count.
	 * `windowMs` null: each entry's own remaining window is used for a row that starts afresh.
	 */
	private async add(
		entries: { key: string; count: LocalCount; n: number; windowMs?: number }[],
		windowMs: number | null,
	): Promise<void> {
		const now = Date.now()
		for (const entry of entries) {
			entry.count.unshared -= entry.n
			entry.count.sending += entry.n
		}
		const rows = entries.map((entry) => ({
			key: entry.key,
			n: entry.n,
			resetAt: new Date(now + (windowMs ?? entry.windowMs ?? 60_000)).toISOString(),
		}))
		let shared: [key: string, count: number, resetAt: string][]
		try {
			// The shared counts come back as one JSON text: a batch holds thousands of keys (one per
			// visitor's address), and the client's row-by-row conversion of as many rows blocked the
			// event loop for up to 140 ms once a second (issue 17, the register bench's verification case).
			const [answer] = await this.client.$queryRaw<{ shared: string }[]>`
				WITH added AS (
					INSERT INTO "RateLimit" ("key", "count", "resetAt")
					SELECT x."key", x."n", x."resetAt" FROM json_to_recordset(${JSON.stringify(rows)}::json)
						AS x("key" text, "n" integer, "resetAt" timestamptz)
					ON CONFLICT ("key") DO UPDATE SET
						"count" = CASE WHEN "RateLimit"."resetAt" <= ${new Date(now)} THEN EXCLUDED."count"
							ELSE "RateLimit"."count" + EXCLUDED."count" END,
						"resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${new Date(now)} THEN EXCLUDED."resetAt"
							ELSE "RateLimit"."resetAt" END
					RETURNING "key", "count", "resetAt"
				)
				SELECT coalesce(json_agg(json_build_array(added."key", added."count", added."resetAt")), '[]')::text AS "shared"
				FROM added`
			shared = JSON.parse(answer?.shared ?? '[]') as typeof shared
		} catch (error) {
			// Not shared this time: kept, and tried again with the next sync. The decision goes on
			// on the local count (a throttle that cannot count must not take the portal down).
			for (const entry of entries) {
				entry.count.unshared += entry.n
				entry.count.sending -= entry.n
			}
			throw error
		}
		for (const entry of entries) entry.count.sending -= entry.n
		const byKey = new Map(entries.map((entry) => [entry.key, entry.count]))
		for (const [key, total, resetAt] of shared) {
			const count = byKey.get(key)
			if (!count) continue
			count.shared = Number(total)
			count.resetAt = new Date(resetAt).getTime()
		}
	}

	/**
	 * Drops the keys whose window ended (what they hold unshared counted in a window that is over),
	 * and over `maxKeys` those with nothing unshared, then those below half their limit — the one-off
	 * addresses the timer leaves unshared, each forgetting under SYNC_AFTER counts — never one on its way.
	 */
	private forgetIdle(now: number) {
		for (const [key, count] of this.counts) {
			if (!count.syncing && count.resetAt <= now) this.counts.delete(key)
		}
		const enough = () => this.counts.size < this.maxKeys * 0.9
		if (this.counts.size < this.maxKeys) return
		for (const [key, count] of this.counts) {
			if (enough()) return
			if (count.unshared === 0 && !count.syncing) this.counts.delete(key)
		}
		for (const [key, count] of this.counts) {
			if (enough()) return
			if (!count.syncing && !nearLimit(count)) this.counts.delete(key)
		}
	}
}

/** Counted here to half its limit or more (shared counts included): the keys the timer shares. */
function nearLimit(count: LocalCount): boolean {
	return 2 * (count.shared + count.sending + count.unshared) >= count.limit
}

/** This instance's synced limits (certificate lookups: server/rate-limit-tiers.ts). */
export const syncedRateLimits = new SyncedRateLimits()

/**
 * The write limit of one request, per user when `sessionId` names a live session and per address
 * otherwise: the session lookup and the count are one statement, as every autosave pays it (issue 17).
 * With `readSession` the statement also reads the whole session (sessionRowSql: user, memberships)
 * and returns it, for the route to use instead of asking again (the autosave path hands it on
 * with adoptSessionRead): one round trip for the limit and the session.
 */
export async function consumeWriteLimit(
	sessionId: string | null,
	address: string,
	limits: WriteLimits,
	client: Client = db,
	{ readSession = false }: { readSession?: boolean } = {},
): Promise<RateLimitResult & { key: string; session?: SessionRow | null }> {
	const now = Date.now()
	const session = readSession ? Prisma.sql`, (SELECT row_to_json(seen) FROM seen) AS "session"` : Prisma.empty
	const statement = Prisma.sql`
		WITH ${writeLimitCtes(sessionId, address, limits, now, { readSession })}
		SELECT counted."key", counted."count", counted."resetAt"${session} FROM counted`
	type Row = { key: string; count: number; resetAt: Date; session?: SessionRow | null }
	// Every write pays this statement: past Prisma's pipeline unless the caller brought its own client.
	const rows = client === db ? await directRows<Row>(statement) : await client.$queryRaw<Row[]>(statement)
	const row = rows[0]!
	return {
		...writeLimitVerdict(row, limits, now),
		...(readSession
			? { session: typeof row.session === 'string' ? (JSON.parse(row.session) as SessionRow) : (row.session ?? null) }
			: {}),
	}
}

/** The write limits of a signed-in user and of an anonymous address (app/domain/throttle-policy.ts). */
export interface WriteLimits {
	user: WindowLimit
	anonymous: WindowLimit
}

/**
 * The write limit's count as WITH parts, for consumeWriteLimit and for a write that counts itself
 * (app/lib/write-guard.server.ts): `live` (the session's user while the session exists and has not
 * expired; with `readSession` also `seen`, the whole session row), `tier` and `counted`, the
 * counter's row after this one count — per user with a live session, else per address.
 */
export function writeLimitCtes(
	sessionId: string | null,
	address: string,
	limits: WriteLimits,
	now: number,
	{ readSession = false }: { readSession?: boolean } = {},
): Prisma.Sql {
	const at = new Date(now)
	// Live: the session exists and has not expired (whether its account is active is the route's
	// question, as before: a deactivated account's writes still count against its user).
	const live = readSession
		? Prisma.sql`seen AS (${sessionRowSql(sessionId ?? '')}),
			live AS (SELECT seen.id AS "userId" FROM seen WHERE seen."expiresAt" > ${at})`
		: Prisma.sql`live AS (
			SELECT "userId" FROM "Session" WHERE "id" = ${sessionId ?? ''} AND "expiresAt" > ${at}
		)`
	return Prisma.sql`${live}, tier AS (
			SELECT
				CASE WHEN live."userId" IS NULL THEN ${`tier:anonymous:${address}`} ELSE 'tier:user:' || live."userId" END AS "key",
				CASE WHEN live."userId" IS NULL THEN ${new Date(now + limits.anonymous.windowMs)}::timestamptz
					ELSE ${new Date(now + limits.user.windowMs)}::timestamptz END AS "resetAt"
			FROM (SELECT 1) AS one LEFT JOIN live ON true
		), counted AS (
			INSERT INTO "RateLimit" ("key", "count", "resetAt") SELECT "key", 1, "resetAt" FROM tier
			ON CONFLICT ("key") DO UPDATE SET
				"count" = CASE WHEN "RateLimit"."resetAt" <= ${at} THEN 1 ELSE "RateLimit"."count" + 1 END,
				"resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${at} THEN EXCLUDED."resetAt" ELSE "RateLimit"."resetAt" END
			RETURNING "key", "count", "resetAt"
		)`
}

/** Whether the write `counted` (writeLimitCtes' row) counted is within its tier's limit. */
export function writeLimitVerdict(
	counted: { key: string; count: number; resetAt: Date | string },
	limits: WriteLimits,
	now: number,
): RateLimitResult & { key: string } {
	const limit = counted.key.startsWith('tier:user:') ? limits.user.limit : limits.anonymous.limit
	return { ...verdict({ count: counted.count, resetAt: new Date(counted.resetAt) }, limit, now), key: counted.key }
}

/** The answer to a request over its limit, as the request tiers give it (server/rate-limit-tiers.ts). */
export function tooManyRequestsText(retryAfterSeconds: number): string {
	return `Te veel verzoeken. Probeer het over ${retryAfterSeconds} seconden opnieuw.`
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
