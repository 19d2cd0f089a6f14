// The embedded database in its worker thread (PGLITE_THREAD=on, what the server runs): the same
// semantics as in process — transactions commit and roll back, a query from another request never
// lands inside someone's transaction, errors keep their Prisma codes, the data survives a restart
// on the same directory, backups and ANALYZE work — and a thread that dies fails loudly instead of
// leaving requests hanging. Only on PGlite (a PostgreSQL run has no embedded database).
import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackup } from '#app/lib/backup/backup.server.ts'
import { closeDatabase, db, getDatabase, initDatabase } from '#app/lib/db.server.ts'
import { migrationsUpToDate } from '#app/lib/db/migrations.server.ts'
import { startPGliteThread } from '#app/lib/db/pglite-thread.server.ts'
import { pgliteStartParams } from '#app/lib/db/pglite.server.ts'
import { healthz, RECENT_ANSWER_MS } from '#server/healthz.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { gate } from '#test/fixtures/gate.ts'
import { cloneTemplate, testDatabaseUrl, testRoot } from '#test/setup/test-database.ts'

const work = path.join(testRoot, `thread-${randomUUID().slice(0, 8)}`)
let clone: Awaited<ReturnType<typeof cloneTemplate>>

const count = async (where: string) =>
	Number((await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "Provider" WHERE ${where}`))[0]!.n)

describe.skipIf(Boolean(testDatabaseUrl()))('PGlite in its worker thread', () => {
	beforeAll(async () => {
		// This file's database, opened the way the server opens it.
		await closeDatabase()
		clone = await cloneTemplate()
		const database = await initDatabase({ pgliteDataDir: clone.pgliteDataDir, pgliteThread: true }, { migrate: false })
		expect(database.pglite).toBeUndefined() // not on this thread
		expect(database.location).toContain('thread')
	})

	afterAll(async () => {
		await closeDatabase()
		await clone?.dispose()
		rmSync(work, { recursive: true, force: true })
	})

	it('commits a transaction and rolls one back', async () => {
		const { provider } = await createProviderWithMember({ providerName: 'Thread Commit' })
		await db.$transaction(async (tx) => {
			await tx.provider.update({ where: { id: provider.id }, data: { name: 'Thread Committed' } })
		})
		await expect(
			db.$transaction(async (tx) => {
				await tx.provider.update({ where: { id: provider.id }, data: { name: 'Thread Rolled Back' } })
				throw new Error('afgebroken')
			}),
		).rejects.toThrow('afgebroken')
		expect((await db.provider.findUniqueOrThrow({ where: { id: provider.id } })).name).toBe('Thread Committed')
	})

	it('never runs another request’s query inside an open transaction', async () => {
		const { provider } = await createProviderWithMember({ providerName: 'Thread Isolation' })
		const inside = gate()
		const release = gate()
		const order: string[] = []
		const transaction = db
			.$transaction(async (tx) => {
				await tx.provider.update({ where: { id: provider.id }, data: { name: 'Thread Uncommitted' } })
				inside.open()
				await release.opened
				order.push('rollback')
				throw new Error('teruggedraaid')
			})
			.catch((error: Error) => error.message)
		await inside.opened
		// Another request reads while the transaction holds its change: on one shared session without
		// a lock it would see 'Thread Uncommitted', a name that never existed for anyone else.
		const outside = count(`name = 'Thread Uncommitted'`).then((n) => {
			order.push('outside')
			return n
		})
		await new Promise((resolve) => setTimeout(resolve, 200))
		expect(order).toEqual([]) // it waits for the transaction
		release.open()
		expect(await transaction).toBe('teruggedraaid')
		expect(await outside).toBe(0)
		expect(order).toEqual(['rollback', 'outside'])
	})

	it('serves concurrent requests and transactions without mixing them up', async () => {
		const { provider } = await createProviderWithMember({ providerName: 'Thread Counter' })
		await db.provider.update({ where: { id: provider.id }, data: { agbCode: '0' } })
		// Twenty read-modify-write transactions at once: each must see the previous one's write.
		await Promise.all(
			Array.from({ length: 20 }, () =>
				db.$transaction(async (tx) => {
					const { agbCode } = await tx.provider.findUniqueOrThrow({ where: { id: provider.id } })
					await tx.provider.update({ where: { id: provider.id }, data: { agbCode: String(Number(agbCode) + 1) } })
				}),
			),
		)
		const reads = await Promise.all(
			Array.from({ length: 20 }, () => db.provider.findUniqueOrThrow({ where: { id: provider.id } })),
		)
		expect(new Set(reads.map((read) => read.agbCode))).toEqual(new Set(['20']))
	})

	it('answers /healthz without queueing behind the engine’s work while the engine keeps answering', async () => {
		const { provider } = await createProviderWithMember({ providerName: 'Thread Health' })
		const inside = gate()
		const release = gate()
		// A transaction holds the engine: every statement outside it waits, as a SELECT 1 did behind
		// the saves at the deadline rush. The engine answered just now (the transaction's update).
		const transaction = db.$transaction(async (tx) => {
			await tx.provider.update({ where: { id: provider.id }, data: { name: 'Thread Health Busy' } })
			inside.open()
			await release.opened
		})
		await inside.opened
		expect(getDatabase().answeredWithin?.(RECENT_ANSWER_MS)).toBe(true)
		const started = performance.now()
		const answer = await Promise.race([
			healthz(),
			new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 500)),
		])
		expect(answer).not.toBe('waited')
		expect(performance.now() - started).toBeLessThan(500)
		expect(await (answer as Response).json()).toMatchObject({ status: 'ok', database: 'pglite' })
		// Quiet for longer than a second: the check asks the engine itself, and waits for it.
		await new Promise((resolve) => setTimeout(resolve, RECENT_ANSWER_MS + 100))
		expect(getDatabase().answeredWithin?.(RECENT_ANSWER_MS)).toBe(false)
		let asked = false
		const asking = healthz().then((response) => {
			asked = true
			return response
		})
		await new Promise((resolve) => setTimeout(resolve, 200))
		expect(asked).toBe(false)
		release.open()
		await transaction
		expect((await asking).status).toBe(200)
	})

	it('keeps Prisma’s error codes across the thread', async () => {
		const { user } = await createProviderWithMember()
		await expect(db.user.create({ data: { email: user.email, name: 'Dubbel' } })).rejects.toMatchObject({
			code: 'P2002',
		})
		await expect(db.$queryRawUnsafe('SELECT * FROM "BestaatNiet"')).rejects.toThrow(/42P01/)
		// And the database goes on after the errors.
		expect(await db.user.count()).toBeGreaterThan(0)
	})

	it('runs ANALYZE (the maintenance job) and backs up through the thread', async () => {
		await db.$executeRawUnsafe('ANALYZE')
		const database = getDatabase()
		const { manifest } = await createBackup(
			{ database, fileStorage: 'local', fileStorageDir: path.join(work, 'files') },
			path.join(work, 'backups'),
		)
		expect(manifest.source.database).toBe('pglite')
		expect(manifest.tables.Provider).toBe(await db.provider.count())
		expect(manifest.migrations.length).toBeGreaterThan(0)
	})

	it('holds the directory lock and keeps the data over a restart on the same directory', async () => {
		const dir = clone.pgliteDataDir!
		// The process holds the lock (the thread is part of it): `npm run jobs` beside it is refused.
		expect(readFileSync(path.join(dir, '.keurmerk.lock'), 'utf8')).toBe(String(process.pid))
		const { provider } = await createProviderWithMember({ providerName: 'Thread Restart' })
		await closeDatabase() // flushes PGlite and ends the thread
		await initDatabase({ pgliteDataDir: dir, pgliteThread: true }, { migrate: false })
		expect((await db.provider.findUniqueOrThrow({ where: { id: provider.id } })).name).toBe('Thread Restart')
		expect(await migrationsUpToDate(db)).toBe(true)
		// And in process too: one directory, either mode.
		await closeDatabase()
		await initDatabase({ pgliteDataDir: dir }, { migrate: false })
		expect(await db.provider.count({ where: { id: provider.id } })).toBe(1)
		await closeDatabase()
		await initDatabase({ pgliteDataDir: dir, pgliteThread: true }, { migrate: false })
	})

	it.runIf(existsSync('/proc/thread-self'))(
		'runs at the niceness it is given, the process’s other threads unchanged',
		async () => {
			const niceness = () =>
				readdirSync('/proc/self/task').map((tid) => {
					const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
					// Field 19 of stat(5), counted after the command name in parentheses (which may hold spaces).
					return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
				})
			const before = niceness()
			expect(before).not.toContain(7)
			const thread = await startPGliteThread({ startParams: pgliteStartParams(), nice: 7 })
			try {
				const adapter = await thread.factory.connect()
				expect((await adapter.queryRaw({ sql: 'SELECT 1 AS one', args: [], argTypes: [] })).rows).toEqual([[1]])
				const after = niceness()
				expect(after.filter((nice) => nice === 7)).toHaveLength(1)
				expect(after.filter((nice) => nice !== 7).every((nice) => nice === before[0])).toBe(true)
			} finally {
				await thread.close()
			}
		},
	)

	it('a thread that dies refuses the waiting query and reports the crash instead of hanging', async () => {
		const crashes: Error[] = []
		const thread = await startPGliteThread({
			startParams: pgliteStartParams(),
			onCrash: (error) => crashes.push(error),
		})
		const adapter = await thread.factory.connect()
		expect((await adapter.queryRaw({ sql: 'SELECT 1 AS one', args: [], argTypes: [] })).rows).toEqual([[1]])
		const waiting = adapter.queryRaw({
			sql: 'SELECT count(*) FROM generate_series(1, 200000000)',
			args: [],
			argTypes: [],
		})
		await new Promise((resolve) => setTimeout(resolve, 100))
		await thread.worker.terminate() // as an abort in the engine would
		await expect(waiting).rejects.toThrow(/PGlite-thread/)
		expect(crashes).toHaveLength(1)
		await expect(adapter.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] })).rejects.toThrow(/PGlite-thread/)
	})
})
