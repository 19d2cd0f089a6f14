// Fixtures for the staff workspace (issue 5), reached through /__test/fixtures/<name> and used by
// the integration tests too: a mark year with norms, a provider with a submitted, complete round 1,
// a resubmitted revision, and qualified carriers for a sample. They move the clock as the year
// would, and leave it frozen at the last step.
import { z } from 'zod'
import { amsterdamDateOf, amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import type { Actor } from '#app/services/audit.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { createParticipation, requireParticipationEvent } from '#app/services/participation.server.ts'
import { now, setClock } from '../clock.server.ts'
import { db } from '../db.server.ts'
import type { Fixture } from './types.ts'
import { ensureMarkYear } from './years.server.ts'
import { refusalError } from '#app/domain/errors.ts'

const system: Actor = { type: 'system', userId: null }

async function providerActor(providerId: string): Promise<Actor> {
	const member = await db.membership.findFirst({ where: { providerId }, select: { userId: true } })
	return { type: 'provider', userId: member?.userId ?? null }
}

/**
 * Applies, offers and signs on 15 June of the year before and lists on 2 January, through the
 * participation service (as the jobs and the provider would); the clock stays on 2 January.
 */
export async function createListedParticipationId({ year, providerId }: { year: number; providerId: string }) {
	await ensureMarkYear(year)
	const actor = await providerActor(providerId)
	setClock(amsterdamInstant(`${year - 1}-06-15`, { hour: 12 }))
	const started = await db.$transaction((tx) =>
		createParticipation(tx, { providerId, year, start: { origin: 'application', isReapplicant: false }, actor }),
	)
	if (!started.ok) throw refusalError(started.refusal)
	const id = started.participation.id
	await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'offer_agreement' }, system))
	await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'sign_agreement' }, actor))
	setClock(amsterdamInstant(`${year}-01-02`, { hour: 9 }))
	await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'list' }, system))
	return { id, actor }
}

/** Listed (see above), then a complete round 1 submitted; the clock ends on 10 February. */
export async function createSubmittedParticipation({ year, providerId }: { year: number; providerId: string }) {
	const { id, actor } = await createListedParticipationId({ year, providerId })
	await fillRound(
		id,
		year,
		1,
		'Onze werkwijze: wij bespreken dit met de cliënt en leggen het vast in het dossier. '.repeat(2),
	)
	setClock(amsterdamInstant(`${year}-02-10`, { hour: 12 }))
	await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'submit_self_evaluation' }, actor))
	return id
}

/** Text answers on every evidence item of round `number` (created when missing). */
export async function fillRound(participationId: string, year: number, number: number, text: string) {
	const loaded = await loadNormSet(year)
	if (!loaded) throw new Error(`Geen normen voor ${year}`)
	const round =
		(await db.selfEvaluationRound.findFirst({ where: { participationId, number } })) ??
		(await db.selfEvaluationRound.create({ data: { participationId, number } }))
	for (const [key, evidenceItemId] of loaded.evidenceIds) {
		const item = loaded.normSet.themes
			.flatMap((theme) => theme.norms.flatMap((norm) => norm.criteria.flatMap((criterion) => criterion.evidence)))
			.find((candidate) => candidate.key === key)
		const data =
			item?.kind === 'url'
				? { url: 'https://www.example.nl/werkwijze' }
				: item?.kind === 'declaration'
					? { declared: true }
					: { text }
		await db.answer.upsert({
			where: { roundId_evidenceItemId: { roundId: round.id, evidenceItemId } },
			create: { roundId: round.id, evidenceItemId, ...data },
			update: data,
		})
	}
	return round
}

/** The provider changes the first answer of the open revision round and submits it. */
export async function resubmitRevision({ participationId, text }: { participationId: string; text: string }) {
	const participation = await db.participation.findUniqueOrThrow({ where: { id: participationId } })
	const round = await db.selfEvaluationRound.findFirstOrThrow({
		where: { participationId, status: 'draft' },
		orderBy: { number: 'desc' },
	})
	const loaded = await loadNormSet(participation.year)
	const firstKey = loaded?.normSet.themes[0]?.norms[0]?.criteria[0]?.evidence[0]?.key
	const evidenceItemId = firstKey ? loaded?.evidenceIds.get(firstKey) : undefined
	if (!evidenceItemId) throw new Error('Geen bewijsstuk')
	await db.answer.update({
		where: { roundId_evidenceItemId: { roundId: round.id, evidenceItemId } },
		data: { text, version: { increment: 1 } },
	})
	const actor = await providerActor(participation.providerId)
	await db.$transaction((tx) =>
		requireParticipationEvent(tx, participationId, { type: 'submit_self_evaluation' }, actor),
	)
	return round.number
}

