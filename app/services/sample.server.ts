// The year's sample (003 §3.2): a reproducible draw among the qualified carriers (the domain's
// drawSample with a recorded seed), interviews planned and their outcome recorded. A confirmed
// interview confirms the mark; an incorrect qualification withdraws it (with the letter) — under
// four-eyes (the year's `fourEyesWithdrawal`) once a second staff member approves its proposal.
import type { Prisma } from '#app/generated/prisma/client.ts'
import { amsterdamDateOf, type CalendarDate, isCalendarDate, startOfDay } from '#app/domain/amsterdam-time.ts'
import { AppError, refusalError } from '#app/domain/errors.ts'
import { eventForSampleOutcome } from '#app/domain/participation.ts'
import {
	type SampleCandidate,
	type SampleRecord,
	drawSample,
	sampleLeftOpen,
	verifySample,
} from '#app/domain/sampling.ts'
import type { SampleOutcome } from '#app/domain/types.ts'
import { translate } from '#app/i18n/translate.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { lockParticipation } from '#app/lib/db/lock.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { applyParticipationEvent } from './participation.server.ts'
import { markNextYearReapplicant, storeWithdrawalLetter, withdrawalMoment } from './withdrawal.server.ts'
import { fourEyesForWithdrawal, proposeWithdrawalIn } from './withdrawal-proposal.server.ts'

export interface DrawInput {
	year: number
	percent?: number
	count?: number
	stratifyByType: boolean
	seed?: string
}

async function candidates(client: Tx | typeof db, year: number): Promise<SampleCandidate[]> {
	const rows = await client.participation.findMany({
		where: { year, state: { in: ['qualified', 'sampled', 'confirmed'] } },
		select: { id: true, state: true, provider: { select: { type: true } } },
	})
	return rows.map((row) => ({ participationId: row.id, providerType: row.provider.type, state: row.state }))
}

/** A draw without recording it: the same seed on the same candidates gives the same carriers. */
export async function previewSample(input: DrawInput) {
	const seed = input.seed?.trim() || crypto.randomUUID()
	const draw = drawSample(await candidates(db, input.year), {
		seed,
		percent: input.percent,
		count: input.count,
		stratifyByType: input.stratifyByType,
	})
	return { seed, draw }
}

/** Draws and records the sample; every drawn carrier moves to `sampled` (mail, interview row). */
export async function drawAndRecordSample(actor: Actor & { userId: string }, input: DrawInput) {
	const seed = input.seed?.trim() || crypto.randomUUID()
	return db.$transaction(async (tx) => {
		const draw = drawSample(await candidates(tx, input.year), {
			seed,
			percent: input.percent,
			count: input.count,
			stratifyByType: input.stratifyByType,
		})
		if (draw.ids.length === 0) throw new AppError('sample_empty')
		const at = now()
		const sample = await tx.sample.create({
			data: {
				year: input.year,
				seed,
				percent: input.percent !== undefined ? Math.round(input.percent) : null,
				count: input.count ?? null,
				stratifyByType: input.stratifyByType,
				record: draw.record as unknown as Prisma.InputJsonValue,
				drawnAt: at,
				drawnById: actor.userId,
			},
		})
		await recordAudit(tx, {
			actor,
			action: 'sample.draw',
			entityType: 'Sample',
			entityId: sample.id,
			after: {
				year: input.year,
				seed,
				percent: input.percent ?? null,
				count: input.count ?? null,
				stratifyByType: input.stratifyByType,
				sampledIds: draw.ids,
			},
			at,
		})
		for (const participationId of draw.ids) {
			// The member first: the draw_into_sample effect plans the interview for it.
			await tx.sampleMember.create({ data: { sampleId: sample.id, participationId } })
			const result = await applyParticipationEvent(tx, participationId, { type: 'draw_into_sample' }, actor, {
				// The timeline is a Dutch record, like the rest of the participation's history.
				reason: translate('nl', 'staff.timelineSampleNote', { year: input.year }),
			})
			if (!result.ok) throw refusalError(result.refusal)
		}
		return { sampleId: sample.id, seed, ids: draw.ids }
	})
}

/** A participation's last withdrawal proposal, for sampleLeftOpen. */
const lastProposal = {
	orderBy: [{ proposedAt: 'desc' }, { id: 'desc' }],
	take: 1,
	select: { status: true, interviewId: true },
} satisfies Prisma.Participation$withdrawalProposalsArgs

