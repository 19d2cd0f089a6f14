// The orphan sweep of the maintenance job (app/lib/orphan-files.server.ts): bytes a crash left in the
// store without their row go once they are older than the grace; young bytes (an upload in flight)
// and every file a row refers to stay, in the local directory and in the database store alike.
// The files are the ones the portal's own services make (the authorization suite's world: an invoice,
// a certificate, a self-evaluation document, a consultation attachment, a message attachment…) plus
// one of every other kind, so a kind the sweep does not recognise as referenced fails here.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FileKind } from '#app/generated/prisma/enums.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { db } from '#app/lib/db.server.ts'
import { initEnv } from '#app/lib/env.server.ts'
import {
	type FileStore,
	type FileStoreKind,
	databaseFileStore,
	isStorageKey,
	localFileStore,
} from '#app/lib/file-store.server.ts'
import { metrics } from '#app/lib/metrics.server.ts'
import { ORPHAN_GRACE_MS, STORAGE_KEY_COLUMNS, sweepOrphanFiles } from '#app/lib/orphan-files.server.ts'
import { readStoredFile, storeFile } from '#app/lib/storage.server.ts'
import { TINY_PDF } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { buildWorld } from '#test/fixtures/authz-world.ts'

const HOUR = 60 * 60_000
let filesDir: string
let scratch: string
let saved: Record<'FILE_STORAGE' | 'FILE_STORAGE_DIR', string | undefined>

function useStorage(kind: FileStoreKind) {
	process.env.FILE_STORAGE = kind
	process.env.FILE_STORAGE_DIR = filesDir
	initEnv()
}

/** Makes the bytes under `key` look written `ms` ago (real time, as the sweep measures). */
async function age(store: FileStore, key: string, ms: number) {
	const then = new Date(Date.now() - ms)
	if (store.kind === 'local') await utimes(path.join(filesDir, key), then, then)
	else await db.storedFileChunk.updateMany({ where: { storageKey: key }, data: { storedAt: then } })
}

/** Bytes without a row, as a crash between the copy and the transaction leaves them (the upload path's copyIn). */
async function crashedUpload(store: FileStore, size: number): Promise<string> {
	const key = `2026-11/${randomUUID()}`
	const source = path.join(scratch, randomUUID())
	await writeFile(source, randomBytes(size))
	await store.copyIn(key, source)
	return key
}

const counter = async (name: 'orphanFilesRemoved' | 'orphanBytesFreed') =>
	(await metrics()[name].get()).values[0]?.value ?? 0

beforeAll(async () => {
	saved = { FILE_STORAGE: process.env.FILE_STORAGE, FILE_STORAGE_DIR: process.env.FILE_STORAGE_DIR }
	filesDir = await mkdtemp(path.join(tmpdir(), 'keurmerk-orphans-'))
	scratch = await mkdtemp(path.join(tmpdir(), 'keurmerk-orphans-src-'))
	useStorage('local')
})

