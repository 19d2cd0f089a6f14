// May (003 §3.1): current carriers are offered next year's agreement; and reminders for agreements
// that have not been signed (DOMAIN.md §8).
import { formatCalendarDay, formatDate } from '#app/i18n/format.ts'
import { startOfDay } from '#app/domain/amsterdam-time.ts'
import { qualificationDeadlineAt, withdrawalAt } from '#app/domain/calendar.ts'
import { QUALIFIED_STATES } from '#app/domain/participation-states.ts'
import { agreementReminderDue } from '#app/domain/reminders.ts'
import { db } from '#app/lib/db.server.ts'
import { systemActor } from '#app/services/audit.server.ts'
import { enqueueEmail } from '#app/services/mail/outbox.server.ts'
import { createParticipation } from '#app/services/participation.server.ts'
import { runningYearAt, toYearSettings } from '#app/services/years.server.ts'
import { forEach } from './each.server.ts'
import { participationMailContext } from './mail-base.server.ts'
import type { Job, JobSummary } from './types.ts'
import { refusalError } from '#app/domain/errors.ts'

/**
 * From `agreementsOfferedOn` of year N until its qualification deadline, every carrier in good
 * standing — its participation of N-1 qualified (also when sampled or confirmed) and not withdrawn —
 * without a participation in N gets one as a renewal, which offers the agreement and mails it.
 * Daily, so a carrier that qualifies or is reinstated after May is offered the next day.
 */
export const offerAgreements: Job = {
	name: 'offer-agreements',
	title: 'mail.jobOfferAgreements',
	description: 'mail.jobOfferAgreementsHelp',
	async run(at) {
		const years = await db.markYear.findMany({ where: { year: { gte: runningYearAt(at) } }, orderBy: { year: 'asc' } })
		const summary: JobSummary = {}
		for (const row of years) {
			const settings = toYearSettings(row)
			if (at < startOfDay(settings.agreementsOfferedOn) || at > qualificationDeadlineAt(settings)) continue
			const carriers = await db.participation.findMany({
				where: {
					year: settings.year - 1,
					state: { in: [...QUALIFIED_STATES] },
					provider: { participations: { none: { year: settings.year } } },
				},
				select: { providerId: true },
			})
			await forEach(
				carriers.map((carrier) => carrier.providerId),
				summary,
				async (providerId) => {
					const result = await db.$transaction(async (tx) => {
						// Re-checked inside the transaction: the provider may have applied meanwhile.
						const existing = await tx.participation.findUnique({
							where: { providerId_year: { providerId, year: settings.year } },
						})
						if (existing) return null
						return createParticipation(tx, {
							providerId,
							year: settings.year,
							start: { origin: 'renewal' },
							actor: systemActor,
						})
					})
					if (!result) return 'unchanged'
					if (!result.ok) throw refusalError(result.refusal)
					return 'offered'
				},
			)
		}
		return summary
	},
}

/** Reminders for an offered agreement that is still unsigned (app/domain/reminders.ts). */
export const agreementReminders: Job = {
	name: 'agreement-reminders',
	title: 'mail.jobAgreementReminders',
	description: 'mail.jobAgreementRemindersHelp',
	async run(at) {
		const open = await db.agreement.findMany({
			where: { status: 'offered', participation: { state: 'agreement_offered', year: { gte: runningYearAt(at) } } },
			select: { id: true },
		})
		return forEach(
			open.map((agreement) => agreement.id),
			{},
			(agreementId) =>
				db.$transaction(async (tx) => {
					const agreement = await tx.agreement.findUniqueOrThrow({
						where: { id: agreementId },
						include: { participation: { include: { markYear: true } } },
					})
					const settings = toYearSettings(agreement.participation.markYear)
					const reminder = agreementReminderDue(
						agreement.offeredAt,
						settings,
						agreement.participation.isReapplicant,
						at,
					)
					if (!reminder) return null
					const { participation, base, recipients } = await participationMailContext(
						tx,
						agreement.participationId,
						`/overeenkomst/${settings.year}`,
					)
					let queued = 0
					for (const to of recipients) {
						const id = await enqueueEmail(tx, {
							template: 'agreement_reminder',
							to,
							providerId: participation.providerId,
							participationId: participation.id,
							dedupeKey: `agreement_reminder:${agreement.id}:${reminder.kind}:${to.address.toLowerCase()}`,
							data: {
								...base,
								kind: reminder.kind,
								offeredOn: formatDate(agreement.offeredAt, 'nl'),
								signBy: formatDate(reminder.signBy, 'nl'),
								forListing: reminder.signBy.getTime() < qualificationDeadlineAt(settings).getTime(),
								listingOn: formatCalendarDay(settings.listingOn, 'nl'),
								deadline: formatCalendarDay(settings.qualificationDeadline, 'nl'),
								lapsesOn: formatDate(withdrawalAt(settings), 'nl'),
							},
						})
						if (id) queued += 1
					}
					if (queued === 0) return 'unchanged'
					await tx.agreement.update({ where: { id: agreement.id }, data: { remindedAt: at } })
					return 'reminded'
				}),
		)
	},
}
