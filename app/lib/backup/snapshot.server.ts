// A consistent, read-only view of the whole database for a backup: the SQL dump, the row counts
// and the list of stored files all come from one moment.
// - PostgreSQL: a REPEATABLE READ transaction exports its snapshot; pg_dump dumps that very
//   snapshot (--snapshot), and our own queries run in the same transaction.
// - PGlite: the embedded database is copied whole (PGlite's dumpDataDir, one step under its own
//   lock) into a second, in-memory PGlite; pg_dump (the WASM build in @electric-sql/pglite-tools)
//   and our queries read that copy, so the running portal is paused only for the copy.
import { execFile } from 'node:child_process'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { pgDump } from '@electric-sql/pglite-tools/pg_dump'
import pg from 'pg'

export interface Snapshot {
	kind: 'pglite' | 'postgresql'
	query<T>(sql: string, params?: unknown[]): Promise<T[]>
	/** Plain SQL (INSERT statements, so it loads into PGlite and PostgreSQL alike). */
	dumpSql(): Promise<string>
	close(): Promise<void>
}

/**
 * The file contents are exported beside the dump (files/), whatever the store: so a backup
 * restores into either store, and the dump does not hold every file twice.
 */
const EXCLUDED_TABLE_DATA = 'public."StoredFileChunk"'
const DUMP_ARGS = [
	'--no-owner',
	'--no-privileges',
	'--rows-per-insert=100',
	`--exclude-table-data=${EXCLUDED_TABLE_DATA}`,
]

export async function postgresSnapshot(connectionString: string, pgDumpBinary = 'pg_dump'): Promise<Snapshot> {
	const client = new pg.Client({ connectionString, application_name: 'keurmerk:backup' })
	await client.connect()
	await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
	const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')
	const snapshotId = rows[0]!.id
	return {
		kind: 'postgresql',
		async query<T>(sql: string, params: unknown[] = []) {
			return (await client.query(sql, params)).rows as T[]
		},
		dumpSql() {
			return new Promise((resolve, reject) => {
				execFile(
					pgDumpBinary,
					[...DUMP_ARGS, '--inserts', `--snapshot=${snapshotId}`, `--dbname=${connectionString}`],
					{ maxBuffer: 4 * 1024 ** 3, encoding: 'utf8' },
					(error, stdout, stderr) =>
						error ? reject(new Error(`pg_dump: ${stderr || error.message}`)) : resolve(stdout),
				)
			})
		},
		async close() {
			await client.query('COMMIT').catch(() => undefined)
			await client.end()
		},
	}
}

/**
 * A copy of a running PGlite's data directory (its `dumpDataDir`, in process or from its worker
 * thread, taken in one step), opened as a second PGlite in memory.
 */
export async function pgliteSnapshot(dump: Blob): Promise<Snapshot> {
	const copy = await PGlite.create({ loadDataDir: dump, extensions: { pg_trgm } })
	return pgliteView(copy, () => copy.close())
}

/** A PGlite nobody else uses (the CLI with the portal stopped): read directly, no copy. */
export function pgliteView(database: PGlite, close: () => Promise<void>): Snapshot {
	return {
		kind: 'pglite',
		async query<T>(sql: string, params: unknown[] = []) {
			return (await database.query<T>(sql, params)).rows
		},
		async dumpSql() {
			const file = await pgDump({ pg: database, args: DUMP_ARGS })
			// pg_dump leaves the search path empty on its connection, which is ours: put it back.
			await database.exec('SET search_path TO public')
			return file.text()
		},
		close,
	}
}
