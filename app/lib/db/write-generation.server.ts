// On the embedded database every write of the running portal goes through this process's Prisma
// adapter: the data directory is locked to the process (dir-lock.server.ts), scripts cannot open it
// meanwhile, and migrations run before the first request. So a counter of the writes this adapter
// has seen end says whether anything can have changed since a value was read: the register version
// is read once per write, not once per request (issue 17: on PGlite each read is a message to the
// database thread, queued behind the certificate lookups' written-behind inserts).
//
// Conservative by design: every statement that is not a plain SELECT counts, when it ends, whether
// it succeeded or not, and so does every end of a transaction. A value read while a write ends may
// be either side of it; it is kept only with the count taken before the read, so the next reader
// reads again. On PostgreSQL, where other instances and scripts write too, this instance's count is
// one half: the others' writes are heard as notifications (channel-watch.server.ts).
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { withStatementHooks } from './statement-hooks.server.ts'

export interface WriteGeneration {
	/** `factory`, counting the writes of every adapter it connects. */
	factory: SqlDriverAdapterFactory
	/** How many writes have ended so far. */
	current(): number
}

/** A statement that writes nothing: a SELECT without a data-modifying word (FOR UPDATE counts as one). */
export function onlyReads(sql: string): boolean {
	return /^\s*SELECT\b/i.test(sql) && !/\b(?:INSERT|UPDATE|DELETE|MERGE|TRUNCATE|nextval|setval)\b/i.test(sql)
}

export function withWriteGeneration(factory: SqlDriverAdapterFactory): WriteGeneration {
	let generation = 0
	const counted = <T>(run: () => Promise<T>): Promise<T> =>
		run().finally(() => {
			generation++
		})
	return {
		factory: withStatementHooks(factory, {
			// An execute counts whatever its text: it reports rows changed.
			statement: (query, kind, run) => (kind === 'query' && onlyReads(query.sql) ? run() : counted(run)),
			end: counted,
			script: counted,
		}),
		current: () => generation,
	}
}
