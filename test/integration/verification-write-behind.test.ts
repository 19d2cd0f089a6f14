// The certificate check without a write per lookup (issue 17): lookups counted in memory and
// written behind in batches, the per-address throttle counted locally and shared in batches, and a
// browser's conditional request answered 304 only while the page would be the same — across a
// withdrawal, midnight of 1 January, 1 April and the minute the page shows.
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db, getDatabase } from '#app/lib/db.server.ts'
import { SYNC_AFTER, SyncedRateLimits, type WindowLimit } from '#app/lib/rate-limit.server.ts'
import type { RegisterYearScenario } from '#app/lib/test-fixtures/register.server.ts'
import { loader as verifyLoader } from '#app/routes/public/verify.tsx'
import {
	countLookup,
	FLUSH_AT,
	FLUSH_INTERVAL_MS,
	flushVerificationCounts,
	setVerificationFlushInterval,
	unwrittenLookups,
} from '#app/services/verification-counts.server.ts'
import { type LookedUpVerification, verifyCertificate } from '#app/services/verification.server.ts'
import { VERIFICATION_CACHE_CONTROL, verificationHttpCache } from '#server/verification-http-cache.ts'
import { createCarrierYear, withdrawCarrier } from '#test/fixtures/register-carriers.ts'
import { dataOf, getRequest, routeArgs, settle } from '#test/fixtures/requests.ts'
import { recordRawStatements } from '#test/fixtures/raw-statements.ts'

const YEAR = 2074
let scenario: RegisterYearScenario

beforeAll(async () => {
	scenario = await createCarrierYear(YEAR, 'Controle', [
		{ name: 'Controle De Bron', city: 'Assen', postcode: '9401 AA', type: 'independent_practice' },
	])
}, 180_000)

/** Lookups of `number` written so far: the sum of the rows' counts. */
const counted = async (number: string) =>
	(await db.certificateVerification.aggregate({ where: { queriedNumber: number }, _sum: { count: true } }))._sum
		.count ?? 0

