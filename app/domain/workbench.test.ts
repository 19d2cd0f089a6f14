import { describe, expect, test } from 'vitest'
import { amsterdamInstant } from './amsterdam-time'
import { isAssessmentOverdue, isRevisionDueSoon, waitingDays } from './workbench'

const at = (date: string, hour = 12) => amsterdamInstant(date, { hour })

describe('waitingDays', () => {
	test('counts Amsterdam calendar days, 0 on the day of submission', () => {
		expect(waitingDays(at('2027-03-01', 23), at('2027-03-01', 1))).toBe(0)
		expect(waitingDays(at('2027-03-01', 23), at('2027-03-02', 0))).toBe(1)
		// Across the change to summer time (28 March 2027) a day is still a day.
		expect(waitingDays(at('2027-03-27', 12), at('2027-03-29', 12))).toBe(2)
	})
})

describe('isAssessmentOverdue', () => {
	test('overdue only after more than assessmentDays days', () => {
		const submitted = at('2027-02-01')
		expect(isAssessmentOverdue(submitted, at('2027-02-22'), 21)).toBe(false)
		expect(isAssessmentOverdue(submitted, at('2027-02-23'), 21)).toBe(true)
		expect(isAssessmentOverdue(submitted, at('2027-02-02'), 0)).toBe(true)
	})
})

describe('isRevisionDueSoon', () => {
	test('due within seven days from today; a passed due date is overdue, not soon', () => {
		const now = at('2027-03-20', 10)
		expect(isRevisionDueSoon(at('2027-03-27', 23), now)).toBe(true)
		expect(isRevisionDueSoon(at('2027-03-28', 0), now)).toBe(false)
		expect(isRevisionDueSoon(at('2027-03-20', 9), now)).toBe(false)
		expect(isRevisionDueSoon(at('2027-03-20', 23), now)).toBe(true)
	})
})
