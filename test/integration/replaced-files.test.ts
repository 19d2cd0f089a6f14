// The maintenance job's second sweep (app/lib/replaced-files.server.ts): a self-evaluation document
// that the carrier removed or replaced in a draft round — so never part of a submitted round — that
// nothing refers to and that is older than a day goes, row and bytes. Before, it stayed for good.
// Everything else stays: the files the portal's own services make and link (the authorization
// suite's world: invoice, certificate, letters, consultation and message attachments, a submitted
// document…), a document only a mail or an audit event names, a young one, and unlinked files of
// any other kind. What "referred to" means is checked against a scan of every column of every table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allEvidence } from '#app/domain/norm-set.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { now, setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { fileStore } from '#app/lib/file-store.server.ts'
import { metrics } from '#app/lib/metrics.server.ts'
import { REPLACED_GRACE_MS, sweepReplacedFiles } from '#app/lib/replaced-files.server.ts'
import { readStoredFile, storeFile } from '#app/lib/storage.server.ts'
import {
	createListedParticipation,
	fillCompleteRound,
	TINY_PDF,
} from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { recordAudit } from '#app/services/audit.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { attachGeneratedDocument, removeDocument } from '#app/services/self-evaluation.server.ts'
import { buildWorld } from '#test/fixtures/authz-world.ts'
import { createProvider, createUser } from '#test/fixtures/factories.ts'

const YEAR = 2061
const HOUR = 60 * 60_000

const counter = async (name: 'replacedFilesRemoved' | 'replacedBytesFreed') =>
	(await metrics()[name].get()).values[0]?.value ?? 0

/** Every StoredFile id that appears in any text, JSON or array column of any other table. */
async function idsNamedAnywhere(): Promise<Set<string>> {
	const columns = await db.$queryRaw<{ table: string; column: string }[]>`
		SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
		WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY')
			AND table_name NOT IN ('StoredFile', 'StoredFileChunk', '_prisma_migrations')`
	expect(columns.length).toBeGreaterThan(100)
	const named = new Set<string>()
	for (const { table, column } of columns) {
		const rows = await db.$queryRawUnsafe<{ id: string }[]>(
			`SELECT DISTINCT file.id FROM "StoredFile" file JOIN "${table}" row ON strpos(row."${column}"::text, file.id) > 0`,
		)
		for (const row of rows) named.add(row.id)
	}
	return named
}

const pdf = (kind: 'template_upload' | 'benchmark_report' | 'message_attachment', providerId: string) =>
	storeFile({ kind, providerId, originalName: `${kind}.pdf`, mimeType: 'application/pdf', bytes: TINY_PDF })