afterAll(async () => {
	for (const [name, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[name]
		else process.env[name] = value
	}
	initEnv()
	await rm(filesDir, { recursive: true, force: true })
	await rm(scratch, { recursive: true, force: true })
})

describe('a local directory next to a database that knows no file', () => {
	it('removes nothing: more likely the wrong database than a store of orphans', async () => {
		const store = localFileStore(filesDir)
		const key = await crashedUpload(store, 10)
		await age(store, key, 2 * ORPHAN_GRACE_MS)
		expect(await sweepOrphanFiles({ store })).toMatchObject({ skipped: 'no_files_in_database', removed: 0 })
		expect(await store.has(key)).toBe(true)
		await store.discard(key)
	})
})

describe('with a file of every kind', () => {
	let referenced: { storageKey: string; kind: FileKind; sha256: string }[]

	beforeAll(async () => {
		await buildWorld()
		const made = new Set((await db.storedFile.findMany({ select: { kind: true } })).map((file) => file.kind))
		for (const kind of Object.values(FileKind)) {
			if (made.has(kind)) continue
			await storeFile({
				kind,
				providerId: null,
				originalName: `${kind}.pdf`,
				mimeType: 'application/pdf',
				bytes: TINY_PDF,
			})
		}
		referenced = await db.storedFile.findMany({ select: { storageKey: true, kind: true, sha256: true } })
		// The same files in the database store too, so both stores are swept with the same rows.
		const local = localFileStore(filesDir)
		for (const file of referenced) await databaseFileStore().write(file.storageKey, await local.read(file.storageKey))
	})

	it('has every kind of stored file, and no table but StoredFile holds a store key', async () => {
		expect(new Set(referenced.map((file) => file.kind))).toEqual(new Set(Object.values(FileKind)))
		// Every text and JSON column of every table, searched for a key: a table that starts keeping
		// keys of its own must be added to STORAGE_KEY_COLUMNS (and to the sweep) before this passes.
		const columns = await db.$queryRaw<{ table: string; column: string }[]>`
			SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
			WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY')
				AND table_name NOT IN ('StoredFileChunk', '_prisma_migrations')`
		const holding: string[] = []
		for (const { table, column } of columns) {
			const [hit] = await db.$queryRawUnsafe<{ found: boolean }[]>(
				`SELECT EXISTS (SELECT 1 FROM "${table}" WHERE "${column}"::text ~ '\\d{4}-\\d{2}/[0-9a-f-]{36}') AS found`,
			)
			if (hit?.found) holding.push(`${table}.${column}`)
		}
		expect(holding.sort()).toEqual(STORAGE_KEY_COLUMNS.map(({ table, column }) => `${table}.${column}`).sort())
		expect(referenced.every((file) => isStorageKey(file.storageKey))).toBe(true)
	})

	describe.each(['local', 'database'] as const)('in the %s store', (kind) => {
		const store = () => (kind === 'local' ? localFileStore(filesDir) : databaseFileStore())

		it('the maintenance job removes an orphan older than the grace and keeps a younger one and every referenced file', async () => {
			useStorage(kind)
			for (const file of referenced) await age(store(), file.storageKey, 30 * 24 * HOUR)
			const old = await crashedUpload(store(), 300_000) // more than one chunk in the database store
			await age(store(), old, ORPHAN_GRACE_MS + HOUR)
			const young = await crashedUpload(store(), 1000)
			await age(store(), young, ORPHAN_GRACE_MS - HOUR)
			const [removedBefore, bytesBefore] = [await counter('orphanFilesRemoved'), await counter('orphanBytesFreed')]

			const outcome = await runJob('purge-sessions')

			expect(outcome.run.status).toBe('succeeded')
			expect(outcome.run.summary).toMatchObject({
				orphanFilesChecked: referenced.length + 1,
				orphanFilesRemoved: 1,
				orphanBytesFreed: 300_000,
			})
			expect(await counter('orphanFilesRemoved')).toBe(removedBefore + 1)
			expect(await counter('orphanBytesFreed')).toBe(bytesBefore + 300_000)
			expect(await store().has(old)).toBe(false)
			expect(await store().has(young)).toBe(true)
			for (const file of referenced) {
				const sha256 = createHash('sha256')
					.update(await readStoredFile(file))
					.digest('hex')
				expect({ kind: file.kind, sha256 }).toEqual({ kind: file.kind, sha256: file.sha256 })
			}
			await store().discard(young)
		})

		it('in a dry run names the orphans and removes nothing; removing works page by page', async () => {
			const orphans: string[] = []
			for (let i = 0; i < 5; i++) {
				const key = await crashedUpload(store(), 100 + i)
				await age(store(), key, 2 * ORPHAN_GRACE_MS)
				orphans.push(key)
			}
			const dry = await sweepOrphanFiles({ store: store(), dryRun: true, pageSize: 2 })
			expect(dry).toMatchObject({ orphans: 5, removed: 0, bytes: 100 + 101 + 102 + 103 + 104 })
			expect(dry.keys.sort()).toEqual([...orphans].sort())
			for (const key of orphans) expect(await store().has(key)).toBe(true)

			const swept = await sweepOrphanFiles({ store: store(), pageSize: 2 })
			expect(swept).toMatchObject({ checked: referenced.length + 5, orphans: 5, removed: 5, errors: [] })
			for (const key of orphans) expect(await store().has(key)).toBe(false)
			for (const file of referenced) expect(await store().has(file.storageKey)).toBe(true)
		})
	})
})
