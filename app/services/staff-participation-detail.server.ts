// One participation as staff see it (/medewerkers/deelnames/:id): the provider with its people,
// the timeline (transitions, mails, withdrawals), agreements, rounds, invoices, files and the
// audit trail. Null when the participation does not exist (the route answers 404).
import { z } from 'zod'
import { db } from '#app/lib/db.server.ts'
import { auditLabelsFor } from './audit-log.server.ts'

// What the applicant declared about an earlier withdrawal (a re-applicant must explain it).
const applicationStatementSchema = z.object({
	withdrawalExplanation: z.string().trim().min(1).optional().catch(undefined),
})

export async function staffParticipationDetail(participationId: string) {
	const participation = await db.participation.findUnique({
		where: { id: participationId },
		include: {
			provider: {
				include: {
					memberships: { include: { user: { select: { id: true, name: true, email: true, active: true } } } },
				},
			},
			assessor: { select: { id: true, name: true } },
			transitions: { orderBy: { at: 'asc' }, include: { actor: { select: { name: true } } } },
			agreements: { orderBy: { offeredAt: 'asc' } },
			rounds: { orderBy: { number: 'asc' }, include: { _count: { select: { assessments: true } } } },
			withdrawals: {
				orderBy: { decidedAt: 'asc' },
				include: {
					decidedBy: { select: { name: true } },
					undoneBy: { select: { name: true } },
					letterFile: { select: { id: true, originalName: true } },
				},
			},
			certificate: { include: { file: { select: { id: true, originalName: true } } } },
			invoices: { orderBy: { issuedAt: 'asc' } },
			outbox: {
				orderBy: { createdAt: 'asc' },
				select: {
					id: true,
					template: true,
					subject: true,
					toAddress: true,
					status: true,
					createdAt: true,
					sentAt: true,
				},
			},
			auditEvents: { orderBy: { id: 'desc' }, take: 100, include: { actor: { select: { name: true } } } },
			sampleMember: { include: { interview: true } },
		},
	})
	if (!participation) return null
	const files = await db.storedFile.findMany({
		where: { providerId: participation.providerId },
		orderBy: { createdAt: 'desc' },
		select: { id: true, originalName: true, kind: true, createdAt: true, sizeBytes: true },
	})
	// Ids and criterion keys of the audit trail in words, as in the audit log (one query per kind).
	const auditLabels = await auditLabelsFor(participation.auditEvents)
	const statement = applicationStatementSchema.safeParse(participation.applicationData)
	const withdrawalExplanation = statement.success ? (statement.data.withdrawalExplanation ?? null) : null
	const timeline = [
		...participation.transitions.map((entry) => ({ kind: 'transition' as const, at: entry.at, id: entry.id, entry })),
		...participation.outbox.map((mail) => ({ kind: 'mail' as const, at: mail.createdAt, id: mail.id, mail })),
		...participation.withdrawals.map((withdrawal) => ({
			kind: 'withdrawal' as const,
			at: withdrawal.effectiveAt,
			id: withdrawal.id,
			withdrawal,
		})),
	].sort((a, b) => a.at.getTime() - b.at.getTime())
	return {
		withdrawalExplanation,
		participation: {
			...participation,
			// BigInt does not cross the wire: amounts as strings, audit ids as strings.
			invoices: participation.invoices.map((invoice) => ({
				...invoice,
				amountCents: invoice.amountCents.toString(),
				turnoverCents: invoice.turnoverCents.toString(),
			})),
			auditEvents: participation.auditEvents.map((event) => ({
				...event,
				id: event.id.toString(),
				labels: auditLabels(event),
			})),
		},
		files,
		timeline,
	}
}
