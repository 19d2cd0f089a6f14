// Withdrawals by staff (DOMAIN.md §3, 003 §3.3): the Dutch letter is rendered and stored first,
// then the participation event records the withdrawal (with the letter, which the withdrawal
// mail attaches). The register follows by itself: the materialised window ends at the effective
// moment. An undo is for administrators only, with a justification, and audited.
import { amsterdamDateOf, type CalendarDate, startOfDay } from '#app/domain/amsterdam-time.ts'
import { type ManualWithdrawalReason } from '#app/domain/participation.ts'
import { registerWindow } from '#app/domain/register.ts'
import { AppError, refusalError } from '#app/domain/errors.ts'
import { WITHDRAWAL_REASONS, type WithdrawalReason } from '#app/domain/types.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { pageWindow, type TableQuery, type TableSpec } from '#app/lib/table-query.ts'
import { translate } from '#app/i18n/translate.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { applyParticipationEvent, loadSnapshot, requireParticipationEvent } from './participation.server.ts'
import { unpaidInvoices } from './money-in-view.server.ts'

export interface WithdrawalResult {
	withdrawalId: string
	letterFileId: string
}

import { storeWithdrawalLetter } from './withdrawal-letter.server.ts'

export { storeWithdrawalLetter }

export interface WithdrawalInput {
	participationId: string
	reason: ManualWithdrawalReason
	effectiveOn: string
	explanation: string
	decidedBy: string
}

/** A withdrawal "per today" takes effect now; a later day at the start of that day (Amsterdam). */
export function withdrawalMoment(effectiveOn: CalendarDate, at: Date): Date {
	return effectiveOn === amsterdamDateOf(at) ? at : startOfDay(effectiveOn)
}

/**
 * Staff withdraw a participation with a reason, an effective date (Amsterdam day) and an
 * explanation. This is the act itself: the staff screens reach it through
 * `requestWithdrawal` (safe-decisions.server.ts), which previews it and applies four-eyes.
 */
export async function withdrawParticipation(
	actor: Actor & { userId: string },
	input: WithdrawalInput,
): Promise<WithdrawalResult> {
	return db.$transaction((tx) => withdrawParticipationIn(tx, actor, input))
}

/** `withdrawParticipation` inside a transaction (also run, and rolled back, for the preview). */
export async function withdrawParticipationIn(
	tx: Tx,
	actor: Actor & { userId: string },
	input: WithdrawalInput,
): Promise<WithdrawalResult> {
	const at = now()
	const effectiveAt = withdrawalMoment(input.effectiveOn, at)
	// DOMAIN.md §6 / issue 12: 'unpaid_fee' only while an invoice is overdue beyond its year's grace days.
	if (input.reason === 'unpaid_fee') {
		const participation = await tx.participation.findUnique({
			where: { id: input.participationId },
			select: { providerId: true },
		})
		if (participation) {
			const unpaid = await unpaidInvoices(participation.providerId, at, tx)
			if (!unpaid.unpaidFeeEligible) throw new AppError('unpaid_fee_not_eligible', { days: unpaid.graceDays })
		}
	}
	const letter = await storeWithdrawalLetter(tx, input.participationId, {
		reason: input.reason,
		effectiveAt,
		explanation: input.explanation,
		decidedBy: input.decidedBy,
	})
	const result = await applyParticipationEvent(
		tx,
		input.participationId,
		{ type: 'withdraw', reason: input.reason, effectiveAt },
		actor,
		{ reason: input.explanation, letterFileId: letter.id },
	)
	if (!result.ok) throw refusalError(result.refusal)
	await markNextYearReapplicant(tx, input.participationId, actor)
	const withdrawal = await tx.withdrawal.findFirstOrThrow({
		where: { participationId: input.participationId, undoneAt: null },
		orderBy: { decidedAt: 'desc' },
	})
	return { withdrawalId: withdrawal.id, letterFileId: letter.id }
}

/**
 * Known gap of the domain: a withdrawal in year Y-1 while the provider's participation for Y
 * already exists makes it a re-applicant (003 §3.2), but that participation was started before.
 * While Y is not yet listed, mark it, so the 1 January run does not list it.
 */
