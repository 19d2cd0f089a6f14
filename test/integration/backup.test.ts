// Backups: a seeded database and its files are backed up, restored into empty databases and
// stores (the original is left as the reference to compare with), and every table's row count and
// every file's checksum compared. On a PostgreSQL run (TEST_DATABASE_URL) the backup goes from
// PostgreSQL into PGlite and back from PGlite into PostgreSQL: the move between the two, both ways.
import { createHash, randomUUID } from 'node:crypto'
import { appendFileSync, cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Manifest, createBackup, portableSql, pruneBackups, restoreBackup } from '#app/lib/backup/backup.server.ts'
import { type Database, openDatabase } from '#app/lib/db/client.server.ts'
import { getDatabase } from '#app/lib/db.server.ts'
import { getEnv, initEnv } from '#app/lib/env.server.ts'
import { type FileStoreKind, localFileStore } from '#app/lib/file-store.server.ts'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { createListedParticipation, fillCompleteRound } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { testRoot, testDatabaseUrl, withDatabase } from '#test/setup/test-database.ts'

const work = path.join(testRoot, `backup-${randomUUID().slice(0, 8)}`)
const createdDatabases: string[] = []

afterAll(async () => {
	rmSync(work, { recursive: true, force: true })
	const url = testDatabaseUrl()
	if (!url) return
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	for (const name of createdDatabases) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
	await client.end()
})

