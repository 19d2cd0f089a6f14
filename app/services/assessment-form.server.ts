// The assessment form of one round (issue 12): every verdict, the general message to the provider
// and the internal notes are saved in one request, and the form autosaves a draft in between.
// Both raise the round's `assessmentVersion`; a save or an autosave that carries an older version
// is refused as a conflict and writes nothing (as the provider's autosave does, DOMAIN.md §5), so
// two assessors in the same round never overwrite each other silently. The decision itself stays
// a separate step (`decideRound` in assessment.server.ts): it reads the saved verdicts only.
import { Prisma } from '#app/generated/prisma/client.ts'
import { assessmentGroups } from '#app/domain/assessment-groups.ts'
import { AppError } from '#app/domain/errors.ts'
import type { CriterionVerdict } from '#app/domain/types.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { lockParticipation } from '#app/lib/db/lock.server.ts'
import { roundAnswers } from './assessment.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { loadNormSet } from './norm-sets.server.ts'

/** What the form holds: per criterion key a verdict (or none yet) and feedback; message; notes. */
export interface AssessmentInput {
	verdicts: Record<string, { verdict: CriterionVerdict | null; feedback: string }>
	message: string
	notes: string
}

/** The stored draft: the same shape, written as JSON on the round. */
export function draftOf(value: unknown): AssessmentInput | null {
	if (!value || typeof value !== 'object') return null
	const raw = value as Partial<AssessmentInput>
	const verdicts: AssessmentInput['verdicts'] = {}
	for (const [key, entry] of Object.entries(raw.verdicts ?? {})) {
		const verdict = entry?.verdict === 'sufficient' || entry?.verdict === 'insufficient' ? entry.verdict : null
		verdicts[key] = { verdict, feedback: typeof entry?.feedback === 'string' ? entry.feedback : '' }
	}
	return {
		verdicts,
		message: typeof raw.message === 'string' ? raw.message : '',
		notes: typeof raw.notes === 'string' ? raw.notes : '',
	}
}

export type DraftResult =
	| { ok: true; version: number; savedAt: Date }
	| { ok: false; reason: 'conflict'; version: number; by: string | null; at: Date | null }

/**
 * The open round of the participation, locked, with the keys it may hold verdicts for. Refuses a
 * round that is not (or no longer) waiting for assessment.
 */
async function openRound(tx: Tx, participationId: string, number: number) {
	await lockParticipation(tx, participationId)
	const participation = await tx.participation.findUnique({
		where: { id: participationId },
		include: {
			provider: { select: { type: true } },
			rounds: {
				orderBy: { number: 'asc' },
				include: { assessmentDraftBy: { select: { name: true } } },
			},
		},
	})
	const round = participation?.rounds.find((candidate) => candidate.number === number)
	if (!participation || !round) throw new AppError('round_not_assessable')
	const latest = participation.rounds.filter((candidate) => candidate.status === 'submitted').at(-1)
	if (participation.state !== 'submitted' || latest?.id !== round.id || round.outcome !== null)
		throw new AppError('round_not_assessable')
	const loaded = await loadNormSet(participation.year, tx)
	if (!loaded) throw new AppError('round_not_assessable')
	const answers = await roundAnswers(round.id, loaded, tx)
	const groups = assessmentGroups(
		loaded.normSet,
		{ type: participation.provider.type, offersChronicEchelon: participation.offersChronicEchelon },
		answers,
	)
	const keys = new Set(groups.flatMap((group) => group.criteria.map((criterion) => criterion.key)))
	return { participation, round, loaded, keys, groups }
}

/** Refuses verdicts for criteria this round does not assess, and insufficient ones without feedback. */
function checkInput(input: AssessmentInput, keys: Set<string>, codeOf: (key: string) => string) {
	const missingFeedback: string[] = []
	for (const [key, entry] of Object.entries(input.verdicts)) {
		if (!keys.has(key)) throw new AppError('criterion_not_in_norm_set')
		if (entry.verdict === 'insufficient' && !entry.feedback.trim()) missingFeedback.push(codeOf(key))
	}
	if (missingFeedback.length) throw new AppError('feedback_required_for', { codes: missingFeedback.join(', ') })
}

