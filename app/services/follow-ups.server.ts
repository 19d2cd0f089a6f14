// Follow-ups of a promised later delivery (issue 16 item 9). A criterion of the norm set may
// promise one (`followUp`, e.g. 2018 norm 1 NB: the CQ scale score "vóór 1 september 2018"); a
// carrier that qualifies with that criterion answered gets a follow-up: due at the end of the due
// day, reminded by the scheduled run `follow-up-reminders`, delivered by the provider, reviewed
// by staff (audited). Refusals are coded (AppError).
import type { Prisma } from '#app/generated/prisma/client.ts'
import { endOfDay } from '#app/domain/amsterdam-time.ts'
import { AppError } from '#app/domain/errors.ts'
import { isFollowUpOverdue } from '#app/domain/follow-ups.ts'
import { allCriteria } from '#app/domain/norm-set.ts'
import { type Answers, hasContent } from '#app/domain/self-evaluation.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { loadNormSet } from './norm-sets.server.ts'

/** Creates the follow-ups of a participation that just qualified (idempotent). */
export async function createFollowUpsOnQualification(
	tx: Tx,
	participation: { id: string; year: number; providerId: string },
	actor: Actor,
	at: Date,
): Promise<number> {
	const loaded = await loadNormSet(participation.year, tx)
	if (!loaded) return 0
	const promising = allCriteria(loaded.normSet).filter(({ criterion }) => criterion.followUp)
	if (promising.length === 0) return 0
	const round = await tx.selfEvaluationRound.findFirst({
		where: { participationId: participation.id, status: 'submitted' },
		orderBy: { number: 'desc' },
	})
	if (!round) return 0
	// The round's answers as the domain reads them (hasContent), without the assessment service:
	// this runs inside the participation service's effects.
	const rows = await tx.answer.findMany({ where: { roundId: round.id }, include: { documents: true } })
	const answers: Record<string, NonNullable<Answers[string]>> = {}
	for (const row of rows) {
		const key = loaded.evidenceKeys.get(row.evidenceItemId)
		if (!key) continue
		answers[key] = {
			...(row.text !== null ? { text: row.text } : {}),
			...(row.number !== null ? { number: row.number } : {}),
			...(row.url !== null ? { url: row.url } : {}),
			...(row.checkedElements.length ? { checkedElements: row.checkedElements } : {}),
			...(row.declared !== null ? { declared: row.declared } : {}),
			documents: row.documents.map((document) => ({ id: document.fileId, name: '' })),
		}
	}
	let created = 0
	for (const { criterion } of promising) {
		const followUp = criterion.followUp
		// Only a criterion the carrier qualified on (it answered it) promises anything.
		if (!followUp || !criterion.evidence.some((item) => hasContent(answers[item.key]))) continue
		const existing = await tx.followUp.findUnique({
			where: { participationId_criterionKey: { participationId: participation.id, criterionKey: criterion.key } },
		})
		if (existing) continue
		const row = await tx.followUp.create({
			data: {
				participationId: participation.id,
				criterionKey: criterion.key,
				criterionCode: criterion.code,
				description: followUp.description,
				deliver: followUp.deliver,
				dueAt: endOfDay(followUp.dueOn),
				createdAt: at,
			},
		})
		await recordAudit(tx, {
			actor,
			action: 'follow_up.create',
			entityType: 'FollowUp',
			entityId: row.id,
			providerId: participation.providerId,
			participationId: participation.id,
			after: { criterionCode: row.criterionCode, dueAt: row.dueAt },
			at,
		})
		created++
	}
	return created
}

const withParticipation = {
	participation: { select: { year: true, providerId: true, provider: { select: { name: true } } } },
} as const satisfies Prisma.FollowUpInclude

/** The provider's follow-ups, the earliest due first. */
export function providerFollowUps(providerId: string) {
	return db.followUp.findMany({
		where: { participation: { providerId } },
		orderBy: [{ dueAt: 'asc' }, { criterionCode: 'asc' }],
		include: withParticipation,
	})
}

export type FollowUpDelivery = { number: number } | { text: string }

/** The provider delivers what it promised; refused once delivered or accepted. */
export async function deliverFollowUp(
	providerId: string,
	followUpId: string,
	delivery: FollowUpDelivery,
	actor: Actor & { userId: string | null },
) {
	return db.$transaction(async (tx) => {
		const followUp = await tx.followUp.findFirst({
			where: { id: followUpId, participation: { providerId } },
			include: withParticipation,
		})
		if (!followUp) throw new AppError('not_found')
		if (followUp.status !== 'open' && followUp.status !== 'rejected') throw new AppError('follow_up_closed')
		const isNumber = 'number' in delivery
		if ((followUp.deliver === 'number') !== isNumber) throw new AppError('invalid_input')
		const at = now()
		const claimed = await tx.followUp.updateMany({
			where: { id: followUp.id, version: followUp.version },
			data: {
				status: 'delivered',
				deliveredAt: at,
				deliveredById: actor.userId,
				deliveryNumber: isNumber ? delivery.number : null,
				deliveryText: isNumber ? null : delivery.text,
				version: { increment: 1 },
			},
		})
		if (claimed.count !== 1) throw new AppError('conflict')
		await recordAudit(tx, {
			actor,
			action: 'follow_up.deliver',
			entityType: 'FollowUp',
			entityId: followUp.id,
			providerId,
			participationId: followUp.participationId,
			before: { status: followUp.status },
			after: { status: 'delivered', ...delivery },
			at,
		})
	})
}

/** Staff accept a delivery, or reject it (the carrier delivers again). */
export async function reviewFollowUp(
	followUpId: string,
	{ decision, note }: { decision: 'accepted' | 'rejected'; note: string },
	actor: Actor & { userId: string },
) {
	return db.$transaction(async (tx) => {
		const followUp = await tx.followUp.findUnique({ where: { id: followUpId }, include: withParticipation })
		if (!followUp) throw new AppError('not_found')
		if (followUp.status !== 'delivered') throw new AppError('follow_up_not_delivered')
		const at = now()
		await tx.followUp.update({
			where: { id: followUp.id },
			data: {
				status: decision,
				reviewedAt: at,
				reviewedById: actor.userId,
				reviewNote: note.trim() || null,
				version: { increment: 1 },
			},
		})
		await recordAudit(tx, {
			actor,
			action: `follow_up.${decision === 'accepted' ? 'accept' : 'reject'}`,
			entityType: 'FollowUp',
			entityId: followUp.id,
			providerId: followUp.participation.providerId,
			participationId: followUp.participationId,
			before: { status: followUp.status },
			after: { status: decision },
			reason: note.trim() || null,
			at,
		})
	})
}

/** Every follow-up of a year for staff, with whether it is overdue at `at`. */
export async function listFollowUps(year: number | null, at: Date = now()) {
	const rows = await db.followUp.findMany({
		where: year === null ? {} : { participation: { year } },
		orderBy: [{ dueAt: 'asc' }, { participation: { provider: { name: 'asc' } } }],
		include: { ...withParticipation, deliveredBy: { select: { name: true } } },
	})
	return rows.map((row) => ({ ...row, overdue: isFollowUpOverdue(row.status, row.dueAt, at) }))
}

/** Follow-ups still waiting for a delivery: the reminder run's candidates. */
export async function followUpsAwaitingDelivery(): Promise<string[]> {
	const rows = await db.followUp.findMany({ where: { status: { in: ['open', 'rejected'] } }, select: { id: true } })
	return rows.map((row) => row.id)
}