describe('verification counts, written behind', () => {
	it('arrive after the flush, not before, one row per number, answer and second', async () => {
		setVerificationFlushInterval(3_600_000)
		await flushVerificationCounts()
		const number = scenario.qualified[0]?.certificateNumber ?? ''
		const may = amsterdamInstant(`${YEAR}-05-02`, { hour: 9 })
		const before = await counted(number)
		for (let index = 0; index < 3; index++) await verifyCertificate(number, may)
		await verifyCertificate(`KBG-${YEAR}-9999`, may)
		expect(unwrittenLookups()).toBe(4)
		expect(await counted(number)).toBe(before)
		await flushVerificationCounts()
		expect(unwrittenLookups()).toBe(0)
		const rows = await db.certificateVerification.findMany({ where: { queriedNumber: number, at: may } })
		expect(rows).toHaveLength(1)
		expect(rows[0]).toMatchObject({ result: 'valid', count: 3 })
		expect(rows[0]?.certificateId).not.toBeNull()
		expect(await counted(number)).toBe(before + 3)
		expect(await counted(`KBG-${YEAR}-9999`)).toBe(1)
		setVerificationFlushInterval()
	})

	it('writes a batch of any size in one statement, each second its own row with its count', async () => {
		setVerificationFlushInterval(3_600_000)
		await flushVerificationCounts()
		const number = scenario.qualified[0]?.certificateNumber ?? ''
		const june = amsterdamInstant(`${YEAR}-06-03`, { hour: 9 })
		// 700 seconds with one lookup each: one batch goes at 500 rows waiting (FLUSH_AT), the rest at the
		// flush by hand.
		for (let index = 0; index < 700; index++) await verifyCertificate(number, new Date(june.getTime() + index * 1000))
		await flushVerificationCounts()
		const rows = await db.certificateVerification.findMany({
			where: { queriedNumber: number, at: { gte: june, lt: new Date(june.getTime() + 700_000) } },
			orderBy: { at: 'asc' },
		})
		expect(rows).toHaveLength(700)
		expect(new Set(rows.map((row) => row.id)).size).toBe(700)
		expect(rows.every((row, index) => row.at.getTime() === june.getTime() + index * 1000 && row.count === 1)).toBe(true)
		expect(
			rows.every((row) => row.result === 'valid' && row.certificateId !== null && /^c[0-9a-z]{24}$/.test(row.id)),
		).toBe(true)
		setVerificationFlushInterval()
	})

	it('keeps a flood of one number as one row a second, at the second’s start, every lookup counted', async () => {
		setVerificationFlushInterval(3_600_000)
		await flushVerificationCounts()
		const number = scenario.qualified[1]?.certificateNumber ?? ''
		const august = amsterdamInstant(`${YEAR}-08-04`, { hour: 9 })
		// 2,500 lookups over 2.5 s (one per millisecond): three seconds, three rows.
		for (let index = 0; index < 2_500; index++) await verifyCertificate(number, new Date(august.getTime() + index))
		expect(unwrittenLookups()).toBe(2_500)
		await flushVerificationCounts()
		const rows = await db.certificateVerification.findMany({
			where: { queriedNumber: number, at: { gte: august, lt: new Date(august.getTime() + 3_000) } },
			orderBy: { at: 'asc' },
		})
		expect(rows.map((row) => [row.at.getTime() - august.getTime(), row.count, row.result])).toEqual([
			[0, 1_000, 'valid'],
			[1_000, 1_000, 'valid'],
			[2_000, 500, 'valid'],
		])
		setVerificationFlushInterval()
	})

	it('still counts a lookup whose certificate was deleted before the flush, without the link', async () => {
		setVerificationFlushInterval(3_600_000)
		await flushVerificationCounts()
		const gone = scenario.qualified[2]?.certificateNumber ?? ''
		const kept = scenario.qualified[1]?.certificateNumber ?? ''
		const july = amsterdamInstant(`${YEAR}-07-01`, { hour: 9 })
		await verifyCertificate(gone, july)
		await verifyCertificate(kept, july)
		await db.certificate.delete({ where: { number: gone } })
		await flushVerificationCounts()
		const rows = await db.certificateVerification.findMany({ where: { at: july }, orderBy: { queriedNumber: 'asc' } })
		expect(rows.map((row) => [row.queriedNumber, row.result, row.certificateId === null])).toEqual(
			[
				[gone, 'valid', true],
				[kept, 'valid', false],
			].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
		)
		setVerificationFlushInterval()
	})

	it('keeps what the database refused and writes it with what was counted meanwhile, as one row', async () => {
		setVerificationFlushInterval(3_600_000)
		await flushVerificationCounts()
		const number = scenario.qualified[1]?.certificateNumber ?? ''
		const september = amsterdamInstant(`${YEAR}-09-05`, { hour: 9 })
		for (let index = 0; index < 3; index++) await verifyCertificate(number, september)
		// The table away: the flush fails and the three wait.
		await db.$executeRaw`ALTER TABLE "CertificateVerification" RENAME TO "CertificateVerificationAway"`
		try {
			await expect(flushVerificationCounts()).rejects.toThrow()
			expect(unwrittenLookups()).toBe(3)
			// Two more in the same second, and one in the next.
			await verifyCertificate(number, new Date(september.getTime() + 10))
			await verifyCertificate(number, new Date(september.getTime() + 20))
			await verifyCertificate(number, new Date(september.getTime() + 1_000))
			expect(unwrittenLookups()).toBe(6)
		} finally {
			await db.$executeRaw`ALTER TABLE "CertificateVerificationAway" RENAME TO "CertificateVerification"`
		}
		await flushVerificationCounts()
		expect(unwrittenLookups()).toBe(0)
		const rows = await db.certificateVerification.findMany({
			where: { queriedNumber: number, at: { gte: september, lt: new Date(september.getTime() + 2_000) } },
			orderBy: { at: 'asc' },
		})
		expect(rows.map((row) => [row.at.getTime() - september.getTime(), row.count])).toEqual([
			[0, 5],
			[1_000, 1],
		])
		setVerificationFlushInterval()
	})

	it('while the database refuses, tries once, not once per lookup past the batch size', async () => {
		setVerificationFlushInterval(3_600_000)
		await flushVerificationCounts()
		const executed = vi.spyOn(getDatabase().prisma, '$executeRaw')
		const inserts = () =>
			executed.mock.calls.filter(([sql]) => String(sql).includes('INSERT INTO "CertificateVerification"')).length
		const at = amsterdamInstant(`${YEAR}-09-06`, { hour: 9 })
		const lookups = FLUSH_AT + 200
		await db.$executeRaw`ALTER TABLE "CertificateVerification" RENAME TO "CertificateVerificationAway"`
		try {
			for (let index = 0; index < lookups; index++) {
				countLookup({ certificateId: null, queriedNumber: `KBG-WEG-${index}`, result: 'unknown', at })
				// Room for a started flush to run, as between requests.
				if (index % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
			}
			await new Promise((resolve) => setTimeout(resolve, 50))
			expect(inserts()).toBe(1)
			expect(unwrittenLookups()).toBe(lookups)
		} finally {
			await db.$executeRaw`ALTER TABLE "CertificateVerificationAway" RENAME TO "CertificateVerification"`
		}
		// Back: a flush writes them all, and the batch size starts flushes again.
		await flushVerificationCounts()
		expect(unwrittenLookups()).toBe(0)
		executed.mockClear()
		for (let index = 0; index < FLUSH_AT; index++) {
			countLookup({ certificateId: null, queriedNumber: `KBG-TERUG-${index}`, result: 'unknown', at })
		}
		await new Promise((resolve) => setTimeout(resolve, 50))
		await flushVerificationCounts()
		expect(inserts()).toBe(1)
		executed.mockRestore()
		setVerificationFlushInterval()
		expect((await db.certificateVerification.aggregate({ where: { at }, _sum: { count: true } }))._sum.count).toBe(
			lookups + FLUSH_AT,
		)
	})

	it('are written by the timer on their own, within the flush interval', async () => {
		const number = scenario.qualified[1]?.certificateNumber ?? ''
		const before = await counted(number)
		await verifyCertificate(number, amsterdamInstant(`${YEAR}-05-02`, { hour: 10 }))
		const deadline = Date.now() + FLUSH_INTERVAL_MS * 5
		while ((await counted(number)) === before && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 100))
		}
		expect(await counted(number)).toBe(before + 1)
	})
})

