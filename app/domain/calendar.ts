import {
	addDays,
	amsterdamDateOf,
	calendarDaysBetween,
	endOfDay,
	formatCalendarDate,
	startOfDay,
} from './amsterdam-time'
import type { CalendarDate } from './amsterdam-time'
import type { YearSettings } from './year-settings'

// The dates of one mark year as instants. Rule of thumb used throughout: a date on which something
// *starts* ("from 1 June", "per 1 januari") is the start of that Amsterdam day; a date *by* which
// something must happen ("t/m 31 oktober", "vóór 1 april" = 31 March) is the end of that day,
// 23:59:59.999 Amsterdam time (DOMAIN.md §3).

export type CalendarKey =
	| 'normsPublished'
	| 'agreementsOffered'
	| 'feeRatePublishBy'
	| 'applicationOpens'
	| 'applicationCloses'
	| 'listing'
	| 'selfEvaluationOpens'
	| 'qualificationDeadline'
	| 'withdrawal'
	| 'reapplicantListing'
	| 'yearEnd'
	| 'turnoverReportDue'

/** Moments only some years have (DOMAIN.md §3: a first-submission deadline, 2019: 31 January). */
export type OptionalCalendarKey = 'firstSubmissionDeadline'

export interface CalendarMoment {
	key: CalendarKey | OptionalCalendarKey
	/** The Amsterdam calendar day. */
	date: CalendarDate
	/** The instant that counts: start of the day for beginnings, end of the day for deadlines. */
	at: Date
}

export type YearCalendar = { year: number; entries: CalendarMoment[] } & Record<CalendarKey, CalendarMoment>

/** Last instant at which a first self-evaluation counts as in time: end of 31 March (003 §3.2). */
export function qualificationDeadlineAt(settings: YearSettings): Date {
	return endOfDay(settings.qualificationDeadline)
}

/**
 * 003 §3.3: "per 1 april ingetrokken" — the day after the (inclusive) qualification deadline, on
 * which the run withdraws and a re-applicant that qualified in time is listed. A text that names
 * this day takes it from the year's deadline, never as a fixed "1 April".
 */
export function withdrawalDay(qualificationDeadline: CalendarDate): CalendarDate {
	return addDays(qualificationDeadline, 1)
}

/** The start of the withdrawal day (see `withdrawalDay`). */
export function withdrawalAt(settings: YearSettings): Date {
	return startOfDay(withdrawalDay(settings.qualificationDeadline))
}

/** 003 §3.2: carriers that returned a signed agreement are in the register from 1 January. */
export function listingAt(settings: YearSettings): Date {
	return startOfDay(settings.listingOn)
}

/** 003 §3.3: a re-applicant that qualified in time is listed from 1 April (the withdrawal moment). */
export function reapplicantListingAt(settings: YearSettings): Date {
	return withdrawalAt(settings)
}

/** DOMAIN.md §7: a certificate is valid until 31 December of the mark year. */
export function yearEndAt(settings: YearSettings): Date {
	return endOfDay(formatCalendarDate({ year: settings.year, month: 12, day: 31 }))
}

export function yearCalendar(settings: YearSettings): YearCalendar {
	// Names of the moments live in the catalogue (`calendar.<key>`, app/i18n/labels.ts).
	const starts = (key: CalendarKey, date: CalendarDate): CalendarMoment => ({ key, date, at: startOfDay(date) })
	const ends = (key: CalendarKey | OptionalCalendarKey, date: CalendarDate): CalendarMoment => ({
		key,
		date,
		at: endOfDay(date),
	})
	const y = settings.year
	const dayAfterDeadline = withdrawalDay(settings.qualificationDeadline)
	const moments: Record<CalendarKey, CalendarMoment> = {
		normsPublished: starts('normsPublished', settings.normsPublishedOn),
		agreementsOffered: starts('agreementsOffered', settings.agreementsOfferedOn),
		feeRatePublishBy: ends('feeRatePublishBy', settings.feeRatePublishBy),
		applicationOpens: starts('applicationOpens', settings.applicationOpensOn),
		applicationCloses: ends('applicationCloses', settings.applicationClosesOn),
		listing: starts('listing', settings.listingOn),
		selfEvaluationOpens: starts('selfEvaluationOpens', settings.selfEvaluationOpensOn),
		qualificationDeadline: ends('qualificationDeadline', settings.qualificationDeadline),
		withdrawal: starts('withdrawal', dayAfterDeadline),
		reapplicantListing: starts('reapplicantListing', dayAfterDeadline),
		yearEnd: ends('yearEnd', formatCalendarDate({ year: y, month: 12, day: 31 })),
		turnoverReportDue: ends('turnoverReportDue', settings.turnoverReportDueOn),
	}
	const optional = settings.firstSubmissionDeadline
		? [ends('firstSubmissionDeadline', settings.firstSubmissionDeadline)]
		: []
	const entries = [...Object.values(moments), ...optional].sort((a, b) => a.at.getTime() - b.at.getTime())
	return { year: y, entries, ...moments }
}

