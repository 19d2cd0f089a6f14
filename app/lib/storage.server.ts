// Files live outside the web root under random keys, in the file store (FILE_STORAGE: a local
// directory or the database, file-store.server.ts); the StoredFile row keeps name, type, size,
// checksum and owner. Files are immutable: a replacement is a new file. Every upload, download and
// generated document goes through this module.
import { createHash, randomUUID } from 'node:crypto'
import type { FileKind, Prisma, PrismaClient, StoredFile } from '#app/generated/prisma/client.ts'
import { now } from './clock.server.ts'
import { downloadResponse } from './download.ts'
import { db, type Tx } from './db.server.ts'
import { type FileStore, fileStore } from './file-store.server.ts'

export interface NewFile {
	kind: FileKind
	providerId: string | null
	originalName: string
	mimeType: string
	bytes: Uint8Array
	uploadedById?: string | null
}

/**
 * Writes the bytes, then the row: for documents the portal makes (letters, invoices, reports), a
 * few kB in memory. In the database store both are in the caller's transaction; in the local
 * directory a rolled-back transaction leaves an orphan file on disk: harmless (nothing refers to
 * it; the maintenance job removes it after a day, orphan-files.server.ts). Uploads go through
 * `withStagedFiles` instead.
 */
export async function storeFile(file: NewFile, client: Tx | PrismaClient = db): Promise<StoredFile> {
	const storageKey = newStorageKey()
	await fileStore().write(storageKey, file.bytes, client)
	return client.storedFile.create({
		data: {
			kind: file.kind,
			providerId: file.providerId,
			storageKey,
			originalName: file.originalName,
			mimeType: file.mimeType,
			sizeBytes: file.bytes.byteLength,
			sha256: createHash('sha256').update(file.bytes).digest('hex'),
			uploadedById: file.uploadedById ?? null,
			// "geüpload op" is business time: the portal clock, as everything else (decision 005).
			createdAt: now(),
		},
	})
}

/** Removes the bytes of a file whose row was rolled back (a preview's dry run, issue 12). */
export async function discardStoredBytes(file: Pick<StoredFile, 'storageKey'>): Promise<void> {
	await fileStore().discard(file.storageKey)
}

/**
 * An upload, checked (app/lib/uploads.server.ts): in its temporary file (`path`), or in memory
 * (`bytes`: the demo's seed, tests). What `withStagedFiles` copies into the store.
 */
export type UploadedContent = {
	name: string
	mimeType: string
	size: number
	sha256: string
} & ({ path: string; bytes?: never } | { bytes: Uint8Array; path?: never })

/** Bytes in the store without a row yet: `recordStoredFile` in the transaction makes them a file. */
export interface StagedFile {
	storageKey: string
	content: UploadedContent
}

function newStorageKey(): string {
	return `${new Date().toISOString().slice(0, 7)}/${randomUUID()}`
}

/**
 * Uploads are stored in two steps (issue 17): their bytes are copied into the store before the
 * transaction (a piece at a time, holding no pool connection while they move), and the transaction
 * only records the rows. `work` is that transaction; when it fails, the copied bytes are removed
 * again, so there is never a row without bytes nor (but for a crash in between, which the maintenance
 * job cleans up: orphan-files.server.ts) bytes without a row.
 */
export async function withStagedFiles<T>(
	contents: readonly UploadedContent[],
	work: (staged: StagedFile[]) => Promise<T>,
	store: FileStore = fileStore(),
): Promise<T> {
	const staged: StagedFile[] = []
	try {
		for (const content of contents) {
			const storageKey = newStorageKey()
			staged.push({ storageKey, content })
			if (content.path !== undefined) await store.copyIn(storageKey, content.path)
			else await store.write(storageKey, content.bytes)
		}
		return await work(staged)
	} catch (error) {
		for (const file of staged) await store.discard(file.storageKey).catch(() => {})
		throw error
	}
}

/** `withStagedFiles` for one file. */
export function withStagedFile<T>(content: UploadedContent, work: (staged: StagedFile) => Promise<T>): Promise<T> {
	return withStagedFiles([content], (staged) => work(staged[0] as StagedFile))
}

/** The row of a staged file, in the caller's transaction. */
export function recordStoredFile(
	client: Tx | PrismaClient,
	staged: StagedFile,
	file: StagedFileOwner,
): Promise<StoredFile> {
	return client.storedFile.create({ data: storedFileRow(staged, file, now()) })
}

export interface StagedFileOwner {
	kind: FileKind
	providerId: string | null
	uploadedById?: string | null
}

/**
 * The columns of a staged file's row, for recordStoredFile and for the upload that records its
 * file in one statement of SQL (self-evaluation.server.ts, through jsonRow): one list for both.
 */
export function storedFileRow(staged: StagedFile, file: StagedFileOwner, at: Date) {
	return {
		kind: file.kind,
		providerId: file.providerId,
		storageKey: staged.storageKey,
		originalName: staged.content.name,
		mimeType: staged.content.mimeType,
		sizeBytes: staged.content.size,
		sha256: staged.content.sha256,
		uploadedById: file.uploadedById ?? null,
		createdAt: at,
	} satisfies Prisma.StoredFileUncheckedCreateInput
}

/** `client`: inside the caller's transaction (a preview's dry run reads the letter it just rendered). */
export async function readStoredFile(
	file: Pick<StoredFile, 'storageKey'>,
	client?: Tx | PrismaClient,
): Promise<Buffer> {
	return fileStore().read(file.storageKey, client)
}

/**
 * A download response, streamed from the store: the stored name, always an attachment with a
 * sandboxing CSP (issue 15: an uploaded PDF or HTML never runs as a page of ours), never cached
 * publicly unless `cacheControl` says so (a published document).
 */
export async function fileResponse(
	file: StoredFile,
	{ cacheControl }: { cacheControl?: string } = {},
): Promise<Response> {
	const body = await fileStore().stream(file.storageKey)
	return downloadResponse(body, {
		name: file.originalName,
		type: file.mimeType,
		size: file.sizeBytes,
		cacheControl,
	})
}
