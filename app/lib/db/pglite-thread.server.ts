// The embedded PGlite in a worker thread (pglite-worker.js), seen from the main thread as a Prisma
// driver adapter. Every query is a message; the WebAssembly engine, PGlite's protocol parsing and
// the adapter's row conversion run on the worker's thread, so the HTTP server's event loop stays
// free while the database works (issue 17: on the main thread the trivial route had a p95 of
// seconds during the deadline rush). docs/architecture.md, "Database".
//
// Transactions keep the in-process semantics: the worker runs the same pglite-prisma-adapter,
// whose transaction holds PGlite's lock until commit or rollback; the main thread only names the
// transaction in each query.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import {
	DriverAdapterError,
	type IsolationLevel,
	type SqlDriverAdapter,
	type SqlDriverAdapterFactory,
	type SqlQuery,
	type SqlResultSet,
	type Transaction,
	type TransactionOptions,
} from '@prisma/driver-adapter-utils'

export interface PGliteThread {
	/** For `new PrismaClient({ adapter })`. */
	factory: SqlDriverAdapterFactory
	/** A script run whole (migrations, whole-scripts.server.ts). */
	exec(script: string): Promise<void>
	/** A copy of the data directory (uncompressed tar), for backups. */
	dumpDataDir(): Promise<Blob>
	/** Flushes and closes the database, then ends the thread. */
	close(): Promise<void>
	/** The thread itself (diagnostics; the crash test ends it). */
	worker: Worker
	/**
	 * Whether the engine answered a statement within the last `ms` (for /healthz: under load a
	 * health check's own SELECT 1 would wait in the engine's queue behind every save before it).
	 */
	answeredWithin(ms: number): boolean
}

export interface PGliteThreadOptions {
	/** Absolute path of the data directory; none: in memory. */
	dataDir?: string
	startParams: string[]
	/** Statements prepared once per distinct text (pglite-prepared.js); default true. */
	prepared?: boolean
	/**
	 * The thread's scheduling niceness (Linux; elsewhere ignored), 0 by default: with a higher one
	 * the HTTP server's event loop gets the cores first when both want them (issue 17: at the
	 * deadline rush the engine's work competed with the thread that answers every visitor).
	 */
	nice?: number
	/**
	 * Called once when the thread dies unasked (an uncaught error, out of memory). Every waiting
	 * query has been refused by then. Default: the process stops loudly, for a server that cannot
	 * reach its database must not hang on; a supervisor (systemd, Docker) restarts it.
	 */
	onCrash?: (error: Error) => void
}

type Request =
	| { op: 'query' | 'execute'; query: SqlQuery; transaction?: number }
	| { op: 'commit' | 'rollback'; transaction: number }
	| { op: 'begin'; isolationLevel?: IsolationLevel }
	| { op: 'script'; script: string }
	| { op: 'dump' | 'close' }

type PlainError = { name: string; message: string; stack?: string; cause?: unknown } & Record<string, unknown>
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: PlainError }
type Readiness = { ready: true } | { ready: false; error: PlainError }

const ADAPTER_NAME = 'pglite-prisma-adapter' // the adapter that runs in the worker

// Resolved through package.json "imports", which works from the source (dev, tests) and from the
// built bundle (build/server/index.js) alike: the worker is not bundled, Node runs the file itself.
const workerFile = createRequire(import.meta.url).resolve('#app/lib/db/pglite-worker.js')

function rebuild(plain: PlainError): Error {
	if (plain.name === 'DriverAdapterError' && plain.cause && typeof plain.cause === 'object') {
		// What Prisma maps to its own errors (P2002 for a unique constraint…), as in-process.
		return new DriverAdapterError(plain.cause as ConstructorParameters<typeof DriverAdapterError>[0])
	}
	const error = new Error(plain.message) as Error & Record<string, unknown>
	for (const [key, value] of Object.entries(plain)) if (key !== 'message' && key !== 'stack') error[key] = value
	error.name = plain.name
	if (plain.stack) error.stack = `${error.stack}\n    — in de PGlite-thread:\n${plain.stack}`
	return error
}

