// The clock-driven transitions of a participation (DOMAIN.md §3, docs/domain.md "Sweeps"): the
// domain's sweep events applied to every candidate. Where a sweep does not apply (yet) the state
// machine answers `changed: false` and nothing is written, which makes these runs idempotent.
import { amsterdamDateOf, formatDutchDate } from '#app/domain/amsterdam-time.ts'
import type { ParticipationEvent } from '#app/domain/participation.ts'
import { NOT_SUBMITTED_STATES, QUALIFIED_STATES } from '#app/domain/participation-states.ts'
import { db } from '#app/lib/db.server.ts'
import { systemActor } from '#app/services/audit.server.ts'
import { enqueueEmail } from '#app/services/mail/outbox.server.ts'
import { applyParticipationEvent } from '#app/services/participation.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'
import { forEach } from './each.server.ts'
import { participationMailContext } from './mail-base.server.ts'
import type { Job, JobSummary } from './types.ts'

async function sweep(ids: string[], event: ParticipationEvent): Promise<JobSummary> {
	return forEach(ids, {}, async (id) => {
		const result = await db.$transaction((tx) => applyParticipationEvent(tx, id, event, systemActor))
		// A sweep never refuses a consistent participation; a refusal points at bad data.
		if (!result.ok) throw new Error(result.refusal.message)
		return result.changed ? 'changed' : 'unchanged'
	})
}

/** 1 January (003 §3.2): every provider that returned a signed agreement is listed. */
export const listCarriers: Job = {
	name: 'list-carriers',
	title: 'mail.jobListCarriers',
	description: 'mail.jobListCarriersHelp',
	async run(at) {
		const candidates = await db.participation.findMany({
			where: { state: 'agreement_signed', isReapplicant: false, year: { lte: runningYearAt(at) } },
			select: { id: true },
		})
		return sweep(
			candidates.map((row) => row.id),
			{ type: 'list' },
		)
	},
}

/**
 * The 1 April run (003 §3.3): a participation without a submitted self-evaluation is withdrawn per
 * 1 April (`not_qualified_in_time`; an unsigned application lapses). Re-applicants that qualified
 * in time are in the register from that moment (their window was stored when they qualified):
 * they are told so, once.
 */
export const qualificationDeadline: Job = {
	name: 'qualification-deadline',
	title: 'mail.jobQualificationDeadline',
	description: 'mail.jobQualificationDeadlineHelp',
	async run(at) {
		const candidates = await db.participation.findMany({
			where: { state: { in: [...NOT_SUBMITTED_STATES] }, year: { lte: runningYearAt(at) } },
			select: { id: true },
		})
		const summary = await sweep(
			candidates.map((row) => row.id),
			{ type: 'deadline_passed' },
		)
		const reapplicants = await db.participation.findMany({
			where: {
				isReapplicant: true,
				state: { in: [...QUALIFIED_STATES] },
				year: runningYearAt(at),
				listedFrom: { lte: at },
				OR: [{ listedUntil: null }, { listedUntil: { gt: at } }],
			},
			select: { id: true, qualifiedAt: true, listedFrom: true },
		})
		// Only those that waited for 1 April: one that qualified later was listed at once and told so.
		const waited = reapplicants.filter((row) => row.qualifiedAt && row.listedFrom && row.qualifiedAt < row.listedFrom)
		// Counts report what this run changed (issue 16): a re-applicant told in an earlier run is
		// not counted again.
		let listedMails = 0
		let newlyListed = 0
		for (const row of waited) {
			const queued = await db.$transaction(async (tx) => {
				const { participation, base, recipients } = await participationMailContext(tx, row.id)
				const certificate = await tx.certificate.findUnique({
					where: { participationId: row.id },
					select: { number: true },
				})
				let queued = 0
				for (const to of recipients) {
					const id = await enqueueEmail(tx, {
						template: 'reapplicant_listed',
						to,
						providerId: participation.providerId,
						participationId: participation.id,
						dedupeKey: `reapplicant_listed:${participation.id}:${to.address.toLowerCase()}`,
						data: {
							...base,
							listedOn: formatDutchDate(amsterdamDateOf(row.listedFrom as Date)),
							certificateNumber: certificate?.number ?? null,
						},
					})
					if (id) queued += 1
				}
				return queued
			})
			listedMails += queued
			if (queued > 0) newlyListed += 1
		}
		return { ...summary, reapplicantsListed: newlyListed, mails: listedMails }
	},
}

/** Daily (DOMAIN.md §3 decision): a requested revision not submitted by its due date is withdrawn. */
export const revisionOverdue: Job = {
	name: 'revision-overdue',
	title: 'mail.jobRevisionOverdue',
	description: 'mail.jobRevisionOverdueHelp',
	async run(at) {
		const candidates = await db.participation.findMany({
			where: { state: 'revision_requested', revisionDueAt: { lt: at } },
			select: { id: true },
		})
		return sweep(
			candidates.map((row) => row.id),
			{ type: 'revision_overdue' },
		)
	},
}
