// Staff corrections of a participation's turnover report (DOMAIN.md §6): a new report with source
// `staff_correction` and a required reason supersedes the current one; the old report stays for
// the record, and the correction is audited. An issued invoice is not changed by a correction:
// staff credit it (and may reissue at once), so the bookkeeping keeps both documents.
import type { TurnoverReport } from '#app/generated/prisma/client.ts'
import { AppError } from '#app/domain/errors.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { lockParticipation } from '#app/lib/db/lock.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'

export interface TurnoverCorrection {
	participationId: string
	amountCents: bigint
	reason: string
}

export async function correctTurnover(
	{ participationId, amountCents, reason }: TurnoverCorrection,
	actor: Actor & { userId: string },
): Promise<{
	report: TurnoverReport
	previous: TurnoverReport | null
	openInvoice: { id: string; number: string } | null
}> {
	const why = reason.trim()
	if (why.length === 0) throw new AppError('correction_reason_required')
	if (amountCents < 0n) throw new AppError('turnover_negative')
	return db.$transaction(async (tx) => {
		// Serialise with the provider's own report and with invoicing of this participation.
		await lockParticipation(tx, participationId)
		const participation = await tx.participation.findUniqueOrThrow({
			where: { id: participationId },
			select: { providerId: true, year: true },
		})
		const previous = await tx.turnoverReport.findFirst({
			where: { participationId, supersededAt: null },
			orderBy: { reportedAt: 'desc' },
		})
		if (previous && previous.amountCents === amountCents) {
			throw new AppError('turnover_unchanged')
		}
		const at = now()
		const superseded = previous
			? await tx.turnoverReport.update({ where: { id: previous.id }, data: { supersededAt: at } })
			: null
		const report = await tx.turnoverReport.create({
			data: {
				participationId,
				amountCents,
				source: 'staff_correction',
				reason: why,
				reportedAt: at,
				reportedById: actor.userId,
			},
		})
		await recordAudit(tx, {
			actor,
			action: 'turnover.correct',
			entityType: 'TurnoverReport',
			entityId: report.id,
			providerId: participation.providerId,
			participationId,
			before: previous ? { reportId: previous.id, amountCents: previous.amountCents, source: previous.source } : null,
			after: { reportId: report.id, amountCents, year: participation.year },
			reason: why,
			at,
		})
		const open = await tx.invoice.findFirst({
			where: { participationId, status: { in: ['open', 'paid'] } },
			select: { id: true, number: true },
		})
		return { report, previous: superseded, openInvoice: open }
	})
}

/** The turnover history of a participation, newest first, with who reported it. */
export function turnoverHistory(participationId: string) {
	return db.turnoverReport.findMany({
		where: { participationId },
		orderBy: { reportedAt: 'desc' },
		include: { reportedBy: { select: { name: true, staffRole: true } } },
	})
}
