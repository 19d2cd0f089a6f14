// The maintenance job's ANALYZE on the embedded database (issue 17: PGlite has no autovacuum) takes
// only the tables whose rows changed enough since their last ANALYZE — autovacuum's rule, 50 + 10 %
// of the rows — and every table never analysed (app/lib/db/stale-statistics.server.ts); the
// statistics still follow the data as it grows. The selection reads the same counters on both
// databases; on PostgreSQL the job leaves ANALYZE to autovacuum.
import { beforeAll, describe, expect, it } from 'vitest'
import { purgeSessions } from '#app/jobs/maintenance.server.ts'
import { db, getDatabase } from '#app/lib/db.server.ts'
import { analyzeStaleTables, staleTables } from '#app/lib/db/stale-statistics.server.ts'

const rateLimit = 'public."RateLimit"'

/** Changes `count` rows of RateLimit (new keys, a window an hour long, so the job keeps them). */
async function insertRateLimits(prefix: string, count: number) {
	await db.$transaction(async (tx) => {
		await tx.$executeRawUnsafe(
			`INSERT INTO "RateLimit" ("key", "count", "resetAt")
			SELECT $1 || n, 1, now() + interval '1 hour' FROM generate_series(1, $2::int) AS n`,
			`${prefix}:`,
			count,
		)
		// On PostgreSQL the counts of this connection reach the shared counters when it goes idle
		// after the commit, not a second later.
		await tx.$executeRawUnsafe('SELECT pg_stat_force_next_flush()')
	})
}

const estimatedRows = async (table: string) =>
	(
		await db.$queryRawUnsafe<{ rows: number }[]>(
			`SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = $1::regclass`,
			table,
		)
	)[0]?.rows

beforeAll(async () => {
	// No autovacuum run in the middle of a test on PostgreSQL (this database is the test file's own).
	await db.$executeRawUnsafe('ALTER TABLE "RateLimit" SET (autovacuum_enabled = false)')
})

describe('ANALYZE of the tables whose statistics are stale', () => {
	it('takes every table never analysed, then only a table whose rows changed beyond 50 + 10 %', async () => {
		const first = await analyzeStaleTables()
		// A fresh database: none of its tables was ever analysed.
		expect(first).toEqual(expect.arrayContaining([rateLimit, 'public."Provider"', 'public."Participation"']))
		expect(await staleTables()).toEqual([])

		await insertRateLimits('a', 200)
		expect(await analyzeStaleTables()).toEqual([rateLimit])
		expect(await estimatedRows(rateLimit)).toBe(200)
		// 200 rows: stale beyond 50 + 20 changed rows.
		await insertRateLimits('b', 70)
		expect(await staleTables()).toEqual([])
		await insertRateLimits('c', 1)
		expect(await staleTables()).toEqual([rateLimit])
	})

	it('keeps the statistics of the embedded database following its data as it grows, in the maintenance job', async () => {
		const pglite = getDatabase().kind === 'pglite'
		await purgeSessions.run(new Date())
		// Nothing changed since: nothing to analyse (before, every run analysed the whole database).
		expect((await purgeSessions.run(new Date())).analyzed).toBe(0)
		const before = await estimatedRows(rateLimit)
		await insertRateLimits('grown', 5_000)
		const run = await purgeSessions.run(new Date())
		if (pglite) {
			expect(run.analyzed).toBeGreaterThanOrEqual(1)
			expect(await estimatedRows(rateLimit)).toBe((before ?? 0) + 5_000)
			expect(await staleTables()).toEqual([])
		} else {
			// PostgreSQL: autovacuum's work, not the job's.
			expect(run.analyzed).toBe(0)
		}
	})
})
