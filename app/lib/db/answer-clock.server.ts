// When the database last answered a statement, for the health check (server/healthz.ts): an engine
// that answered moments ago is alive, so the check need not send one of its own. On PostgreSQL a
// SELECT 1 at the deadline rush waited for one of the pool's connections behind the saves (server
// timing of /healthz p95 22 ms, issue 17); PGlite's thread keeps the same clock itself
// (pglite-thread.server.ts).
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'
import { override, wrappedFactory } from './pg-prepared.server.ts'

export interface AnswerClock {
	/** `factory`, noting the moment of every statement it answers (inside transactions too). */
	factory: SqlDriverAdapterFactory
	answeredWithin(ms: number): boolean
}

export function withAnswerClock(
	factory: SqlDriverAdapterFactory,
	now: () => number = () => performance.now(),
): AnswerClock {
	let lastAnswer = Number.NEGATIVE_INFINITY
	const noted = <T>(answer: Promise<T>): Promise<T> =>
		answer.then((result) => {
			lastAnswer = now()
			return result
		})
	const queries = (target: SqlDriverAdapter | Transaction) => ({
		queryRaw: (query: SqlQuery) => noted(target.queryRaw(query)),
		executeRaw: (query: SqlQuery) => noted(target.executeRaw(query)),
	})
	const wrapAdapter = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
		override(adapter, {
			...queries(adapter),
			startTransaction: async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
				const transaction = await noted(adapter.startTransaction(...args))
				return override(transaction, queries(transaction))
			},
		})
	return {
		factory: wrappedFactory(factory, wrapAdapter),
		answeredWithin: (ms) => now() - lastAnswer <= ms,
	}
}