/**
 * The qualification deadline that is ahead at `at`, for the public start page: the running year's
 * (its calendar year in Amsterdam) up to and including its last day, after that the next year's.
 * Null when neither year is set (yet): a page then speaks of "the year's deadline" without a date.
 */
export function upcomingQualificationDeadline(
	running: YearSettings | null,
	next: YearSettings | null,
	at: Date,
): { year: number; deadline: CalendarDate } | null {
	const ahead = [running, next].find(
		(settings) => settings && at.getTime() <= qualificationDeadlineAt(settings).getTime(),
	)
	return ahead ? { year: ahead.year, deadline: ahead.qualificationDeadline } : null
}

/** 003 §3.1: "van 1 juni t/m 31 oktober" — both days included. */
export function isApplicationWindowOpen(settings: YearSettings, at: Date): boolean {
	return isWithin(at, startOfDay(settings.applicationOpensOn), endOfDay(settings.applicationClosesOn))
}

/**
 * Whether a first self-evaluation may be submitted at `at`: from the opening day up to and including
 * 31 March 23:59:59.999 Amsterdam time (003 §3.2 "vóór 1 april"). Revision responses have their own
 * due date, see `revisionDueAt`.
 */
export function isQualificationOpen(settings: YearSettings, at: Date): boolean {
	return isWithin(at, startOfDay(settings.selfEvaluationOpensOn), qualificationDeadlineAt(settings))
}

/**
 * 003 §3.2 and DOMAIN.md §3: the revised self-evaluation is submitted *within* the qualification
 * period, so a revision is due at the qualification deadline. A year may grant grace
 * (`revisionGraceDays`): a revision requested fewer than that many days before the deadline is due
 * that many days after the request (end of that Amsterdam day). Without grace, a request after the
 * deadline is due at the deadline, i.e. already past: no revision is possible any more (see
 * `canRequestRevision`).
 */
export function revisionDueAt(settings: YearSettings, requestedAt: Date): Date {
	const deadline = qualificationDeadlineAt(settings)
	if (settings.revisionGraceDays <= 0) return deadline
	const withGrace = endOfDay(addDays(amsterdamDateOf(requestedAt), settings.revisionGraceDays))
	return withGrace.getTime() > deadline.getTime() ? withGrace : deadline
}

/** Whether a revision requested at `at` could still be submitted in time (its due date lies ahead). */
export function canRequestRevision(settings: YearSettings, at: Date): boolean {
	return at.getTime() <= revisionDueAt(settings, at).getTime()
}

/** End of the optional first-submission day (2019: 31 January), or null when the year has none. */
export function firstSubmissionDueAt(settings: YearSettings): Date | null {
	return settings.firstSubmissionDeadline ? endOfDay(settings.firstSubmissionDeadline) : null
}

/** Amsterdam calendar days from `at` to `deadline`: 0 on the day itself, negative once it has passed. */
export function daysLeft(at: Date, deadline: Date): number {
	return calendarDaysBetween(amsterdamDateOf(at), amsterdamDateOf(deadline))
}

/**
 * Which qualification reminders are due at `at` (DOMAIN.md §8). A reminder with offset d is due from
 * the start of the Amsterdam day d days before the deadline day. Every offset whose moment has
 * passed is returned (largest first), so an idempotent job sends the ones it has not sent yet.
 * After the deadline no reminder is due any more: the 1 April run takes over.
 */
export function qualificationRemindersDue(settings: YearSettings, at: Date): number[] {
	if (at.getTime() > qualificationDeadlineAt(settings).getTime()) return []
	return [...new Set(settings.reminderDaysBefore)]
		.filter((d) => at.getTime() >= reminderAt(settings, d).getTime())
		.sort((a, b) => b - a)
}

/** The moment a reminder with offset `daysBefore` becomes due. */
export function reminderAt(settings: YearSettings, daysBefore: number): Date {
	return startOfDay(addDays(settings.qualificationDeadline, -daysBefore))
}

function isWithin(at: Date, from: Date, until: Date): boolean {
	const t = at.getTime()
	return t >= from.getTime() && t <= until.getTime()
}
