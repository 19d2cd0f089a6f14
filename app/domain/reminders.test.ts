import { describe, expect, test } from 'vitest'
import { amsterdamInstant } from './amsterdam-time'
import { agreementReminderDue, agreementReminders, qualificationReminderToSend, turnoverReminderDue } from './reminders'
import { defaultYearSettings } from './year-settings'

const s = defaultYearSettings(2031)
const at = (date: string, hour = 0, minute = 0) => amsterdamInstant(date, { hour, minute })

describe('qualificationReminderToSend', () => {
	test('nothing before 30 days, then the most recent offset only', () => {
		expect(qualificationReminderToSend(s, at('2031-02-28', 23, 59))).toBeNull()
		expect(qualificationReminderToSend(s, at('2031-03-01'))).toBe(30)
		expect(qualificationReminderToSend(s, at('2031-03-16', 23))).toBe(30)
		expect(qualificationReminderToSend(s, at('2031-03-17'))).toBe(14)
		// A run that missed 30 and 14 sends only 7.
		expect(qualificationReminderToSend(s, at('2031-03-24', 8))).toBe(7)
		expect(qualificationReminderToSend(s, at('2031-03-30'))).toBe(1)
		expect(qualificationReminderToSend(s, at('2031-03-31', 23, 59))).toBe(1)
		expect(qualificationReminderToSend(s, at('2031-04-01'))).toBeNull()
	})
})

describe('agreementReminders', () => {
	test('a renewal offered in May: follow-up, before listing and last call', () => {
		const reminders = agreementReminders(at('2030-05-01', 0, 5), s, false)
		expect(reminders.map((r) => [r.kind, r.at.toISOString(), r.signBy.toISOString()])).toEqual([
			[
				'follow_up',
				at('2030-05-15').toISOString(),
				amsterdamInstant('2030-12-31', { hour: 23, minute: 59, second: 59, millisecond: 999 }).toISOString(),
			],
			[
				'before_listing',
				at('2030-12-25').toISOString(),
				amsterdamInstant('2030-12-31', { hour: 23, minute: 59, second: 59, millisecond: 999 }).toISOString(),
			],
			[
				'last_call',
				at('2031-03-17').toISOString(),
				amsterdamInstant('2031-03-31', { hour: 23, minute: 59, second: 59, millisecond: 999 }).toISOString(),
			],
		])
	})

	test('no reminder within a week of the offer; a re-applicant gets no listing reminder', () => {
		const late = agreementReminders(at('2030-12-20', 10), s, false)
		expect(late.map((r) => r.kind)).toEqual(['follow_up', 'last_call'])
		expect(late[0]?.signBy.toISOString()).toBe(
			amsterdamInstant('2031-03-31', { hour: 23, minute: 59, second: 59, millisecond: 999 }).toISOString(),
		)
		expect(agreementReminders(at('2030-06-10'), s, true).map((r) => r.kind)).toEqual(['follow_up', 'last_call'])
		expect(agreementReminders(at('2031-03-20'), s, false)).toEqual([])
	})

	test('agreementReminderDue gives the latest due reminder and nothing after the deadline', () => {
		const offered = at('2030-05-01', 9)
		expect(agreementReminderDue(offered, s, false, at('2030-05-14', 23))).toBeNull()
		expect(agreementReminderDue(offered, s, false, at('2030-05-15'))?.kind).toBe('follow_up')
		expect(agreementReminderDue(offered, s, false, at('2030-12-31', 12))?.kind).toBe('before_listing')
		// In January 'sign before 1 January' is past: nothing until the last call.
		expect(agreementReminderDue(offered, s, false, at('2031-01-10'))).toBeNull()
		expect(agreementReminderDue(offered, s, false, at('2031-03-31', 12))?.kind).toBe('last_call')
		expect(agreementReminderDue(offered, s, false, at('2031-04-01'))).toBeNull()
	})
})

describe('turnoverReminderDue', () => {
	test('14 days before the due date, then once in the month after it', () => {
		expect(turnoverReminderDue(s, at('2032-02-15', 23))).toBeNull()
		expect(turnoverReminderDue(s, at('2032-02-16'))?.kind).toBe('upcoming')
		expect(turnoverReminderDue(s, at('2032-03-01', 23, 59))?.kind).toBe('upcoming')
		expect(turnoverReminderDue(s, at('2032-03-02'))?.kind).toBe('overdue')
		expect(turnoverReminderDue(s, at('2032-03-31', 23))?.kind).toBe('overdue')
		expect(turnoverReminderDue(s, at('2032-04-01'))).toBeNull()
	})
})
