// Named prepared statements for PGlite (issue 17, target 2). PGlite's `query` sends every statement
// as an unnamed one: PostgreSQL parses, analyses and plans it afresh each time. Measured in the
// worker under the autosave load, of ~13 ms of engine time per save, parsing took ~30 % and planning
// (at Bind) ~50 %; the commit at Sync under 5 %. Prisma sends the same SQL text again and again
// (only the parameters change), so each distinct text is prepared once under a name and then only
// bound and executed: parsing is skipped, and once PostgreSQL settles on a generic plan (after five
// runs, plan_cache_mode=auto) so is planning.
//
// Plain JavaScript: the worker thread (pglite-worker.js) runs this file as it is.
//
// Semantics are PGlite's own `query`: the same locks (a statement outside a transaction waits for an
// open one), the same parameter serialisation and result parsing, the same DatabaseError, and the
// same Sync after every statement (outside a transaction block that is its commit). A prepared
// statement belongs to the session, not to a transaction, so it survives a rollback; PostgreSQL
// itself re-plans it when a table it uses changes (plan invalidation). After a script (migrations)
// the cache is dropped anyway (`forget`), so no statement outlives the schema it was prepared on.
import { parse, protocol } from '@electric-sql/pglite'

const { serialize } = protocol

/** Distinct statement texts kept prepared; the least recently used one is closed beyond this. */
export const PREPARED_LIMIT = 200

/**
 * `client` with `query` answered from named prepared statements; everything else (exec,
 * transactions, close…) is the client's own. For the driver adapter: `new PrismaPGlite(prepared)`.
 */
export function withPreparedStatements(client, { limit = PREPARED_LIMIT } = {}) {
	/** SQL text → { name, types }; a Map keeps insertion order, refreshed on use (LRU). */
	const statements = new Map()
	let next = 1

	// One call into the engine per step, as PGlite's own query does: a failing step throws its
	// DatabaseError there and the later ones are not sent.
	const step = (bytes) => client.execProtocolStream(bytes, { syncToFs: false })

	async function prepare(sql, options) {
		const name = `kp_${next++}`
		await step(serialize.parse({ name, text: sql, types: options?.paramTypes }))
		const types = parse.parseDescribeStatementResults(await step(serialize.describe({ type: 'S', name })))
		const statement = { name, types }
		statements.set(sql, statement)
		if (statements.size > limit) {
			const [oldest, { name: closing }] = statements.entries().next().value
			statements.delete(oldest)
			await step(serialize.close({ type: 'S', name: closing }))
		}
		return statement
	}

	/** Runs with PGlite's query lock held (and, outside a transaction, its transaction lock). */
	async function run(sql, params = [], options, inTransaction) {
		const messages = []
		try {
			let statement = statements.get(sql)
			if (statement) {
				statements.delete(sql)
				statements.set(sql, statement)
			} else statement = await prepare(sql, options)
			const values = params.map((value, index) => {
				if (value === null || value === undefined) return null
				const type = statement.types[index]
				const serializer = options?.serializers?.[type] ?? client.serializers[type]
				return serializer ? serializer(value) : value.toString()
			})
			messages.push(
				...(await step(serialize.bind({ statement: statement.name, values }))),
				...(await step(serialize.describe({ type: 'P' }))),
				...(await step(serialize.execute({}))),
			)
		} catch (error) {
			if (error instanceof Error) Object.assign(error, { query: sql, params, queryOptions: options })
			throw error
		} finally {
			messages.push(...(await step(serialize.sync())))
		}
		if (!inTransaction) await client.syncToFs()
		const parsers = options?.parsers ? layeredParsers(options.parsers) : client.parsers
		return parse.parseResults(messages, parsers, options?.parsers ? { ...options, parsers: undefined } : options)[0]
	}

	// PGlite's result parser merges the query's own parsers into the client's ~320 by spreading both
	// into a new object at every query; the Prisma adapter passes its own with every query. Measured:
	// 0.075 ms of a 0.25 ms autosave statement, 0.003 ms without (issue 17). The same lookups, once:
	// the query's parsers over the client's as prototype, which PGlite fills in place (array types)
	// and never replaces after its constructor.
	const layered = new WeakMap()
	function layeredParsers(own) {
		let parsers = layered.get(own)
		if (!parsers) {
			parsers = Object.assign(Object.create(client.parsers), own)
			layered.set(own, parsers)
		}
		return parsers
	}

	const query = async (sql, params, options) => {
		await client.waitReady
		return client._runExclusiveTransaction(() => client._runExclusiveQuery(() => run(sql, params, options, false)))
	}

	const transaction = (callback) =>
		client.transaction((tx) =>
			callback(
				new Proxy(tx, {
					get(target, property, receiver) {
						if (property === 'query')
							return (sql, params, options) => {
								if (target.closed) throw new Error('Transaction is closed')
								return client._runExclusiveQuery(() => run(sql, params, options, true))
							}
						return Reflect.get(target, property, receiver)
					},
				}),
			),
		)

	/** Closes every prepared statement (after a script: the schema may have changed). */
	async function forget() {
		if (statements.size === 0) return
		statements.clear()
		// A script that left its transaction aborted refuses this too: the statements then stay
		// prepared but unused (names are never reused), and the script's own error is the one told.
		await client.exec('DEALLOCATE ALL').catch(() => undefined)
	}

	const prepared = new Proxy(client, {
		get(target, property, receiver) {
			if (property === 'query') return query
			if (property === 'transaction') return transaction
			const value = Reflect.get(target, property, receiver)
			return typeof value === 'function' ? value.bind(target) : value
		},
	})
	return { client: prepared, forget, size: () => statements.size }
}
