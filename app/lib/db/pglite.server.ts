// Every embedded PGlite of the app is made here, with the extensions the migrations create:
// PGlite ships contrib extensions as separate bundles that must be loaded when the database is
// opened, before `CREATE EXTENSION` can find them (PostgreSQL has them installed as contrib).
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import type { PGliteThread } from './pglite-thread.server.ts'
import { withWholeScripts } from './whole-scripts.server.ts'

// PostgreSQL's buffer cache lives in PGlite's WebAssembly memory, which grows as it is touched and
// never shrinks: with the default 128 MB the process kept 128 MB of buffers resident once the data
// had been read (issue 17, target 3). The data directory's files are cached by the operating system
// anyway (PGlite reads them through Node's file system), so a smaller cache costs a copy, not a disk
// read (docs/deploy.md, "Memory").
export const PGLITE_SHARED_BUFFERS = '32MB'

/** PostgreSQL's settings for every PGlite of the app (in process and in the worker thread). */
export function pgliteStartParams(): string[] {
	return [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`]
}

/** A PGlite on `dataDir` (an absolute path), or in memory without one. */
export function createPGlite(dataDir?: string): PGlite {
	// One options object: PGlite ignores the second argument when the first is not a string.
	// pglite-worker.js opens its PGlite with the same extensions and settings.
	return new PGlite({ dataDir, extensions: { pg_trgm }, startParams: pgliteStartParams() })
}

/**
 * The driver adapter factory of a PGlite, for queries and for the schema engine: scripts run whole
 * (whole-scripts.server.ts), and the shadow database the engine replays migrations in is a PGlite
 * of our own, with the same extensions (the adapter's own shadow has none, so a migration that
 * creates an extension would fail there) and closed when the engine disposes of it.
 */
export function pgliteAdapterFactory(
	client: PGlite,
	/** After every script: the query client's prepared statements are dropped (pglite-prepared.js). */
	afterScript: () => Promise<void> | undefined = () => undefined,
): SqlMigrationAwareDriverAdapterFactory {
	const factory = withWholeScripts(new PrismaPGlite(client), (_adapter, script) =>
		client.exec(script).then(
			() => afterScript(),
			async (error: unknown) => {
				await afterScript()
				throw error
			},
		),
	)
	return {
		provider: factory.provider,
		adapterName: factory.adapterName,
		connect: () => factory.connect(),
		connectToShadowDb: connectToPGliteShadow,
	}
}

/** A fresh in-memory PGlite for the schema engine's shadow database, closed with its adapter. */
export async function connectToPGliteShadow(): Promise<SqlDriverAdapter> {
	const shadow = createPGlite()
	// Prisma does not manage extensions: a migration it writes from scratch uses the trigram
	// index's operator class without creating pg_trgm, so the shadow has it from the start.
	await shadow.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm')
	const adapter = await pgliteAdapterFactory(shadow).connect()
	return new Proxy(adapter, {
		get(target, property, receiver) {
			if (property === 'dispose') {
				return () => target.dispose().finally(() => shadow.close())
			}
			return Reflect.get(target, property, receiver) as unknown
		},
	}) satisfies SqlDriverAdapter
}

/**
 * The same for a PGlite in its worker thread: queries and scripts go to the thread; the shadow
 * database is a short-lived PGlite in this process (only `prisma migrate dev` asks for one).
 */
export function pgliteThreadAdapterFactory(thread: PGliteThread): SqlMigrationAwareDriverAdapterFactory {
	return withWholeScripts({ ...thread.factory, connectToShadowDb: connectToPGliteShadow }, (_adapter, script) =>
		thread.exec(script),
	)
}
