import { addDays, amsterdamDateOf, startOfDay } from './amsterdam-time'

// Follow-ups of a promised later delivery (issue 16 item 9; 003 norm 1 NB: the CQ scale score
// "vóór 1 september 2018"). Which reminder is due when: 30 and 7 days before the due day, and one
// notice once it has passed. Like the qualification reminders, the latest kind whose moment has
// come is the one to send; the outbox's dedupe key makes each kind go out once.

export const FOLLOW_UP_REMINDER_DAYS = [30, 7] as const

export type FollowUpReminderKind = 'before_30' | 'before_7' | 'overdue'

/** The reminder due at `at` for a follow-up due at `dueAt` (end of its day), or null. */
export function followUpReminderDue(dueAt: Date, at: Date): FollowUpReminderKind | null {
	if (at.getTime() > dueAt.getTime()) return 'overdue'
	const dueDay = amsterdamDateOf(dueAt)
	for (const days of [...FOLLOW_UP_REMINDER_DAYS].sort((a, b) => a - b)) {
		if (at.getTime() >= startOfDay(addDays(dueDay, -days)).getTime()) return `before_${days}` as FollowUpReminderKind
	}
	return null
}

/** Open or rejected (to deliver again), and past its due moment. */
export function isFollowUpOverdue(status: string, dueAt: Date, at: Date): boolean {
	return (status === 'open' || status === 'rejected') && at.getTime() > dueAt.getTime()
}
