import { describe, expect, it } from 'vitest'
import { amsterdamDay, formatTime } from './time.ts'

describe('formatTime', () => {
	it('gives Amsterdam’s clock time, winter and summer, whatever the minute before was', () => {
		expect(formatTime('2027-03-31T21:59:59.999Z')).toBe('23:59')
		expect(formatTime(new Date('2027-03-31T22:00:00.000Z'))).toBe('00:00')
		expect(formatTime('2027-01-15T09:05:30Z')).toBe('10:05')
		expect(formatTime('2027-01-15T09:05:59Z')).toBe('10:05')
		expect(formatTime('2027-01-15T09:06:00Z')).toBe('10:06')
		// The night the clocks go back: 02:30 twice, an hour apart.
		expect(formatTime('2027-10-31T00:30:00Z')).toBe('02:30')
		expect(formatTime('2027-10-31T01:30:00Z')).toBe('02:30')
		expect(formatTime('2027-10-31T02:30:00Z')).toBe('03:30')
	})

	it('refuses an invalid date, also right after a valid one', () => {
		expect(formatTime('2027-01-15T09:05:00Z')).toBe('10:05')
		expect(() => formatTime('geen datum')).toThrow(RangeError)
		expect(() => formatTime('geen datum')).toThrow(RangeError)
	})
})

describe('amsterdamDay', () => {
	it('is the calendar day in Amsterdam', () => {
		expect(amsterdamDay('2027-03-31T22:30:00Z')).toBe('2027-04-01')
	})
})
