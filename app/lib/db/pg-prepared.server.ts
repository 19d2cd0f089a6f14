// Named prepared statements on PostgreSQL (issue 17), as pglite-prepared.js does for PGlite. Prisma's
// pg adapter sends every statement unnamed, so the server parses, analyses and plans the same SQL
// text for every autosave; with a name (the adapter's `statementNameGenerator`) node-postgres parses
// it once per connection and from then on only binds and executes it, and PostgreSQL may settle on
// a generic plan (plan_cache_mode=auto) and skip planning too.
//
// Bounded: node-postgres keeps a named statement for the life of its connection (and so does the
// backend), with no way to close one. So only the first `limit` distinct texts get a name — each
// from its second use on, so a text that runs once (a seed, a one-off list of ids) takes no place —
// and every other text stays unnamed, as before. Names come from a hash of the text: stable, and
// one text has one name on every connection.
//
// Only statements with parameters are named: they already go through the extended protocol, so a
// name changes nothing but the caching. A statement without parameters (BEGIN, COMMIT, ANALYZE, a
// raw script of several statements) keeps the simple protocol, which is the only one that runs more
// than one statement in a text.
//
// Schema changes: PostgreSQL re-plans a prepared statement when a table it reads changes, but
// refuses one whose result changed shape ("cached plan must not change result type", 0A000), and
// refuses it again on every later run on that connection. The portal's own migrations run before
// the pool serves (initDatabase) and on a pool of their own, but another process can migrate while
// this one runs (a second instance starting on a new release, npm run db:migrate). Then the text's
// name is retired (later runs, on every connection, prepare it afresh under a new name) and a
// statement outside a transaction is run once more; inside a transaction the error stands (the
// transaction is aborted) and the next one uses the new name.
import { createHash } from 'node:crypto'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'
import type { PoolConfig } from 'pg'

/** Distinct statement texts named per process (per pool: at most this many per connection). */
export const PG_PREPARED_LIMIT = 200

/** Longer texts stay unnamed (and are not remembered): a long list of ids is not worth keeping. */
export const PG_PREPARED_MAX_TEXT = 16_384

export interface StatementNames {
	/** The `statementNameGenerator` of PrismaPg: a name, or '' for an unnamed statement. */
	nameFor(query: SqlQuery): string
	/** The name `sql` runs under now ('' unnamed, as far as it is decided). */
	current(sql: string): string
	/**
	 * PostgreSQL refused the statement of `sql`, run as `name`, as stale: later runs prepare it under a
	 * new name. Nothing when it has had a new name since (several connections refused it at once).
	 */
	retire(sql: string, name: string): void
	/** Names given out so far (retired ones included): never more than the limit. */
	issued(): number
}

export function statementNames({
	limit = PG_PREPARED_LIMIT,
	maxText = PG_PREPARED_MAX_TEXT,
}: { limit?: number; maxText?: number } = {}): StatementNames {
	/** Text → its name, or '' for a text that stays unnamed for good (a retired one past the limit). */
	const named = new Map<string, string>()
	const generations = new Map<string, number>()
	const names = new Set<string>()
	/** Texts seen once, not yet named; emptied when full (at most `limit` texts held). */
	const seen = new Set<string>()
	let issued = 0

	function give(sql: string, name: string): string {
		// Two texts with one 64-bit hash are not to be expected; if it happens, the second stays unnamed
		// (node-postgres refuses one name for two texts on a connection).
		if (issued >= limit || names.has(name)) name = ''
		else {
			issued++
			names.add(name)
		}
		named.set(sql, name)
		return name
	}

	return {
		nameFor({ sql, args }) {
			if (args.length === 0) return ''
			const name = named.get(sql)
			if (name !== undefined) return name
			if (issued >= limit || sql.length > maxText) return ''
			if (!seen.has(sql)) {
				if (seen.size >= limit) seen.clear()
				seen.add(sql)
				return ''
			}
			seen.delete(sql)
			return give(sql, `kp_${hashOf(sql)}`)
		},
		current: (sql) => named.get(sql) ?? '',
		retire(sql, name) {
			if (!name || named.get(sql) !== name) return
			const generation = (generations.get(sql) ?? 1) + 1
			generations.set(sql, generation)
			give(sql, `kp_${hashOf(sql)}_g${generation}`)
		},
		issued: () => issued,
	}
}

function hashOf(sql: string): string {
	return createHash('sha256').update(sql).digest('hex').slice(0, 16)
}

/** The driver adapter of the Prisma client on PostgreSQL, with named statements (`names`) and recovery. */
export function preparedPgAdapter(pool: PoolConfig, names: StatementNames = statementNames()): SqlDriverAdapterFactory {
	return withStalePlanRecovery(new PrismaPg(pool, { statementNameGenerator: (query) => names.nameFor(query) }), names)
}

