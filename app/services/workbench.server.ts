// The staff workbench (issue 12): queues of the season's work and who does it. An assessor claims
// an unassigned submission; an administrator assigns, reassigns or releases one. Every change of
// assessor is audited in the transaction that makes it.
import { AppError } from '#app/domain/errors.ts'
import { unreadCount } from '#app/domain/conversation.ts'
import { isAssessmentOverdue, isRevisionDueSoon, type Queue, QUEUES, waitingDays } from '#app/domain/workbench.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { lockParticipation } from '#app/lib/db/lock.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'

export interface QueueRow {
	participationId: string
	providerName: string
	providerType: 'independent_practice' | 'institution'
	state: string
	assessor: { id: string; name: string } | null
	/** The latest submitted round: number and when it was submitted. */
	round: number | null
	submittedAt: Date | null
	waitingDays: number | null
	overdue: boolean
	revisionDueAt: Date | null
	interviewScheduledAt: Date | null
	unread: number
}

/**
 * Every queue of the year for `userId`, with the counts the overview shows. Computed in memory
 * over the year's open work (a season holds at most a few hundred submissions), so the rules stay
 * the domain's (`waitingDays`, `isAssessmentOverdue`, `isRevisionDueSoon`).
 */
export async function workbenchQueues(year: number, userId: string, at: Date = now()) {
	const markYear = await db.markYear.findUnique({ where: { year }, select: { assessmentDays: true } })
	const assessmentDays = markYear?.assessmentDays ?? 21
	const rows = await db.participation.findMany({
		where: { year, state: { in: ['submitted', 'revision_requested', 'sampled'] } },
		select: {
			id: true,
			state: true,
			revisionDueAt: true,
			provider: { select: { name: true, type: true } },
			assessor: { select: { id: true, name: true } },
			rounds: {
				where: { status: 'submitted' },
				orderBy: { number: 'desc' },
				take: 1,
				select: { number: true, submittedAt: true },
			},
			sampleMember: { select: { interview: { select: { scheduledAt: true, outcome: true } } } },
			messages: { where: { side: 'provider' }, select: { side: true, createdAt: true } },
			conversationReads: { where: { userId }, select: { readAt: true } },
		},
		orderBy: { provider: { name: 'asc' } },
	})
	const toRow = (row: (typeof rows)[number]): QueueRow => {
		const latest = row.rounds[0]
		const submittedAt = latest?.submittedAt ?? null
		const readAt = row.conversationReads[0]?.readAt
		return {
			participationId: row.id,
			providerName: row.provider.name,
			providerType: row.provider.type,
			state: row.state,
			assessor: row.assessor,
			round: latest?.number ?? null,
			submittedAt,
			waitingDays: row.state === 'submitted' && submittedAt ? waitingDays(submittedAt, at) : null,
			overdue: row.state === 'submitted' && submittedAt ? isAssessmentOverdue(submittedAt, at, assessmentDays) : false,
			revisionDueAt: row.revisionDueAt,
			interviewScheduledAt: row.sampleMember?.interview?.scheduledAt ?? null,
			unread: unreadCount(row.messages, 'staff', readAt),
		}
	}
	const all = rows.map(toRow)
	const waiting = all.filter((row) => row.state === 'submitted')
	// Longest waiting first: the queue is worked from the top.
	const byWaiting = (a: QueueRow, b: QueueRow) => (b.waitingDays ?? 0) - (a.waitingDays ?? 0)
	const queues: Record<Queue, QueueRow[]> = {
		mine: waiting.filter((row) => row.assessor?.id === userId).sort(byWaiting),
		unassigned: waiting.filter((row) => !row.assessor).sort(byWaiting),
		overdue: waiting.filter((row) => row.overdue).sort(byWaiting),
		revision_due: all
			.filter(
				(row) => row.state === 'revision_requested' && row.revisionDueAt && isRevisionDueSoon(row.revisionDueAt, at),
			)
			.sort((a, b) => (a.revisionDueAt?.getTime() ?? 0) - (b.revisionDueAt?.getTime() ?? 0)),
		interviews: rows
			.filter(
				(row) =>
					row.state === 'sampled' &&
					row.sampleMember &&
					!row.sampleMember.interview?.scheduledAt &&
					!row.sampleMember.interview?.outcome,
			)
			.map(toRow),
	}
	const counts = Object.fromEntries(QUEUES.map((queue) => [queue, queues[queue].length])) as Record<Queue, number>
	return { assessmentDays, queues, counts }
}

/** An assessor (or administrator) takes an unassigned submission that waits for assessment. */
export async function claimSubmission(actor: Actor & { userId: string }, participationId: string): Promise<void> {
	await db.$transaction(async (tx) => {
		await lockParticipation(tx, participationId)
		const participation = await tx.participation.findUnique({
			where: { id: participationId },
			select: { id: true, state: true, providerId: true, assessorId: true, assessor: { select: { name: true } } },
		})
		if (!participation) throw new AppError('participation_not_found')
		if (participation.assessorId === actor.userId) return
		if (participation.assessorId) throw new AppError('already_claimed', { name: participation.assessor?.name ?? '—' })
		if (participation.state !== 'submitted') throw new AppError('claim_not_open')
		const at = now()
		await tx.participation.update({
			where: { id: participationId },
			data: { assessorId: actor.userId, assessorAssignedAt: at },
		})
		await recordAudit(tx, {
			actor,
			action: 'participation.claim',
			entityType: 'Participation',
			entityId: participationId,
			providerId: participation.providerId,
			participationId,
			before: { assessorId: null },
			after: { assessorId: actor.userId },
			at,
		})
	})
}

/**
 * An administrator assigns the submission to an active staff member, reassigns it, or releases it
 * (`assessorId` null). The route admits administrators only; the service checks the assignee.
 */
export async function assignAssessor(
	actor: Actor & { userId: string },
	participationId: string,
	assessorId: string | null,
	reason?: string | null,
): Promise<void> {
	await db.$transaction(async (tx) => {
		await lockParticipation(tx, participationId)
		const participation = await tx.participation.findUnique({
			where: { id: participationId },
			select: { id: true, providerId: true, assessorId: true },
		})
		if (!participation) throw new AppError('participation_not_found')
		if (assessorId) {
			const assessor = await tx.user.findUnique({
				where: { id: assessorId },
				select: { staffRole: true, active: true },
			})
			if (!assessor?.staffRole || !assessor.active) throw new AppError('not_an_assessor')
		}
		if (participation.assessorId === assessorId) return
		const at = now()
		await tx.participation.update({
			where: { id: participationId },
			data: { assessorId, assessorAssignedAt: assessorId ? at : null },
		})
		await recordAudit(tx, {
			actor,
			action: participation.assessorId ? 'participation.reassign_assessor' : 'participation.assign_assessor',
			entityType: 'Participation',
			entityId: participationId,
			providerId: participation.providerId,
			participationId,
			before: { assessorId: participation.assessorId },
			after: { assessorId },
			reason: reason ?? null,
			at,
		})
	})
}
