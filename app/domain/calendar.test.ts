import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { amsterdamInstant } from './amsterdam-time'
import {
	daysLeft,
	isApplicationWindowOpen,
	isQualificationOpen,
	qualificationDeadlineAt,
	upcomingQualificationDeadline,
	qualificationRemindersDue,
	reminderAt,
	canRequestRevision,
	revisionDueAt,
	withdrawalAt,
	yearCalendar,
} from './calendar'
import type { CalendarKey } from './calendar'
import { defaultYearSettings } from './year-settings'

const settings2027 = defaultYearSettings(2027)
const at = (date: string, hour = 0, minute = 0, second = 0, millisecond = 0) =>
	amsterdamInstant(date, { hour, minute, second, millisecond })
const lastMoment = (date: string) => at(date, 23, 59, 59, 999)

describe('yearCalendar', () => {
	test('every date of the 2027 cycle with the default settings', () => {
		const c = yearCalendar(settings2027)
		const iso = (key: CalendarKey) => [c[key].date, c[key].at.toISOString()]
		expect(iso('normsPublished')).toEqual(['2026-04-01', '2026-03-31T22:00:00.000Z'])
		expect(iso('agreementsOffered')).toEqual(['2026-05-01', '2026-04-30T22:00:00.000Z'])
		expect(iso('feeRatePublishBy')).toEqual(['2026-05-31', '2026-05-31T21:59:59.999Z'])
		expect(iso('applicationOpens')).toEqual(['2026-06-01', '2026-05-31T22:00:00.000Z'])
		expect(iso('applicationCloses')).toEqual(['2026-10-31', '2026-10-31T22:59:59.999Z'])
		expect(iso('listing')).toEqual(['2027-01-01', '2026-12-31T23:00:00.000Z'])
		expect(iso('selfEvaluationOpens')).toEqual(['2027-01-01', '2026-12-31T23:00:00.000Z'])
		expect(iso('qualificationDeadline')).toEqual(['2027-03-31', '2027-03-31T21:59:59.999Z'])
		expect(iso('withdrawal')).toEqual(['2027-04-01', '2027-03-31T22:00:00.000Z'])
		expect(iso('reapplicantListing')).toEqual(['2027-04-01', '2027-03-31T22:00:00.000Z'])
		expect(iso('yearEnd')).toEqual(['2027-12-31', '2027-12-31T22:59:59.999Z'])
		expect(iso('turnoverReportDue')).toEqual(['2028-03-01', '2028-03-01T22:59:59.999Z'])
	})

	test('entries are in chronological order', () => {
		const { entries } = yearCalendar(settings2027)
		expect(entries).toHaveLength(12)
		const times = entries.map((e) => e.at.getTime())
		expect([...times].sort((a, b) => a - b)).toEqual(times)
		expect(entries[0]?.key).toBe('normsPublished')
		expect(entries.at(-1)?.key).toBe('turnoverReportDue')
	})

	test('the withdrawal moment is the first instant after the qualification deadline', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2015, max: 2060 }), (year) => {
				const s = defaultYearSettings(year)
				expect(withdrawalAt(s).getTime()).toBe(qualificationDeadlineAt(s).getTime() + 1)
			}),
		)
	})

	test('a moved deadline moves the withdrawal and the re-applicant listing (2019: 31 January)', () => {
		const s = { ...defaultYearSettings(2019), qualificationDeadline: '2019-01-31' }
		const c = yearCalendar(s)
		expect(c.withdrawal.date).toBe('2019-02-01')
		expect(c.reapplicantListing.at.toISOString()).toBe('2019-01-31T23:00:00.000Z')
	})
})

describe('upcomingQualificationDeadline', () => {
	// The start page names the deadline ahead, from the year's own setting (moved here to 14 April).
	const y2050 = { ...defaultYearSettings(2050), qualificationDeadline: '2050-04-14' }
	const y2051 = defaultYearSettings(2051)
	test('the running year’s until its last second in Amsterdam, then the next year’s', () => {
		expect(upcomingQualificationDeadline(y2050, y2051, amsterdamInstant('2050-02-01', { hour: 9 }))).toEqual({
			year: 2050,
			deadline: '2050-04-14',
		})
		const last = amsterdamInstant('2050-04-14', { hour: 23, minute: 59, second: 59 })
		expect(upcomingQualificationDeadline(y2050, y2051, last)?.deadline).toBe('2050-04-14')
		const after = amsterdamInstant('2050-04-15')
		expect(upcomingQualificationDeadline(y2050, y2051, after)).toEqual({ year: 2051, deadline: '2051-03-31' })
	})
	test('none when the years ahead are not set', () => {
		expect(upcomingQualificationDeadline(y2050, null, amsterdamInstant('2050-04-15'))).toBeNull()
		expect(upcomingQualificationDeadline(null, null, amsterdamInstant('2050-02-01'))).toBeNull()
		// Only next year set (the running year has no row): its deadline is the one ahead.
		expect(upcomingQualificationDeadline(null, y2051, amsterdamInstant('2050-06-01'))?.year).toBe(2051)
	})
})