export async function loadSamples(year: number) {
	const samples = await db.sample.findMany({
		where: { year },
		orderBy: { drawnAt: 'desc' },
		include: {
			drawnBy: { select: { name: true } },
			members: {
				include: {
					participation: {
						select: {
							id: true,
							state: true,
							provider: { select: { name: true, city: true, type: true } },
							withdrawalProposals: lastProposal,
						},
					},
					interview: {
						include: {
							interviewer: { select: { id: true, name: true } },
							recordedBy: { select: { name: true } },
							withdrawalProposal: {
								select: {
									id: true,
									status: true,
									decisionNote: true,
									decidedAt: true,
									decidedBy: { select: { name: true } },
								},
							},
						},
					},
				},
			},
		},
	})
	return samples.map((sample) => ({
		...sample,
		// Anyone can check the draw: the recorded seed and candidates give the same carriers.
		verified: verifySample(sample.record as unknown as SampleRecord),
		// A carrier's sample is done once it has left `sampled`: confirmed (also after a rejected
		// withdrawal proposal) or withdrawn.
		done: sample.members.filter((member) => member.participation.state !== 'sampled').length,
		members: [...sample.members]
			.sort((a, b) => a.participation.provider.name.localeCompare(b.participation.provider.name, 'nl'))
			.map(({ participation: { withdrawalProposals, ...participation }, ...member }) => ({
				...member,
				participation,
				// Left open by a rejection before docs/decisions/011: staff can close it (closeSampleLeftOpen).
				leftOpen: sampleLeftOpen({
					state: participation.state,
					interviewId: member.interview?.id ?? null,
					lastProposal: withdrawalProposals[0] ?? null,
				}),
			})),
	}))
}

/**
 * Closes a carrier's sample that a rejected withdrawal proposal left open before docs/decisions/011
 * (`sampleLeftOpen`), as the rejection closes it since: `sampled` → `confirmed` by the event
 * `sample_withdrawal_rejected`, with the rejection's reason as its note. The second person already
 * decided that the mark stays (four-eyes was the rejection); closing records its consequence, by
 * the staff member who closes it, audited with the proposal it follows from.
 */
export async function closeSampleLeftOpen(actor: Actor & { userId: string }, input: { interviewId: string }) {
	await db.$transaction(async (tx) => {
		const interview = await tx.interview.findUnique({
			where: { id: input.interviewId },
			select: { id: true, sampleMember: { select: { participationId: true } } },
		})
		if (!interview) throw new AppError('interview_not_found')
		const { participationId } = interview.sampleMember
		await lockParticipation(tx, participationId)
		const participation = await tx.participation.findUniqueOrThrow({
			where: { id: participationId },
			select: { state: true, providerId: true, withdrawalProposals: lastProposal },
		})
		const proposal = await tx.withdrawalProposal.findUnique({
			where: { interviewId: interview.id },
			select: { id: true, decisionNote: true },
		})
		const open = sampleLeftOpen({
			state: participation.state,
			interviewId: interview.id,
			lastProposal: participation.withdrawalProposals[0] ?? null,
		})
		if (!open || !proposal) throw new AppError('sample_not_left_open')
		const reason = proposal.decisionNote ?? ''
		await recordAudit(tx, {
			actor,
			action: 'sample.close_left_open',
			entityType: 'Interview',
			entityId: interview.id,
			providerId: participation.providerId,
			participationId,
			before: { state: 'sampled', proposalId: proposal.id },
			after: { state: 'confirmed' },
			reason: reason || null,
		})
		await closeSampleAfterRejectedWithdrawalIn(tx, actor, { participationId, reason })
	})
}

