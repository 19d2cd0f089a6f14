// Files live outside the web root, in FILE_STORAGE_DIR, under random keys; the database keeps
// name, type, size, checksum and owner. Files are immutable: a replacement is a new file.
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { FileKind, PrismaClient, StoredFile } from '#app/generated/prisma/client.ts'
import { now } from './clock.server.ts'
import { db, type Tx } from './db.server.ts'
import { getEnv } from './env.server.ts'

function storageRoot(): string {
	return path.resolve(getEnv().FILE_STORAGE_DIR)
}

function pathOf(storageKey: string): string {
	// Keys are ours (a date folder and a UUID), never a user's file name: no path tricks possible.
	if (!/^\d{4}-\d{2}\/[0-9a-f-]{36}$/.test(storageKey)) throw new Error(`Ongeldige opslagsleutel: ${storageKey}`)
	return path.join(storageRoot(), storageKey)
}

export interface NewFile {
	kind: FileKind
	providerId: string | null
	originalName: string
	mimeType: string
	bytes: Uint8Array
	uploadedById?: string | null
}

/**
 * Writes the bytes, then the row. If the surrounding transaction rolls back, an orphan file
 * stays on disk; harmless (nothing refers to it), and cheaper than a two-phase commit.
 */
export async function storeFile(file: NewFile, client: Tx | PrismaClient = db): Promise<StoredFile> {
	const storageKey = `${new Date().toISOString().slice(0, 7)}/${randomUUID()}`
	const target = pathOf(storageKey)
	await mkdir(path.dirname(target), { recursive: true })
	await writeFile(target, file.bytes, { flag: 'wx', mode: 0o640 })
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
	await rm(pathOf(file.storageKey), { force: true })
}

export async function readStoredFile(file: Pick<StoredFile, 'storageKey'>): Promise<Buffer> {
	return readFile(pathOf(file.storageKey))
}

/** A download response: the stored name, never rendered inline as HTML, never cached publicly. */
export async function fileResponse(file: StoredFile, { inline = false }: { inline?: boolean } = {}): Promise<Response> {
	const bytes = await readStoredFile(file)
	const asciiName = file.originalName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
	return new Response(new Uint8Array(bytes), {
		headers: {
			'Content-Type': file.mimeType,
			'Content-Length': String(bytes.byteLength),
			'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
