// The count of certificate lookups (CertificateVerification: when, which number, which answer),
// written behind (issue 17): a QR code at a deadline is scanned hundreds of times a second, and one
// insert per lookup made the database the limit of the public check. Each instance keeps its
// lookups in memory and writes them in one multi-row insert — every FLUSH_INTERVAL_MS, as soon as
// FLUSH_AT are waiting, and at a clean stop (server/startup.ts `shutdown`). Every lookup stays its
// own row with its own moment, so any statistic over the rows (per day, per certificate, per answer)
// is exact once the rows are written: at most FLUSH_INTERVAL_MS behind.
//
// What a crash loses: the lookups of the last FLUSH_INTERVAL_MS (at most FLUSH_AT at a time while
// the database answers). While the database is away the lookups wait and are tried again with the
// next flush, up to MAX_WAITING; beyond that the oldest are dropped (and logged): a count is not
// worth the server's memory.
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
const FLUSH_AT = 500
const MAX_WAITING = 50_000

let waiting: CountedLookup[] = []
let timer: ReturnType<typeof setInterval> | undefined
// One flush at a time, in order: a flush started while another runs follows it.
let flushing: Promise<void> = Promise.resolve()

/** Counts one lookup: kept in memory, written with the next flush. */
export function countLookup(lookup: CountedLookup): void {
	waiting.push(lookup)
	if (waiting.length >= FLUSH_AT) void flushVerificationCounts().catch(() => undefined)
	else if (!timer) {
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
	return waiting.length
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
	waiting = []
	if (batch.length === 0) return
	try {
		await insert(batch)
	} catch (error) {
		waiting = batch.concat(waiting)
		if (waiting.length > MAX_WAITING) {
			log.warn(`certificaatcontroles: ${waiting.length - MAX_WAITING} tellingen vervallen (database onbereikbaar)`)
			waiting = waiting.slice(waiting.length - MAX_WAITING)
		}
		throw error
	}
}

async function insert(batch: CountedLookup[]): Promise<void> {
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
async function insertRows(batch: CountedLookup[]): Promise<void> {
	const { columns, source } = jsonRows(
		'CertificateVerification',
		batch.map(({ certificateId, queriedNumber, result, at }) => ({
			id: newId(),
			certificateId,
			queriedNumber,
			result,
			at,
		})),
	)
	await db.$executeRaw`INSERT INTO "CertificateVerification" (${columns}) SELECT ${columns} FROM ${source}`
}
