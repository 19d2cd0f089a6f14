// Statements straight on the driver adapter (app/lib/db/direct.server.ts, issue 17): the rows are
// what `$queryRaw` gives for the same statement — timestamps as dates, JSON parsed, lists, nulls —
// with arguments of every kind the hot statements send, on the test's database (PGlite, or
// PostgreSQL with TEST_DATABASE_URL). A database whose client has not connected yet connects first.
import { afterAll, describe, expect, it } from 'vitest'
import { Prisma } from '#app/generated/prisma/client.ts'
import { db, directRows, getDatabase } from '#app/lib/db.server.ts'
import { type Database, openDatabase } from '#app/lib/db/client.server.ts'
import { argTypeOf } from '#app/lib/db/direct.server.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'

const opened: Database[] = []
afterAll(async () => {
	await Promise.all(opened.map((database) => database.close()))
})

describe('directRows', () => {
	it('gives the rows $queryRaw gives, for arguments and columns of every kind the hot statements use', async () => {
		const at = new Date('2027-03-31T21:59:59.123Z')
		const statement = Prisma.sql`
			SELECT ${at}::timestamptz AS "at", ${'tekst met 😀 en \n'}::text AS "text", ${41}::int + 1 AS "int",
				${2.5}::double precision AS "float", ${true}::boolean AS "flag", ${null}::text AS "nothing",
				${['b', 'a']}::text[] AS "list", json_build_object('when', ${at}::timestamptz, 'n', 1) AS "json",
				${'2027-01-01'}::date AS "day", 9007199254740993::bigint AS "big"`
		const [direct] = await directRows<Record<string, unknown>>(statement)
		const [prisma] = await db.$queryRaw<Record<string, unknown>[]>(statement)
		expect(direct).toEqual(prisma)
		expect(direct).toMatchObject({
			at,
			text: 'tekst met 😀 en \n',
			int: 42,
			float: 2.5,
			flag: true,
			nothing: null,
			list: ['b', 'a'],
			day: new Date('2027-01-01T00:00:00Z'),
			big: 9007199254740993n,
		})
		expect((direct!.json as { n: number }).n).toBe(1)
		expect(new Date((direct!.json as { when: string }).when).getTime()).toBe(at.getTime())
	})

	it('writes through the same connection Prisma reads (a row it inserted is there at once)', async () => {
		const { provider } = await createProviderWithMember()
		const renamed = `Hernoemd ${provider.id}`
		const rows = await directRows<{ name: string }>(
			Prisma.sql`UPDATE "Provider" SET "name" = ${renamed} WHERE "id" = ${provider.id} RETURNING "name"`,
		)
		expect(rows).toEqual([{ name: renamed }])
		expect((await db.provider.findUniqueOrThrow({ where: { id: provider.id } })).name).toBe(renamed)
		expect(await directRows(Prisma.sql`SELECT 1 FROM "Provider" WHERE "id" = ${'geen-id'}`)).toEqual([])
	})

	it('connects a client that has not run a statement yet', async () => {
		const url = getDatabase().connectionString
		const database = await openDatabase(url ? { databaseUrl: url } : { pgliteDataDir: 'memory://' })
		opened.push(database)
		const [first, second] = await Promise.all([
			database.rows<{ one: number }>(Prisma.sql`SELECT ${1}::int AS "one"`),
			database.rows<{ one: number }>(Prisma.sql`SELECT ${2}::int AS "one"`),
		])
		expect([first, second]).toEqual([[{ one: 1 }], [{ one: 2 }]])
	})

	it('names each argument’s kind as the adapters read it (a date as a timestamp, a list element by element)', () => {
		expect(argTypeOf(new Date())).toEqual({ scalarType: 'datetime', arity: 'scalar' })
		expect(argTypeOf(['a'])).toEqual({ scalarType: 'unknown', arity: 'list' })
		expect(argTypeOf(3)).toEqual({ scalarType: 'int', arity: 'scalar' })
		expect(argTypeOf(0.5)).toEqual({ scalarType: 'float', arity: 'scalar' })
		expect(argTypeOf(null)).toEqual({ scalarType: 'unknown', arity: 'scalar' })
	})
})
