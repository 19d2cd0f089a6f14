// Backups (npm run db:backup, the nightly job) and restores (npm run db:restore). A backup is a
// folder: database.sql (a plain SQL dump), files/<storage key> (every stored file, whichever store
// it came from) and manifest.json (row counts per table, and a SHA-256 for the dump and for every
// file). It restores into an empty PGlite or PostgreSQL and an empty file store of either kind:
// that is also how the portal moves from the embedded database to PostgreSQL (docs/deploy.md).
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import type { Database, DatabaseConfig } from '../db/client.server.ts'
import { openDatabase } from '../db/client.server.ts'
import { createPGlite } from '../db/pglite.server.ts'
import { type FileStore, checkStorageKey, databaseFileStore, localFileStore } from '../file-store.server.ts'
import { type Snapshot, pgliteSnapshot, postgresSnapshot } from './snapshot.server.ts'

export const MANIFEST_FORMAT = 'keurmerk-backup/1'

export interface Manifest {
	format: typeof MANIFEST_FORMAT
	createdAt: string
	source: { database: 'pglite' | 'postgresql'; fileStorage: 'local' | 'database' }
	/** The migrations the dump's schema has: a newer portal applies the rest when it starts. */
	migrations: string[]
	dump: { file: 'database.sql'; sha256: string; bytes: number }
	/** Rows per table at the moment of the dump (StoredFileChunk's data lives in files/). */
	tables: Record<string, number>
	files: { storageKey: string; sha256: string; sizeBytes: number }[]
	/** Stored files whose bytes were missing or did not match their checksum at backup time. */
	damagedFiles: string[]
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

/** Tables of the portal (public schema), in a fixed order. */
async function tableNames(query: <T>(sql: string) => Promise<T[]>): Promise<string[]> {
	const rows = await query<{ name: string }>(
		"SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
	)
	return rows.map((row) => row.name)
}

async function rowCounts(query: <T>(sql: string) => Promise<T[]>): Promise<Record<string, number>> {
	const counts: Record<string, number> = {}
	for (const name of await tableNames(query)) {
		if (name === 'StoredFileChunk') continue
		const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM public."${name.replace(/"/g, '""')}"`)
		counts[name] = Number(row?.n ?? 0)
	}
	return counts
}

export interface BackupSource {
	database: Pick<Database, 'kind' | 'connectionString' | 'dumpDataDir'>
	fileStorage: 'local' | 'database'
	/** The local store's directory (FILE_STORAGE_DIR), read when fileStorage is 'local'. */
	fileStorageDir: string
	/** The pg_dump to run against PostgreSQL (PG_DUMP; it must be at least the server's version). */
	pgDump?: string
}

export async function openSnapshot(source: BackupSource): Promise<Snapshot> {
	if (source.database.connectionString) return postgresSnapshot(source.database.connectionString, source.pgDump)
	if (source.database.dumpDataDir) return pgliteSnapshot(await source.database.dumpDataDir())
	throw new Error('Onbekende database: geen back-up mogelijk')
}

/** Writes a backup into `<backupRoot>/<stamp>/` and returns that folder and its manifest. */
export async function createBackup(
	source: BackupSource,
	backupRoot: string,
	{ at = new Date() }: { at?: Date } = {},
): Promise<{ dir: string; manifest: Manifest }> {
	const stamp = at.toISOString().replace(/[:.]/g, '-')
	const dir = path.resolve(backupRoot, stamp)
	// Written under another name first: a backup that broke off halfway never looks complete.
	const partial = `${dir}.partial`
	await rm(partial, { recursive: true, force: true })
	await mkdir(path.join(partial, 'files'), { recursive: true })
	const snapshot = await openSnapshot(source)
	try {
		const query = <T>(sql: string, params?: unknown[]) => snapshot.query<T>(sql, params)
		const dumpText = await snapshot.dumpSql()
		await writeFile(path.join(partial, 'database.sql'), dumpText, { mode: 0o600 })
		const tables = await rowCounts(query)
		const migrations = (
			await query<{ name: string }>(
				'SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name',
			)
		).map((row) => row.name)
		const stored = await query<{ storageKey: string; sha256: string; sizeBytes: number }>(
			'SELECT "storageKey", "sha256", "sizeBytes" FROM "StoredFile" ORDER BY "storageKey"',
		)
		const local = localFileStore(path.resolve(source.fileStorageDir))
		const files: Manifest['files'] = []
		const damagedFiles: string[] = []
		for (const file of stored) {
			const bytes =
				source.fileStorage === 'local'
					? await local.read(file.storageKey).catch(() => null)
					: await chunksOf(query, file.storageKey)
			if (!bytes || sha256(bytes) !== file.sha256) {
				damagedFiles.push(file.storageKey)
				continue
			}
			const target = path.join(partial, 'files', checkStorageKey(file.storageKey))
			await mkdir(path.dirname(target), { recursive: true })
			await writeFile(target, bytes, { mode: 0o600 })
			files.push({ storageKey: file.storageKey, sha256: file.sha256, sizeBytes: bytes.byteLength })
		}
		const manifest: Manifest = {
			format: MANIFEST_FORMAT,
			createdAt: at.toISOString(),
			source: { database: snapshot.kind, fileStorage: source.fileStorage },
			migrations,
			dump: { file: 'database.sql', sha256: sha256(dumpText), bytes: Buffer.byteLength(dumpText) },
			tables,
			files,
			damagedFiles,
		}
		await writeFile(path.join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 })
		await rename(partial, dir)
		return { dir, manifest }
	} catch (error) {
		await rm(partial, { recursive: true, force: true })
		throw error
	} finally {
		await snapshot.close()
	}
}

