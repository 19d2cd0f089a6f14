// Where the bytes of stored files live (FILE_STORAGE): a local directory (the default, one
// machine) or the database (every instance behind a load balancer sees every file, and a database
// backup holds the files too). Both stream a download instead of holding it whole in memory.
// storage.server.ts is the only user: it keeps name, type, size and checksum in StoredFile.
import { constants, createReadStream } from 'node:fs'
import { chmod, copyFile, link, mkdir, opendir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { db, type Tx } from './db.server.ts'
import { getEnv } from './env.server.ts'

export type FileStoreKind = 'local' | 'database'

export interface FileStore {
	readonly kind: FileStoreKind
	/** Writes new bytes under a new key; `client` is the caller's transaction, if any. */
	write(storageKey: string, bytes: Uint8Array, client?: Tx | PrismaClient): Promise<void>
	/**
	 * Copies a file on disk (an upload in its temporary file) under a new key, a piece at a time and
	 * outside any transaction (issue 17): the caller records the row afterwards and calls `discard`
	 * when that fails.
	 */
	copyIn(storageKey: string, sourcePath: string): Promise<void>
	/** `client`: read inside the caller's transaction (a preview's dry run reads what it just wrote). */
	read(storageKey: string, client?: Tx | PrismaClient): Promise<Buffer>
	/** Removes the bytes of a file whose row was never committed (a rolled-back transaction, a preview's dry run). */
	discard(storageKey: string): Promise<void>
	/** The bytes as a stream; rejects (before any byte is sent) when the file is missing. */
	stream(storageKey: string): Promise<ReadableStream<Uint8Array>>
	/** Whether bytes exist under the key (backups check every file). */
	has(storageKey: string): Promise<boolean>
	/** Removes every file (restoring into an empty store; tests). */
	clear(): Promise<void>
	/**
	 * The keys of every file written before `before` (real time: the file system's or the database's
	 * clock), at most `pageSize` at a time, so the orphan sweep never holds a huge store's keys at
	 * once (app/lib/orphan-files.server.ts). Removing keys of a page already given is allowed.
	 */
	keysStoredBefore(before: Date, pageSize: number): AsyncIterable<string[]>
	/** The size of the bytes under a key, or null when there are none. */
	sizeOf(storageKey: string): Promise<number | null>
}

const STORAGE_KEY = /^\d{4}-\d{2}\/[0-9a-f-]{36}$/

/** Keys are ours (a date folder and a UUID), never a user's file name: no path tricks possible. */
export function checkStorageKey(storageKey: string): string {
	if (!isStorageKey(storageKey)) throw new Error(`Ongeldige opslagsleutel: ${storageKey}`)
	return storageKey
}

export function isStorageKey(value: string): boolean {
	return STORAGE_KEY.test(value)
}

export function localFileStore(root: string): FileStore {
	const pathOf = (storageKey: string) => path.join(root, checkStorageKey(storageKey))
	return {
		kind: 'local',
		async write(storageKey, bytes) {
			const target = pathOf(storageKey)
			await mkdir(path.dirname(target), { recursive: true })
			await writeFile(target, bytes, { flag: 'wx', mode: 0o640 })
		},
		async copyIn(storageKey, sourcePath) {
			const target = pathOf(storageKey)
			await mkdir(path.dirname(target), { recursive: true })
			try {
				// Same file system (the usual case): a second name for the same bytes, nothing copied.
				await link(sourcePath, target)
				await chmod(target, 0o640)
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
				// The temporary folder on another file system: a copy, by the kernel, off the event loop.
				await copyFile(sourcePath, target, constants.COPYFILE_EXCL)
				await chmod(target, 0o640)
			}
		},
		async read(storageKey) {
			return readFile(pathOf(storageKey))
		},
		async discard(storageKey) {
			await rm(pathOf(storageKey), { force: true })
		},
		async stream(storageKey) {
			const target = pathOf(storageKey)
			await stat(target) // a missing file fails here, not halfway through a response
			return Readable.toWeb(createReadStream(target)) as ReadableStream<Uint8Array>
		},
		async has(storageKey) {
			return stat(pathOf(storageKey)).then(
				() => true,
				() => false,
			)
		},
		async clear() {
			await rm(root, { recursive: true, force: true })
		},
		async *keysStoredBefore(before, pageSize) {
			const months = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
				if (error.code === 'ENOENT') return []
				throw error
			})
			let page: string[] = []
			// A month folder is read as a stream (opendir), not listed whole; anything that is not one of
			// our keys (a stray file, a folder of someone else's) is never touched.
			for (const month of months.filter((entry) => entry.isDirectory() && /^\d{4}-\d{2}$/.test(entry.name))) {
				for await (const entry of await opendir(path.join(root, month.name), { bufferSize: 128 })) {
					const storageKey = `${month.name}/${entry.name}`
					if (!entry.isFile() || !isStorageKey(storageKey)) continue
					// The modification time: when the bytes were written (a hard-linked upload: when its
					// temporary file was, a little earlier). Gone meanwhile: skipped.
					const written = await stat(path.join(root, storageKey)).catch(() => null)
					if (!written || written.mtime >= before) continue
					page.push(storageKey)
					if (page.length >= pageSize) {
						yield page
						page = []
					}
				}
			}
			if (page.length > 0) yield page
		},
		async sizeOf(storageKey) {
			return stat(pathOf(storageKey)).then(
				(info) => info.size,
				() => null,
			)
		},
	}
}

