// Which statements get a name on PostgreSQL (pg-prepared.server.ts): texts with parameters, from
// their second use, a bounded number of them; and the recovery from a statement PostgreSQL refuses
// as stale. The statements themselves on a real PostgreSQL: test/integration/pg-prepared.test.ts.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'
import { DriverAdapterError } from '@prisma/driver-adapter-utils'
import { describe, expect, it } from 'vitest'
import { isStalePlan, statementNames, withStalePlanRecovery } from './pg-prepared.server.ts'

const query = (sql: string, args: unknown[] = [1]): SqlQuery => ({ sql, args, argTypes: [] })

describe('statement names', () => {
	it('names a text with parameters from its second use on, always with the same name', () => {
		const names = statementNames()
		const select = query('SELECT "id" FROM "Provider" WHERE "id" = $1')
		expect(names.nameFor(select)).toBe('') // once: perhaps never again
		const name = names.nameFor(select)
		expect(name).toMatch(/^kp_[0-9a-f]{16}$/)
		expect(names.nameFor(query(select.sql, [2]))).toBe(name) // other parameters, same statement
		const otherProcess = statementNames()
		otherProcess.nameFor(select)
		expect(otherProcess.nameFor(select)).toBe(name) // the name is the text's own
		expect(name.length).toBeLessThan(64) // PostgreSQL's identifier length
		expect(names.issued()).toBe(1)
	})

	it('never names a statement without parameters (scripts, BEGIN, COMMIT keep the simple protocol)', () => {
		const names = statementNames()
		for (const sql of ['BEGIN', 'COMMIT', 'CREATE TABLE a (id int); CREATE TABLE b (id int)', 'SELECT 1']) {
			for (let n = 0; n < 3; n++) expect(names.nameFor(query(sql, []))).toBe('')
		}
		expect(names.issued()).toBe(0)
	})

	it('names at most its limit of texts; the rest stay unnamed, and nothing more is remembered', () => {
		const names = statementNames({ limit: 3 })
		const twice = (sql: string) => (names.nameFor(query(sql)), names.nameFor(query(sql)))
		const given = ['a', 'b', 'c'].map((letter) => twice(`SELECT $1 AS ${letter}`))
		expect(new Set(given).size).toBe(3)
		expect(given.every(Boolean)).toBe(true)
		for (let n = 0; n < 50; n++) expect(twice(`SELECT $1 AS n${n}`)).toBe('')
		expect(names.issued()).toBe(3)
		expect(twice('SELECT $1 AS a')).toBe(given[0]) // the named ones keep their names
	})

	it('forgets texts seen once when too many are waiting, so the bound holds for them too', () => {
		const names = statementNames({ limit: 2 })
		for (let n = 0; n < 10; n++) names.nameFor(query(`SELECT $1 AS once${n}`)) // fills and empties the waiting set
		expect(names.nameFor(query('SELECT $1 AS once0'))).toBe('') // forgotten: first use again
		expect(names.nameFor(query('SELECT $1 AS once0'))).not.toBe('')
	})

	it('leaves long texts unnamed', () => {
		const names = statementNames({ maxText: 100 })
		const long = query(`SELECT $1 WHERE ${'true AND '.repeat(20)}true`)
		expect(names.nameFor(long) || names.nameFor(long) || names.nameFor(long)).toBe('')
	})

	it('gives a retired statement a new name once, however many connections refused it', () => {
		const names = statementNames({ limit: 3 })
		const select = query('SELECT * FROM "Provider" WHERE "id" = $1')
		names.nameFor(select)
		const first = names.nameFor(select)
		names.retire(select.sql, first)
		const second = names.current(select.sql)
		expect(second).toMatch(/^kp_[0-9a-f]{16}_g2$/)
		names.retire(select.sql, first) // a second connection with the old statement: already done
		expect(names.nameFor(select)).toBe(second)
		expect(names.issued()).toBe(2)
		names.retire(select.sql, second)
		expect(names.nameFor(select)).toMatch(/_g3$/)
		names.retire(select.sql, names.current(select.sql)) // past the limit: unnamed for good
		expect(names.nameFor(select)).toBe('')
		expect(names.issued()).toBe(3)
		names.retire(select.sql, '') // an unnamed statement is never stale
		expect(names.nameFor(select)).toBe('')
	})
})

