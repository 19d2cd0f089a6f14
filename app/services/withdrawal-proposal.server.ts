// Four-eyes for withdrawals (issue 12 §5, the year's `fourEyesWithdrawal`): a proposal records
// what the first staff member decided; nothing happens to the participation until a second,
// different one approves it (safe-decisions.server.ts, `decideWithdrawalProposal`). Proposals come
// from the withdrawal page (`requestWithdrawal`) and from a sample interview that found the
// qualification incorrect (`recordInterviewOutcomeIn`, issue 17): both are made here, so both are
// checked against the same rules and audited alike.
import { amsterdamDateOf, startOfDay } from '#app/domain/amsterdam-time.ts'
import { AppError, refusalError } from '#app/domain/errors.ts'
import { type ParticipationEvent, transition } from '#app/domain/participation.ts'
import { now } from '#app/lib/clock.server.ts'
import type { Tx } from '#app/lib/db.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { unpaidInvoices } from './money-in-view.server.ts'
import { loadSnapshot } from './participation.server.ts'
import { type WithdrawalInput, withdrawalMoment } from './withdrawal.server.ts'

/** Whether withdrawals of this participation's year wait for a second staff member. */
export async function fourEyesForWithdrawal(tx: Tx, participationId: string): Promise<boolean> {
	const participation = await tx.participation.findUnique({
		where: { id: participationId },
		select: { markYear: { select: { fourEyesWithdrawal: true } } },
	})
	if (!participation) throw new AppError('participation_not_found')
	return participation.markYear.fourEyesWithdrawal
}

/**
 * Records a proposal to withdraw, checked against the rules now (state, day, reason), so the
 * approver only sees proposals that could take effect. One pending proposal per participation.
 * `interviewId`: the sample interview whose outcome is the proposal's basis; its approval then runs
 * the interview's own withdrawal (`incorrect_qualification_found`), as the direct path does.
 */
export async function proposeWithdrawalIn(
	tx: Tx,
	actor: Actor & { userId: string },
	input: WithdrawalInput,
	basis: { interviewId?: string } = {},
): Promise<string> {
	const { participation, snapshot, settings } = await loadSnapshot(tx, input.participationId)
	const pending = await tx.withdrawalProposal.findFirst({
		where: { participationId: input.participationId, status: 'pending' },
		select: { id: true },
	})
	if (pending) throw new AppError('withdrawal_proposal_pending')
	const at = now()
	if (input.reason === 'unpaid_fee') {
		const unpaid = await unpaidInvoices(participation.providerId, at, tx)
		if (!unpaid.unpaidFeeEligible) throw new AppError('unpaid_fee_not_eligible', { days: unpaid.graceDays })
	}
	const effectiveAt = withdrawalMoment(input.effectiveOn, at)
	if (effectiveAt.getTime() < startOfDay(amsterdamDateOf(at)).getTime()) throw new AppError('effective_in_past')
	const event: ParticipationEvent = basis.interviewId
		? { type: 'incorrect_qualification_found', effectiveAt }
		: { type: 'withdraw', reason: input.reason, effectiveAt }
	const check = transition(snapshot, event, at, settings)
	if (!check.ok) throw refusalError(check.refusal)
	const proposal = await tx.withdrawalProposal.create({
		data: {
			participationId: input.participationId,
			reason: input.reason,
			effectiveOn: input.effectiveOn,
			explanation: input.explanation,
			proposedById: actor.userId,
			proposedAt: at,
			interviewId: basis.interviewId ?? null,
		},
	})
	await recordAudit(tx, {
		actor,
		action: 'withdrawal.propose',
		entityType: 'WithdrawalProposal',
		entityId: proposal.id,
		providerId: participation.providerId,
		participationId: participation.id,
		before: null,
		after: {
			reason: input.reason,
			effectiveOn: input.effectiveOn,
			explanation: input.explanation,
			...(basis.interviewId ? { interviewId: basis.interviewId } : {}),
		},
		reason: input.explanation,
		at,
	})
	return proposal.id
}
