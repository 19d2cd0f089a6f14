// The year's sample (003 §3.2): a reproducible draw among the qualified carriers (the domain's
// drawSample with a recorded seed), interviews planned and their outcome recorded. A confirmed
// interview confirms the mark; an incorrect qualification withdraws it (with the letter).
import type { Prisma } from '#app/generated/prisma/client.ts'
import { eventForSampleOutcome } from '#app/domain/participation.ts'
import {
	type SampleCandidate,
	type SampleRecord,
	drawSample,
	SamplingError,
	verifySample,
} from '#app/domain/sampling.ts'
import type { SampleOutcome } from '#app/domain/types.ts'
import { AppError } from '#app/domain/errors.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { applyParticipationEvent } from './participation.server.ts'
import { markNextYearReapplicant, storeWithdrawalLetter } from './withdrawal.server.ts'

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
	try {
		const draw = drawSample(await candidates(db, input.year), {
			seed,
			percent: input.percent,
			count: input.count,
			stratifyByType: input.stratifyByType,
		})
		return { ok: true as const, seed, draw }
	} catch (error) {
		if (error instanceof SamplingError) return { ok: false as const, message: samplingMessage(error) }
		throw error
	}
}

function samplingMessage(error: SamplingError): string {
	return error.code === 'invalid_options'
		? 'Geef een percentage (hoogstens twee decimalen, tot 100) of een aantal van minstens 1.'
		: error.message
}

class Refused extends Error {}

/** Draws and records the sample; every drawn carrier moves to `sampled` (mail, interview row). */
export async function drawAndRecordSample(actor: Actor & { userId: string }, input: DrawInput) {
	const seed = input.seed?.trim() || crypto.randomUUID()
	try {
		return await db.$transaction(async (tx) => {
			const draw = drawSample(await candidates(tx, input.year), {
				seed,
				percent: input.percent,
				count: input.count,
				stratifyByType: input.stratifyByType,
			})
			if (draw.ids.length === 0) throw new Refused('Er zijn geen gekwalificeerde keurmerkdragers om te trekken.')
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
					reason: `Steekproef ${input.year}`,
				})
				if (!result.ok) throw new Refused(result.refusal.message)
			}
			return { ok: true as const, sampleId: sample.id, seed, ids: draw.ids }
		})
	} catch (error) {
		if (error instanceof Refused) return { ok: false as const, message: error.message }
		if (error instanceof SamplingError) return { ok: false as const, message: samplingMessage(error) }
		throw error
	}
}

export async function loadSamples(year: number) {
	const samples = await db.sample.findMany({
		where: { year },
		orderBy: { drawnAt: 'desc' },
		include: {
			drawnBy: { select: { name: true } },
			members: {
				include: {
					participation: {
						select: { id: true, state: true, provider: { select: { name: true, city: true, type: true } } },
					},
					interview: {
						include: { interviewer: { select: { id: true, name: true } }, recordedBy: { select: { name: true } } },
					},
				},
			},
		},
	})
	return samples.map((sample) => ({
		...sample,
		// Anyone can check the draw: the recorded seed and candidates give the same carriers.
		verified: verifySample(sample.record as unknown as SampleRecord),
		members: [...sample.members].sort((a, b) =>
			a.participation.provider.name.localeCompare(b.participation.provider.name, 'nl'),
		),
	}))
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
		if (!interview) return { ok: false as const, message: 'Gesprek niet gevonden.' }
		if (interview.outcome) return { ok: false as const, message: 'De uitkomst van dit gesprek is al vastgelegd.' }
		if (interview.version !== input.expectedVersion)
			return {
				ok: false as const,
				message: 'Iemand anders heeft dit gesprek intussen gewijzigd. Laad de pagina opnieuw.',
			}
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
		return { ok: true as const }
	})
}

/** Records the interview's outcome: confirmed, or an incorrect qualification that withdraws the mark. */
export async function recordInterviewOutcome(
	actor: Actor & { userId: string },
	input: { interviewId: string; outcome: SampleOutcome; notes: string; expectedVersion: number; decidedBy: string },
) {
	try {
		return await db.$transaction(async (tx) => {
			const interview = await tx.interview.findUnique({
				where: { id: input.interviewId },
				include: {
					sampleMember: { select: { participationId: true, participation: { select: { providerId: true } } } },
				},
			})
			if (!interview) throw new Refused('Gesprek niet gevonden.')
			if (interview.outcome) throw new Refused('De uitkomst van dit gesprek is al vastgelegd.')
			if (interview.version !== input.expectedVersion)
				throw new Refused('Iemand anders heeft dit gesprek intussen gewijzigd. Laad de pagina opnieuw.')
			const participationId = interview.sampleMember.participationId
			const at = now()
			// 003 §3.2: KiBG "voert gesprekken" with the sample: an outcome follows an interview that was
			// planned and has taken place (issue 16 item 11).
			if (!interview.scheduledAt) throw new AppError('interview_not_planned')
			if (interview.scheduledAt.getTime() > at.getTime())
				throw new AppError('interview_not_held_yet', { scheduledAt: { instant: interview.scheduledAt } })
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
				after: { outcome: input.outcome, notes: input.notes },
				at,
			})
			let letterFileId: string | undefined
			if (input.outcome === 'incorrect_qualification') {
				const explanation =
					input.notes ||
					'In het steekproefgesprek is gebleken dat de zelfevaluatie niet overeenkomt met de praktijk; de kwalificatie was onterecht.'
				letterFileId = (
					await storeWithdrawalLetter(tx, participationId, {
						reason: 'incorrect_qualification',
						effectiveAt: at,
						explanation,
						decidedBy: input.decidedBy,
					})
				).id
			}
			const result = await applyParticipationEvent(tx, participationId, eventForSampleOutcome(input.outcome), actor, {
				reason: input.notes || null,
				...(letterFileId ? { letterFileId } : {}),
			})
			if (!result.ok) throw new Refused(result.refusal.message)
			if (input.outcome === 'incorrect_qualification') await markNextYearReapplicant(tx, participationId, actor)
			return { ok: true as const }
		})
	} catch (error) {
		if (error instanceof Refused) return { ok: false as const, message: error.message }
		throw error
	}
}
