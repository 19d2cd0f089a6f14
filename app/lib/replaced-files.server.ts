// Documents a carrier replaced or removed in a self-evaluation it had not yet submitted, and their
// removal (the maintenance job, beside the orphan sweep of orphan-files.server.ts). An upload to a
// question of a draft round that is replaced by a newer upload (or removed, or a spiegelrapportage
// attached again) loses its only link, an AnswerDocument of that draft round; its StoredFile row and
// bytes stayed for good, although nobody can open it any more: the carrier's pages and the staff's
// round views reach documents through their rounds.
//
// The rule (docs/deploy.md "Orphaned files"), conservative on purpose: a stored file goes, row and
// bytes, only when
// - it is a self-evaluation document (`template_upload`, `benchmark_report`): never a letter,
//   agreement, certificate, invoice, credit note, consultation or message file;
// - nothing refers to it: no answer of any round (so it was never part of a submitted round, whose
//   answers are frozen and never deleted), no other relation of StoredFile, no mail's attachments
//   (OutboxEmail.attachments) and no audit event (its entity, its before or after);
// - it is older than a day by the portal's clock (createdAt is written by it): the carrier has
//   left it behind, not just uploaded it. A file and its answer link are written in one
//   transaction, so a committed row without a link is never an upload in flight.
// The row goes first, under the same conditions again (a link made meanwhile keeps it; the
// relations' onDelete Restrict would refuse anyway), then the bytes: a crash in between leaves
// bytes without a row, which the orphan sweep removes a day later.
// test/integration/replaced-files.test.ts scans every column of every table to keep the rule true.
import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import { now } from './clock.server.ts'
import { db, type Tx } from './db.server.ts'
import { type FileStore, fileStore } from './file-store.server.ts'

/** The kinds a carrier replaces in its draft self-evaluation; no other kind is ever removed. */
export const REPLACEABLE_FILE_KINDS = ['template_upload', 'benchmark_report'] as const

/** How long an unreferenced document stays before it is removed (portal clock). */
export const REPLACED_GRACE_MS = 24 * 60 * 60_000

/** Files looked at per query: bounded memory however many there are. */
export const REPLACED_PAGE_SIZE = 200

/** A dry run names at most this many (the counts are complete). */
const LISTED_IDS = 100

export interface ReplacedSweep {
	/** Unreferenced documents older than the grace that were looked at. */
	checked: number
	/** Removed, row and bytes (0 in a dry run). */
	removed: number
	/** Their size in bytes (in a dry run: what removing them would free). */
	bytes: number
	/** A dry run: the first ones' ids. */
	ids: string[]
	/** Files that could not be removed, with the reason. */
	errors: { id: string; message: string }[]
}

export interface ReplacedSweepOptions {
	/** The portal's now (the job's moment); the grace counts back from it. */
	at?: Date
	dryRun?: boolean
	graceMs?: number
	pageSize?: number
	store?: FileStore
	client?: Tx | PrismaClient
}

/** Every relation of StoredFile empty: nothing in the schema links to the file. */
function unreferenced(before: Date): Prisma.StoredFileWhereInput {
	return {
		kind: { in: [...REPLACEABLE_FILE_KINDS] },
		createdAt: { lt: before },
		answerDocuments: { none: {} },
		agreement: { is: null },
		certificate: { is: null },
		invoice: { is: null },
		creditNote: { is: null },
		withdrawalLetter: { is: null },
		consultationReactions: { none: {} },
		changesDocument: { is: null },
		messageAttachment: { is: null },
	}
}

export async function sweepReplacedFiles({
	at = now(),
	dryRun = false,
	graceMs = REPLACED_GRACE_MS,
	pageSize = REPLACED_PAGE_SIZE,
	store = fileStore(),
	client = db,
}: ReplacedSweepOptions = {}): Promise<ReplacedSweep> {
	const sweep: ReplacedSweep = { checked: 0, removed: 0, bytes: 0, ids: [], errors: [] }
	const where = unreferenced(new Date(at.getTime() - graceMs))
	let after: string | undefined
	for (;;) {
		const page = await client.storedFile.findMany({
			where: after ? { ...where, id: { gt: after } } : where,
			orderBy: { id: 'asc' },
			take: pageSize,
			select: { id: true, storageKey: true, sizeBytes: true },
		})
		if (page.length === 0) break
		after = page[page.length - 1]!.id
		sweep.checked += page.length
		const named = await namedInJson(
			client,
			page.map((file) => file.id),
		)
		for (const file of page) {
			if (named.has(file.id)) continue
			if (dryRun) {
				sweep.bytes += file.sizeBytes
				if (sweep.ids.length < LISTED_IDS) sweep.ids.push(file.id)
				continue
			}
			try {
				const deleted = await client.storedFile.deleteMany({ where: { ...where, id: file.id } })
				if (deleted.count === 0) continue // linked or removed meanwhile
				await store.discard(file.storageKey)
				sweep.removed++
				sweep.bytes += file.sizeBytes
			} catch (error) {
				sweep.errors.push({ id: file.id, message: error instanceof Error ? error.message : String(error) })
			}
		}
		if (page.length < pageSize) break
	}
	return sweep
}

/**
 * Which of `ids` a mail's attachments or an audit event names (JSON, not foreign keys). One pass
 * over each table per page, every row's text checked against all of the page's ids at once (ids
 * are cuids: no LIKE wildcards in them); the few rows that match are read back to tell which id.
 */
async function namedInJson(client: Tx | PrismaClient, ids: string[]): Promise<Set<string>> {
	const patterns = ids.map((id) => `%${id}%`)
	const rows = await client.$queryRaw<{ text: string }[]>`
		SELECT attachments::text AS text FROM "OutboxEmail" WHERE attachments::text LIKE ANY (${patterns}::text[])
		UNION ALL
		SELECT concat_ws(' ', "entityId", before::text, after::text) AS text FROM "AuditEvent"
		WHERE concat_ws(' ', "entityId", before::text, after::text) LIKE ANY (${patterns}::text[])`
	return new Set(ids.filter((id) => rows.some((row) => row.text.includes(id))))
}