/** The autosave: stores the whole form as a draft when the version is current; else a conflict. */
export async function saveAssessmentDraft(
	actor: Actor & { userId: string },
	input: { participationId: string; round: number; expectedVersion: number; form: AssessmentInput },
): Promise<DraftResult> {
	return db.$transaction(async (tx) => {
		const { round, keys } = await openRound(tx, input.participationId, input.round)
		// A draft may hold unfinished work (insufficient without feedback yet): only the keys are checked.
		for (const key of Object.keys(input.form.verdicts))
			if (!keys.has(key)) throw new AppError('criterion_not_in_norm_set')
		if (round.assessmentVersion !== input.expectedVersion)
			return {
				ok: false as const,
				reason: 'conflict' as const,
				version: round.assessmentVersion,
				by: round.assessmentDraftBy?.name ?? null,
				at: round.assessmentDraftAt,
			}
		const at = now()
		const updated = await tx.selfEvaluationRound.update({
			where: { id: round.id },
			data: {
				assessmentDraft: input.form as unknown as Prisma.InputJsonValue,
				assessmentDraftAt: at,
				assessmentDraftById: actor.userId,
				assessmentVersion: { increment: 1 },
			},
			select: { assessmentVersion: true },
		})
		return { ok: true as const, version: updated.assessmentVersion, savedAt: at }
	})
}

export interface SaveResult {
	version: number
	/** Criterion keys whose verdict or feedback changed. */
	changed: string[]
}

/**
 * The one save: every verdict that differs from the stored one, the message and the notes, in one
 * transaction with one audit event; the draft is cleared. A criterion left without a verdict keeps
 * the one it had (a radio group cannot be emptied).
 */
export async function saveAssessment(
	actor: Actor & { userId: string },
	input: { participationId: string; round: number; expectedVersion: number; form: AssessmentInput },
): Promise<SaveResult> {
	return db.$transaction(async (tx) => {
		const { participation, round, loaded, keys, groups } = await openRound(tx, input.participationId, input.round)
		if (round.assessmentVersion !== input.expectedVersion) throw new AppError('assessment_conflict')
		const codes = new Map(groups.flatMap((group) => group.criteria.map((criterion) => [criterion.key, criterion.code])))
		checkInput(input.form, keys, (key) => codes.get(key) ?? key)
		const existing = new Map(
			(await tx.criterionAssessment.findMany({ where: { roundId: round.id } })).map((row) => [row.criterionId, row]),
		)
		const at = now()
		const changes: { criterion: string; before: unknown; after: unknown }[] = []
		for (const [key, entry] of Object.entries(input.form.verdicts)) {
			if (!entry.verdict) continue
			const criterionId = loaded.criterionIds.get(key)
			if (!criterionId) throw new AppError('criterion_not_in_norm_set')
			const feedback = entry.feedback.trim()
			const stored = existing.get(criterionId)
			if (stored && stored.verdict === entry.verdict && stored.feedback === feedback) continue
			if (stored)
				await tx.criterionAssessment.update({
					where: { id: stored.id },
					data: {
						verdict: entry.verdict,
						feedback,
						assessorId: actor.userId,
						assessedAt: at,
						version: { increment: 1 },
					},
				})
			else
				await tx.criterionAssessment.create({
					data: {
						roundId: round.id,
						criterionId,
						verdict: entry.verdict,
						feedback,
						assessorId: actor.userId,
						assessedAt: at,
					},
				})
			changes.push({
				criterion: key,
				before: stored ? { verdict: stored.verdict, feedback: stored.feedback } : null,
				after: { verdict: entry.verdict, feedback },
			})
		}
		const message = input.form.message.trim() || null
		const notes = input.form.notes.trim() || null
		const updated = await tx.selfEvaluationRound.update({
			where: { id: round.id },
			data: {
				assessmentMessage: message,
				assessmentNotes: notes,
				assessmentDraft: Prisma.DbNull,
				assessmentDraftAt: null,
				assessmentDraftById: null,
				assessmentVersion: { increment: 1 },
			},
			select: { assessmentVersion: true },
		})
		await recordAudit(tx, {
			actor,
			action: 'assessment.save',
			entityType: 'SelfEvaluationRound',
			entityId: round.id,
			providerId: participation.providerId,
			participationId: participation.id,
			before: {
				verdicts: Object.fromEntries(changes.map((change) => [change.criterion, change.before])),
				message: round.assessmentMessage,
				notes: round.assessmentNotes,
			},
			after: {
				round: round.number,
				verdicts: Object.fromEntries(changes.map((change) => [change.criterion, change.after])),
				message,
				notes,
			},
			at,
		})
		return { version: updated.assessmentVersion, changed: changes.map((change) => change.criterion) }
	})
}
