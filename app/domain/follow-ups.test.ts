import { describe, expect, test } from 'vitest'
import { amsterdamInstant, endOfDay } from './amsterdam-time'
import { followUpReminderDue, isFollowUpOverdue } from './follow-ups'

// 003 norm 1 NB: the CQ scale score is due "vóór 1 september 2018", i.e. by the end of 31 August.
const due = endOfDay('2018-08-31')
const at = (date: string, hour = 0) => amsterdamInstant(date, { hour })

describe('followUpReminderDue (issue 16 item 9)', () => {
	test('30 and 7 days before the due day, then overdue after its last moment', () => {
		expect(followUpReminderDue(due, at('2018-07-31', 23))).toBeNull()
		expect(followUpReminderDue(due, at('2018-08-01'))).toBe('before_30')
		expect(followUpReminderDue(due, at('2018-08-23', 23))).toBe('before_30')
		expect(followUpReminderDue(due, at('2018-08-24'))).toBe('before_7')
		expect(
			followUpReminderDue(due, amsterdamInstant('2018-08-31', { hour: 23, minute: 59, second: 59, millisecond: 999 })),
		).toBe('before_7')
		expect(followUpReminderDue(due, at('2018-09-01'))).toBe('overdue')
	})
	test('overdue only while it waits for a delivery', () => {
		expect(isFollowUpOverdue('open', due, at('2018-09-01'))).toBe(true)
		expect(isFollowUpOverdue('rejected', due, at('2018-09-01'))).toBe(true)
		expect(isFollowUpOverdue('delivered', due, at('2018-09-01'))).toBe(false)
		expect(isFollowUpOverdue('open', due, at('2018-08-31', 12))).toBe(false)
	})
})
