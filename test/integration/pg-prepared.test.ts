// Named prepared statements on PostgreSQL (app/lib/db/pg-prepared.server.ts, issue 17): what the
// server itself says (pg_prepared_statements) — a repeated statement is prepared once on its
// connection and then only executed, no more texts are named than the bound, a statement with no
// parameters never is — and a statement that a schema change made stale recovers. Only on PostgreSQL.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PrismaClient } from '#app/generated/prisma/client.ts'
import { getDatabase } from '#app/lib/db.server.ts'
import { isStalePlan, preparedPgAdapter, type StatementNames, statementNames } from '#app/lib/db/pg-prepared.server.ts'
import { createProvider } from '#test/fixtures/factories.ts'
import { testDatabaseUrl } from '#test/setup/test-database.ts'

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

/** The named statements of the transaction's connection (this query has no parameters: never named). */
const prepared = (tx: Tx) =>
	tx.$queryRaw<{ name: string; statement: string; runs: number }[]>`
		SELECT name, statement, (generic_plans + custom_plans)::int AS runs
		FROM pg_prepared_statements WHERE name LIKE 'kp\\_%' ORDER BY statement`

describe.runIf(Boolean(testDatabaseUrl()))('PostgreSQL with named prepared statements', () => {
	let prisma: PrismaClient
	let admin: pg.Client
	const clients: PrismaClient[] = []

	/** A client of its own on one connection, so every statement meets the ones prepared before it. */
	function clientWith(names: StatementNames) {
		const client = new PrismaClient({
			adapter: preparedPgAdapter({ connectionString: getDatabase().connectionString, max: 1 }, names),
		})
		clients.push(client)
		return client
	}

	beforeAll(async () => {
		const { connectionString } = getDatabase()
		prisma = clientWith(statementNames())
		admin = new pg.Client({ connectionString })
		await admin.connect()
		await admin.query('CREATE TABLE probe (id int PRIMARY KEY, label text NOT NULL)')
		await admin.query("INSERT INTO probe VALUES (1, 'een'), (2, 'twee')")
	})

	afterAll(async () => {
		await Promise.all(clients.map((client) => client.$disconnect()))
		await admin?.end()
	})

	it('prepares a repeated statement once on its connection and then only runs it', async () => {
		const provider = await createProvider()
		await prisma.$transaction(async (tx) => {
			for (let n = 0; n < 6; n++) {
				expect(await tx.provider.findUnique({ where: { id: provider.id }, select: { name: true } })).toEqual({
					name: provider.name,
				})
			}
			const statements = await prepared(tx)
			expect(statements).toHaveLength(1)
			expect(statements[0]!.statement).toContain('"Provider"')
			// Named from its second use: five runs of one prepared statement, not five statements.
			expect(statements[0]!.runs).toBe(5)
		})
		// The default client of the portal (openDatabase) names its statements too.
		await getDatabase().prisma.$transaction(async (tx) => {
			for (let n = 0; n < 3; n++) await tx.provider.findUnique({ where: { id: provider.id }, select: { slug: true } })
			expect((await prepared(tx)).some(({ statement }) => statement.includes('"slug"'))).toBe(true)
		})
	})

	it('names no more texts than its bound, and never a statement without parameters', async () => {
		const names = statementNames({ limit: 5 })
		await clientWith(names).$transaction(async (tx) => {
			for (let n = 0; n < 12; n++) {
				for (let twice = 0; twice < 2; twice++) {
					// Twelve distinct texts, each with a parameter: only the first few get a name.
					expect(await tx.$queryRawUnsafe(`SELECT label, ${n} AS n FROM probe WHERE id = $1`, 1)).toEqual([
						{ label: 'een', n },
					])
				}
				await tx.$queryRawUnsafe(`SELECT ${n} AS without_parameters`)
				await tx.$executeRawUnsafe(`SELECT ${n} AS one; SELECT ${n} AS two`) // a script: simple protocol
			}
			const statements = await prepared(tx)
			expect(statements).toHaveLength(5)
			expect(statements.some(({ statement }) => statement.includes('without_parameters'))).toBe(false)
		})
		expect(names.issued()).toBe(5)
	})

	it('goes on after a schema change makes a statement stale: once more outside a transaction, a new name in the next one', async () => {
		const fresh = statementNames()
		const client = clientWith(fresh)
		const row = (id: number) => client.$queryRaw<Record<string, unknown>[]>`SELECT * FROM probe WHERE id = ${id}`
		const inTransaction = (id: number) =>
			client.$transaction(
				(tx) => tx.$queryRaw<Record<string, unknown>[]>`SELECT *, 'tx' AS via FROM probe WHERE id = ${id}`,
			)
		for (let n = 0; n < 3; n++) {
			expect(await row(1)).toEqual([{ id: 1, label: 'een' }])
			expect(await inTransaction(1)).toEqual([{ id: 1, label: 'een', via: 'tx' }])
		}
		expect(fresh.issued()).toBe(2)
		// Another process migrates: the result of SELECT * changes shape. PostgreSQL refuses the
		// prepared statements on this connection ("cached plan must not change result type").
		await admin.query("ALTER TABLE probe ADD COLUMN note text NOT NULL DEFAULT 'nieuw'")
		// Outside a transaction the refused statement runs again under a new name.
		expect(await row(2)).toEqual([{ id: 2, label: 'twee', note: 'nieuw' }])
		// The pool dropped the connection that failed, and with it the other stale statement: make
		// the transaction's statement stale on the new connection.
		for (let n = 0; n < 2; n++) expect(await inTransaction(1)).toHaveLength(1)
		await admin.query('ALTER TABLE probe ADD COLUMN extra int')
		// Inside a transaction the error stands (the transaction is aborted) …
		await expect(inTransaction(2)).rejects.toSatisfy(
			(error: Error) => /cached plan must not change result type/.test(error.message) || isStalePlan(error),
		)
		// … and the next transaction, on the same connection, prepares the statement afresh.
		expect(await inTransaction(2)).toEqual([{ id: 2, label: 'twee', note: 'nieuw', extra: null, via: 'tx' }])
		expect(await inTransaction(1)).toEqual([{ id: 1, label: 'een', note: 'nieuw', extra: null, via: 'tx' }])
	})

	it('keeps transactions whole: a rollback undoes, a failing statement aborts only its transaction', async () => {
		const update = (tx: Tx, label: string) => tx.$executeRaw`UPDATE probe SET label = ${label} WHERE id = 1`
		await expect(
			prisma.$transaction(async (tx) => {
				await update(tx, 'nooit')
				await update(tx, 'nooit')
				throw new Error('teruggedraaid')
			}),
		).rejects.toThrow('teruggedraaid')
		await expect(
			prisma.$transaction(async (tx) => {
				await update(tx, 'ook nooit')
				await tx.$executeRaw`INSERT INTO probe (id, label) VALUES (${1}, ${'dubbel'})`
			}),
		).rejects.toThrow(/23505|Unique constraint|duplicate key/)
		expect(await prisma.$queryRaw`SELECT label FROM probe WHERE id = ${1}`).toEqual([{ label: 'een' }])
	})
})
