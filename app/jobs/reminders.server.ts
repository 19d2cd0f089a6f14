// Qualification reminders (DOMAIN.md §8: 30, 14, 7 and 1 days before the deadline, only to carriers
// that have not submitted) and turnover reminders. One message per participation and offset: the
// outbox's dedupe key makes a second run at the same moment send nothing.
import { formatCalendarDay, formatDate } from '#app/i18n/format.ts'
import { withdrawalAt } from '#app/domain/calendar.ts'
import { QUALIFIED_STATES } from '#app/domain/participation-states.ts'
import { qualificationReminderToSend, turnoverReminderDue } from '#app/domain/reminders.ts'
import { db } from '#app/lib/db.server.ts'
import { enqueueEmail } from '#app/services/mail/outbox.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'
import { forEach } from './each.server.ts'
import { participationMailContext } from './mail-base.server.ts'
import type { Job } from './types.ts'

export const qualificationReminders: Job = {
	name: 'qualification-reminders',
	title: 'mail.jobQualificationReminders',
	description: 'mail.jobQualificationRemindersHelp',
	async run(at) {
		// Signed but not submitted (awaitsFirstSubmission): listed carriers, and signed re-applicants.
		const candidates = await db.participation.findMany({
			where: { state: { in: ['listed', 'agreement_signed'] }, year: runningYearAt(at) },
			select: { id: true },
		})
		return forEach(
			candidates.map((row) => row.id),
			{},
			(participationId) =>
				db.$transaction(async (tx) => {
					const { participation, settings, base, recipients } = await participationMailContext(tx, participationId)
					const daysBefore = qualificationReminderToSend(settings, at)
					if (daysBefore === null) return null
					let queued = 0
					for (const to of recipients) {
						const id = await enqueueEmail(tx, {
							template: 'qualification_reminder',
							to,
							providerId: participation.providerId,
							participationId,
							dedupeKey: `qualification_reminder:${participationId}:${daysBefore}:${to.address.toLowerCase()}`,
							data: {
								...base,
								portalUrl: `${base.portalUrl}/zelfevaluatie/${participation.year}`,
								daysBefore,
								deadline: formatCalendarDay(settings.qualificationDeadline, 'nl'),
								withdrawalOn: formatDate(withdrawalAt(settings), 'nl'),
								listed: participation.state === 'listed',
							},
						})
						if (id) queued += 1
					}
					return queued > 0 ? `reminded${daysBefore}` : 'unchanged'
				}),
		)
	},
}

/** Carriers of last year that have not reported their turnover (app/domain/reminders.ts). */
export const turnoverReminders: Job = {
	name: 'turnover-reminders',
	title: 'mail.jobTurnoverReminders',
	description: 'mail.jobTurnoverRemindersHelp',
	async run(at) {
		const candidates = await db.participation.findMany({
			where: { state: { in: [...QUALIFIED_STATES] }, year: runningYearAt(at) - 1, turnoverReports: { none: {} } },
			select: { id: true },
		})
		return forEach(
			candidates.map((row) => row.id),
			{},
			(participationId) =>
				db.$transaction(async (tx) => {
					const { participation, settings, base, recipients } = await participationMailContext(
						tx,
						participationId,
						'/omzet',
					)
					const reminder = turnoverReminderDue(settings, at)
					if (!reminder) return null
					let queued = 0
					for (const to of recipients) {
						const id = await enqueueEmail(tx, {
							template: 'turnover_reminder',
							to,
							providerId: participation.providerId,
							participationId,
							dedupeKey: `turnover_reminder:${participationId}:${reminder.kind}:${to.address.toLowerCase()}`,
							data: {
								...base,
								kind: reminder.kind,
								turnoverLabel: settings.turnoverLabel,
								dueOn: formatCalendarDay(settings.turnoverReportDueOn, 'nl'),
							},
						})
						if (id) queued += 1
					}
					return queued > 0 ? `reminded_${reminder.kind}` : 'unchanged'
				}),
		)
	},
}