/** PostgreSQL's refusal of a prepared statement whose result changed shape since it was prepared. */
export function isStalePlan(error: unknown): boolean {
	const cause = (error as { cause?: { originalCode?: unknown; originalMessage?: unknown } } | null)?.cause
	return (
		cause?.originalCode === '0A000' &&
		typeof cause.originalMessage === 'string' &&
		cause.originalMessage.includes('cached plan must not change result type')
	)
}

/**
 * `factory` (a PrismaPg with `names` as its statement name generator) with the recovery from stale
 * statements described above: the name is retired; outside a transaction the statement runs once more.
 */
export function withStalePlanRecovery(
	factory: SqlDriverAdapterFactory,
	names: StatementNames,
): SqlDriverAdapterFactory {
	const run = async <T>(query: SqlQuery, io: () => Promise<T>, retry: boolean): Promise<T> => {
		const name = names.current(query.sql)
		try {
			return await io()
		} catch (error) {
			if (!isStalePlan(error)) throw error
			names.retire(query.sql, name)
			// Refused before it ran (at Bind/Execute), so running it again does nothing twice. Outside a
			// transaction the pool has dropped the connection that failed, with its statements.
			if (!retry) throw error
			return io()
		}
	}
	const queries = <Q extends SqlDriverAdapter | Transaction>(target: Q, retry: boolean) => ({
		queryRaw: (query: SqlQuery) => run(query, () => target.queryRaw(query), retry),
		executeRaw: (query: SqlQuery) => run(query, () => target.executeRaw(query), retry),
	})
	const wrapTransaction = (transaction: Transaction): Transaction =>
		override(transaction, inTurn(transaction, queries(transaction, false)))
	const wrapAdapter = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
		override(adapter, {
			...queries(adapter, true),
			startTransaction: async (...args: Parameters<SqlDriverAdapter['startTransaction']>) =>
				wrapTransaction(await adapter.startTransaction(...args)),
		})
	return wrappedFactory(factory, wrapAdapter)
}

/** `factory` with each transaction's work in turn (inTurn), for the adapter without named statements (PG_PREPARED=off). */
export function withTransactionsInTurn(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
	const wrapAdapter = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
		override(adapter, {
			startTransaction: async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
				const transaction = await adapter.startTransaction(...args)
				return override(transaction, inTurn(transaction))
			},
		})
	return wrappedFactory(factory, wrapAdapter)
}

/**
 * The work of one transaction one at a time, in the order asked. Prisma's query plan loads the
 * relations of an `include` at once (Promise.all), and in a transaction they all meet its one
 * connection: node-postgres queued them, but warns that pg@9 refuses a query sent while another
 * runs ("Calling client.query() when the client is already executing a query"). The same order,
 * kept here; commit, rollback (which release the connection to the pool) and savepoints wait for
 * every query asked before them, as they did in node-postgres' queue.
 */
function inTurn(
	transaction: Transaction,
	queries: Pick<Transaction, 'queryRaw' | 'executeRaw'> = {
		queryRaw: (query) => transaction.queryRaw(query),
		executeRaw: (query) => transaction.executeRaw(query),
	},
) {
	let last: Promise<unknown> = Promise.resolve()
	const turn =
		<A extends unknown[], T>(work: (...args: A) => Promise<T>) =>
		(...args: A): Promise<T> => {
			const next = last.then(() => work(...args))
			last = next.catch(() => undefined)
			return next
		}
	const savepoints = (['createSavepoint', 'rollbackToSavepoint', 'releaseSavepoint'] as const).flatMap((method) => {
		const work = transaction[method]?.bind(transaction)
		return work ? [[method, turn(work)] as const] : []
	})
	return {
		queryRaw: turn(queries.queryRaw),
		executeRaw: turn(queries.executeRaw),
		commit: turn(() => transaction.commit()),
		rollback: turn(() => transaction.rollback()),
		...Object.fromEntries(savepoints),
	}
}

/** `factory` whose every connection is `wrap`ped (the driver adapters' wrappers here and in statement-hooks.server.ts). */
export function wrappedFactory(
	factory: SqlDriverAdapterFactory,
	wrap: (adapter: SqlDriverAdapter) => SqlDriverAdapter,
): SqlDriverAdapterFactory {
	return {
		provider: factory.provider,
		adapterName: factory.adapterName,
		connect: async () => wrap(await factory.connect()),
	}
}

/** `target` with some methods replaced; every other property is the target's own (methods bound). */
export function override<T extends object>(target: T, methods: Partial<Record<keyof T, unknown>>): T {
	return new Proxy(target, {
		get(object, property, receiver) {
			if (Object.hasOwn(methods, property)) return methods[property as keyof T]
			const value: unknown = Reflect.get(object, property, receiver)
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value
		},
	})
}
