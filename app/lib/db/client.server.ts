// One Prisma client per process, on PostgreSQL when DATABASE_URL is set and on the embedded
// PGlite otherwise (docs/decisions/001-pglite-embedded-postgres.md). Both go through a driver
// adapter: the generated client needs no native engine.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type { Pool } from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaClient } from '#app/generated/prisma/client.ts'
import { withAnswerClock } from './answer-clock.server.ts'
import { type ChannelWatch, watchChannel } from './channel-watch.server.ts'
import { type DirectQueries, withDirectQueries } from './direct.server.ts'
import { acquireDirLock, type DirLock } from './dir-lock.server.ts'
import { startPGliteThread } from './pglite-thread.server.ts'
import { preparedPgAdapter, withTransactionsInTurn } from './pg-prepared.server.ts'
import { withPreparedStatements } from './pglite-prepared.js'
import { createPGlite, pgliteAdapterFactory, pgliteStartParams, pgliteThreadAdapterFactory } from './pglite.server.ts'
import { withWholeScripts } from './whole-scripts.server.ts'
import { withWriteGeneration } from './write-generation.server.ts'

export type Db = PrismaClient

// Interactive transactions wait for a connection (PostgreSQL: the pool of 10; PGlite: the one
// connection) up to maxWait. Prisma's 2 s turned a queue at the deadline rush into 500s on saves
// and uploads (issue 17): waiting longer is the honest answer under load, and the client-side
// autosave shows "Opslaan…" meanwhile. The run time of one transaction stays bounded.
const transactionOptions = { maxWait: 15_000, timeout: 20_000 }

export interface Database {
	prisma: PrismaClient
	/** Statements on the adapter `prisma` uses, past its request pipeline (direct.server.ts). */
	rows: DirectQueries['rows']
	/** For the schema engine (migrations). */
	adapterFactory: SqlMigrationAwareDriverAdapterFactory
	kind: 'postgresql' | 'pglite'
	/** Human-readable location, without credentials. */
	location: string
	/** PostgreSQL only: for connections of its own (leader locks, pg_dump). */
	connectionString?: string
	/** PGlite in this process only: the embedded database itself. */
	pglite?: PGlite
	/** PGlite only (either mode): a copy of the data directory, for backups. */
	dumpDataDir?: () => Promise<Blob>
	/**
	 * How many writes of this process's adapter have ended (write-generation.server.ts): on PGlite
	 * every write there is, as the data directory is the process's alone; on PostgreSQL this
	 * instance's, the others' are heard through `listen`.
	 */
	writeGeneration: () => number
	/**
	 * PostgreSQL only: a watch on a notification channel (channel-watch.server.ts), started at the first
	 * call for that channel, one connection each, ended with `close`.
	 */
	listen?: (channel: string) => ChannelWatch
	/** PostgreSQL and PGlite in its thread: whether the database answered a statement within the last `ms`. */
	answeredWithin?: (ms: number) => boolean
	close(): Promise<void>
}

