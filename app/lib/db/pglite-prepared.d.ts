// Types of pglite-prepared.js (plain JavaScript, as the worker thread runs it).
import type { PGlite } from '@electric-sql/pglite'

export declare const PREPARED_LIMIT: number

export interface PreparedStatements {
	/** The client with `query` (also inside transactions) answered from named prepared statements. */
	client: PGlite
	/** Closes every prepared statement (after a script: the schema may have changed). */
	forget(): Promise<void>
	/** Statements kept prepared (tests). */
	size(): number
}

export declare function withPreparedStatements(client: PGlite, options?: { limit?: number }): PreparedStatements
