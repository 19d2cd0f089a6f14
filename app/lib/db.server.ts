// The process-wide database. `initDatabase()` runs once at start-up (server/app.ts, scripts,
// test setup): it opens the database and applies pending migrations. Everything else imports
// `db`. The state lives on globalThis so that the dev server's module reloads reuse one
// connection (and one PGlite) instead of opening a second one on the same directory.
import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import { type Database, type DatabaseConfig, openDatabase } from './db/client.server.ts'
import { whileHolding } from './db/advisory-lock.server.ts'
import { applyMigrations, migrationsUpToDate } from './db/migrations.server.ts'

const key = Symbol.for('keurmerk.database')
type State = { opening?: Promise<Database>; ready?: Database }
type Holder = { [key]?: State }

function state(): State {
	const holder = globalThis as Holder
	holder[key] ??= {}
	return holder[key]
}

export async function initDatabase(
	config: DatabaseConfig,
	{ migrate = true }: { migrate?: boolean } = {},
): Promise<Database> {
	const current = state()
	current.opening ??= (async () => {
		const database = await openDatabase(config)
		try {
			// Several instances starting at once on one PostgreSQL: one applies the migrations, the
			// others wait for it and then find nothing pending. An up-to-date database (every start
			// but the first after a release) does not load the schema engine at all.
			if (migrate && !(await migrationsUpToDate(database.prisma)))
				await whileHolding(database.connectionString, 'migrations', () => applyMigrations(database.adapterFactory))
		} catch (error) {
			await database.close()
			throw error
		}
		current.ready = database
		return database
	})().catch((error: unknown) => {
		current.opening = undefined
		throw error
	})
	return current.opening
}

export function getDatabase(): Database {
	const ready = state().ready
	if (!ready) throw new Error('De database is nog niet geopend: roep eerst initDatabase() aan')
	return ready
}

export async function closeDatabase(): Promise<void> {
	const current = state()
	const opening = current.opening
	current.opening = undefined
	current.ready = undefined
	if (opening) await (await opening).close()
}

/**
 * The Prisma client. A proxy, so modules can `import { db }` at the top level although the
 * database opens asynchronously at start-up; using it before initDatabase() is a clear error.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
	get(_target, property) {
		const client = getDatabase().prisma
		const value: unknown = Reflect.get(client, property, client)
		return typeof value === 'function' ? value.bind(client) : value
	},
})

/**
 * A raw statement, outside any transaction, run straight on the adapter `db` uses, past Prisma's
 * request pipeline: for the few statements every autosave and page pays (app/lib/db/direct.server.ts).
 * Rows as `db.$queryRaw` gives them, but a driver error is the adapter's, not a Prisma error.
 */
export function directRows<T>(query: Prisma.Sql): Promise<T[]> {
	return getDatabase().rows<T>(query)
}

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]