describe('isApplicationWindowOpen', () => {
	test('1 June up to and including 31 October of the year before', () => {
		expect(isApplicationWindowOpen(settings2027, new Date(at('2026-06-01').getTime() - 1))).toBe(false)
		expect(isApplicationWindowOpen(settings2027, at('2026-06-01'))).toBe(true)
		expect(isApplicationWindowOpen(settings2027, lastMoment('2026-10-31'))).toBe(true)
		expect(isApplicationWindowOpen(settings2027, at('2026-11-01'))).toBe(false)
	})

	test('the 2022 window (1 September – 1 November) is just a setting', () => {
		const s = { ...defaultYearSettings(2022), applicationOpensOn: '2021-09-01', applicationClosesOn: '2021-11-01' }
		expect(isApplicationWindowOpen(s, at('2021-08-31', 12))).toBe(false)
		expect(isApplicationWindowOpen(s, at('2021-11-01', 23, 59))).toBe(true)
		expect(isApplicationWindowOpen(s, at('2021-11-02'))).toBe(false)
	})
})

describe('isQualificationOpen', () => {
	test('2027: 31 March 23:59:59.999 Amsterdam is in time, 1 April 00:00 is not', () => {
		expect(isQualificationOpen(settings2027, lastMoment('2027-03-31'))).toBe(true)
		expect(isQualificationOpen(settings2027, new Date('2027-03-31T21:59:59.999Z'))).toBe(true)
		expect(isQualificationOpen(settings2027, new Date('2027-03-31T22:00:00.000Z'))).toBe(false)
		expect(isQualificationOpen(settings2027, at('2027-04-01'))).toBe(false)
	})

	test('opens at the start of 1 January (winter time)', () => {
		expect(isQualificationOpen(settings2027, new Date('2026-12-31T22:59:59.999Z'))).toBe(false)
		expect(isQualificationOpen(settings2027, new Date('2026-12-31T23:00:00.000Z'))).toBe(true)
	})

	test('open all through the DST switch of 28 March 2027 and 29 March 2026', () => {
		for (const [year, day] of [
			[2027, '2027-03-28'],
			[2026, '2026-03-29'],
		] as const) {
			const s = defaultYearSettings(year)
			expect(isQualificationOpen(s, at(day, 1, 59, 59, 999))).toBe(true)
			expect(isQualificationOpen(s, at(day, 3))).toBe(true)
			expect(isQualificationOpen(s, lastMoment(day))).toBe(true)
		}
	})

	test('a deadline on the DST day itself ends at 23:59:59.999 summer time', () => {
		const s = { ...defaultYearSettings(2026), qualificationDeadline: '2026-03-29' }
		expect(qualificationDeadlineAt(s).toISOString()).toBe('2026-03-29T21:59:59.999Z')
		expect(isQualificationOpen(s, new Date('2026-03-29T21:59:59.999Z'))).toBe(true)
		expect(isQualificationOpen(s, new Date('2026-03-29T22:00:00.000Z'))).toBe(false)
	})
})