async function emptyPostgres(): Promise<string> {
	const url = testDatabaseUrl()!
	const name = `keurmerk_restore_${randomUUID().replace(/-/g, '').slice(0, 12)}`
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	await client.query(`CREATE DATABASE ${name}`)
	await client.end()
	createdDatabases.push(name)
	return withDatabase(url, name)
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Every table's rows as in the manifest, and every file's bytes matching its checksum. */
async function expectSameAs(
	manifest: Manifest,
	database: Database,
	fileStorage: FileStoreKind,
	fileStorageDir: string,
) {
	const tables = await database.prisma.$queryRawUnsafe<{ name: string }[]>(
		"SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'StoredFileChunk'",
	)
	expect(tables.map((table) => table.name).sort()).toEqual(Object.keys(manifest.tables).sort())
	for (const { name } of tables) {
		const [row] = await database.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${name}"`)
		expect(Number(row?.n), name).toBe(manifest.tables[name])
	}
	const files = await database.prisma.storedFile.findMany({ orderBy: { storageKey: 'asc' } })
	expect(files.map((file) => file.storageKey)).toEqual(manifest.files.map((file) => file.storageKey))
	for (const file of files) {
		const bytes =
			fileStorage === 'local'
				? await localFileStore(fileStorageDir).read(file.storageKey)
				: Buffer.concat(
						(
							await database.prisma.storedFileChunk.findMany({
								where: { storageKey: file.storageKey },
								orderBy: { seq: 'asc' },
							})
						).map((chunk) => chunk.bytes),
					)
		expect(sha256(bytes), file.storageKey).toBe(file.sha256)
	}
}

describe('backup and restore', () => {
	let first: { dir: string; manifest: Manifest }

	// A seeded test database rather than the whole demo (which takes minutes to live through its
	// cycle on a busy machine): carriers with complete answers and uploaded documents, the 1 April
	// run's withdrawals, letters (generated PDFs) and mails, audit events and job runs.
	beforeAll(async () => {
		const year = 2094
		for (let index = 0; index < 3; index++) {
			const { provider } = await createProviderWithMember()
			await createListedParticipation({ year, providerId: provider.id })
			await fillCompleteRound({ providerId: provider.id, year })
		}
		setClock(amsterdamInstant(`${year}-04-01`, { hour: 0, minute: 5 }))
		await runJob('qualification-deadline', { trigger: 'scheduler' })
		await runJob('purge-sessions', { trigger: 'scheduler' })
		setClock(null)
	}, 300_000)

	it('backs up a seeded database: a dump, every file, and a manifest with row counts and checksums', async () => {
		const database = getDatabase()
		const started = performance.now()
		first = await createBackup(
			{ database, fileStorage: 'local', fileStorageDir: getEnv().FILE_STORAGE_DIR, pgDump: getEnv().PG_DUMP },
			path.join(work, 'backups'),
		)
		const { manifest } = first
		expect(manifest.source.database).toBe(database.kind)
		expect(manifest.damagedFiles).toEqual([])
		expect(manifest.tables.Participation).toBe(3)
		expect(manifest.tables.Withdrawal).toBe(3)
		expect(manifest.tables.OutboxEmail).toBeGreaterThanOrEqual(3)
		expect(manifest.files.length).toBeGreaterThan(0)
		expect(manifest.files.length).toBe(manifest.tables.StoredFile)
		expect(manifest.migrations.length).toBeGreaterThan(0)
		// The live database is the reference: the counts are its counts.
		await expectSameAs(manifest, database, 'local', getEnv().FILE_STORAGE_DIR)
		expect(readdirSync(path.join(work, 'backups'))).toEqual([path.basename(first.dir)])
		console.log(`backup of ${database.kind} in ${Math.round(performance.now() - started)} ms`)
	}, 300_000)

	it('restores into an empty embedded database with the files in the database store', async () => {
		const target = {
			database: { pgliteDataDir: path.join(work, 'restored-pglite') },
			fileStorage: 'database' as const,
			fileStorageDir: path.join(work, 'unused-files'),
		}
		const restored = await restoreBackup(first.dir, target)
		expect(restored.tables).toEqual(first.manifest.tables)
		const database = await openDatabase(target.database)
		try {
			await expectSameAs(first.manifest, database, 'database', target.fileStorageDir)
			// Moving on from the restored copy: its own backup (PGlite's pg_dump on a copy of it) …
			const second = await createBackup(
				{ database, fileStorage: 'database', fileStorageDir: target.fileStorageDir },
				path.join(work, 'backups-from-pglite'),
			)
			expect(second.manifest.tables).toEqual(first.manifest.tables)
			expect(second.manifest.files).toEqual(first.manifest.files)
			expect(second.manifest.source).toEqual({ database: 'pglite', fileStorage: 'database' })
			// … restored into an empty PostgreSQL with a local directory: embedded → PostgreSQL.
			if (testDatabaseUrl()) {
				const url = await emptyPostgres()
				const onPostgres = { database: { databaseUrl: url }, fileStorage: 'local' as const }
				const files = path.join(work, 'restored-postgres-files')
				await restoreBackup(second.dir, { ...onPostgres, fileStorageDir: files })
				const postgres = await openDatabase({ databaseUrl: url })
				try {
					await expectSameAs(first.manifest, postgres, 'local', files)
				} finally {
					await postgres.close()
				}
			}
		} finally {
			await database.close()
		}
	}, 600_000)

	it('refuses a database or a store that is not empty, and a backup whose files were changed', async () => {
		const used = path.join(work, 'used-pglite')
		mkdirSync(used, { recursive: true })
		cpSync(path.join(work, 'restored-pglite'), used, { recursive: true, filter: (name) => !name.endsWith('.lock') })
		await expect(
			restoreBackup(first.dir, {
				database: { pgliteDataDir: used },
				fileStorage: 'database',
				fileStorageDir: path.join(work, 'x'),
			}),
		).rejects.toThrow(/niet leeg/)

		const tampered = path.join(work, 'tampered')
		cpSync(first.dir, tampered, { recursive: true })
		const victim = first.manifest.files[0]!
		appendFileSync(path.join(tampered, 'files', victim.storageKey), 'x')
		await expect(
			restoreBackup(tampered, {
				database: { pgliteDataDir: path.join(work, 'never') },
				fileStorage: 'local',
				fileStorageDir: path.join(work, 'never-files'),
			}),
		).rejects.toThrow(/beschadigd/)
	})

	it('the nightly job writes a backup and keeps the newest BACKUP_KEEP (off outside production)', async () => {
		const root = path.join(work, 'nightly')
		expect((await runJob('nightly-backup')).run.summary).toMatchObject({ skipped: 1 })
		Object.assign(process.env, { BACKUP_NIGHTLY: 'on', BACKUP_DIR: root, BACKUP_KEEP: '1' })
		initEnv()
		try {
			const made = await runJob('nightly-backup')
			expect(made.run.status).toBe('succeeded')
			expect(made.run.summary).toMatchObject({ files: first.manifest.files.length, damagedFiles: 0 })
			await runJob('nightly-backup')
			expect(readdirSync(root)).toHaveLength(1)
		} finally {
			for (const name of ['BACKUP_NIGHTLY', 'BACKUP_DIR', 'BACKUP_KEEP']) delete process.env[name]
			initEnv()
		}
	}, 300_000)

	it('keeps the newest backups and removes older ones and broken-off ones', async () => {
		const root = path.join(work, 'retention')
		for (const name of [
			'2027-01-01T00-00-00-000Z',
			'2027-01-02T00-00-00-000Z',
			'2027-01-03T00-00-00-000Z',
			'2027-01-04T00-00-00-000Z.partial',
		])
			mkdirSync(path.join(root, name), { recursive: true })
		const removed = await pruneBackups(root, 2)
		expect(removed.sort()).toEqual(['2027-01-01T00-00-00-000Z', '2027-01-04T00-00-00-000Z.partial'])
		expect(readdirSync(root).sort()).toEqual(['2027-01-02T00-00-00-000Z', '2027-01-03T00-00-00-000Z'])
	})

	it('makes a dump of either server loadable by the other, removing only whole guard lines', () => {
		const dump = [
			'\\restrict AbC123',
			'SET transaction_timeout = 0;',
			"INSERT INTO public.t VALUES (1, 'a\\restrict AbC123');",
			'\\unrestrict AbC123',
		].join('\n')
		expect(portableSql(dump)).toBe("INSERT INTO public.t VALUES (1, 'a\\restrict AbC123');")
	})
})