async function chunksOf(query: Snapshot['query'], storageKey: string): Promise<Buffer | null> {
	const chunks = await query<{ bytes: Uint8Array }>(
		'SELECT "bytes" FROM "StoredFileChunk" WHERE "storageKey" = $1 ORDER BY "seq"',
		[storageKey],
	)
	return chunks.length === 0 ? null : Buffer.concat(chunks.map((chunk) => Buffer.from(chunk.bytes)))
}

/** Keeps the newest `keep` complete backups in `backupRoot` and removes older ones (and leftovers). */
export async function pruneBackups(backupRoot: string, keep: number): Promise<string[]> {
	const entries = await readdir(backupRoot).catch(() => [] as string[])
	const complete = entries.filter((name) => /^\d{4}-\d{2}-\d{2}T[\d-]+Z$/.test(name)).sort()
	const stale = [
		...complete.slice(0, Math.max(0, complete.length - keep)),
		...entries.filter((name) => name.endsWith('.partial')),
	]
	for (const name of stale) await rm(path.join(backupRoot, name), { recursive: true, force: true })
	return stale
}

export async function readManifest(dir: string): Promise<Manifest> {
	const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest
	if (manifest.format !== MANIFEST_FORMAT) throw new Error(`Onbekend back-upformaat: ${String(manifest.format)}`)
	return manifest
}

/** Checks the dump and every file against the manifest; returns the dump's SQL. */
export async function verifyBackup(dir: string, manifest: Manifest): Promise<string> {
	const dumpText = await readFile(path.join(dir, manifest.dump.file), 'utf8')
	if (sha256(dumpText) !== manifest.dump.sha256) throw new Error('De databasedump klopt niet met het manifest')
	for (const file of manifest.files) {
		const bytes = await readFile(path.join(dir, 'files', checkStorageKey(file.storageKey)))
		if (sha256(bytes) !== file.sha256) throw new Error(`Bestand beschadigd in de back-up: ${file.storageKey}`)
	}
	return dumpText
}

/**
 * What one server version's pg_dump writes that another server cannot run: psql's \restrict
 * guard lines (we load without psql) and settings newer than PostgreSQL 15 (transaction_timeout).
 * Only whole lines that are exactly these are removed, never data.
 */
export function portableSql(dumpText: string): string {
	return dumpText
		.split('\n')
		.filter((line) => !/^\\(un)?restrict [A-Za-z0-9]+$/.test(line) && line !== 'SET transaction_timeout = 0;')
		.join('\n')
}

export interface RestoreTarget {
	database: DatabaseConfig
	/** The store the files go into (FILE_STORAGE at the target). */
	fileStorage: 'local' | 'database'
	fileStorageDir: string
}

async function isEmptyDir(dir: string): Promise<boolean> {
	const entries = await readdir(dir).catch(() => null)
	return entries === null || entries.length === 0
}

/** Loads a backup into an empty database and an empty file store, and checks the result. */
export async function restoreBackup(
	dir: string,
	target: RestoreTarget,
): Promise<{ tables: Record<string, number>; files: number }> {
	const manifest = await readManifest(dir)
	const sql = portableSql(await verifyBackup(dir, manifest))
	if (target.fileStorage === 'local' && !(await isEmptyDir(target.fileStorageDir)))
		throw new Error(`De bestandsmap is niet leeg: ${target.fileStorageDir}`)
	if (target.database.databaseUrl) {
		const client = new pg.Client({ connectionString: target.database.databaseUrl })
		await client.connect()
		try {
			const { rows } = await client.query<{ n: number }>(
				"SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'",
			)
			if (Number(rows[0]?.n) > 0) throw new Error('De doeldatabase is niet leeg: herstel alleen in een lege database')
			// One simple query: the whole dump runs as one transaction, all or nothing.
			await client.query(sql)
		} finally {
			await client.end()
		}
	} else {
		const dataDir = path.resolve(target.database.pgliteDataDir ?? 'var/db')
		if (!(await isEmptyDir(dataDir))) throw new Error(`De databasemap is niet leeg: ${dataDir}`)
		await mkdir(dataDir, { recursive: true })
		const database = createPGlite(dataDir)
		try {
			await database.exec(`BEGIN;\n${sql}\nCOMMIT;`)
		} finally {
			await database.close()
		}
	}
	const database = await openDatabase(target.database)
	try {
		const store: FileStore =
			target.fileStorage === 'local' ? localFileStore(path.resolve(target.fileStorageDir)) : databaseFileStore()
		for (const file of manifest.files) {
			const bytes = await readFile(path.join(dir, 'files', checkStorageKey(file.storageKey)))
			await store.write(file.storageKey, bytes, database.prisma)
		}
		const tables = await rowCounts(<T>(query: string) => database.prisma.$queryRawUnsafe<T[]>(query))
		const wrong = Object.entries(manifest.tables).filter(([name, count]) => tables[name] !== count)
		if (wrong.length > 0)
			throw new Error(
				`Aantallen rijen wijken af: ${wrong.map(([name, count]) => `${name} ${tables[name]} ≠ ${count}`).join(', ')}`,
			)
		return { tables, files: manifest.files.length }
	} finally {
		await database.close()
	}
}
