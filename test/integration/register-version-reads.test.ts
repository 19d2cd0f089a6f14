// The register version (issue 17): read once per change, not once per request, and never stale on
// the instance that wrote. On the embedded database every write is this process's
// (app/lib/db/write-generation.server.ts): after any write that ended — through Prisma, in a
// transaction, straight on the adapter, or failed — the next reader reads again and sees what the
// write did. On PostgreSQL the same holds for this instance's writes, and another writer's change
// (another instance, a script) is heard as a notification the moment it commits; while nothing is
// heard the version is still read again after REGISTER_VERSION_MAX_AGE_MS, and while the watch does
// not listen at every call.
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { Prisma } from '#app/generated/prisma/client.ts'
import { db, directRows, getDatabase } from '#app/lib/db.server.ts'
import {
	REGISTER_VERSION_CHANNEL,
	registerVersion,
	setRegisterVersionMaxAge,
} from '#app/services/register-cache.server.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { type RawStatements, recordRawStatements } from '#test/fixtures/raw-statements.ts'

let raw: RawStatements | undefined
afterEach(() => {
	raw?.restore()
	setRegisterVersionMaxAge()
})

const versionReads = () => raw!.texts().filter((sql) => sql.includes('"RegisterVersion"')).length
const counter = (version: string) => Number(version.split('.')[1])

describe('the register version', () => {
	it('is read once between writes (on PostgreSQL once the notifications are heard)', async () => {
		setRegisterVersionMaxAge(60_000)
		await listening()
		const first = await registerVersion()
		raw = recordRawStatements()
		expect(await registerVersion()).toBe(first)
		expect(await registerVersion()).toBe(first)
		expect(versionReads()).toBe(0)
	})

	it('is read again after each kind of write, and shows it', async () => {
		const { provider } = await createProviderWithMember()
		const bump = Prisma.sql`UPDATE "RegisterVersion" SET version = version + 1 WHERE id = 1`
		const writes: [string, () => Promise<unknown>][] = [
			['a statement through Prisma', () => db.$executeRaw(bump)],
			['a transaction', () => db.$transaction(async (tx) => tx.$executeRaw(bump))],
			['a statement straight on the adapter', () => directRows(Prisma.sql`${bump} RETURNING version`)],
			[
				'a model write (the register triggers)',
				() => db.provider.update({ where: { id: provider.id }, data: { name: `Nieuw ${provider.id}` } }),
			],
		]
		for (const [what, write] of writes) {
			const before = await registerVersion()
			await write()
			const after = await registerVersion()
			expect(counter(after), what).toBeGreaterThan(counter(before))
			expect(await registerVersion(), what).toBe(after)
		}
	})

	it('is read again after a write that failed (it counts whatever its outcome)', async () => {
		await registerVersion()
		raw = recordRawStatements()
		await expect(db.$executeRaw`UPDATE "RegisterVersion" SET version = 'geen getal' WHERE id = 1`).rejects.toThrow()
		await registerVersion()
		expect(versionReads()).toBe(1)
	})
})

describe.runIf(process.env.TEST_DATABASE_URL)('the register version on PostgreSQL, changed by another writer', () => {
	it('is heard the moment the change commits (not read at each call meanwhile)', async () => {
		setRegisterVersionMaxAge(60_000)
		await listening()
		const before = await registerVersion()
		await elsewhere(async (client) => {
			await client.query('BEGIN')
			await client.query('UPDATE "RegisterVersion" SET version = version + 1 WHERE id = 1')
			// Not committed: nothing heard, nothing read, the committed version stands.
			raw = recordRawStatements()
			await pause(100)
			expect(await registerVersion()).toBe(before)
			expect(versionReads()).toBe(0)
			await client.query('COMMIT')
		})
		expect(counter(await changedFrom(before))).toBe(counter(before) + 1)
	})

	it('sees a change it was not told of (no trigger fired) once the age bound has passed', async () => {
		setRegisterVersionMaxAge(400)
		await listening()
		const before = await registerVersion()
		await bumpUnannounced()
		expect(counter(await changedFrom(before))).toBe(counter(before) + 1)
	})

	it('with a bound of 0 (the setting) is read at every call, as before listening', async () => {
		setRegisterVersionMaxAge(0)
		await listening()
		await registerVersion()
		raw = recordRawStatements()
		await registerVersion()
		await registerVersion()
		expect(versionReads()).toBe(2)
	})

	it('reads at every call while its connection is gone, and listens again', async () => {
		setRegisterVersionMaxAge(60_000)
		await listening()
		await registerVersion()
		await elsewhere((client) =>
			client.query(
				`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
				WHERE application_name = $1 AND datname = current_database()`,
				[`keurmerk:listen:${REGISTER_VERSION_CHANNEL}`],
			),
		)
		await eventually(async () => (watch().generation() === undefined ? true : undefined))
		// Changed unannounced while nobody listens: the next call reads it.
		await bumpUnannounced()
		const changed = await registerVersion()
		const { rows } = await elsewhere((client) =>
			client.query<{ version: number }>('SELECT version FROM "RegisterVersion" WHERE id = 1'),
		)
		expect(counter(changed)).toBe(rows[0]!.version)
		await listening()
		await registerVersion()
		raw = recordRawStatements()
		await registerVersion()
		expect(versionReads()).toBe(0)
	})
})

function watch() {
	const database = getDatabase()
	if (!database.listen) throw new Error('alleen op PostgreSQL')
	return database.listen(REGISTER_VERSION_CHANNEL)
}

/** The watch listening (PostgreSQL; PGlite has none). */
async function listening(): Promise<void> {
	if (getDatabase().listen) await watch().listening()
}

/** A connection of its own on the same database: another instance, a script. */
async function elsewhere<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: getDatabase().connectionString })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

/** Another writer bumps the version with its triggers silent (replica), as a notification that never arrived. */
function bumpUnannounced(): Promise<unknown> {
	return elsewhere(async (client) => {
		await client.query(`SET session_replication_role = replica`)
		await client.query('UPDATE "RegisterVersion" SET version = version + 1 WHERE id = 1')
	})
}

/** The version once it is no longer `before`. */
function changedFrom(before: string): Promise<string> {
	return eventually(async () => {
		const version = await registerVersion()
		return version !== before ? version : undefined
	})
}

async function eventually<T>(probe: () => Promise<T | undefined>, withinMs = 3_000): Promise<T> {
	const until = Date.now() + withinMs
	for (;;) {
		const value = await probe()
		if (value !== undefined) return value
		if (Date.now() > until) throw new Error(`niet binnen ${withinMs} ms`)
		await pause(20)
	}
}

function pause(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms))
}
