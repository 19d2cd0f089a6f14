import { PGlite } from '@electric-sql/pglite'
import type { SqlDriverAdapter, SqlQuery } from '@prisma/driver-adapter-utils'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withAnswerClock } from './answer-clock.server.ts'
import { withWriteGeneration } from './write-generation.server.ts'

// The two wrappers built on withStatementHooks, over a real (in-memory) PGlite and its Prisma adapter.
const sql = (text: string): SqlQuery => ({ sql: text, args: [], argTypes: [] })

let client: PGlite
beforeAll(async () => {
	client = new PGlite()
	await client.exec('CREATE TABLE note (id int PRIMARY KEY)')
})
afterAll(() => client.close())

describe('the write generation', () => {
	it('counts every write that ends, in and outside transactions, and no plain read', async () => {
		const writes = withWriteGeneration(new PrismaPGlite(client))
		const adapter: SqlDriverAdapter = await writes.factory.connect()
		const counted = async (run: () => Promise<unknown>) => {
			const before = writes.current()
			await run().catch(() => undefined)
			return writes.current() - before
		}
		expect(await counted(() => adapter.queryRaw(sql('SELECT count(*) FROM note')))).toBe(0)
		expect(await counted(() => adapter.executeRaw(sql('INSERT INTO note VALUES (1)')))).toBe(1)
		// A write that fails counts too: whether it changed anything is not known from here.
		const before = writes.current()
		await expect(adapter.executeRaw(sql('INSERT INTO note VALUES (1)'))).rejects.toThrow()
		expect(writes.current() - before).toBe(1)
		expect(await counted(() => adapter.executeScript('INSERT INTO note VALUES (2); INSERT INTO note VALUES (3)'))).toBe(
			1,
		)
		let committed!: Awaited<ReturnType<typeof adapter.startTransaction>>
		// Opening a transaction writes nothing; its end counts, whatever it was.
		expect(
			await counted(async () => {
				committed = await adapter.startTransaction()
			}),
		).toBe(0)
		expect(await counted(() => committed.queryRaw(sql('SELECT id FROM note')))).toBe(0)
		expect(await counted(() => committed.queryRaw(sql('SELECT id FROM note WHERE id = 1 FOR UPDATE')))).toBe(1)
		expect(await counted(() => committed.executeRaw(sql('INSERT INTO note VALUES (4)')))).toBe(1)
		expect(await counted(() => committed.commit())).toBe(1)
		const rolledBack = await adapter.startTransaction()
		await rolledBack.executeRaw(sql('INSERT INTO note VALUES (5)'))
		expect(await counted(() => rolledBack.rollback())).toBe(1)
		expect((await adapter.queryRaw(sql('SELECT id FROM note ORDER BY id'))).rows).toEqual([[1], [2], [3], [4]])
	})
})

describe('the answer clock', () => {
	it('notes every answer, the opening of a transaction and the statements inside it included', async () => {
		let time = 0
		const clock = withAnswerClock(new PrismaPGlite(client), () => time)
		const adapter = await clock.factory.connect()
		expect(clock.answeredWithin(1_000)).toBe(false)
		await adapter.queryRaw(sql('SELECT 1'))
		expect(clock.answeredWithin(0)).toBe(true)
		time = 5_000
		expect(clock.answeredWithin(1_000)).toBe(false)
		const transaction = await adapter.startTransaction()
		expect(clock.answeredWithin(0)).toBe(true)
		time = 10_000
		await transaction.queryRaw(sql('SELECT 1'))
		expect(clock.answeredWithin(0)).toBe(true)
		// The end of a transaction and a script are no answers the health check needs.
		time = 12_000
		await transaction.rollback()
		await adapter.executeScript('SELECT 1')
		expect(clock.answeredWithin(1_000)).toBe(false)
		time = 15_000
		// A statement that failed is no answer.
		await adapter.executeRaw(sql('SELECT * FROM missing_table')).catch(() => undefined)
		expect(clock.answeredWithin(1_000)).toBe(false)
	})
})
