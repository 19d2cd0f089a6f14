// Assessing a submitted self-evaluation round (DOMAIN.md §5): a verdict per criterion, then a
// decision that the domain's `assessmentOutcome` dictates. The decision becomes a participation
// event (certificate, revision round, mail) in the same transaction. With the year's four-eyes
// setting a negative decision waits for a second, different assessor.
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { type AssessmentOutcome, assessmentOutcome } from '#app/domain/assessment.ts'
import { assessmentGroups } from '#app/domain/assessment-groups.ts'
import { allCriteria } from '#app/domain/norm-set.ts'
import { type CriterionComparison, compareRounds } from '#app/domain/round-comparison.ts'
import { AppError, refusalError } from '#app/domain/errors.ts'
import { eventForRoundOutcome } from '#app/domain/participation.ts'
import type { Answers } from '#app/domain/self-evaluation.ts'
import type { CriterionVerdict, RoundOutcome } from '#app/domain/types.ts'
import { amsterdamDateOf } from '#app/domain/amsterdam-time.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { lockParticipation } from '#app/lib/db/lock.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { type LoadedNormSet, loadNormSet } from './norm-sets.server.ts'
import { unpaidInvoices } from './money-in-view.server.ts'
import { applyParticipationEvent } from './participation.server.ts'

/** The answers of a round keyed by evidence key, as the domain reads them. */
export async function roundAnswers(
	roundId: string,
	loaded: LoadedNormSet,
	client: Tx | PrismaClient = db,
): Promise<Answers> {
	const answers = await client.answer.findMany({
		where: { roundId },
		include: {
			documents: { include: { file: { select: { id: true, originalName: true } } }, orderBy: { addedAt: 'asc' } },
		},
	})
	const result: Record<string, Answers[string]> = {}
	for (const answer of answers) {
		const key = loaded.evidenceKeys.get(answer.evidenceItemId)
		if (!key) continue
		result[key] = {
			...(answer.text !== null ? { text: answer.text } : {}),
			...(answer.number !== null ? { number: answer.number } : {}),
			...(answer.url !== null ? { url: answer.url } : {}),
			...(answer.checkedElements.length ? { checkedElements: answer.checkedElements } : {}),
			...(answer.declared !== null ? { declared: answer.declared } : {}),
			documents: answer.documents.map((document) => ({ id: document.file.id, name: document.file.originalName })),
		}
	}
	return result
}

async function verdictsOf(client: Tx | PrismaClient, roundId: string, loaded: LoadedNormSet) {
	const rows = await client.criterionAssessment.findMany({
		where: { roundId },
		include: { assessor: { select: { name: true } } },
	})
	return rows.map((row) => ({ ...row, criterionKey: loaded.criterionKeys.get(row.criterionId) ?? row.criterionId }))
}

function outcomeFor(
	loaded: LoadedNormSet,
	participation: {
		offersChronicEchelon: boolean
		revisionsUsed: number
		provider: { type: 'independent_practice' | 'institution' }
	},
	answers: Answers,
	verdicts: { criterionKey: string; verdict: CriterionVerdict }[],
	maxRevisions: number,
): AssessmentOutcome {
	return assessmentOutcome(
		loaded.normSet,
		{ type: participation.provider.type, offersChronicEchelon: participation.offersChronicEchelon },
		answers,
		Object.fromEntries(verdicts.map((row) => [row.criterionKey, row.verdict])),
		{ revisionsUsed: participation.revisionsUsed, maxRevisions },
	)
}