/** `count` providers of the year, qualified (without an assessment: for sample and withdrawal tests). */
export async function createQualifiedParticipations({
	year,
	count,
	prefix,
}: {
	year: number
	count: number
	prefix: string
}) {
	await ensureMarkYear(year)
	const ids: string[] = []
	for (let index = 0; index < count; index++) {
		const kvk = String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8)
		const provider = await db.provider.create({
			data: {
				name: `${prefix} ${String(index + 1).padStart(2, '0')}`,
				slug: `${prefix.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${index}-${kvk}`,
				type: index % 3 === 0 ? 'institution' : 'independent_practice',
				kvkNumber: kvk,
				agbCode: kvk,
				street: 'Teststraat',
				houseNumber: String(index + 1),
				postcode: '3511 AA',
				city: index % 2 ? 'Utrecht' : 'Zwolle',
				email: `info-${kvk}@aanbieder.test`,
			},
		})
		const id = await createSubmittedParticipation({ year, providerId: provider.id })
		await db.$transaction(async (tx) => {
			await requireParticipationEvent(tx, id, { type: 'qualify' }, system)
			await tx.selfEvaluationRound.updateMany({
				where: { participationId: id, number: 1 },
				data: { outcome: 'qualified', decidedAt: now() },
			})
		})
		ids.push(id)
	}
	return ids
}

/**
 * A qualified carrier of `year` drawn into a sample whose interview found the qualification
 * incorrect, with the withdrawal proposal rejected as before docs/decisions/011: the carrier left
 * in `sampled`. `proposerId` recorded the outcome and proposed, `rejecterId` rejected.
 */
export async function createSampleLeftOpen(input: {
	year: number
	prefix: string
	proposerId: string
	rejecterId: string
	reason: string
}) {
	const [participationId] = await createQualifiedParticipations({ year: input.year, count: 1, prefix: input.prefix })
	const staff = { type: 'staff' as const, userId: input.proposerId }
	const sample = await db.sample.create({
		data: { year: input.year, seed: input.prefix, count: 1, record: {}, drawnAt: now(), drawnById: input.proposerId },
	})
	await db.sampleMember.create({ data: { sampleId: sample.id, participationId: participationId! } })
	await db.$transaction((tx) => requireParticipationEvent(tx, participationId!, { type: 'draw_into_sample' }, staff))
	const member = await db.sampleMember.findFirstOrThrow({ where: { participationId: participationId! } })
	const interview = await db.interview.update({
		where: { sampleMemberId: member.id },
		data: {
			scheduledAt: now(),
			mode: 'online',
			outcome: 'incorrect_qualification',
			outcomeAt: now(),
			recordedById: input.proposerId,
			notes: 'De werkafspraken met huisartsen ontbreken.',
		},
	})
	await db.withdrawalProposal.create({
		data: {
			participationId: participationId!,
			interviewId: interview.id,
			reason: 'incorrect_qualification',
			effectiveOn: amsterdamDateOf(now()),
			explanation: 'De werkafspraken met huisartsen ontbreken.',
			proposedById: input.proposerId,
			proposedAt: now(),
			status: 'rejected',
			decidedById: input.rejecterId,
			decidedAt: now(),
			decisionNote: input.reason,
		},
	})
	return { participationId: participationId!, interviewId: interview.id }
}

export const staffFixtures: Record<string, Fixture> = {
	async 'sample-left-open'(input) {
		const data = z
			.object({
				year: z.number().int(),
				prefix: z.string().min(1),
				proposerId: z.string(),
				rejecterId: z.string(),
				reason: z.string().min(1),
			})
			.parse(input)
		return createSampleLeftOpen(data)
	},
	async 'submitted-participation'(input) {
		const { year, providerId } = z.object({ year: z.number().int(), providerId: z.string() }).parse(input)
		return { participationId: await createSubmittedParticipation({ year, providerId }) }
	},
	async 'resubmit-revision'(input) {
		const data = z.object({ participationId: z.string(), text: z.string().min(1) }).parse(input)
		return { round: await resubmitRevision(data) }
	},
	async 'qualified-participations'(input) {
		const data = z
			.object({ year: z.number().int(), count: z.number().int().min(1).max(40), prefix: z.string().min(1) })
			.parse(input)
		return { participationIds: await createQualifiedParticipations(data) }
	},
}