export async function startPGliteThread({
	dataDir,
	startParams,
	prepared = true,
	nice = 0,
	onCrash,
}: PGliteThreadOptions): Promise<PGliteThread> {
	const worker = new Worker(workerFile, { workerData: { dataDir, startParams, prepared, nice } })
	const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
	let nextId = 1
	let closing = false
	let dead: Error | undefined
	let lastAnswer = Number.NEGATIVE_INFINITY // performance.now() of the last successful answer

	const opened = new Promise<void>((resolve, reject) => {
		const fail = (error: Error) => {
			if (dead) return
			dead = error
			for (const { reject: refuse } of waiting.values()) refuse(error)
			waiting.clear()
			reject(error) // before readiness: openDatabase fails; afterwards this does nothing
			if (closing) return
			;(
				onCrash ??
				((crash: Error) => {
					console.error(crash)
					process.exit(1)
				})
			)(error)
		}
		worker.on('message', (message: Reply | Readiness) => {
			if ('ready' in message) {
				if (message.ready) resolve()
				else {
					closing = true // it never opened: a failed start, not a crash
					fail(rebuild(message.error))
					void worker.terminate()
				}
				return
			}
			const request = waiting.get(message.id)
			if (!request) return
			waiting.delete(message.id)
			if (message.ok) {
				lastAnswer = performance.now()
				request.resolve(message.result)
			} else request.reject(rebuild(message.error))
		})
		worker.on('error', (error) =>
			fail(
				Object.assign(new Error(`De ingebouwde database (PGlite-thread) is vastgelopen: ${error.message}`), {
					cause: error,
				}),
			),
		)
		worker.on('exit', (code) => fail(new Error(`De ingebouwde database (PGlite-thread) is gestopt met code ${code}`)))
	})

	function call<T>(request: Request): Promise<T> {
		if (dead) return Promise.reject(dead)
		const id = nextId++
		return new Promise<T>((resolve, reject) => {
			waiting.set(id, { resolve: resolve as (value: unknown) => void, reject })
			try {
				worker.postMessage({ id, ...request })
			} catch (error) {
				// A value that cannot be sent to the thread: this query fails, the database goes on.
				waiting.delete(id)
				reject(error as Error)
			}
		})
	}

	await opened

	const queryable = (transaction?: number) => ({
		provider: 'postgres' as const,
		adapterName: ADAPTER_NAME,
		queryRaw: (query: SqlQuery) => call<SqlResultSet>({ op: 'query', query, transaction }),
		executeRaw: (query: SqlQuery) => call<number>({ op: 'execute', query, transaction }),
	})

	const adapter: SqlDriverAdapter = {
		...queryable(),
		executeScript: (script) => call<void>({ op: 'script', script }),
		async startTransaction(isolationLevel) {
			const { id, options } = await call<{ id: number; options: TransactionOptions }>({ op: 'begin', isolationLevel })
			return {
				...queryable(id),
				options,
				commit: () => call<void>({ op: 'commit', transaction: id }),
				rollback: () => call<void>({ op: 'rollback', transaction: id }),
			} satisfies Transaction
		},
		getConnectionInfo: () => ({ supportsRelationJoins: true }),
		dispose: async () => undefined,
	}

	return {
		factory: { provider: 'postgres', adapterName: ADAPTER_NAME, connect: async () => adapter },
		worker,
		answeredWithin: (ms) => !dead && performance.now() - lastAnswer <= ms,
		exec: (script) => call<void>({ op: 'script', script }),
		async dumpDataDir() {
			return new Blob([await call<Uint8Array<ArrayBuffer>>({ op: 'dump' })])
		},
		async close() {
			if (dead) return
			closing = true
			try {
				await call<void>({ op: 'close' })
			} finally {
				await worker.terminate()
			}
		},
	}
}
