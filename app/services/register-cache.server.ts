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
import { db } from '#app/lib/db.server.ts'

/** Off (KEURMERK_REGISTER_CACHE=off): every request computes its answer (the bench's "uncached" run). */
export function registerCacheEnabled(): boolean {
	return process.env.KEURMERK_REGISTER_CACHE !== 'off'
}

/** The register's version: the row's token (new if the row is ever recreated) and its counter. */
export async function registerVersion(): Promise<string> {
	const rows = await db.$queryRaw<{ token: string; version: number }[]>`
		SELECT token, version FROM "RegisterVersion" WHERE id = 1`
	const row = rows[0]
	return row ? `${row.token}.${row.version}` : 'none'
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
// MAX_ENTRIES answers, the least recently used leaving first. Promises, so that ten visitors
// asking the same thing at once start one computation.
const MAX_ENTRIES = 500
const answers = new Map<string, Promise<unknown>>()
let answersVersion = ''

/**
 * The answer to `question` at `at`, from the cache or from `load` (which must compute it for that
 * same `at`). Callers must not change what they get: it is shared.
 */
export async function cachedRegisterAnswer<T>(question: string, at: Date, load: (at: Date) => Promise<T>): Promise<T> {
	if (!registerCacheEnabled()) return load(at)
	const moment = await registerMomentKey(at)
	const version = moment.slice(0, moment.indexOf('|'))
	if (version !== answersVersion) {
		answers.clear()
		answersVersion = version
	}
	const key = `${moment}|${question}`
	const cached = answers.get(key) as Promise<T> | undefined
	if (cached) {
		answers.delete(key)
		answers.set(key, cached)
		return cached
	}
	const pending = load(at)
	answers.set(key, pending)
	pending.catch(() => {
		if (answers.get(key) === pending) answers.delete(key)
	})
	while (answers.size > MAX_ENTRIES) {
		const oldest = answers.keys().next().value
		if (oldest === undefined) break
		answers.delete(oldest)
	}
	return pending
}

/** Empties this instance's answers (tests that compare cached with uncached answers). */
export function clearRegisterCache(): void {
	answers.clear()
	instants = undefined
}
