// The embedded database on a thread of its own (pglite-thread.server.ts starts it). PGlite is
// PostgreSQL compiled to WebAssembly: run on the server's main thread, every query blocks the event
// loop, and under the deadline rush the trivial route waited seconds behind the saves (issue 17).
// Here the PGlite, the Prisma driver adapter and its result conversion run on this thread; the main
// thread sends a query and receives plain rows.
//
// Plain JavaScript, not TypeScript: a Worker is started from a file Node runs as it is, in the
// built server as in development and tests (Node 20 does not strip types).
//
// Semantics are the in-process ones, because the same code runs: PGlite runs one query at a time,
// and a transaction holds its lock until commit or rollback, so a query from another request
// waits for it instead of landing inside it.
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { withPreparedStatements } from './pglite-prepared.js'

/** @type {{ dataDir: string, startParams: string[], prepared: boolean, nice: number }} */
const { dataDir, startParams, prepared: keepPrepared, nice } = workerData
const port = parentPort
if (!port) throw new Error('pglite-worker.js runs only as a Worker')

// This thread's niceness (PGLITE_THREAD_NICE): Linux schedules threads one by one, and this
// thread's id is the last part of /proc/thread-self. Elsewhere (no /proc) it runs as it is; a
// lower priority needs no privilege.
if (nice > 0) {
	try {
		setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), nice)
	} catch {
		// not Linux: unchanged
	}
}

const client = new PGlite({ dataDir, extensions: { pg_trgm }, startParams })
// Statements prepared once per distinct text (pglite-prepared.js); without (PGLITE_PREPARED=off):
// PGlite's own unnamed statements, parsed and planned every time.
const prepared = keepPrepared ? withPreparedStatements(client) : null
const ready = client.waitReady.then(() => new PrismaPGlite(prepared?.client ?? client).connect())

/** Open transactions by number: the main thread names them in its later requests. */
const transactions = new Map()
let nextTransaction = 1

/** An error as plain data; the main thread rebuilds it (a DriverAdapterError keeps its cause). */
function plainError(error) {
	if (!(error instanceof Error)) return { name: 'Error', message: String(error) }
	const plain = { name: error.name, message: error.message, stack: error.stack }
	if (error.name === 'DriverAdapterError' && typeof error.cause === 'object') plain.cause = error.cause
	// PostgreSQL's fields on a database error (code, detail, hint…), for the migration runner's messages.
	for (const [key, value] of Object.entries(error)) {
		if (typeof value === 'string' || typeof value === 'number') plain[key] ??= value
	}
	return plain
}

function queryable(message) {
	if (message.transaction === undefined) return ready
	const transaction = transactions.get(message.transaction)
	if (!transaction) throw new Error(`Transactie ${message.transaction} bestaat niet (meer)`)
	return transaction
}

async function handle(message) {
	switch (message.op) {
		case 'query':
			return (await queryable(message)).queryRaw(message.query)
		case 'execute':
			return (await queryable(message)).executeRaw(message.query)
		case 'script':
			// Whole, awaited (whole-scripts.server.ts): a failing migration must fail.
			await ready
			try {
				await client.exec(message.script)
			} finally {
				await prepared?.forget() // the schema may have changed under the prepared statements
			}
			return undefined
		case 'begin': {
			const transaction = await (await ready).startTransaction(message.isolationLevel)
			const id = nextTransaction++
			transactions.set(id, transaction)
			return { id, options: transaction.options }
		}
		case 'commit':
		case 'rollback': {
			const transaction = queryable(message)
			transactions.delete(message.transaction)
			return message.op === 'commit' ? transaction.commit() : transaction.rollback()
		}
		case 'dump': {
			// A copy of the data directory for a backup, taken between two queries.
			await ready
			const file = await client.dumpDataDir('none')
			return new Uint8Array(await file.arrayBuffer())
		}
		case 'close':
			await ready
			await client.close() // flushes to the data directory
			return undefined
		default:
			throw new Error(`Onbekende opdracht: ${message.op}`)
	}
}

port.on('message', (message) => {
	// Not awaited one by one: like in-process callers, requests queue on PGlite's own lock, and a
	// transaction's queries must be able to pass while others wait for it.
	handle(message)
		.then((result) => {
			const transfer = result instanceof Uint8Array ? [result.buffer] : []
			port.postMessage({ id: message.id, ok: true, result }, transfer)
		})
		// Also a result that cannot be sent (a value structured cloning refuses): an answer, not a hang.
		.catch((error) => port.postMessage({ id: message.id, ok: false, error: plainError(error) }))
})

ready.then(
	() => port.postMessage({ ready: true }),
	// Opening failed (a damaged data directory…): the main thread reports it and stops.
	(error) => port.postMessage({ ready: false, error: plainError(error) }),
)