describe('a throttle counted locally and shared in batches', () => {
	const limit: WindowLimit = { limit: 30, windowMs: 60_000 }
	const shared = (key: string) => db.rateLimit.findUnique({ where: { key } }).then((row) => (row ? row.count : 0))

	it('is exact on one instance, and writes no row per request', async () => {
		const one = new SyncedRateLimits(db, 3_600_000)
		const key = 'test:synced:one'
		const verdicts = []
		for (let index = 0; index < limit.limit + 5; index++) verdicts.push((await one.consume(key, limit)).allowed)
		expect(verdicts.filter(Boolean)).toHaveLength(limit.limit)
		expect(verdicts.slice(limit.limit)).toEqual([false, false, false, false, false])
		// Shared in batches of SYNC_AFTER − 1 (the refused ones are not counted); the rest at the flush.
		expect(await shared(key)).toBeLessThan(limit.limit)
		await one.stop()
		expect(await shared(key)).toBe(limit.limit)
	})

	/**
	 * `db` whose next $queryRaw, once armed, answers only when released: a batch of the timer's flush
	 * still on its way back (PostgreSQL answers on another connection; under load that takes a while).
	 */
	function heldClient() {
		let armed = false
		let release: () => void = () => undefined
		let held = Promise.resolve()
		const client = {
			$queryRaw: async (...args: Parameters<typeof db.$queryRaw>) => {
				const result: unknown = await db.$queryRaw(...args)
				if (armed) {
					armed = false
					await held
				}
				return result
			},
			$executeRaw: db.$executeRaw.bind(db),
			$transaction: db.$transaction.bind(db),
		} as unknown as typeof db
		return {
			client,
			/** Holds the answer of the next statement until `release()`. */
			hold() {
				armed = true
				held = new Promise((resolve) => (release = resolve))
			},
			release: () => release(),
		}
	}

	it('shares by the timer only the keys near their limit; one-off addresses wait for a clean stop', async () => {
		const quick = new SyncedRateLimits(db, 50)
		const once = 'test:synced:once'
		const busy = 'test:synced:busy'
		try {
			for (let index = 0; index < 2; index++) expect((await quick.consume(once, limit)).allowed).toBe(true)
			for (let index = 0; index < limit.limit / 2 + 1; index++) await quick.consume(busy, limit)
			const deadline = Date.now() + 5_000
			while ((await shared(busy)) < limit.limit / 2 + 1 && Date.now() < deadline)
				await new Promise((resolve) => setTimeout(resolve, 25))
			// Half its limit and more: shared within a few intervals. Two lookups: no write of their own.
			expect(await shared(busy)).toBe(limit.limit / 2 + 1)
			expect(await shared(once)).toBe(0)
		} finally {
			await quick.stop()
		}
		expect(await shared(once)).toBe(2)
	})

	it('forgets an address once its window has ended, shared or not, and holds at most its bound of addresses', async () => {
		const one = new SyncedRateLimits(db, 3_600_000, 10)
		try {
			await one.consume('test:synced:short', { limit: 30, windowMs: 40 })
			expect(one.size()).toBe(1)
			await new Promise((resolve) => setTimeout(resolve, 60))
			await one.flush()
			expect(one.size()).toBe(0)
			// Twenty one-off addresses (none shared by a timer): never more than the bound held.
			const sizes: number[] = []
			for (let index = 0; index < 20; index++) {
				expect((await one.consume(`test:synced:visitor-${index}`, limit)).allowed).toBe(true)
				sizes.push(one.size())
			}
			expect(Math.max(...sizes)).toBeLessThanOrEqual(10)
		} finally {
			await one.stop()
		}
	})

	it('is exact on one instance while the timer’s batch is on its way (PostgreSQL under load)', async () => {
		const small: WindowLimit = { limit: 5, windowMs: 60_000 }
		const held = heldClient()
		const one = new SyncedRateLimits(held.client, 3_600_000)
		const key = 'test:synced:in-flight'
		try {
			for (let index = 0; index < 3; index++) expect((await one.consume(key, small)).allowed).toBe(true)
			// The timer's flush sends these three; its answer is late. Until it comes they are counted all
			// the same: the limit admits two more, not five.
			held.hold()
			const flushing = one.flush()
			const verdicts = []
			for (let index = 0; index < 4; index++) verdicts.push((await one.consume(key, small)).allowed)
			expect(verdicts).toEqual([true, true, false, false])
			held.release()
			await flushing
			expect((await one.consume(key, small)).allowed).toBe(false)
			await one.stop()
			expect(await shared(key)).toBe(small.limit)
		} finally {
			held.release()
			await one.stop()
		}
	})

	it('keeps the newest shared count when the timer’s batch answers after a later sync', async () => {
		const small: WindowLimit = { limit: 8, windowMs: 60_000 }
		const held = heldClient()
		const one = new SyncedRateLimits(held.client, 3_600_000)
		const key = 'test:synced:late-answer'
		try {
			for (let index = 0; index < 3; index++) await one.consume(key, small)
			held.hold()
			const flushing = one.flush() // shares 3, answers late
			// SYNC_AFTER − 1 more, then the one that syncs: on its own answer it must not decide before
			// the flush's, nor may the flush's older count undo what the sync read.
			const verdicts: boolean[] = []
			for (let index = 0; index < SYNC_AFTER - 1; index++) verdicts.push((await one.consume(key, small)).allowed)
			const syncing = one.consume(key, small)
			await new Promise((resolve) => setTimeout(resolve, 50))
			held.release()
			verdicts.push((await syncing).allowed)
			await flushing
			for (let index = 0; index < 3; index++) verdicts.push((await one.consume(key, small)).allowed)
			expect(verdicts.filter(Boolean)).toHaveLength(small.limit - 3)
			expect(verdicts.slice(-3)).toEqual([false, false, false])
			await one.stop()
			expect(await shared(key)).toBe(small.limit)
		} finally {
			held.release()
			await one.stop()
		}
	})

	it('holds on a second instance: what A counted refuses on B, within the bound', async () => {
		const a = new SyncedRateLimits()
		const b = new SyncedRateLimits()
		const key = 'test:synced:two'
		try {
			// B has seen this address before (and holds "nothing counted" locally) …
			expect((await b.consume(key, limit)).allowed).toBe(true)
			for (let index = 0; index < limit.limit; index++) await a.consume(key, limit)
			expect((await a.consume(key, limit)).allowed).toBe(false)
			// … and still refuses it after at most SYNC_AFTER − 1 more, without any timer: its next sync
			// reads A's counts.
			const onB = []
			for (let index = 0; index < SYNC_AFTER + 2; index++) onB.push((await b.consume(key, limit)).allowed)
			expect(onB.filter(Boolean).length).toBeLessThanOrEqual(SYNC_AFTER - 1)
			expect(onB.at(-1)).toBe(false)
		} finally {
			await Promise.all([a.stop(), b.stop()])
		}
	})

	it('overshoots by at most (N + 1) · (SYNC_AFTER − 1) when two instances take turns', async () => {
		const a = new SyncedRateLimits()
		const b = new SyncedRateLimits()
		const key = 'test:synced:turns'
		try {
			let admitted = 0
			for (let index = 0; index < 3 * limit.limit; index++) {
				if ((await (index % 2 === 0 ? a : b).consume(key, limit)).allowed) admitted++
			}
			expect(admitted).toBeGreaterThanOrEqual(limit.limit)
			expect(admitted).toBeLessThanOrEqual(limit.limit + 3 * (SYNC_AFTER - 1))
			// Both refuse now.
			expect((await a.consume(key, limit)).allowed).toBe(false)
			expect((await b.consume(key, limit)).allowed).toBe(false)
		} finally {
			await Promise.all([a.stop(), b.stop()])
		}
	})
})

