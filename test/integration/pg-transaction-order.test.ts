// The queries of one transaction reach its PostgreSQL connection one at a time (pg-prepared.server.ts,
// inTurn). Prisma's query plan loads the relations of an `include` at once, and inside an interactive
// transaction they all meet one connection: node-postgres warned "Calling client.query() when the
// client is already executing a query is deprecated and will be removed in pg@9.0", and pg@9 will
// refuse it. Only on PostgreSQL (PGlite has no node-postgres client).
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PrismaClient } from '#app/generated/prisma/client.ts'
import { db, getDatabase } from '#app/lib/db.server.ts'
import { withTransactionsInTurn } from '#app/lib/db/pg-prepared.server.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { testDatabaseUrl } from '#test/setup/test-database.ts'

describe.runIf(Boolean(testDatabaseUrl()))('the queries of a transaction on PostgreSQL', () => {
	/** Queries sent to a node-postgres client while another of its queries had not answered yet. */
	const overlaps: string[] = []
	const warnings: string[] = []
	const inFlight = new WeakMap<pg.Client, number>()
	const original = pg.Client.prototype.query
	const onWarning = (warning: Error) => {
		if (warning.message.includes('already executing a query')) warnings.push(warning.message)
	}

	beforeAll(() => {
		// Watches every query of every client (the pool's too): how many are out at once on one client.
		pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
			const running = inFlight.get(this) ?? 0
			const config = args[0] as string | { text?: string }
			if (running > 0) overlaps.push(typeof config === 'string' ? config : (config.text ?? ''))
			inFlight.set(this, running + 1)
			const result = (original as (...args: unknown[]) => unknown).apply(this, args)
			const done = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1)
			if (result instanceof Promise) result.then(done, done)
			else done() // a callback or a submittable: not what the adapter sends
			return result
		} as typeof original
		process.on('warning', onWarning)
	})

	beforeEach(() => {
		overlaps.length = 0
	})

	afterAll(() => {
		pg.Client.prototype.query = original
		process.off('warning', onWarning)
	})

	it('sends a transaction’s queries one after the other when Prisma loads several relations at once', async () => {
		const { provider, user } = await createProviderWithMember()
		const loaded = await db.$transaction(async (tx) =>
			tx.provider.findUniqueOrThrow({
				where: { id: provider.id },
				include: { memberships: true, participations: true, files: true, auditEvents: true, outbox: true },
			}),
		)
		expect(loaded.memberships.map((membership) => membership.userId)).toEqual([user.id])
		// The same under Promise.all of our own, inside one transaction.
		const [again, count] = await db.$transaction(async (tx) =>
			Promise.all([
				tx.provider.findUniqueOrThrow({ where: { id: provider.id }, include: { memberships: true, tokens: true } }),
				tx.membership.count({ where: { providerId: provider.id } }),
			]),
		)
		expect(again.memberships).toHaveLength(1)
		expect(count).toBe(1)
		// A warning is emitted on the next tick.
		await new Promise((resolve) => setImmediate(resolve))
		expect(warnings).toEqual([])
		expect(overlaps).toEqual([])
	})

	it('rolls back after a failing query only once the queries asked before the rollback have run', async () => {
		const { provider } = await createProviderWithMember()
		const failing = db.$transaction(async (tx) => {
			await Promise.all([
				tx.provider.findUniqueOrThrow({
					where: { id: provider.id },
					include: { memberships: true, participations: true },
				}),
				tx.$queryRawUnsafe('SELECT 1 / 0'),
				tx.membership.findMany({ where: { providerId: provider.id } }),
			])
		})
		await expect(failing).rejects.toThrow()
		// The connection went back to the pool clean: the next transactions see no aborted state.
		for (let n = 0; n < 3; n++) {
			expect(await db.$transaction((tx) => tx.provider.count({ where: { id: provider.id } }))).toBe(1)
		}
		expect(overlaps).toEqual([])
	})

	it('keeps the same order without named statements (PG_PREPARED=off)', async () => {
		const { provider } = await createProviderWithMember()
		const unnamed = new PrismaClient({
			adapter: withTransactionsInTurn(new PrismaPg({ connectionString: getDatabase().connectionString, max: 2 })),
		})
		try {
			const loaded = await unnamed.$transaction(async (tx) =>
				tx.provider.findUniqueOrThrow({
					where: { id: provider.id },
					include: { memberships: true, participations: true, files: true, auditEvents: true, outbox: true },
				}),
			)
			expect(loaded.memberships).toHaveLength(1)
		} finally {
			await unnamed.$disconnect()
		}
		await new Promise((resolve) => setImmediate(resolve))
		expect(overlaps).toEqual([])
	})
})
