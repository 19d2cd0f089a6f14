// PGlite's statements prepared once per distinct text (app/lib/db/pglite-prepared.js, issue 17): the
// answers are those of PGlite's own query — rows and their types, errors with their codes, the
// locks of transactions — while a repeated statement is not parsed again. Only on PGlite.
import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type PreparedStatements, withPreparedStatements } from '#app/lib/db/pglite-prepared.js'
import { createPGlite } from '#app/lib/db/pglite.server.ts'
import { testDatabaseUrl } from '#test/setup/test-database.ts'

describe.skipIf(Boolean(testDatabaseUrl()))('PGlite with prepared statements', () => {
	let raw: PGlite
	let prepared: PreparedStatements
	let client: PGlite

	/** Statements the session holds (what PostgreSQL itself says, not our cache). */
	const held = async () =>
		Number((await raw.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows[0]!.n)

	beforeAll(async () => {
		raw = createPGlite()
		await raw.waitReady
		prepared = withPreparedStatements(raw, { limit: 3 })
		client = prepared.client
		await raw.exec(`
			CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL, at timestamptz, tags text[], price double precision);
			INSERT INTO item VALUES (1, 'een', '2026-03-31T21:59:59Z', '{a,b}', 1.5), (2, 'twee', NULL, '{}', NULL);`)
	})

	afterAll(async () => {
		await raw?.close()
	})

	it('answers a repeated statement from one prepared statement, with the rows and types of PGlite’s own query', async () => {
		const sql = 'SELECT id, name, at, tags, price FROM item WHERE id = $1'
		for (const id of [1, 2, 1, 2, 1, 2, 1, 2]) {
			expect(await client.query(sql, [id])).toEqual(await raw.query(sql, [id]))
		}
		expect(prepared.size()).toBe(1)
		expect(await held()).toBe(1)
		const { rows } = await client.query<{ at: Date; tags: string[] }>(sql, [1])
		expect(rows[0]!.at).toEqual(new Date('2026-03-31T21:59:59Z'))
		expect(rows[0]!.tags).toEqual(['a', 'b'])
		// Parameters are serialised by their types as PGlite does (a date, an array, null).
		await client.query('UPDATE item SET at = $1, tags = $2, price = $3 WHERE id = 2', [
			new Date('2026-01-01T00:00:00Z'),
			['x', 'y "z"'],
			null,
		])
		expect((await raw.query('SELECT at, tags, price FROM item WHERE id = 2')).rows).toEqual([
			{ at: new Date('2026-01-01T00:00:00Z'), tags: ['x', 'y "z"'], price: null },
		])
	})

	it('applies a query’s own parsers over the client’s, as PGlite’s query does, also when reused', async () => {
		// As the Prisma adapter asks: rows as arrays, its own parser for one type (timestamptz as text),
		// the client's for the others (float, text[]) — the same object with every query.
		const own = { 1184: (value: string) => `tekst:${value}` }
		const sql = 'SELECT at, tags, price FROM item WHERE id = $1'
		const options = { rowMode: 'array' as const, parsers: own }
		for (let n = 0; n < 3; n++) {
			const answer = await client.query(sql, [1], options)
			expect(answer).toEqual(await raw.query(sql, [1], options))
			expect(answer.rows).toEqual([[expect.stringMatching(/^tekst:2026-03-31 21:59:59/), ['a', 'b'], 1.5]])
		}
		// Another query without them parses with the client's alone: the layering changed nothing there.
		expect((await client.query<{ at: Date }>(sql, [1])).rows[0]!.at).toEqual(new Date('2026-03-31T21:59:59Z'))
		expect(own).toEqual({ 1184: own[1184] })
	})

	it('keeps at most its limit prepared, closing the least recently used', async () => {
		for (let n = 0; n < 6; n++) expect((await client.query(`SELECT ${n} AS n`)).rows).toEqual([{ n }])
		expect(prepared.size()).toBe(3)
		expect(await held()).toBe(3)
		expect((await client.query('SELECT 0 AS n')).rows).toEqual([{ n: 0 }]) // prepared again
	})

	it('throws PostgreSQL’s error with its code, and goes on', async () => {
		await expect(client.query('INSERT INTO item (id, name) VALUES ($1, $2)', [1, 'dubbel'])).rejects.toMatchObject({
			code: '23505',
		})
		await expect(client.query('SELEC 1')).rejects.toMatchObject({ code: '42601' })
		await expect(client.query('SELECT * FROM bestaat_niet')).rejects.toMatchObject({ code: '42P01' })
		expect((await client.query('SELECT name FROM item WHERE id = $1', [1])).rows).toEqual([{ name: 'een' }])
	})

	it('runs inside transactions: a rollback undoes, and a statement outside waits for the transaction', async () => {
		const order: string[] = []
		let entered!: () => void
		const inside = new Promise<void>((resolve) => (entered = resolve))
		const transaction = client
			.transaction(async (tx) => {
				await tx.query('UPDATE item SET name = $1 WHERE id = $2', ['nooit', 1])
				entered()
				await new Promise((resolve) => setTimeout(resolve, 150))
				order.push('rollback')
				throw new Error('teruggedraaid')
			})
			.catch((error: Error) => error.message)
		await inside
		const outside = client.query<{ name: string }>('SELECT name FROM item WHERE id = $1', [1]).then(({ rows }) => {
			order.push('outside')
			return rows[0]!.name
		})
		expect(await transaction).toBe('teruggedraaid')
		expect(await outside).toBe('een') // never the uncommitted 'nooit'
		expect(order).toEqual(['rollback', 'outside'])
		// A failing statement aborts its transaction, not the session.
		await expect(
			client.transaction(async (tx) => {
				await tx.query('INSERT INTO item (id, name) VALUES ($1, $2)', [3, 'drie'])
				await tx.query('INSERT INTO item (id, name) VALUES ($1, $2)', [3, 'drie'])
			}),
		).rejects.toMatchObject({ code: '23505' })
		expect((await client.query('SELECT count(*)::int AS n FROM item')).rows).toEqual([{ n: 2 }])
	})

	it('forgets its statements after a script, so a changed table is read with its new columns', async () => {
		const sql = 'SELECT * FROM item WHERE id = $1'
		await client.query(sql, [1])
		await raw.exec('ALTER TABLE item ADD COLUMN note text')
		// PostgreSQL refuses a prepared statement whose result changed shape ("cached plan must not
		// change result type"): the script runner calls forget, as the migrations do.
		await expect(client.query(sql, [1])).rejects.toThrow(/cached plan must not change result type/)
		await prepared.forget()
		expect(await held()).toBe(0)
		expect((await client.query(sql, [1])).fields.map((field) => field.name)).toContain('note')
	})
})