export async function markNextYearReapplicant(tx: Tx, participationId: string, actor: Actor) {
	const withdrawn = await tx.participation.findUniqueOrThrow({
		where: { id: participationId },
		select: { providerId: true, year: true },
	})
	const next = await tx.participation.findUnique({
		where: { providerId_year: { providerId: withdrawn.providerId, year: withdrawn.year + 1 } },
		select: { id: true, isReapplicant: true, listedFrom: true, state: true },
	})
	if (
		!next ||
		next.isReapplicant ||
		next.listedFrom ||
		!['applied', 'agreement_offered', 'agreement_signed'].includes(next.state)
	)
		return
	const { participation, snapshot, settings } = await loadSnapshot(tx, next.id)
	const marked = { ...snapshot, isReapplicant: true }
	const window = registerWindow(marked, settings)
	await tx.participation.update({
		where: { id: next.id },
		data: {
			isReapplicant: true,
			listedFrom: window?.from ?? null,
			listedUntil: window?.until ?? null,
			version: { increment: 1 },
		},
	})
	await recordAudit(tx, {
		actor,
		action: 'participation.mark_reapplicant',
		entityType: 'Participation',
		entityId: next.id,
		providerId: participation.providerId,
		participationId: next.id,
		before: { isReapplicant: false },
		after: { isReapplicant: true },
		// The audit trail is a Dutch record.
		reason: translate('nl', 'staff.auditMarkedReapplicant', { year: withdrawn.year, nextYear: withdrawn.year + 1 }),
	})
}

/** Admin only (the route checks the role): restores the state before the withdrawal. */
export async function undoWithdrawal(
	actor: Actor & { userId: string },
	participationId: string,
	justification: string,
): Promise<void> {
	await db.$transaction((tx) =>
		requireParticipationEvent(tx, participationId, { type: 'undo_withdrawal', justification }, actor, {
			reason: justification,
		}),
	)
}

// ─── The withdrawals list (DataTable) ──────────────────────────────────────────────────────

export const WITHDRAWAL_STATUSES = ['pending', 'effective', 'undone'] as const

export function withdrawalsTableSpec(): TableSpec {
	return {
		columns: ['provider', 'year', 'reason', 'effectiveAt', 'status', 'decidedBy', 'letter'],
		alwaysVisible: ['provider'],
		sortable: ['provider', 'year', 'effectiveAt', 'reason'],
		defaultSort: [{ id: 'effectiveAt', desc: true }],
		filters: [
			{ id: 'reason', kind: 'options', values: WITHDRAWAL_REASONS },
			{ id: 'status', kind: 'options', values: WITHDRAWAL_STATUSES },
		],
	}
}

function withdrawalWhere(query: TableQuery, year: number | null, at: Date): Prisma.WithdrawalWhereInput {
	const and: Prisma.WithdrawalWhereInput[] = []
	if (year !== null) and.push({ participation: { year } })
	if (query.filters.reason) and.push({ reason: { in: query.filters.reason as WithdrawalReason[] } })
	if (query.filters.status) {
		const status = query.filters.status
		and.push({
			OR: [
				...(status.includes('undone') ? [{ undoneAt: { not: null } }] : []),
				...(status.includes('pending') ? [{ undoneAt: null, effectiveAt: { gt: at } }] : []),
				...(status.includes('effective') ? [{ undoneAt: null, effectiveAt: { lte: at } }] : []),
			],
		})
	}
	if (query.search) and.push({ participation: { provider: { name: { contains: query.search, mode: 'insensitive' } } } })
	return and.length ? { AND: and } : {}
}

export async function listWithdrawals(query: TableQuery, year: number | null) {
	const where = withdrawalWhere(query, year, now())
	const total = await db.withdrawal.count({ where })
	const { skip, take, page } = pageWindow(query, total)
	const orderBy = query.sort.map((key): Prisma.WithdrawalOrderByWithRelationInput => {
		const direction = key.desc ? 'desc' : 'asc'
		if (key.id === 'provider') return { participation: { provider: { name: direction } } }
		if (key.id === 'year') return { participation: { year: direction } }
		if (key.id === 'reason') return { reason: direction }
		return { effectiveAt: direction }
	})
	const rows = await db.withdrawal.findMany({
		where,
		orderBy: [...orderBy, { id: 'asc' }],
		skip,
		take,
		include: {
			participation: { select: { id: true, year: true, provider: { select: { name: true } } } },
			decidedBy: { select: { name: true } },
			letterFile: { select: { id: true } },
		},
	})
	return { rows, total, page }
}
