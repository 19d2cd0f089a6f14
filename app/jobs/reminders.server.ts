// Qualification reminders (DOMAIN.md §8: 30, 14, 7 and 1 days before the deadline, only to carriers
// that have not submitted) and turnover reminders. One message per participation and offset: the
// outbox's dedupe key makes a second run at the same moment send nothing.
import { amsterdamDateOf, formatDutchDate } from '#app/domain/amsterdam-time.ts'
import { withdrawalAt } from '#app/domain/calendar.ts'
import { followUpReminderDue } from '#app/domain/follow-ups.ts'
import { QUALIFIED_STATES } from '#app/domain/participation-states.ts'
import {
	firstSubmissionReminderToSend,
	qualificationReminderToSend,
	turnoverReminderDue,
} from '#app/domain/reminders.ts'
import { db } from '#app/lib/db.server.ts'
import { followUpsAwaitingDelivery } from '#app/services/follow-ups.server.ts'
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
					const portalUrl = `${base.portalUrl}/zelfevaluatie/${participation.year}`
					const withdrawalOn = formatDutchDate(amsterdamDateOf(withdrawalAt(settings)))
					// DOMAIN.md §3: with a first-submission deadline the reminders count down to it first;
					// once it has passed, one notice (the carrier is flagged to staff, not withdrawn).
					const first = firstSubmissionReminderToSend(settings, at)
					let queued = 0
					if (first !== null && settings.firstSubmissionDeadline) {
						for (const to of recipients) {
							const common = { to, providerId: participation.providerId, participationId }
							const id =
								first === 'overdue'
									? await enqueueEmail(tx, {
											...common,
											template: 'first_submission_overdue',
											dedupeKey: `first_submission_overdue:${participationId}:${to.address.toLowerCase()}`,
											data: {
												...base,
												portalUrl,
												firstDeadline: formatDutchDate(settings.firstSubmissionDeadline),
												qualificationDeadline: formatDutchDate(settings.qualificationDeadline),
												withdrawalOn,
											},
										})
									: await enqueueEmail(tx, {
											...common,
											template: 'qualification_reminder',
											dedupeKey: `first_submission_reminder:${participationId}:${first}:${to.address.toLowerCase()}`,
											data: {
												...base,
												portalUrl,
												daysBefore: first,
												deadline: formatDutchDate(settings.firstSubmissionDeadline),
												qualificationDeadline: formatDutchDate(settings.qualificationDeadline),
												withdrawalOn,
												listed: participation.state === 'listed',
											},
										})
							if (id) queued += 1
						}
						if (first !== 'overdue') return queued > 0 ? `firstReminded${first}` : 'unchanged'
					}
					const daysBefore = qualificationReminderToSend(settings, at)
					if (daysBefore === null) return queued > 0 ? 'firstOverdue' : null
					for (const to of recipients) {
						const id = await enqueueEmail(tx, {
							template: 'qualification_reminder',
							to,
							providerId: participation.providerId,
							participationId,
							dedupeKey: `qualification_reminder:${participationId}:${daysBefore}:${to.address.toLowerCase()}`,
							data: {
								...base,
								portalUrl,
								daysBefore,
								deadline: formatDutchDate(settings.qualificationDeadline),
								withdrawalOn,
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
								dueOn: formatDutchDate(settings.turnoverReportDueOn),
							},
						})
						if (id) queued += 1
					}
					return queued > 0 ? `reminded_${reminder.kind}` : 'unchanged'
				}),
		)
	},
}

/**
 * Follow-ups of a promised later delivery (issue 16 item 9): 30 and 7 days before the due day, and
 * one notice once it has passed. One message per follow-up, kind and recipient (dedupe key).
 */
export const followUpReminders: Job = {
	name: 'follow-up-reminders',
	title: 'mail.jobFollowUpReminders',
	description: 'mail.jobFollowUpRemindersHelp',
	async run(at) {
		return forEach(await followUpsAwaitingDelivery(), {}, (followUpId) =>
			db.$transaction(async (tx) => {
				const followUp = await tx.followUp.findUniqueOrThrow({ where: { id: followUpId } })
				const kind = followUpReminderDue(followUp.dueAt, at)
				if (!kind) return null
				const { participation, base, recipients } = await participationMailContext(
					tx,
					followUp.participationId,
					'/toezeggingen',
				)
				const data = {
					...base,
					criterionCode: followUp.criterionCode,
					description: followUp.description,
					dueOn: formatDutchDate(amsterdamDateOf(followUp.dueAt)),
				}
				let queued = 0
				for (const to of recipients) {
					const common = {
						to,
						providerId: participation.providerId,
						participationId: participation.id,
						dedupeKey: `follow_up:${followUp.id}:${kind}:${to.address.toLowerCase()}`,
					}
					const id =
						kind === 'overdue'
							? await enqueueEmail(tx, { ...common, template: 'follow_up_overdue', data })
							: await enqueueEmail(tx, {
									...common,
									template: 'follow_up_reminder',
									data: { ...data, daysBefore: kind === 'before_30' ? 30 : 7 },
								})
					if (id) queued += 1
				}
				return queued > 0 ? (kind === 'overdue' ? 'overdue' : 'reminded') : 'unchanged'
			}),
		)
	},
}