describe('replaced draft documents', () => {
	let at: Date
	let removedFromDraft: string
	let replacedReport: string
	let keptReport: string
	let young: string
	let inMail: string
	let inAudit: string
	let otherKind: string

	beforeAll(async () => {
		await buildWorld()
		const provider = await createProvider({ name: 'Praktijk Vervangen' })
		const user = await createUser()
		const actor = { type: 'provider' as const, userId: user.id }
		await createListedParticipation({ year: YEAR, providerId: provider.id })
		const round = await fillCompleteRound({ providerId: provider.id, year: YEAR })
		const documents = await db.answerDocument.findMany({ where: { answer: { roundId: round.id } } })
		expect(documents.length).toBeGreaterThan(0)
		// The carrier removes a document from its draft, and attaches its spiegelrapportage twice
		// (the second replaces the first), through the self-evaluation's own services.
		removedFromDraft = documents[0]!.fileId
		await removeDocument({ providerId: provider.id, year: YEAR, fileId: removedFromDraft })
		const loaded = await loadNormSet(YEAR)
		const evidenceKey = allEvidence(loaded!.normSet).find(({ item }) => item.kind === 'template_upload')!.item.key
		const report = { providerId: provider.id, year: YEAR, evidenceKey, kind: 'benchmark_report' as const }
		const bytes = TINY_PDF
		replacedReport = (await attachGeneratedDocument(actor, { ...report, name: 'spiegel-1.pdf', bytes }))!.fileId
		keptReport = (await attachGeneratedDocument(actor, { ...report, name: 'spiegel-2.pdf', bytes }))!.fileId
		// Unlinked documents that something else still names, and one of another kind.
		inMail = (await pdf('template_upload', provider.id)).id
		await db.outboxEmail.create({
			data: {
				template: 'test',
				toAddress: 'iemand@example.nl',
				subject: 'Bijlage',
				html: '<p>Bijlage</p>',
				text: 'Bijlage',
				attachments: [{ filename: 'format.pdf', fileId: inMail }],
				nextAttemptAt: now(),
				createdAt: now(),
			},
		})
		inAudit = (await pdf('template_upload', provider.id)).id
		await recordAudit(db, {
			actor: { type: 'staff', userId: user.id },
			action: 'document.checked',
			entityType: 'Provider',
			entityId: provider.id,
			providerId: provider.id,
			after: { fileId: inAudit },
		})
		otherKind = (await pdf('message_attachment', provider.id)).id
		young = (await pdf('template_upload', provider.id)).id
		// Every file is older than the grace at `at`, except the young one.
		const latest = (await db.storedFile.aggregate({ _max: { createdAt: true } }))._max.createdAt!
		at = new Date(Math.max(latest.getTime(), now().getTime()) + 2 * REPLACED_GRACE_MS)
		await db.storedFile.update({ where: { id: young }, data: { createdAt: new Date(at.getTime() - HOUR) } })
	})

	afterAll(() => setClock(null))

	it('a dry run names exactly the removed and the replaced draft document and removes nothing', async () => {
		const before = await db.storedFile.count()
		const dry = await sweepReplacedFiles({ at, dryRun: true, pageSize: 2 })
		expect(dry).toMatchObject({ removed: 0, errors: [] })
		expect(dry.ids.sort()).toEqual([removedFromDraft, replacedReport].sort())
		expect(dry.bytes).toBe(2 * TINY_PDF.byteLength)
		expect(await db.storedFile.count()).toBe(before)
	})

	it('the maintenance job removes them, row and bytes, and keeps every file anything names', async () => {
		const named = await idsNamedAnywhere()
		// The scan sees the links the rule must respect, JSON ones included.
		for (const id of [keptReport, inMail, inAudit]) expect(named.has(id), id).toBe(true)
		const files = await db.storedFile.findMany({ select: { id: true, storageKey: true, sha256: true } })
		const gone = files.filter((file) => file.id === removedFromDraft || file.id === replacedReport)
		const [removedBefore, bytesBefore] = [await counter('replacedFilesRemoved'), await counter('replacedBytesFreed')]

		const outcome = await runJob('purge-sessions', { at })

		expect(outcome.run.status).toBe('succeeded')
		expect(outcome.run.summary).toMatchObject({
			replacedFilesRemoved: 2,
			replacedBytesFreed: 2 * TINY_PDF.byteLength,
		})
		expect(await counter('replacedFilesRemoved')).toBe(removedBefore + 2)
		expect(await counter('replacedBytesFreed')).toBe(bytesBefore + 2 * TINY_PDF.byteLength)
		const left = new Set((await db.storedFile.findMany({ select: { id: true } })).map((file) => file.id))
		const removed = files.filter((file) => !left.has(file.id)).map((file) => file.id)
		expect(removed.sort()).toEqual([removedFromDraft, replacedReport].sort())
		// Never a file that any column of any table names.
		expect(removed.filter((id) => named.has(id))).toEqual([])
		for (const file of gone) expect(await fileStore().has(file.storageKey), file.id).toBe(false)
		// Kept with their bytes: everything named, the young document, the other kind.
		for (const id of [young, otherKind, inMail, inAudit, keptReport]) expect(left.has(id), id).toBe(true)
		for (const file of files.filter((candidate) => left.has(candidate.id)))
			expect((await readStoredFile(file)).byteLength, file.id).toBeGreaterThan(0)

		// A second run finds nothing more.
		expect(await sweepReplacedFiles({ at })).toMatchObject({ removed: 0, errors: [] })
	})
})