export async function planInterview(
	actor: Actor & { userId: string },
	input: {
		interviewId: string
		scheduledAt: Date
		mode: string
		interviewerId: string | null
		notes: string
		expectedVersion: number
	},
) {
	return db.$transaction(async (tx) => {
		const interview = await tx.interview.findUnique({
			where: { id: input.interviewId },
			include: { sampleMember: { select: { participationId: true, participation: { select: { providerId: true } } } } },
		})
		if (!interview) throw new AppError('interview_not_found')
		if (interview.outcome) throw new AppError('interview_decided')
		if (interview.version !== input.expectedVersion) throw new AppError('interview_conflict')
		const updated = await tx.interview.update({
			where: { id: interview.id },
			data: {
				scheduledAt: input.scheduledAt,
				mode: input.mode,
				interviewerId: input.interviewerId,
				notes: input.notes || null,
				version: { increment: 1 },
			},
		})
		await recordAudit(tx, {
			actor,
			action: 'interview.plan',
			entityType: 'Interview',
			entityId: interview.id,
			providerId: interview.sampleMember.participation.providerId,
			participationId: interview.sampleMember.participationId,
			before: { scheduledAt: interview.scheduledAt, mode: interview.mode, interviewerId: interview.interviewerId },
			after: { scheduledAt: updated.scheduledAt, mode: updated.mode, interviewerId: updated.interviewerId },
		})
	})
}

/**
 * Records the interview's outcome: confirmed, or an incorrect qualification that withdraws the
 * mark — at once, or under four-eyes (the year's `fourEyesWithdrawal`) as a proposal that a second
 * staff member approves (issue 17).
 */
export async function recordInterviewOutcome(
	actor: Actor & { userId: string },
	input: InterviewOutcomeInput,
): Promise<InterviewOutcomeResult> {
	return db.$transaction((tx) => recordInterviewOutcomeIn(tx, actor, input))
}

export interface InterviewOutcomeInput {
	interviewId: string
	outcome: SampleOutcome
	notes: string
	expectedVersion: number
	decidedBy: string
	/**
	 * For an incorrect qualification: the day the withdrawal takes effect (Amsterdam), chosen on the
	 * confirmation page (issue 12 §5: never silently today). Today means at once.
	 */
	effectiveOn?: CalendarDate | null
}

/** Done (`applied`), or a withdrawal proposal that waits for a second staff member. */
export type InterviewOutcomeResult = { applied: true } | { applied: false; proposalId: string }

/** `recordInterviewOutcome` inside a transaction (also run, and rolled back, for the confirmation page). */
export async function recordInterviewOutcomeIn(
	tx: Tx,
	actor: Actor & { userId: string },
	input: InterviewOutcomeInput,
): Promise<InterviewOutcomeResult> {
	const interview = await tx.interview.findUnique({
		where: { id: input.interviewId },
		include: {
			sampleMember: { select: { participationId: true, participation: { select: { providerId: true } } } },
		},
	})
	if (!interview) throw new AppError('interview_not_found')
	if (interview.outcome) throw new AppError('interview_decided')
	if (interview.version !== input.expectedVersion) throw new AppError('interview_conflict')
	const participationId = interview.sampleMember.participationId
	const at = now()
	// 003 §3.2: KiBG "voert gesprekken" with the sample: an outcome follows an interview that was
	// planned and has taken place (issue 16 item 11).
	if (!interview.scheduledAt) throw new AppError('interview_not_planned')
	if (interview.scheduledAt.getTime() > at.getTime())
		throw new AppError('interview_not_held_yet', { scheduledAt: { instant: interview.scheduledAt } })
	const incorrect = input.outcome === 'incorrect_qualification'
	if (incorrect && (!input.effectiveOn || !isCalendarDate(input.effectiveOn)))
		throw new AppError('invalid_effective_date')
	const fourEyes = incorrect && (await fourEyesForWithdrawal(tx, participationId))
	await tx.interview.update({
		where: { id: interview.id },
		data: {
			outcome: input.outcome,
			outcomeAt: at,
			recordedById: actor.userId,
			notes: input.notes || interview.notes,
			version: { increment: 1 },
		},
	})
	await recordAudit(tx, {
		actor,
		action: 'interview.outcome',
		entityType: 'Interview',
		entityId: interview.id,
		providerId: interview.sampleMember.participation.providerId,
		participationId,
		before: { outcome: null },
		after: {
			outcome: input.outcome,
			notes: input.notes,
			effectiveOn: input.effectiveOn ?? null,
			...(incorrect ? { fourEyesWithdrawal: fourEyes } : {}),
		},
		at,
	})
	if (!incorrect) {
		const result = await applyParticipationEvent(tx, participationId, eventForSampleOutcome('confirmed'), actor, {
			reason: input.notes || null,
		})
		if (!result.ok) throw refusalError(result.refusal)
		return { applied: true }
	}
	const withdrawal = {
		participationId,
		effectiveOn: input.effectiveOn as CalendarDate,
		notes: input.notes,
		decidedBy: input.decidedBy,
	}
	if (!fourEyes) {
		await withdrawForIncorrectQualificationIn(tx, actor, withdrawal)
		return { applied: true }
	}
	// Four-eyes (issue 17): the finding is recorded; the withdrawal waits for a second staff member,
	// who approves exactly this (the same letter, signed by the person who recorded the outcome).
	const proposalId = await proposeWithdrawalIn(
		tx,
		actor,
		{
			participationId,
			reason: 'incorrect_qualification',
			effectiveOn: withdrawal.effectiveOn,
			explanation: incorrectQualificationExplanation(input.notes),
			decidedBy: input.decidedBy,
		},
		{ interviewId: interview.id },
	)
	return { applied: false, proposalId }
}

