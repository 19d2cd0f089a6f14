// Adoption (issue 18, seed 004): when staff publish a norm set that was out for consultation, the
// portal freezes the document "Wijzigingen en overwegingen Keurmerk <jaar>" (page and PDF under
// /normen/<jaar>) and tells everyone who reacted where to read it. Runs inside the publication's
// transaction: either the norms and the document are both published, or neither.
import { href } from 'react-router'
import { buildChangesDocument, type ChangesDocument } from '#app/domain/consultation.ts'
import { diffNormSets } from '#app/domain/norm-set-diff.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { storeFile } from '#app/lib/storage.server.ts'
import { changesDocumentPdf } from '#templates/changes-document.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { absoluteUrl } from './auth.server.ts'
import { toView } from './consultation.server.ts'
import { enqueueEmail } from './mail/outbox.server.ts'
import { loadNormSet } from './norm-sets.server.ts'

export function changesPath(year: number): string {
	return href('/normen/:year/wijzigingen', { year: String(year) })
}

/** Publishes the year's changes document if the year was consulted on; a no-op otherwise. */
export async function adoptConsultation(tx: Tx, actor: Actor, year: number, at: Date): Promise<ChangesDocument | null> {
	const row = await tx.consultation.findUnique({ where: { year } })
	if (!row || row.adoptedAt) return null
	const view = toView(row, at)
	const loaded = await loadNormSet(year, tx)
	if (!loaded) return null
	const previousRow = await tx.normSet.findFirst({
		where: { status: 'published', year: { lt: year } },
		orderBy: { year: 'desc' },
		select: { year: true },
	})
	const previous = previousRow ? await loadNormSet(previousRow.year, tx) : null
	const [responses, points] = await Promise.all([
		tx.consultationResponse.findMany({
			where: { consultationId: row.id, status: 'submitted' },
			include: { reactions: true, author: { select: { email: true, name: true } } },
			orderBy: { submittedAt: 'asc' },
		}),
		tx.consultationPoint.findMany({ where: { consultationId: row.id } }),
	])
	const document = buildChangesDocument({
		normSet: loaded.normSet,
		previous: previous
			? { year: previous.year, normSet: previous.normSet, diff: diffNormSets(previous.normSet, loaded.normSet) }
			: null,
		adoptedAt: at,
		window: view,
		organisationsInvited: view.organisationsInvited,
		processText: view.processText,
		summary: view.summary,
		meetings: view.meetings,
		responses: responses.map((response) => ({
			reactorType: response.reactorType,
			organisationName: response.organisationName,
			quoteConsent: response.quoteConsent,
			reactions: response.reactions,
		})),
		points,
	})
	const pdf = await changesDocumentPdf(document, at)
	const file = await storeFile(
		{
			kind: 'changes_document',
			providerId: null,
			originalName: `wijzigingen-en-overwegingen-${year}.pdf`,
			mimeType: 'application/pdf',
			bytes: pdf,
			uploadedById: actor.userId,
		},
		tx,
	)
	await tx.consultation.update({
		where: { id: row.id },
		data: {
			adoptedAt: at,
			document: document as unknown as Prisma.InputJsonValue,
			documentFileId: file.id,
			version: { increment: 1 },
		},
	})
	// Everyone who reacted hears where the document is: once per response and address.
	for (const response of responses) {
		await enqueueEmail(tx, {
			template: 'consultation_published',
			to: { address: response.author.email, name: response.author.name },
			providerId: response.providerId,
			dedupeKey: `consultation_published:${response.id}`,
			data: {
				providerName: response.organisationName,
				markName: loaded.normSet.markName,
				year,
				portalUrl: absoluteUrl(changesPath(year)),
				reactions: document.process.reactions,
			},
		})
	}
	await recordAudit(tx, {
		actor,
		action: 'consultation.adopt',
		entityType: 'Consultation',
		entityId: row.id,
		after: { year, reactions: document.process.reactions, fileId: file.id },
		at,
	})
	return document
}

/** The published document of a year, for everyone (null before adoption or without consultation). */
export async function publishedChangesDocument(
	year: number,
): Promise<{ document: ChangesDocument; fileId: string | null } | null> {
	const row = await db.consultation.findUnique({
		where: { year },
		select: { adoptedAt: true, document: true, documentFileId: true },
	})
	if (!row?.adoptedAt || !row.document) return null
	return { document: row.document as unknown as ChangesDocument, fileId: row.documentFileId }
}

export async function changesDocumentFile(year: number) {
	const row = await db.consultation.findUnique({
		where: { year },
		select: { adoptedAt: true, documentFile: true },
	})
	return row?.adoptedAt ? row.documentFile : null
}
