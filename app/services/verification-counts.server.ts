// The count of certificate lookups (CertificateVerification: when, which number, which answer),
// written behind (issue 17): a QR code at a deadline is scanned hundreds of times a second, and one
// insert per lookup made the database the limit of the public check. Each instance counts its
// lookups in memory, per number, answer and second, and writes them in one multi-row insert — every
// FLUSH_INTERVAL_MS, as soon as FLUSH_AT rows are waiting, and at a clean stop (server/startup.ts
// `shutdown`). A row holds `count` lookups of one number with one answer within one second (`at`,
// that second's start), so any statistic over the rows (per day, per certificate, per answer, per
// second) is the sum of `count` and exact once the rows are written: at most FLUSH_INTERVAL_MS
// behind. Before stop 34 each lookup was its own row: a flood of one number was as many inserts,
// the database's work competing with the server for the machine (the register bench's
// certificate check, 2.07 × against 1.64 × the trivial route's p95 without the count).
//
// What a crash loses: the lookups of the last FLUSH_INTERVAL_MS (at most FLUSH_AT rows at a time
// while the database answers). While the database is away the rows wait and are tried again with the
// next flush, up to MAX_WAITING rows; beyond that the oldest are dropped (and logged): a count is not
// worth the server's memory. Meanwhile only the timer tries again, once an interval: FLUSH_AT rows
// waiting start no flush after a refused one (before stop 35 every lookup past FLUSH_AT queued a
// flush of its own, a retry per lookup while the database was away).
import { db } from '#app/lib/db.server.ts'
import { jsonRows } from '#app/lib/db/json-row.server.ts'
import { newId } from '#app/lib/ids.server.ts'
import { log } from '#app/lib/log.server.ts'

export interface CountedLookup {
	certificateId: string | null
	queriedNumber: string
	result: string
	at: Date
}

export const FLUSH_INTERVAL_MS = 1_000
let intervalMs = FLUSH_INTERVAL_MS
export const FLUSH_AT = 500
const MAX_WAITING = 50_000

/** One row to be: `count` lookups of one number with one answer in the second `at`. */
interface CountedRow extends CountedLookup {
	count: number
}

// Waiting rows by number, answer and second (in the order they were first counted).
let waiting = new Map<string, CountedRow>()
let timer: ReturnType<typeof setInterval> | undefined
// One flush at a time, in order: a flush started while another runs follows it.
let flushing: Promise<void> = Promise.resolve()
// A flush FLUSH_AT waiting rows started is queued or running: one at a time.
let earlyFlushing = false
// The last flush was refused: until one succeeds, only the timer tries.
let refused = false

/** Counts one lookup: kept in memory, written with the next flush. */
export function countLookup(lookup: CountedLookup): void {
	const second = Math.floor(lookup.at.getTime() / 1000) * 1000
	const key = `${second}\u0000${lookup.certificateId ?? ''}\u0000${lookup.result}\u0000${lookup.queriedNumber}`
	const row = waiting.get(key)
	if (row) row.count++
	else waiting.set(key, { ...lookup, at: new Date(second), count: 1 })
	if (waiting.size >= FLUSH_AT && !earlyFlushing && !refused) {
		earlyFlushing = true
		void flushVerificationCounts()
			.catch(() => undefined)
			.finally(() => (earlyFlushing = false))
	}
	if (!timer) {
		timer = setInterval(() => void flushVerificationCounts().catch(() => undefined), intervalMs)
		// The timer never keeps a process alive: a clean stop flushes (stopVerificationCounts).
		timer.unref()
	}
}

/** Another flush interval (tests: a long one holds the lookups until flushed by hand). */
export function setVerificationFlushInterval(ms: number = FLUSH_INTERVAL_MS): void {
	intervalMs = ms
	if (timer) clearInterval(timer)
	timer = undefined
}

/** Lookups counted on this instance and not yet written. */
export function unwrittenLookups(): number {
	let lookups = 0
	for (const row of waiting.values()) lookups += row.count
	return lookups
}

/** Writes every waiting lookup now (tests, a clean stop); rejects when the database refused them. */
export function flushVerificationCounts(): Promise<void> {
	const next = flushing.then(write)
	flushing = next.catch(() => undefined)
	return next
}

/** A clean stop: no more timer, and everything counted written. */
export async function stopVerificationCounts(): Promise<void> {
	if (timer) clearInterval(timer)
	timer = undefined
	await flushVerificationCounts()
}

async function write(): Promise<void> {
	const batch = waiting
	waiting = new Map()
	if (batch.size === 0) return
	try {
		await insert([...batch.values()])
		refused = false
	} catch (error) {
		if (!refused) log.warn('certificate lookup counts not written; the timer retries', String(error))
		refused = true
		// Back in front of what was counted meanwhile, the same number, answer and second as one row.
		for (const [key, row] of waiting) {
			const earlier = batch.get(key)
			if (earlier) earlier.count += row.count
			else batch.set(key, row)
		}
		waiting = batch
		if (waiting.size > MAX_WAITING) {
			const dropped = waiting.size - MAX_WAITING
			log.warn(`certificaatcontroles: ${dropped} tellingen vervallen (database onbereikbaar)`)
			for (const key of [...waiting.keys()].slice(0, dropped)) waiting.delete(key)
		}
		throw error
	}
}

async function insert(batch: CountedRow[]): Promise<void> {
	try {
		await insertRows(batch)
	} catch (error) {
		// A certificate deleted between the lookup and the flush (its participation removed) fails
		// the whole batch on the foreign key: the lookup still counts, without the link.
		const ids = [...new Set(batch.flatMap((lookup) => (lookup.certificateId ? [lookup.certificateId] : [])))]
		const present = new Set(
			(await db.certificate.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((row) => row.id),
		)
		if (present.size === ids.length) throw error
		await insertRows(
			batch.map((lookup) =>
				lookup.certificateId && !present.has(lookup.certificateId) ? { ...lookup, certificateId: null } : lookup,
			),
		)
	}
}

// One multi-row INSERT of the same text for any batch (jsonRows): Prisma's createMany compiled a
// new query plan for every batch size, 20–50 ms of the event loop several times a second under the
// register bench's certificate checks (issue 17, a CPU profile).
async function insertRows(batch: CountedRow[]): Promise<void> {
	const { columns, source } = jsonRows(
		'CertificateVerification',
		batch.map(({ certificateId, queriedNumber, result, at, count }) => ({
			id: newId(),
			certificateId,
			queriedNumber,
			result,
			at,
			count,
		})),
	)
	await db.$executeRaw`INSERT INTO "CertificateVerification" (${columns}) SELECT ${columns} FROM ${source}`
}
