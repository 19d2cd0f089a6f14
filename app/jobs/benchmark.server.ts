// Spiegelrapportage reminders (DOMAIN.md §9): carriers of a year whose delivery window is open and
// who have not submitted get a reminder on the days set for the year (app/domain/benchmark-indicators.ts).
// One message per participation, offset and address: the outbox's dedupe key makes a second run
// at the same moment send nothing.
import { formatDutchDate } from '#app/domain/amsterdam-time.ts'
import { deliveryReminderToSend } from '#app/domain/benchmark-indicators.ts'
import { db } from '#app/lib/db.server.ts'
import { toDeliverySettings } from '#app/services/benchmark-indicators.server.ts'
import { enqueueEmail } from '#app/services/mail/outbox.server.ts'
import { forEach } from './each.server.ts'
import { participationMailContext } from './mail-base.server.ts'
import type { Job, JobSummary } from './types.ts'

export const benchmarkReminders: Job = {
	name: 'benchmark-reminders',
	title: 'benchmark.jobReminders',
	description: 'benchmark.jobRemindersHelp',
	async run(at) {
		const summary: JobSummary = {}
		const sets = await db.indicatorSet.findMany({ where: { status: 'published' } })
		for (const set of sets) {
			const settings = toDeliverySettings(set)
			const daysBefore = deliveryReminderToSend(settings, at)
			if (daysBefore === null) continue
			const candidates = await db.participation.findMany({
				where: {
					year: set.year,
					listedFrom: { not: null },
					provider: { benchmarkDeliveries: { none: { year: set.year, status: 'submitted' } } },
				},
				select: { id: true },
			})
			await forEach(
				candidates.map((row) => row.id),
				summary,
				(participationId) =>
					db.$transaction(async (tx) => {
						const { participation, base, recipients } = await participationMailContext(
							tx,
							participationId,
							`/spiegelrapportage/${set.year}/aanleveren`,
						)
						let queued = 0
						for (const to of recipients) {
							const id = await enqueueEmail(tx, {
								template: 'benchmark_reminder',
								to,
								providerId: participation.providerId,
								participationId,
								dedupeKey: `benchmark_reminder:${participationId}:${daysBefore}:${to.address.toLowerCase()}`,
								data: { ...base, daysBefore, dueOn: formatDutchDate(settings.deliveryDueOn) },
							})
							if (id) queued += 1
						}
						return queued > 0 ? `reminded${daysBefore}` : 'unchanged'
					}),
			)
		}
		return summary
	},
}
