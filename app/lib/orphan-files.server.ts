// Bytes in the file store that no row refers to, and their removal (the maintenance job). An upload's
// bytes are copied into the store before the transaction that records its row (withStagedFiles,
// storage.server.ts); a failed transaction removes them again, but a crash in between leaves them
// behind, and so does a rolled-back storeFile in the local directory. Nothing ever reads them: they
// only take room (and, in the database store, make every backup larger).
//
// What counts as "referred to": StoredFile is the one table that holds store keys. Every other table
// that has a file refers to a StoredFile row by its id, with onDelete Restrict (AnswerDocument,
// MessageAttachment, ConsultationReaction, Agreement, Certificate, Invoice and its credit note,
// Withdrawal's letter, Consultation's changes document; OutboxEmail's attachments by fileId in JSON),
// and a row that something refers to is never deleted. So bytes are in use exactly when a
// StoredFile row names their key; test/integration/orphan-files.test.ts scans every column of every
// table for stored keys to keep that true. A StoredFile row that nothing refers to any more stays,
// bytes and all, except a replaced draft self-evaluation document (replaced-files.server.ts).
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { db, type Tx } from './db.server.ts'
import { type FileStore, fileStore } from './file-store.server.ts'

/**
 * Bytes younger than this are never touched, row or not: an upload in flight has its bytes stored
 * and its row not yet committed. An upload takes seconds to minutes (a transaction times out long
 * before a day); a day also leaves a crash's leftovers long enough to look at. Measured in real time
 * (the file system's and the database's clocks), never the portal's clock, which tests and the demo
 * move by months: a simulated jump must not make a fresh upload look old.
 */
export const ORPHAN_GRACE_MS = 24 * 60 * 60_000

/** Keys checked against the database per query: bounded memory however large the store. */
export const ORPHAN_PAGE_SIZE = 500

/** A dry run names at most this many of the orphans it found (the counts are complete). */
const LISTED_KEYS = 100

/** The tables whose columns hold store keys (see the top of this file): the sweep keeps every key found here. */
export const STORAGE_KEY_COLUMNS = [{ table: 'StoredFile', column: 'storageKey' }] as const

export interface OrphanSweep {
	/** Files older than the grace that were looked up. */
	checked: number
	/** Of those, the ones no row refers to. */
	orphans: number
	/** Removed (0 in a dry run). */
	removed: number
	/** Their size in bytes (in a dry run: what removing them would free). */
	bytes: number
	/** A dry run: the first orphans' keys. */
	keys: string[]
	/** Keys that could not be removed, with the reason. */
	errors: { id: string; message: string }[]
	/** Why nothing was looked at, if so. */
	skipped?: 'no_files_in_database'
}

export interface SweepOptions {
	store?: FileStore
	dryRun?: boolean
	graceMs?: number
	pageSize?: number
	/** Real time now (tests); the grace counts back from it. */
	realNow?: Date
	client?: Tx | PrismaClient
}

export async function sweepOrphanFiles({
	store = fileStore(),
	dryRun = false,
	graceMs = ORPHAN_GRACE_MS,
	pageSize = ORPHAN_PAGE_SIZE,
	realNow = new Date(),
	client = db,
}: SweepOptions = {}): Promise<OrphanSweep> {
	const sweep: OrphanSweep = { checked: 0, orphans: 0, removed: 0, bytes: 0, keys: [], errors: [] }
	// A local directory belongs to one database. One that knows no file at all next to a directory
	// that holds some is far more likely the wrong database (a new DATABASE_URL, a restore under way)
	// than a store of nothing but orphans: then nothing is removed.
	if (store.kind === 'local' && (await client.storedFile.findFirst({ select: { id: true } })) === null) {
		return { ...sweep, skipped: 'no_files_in_database' }
	}
	const before = new Date(realNow.getTime() - graceMs)
	for await (const keys of store.keysStoredBefore(before, pageSize)) {
		sweep.checked += keys.length
		const referenced = await referencedKeys(client, keys)
		for (const storageKey of keys) {
			if (referenced.has(storageKey)) continue
			try {
				const size = await store.sizeOf(storageKey)
				if (size === null) continue // removed meanwhile (another sweep, a discard)
				sweep.orphans++
				if (dryRun) {
					sweep.bytes += size
					if (sweep.keys.length < LISTED_KEYS) sweep.keys.push(storageKey)
					continue
				}
				await store.discard(storageKey)
				sweep.removed++
				sweep.bytes += size
			} catch (error) {
				sweep.errors.push({ id: storageKey, message: error instanceof Error ? error.message : String(error) })
			}
		}
	}
	return sweep
}

/** Which of `keys` a row refers to (StoredFile.storageKey, the one entry of STORAGE_KEY_COLUMNS; unique, indexed). */
async function referencedKeys(client: Tx | PrismaClient, keys: string[]): Promise<Set<string>> {
	const rows = await client.storedFile.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } })
	return new Set(rows.map((row) => row.storageKey))
}
