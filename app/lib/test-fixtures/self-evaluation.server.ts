// Fixtures for the provider's self-evaluation (issue 4), reached through /__test/fixtures/<name>
// and used by the integration tests: a listed carrier (signed agreement, clock in January) with
// an empty or a complete draft round 1.
import { z } from 'zod'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { allEvidence, type EvidenceItem } from '#app/domain/norm-set.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { ensureFirstRound, findParticipation } from '#app/services/self-evaluation.server.ts'
import { setClock } from '../clock.server.ts'
import { db } from '../db.server.ts'
import { storeFile } from '../storage.server.ts'
import type { Fixture } from './types.ts'
import { ensureMarkYear } from './years.server.ts'
import { createListedParticipationId } from './staff.server.ts'

/** A minimal valid PDF, for answers that need a document. */
export const TINY_PDF = new TextEncoder().encode(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

/**
 * Applies, offers and signs in June of the year before, lists on 2 January, and leaves the
 * clock frozen at `at` (default 15 January, 10:00 Amsterdam). Round 1 exists as an empty draft.
 */
export async function createListedParticipation({
	year,
	providerId,
	at,
}: {
	year: number
	providerId: string
	at?: Date
}) {
	const markYear = await ensureMarkYear(year)
	const { id } = await createListedParticipationId({ year, providerId })
	const participation = await findParticipation(providerId, year)
	const loaded = await loadNormSet(year)
	if (!participation || !loaded) throw new Error('Geen deelname of normen')
	await ensureFirstRound(participation, loaded)
	setClock(at ?? amsterdamInstant(`${year}-01-15`, { hour: 10 }))
	return { participationId: id, qualificationDeadline: markYear.qualificationDeadline.toISOString().slice(0, 10) }
}

/** A complete answer for every evidence item of the draft round (documents: a tiny PDF). */
export async function fillCompleteRound({ providerId, year }: { providerId: string; year: number }) {
	const participation = await findParticipation(providerId, year)
	const loaded = await loadNormSet(year)
	const round = participation?.rounds.find((candidate) => candidate.status === 'draft')
	if (!participation || !loaded || !round) throw new Error('Geen conceptronde')
	for (const { item } of allEvidence(loaded.normSet)) {
		const evidenceItemId = loaded.evidenceIds.get(item.key) as string
		const answer = await db.answer.upsert({
			where: { roundId_evidenceItemId: { roundId: round.id, evidenceItemId } },
			create: { roundId: round.id, evidenceItemId, ...completeAnswer(item) },
			update: { ...completeAnswer(item), version: { increment: 1 } },
		})
		if (item.kind === 'template_upload') {
			const file = await storeFile({
				kind: 'template_upload',
				providerId,
				originalName: 'format.pdf',
				mimeType: 'application/pdf',
				bytes: TINY_PDF,
			})
			await db.answerDocument.create({ data: { answerId: answer.id, fileId: file.id } })
		}
	}
	return round
}

const TEXT =
	'In onze praktijk bespreken wij dit met iedere cliënt bij de intake en leggen wij de afspraken vast in het dossier. '

function completeAnswer(item: EvidenceItem) {
	switch (item.kind) {
		case 'explanation':
			return {
				text: TEXT.repeat(2),
				checkedElements: item.choices ? item.choices.options.slice(0, Math.max(1, item.choices.minSelected)) : [],
			}
		case 'example':
			return { text: TEXT.repeat(2) }
		case 'template_upload':
			return { checkedElements: [...item.requiredElements] }
		case 'number':
			return { number: item.min ?? 0 }
		case 'url':
			return { url: 'https://www.example.nl/werkwijze', checkedElements: [...item.checklist] }
		case 'declaration':
			return { declared: true }
	}
}

const input = z.object({
	year: z.number().int().min(2000).max(2100),
	providerId: z.string().min(1),
	at: z.iso.datetime({ offset: true }).optional(),
})

export const selfEvaluationFixtures: Record<string, Fixture> = {
	async 'self-evaluation-colleague'(body) {
		const { providerId, email } = z.object({ providerId: z.string().min(1), email: z.email() }).parse(body)
		const user = await db.user.create({
			data: {
				email: email.toLowerCase(),
				name: 'Collega Test',
				memberships: { create: { providerId, canSign: false } },
			},
		})
		return { userId: user.id }
	},
	async 'self-evaluation-participation'(body) {
		const { year, providerId } = input.parse(body)
		const participation = await db.participation.findUniqueOrThrow({
			where: { providerId_year: { providerId, year } },
			select: { id: true },
		})
		return { participationId: participation.id }
	},
	async 'self-evaluation-listed'(body) {
		const { year, providerId, at } = input.parse(body)
		return createListedParticipation({ year, providerId, at: at ? new Date(at) : undefined })
	},
	async 'self-evaluation-complete'(body) {
		const { year, providerId, at } = input.parse(body)
		const created = await createListedParticipation({ year, providerId, at: at ? new Date(at) : undefined })
		await fillCompleteRound({ providerId, year })
		return created
	},
}
