// The public register's caches (issue 17): what the register, a carrier page and the open data
// show is a function of (the data, the moment). The data is summed up by the register version —
// one row in the database, bumped by triggers in every transaction that changes something the
// register reads (migration register_version), so every instance on one database sees a change the
// moment it commits. The moment matters only where it crosses an instant stored in the data (a
// register window opening or closing, a qualification, a withdrawal taking effect, a certificate
// expiring) or a calendar day (the running year, 1 January, 1 April). So a key of
// (version, instants passed, Amsterdam date) names one answer, and every request with that key gets
// the same answer: computed once per instance, and as an ETag the browser sends back (304).
import { createHash } from 'node:crypto'
import { amsterdamDateOf } from '#app/domain/amsterdam-time.ts'
import { clockDescription, now } from '#app/lib/clock.server.ts'
import { Prisma } from '#app/generated/prisma/client.ts'
import { db, directRows, getDatabase } from '#app/lib/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'

/** Off (KEURMERK_REGISTER_CACHE=off): every request computes its answer (the bench's "uncached" run). */
export function registerCacheEnabled(): boolean {
	return process.env.KEURMERK_REGISTER_CACHE !== 'off'
}

/**
 * The notification channel of the register version (migration register_version_notify): PostgreSQL
 * notifies every listening instance when a transaction that bumped the version commits.
 */
export const REGISTER_VERSION_CHANNEL = 'keurmerk_register_version'

/**
 * On PostgreSQL a version kept since a notification is read again after at most this long even when
 * nothing was heard (REGISTER_VERSION_MAX_AGE_MS, default 1 s; 0: read at every request): a bound on
 * what a notification that never arrives could cost (none is lost on a connection that stays up; one
 * that broke is noticed and moves the generation; a pooler in transaction mode passes none).
 */
let maxAgeOverride: number | undefined

/** Another bound on a kept version's age (tests: a long one shows what the notifications alone do); none: the setting. */
export function setRegisterVersionMaxAge(ms?: number): void {
	maxAgeOverride = ms
}

/** The version last read, of which database, and the generation it was read in. */
let readVersion: { version: string; generation: string; database: object } | undefined

/**
 * What must stay the same for a version read earlier to still be the version: undefined when only a
 * read can tell. PGlite: this process's writes (every write there is). PostgreSQL: this instance's
 * writes (so its own change is seen by its very next request), the notifications heard of everyone's
 * (another instance's change is seen once PostgreSQL's notification has arrived, milliseconds after
 * its commit), and the age bound; while the watch does not listen, every request reads.
 */
function versionGeneration(database: ReturnType<typeof getDatabase>): string | undefined {
	const writes = database.writeGeneration()
	if (!database.listen) return String(writes)
	const maxAgeMs = maxAgeOverride ?? getEnv().REGISTER_VERSION_MAX_AGE_MS
	if (maxAgeMs === 0) return undefined
	const heard = database.listen(REGISTER_VERSION_CHANNEL).generation()
	if (heard === undefined) return undefined
	return `${writes}.${heard}.${Math.floor(Date.now() / maxAgeMs)}`
}

/**
 * The register's version: the row's token (new if the row is ever recreated) and its counter. Needed
 * by every register page and certificate check, 304s included; read straight on the adapter, and
 * only when something may have changed it since the last read (versionGeneration) — not once per
 * request (issue 17: on PostgreSQL that round trip was a fifth of the main thread's work at the
 * certificate check).
 */
export async function registerVersion(): Promise<string> {
	const database = getDatabase()
	const generation = versionGeneration(database)
	if (generation !== undefined && readVersion?.generation === generation && readVersion.database === database)
		return readVersion.version
	const rows = await directRows<{ token: string; version: number }>(
		Prisma.sql`SELECT token, version FROM "RegisterVersion" WHERE id = 1`,
	)
	const row = rows[0]
	const version = row ? `${row.token}.${row.version}` : 'none'
	// Kept with the generation from before the read: a change that ended meanwhile makes the next reader read.
	readVersion = generation === undefined ? undefined : { version, generation, database }
	return version
}

// Every stored instant at which the register's answer can change by itself (sorted, ms), per
// version: read once when the version changes (one scan), then a binary search per request.
let instants: { version: string; times: Promise<number[]> } | undefined

async function loadInstants(): Promise<number[]> {
	const rows = await db.$queryRaw<{ t: Date }[]>`
		SELECT DISTINCT t FROM (
			SELECT "listedFrom" AS t FROM "Participation"
			UNION SELECT "listedUntil" FROM "Participation"
			UNION SELECT "qualifiedAt" FROM "Participation"
			UNION SELECT "effectiveAt" FROM "Withdrawal" WHERE "undoneAt" IS NULL
			UNION SELECT "validUntil" FROM "Certificate"
		) instants WHERE t IS NOT NULL`
	return rows.map((row) => row.t.getTime()).sort((a, b) => a - b)
}

function instantsOf(version: string): Promise<number[]> {
	if (instants?.version !== version) {
		const times = loadInstants()
		instants = { version, times }
		times.catch(() => {
			if (instants?.times === times) instants = undefined
		})
	}
	return instants.times
}

/** How many of the sorted `times` are at or before `at`. */
export function passedCount(times: readonly number[], at: number): number {
	let low = 0
	let high = times.length
	while (low < high) {
		const middle = (low + high) >>> 1
		if ((times[middle] ?? 0) <= at) low = middle + 1
		else high = middle
	}
	return low
}