/** Everything the assessment screen shows for round `number`. */
export async function loadAssessment(participationId: string, number: number) {
	const participation = await db.participation.findUnique({
		where: { id: participationId },
		include: {
			provider: { select: { id: true, name: true, type: true, city: true } },
			markYear: { select: { maxRevisions: true, fourEyesNegative: true } },
			assessor: { select: { id: true, name: true } },
			rounds: {
				orderBy: { number: 'asc' },
				include: {
					outcomeProposedBy: { select: { id: true, name: true } },
					outcomeConfirmedBy: { select: { id: true, name: true } },
					assessmentDraftBy: { select: { id: true, name: true } },
				},
			},
		},
	})
	const round = participation?.rounds.find((candidate) => candidate.number === number)
	if (!participation || !round || round.status !== 'submitted') return null
	const loaded = await loadNormSet(participation.year)
	if (!loaded) return null
	const answers = await roundAnswers(round.id, loaded)
	const verdicts = await verdictsOf(db, round.id, loaded)
	const previousRound = participation.rounds.find(
		(candidate) => candidate.number === number - 1 && candidate.status === 'submitted',
	)
	let previousVerdicts: Awaited<ReturnType<typeof verdictsOf>> = []
	let previousAnswers: Answers = {}
	if (previousRound) {
		previousAnswers = await roundAnswers(previousRound.id, loaded)
		previousVerdicts = await verdictsOf(db, previousRound.id, loaded)
	}
	// The revisions already used when this round was assessed: for a decided round, one fewer if it opened one.
	const outcome = outcomeFor(loaded, participation, answers, verdicts, participation.markYear.maxRevisions)
	const latestSubmitted = participation.rounds.filter((candidate) => candidate.status === 'submitted').at(-1)
	const editable = participation.state === 'submitted' && latestSubmitted?.id === round.id && round.outcome === null
	const groups = assessmentGroups(
		loaded.normSet,
		{ type: participation.provider.type, offersChronicEchelon: participation.offersChronicEchelon },
		answers,
	)
	// Issue 12 §3: a revised round next to the previous one, per criterion this round assesses.
	const assessed = new Set(groups.flatMap((group) => group.criteria.map((criterion) => criterion.key)))
	const comparison: CriterionComparison[] | null = previousRound
		? compareRounds({
				criteria: allCriteria(loaded.normSet)
					.filter(({ criterion }) => assessed.has(criterion.key))
					.map(({ criterion }) => ({ key: criterion.key, evidenceKeys: criterion.evidence.map((item) => item.key) })),
				previousAnswers,
				answers,
				previousVerdicts: Object.fromEntries(
					previousVerdicts.map((row) => [row.criterionKey, { verdict: row.verdict, feedback: row.feedback }]),
				),
			})
		: null
	return {
		participation,
		round,
		loaded,
		answers,
		verdicts,
		previousRound,
		previousAnswers,
		previousVerdicts,
		comparison,
		outcome,
		editable,
		groups,
	}
}

async function lockedRound(tx: Tx, participationId: string, number: number) {
	await lockParticipation(tx, participationId)
	const participation = await tx.participation.findUnique({
		where: { id: participationId },
		include: {
			provider: { select: { type: true } },
			markYear: { select: { maxRevisions: true, fourEyesNegative: true } },
			rounds: { orderBy: { number: 'asc' } },
		},
	})
	const round = participation?.rounds.find((candidate) => candidate.number === number)
	if (!participation || !round) return null
	return { participation, round }
}

/**
 * Records the decision the domain computed. A positive one (or any, without four-eyes) takes effect
 * at once; a negative one under four-eyes is proposed and waits for `confirmDecision`.
 */
export async function decideRound(
	actor: Actor & { userId: string },
	input: DecisionInput,
): Promise<{ applied: boolean }> {
	// A refusal throws inside the transaction, so the round's outcome rolls back with the refused event.
	return db.$transaction((tx) => decideRoundIn(tx, actor, input))
}

export interface DecisionInput {
	participationId: string
	round: number
	outcome: RoundOutcome
	/** Issue 12 §6: qualifying a provider with an overdue invoice needs this explicit acknowledgement. */
	acknowledgeOverdue?: boolean
	/** The Amsterdam day the confirmation page showed as decision day; refused when it has passed. */
	decisionDay?: string
}