describe('revisionDueAt', () => {
	// 003 §3.2: "De keurmerkdrager kan binnen de kwalificatieperiode een aangepaste zelfevaluatie
	// indienen" — DOMAIN.md §3: by default a revision is due at the qualification deadline.
	test('003 §3.2: by default a revision is due at the qualification deadline, however late it was requested', () => {
		expect(settings2027.revisionGraceDays).toBe(0)
		expect(revisionDueAt(settings2027, at('2027-02-01', 10)).toISOString()).toBe('2027-03-31T21:59:59.999Z')
		expect(revisionDueAt(settings2027, at('2027-03-25', 16)).toISOString()).toBe('2027-03-31T21:59:59.999Z')
		// a request after the deadline cannot be answered within the period any more
		expect(revisionDueAt(settings2027, at('2027-04-10', 9)).toISOString()).toBe('2027-03-31T21:59:59.999Z')
		expect(canRequestRevision(settings2027, at('2027-03-31', 23, 59))).toBe(true)
		expect(canRequestRevision(settings2027, at('2027-04-01'))).toBe(false)
	})

	const grace = { ...settings2027, revisionGraceDays: 14 }
	test('DOMAIN.md §3 grace: a request fewer than revisionGraceDays before the deadline is due that many days later', () => {
		expect(revisionDueAt(grace, at('2027-02-01', 10)).toISOString()).toBe('2027-03-31T21:59:59.999Z')
		expect(revisionDueAt(grace, at('2027-03-25', 16)).toISOString()).toBe('2027-04-08T21:59:59.999Z')
		expect(revisionDueAt(grace, at('2027-04-10', 9)).toISOString()).toBe('2027-04-24T21:59:59.999Z')
		expect(canRequestRevision(grace, at('2027-04-10', 9))).toBe(true)
	})

	test('the boundary with 14 days of grace: a request on 17 March is due on 31 March', () => {
		expect(revisionDueAt(grace, at('2027-03-17', 23, 59)).toISOString()).toBe('2027-03-31T21:59:59.999Z')
		expect(revisionDueAt(grace, at('2027-03-18')).toISOString()).toBe('2027-04-01T21:59:59.999Z')
	})

	test('counts Amsterdam calendar days across the DST switch', () => {
		const s = { ...settings2027, revisionGraceDays: 1 }
		// requested late on the Saturday before the switch, due at the end of the Sunday (23-hour day)
		const due = revisionDueAt({ ...s, qualificationDeadline: '2027-03-01' }, at('2027-03-27', 23, 30))
		expect(due.toISOString()).toBe('2027-03-28T21:59:59.999Z')
	})
})

describe('daysLeft', () => {
	const deadline = qualificationDeadlineAt(settings2027)
	test('0 on the day itself, negative afterwards', () => {
		expect(daysLeft(at('2027-03-31'), deadline)).toBe(0)
		expect(daysLeft(lastMoment('2027-03-31'), deadline)).toBe(0)
		expect(daysLeft(lastMoment('2027-03-30'), deadline)).toBe(1)
		expect(daysLeft(at('2027-04-01'), deadline)).toBe(-1)
		expect(daysLeft(at('2027-03-01', 12), deadline)).toBe(30)
	})

	test('calendar days across the 23-hour day', () => {
		expect(daysLeft(at('2027-03-27', 23), deadline)).toBe(4)
		expect(daysLeft(at('2027-03-28', 0, 30), deadline)).toBe(3)
	})
})

describe('qualificationRemindersDue', () => {
	test('each offset is due from the start of the day d days before the deadline day', () => {
		expect(reminderAt(settings2027, 30).toISOString()).toBe('2027-02-28T23:00:00.000Z') // 1 March
		expect(qualificationRemindersDue(settings2027, new Date('2027-02-28T22:59:59.999Z'))).toEqual([])
		expect(qualificationRemindersDue(settings2027, at('2027-03-01'))).toEqual([30])
		expect(qualificationRemindersDue(settings2027, at('2027-03-17', 8))).toEqual([30, 14])
		expect(qualificationRemindersDue(settings2027, at('2027-03-24'))).toEqual([30, 14, 7])
		expect(qualificationRemindersDue(settings2027, at('2027-03-30'))).toEqual([30, 14, 7, 1])
		expect(qualificationRemindersDue(settings2027, lastMoment('2027-03-31'))).toEqual([30, 14, 7, 1])
	})

	test('none after the deadline: the 1 April run takes over', () => {
		expect(qualificationRemindersDue(settings2027, at('2027-04-01'))).toEqual([])
	})

	test('the 7-day reminder across the DST switch starts at midnight winter time', () => {
		// 2027-03-24 is before the switch; the 1-day reminder (30 March) is after it.
		expect(reminderAt(settings2027, 7).toISOString()).toBe('2027-03-23T23:00:00.000Z')
		expect(reminderAt(settings2027, 1).toISOString()).toBe('2027-03-29T22:00:00.000Z')
	})

	test('property: reminders only grow over time until the deadline', () => {
		const start = at('2027-01-01').getTime()
		const end = qualificationDeadlineAt(settings2027).getTime()
		fc.assert(
			fc.property(fc.integer({ min: start, max: end }), fc.integer({ min: start, max: end }), (a, b) => {
				const [early, late] = a <= b ? [a, b] : [b, a]
				const dueEarly = qualificationRemindersDue(settings2027, new Date(early))
				const dueLate = qualificationRemindersDue(settings2027, new Date(late))
				for (const d of dueEarly) expect(dueLate).toContain(d)
			}),
		)
	})
})