describe('conditional requests for the certificate check', () => {
	let base = ''
	let close: () => Promise<void> = async () => undefined

	beforeAll(async () => {
		const app = express()
		app.set('etag', false)
		app.use(verificationHttpCache(async () => 'build-1'))
		// The route's loader stands in for the rendered page: its data is what the page shows. Its load
		// context carries the middleware's lookup, as server/app.ts's loadContext passes it on.
		app.use(async (req, res) => {
			const number = /^\/verifieer\/(.+)$/.exec(req.path)?.[1] ?? ''
			const args = routeArgs<Parameters<typeof verifyLoader>[0]>(getRequest(req.originalUrl), {
				number: decodeURIComponent(number),
			})
			args.context.verification = res.locals.verification as LookedUpVerification | undefined
			const { response, value } = await settle(() => verifyLoader(args))
			if (response) return void res.status(response.status).send(await response.text())
			const { data, status } = dataOf<{ verification: unknown; checkedAt: Date }>(value)
			res.status(status).json({ verification: data.verification, checkedAt: data.checkedAt })
		})
		const server = app.listen(0)
		await new Promise((resolve) => server.once('listening', resolve))
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
		close = () => new Promise((resolve) => server.close(() => resolve()))
	})
	afterAll(() => close())

	async function ask(number: string, etag?: string) {
		const response = await fetch(`${base}/verifieer/${number}`, { headers: etag ? { 'If-None-Match': etag } : {} })
		const body = response.status === 200 ? ((await response.json()) as { verification: { result: string } }) : null
		return { status: response.status, etag: response.headers.get('etag'), body, response }
	}

	it('answers 304 while the page is the same, counts it, and flips at a withdrawal and at midnight', async () => {
		const number = scenario.qualified[1]?.certificateNumber ?? ''
		const at = (date: string, hour: number, minute = 0) => amsterdamInstant(date, { hour, minute })
		await flushVerificationCounts()
		const before = await counted(number)

		// 31 December, late: valid.
		setClock(at(`${YEAR}-12-31`, 23, 58))
		const first = await ask(number)
		expect(first.status).toBe(200)
		expect(first.body?.verification.result).toBe('valid')
		expect(first.response.headers.get('cache-control')).toBe(VERIFICATION_CACHE_CONTROL)
		const again = await ask(number, first.etag ?? '')
		expect(again.status).toBe(304)
		// The next minute: the page says when it was checked, so it is a new page.
		setClock(at(`${YEAR}-12-31`, 23, 59))
		const nextMinute = await ask(number, first.etag ?? '')
		expect(nextMinute.status).toBe(200)
		expect(nextMinute.etag).not.toBe(first.etag)
		// Midnight of 1 January: the certificate of YEAR has expired — never a 304 for the old page.
		setClock(amsterdamInstant(`${YEAR + 1}-01-01`))
		const newYear = await ask(number, nextMinute.etag ?? '')
		expect(newYear.status).toBe(200)
		expect(newYear.body?.verification.result).toBe('expired')
		await flushVerificationCounts()
		// Four lookups answered (three pages and one 304): four counted.
		expect(await counted(number)).toBe(before + 4)
	})

	it('reads the register version once a request, for a rendered page as for a 304', async () => {
		const number = scenario.qualified[1]?.certificateNumber ?? ''
		// Counts (and passes on) every raw query: the register version is one of them.
		const raw = recordRawStatements()
		const versionReads = () => raw.texts().filter((sql) => sql.includes('"RegisterVersion"')).length
		// On PGlite the version is read only after a write (test/integration/register-version-reads.test.ts):
		// one before each request makes every request read it, as on PostgreSQL.
		const write = async () => {
			await db.$executeRaw`UPDATE "RegisterVersion" SET version = version WHERE id = 1`
			raw.clear()
		}
		try {
			setClock(amsterdamInstant(`${YEAR}-06-01`, { hour: 12, minute: 30, second: 59 }))
			await write()
			const page = await ask(number)
			expect(page.status).toBe(200)
			expect(versionReads()).toBe(1)
			await write()
			expect((await ask(number, page.etag ?? '')).status).toBe(304)
			expect(versionReads()).toBe(1)
			// An unknown number is rendered (404) from the middleware's lookup too.
			await write()
			expect((await ask(`KBG-${YEAR}-9997`)).status).toBe(404)
			expect(versionReads()).toBe(1)
		} finally {
			raw.restore()
		}
	})

	it('flips at 1 April and at a withdrawal made live, and leaves unknown numbers uncached', async () => {
		const number = scenario.qualified[0]?.certificateNumber ?? ''
		const april = amsterdamInstant(`${YEAR}-04-01`)
		setClock(new Date(april.getTime() - 1))
		const march = await ask(number)
		setClock(april)
		const first = await ask(number, march.etag ?? '')
		expect(first.status).toBe(200)
		expect(first.etag).not.toBe(march.etag)
		expect((await ask(number, first.etag ?? '')).status).toBe(304)

		// A withdrawal made now: the very next request with the same ETag gets the new page.
		await withdrawCarrier(YEAR, scenario.qualified[0]?.slug ?? '', april)
		const withdrawn = await ask(number, first.etag ?? '')
		expect(withdrawn.status).toBe(200)
		expect(withdrawn.body?.verification.result).toBe('withdrawn')
		expect((await ask(number, withdrawn.etag ?? '')).status).toBe(304)

		const unknown = await fetch(`${base}/verifieer/KBG-${YEAR}-9998`)
		expect(unknown.status).toBe(404)
		expect(unknown.headers.get('etag')).toBeNull()
		// A signed-in visitor's page is rendered as before, without an ETag.
		const signedIn = await fetch(`${base}/verifieer/${number}`, {
			headers: { cookie: '__session=abc', 'If-None-Match': withdrawn.etag ?? '' },
		})
		expect(signedIn.status).toBe(200)
		expect(signedIn.headers.get('etag')).toBeNull()
	})
})
