// Files live outside the web root under random keys, in the file store (FILE_STORAGE: a local
// directory or the database, file-store.server.ts); the StoredFile row keeps name, type, size,
// checksum and owner. Files are immutable: a replacement is a new file. Every upload, download and
// generated document goes through this module.
import { createHash, randomUUID } from 'node:crypto'
import type { FileKind, PrismaClient, StoredFile } from '#app/generated/prisma/client.ts'
import { now } from './clock.server.ts'
import { downloadResponse } from './download.ts'
import { db, type Tx } from './db.server.ts'
import { fileStore } from './file-store.server.ts'

export interface NewFile {
	kind: FileKind
	providerId: string | null
	originalName: string
	mimeType: string
	bytes: Uint8Array
	uploadedById?: string | null
}

/**
 * Writes the bytes, then the row. In the database store both are in the caller's transaction; in
 * the local directory a rolled-back transaction leaves an orphan file on disk: harmless (nothing
 * refers to it), and cheaper than a two-phase commit.
 */
export async function storeFile(file: NewFile, client: Tx | PrismaClient = db): Promise<StoredFile> {
	const storageKey = `${new Date().toISOString().slice(0, 7)}/${randomUUID()}`
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
	await fileStore().discardRolledBack(file.storageKey)
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
