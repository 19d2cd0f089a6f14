import { amsterdamDateOf, calendarDaysBetween } from './amsterdam-time'

// The staff workbench's queues (issue 12, DOMAIN.md §3): how long a submission has waited for
// assessment, when that is overdue work, and which revisions fall due soon. Counted in Amsterdam
// calendar days, like every deadline of the mark.

/** The queues of the workbench, in the order the screen shows them. */
export const QUEUES = ['mine', 'unassigned', 'overdue', 'revision_due', 'interviews'] as const
export type Queue = (typeof QUEUES)[number]

/** A revision due within this many days (from today) is "due soon". */
export const REVISION_DUE_SOON_DAYS = 7

/** Calendar days since the submission: 0 on the day itself. */
export function waitingDays(submittedAt: Date, at: Date): number {
	return Math.max(0, calendarDaysBetween(amsterdamDateOf(submittedAt), amsterdamDateOf(at)))
}

/** Waiting longer than the year's `assessmentDays` (default 21): overdue work for staff. */
export function isAssessmentOverdue(submittedAt: Date, at: Date, assessmentDays: number): boolean {
	return waitingDays(submittedAt, at) > assessmentDays
}

/** Due from now until the end of the day REVISION_DUE_SOON_DAYS ahead; an overdue one is not "soon". */
export function isRevisionDueSoon(dueAt: Date, at: Date, days = REVISION_DUE_SOON_DAYS): boolean {
	if (dueAt.getTime() < at.getTime()) return false
	return calendarDaysBetween(amsterdamDateOf(at), amsterdamDateOf(dueAt)) <= days
}