export interface DatabaseConfig {
	databaseUrl?: string
	pgliteDataDir?: string // 'memory://' for an in-memory database
	/**
	 * PGlite in a worker thread of its own (pglite-thread.server.ts) instead of on this thread: the
	 * server's choice (PGLITE_THREAD), so the event loop stays free while the engine works. Scripts
	 * and tests keep it in process: one caller at a time, no thread to start.
	 */
	pgliteThread?: boolean
	/** With pgliteThread: that thread's niceness on Linux (PGLITE_THREAD_NICE; default 0, unchanged). */
	pgliteThreadNice?: number
	/** With pgliteThread: what happens when the thread dies (default: the process stops). */
	onPGliteCrash?: (error: Error) => void
	/**
	 * PGlite keeps each distinct statement prepared (pglite-prepared.js): parsed and planned once,
	 * not per query (issue 17). Default on; false: PGlite's own unnamed statements (PGLITE_PREPARED=off).
	 */
	pglitePrepared?: boolean
	/**
	 * PostgreSQL: each distinct statement text (a bounded number of them) runs as a named prepared
	 * statement, parsed once per connection (pg-prepared.server.ts, issue 17). Default on; false:
	 * every statement unnamed, as the adapter sends it (PG_PREPARED=off).
	 */
	pgPrepared?: boolean
	/** PostgreSQL: the pool's most connections (PG_POOL_MAX; node-postgres' default 10). */
	pgPoolMax?: number
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
	if (config.databaseUrl) {
		const queries =
			(config.pgPrepared ?? true)
				? preparedPgAdapter({ connectionString: config.databaseUrl, max: config.pgPoolMax ?? 10 })
				: withTransactionsInTurn(new PrismaPg({ connectionString: config.databaseUrl, max: config.pgPoolMax ?? 10 }))
		const clock = withAnswerClock(queries)
		const writes = withWriteGeneration(clock.factory)
		const direct = withDirectQueries(writes.factory, () => prisma.$connect())
		const prisma = new PrismaClient({ adapter: direct.factory, transactionOptions })
		const watches = new Map<string, ChannelWatch>()
		const databaseUrl = config.databaseUrl
		// The schema engine's connections (migrations: one pool per run, ended after it) send their
		// statements unnamed: they run once, and must not take the queries' places.
		const factory = new PrismaPg({ connectionString: config.databaseUrl })
		const url = new URL(config.databaseUrl)
		return {
			prisma,
			rows: direct.rows,
			adapterFactory: withWholeScripts(factory, (adapter, script) =>
				(adapter as unknown as { underlyingDriver(): Pool })
					.underlyingDriver()
					.query(script)
					.then(() => undefined),
			),
			kind: 'postgresql',
			connectionString: config.databaseUrl,
			writeGeneration: writes.current,
			listen(channel) {
				let watch = watches.get(channel)
				if (!watch) watches.set(channel, (watch = watchChannel(databaseUrl, channel)))
				return watch
			},
			answeredWithin: (ms) => clock.answeredWithin(ms),
			location: `${url.hostname}:${url.port || 5432}${url.pathname}`,
			async close() {
				await Promise.all([...watches.values()].map((watch) => watch.close()))
				await prisma.$disconnect()
			},
		}
	}
	const dataDir = config.pgliteDataDir ?? 'var/db'
	const inMemory = dataDir.startsWith('memory://')
	let lock: DirLock | undefined
	if (!inMemory) {
		const absolute = path.resolve(dataDir)
		mkdirSync(absolute, { recursive: true })
		// PGlite is one process's database: a second process on the same directory corrupts it.
		lock = acquireDirLock(absolute)
	}
	if (config.pgliteThread) {
		const thread = await startPGliteThread({
			dataDir: inMemory ? undefined : path.resolve(dataDir),
			startParams: pgliteStartParams(),
			prepared: config.pglitePrepared ?? true,
			nice: config.pgliteThreadNice ?? 0,
			onCrash: config.onPGliteCrash,
		}).catch((error: unknown) => {
			lock?.release()
			throw error
		})
		const writes = withWriteGeneration(thread.factory)
		const direct = withDirectQueries(writes.factory, () => prisma.$connect())
		const prisma = new PrismaClient({ adapter: direct.factory, transactionOptions })
		return {
			prisma,
			rows: direct.rows,
			writeGeneration: writes.current,
			adapterFactory: pgliteThreadAdapterFactory(thread),
			kind: 'pglite',
			dumpDataDir: () => thread.dumpDataDir(),
			answeredWithin: (ms) => thread.answeredWithin(ms),
			location: `${inMemory ? 'in memory' : path.resolve(dataDir)}, in een eigen thread`,
			async close() {
				await prisma.$disconnect()
				await thread.close() // PGlite flushes to the directory before the thread ends
				lock?.release()
			},
		}
	}
	const client = inMemory ? createPGlite() : createPGlite(path.resolve(dataDir))
	await client.waitReady.catch((error: unknown) => {
		lock?.release()
		throw error
	})
	const prepared = (config.pglitePrepared ?? true) ? withPreparedStatements(client) : undefined
	const writes = withWriteGeneration(new PrismaPGlite(prepared?.client ?? client))
	const direct = withDirectQueries(writes.factory, () => prisma.$connect())
	const prisma = new PrismaClient({ adapter: direct.factory, transactionOptions })
	return {
		prisma,
		rows: direct.rows,
		writeGeneration: writes.current,
		adapterFactory: pgliteAdapterFactory(client, () => prepared?.forget()),
		kind: 'pglite',
		pglite: client,
		dumpDataDir: () => client.dumpDataDir('none'),
		location: inMemory ? 'in memory' : path.resolve(dataDir),
		async close() {
			await prisma.$disconnect()
			await client.close()
			lock?.release()
		},
	}
}