/** `decideRound` inside a transaction (also run, and rolled back, for the confirmation page). */
export async function decideRoundIn(
	tx: Tx,
	actor: Actor & { userId: string },
	input: DecisionInput,
): Promise<{ applied: boolean }> {
	const found = await lockedRound(tx, input.participationId, input.round)
	if (!found) throw new AppError('round_not_assessable')
	const { participation, round } = found
	const latest = participation.rounds.filter((candidate) => candidate.status === 'submitted').at(-1)
	if (participation.state !== 'submitted' || latest?.id !== round.id || round.outcome !== null)
		throw new AppError('round_not_assessable')
	const loaded = await loadNormSet(participation.year, tx)
	if (!loaded) throw new AppError('round_not_assessable')
	const outcome = outcomeFor(
		loaded,
		participation,
		await roundAnswers(round.id, loaded, tx),
		await verdictsOf(tx, round.id, loaded),
		participation.markYear.maxRevisions,
	)
	if (!outcome.allAssessed || !outcome.outcome) {
		throw new AppError('verdicts_missing', { codes: outcome.missingVerdicts.map((ref) => ref.code).join(', ') })
	}
	if (outcome.outcome !== input.outcome) throw new AppError('verdicts_changed')
	const at = now()
	if (input.decisionDay !== undefined && input.decisionDay !== amsterdamDateOf(at))
		throw new AppError('decision_day_changed')
	const unpaid = await unpaidInvoices(participation.providerId, at, tx)
	if (outcome.outcome === 'qualified' && unpaid.overdue && !input.acknowledgeOverdue)
		throw new AppError('overdue_invoice_not_acknowledged')
	const waits = participation.markYear.fourEyesNegative && outcome.outcome !== 'qualified'
	// The event goes first: until it is applied the round must not read as qualified (a
	// submitted participation with a qualifying round is no valid snapshot).
	if (!waits) {
		const result = await applyParticipationEvent(tx, participation.id, eventForRoundOutcome(outcome.outcome), actor)
		if (!result.ok) throw refusalError(result.refusal)
	}
	await tx.selfEvaluationRound.update({
		where: { id: round.id },
		data: {
			outcome: outcome.outcome,
			outcomeProposedById: actor.userId,
			outcomeProposedAt: at,
			decidedAt: waits ? null : at,
			version: { increment: 1 },
		},
	})
	await recordAudit(tx, {
		actor,
		action: waits ? 'assessment.propose' : 'assessment.decide',
		entityType: 'SelfEvaluationRound',
		entityId: round.id,
		providerId: participation.providerId,
		participationId: participation.id,
		before: { outcome: null },
		after: {
			round: round.number,
			outcome: outcome.outcome,
			insufficient: outcome.insufficient.map((ref) => ref.code),
			...(unpaid.overdue ? { overdueInvoicesAcknowledged: unpaid.invoices.map((invoice) => invoice.number) } : {}),
		},
		at,
	})
	return { applied: !waits }
}

/** Four-eyes: a second, different assessor confirms (or rejects) the proposed negative decision. */
export async function confirmDecision(
	actor: Actor & { userId: string },
	input: { participationId: string; round: number; confirm: boolean; reason?: string },
): Promise<{ applied: boolean }> {
	// A refusal throws inside the transaction, so the round's outcome rolls back with the refused event.
	return db.$transaction(async (tx) => {
		const found = await lockedRound(tx, input.participationId, input.round)
		if (!found) throw new AppError('round_not_assessable')
		const { participation, round } = found
		if (participation.state !== 'submitted' || !round.outcome || round.decidedAt) throw new AppError('no_proposal')
		if (round.outcomeProposedById === actor.userId) throw new AppError('four_eyes')
		const at = now()
		if (!input.confirm) {
			await tx.selfEvaluationRound.update({
				where: { id: round.id },
				data: { outcome: null, outcomeProposedById: null, outcomeProposedAt: null, version: { increment: 1 } },
			})
			await recordAudit(tx, {
				actor,
				action: 'assessment.reject_proposal',
				entityType: 'SelfEvaluationRound',
				entityId: round.id,
				providerId: participation.providerId,
				participationId: participation.id,
				before: { outcome: round.outcome, proposedBy: round.outcomeProposedById },
				after: { outcome: null },
				reason: input.reason ?? null,
				at,
			})
			return { applied: false }
		}
		await tx.selfEvaluationRound.update({
			where: { id: round.id },
			data: { outcomeConfirmedById: actor.userId, outcomeConfirmedAt: at, decidedAt: at, version: { increment: 1 } },
		})
		await recordAudit(tx, {
			actor,
			action: 'assessment.confirm',
			entityType: 'SelfEvaluationRound',
			entityId: round.id,
			providerId: participation.providerId,
			participationId: participation.id,
			before: { outcome: round.outcome, confirmedBy: null },
			after: { outcome: round.outcome, confirmedBy: actor.userId },
			at,
		})
		const result = await applyParticipationEvent(tx, participation.id, eventForRoundOutcome(round.outcome), actor)
		if (!result.ok) throw refusalError(result.refusal)
		return { applied: true }
	})
}