/** 256 KiB: large enough that a 10 MB upload is 40 rows, small enough to stream. */
export const CHUNK_BYTES = 256 * 1024

export function databaseFileStore(): FileStore {
	const chunkAt = (storageKey: string, seq: number) =>
		db.storedFileChunk.findUnique({ where: { storageKey_seq: { storageKey, seq } }, select: { bytes: true } })
	return {
		kind: 'database',
		async write(storageKey, bytes, client = db) {
			checkStorageKey(storageKey)
			// One chunk per statement: a multi-row insert of several megabytes is a huge parameter list.
			// Each chunk is copied as it is written (its own buffer for the driver), so the file is not
			// held twice.
			for (let seq = 0, offset = 0; offset < bytes.byteLength || seq === 0; seq++, offset += CHUNK_BYTES) {
				const chunk = new Uint8Array(bytes.subarray(offset, offset + CHUNK_BYTES))
				await client.storedFileChunk.create({ data: { storageKey, seq, bytes: chunk } })
			}
		},
		async copyIn(storageKey, sourcePath) {
			checkStorageKey(storageKey)
			// Each chunk its own statement outside a transaction: the pool connection is held for one
			// insert at a time, and autosaves go between them. A half-copied file has no row yet.
			let seq = 0
			for await (const chunk of createReadStream(sourcePath, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
				await db.storedFileChunk.create({ data: { storageKey, seq: seq++, bytes: new Uint8Array(chunk) } })
			}
			if (seq === 0) await db.storedFileChunk.create({ data: { storageKey, seq, bytes: new Uint8Array(0) } })
		},
		async read(storageKey, client = db) {
			const chunks = await client.storedFileChunk.findMany({
				where: { storageKey: checkStorageKey(storageKey) },
				orderBy: { seq: 'asc' },
				select: { bytes: true },
			})
			if (chunks.length === 0) throw new Error(`Bestand ontbreekt in de database: ${storageKey}`)
			return Buffer.concat(chunks.map((chunk) => chunk.bytes))
		},
		async stream(storageKey) {
			checkStorageKey(storageKey)
			const first = await chunkAt(storageKey, 0)
			if (!first) throw new Error(`Bestand ontbreekt in de database: ${storageKey}`)
			let seq = 0
			return new ReadableStream<Uint8Array>({
				async pull(controller) {
					const chunk = seq === 0 ? first : await chunkAt(storageKey, seq)
					seq++
					if (chunk) controller.enqueue(chunk.bytes)
					else controller.close()
				},
			})
		},
		async discard(storageKey) {
			// Chunks copied in before a transaction that failed (written inside one, they are gone already).
			await db.storedFileChunk.deleteMany({ where: { storageKey: checkStorageKey(storageKey) } })
		},
		async has(storageKey) {
			return (await chunkAt(checkStorageKey(storageKey), 0)) !== null
		},
		async clear() {
			await db.storedFileChunk.deleteMany({})
		},
		async *keysStoredBefore(before, pageSize) {
			// Keyset pages over the first chunk of each file (the primary key's order): one row a file,
			// written when its copy began.
			let after = ''
			for (;;) {
				const rows = await db.storedFileChunk.findMany({
					where: { seq: 0, storageKey: { gt: after }, storedAt: { lt: before } },
					orderBy: { storageKey: 'asc' },
					take: pageSize,
					select: { storageKey: true },
				})
				if (rows.length === 0) return
				after = rows[rows.length - 1]!.storageKey
				yield rows.map((row) => row.storageKey)
				if (rows.length < pageSize) return
			}
		},
		async sizeOf(storageKey) {
			// octet_length reads a stored value's length from its header: no chunk is loaded.
			const [row] = await db.$queryRaw<{ size: bigint | number; chunks: bigint | number }[]>`
				SELECT coalesce(sum(octet_length("bytes")), 0)::int8 AS size, count(*)::int8 AS chunks
				FROM "StoredFileChunk" WHERE "storageKey" = ${checkStorageKey(storageKey)}`
			return row && Number(row.chunks) > 0 ? Number(row.size) : null
		},
	}
}

export function fileStore(kind: FileStoreKind = getEnv().FILE_STORAGE): FileStore {
	return kind === 'database' ? databaseFileStore() : localFileStore(path.resolve(getEnv().FILE_STORAGE_DIR))
}
