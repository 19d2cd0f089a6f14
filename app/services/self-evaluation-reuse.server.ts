// Taking over last year's answers and documents (issue 13). A new first round starts empty; when
// the provider submitted a self-evaluation in an earlier year, the portal offers last year's
// answers per criterion, compared by content (the domain's prefillAnswers on diffNormSets):
// unchanged criteria are proposed, changed ones shown with a warning and not proposed, and the
// provider accepts or declines each. Only accepted criteria are copied, only into empty answers
// (nothing typed this year is overwritten), never numbers or declarations (they are about a period
// or a moment), and the copy is marked so the norm page can say where it came from.
import { AppError } from '#app/domain/errors.ts'
import { allCriteria, applies, isNormApplicable } from '#app/domain/norm-set.ts'
import { type PrefillStatus, prefillAnswers } from '#app/domain/norm-set-diff.ts'
import { hasContent } from '#app/domain/self-evaluation.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { lockParticipation } from '#app/lib/db/lock.server.ts'
import { roundAnswers } from './assessment.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { loadNormSet } from './norm-sets.server.ts'
import { draftRoundOf, findParticipation, previousYearAnswers, profileOf } from './self-evaluation.server.ts'

export interface ReuseItem {
	key: string
	label: string
	text: string | null
	url: string | null
	checkedElements: string[]
	documents: string[]
}

export interface ReuseCriterion {
	key: string
	code: string
	normCode: string
	normTitle: string
	/** 'carried': the criterion is unchanged (by content); 'changed': look again before taking over. */
	status: Exclude<PrefillStatus, 'new'>
	items: ReuseItem[]
	/** This year's round already has an answer here: taking over leaves it as it is. */
	alreadyAnswered: boolean
}

export interface ReuseOffer {
	fromYear: number
	criteria: ReuseCriterion[]
}

/** Whether a take-over is possible now: round 1, still a draft, not taken over before. */
async function offerContext(providerId: string, year: number, client: Tx | typeof db = db) {
	const participation = await findParticipation(providerId, year, client)
	const draft = participation ? draftRoundOf(participation) : null
	if (!participation || !draft || draft.number !== 1 || draft.prefilledFromYear !== null) return null
	const loaded = await loadNormSet(year, client)
	if (!loaded) return null
	const previous = await previousYearAnswers(client, providerId, year)
	if (!previous) return null
	return { participation, draft, loaded, previous }
}

/** Last year's answers per criterion of this year's norms, or null when there is nothing to offer. */
export async function reuseOffer(providerId: string, year: number): Promise<ReuseOffer | null> {
	const context = await offerContext(providerId, year)
	if (!context) return null
	const { participation, draft, loaded, previous } = context
	const prefill = prefillAnswers(previous.normSet, previous.answers, loaded.normSet)
	const current = await roundAnswers(draft.id, loaded)
	const profile = profileOf(participation)
	const criteria: ReuseCriterion[] = []
	for (const { norm, criterion } of allCriteria(loaded.normSet)) {
		if (!isNormApplicable(norm, profile) || !applies(criterion.appliesTo, profile)) continue
		const status = prefill.criteria[criterion.key]
		if (!status || status === 'new') continue
		const items = criterion.evidence.flatMap((item): ReuseItem[] => {
			const answer = prefill.answers[item.key]
			if (!answer) return []
			return [
				{
					key: item.key,
					label: item.label,
					text: answer.text ?? null,
					url: answer.url ?? null,
					checkedElements: answer.checkedElements ?? [],
					documents: answer.documents.map((document) => document.name),
				},
			]
		})
		if (items.length === 0) continue
		criteria.push({
			key: criterion.key,
			code: criterion.code,
			normCode: norm.code,
			normTitle: norm.title,
			status,
			items,
			alreadyAnswered: criterion.evidence.some((item) => hasContent(current[item.key])),
		})
	}
	return criteria.length ? { fromYear: previous.year, criteria } : null
}

/**
 * Copies last year's answers of the accepted criteria into round 1. Refused when the round is no
 * longer a fresh first draft or was taken over before (the offer is a one-time choice).
 */
export async function takeOverLastYear(
	actor: Actor & { userId: string },
	input: { providerId: string; year: number; accepted: string[] },
): Promise<{ fromYear: number; criteria: number; answers: number }> {
	return db.$transaction(async (tx) => {
		const found = await findParticipation(input.providerId, input.year, tx)
		if (!found) throw new AppError('not_found')
		await lockParticipation(tx, found.id)
		const context = await offerContext(input.providerId, input.year, tx)
		if (!context) throw new AppError('self_evaluation_reuse_unavailable')
		const { participation, draft, loaded, previous } = context
		const prefill = prefillAnswers(previous.normSet, previous.answers, loaded.normSet)
		const profile = profileOf(participation)
		const accepted = new Set(input.accepted)
		let criteria = 0
		let answers = 0
		for (const { norm, criterion } of allCriteria(loaded.normSet)) {
			if (!accepted.has(criterion.key)) continue
			if (!isNormApplicable(norm, profile) || !applies(criterion.appliesTo, profile)) continue
			const status = prefill.criteria[criterion.key]
			if (!status || status === 'new') continue
			let copied = false
			for (const item of criterion.evidence) {
				const answer = prefill.answers[item.key]
				const evidenceItemId = loaded.evidenceIds.get(item.key)
				if (!answer || !evidenceItemId) continue
				const existing = await tx.answer.findUnique({
					where: { roundId_evidenceItemId: { roundId: draft.id, evidenceItemId } },
					include: { documents: true },
				})
				// This year's own work stays: only an empty answer is filled.
				if (
					existing &&
					(existing.text?.trim() ||
						existing.url?.trim() ||
						existing.number !== null ||
						existing.declared ||
						existing.checkedElements.length ||
						existing.documents.length)
				)
					continue
				const data = {
					text: answer.text ?? null,
					url: answer.url ?? null,
					checkedElements: answer.checkedElements ?? [],
					prefill: status === 'changed' ? ('criterion_changed' as const) : ('copied' as const),
					updatedById: actor.userId,
					updatedAt: now(),
				}
				const row = existing
					? await tx.answer.update({ where: { id: existing.id }, data: { ...data, version: { increment: 1 } } })
					: await tx.answer.create({ data: { roundId: draft.id, evidenceItemId, ...data } })
				for (const document of answer.documents) {
					await tx.answerDocument.create({ data: { answerId: row.id, fileId: document.id, addedAt: now() } })
				}
				answers += 1
				copied = true
			}
			if (copied) criteria += 1
		}
		// Recorded only when something came over: declining everything leaves the offer standing.
		if (criteria > 0)
			await tx.selfEvaluationRound.update({ where: { id: draft.id }, data: { prefilledFromYear: previous.year } })
		await recordAudit(tx, {
			actor,
			action: 'self_evaluation.take_over_last_year',
			entityType: 'self_evaluation_round',
			entityId: draft.id,
			providerId: input.providerId,
			participationId: participation.id,
			after: { fromYear: previous.year, accepted: [...accepted].sort(), criteria, answers },
		})
		return { fromYear: previous.year, criteria, answers }
	})
}
