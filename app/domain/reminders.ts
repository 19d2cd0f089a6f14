import { addDays, amsterdamDateOf, endOfDay, startOfDay } from './amsterdam-time'
import { listingAt, qualificationDeadlineAt, qualificationRemindersDue } from './calendar'
import type { YearSettings } from './year-settings'

// When the scheduled runs remind a provider (DOMAIN.md §8). Pure: the jobs ask these functions at
// the server clock and send each reminder once (the outbox's dedupe key). A run that comes late
// sends only the most recent reminder that is due, never a pile of older ones at once.

/**
 * The qualification reminder to send at `at`: the smallest offset (days before the deadline) whose
 * moment has passed, or null before the first one and after the deadline. Missed larger offsets
 * are skipped on purpose: 'nog 7 dagen' replaces 'nog 30 dagen'.
 */
export function qualificationReminderToSend(settings: YearSettings, at: Date): number | null {
	return qualificationRemindersDue(settings, at).at(-1) ?? null
}

/**
 * DOMAIN.md §3: with a first-submission deadline (2019: 31 January) the reminders count down to
 * that day first — the smallest offset whose moment has passed, like the qualification reminders —
 * and once it has passed without a submission, a single 'overdue' notice follows; after that the
 * reminders count down to the qualification deadline again. Null when the year has none.
 */
export function firstSubmissionReminderToSend(settings: YearSettings, at: Date): number | 'overdue' | null {
	const first = settings.firstSubmissionDeadline
	if (!first) return null
	if (at.getTime() > endOfDay(first).getTime()) return 'overdue'
	const due = [...new Set(settings.reminderDaysBefore)]
		.filter((d) => at.getTime() >= startOfDay(addDays(first, -d)).getTime())
		.sort((a, b) => b - a)
	return due.at(-1) ?? null
}

export type AgreementReminderKind = 'follow_up' | 'before_listing' | 'last_call'

export interface AgreementReminder {
	kind: AgreementReminderKind
	/** From this instant the reminder is due. */
	at: Date
	/** The last instant the signature is in time for what the reminder is about. */
	signBy: Date
}

/** Days after the offer of the first reminder. */
export const AGREEMENT_FOLLOW_UP_DAYS = 14
/** No reminder sooner than this many days after the offer: the offer mail itself is still fresh. */
export const AGREEMENT_REMINDER_QUIET_DAYS = 7
/** 'before_listing' comes this many days before the listing day. */
export const AGREEMENT_BEFORE_LISTING_DAYS = 7
/** 'last_call' comes this many days before the qualification deadline. */
export const AGREEMENT_LAST_CALL_DAYS = 14

/**
 * Decision (DOMAIN.md §8 names "agreement reminder" without a date): an unsigned agreement is
 * reminded at most three times —
 * - `follow_up`: 14 days after the offer;
 * - `before_listing`: 7 days before the listing day, because only a signature before 1 January
 *   puts an ordinary carrier in the register on 1 January (003 §3.2; not for re-applicants);
 * - `last_call`: 14 days before the qualification deadline, after which the agreement can no
 *   longer be signed and the application lapses on 1 April.
 */
export function agreementReminders(
	offeredAt: Date,
	settings: YearSettings,
	isReapplicant: boolean,
): AgreementReminder[] {
	const listing = listingAt(settings)
	const lastDayBeforeListing = new Date(listing.getTime() - 1)
	const deadline = qualificationDeadlineAt(settings)
	const offeredOn = amsterdamDateOf(offeredAt)
	const quietUntil = startOfDay(addDays(offeredOn, AGREEMENT_REMINDER_QUIET_DAYS))
	const followUpAt = startOfDay(addDays(offeredOn, AGREEMENT_FOLLOW_UP_DAYS))
	const candidates: AgreementReminder[] = [
		{
			kind: 'follow_up',
			at: followUpAt,
			signBy: !isReapplicant && followUpAt.getTime() < listing.getTime() ? lastDayBeforeListing : deadline,
		},
		...(isReapplicant
			? []
			: [
					{
						kind: 'before_listing' as const,
						at: startOfDay(addDays(settings.listingOn, -AGREEMENT_BEFORE_LISTING_DAYS)),
						signBy: lastDayBeforeListing,
					},
				]),
		{
			kind: 'last_call',
			at: startOfDay(addDays(settings.qualificationDeadline, -AGREEMENT_LAST_CALL_DAYS)),
			signBy: deadline,
		},
	]
	return candidates
		.filter((reminder) => reminder.at.getTime() >= quietUntil.getTime() && reminder.at.getTime() <= deadline.getTime())
		.sort((a, b) => a.at.getTime() - b.at.getTime())
}

/** The agreement reminder to send at `at` (the latest one due whose sign-by is still ahead), or null. */
export function agreementReminderDue(
	offeredAt: Date,
	settings: YearSettings,
	isReapplicant: boolean,
	at: Date,
): AgreementReminder | null {
	if (at.getTime() > qualificationDeadlineAt(settings).getTime()) return null
	// A reminder whose own sign-by has passed ('sign before 1 January' in February) is not sent late.
	const due = agreementReminders(offeredAt, settings, isReapplicant).filter(
		(reminder) => reminder.at.getTime() <= at.getTime() && at.getTime() <= reminder.signBy.getTime(),
	)
	return due.at(-1) ?? null
}

export type TurnoverReminderKind = 'upcoming' | 'overdue'

/** 'upcoming' comes this many days before the turnover report is due; 'overdue' the day after. */
export const TURNOVER_REMINDER_DAYS_BEFORE = 14

/**
 * Decision (DOMAIN.md §6 sets the due date, §8 no reminder): a carrier that has not reported its
 * turnover is reminded 14 days before `turnoverReportDueOn` and once more the day after it. Without
 * a report KiBG cannot invoice the fee.
 */
export function turnoverReminderDue(
	settings: YearSettings,
	at: Date,
): { kind: TurnoverReminderKind; dueAt: Date } | null {
	const dueAt = endOfDay(settings.turnoverReportDueOn)
	const overdueAt = new Date(dueAt.getTime() + 1)
	if (at.getTime() >= overdueAt.getTime()) {
		// One late notice, in the month after the due date; a provider that is much later is a case for staff.
		return at.getTime() < startOfDay(addDays(settings.turnoverReportDueOn, 31)).getTime()
			? { kind: 'overdue', dueAt }
			: null
	}
	const upcomingAt = startOfDay(addDays(settings.turnoverReportDueOn, -TURNOVER_REMINDER_DAYS_BEFORE))
	return at.getTime() >= upcomingAt.getTime() ? { kind: 'upcoming', dueAt } : null
}
