// The file store behind every upload, download and generated document: the local directory and
// the shared store in the database behave alike (bytes back exactly, streamed, a missing file an
// error before the first byte), and the database store is part of the caller's transaction.
import { randomBytes, randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '#app/lib/db.server.ts'
import { initEnv } from '#app/lib/env.server.ts'
import { CHUNK_BYTES, type FileStoreKind, fileStore } from '#app/lib/file-store.server.ts'
import { fileResponse, readStoredFile, storeFile } from '#app/lib/storage.server.ts'
import { createProvider } from '#test/fixtures/factories.ts'

const newKey = () => `2027-03/${randomUUID()}`

async function drain(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Buffer; pieces: number }> {
	const pieces: Uint8Array[] = []
	const reader = stream.getReader()
	for (let read = await reader.read(); !read.done; read = await reader.read()) pieces.push(read.value)
	return { bytes: Buffer.concat(pieces), pieces: pieces.length }
}

function useStorage(kind: FileStoreKind) {
	process.env.FILE_STORAGE = kind
	initEnv()
}

afterEach(() => useStorage('local'))

describe.each(['local', 'database'] as const)('the %s file store', (kind) => {
	it('gives back exactly the bytes written, whole and streamed, across chunk boundaries', async () => {
		const store = fileStore(kind)
		for (const size of [1, CHUNK_BYTES, CHUNK_BYTES * 2 + 3]) {
			const key = newKey()
			const bytes = randomBytes(size)
			await store.write(key, bytes)
			expect(Buffer.compare(await store.read(key), bytes)).toBe(0)
			const streamed = await drain(await store.stream(key))
			expect(Buffer.compare(streamed.bytes, bytes)).toBe(0)
			expect(await store.has(key)).toBe(true)
		}
	})

	it('refuses a missing file before the first byte, and keys that are not its own', async () => {
		const store = fileStore(kind)
		await expect(store.stream(newKey())).rejects.toThrow()
		await expect(store.read(newKey())).rejects.toThrow()
		expect(await store.has(newKey())).toBe(false)
		await expect(store.write('../../etc/passwd', new Uint8Array([1]))).rejects.toThrow(/opslagsleutel/)
	})

	it('serves uploads and downloads through storeFile and fileResponse (the setting chooses the store)', async () => {
		useStorage(kind)
		const provider = await createProvider()
		const bytes = randomBytes(CHUNK_BYTES + 10)
		const stored = await storeFile({
			kind: 'template_upload',
			providerId: provider.id,
			originalName: 'beleid €.pdf',
			mimeType: 'application/pdf',
			bytes,
		})
		expect(await fileStore(kind).has(stored.storageKey)).toBe(true)
		expect(await fileStore(kind === 'local' ? 'database' : 'local').has(stored.storageKey)).toBe(false)
		expect(Buffer.compare(await readStoredFile(stored), bytes)).toBe(0)
		const response = await fileResponse(stored)
		expect(response.headers.get('Content-Length')).toBe(String(bytes.byteLength))
		expect(response.headers.get('Content-Disposition')).toContain("filename*=UTF-8''beleid%20%E2%82%AC.pdf")
		expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), bytes)).toBe(0)
	})
})

describe('the database file store', () => {
	it('rolls back with the transaction that stored the file: no orphan bytes', async () => {
		useStorage('database')
		const provider = await createProvider()
		const before = await db.storedFileChunk.count()
		await expect(
			db.$transaction(async (tx) => {
				await storeFile(
					{
						kind: 'template_upload',
						providerId: provider.id,
						originalName: 'x.pdf',
						mimeType: 'application/pdf',
						bytes: randomBytes(10),
					},
					tx,
				)
				throw new Error('afgebroken')
			}),
		).rejects.toThrow('afgebroken')
		expect(await db.storedFileChunk.count()).toBe(before)
	})
})
