// Something done around every statement a driver adapter runs, in and outside its transactions:
// the answer clock (answer-clock.server.ts) notes when the database last answered, the write
// generation (write-generation.server.ts) counts the writes that ended. One wrapper for both, so
// neither has to know how an adapter, its transactions and their queries nest.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery } from '@prisma/driver-adapter-utils'
import { override, wrappedFactory } from './pg-prepared.server.ts'

/** Runs `run` (the adapter's own step) and answers what it answers; a hook may only look. */
type Around = <T>(run: () => Promise<T>) => Promise<T>

export interface StatementHooks {
	/** A query (rows back) or an execute (a count back), outside a transaction or inside one. */
	statement: <T>(query: SqlQuery, kind: 'query' | 'execute', run: () => Promise<T>) => Promise<T>
	/** Opening a transaction. */
	begin?: Around
	/** A transaction's commit or rollback. */
	end?: Around
	/** A whole script (migrations). */
	script?: Around
}

const asIs: Around = (run) => run()

/** `factory` whose adapters, and their transactions, run every step through `hooks`. */
export function withStatementHooks(factory: SqlDriverAdapterFactory, hooks: StatementHooks): SqlDriverAdapterFactory {
	const { statement, begin = asIs, end = asIs, script = asIs } = hooks
	const queries = (target: Pick<SqlDriverAdapter, 'queryRaw' | 'executeRaw'>) => ({
		queryRaw: (query: SqlQuery) => statement(query, 'query', () => target.queryRaw(query)),
		executeRaw: (query: SqlQuery) => statement(query, 'execute', () => target.executeRaw(query)),
	})
	return wrappedFactory(factory, (adapter) =>
		override(adapter, {
			...queries(adapter),
			executeScript: (text: string) => script(() => adapter.executeScript(text)),
			startTransaction: async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
				const transaction = await begin(() => adapter.startTransaction(...args))
				return override(transaction, {
					...queries(transaction),
					commit: () => end(() => transaction.commit()),
					rollback: () => end(() => transaction.rollback()),
				})
			},
		}),
	)
}