/** The letter's explanation of an incorrect qualification: the interview's notes, or the standard text. */
function incorrectQualificationExplanation(notes: string): string {
	// The letter is a Dutch document.
	return notes || translate('nl', 'staff.incorrectQualificationExplanation')
}

/**
 * The withdrawal that follows an interview's finding of incorrect qualification (003 §3.3): the
 * letter (reason, day, bezwaar), then the participation event (register, dissolved agreement, mail
 * with the letter, audit), and a next year's participation marked as a re-applicant's. Run by the
 * outcome itself without four-eyes, and by the approval of its proposal with four-eyes.
 */
export async function withdrawForIncorrectQualificationIn(
	tx: Tx,
	actor: Actor & { userId: string },
	input: { participationId: string; effectiveOn: CalendarDate; notes: string; decidedBy: string },
): Promise<{ withdrawalId: string; letterFileId: string }> {
	const at = now()
	const effectiveAt = withdrawalMoment(input.effectiveOn, at)
	if (effectiveAt.getTime() < startOfDay(amsterdamDateOf(at)).getTime()) throw new AppError('effective_in_past')
	const letter = await storeWithdrawalLetter(tx, input.participationId, {
		reason: 'incorrect_qualification',
		effectiveAt,
		explanation: incorrectQualificationExplanation(input.notes),
		decidedBy: input.decidedBy,
	})
	const result = await applyParticipationEvent(
		tx,
		input.participationId,
		eventForSampleOutcome('incorrect_qualification', effectiveAt),
		actor,
		{ reason: input.notes || null, letterFileId: letter.id },
	)
	if (!result.ok) throw refusalError(result.refusal)
	await markNextYearReapplicant(tx, input.participationId, actor)
	const withdrawal = await tx.withdrawal.findFirstOrThrow({
		where: { participationId: input.participationId, undoneAt: null },
		orderBy: { decidedAt: 'desc' },
		select: { id: true },
	})
	return { withdrawalId: withdrawal.id, letterFileId: letter.id }
}

/**
 * Four-eyes: the second staff member rejected the withdrawal that an interview's finding proposed
 * (docs/decisions/011). The mark stays, so the carrier's sample is done as after a confirming
 * interview (`sampled` → `confirmed`); the interview keeps its finding, the proposal its rejection,
 * and the history names both (the event, with the rejection's reason as its note). A participation
 * that is no longer `sampled` has nothing to close.
 */
export async function closeSampleAfterRejectedWithdrawalIn(
	tx: Tx,
	actor: Actor & { userId: string },
	input: { participationId: string; reason: string },
): Promise<boolean> {
	const participation = await tx.participation.findUniqueOrThrow({
		where: { id: input.participationId },
		select: { state: true },
	})
	if (participation.state !== 'sampled') return false
	const result = await applyParticipationEvent(
		tx,
		input.participationId,
		{ type: 'sample_withdrawal_rejected' },
		actor,
		{
			reason: input.reason,
		},
	)
	if (!result.ok) throw refusalError(result.refusal)
	return true
}

/** The provider's name of each participation, for the preview of a draw. */
export async function providerNamesOf(participationIds: readonly string[]): Promise<Map<string, string>> {
	const rows = await db.participation.findMany({
		where: { id: { in: [...participationIds] } },
		select: { id: true, provider: { select: { name: true } } },
	})
	return new Map(rows.map((row) => [row.id, row.provider.name]))
}

/** How many carriers of the year can be drawn (qualified, not yet sampled). */
export function eligibleForSample(year: number): Promise<number> {
	return db.participation.count({ where: { year, state: 'qualified' } })
}