describe('recovery from a stale statement', () => {
	const stale = () =>
		new DriverAdapterError({
			kind: 'postgres',
			code: '0A000',
			severity: 'ERROR',
			message: 'cached plan must not change result type',
			originalCode: '0A000',
			originalMessage: 'cached plan must not change result type',
		} as never)

	/** An adapter whose statements fail as stale while they run under a name in `staleNames`. */
	function fakeFactory(names: ReturnType<typeof statementNames>, staleNames: Set<string>) {
		const ran: string[] = []
		const io = async (sql: SqlQuery) => {
			const name = names.nameFor(sql)
			ran.push(name)
			if (staleNames.has(name)) throw stale()
			return { columnNames: [], columnTypes: [], rows: [] }
		}
		const transaction = {
			queryRaw: io,
			executeRaw: async (sql: SqlQuery) => (await io(sql), 1),
			commit: async () => undefined,
			rollback: async () => undefined,
		} as unknown as Transaction
		const adapter = {
			queryRaw: io,
			executeRaw: async (sql: SqlQuery) => (await io(sql), 1),
			startTransaction: async () => transaction,
			provider: 'postgres',
		} as unknown as SqlDriverAdapter
		const factory: SqlDriverAdapterFactory = {
			provider: 'postgres',
			adapterName: 'fake',
			connect: async () => adapter,
		}
		return { factory, ran }
	}

	it('runs a statement outside a transaction once more under a new name', async () => {
		const names = statementNames()
		const select = query('SELECT * FROM t WHERE id = $1')
		names.nameFor(select)
		const old = names.nameFor(select)
		const { factory, ran } = fakeFactory(names, new Set([old]))
		const adapter = await withStalePlanRecovery(factory, names).connect()
		await expect(adapter.queryRaw(select)).resolves.toMatchObject({ rows: [] })
		expect(ran).toEqual([old, `${old}_g2`])
		expect(adapter.provider).toBe('postgres') // everything else is the adapter's own
	})

	it('lets the error stand inside a transaction (it is aborted), and the next one uses the new name', async () => {
		const names = statementNames()
		const update = query('UPDATE t SET a = $1 RETURNING *')
		names.nameFor(update)
		const old = names.nameFor(update)
		const { factory, ran } = fakeFactory(names, new Set([old]))
		const adapter = await withStalePlanRecovery(factory, names).connect()
		const first = await adapter.startTransaction()
		await expect(first.executeRaw(update)).rejects.toSatisfy(isStalePlan)
		const second = await adapter.startTransaction()
		await expect(second.executeRaw(update)).resolves.toBe(1)
		expect(ran).toEqual([old, `${old}_g2`])
	})

	it('passes every other error on untouched, and does not run the statement again', async () => {
		const names = statementNames()
		const select = query('SELECT * FROM t WHERE id = $1')
		const failing = new DriverAdapterError({ kind: 'postgres', code: '42P01', originalCode: '42P01' } as never)
		let runs = 0
		const adapter = await withStalePlanRecovery(
			{
				provider: 'postgres',
				adapterName: 'fake',
				connect: async () =>
					({
						queryRaw: async () => {
							runs++
							throw failing
						},
					}) as unknown as SqlDriverAdapter,
			},
			names,
		).connect()
		await expect(adapter.queryRaw(select)).rejects.toBe(failing)
		expect(runs).toBe(1)
		expect(isStalePlan(failing)).toBe(false)
		expect(isStalePlan(new Error('cached plan must not change result type'))).toBe(false)
	})
})
