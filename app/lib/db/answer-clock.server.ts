// When the database last answered a statement, for the health check (server/healthz.ts): an engine
// that answered moments ago is alive, so the check need not send one of its own. On PostgreSQL a
// SELECT 1 at the deadline rush waited for one of the pool's connections behind the saves (server
// timing of /healthz p95 22 ms, issue 17); PGlite's thread keeps the same clock itself
// (pglite-thread.server.ts).
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { withStatementHooks } from './statement-hooks.server.ts'

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
	const noted = <T>(run: () => Promise<T>): Promise<T> =>
		run().then((result) => {
			lastAnswer = now()
			return result
		})
	return {
		factory: withStatementHooks(factory, { statement: (_query, _kind, run) => noted(run), begin: noted }),
		answeredWithin: (ms) => now() - lastAnswer <= ms,
	}
}
