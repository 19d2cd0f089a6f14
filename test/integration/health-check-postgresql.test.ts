// The health check on PostgreSQL (server/healthz.ts, app/lib/db/answer-clock.server.ts): a database
// that answered a statement within the last second is alive, so /healthz does not wait for one of
// the pool's connections behind the saves at the deadline rush (issue 17). Quiet for longer, it asks
// the database itself — and then waits for a connection, or says the database is down. Only on
// PostgreSQL; PGlite's thread has the same rule (pglite-thread.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDatabase, db, getDatabase, initDatabase } from '#app/lib/db.server.ts'
import { healthz, RECENT_ANSWER_MS } from '#server/healthz.ts'
import { createProvider } from '#test/fixtures/factories.ts'
import { gate } from '#test/fixtures/gate.ts'
import { testDatabaseUrl } from '#test/setup/test-database.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.runIf(Boolean(testDatabaseUrl()))('the health check on PostgreSQL', () => {
	let databaseUrl: string

	beforeAll(async () => {
		// This file's database again, with a pool of one connection: a transaction holding it is
		// the whole pool busy, as at the rush.
		databaseUrl = getDatabase().connectionString as string
		await closeDatabase()
		await initDatabase({ databaseUrl, pgPoolMax: 1 }, { migrate: false })
	})

	afterAll(async () => {
		await closeDatabase()
		await initDatabase({ databaseUrl }, { migrate: false }) // for the setup's own close
	})

	it('answers without waiting for the pool while the database keeps answering, and asks it when quiet', async () => {
		const provider = await createProvider()
		const inside = gate()
		const release = gate()
		const transaction = db.$transaction(async (tx) => {
			await tx.provider.update({ where: { id: provider.id }, data: { name: 'Gezondheid Bezet' } })
			inside.open()
			await release.opened
		})
		await inside.opened
		expect(getDatabase().answeredWithin?.(RECENT_ANSWER_MS)).toBe(true)
		const answer = await Promise.race([healthz(), sleep(500).then(() => 'waited' as const)])
		expect(answer).not.toBe('waited')
		expect(await (answer as Response).json()).toMatchObject({ status: 'ok', database: 'postgresql' })

		// Quiet for longer than a second: the check sends its own SELECT 1, which waits for the
		// pool's one connection until the transaction ends.
		await sleep(RECENT_ANSWER_MS + 100)
		expect(getDatabase().answeredWithin?.(RECENT_ANSWER_MS)).toBe(false)
		let asked = false
		const asking = healthz().then((response) => {
			asked = true
			return response
		})
		await sleep(200)
		expect(asked).toBe(false)
		release.open()
		await transaction
		expect((await asking).status).toBe(200)
		expect(getDatabase().answeredWithin?.(RECENT_ANSWER_MS)).toBe(true)
	})

	it('says the database is down when it stopped answering', async () => {
		// A database the pool cannot reach: no statement has answered, so the check asks, and fails.
		await closeDatabase()
		const unreachable = new URL(databaseUrl)
		unreachable.port = '1' // nothing listens there
		await initDatabase({ databaseUrl: unreachable.toString(), pgPoolMax: 1 }, { migrate: false })
		try {
			expect(getDatabase().answeredWithin?.(RECENT_ANSWER_MS)).toBe(false)
			const answer = await healthz()
			expect(answer.status).toBe(503)
			expect(await answer.json()).toMatchObject({ status: 'error', database: 'down' })
		} finally {
			await closeDatabase()
			await initDatabase({ databaseUrl, pgPoolMax: 1 }, { migrate: false })
		}
	})
})