/** The key of the register's answers at `at`: equal keys, equal answers. */
export async function registerMomentKey(at: Date = now()): Promise<string> {
	const version = await registerVersion()
	const passed = passedCount(await instantsOf(version), at.getTime())
	return `${version}|${passed}|${amsterdamDateOf(at)}`
}

/**
 * The key of a register page at `at`: a moved clock (demos, tests) shows its time in the page's
 * banner, so then the minute is part of it too.
 */
export async function registerPageKey(at: Date = now()): Promise<string> {
	const clock = clockDescription()
	const minute = clock.mode === 'real' ? '' : `|${at.toISOString().slice(0, 16)}`
	return `${await registerMomentKey(at)}${minute}`
}

/** A short, opaque ETag for a response named by `parts` (the moment key, the URL, the language…). */
export function registerEtag(parts: readonly string[]): string {
	return `"r-${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27)}"`
}

// Answers per (moment key, what was asked), shared by all requests of this instance. A new
// version empties it (the old answers will never be asked for again); it holds at most
// MAX_ENTRIES answers and MAX_BYTES of them (estimated, estimatedBytes), the least recently used
// leaving first: one open data file of a large year is megabytes, a search page kilobytes, so a
// bound by count alone could hold hundreds of megabytes (issue 17, target 3). Promises, so that ten
// visitors asking the same thing at once start one computation; an answer counts once it is there.
const MAX_ENTRIES = 500
const MAX_BYTES = 32 * 1024 * 1024
let limits = { entries: MAX_ENTRIES, bytes: MAX_BYTES }
interface Entry {
	answer: Promise<unknown>
	bytes: number
}
const answers = new Map<string, Entry>()
let answersVersion = ''
let answersBytes = 0

/**
 * The answer to `question` at `at`, from the cache or from `load` (which must compute it for that
 * same `at`). Callers must not change what they get: it is shared.
 */
export async function cachedRegisterAnswer<T>(question: string, at: Date, load: (at: Date) => Promise<T>): Promise<T> {
	return (await cachedRegisterAnswerAt(question, at, load)).answer
}

/**
 * As cachedRegisterAnswer, with the moment key the answer belongs to (null with the cache off), so
 * an ETag can name exactly that answer without asking for the version a second time.
 */
export async function cachedRegisterAnswerAt<T>(
	question: string,
	at: Date,
	load: (at: Date) => Promise<T>,
): Promise<{ moment: string | null; answer: T }> {
	if (!registerCacheEnabled()) return { moment: null, answer: await load(at) }
	const moment = await registerMomentKey(at)
	return { moment, answer: await remembered(moment, question, at, load) }
}

function remembered<T>(moment: string, question: string, at: Date, load: (at: Date) => Promise<T>): Promise<T> {
	const version = moment.slice(0, moment.indexOf('|'))
	if (version !== answersVersion) {
		clearAnswers()
		answersVersion = version
	}
	const key = `${moment}|${question}`
	const cached = answers.get(key)
	if (cached) {
		answers.delete(key)
		answers.set(key, cached)
		return cached.answer as Promise<T>
	}
	const pending = load(at)
	const entry: Entry = { answer: pending, bytes: 0 }
	answers.set(key, entry)
	pending.then(
		(value) => {
			if (answers.get(key) !== entry) return
			entry.bytes = estimatedBytes(value)
			// Larger than the whole bound: answered, not kept (keeping it would push out everything else).
			if (entry.bytes > limits.bytes) answers.delete(key)
			else answersBytes += entry.bytes
			evict()
		},
		() => {
			if (answers.get(key) === entry) answers.delete(key)
		},
	)
	evict()
	return pending
}

/** Drops the least recently used answers until both bounds hold. */
function evict(): void {
	for (const [key, entry] of answers) {
		if (answers.size <= limits.entries && answersBytes <= limits.bytes) return
		answers.delete(key)
		answersBytes -= entry.bytes
	}
}

function clearAnswers(): void {
	answers.clear()
	answersBytes = 0
}

/**
 * An upper estimate of the memory a computed answer holds: every string at two bytes a character
 * (V8 stores most in one), numbers and booleans at 8, objects, arrays and dates with a fixed overhead
 * and 8 per slot. Cheap next to computing the answer, and counted once per answer.
 */
export function estimatedBytes(value: unknown): number {
	let bytes = 0
	const seen = new Set<object>()
	const stack: unknown[] = [value]
	while (stack.length > 0) {
		const item = stack.pop()
		if (typeof item === 'string') bytes += 16 + item.length * 2
		else if (item === null || typeof item !== 'object') bytes += 8
		else if (!seen.has(item)) {
			seen.add(item)
			if (item instanceof Date) bytes += 32
			else if (ArrayBuffer.isView(item)) bytes += 64 + item.byteLength
			else if (Array.isArray(item)) {
				bytes += 32 + item.length * 8
				for (const element of item) stack.push(element)
			} else {
				const entries = Object.entries(item)
				bytes += 32 + entries.length * 8
				for (const [name, field] of entries) stack.push(name, field)
			}
		}
	}
	return bytes
}

/** What this instance holds (tests): answers, and their estimated bytes. */
export function registerCacheSize(): { entries: number; bytes: number } {
	return { entries: answers.size, bytes: answersBytes }
}

/** Other bounds for a test; without an argument the defaults again. Empties the cache. */
export function setRegisterCacheLimits(next: { entries?: number; bytes?: number } = {}): void {
	limits = { entries: next.entries ?? MAX_ENTRIES, bytes: next.bytes ?? MAX_BYTES }
	clearAnswers()
}

/** Empties this instance's answers (tests that compare cached with uncached answers). */
export function clearRegisterCache(): void {
	clearAnswers()
	instants = undefined
}
