// The provider reports the realised turnover of a finished year (DOMAIN.md §6); KiBG invoices the
// fee from it. A new report supersedes the previous one until an invoice is issued — after that a
// change is a staff correction (turnover-corrections.server.ts), so invoice and figure never drift.
import { feeBreakdown } from '#app/domain/fees.ts'
import { AppError } from '#app/domain/errors.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { lockParticipation } from '#app/lib/db/lock.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { providerInvoices } from './invoice-queries.server.ts'
import { runningYearAt, toYearSettings } from './years.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { SIGNED_STATES } from '#app/domain/participation-states.ts'

/** A fee is owed for a year in which the agreement was signed (carried, perhaps withdrawn later). */
function owesFee(participation: { state: string; listedFrom: Date | null; stateBeforeWithdrawal: string | null }) {
	if (['applied', 'agreement_offered', 'agreement_declined'].includes(participation.state)) return false
	if (participation.state === 'withdrawn')
		return (
			participation.listedFrom !== null ||
			!['applied', 'agreement_offered'].includes(participation.stateBeforeWithdrawal ?? '')
		)
	return true
}

export async function turnoverOverview(providerId: string, at: Date = now()) {
	const participations = await db.participation.findMany({
		where: { providerId, year: { lt: runningYearAt(at) } },
		orderBy: { year: 'desc' },
		include: {
			markYear: true,
			turnoverReports: { orderBy: { reportedAt: 'desc' }, include: { reportedBy: { select: { name: true } } } },
			invoices: { where: { status: { in: ['open', 'paid'] } }, select: { id: true } },
		},
	})
	const invoices = await providerInvoices(providerId, at)
	return participations.filter(owesFee).map((participation) => {
		const settings = toYearSettings(participation.markYear)
		const current = participation.turnoverReports.find((report) => report.supersededAt === null) ?? null
		return {
			participationId: participation.id,
			year: participation.year,
			turnoverLabel: settings.turnoverLabel,
			feeRateBp: settings.feeRateBp,
			minimumFeeCents: settings.minimumFeeCents,
			reportDueOn: settings.turnoverReportDueOn,
			current: current && {
				amountCents: current.amountCents.toString(),
				reportedAt: current.reportedAt,
				reportedBy: current.reportedBy.name,
				source: current.source,
			},
			fee: current ? feeBreakdown(current.amountCents, settings.feeRateBp, settings.minimumFeeCents) : null,
			history: participation.turnoverReports.map((report) => ({
				id: report.id,
				amountCents: report.amountCents.toString(),
				reportedAt: report.reportedAt,
				reportedBy: report.reportedBy.name,
				source: report.source,
				reason: report.reason,
			})),
			locked: participation.invoices.length > 0,
			invoices: invoices
				.filter((invoice) => invoice.participationId === participation.id)
				.map((invoice) => ({
					...invoice,
					turnoverCents: invoice.turnoverCents.toString(),
					amountCents: invoice.amountCents.toString(),
				})),
		}
	})
}

export async function reportProviderTurnover(
	providerId: string,
	participationId: string,
	amountCents: number,
	actor: Actor & { userId: string },
): Promise<void> {
	return db.$transaction(async (tx) => {
		// Serialise with staff corrections and with invoicing of this participation.
		await lockParticipation(tx, participationId)
		const participation = await tx.participation.findFirst({
			where: { id: participationId, providerId },
			select: {
				id: true,
				year: true,
				state: true,
				listedFrom: true,
				stateBeforeWithdrawal: true,
				invoices: { where: { status: { in: ['open', 'paid'] } }, select: { number: true } },
			},
		})
		const at = now()
		if (!participation || !owesFee(participation)) throw new AppError('turnover_year_not_owed')
		if (participation.year >= runningYearAt(at)) throw new AppError('turnover_year_not_over')
		const invoice = participation.invoices[0]
		if (invoice) throw new AppError('turnover_already_invoiced', { number: invoice.number })
		const previous = await tx.turnoverReport.findFirst({
			where: { participationId, supersededAt: null },
			orderBy: { reportedAt: 'desc' },
		})
		if (previous) await tx.turnoverReport.update({ where: { id: previous.id }, data: { supersededAt: at } })
		const report = await tx.turnoverReport.create({
			data: {
				participationId,
				amountCents: BigInt(amountCents),
				source: 'provider',
				reportedAt: at,
				reportedById: actor.userId,
			},
		})
		await recordAudit(tx, {
			actor,
			action: 'turnover.report',
			entityType: 'TurnoverReport',
			entityId: report.id,
			providerId,
			participationId,
			before: previous ? { reportId: previous.id, amountCents: previous.amountCents.toString() } : null,
			after: { reportId: report.id, amountCents: String(amountCents), year: participation.year },
			at,
		})
	})
}

/** One participation's fee facts for staff: the provider, the year's settings and its invoices. */
export function participationForFees(participationId: string) {
	return db.participation.findUnique({
		where: { id: participationId },
		include: {
			provider: { select: { name: true, kvkNumber: true } },
			markYear: true,
			invoices: { orderBy: { issuedAt: 'desc' } },
		},
	})
}

/**
 * Who owes a fee in `year` with their current turnover report and latest invoice, for the staff
 * list of turnover reports: every participation whose agreement was signed (also when withdrawn
 * later), filtered on whether the report is still missing.
 */
export async function turnoverReportList(year: number, reported?: 'missing' | 'reported') {
	const where: Prisma.ParticipationWhereInput = {
		year,
		OR: [
			{ state: { in: [...SIGNED_STATES] } },
			{ state: 'withdrawn', stateBeforeWithdrawal: { in: [...SIGNED_STATES] } },
			{ turnoverReports: { some: {} } },
		],
		...(reported === 'missing' ? { turnoverReports: { none: { supersededAt: null } } } : {}),
		...(reported === 'reported' ? { turnoverReports: { some: { supersededAt: null } } } : {}),
	}
	const participations = await db.participation.findMany({
		where,
		orderBy: { provider: { name: 'asc' } },
		take: 500,
		select: {
			id: true,
			state: true,
			provider: { select: { name: true } },
			turnoverReports: { where: { supersededAt: null }, select: { amountCents: true, source: true, reportedAt: true } },
			invoices: { orderBy: { issuedAt: 'desc' }, take: 1, select: { id: true, number: true, status: true } },
		},
	})
	return participations.map((participation) => {
		const report = participation.turnoverReports[0]
		return {
			id: participation.id,
			providerName: participation.provider.name,
			state: participation.state,
			report: report
				? { amountCents: Number(report.amountCents), source: report.source, reportedAt: report.reportedAt }
				: null,
			invoice: participation.invoices[0] ?? null,
		}
	})
}
