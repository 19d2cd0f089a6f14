import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	addDays,
	amsterdamDateOf,
	amsterdamInstant,
	amsterdamOffsetMinutes,
	calendarDaysBetween,
	endOfDay,
	isCalendarDate,
	parseCalendarDate,
	startOfDay,
	startOfNextDay,
} from './amsterdam-time'

const iso = (d: Date) => d.toISOString()

describe('calendar dates', () => {
	test('accepts real days only', () => {
		expect(isCalendarDate('2027-03-31')).toBe(true)
		expect(isCalendarDate('2028-02-29')).toBe(true)
		expect(isCalendarDate('2027-02-29')).toBe(false)
		expect(isCalendarDate('2100-02-29')).toBe(false)
		expect(isCalendarDate('2000-02-29')).toBe(true)
		expect(isCalendarDate('2027-04-31')).toBe(false)
		expect(isCalendarDate('2027-13-01')).toBe(false)
		expect(isCalendarDate('2027-3-1')).toBe(false)
		expect(isCalendarDate('0099-01-01')).toBe(false)
		expect(isCalendarDate(20270331)).toBe(false)
		expect(() => parseCalendarDate('31-03-2027')).toThrow(/calendar date/)
	})

	test('addDays crosses months, years and leap days', () => {
		expect(addDays('2027-03-31', 1)).toBe('2027-04-01')
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
		expect(addDays('2027-03-31', -30)).toBe('2027-03-01')
		expect(addDays('2027-03-28', 0)).toBe('2027-03-28')
		expect(() => addDays('2027-03-28', 0.5)).toThrow(RangeError)
	})

	test('calendarDaysBetween counts calendar days, not 24-hour periods', () => {
		expect(calendarDaysBetween('2027-03-27', '2027-03-29')).toBe(2) // across the 23-hour day
		expect(calendarDaysBetween('2027-03-31', '2027-03-31')).toBe(0)
		expect(calendarDaysBetween('2027-04-01', '2027-03-31')).toBe(-1)
		expect(calendarDaysBetween('2026-01-01', '2027-01-01')).toBe(365)
	})
})

describe('Amsterdam days as instants', () => {
	test('winter time is UTC+1, summer time UTC+2', () => {
		expect(iso(startOfDay('2027-01-01'))).toBe('2026-12-31T23:00:00.000Z')
		expect(iso(startOfDay('2026-06-01'))).toBe('2026-05-31T22:00:00.000Z')
		expect(amsterdamOffsetMinutes(new Date('2027-01-15T12:00:00Z'))).toBe(60)
		expect(amsterdamOffsetMinutes(new Date('2027-07-15T12:00:00Z'))).toBe(120)
	})

	test('the qualification deadline edge: 31 March 23:59:59.999 vs 1 April 00:00 (summer time)', () => {
		expect(iso(endOfDay('2027-03-31'))).toBe('2027-03-31T21:59:59.999Z')
		expect(iso(startOfDay('2027-04-01'))).toBe('2027-03-31T22:00:00.000Z')
		expect(amsterdamDateOf(new Date('2027-03-31T21:59:59.999Z'))).toBe('2027-03-31')
		expect(amsterdamDateOf(new Date('2027-03-31T22:00:00.000Z'))).toBe('2027-04-01')
	})

	test('the date of one UTC hour is kept: the same answers before and after midnight', () => {
		// Within an hour of today's offsets the kept answer is the computed one, before and after midnight.
		expect(amsterdamDateOf(new Date('2027-01-01T22:59:59.999Z'))).toBe('2027-01-01')
		expect(amsterdamDateOf(new Date('2027-01-01T22:00:00.000Z'))).toBe('2027-01-01')
		expect(amsterdamDateOf(new Date('2027-01-01T23:00:00.000Z'))).toBe('2027-01-02')
		expect(amsterdamDateOf(new Date('2027-01-01T23:59:59.999Z'))).toBe('2027-01-02')
	})

	test.each([
		['2027-03-28', '2027-03-27T23:00:00.000Z', '2027-03-28T21:59:59.999Z', 23],
		['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T21:59:59.999Z', 23],
		['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.999Z', 25],
		['2027-10-31', '2027-10-30T22:00:00.000Z', '2027-10-31T22:59:59.999Z', 25],
	])('DST switch day %s starts %s, ends %s (%i hours)', (date, start, end, hours) => {
		expect(iso(startOfDay(date))).toBe(start)
		expect(iso(endOfDay(date))).toBe(end)
		expect((endOfDay(date).getTime() + 1 - startOfDay(date).getTime()) / 3_600_000).toBe(hours)
	})

	test('the skipped hour moves forward, the repeated hour takes the earlier instant', () => {
		// 2027-03-28 02:30 does not exist in Amsterdam: 03:30 CEST.
		expect(iso(amsterdamInstant('2027-03-28', { hour: 2, minute: 30 }))).toBe('2027-03-28T01:30:00.000Z')
		expect(iso(amsterdamInstant('2027-03-28', { hour: 3 }))).toBe('2027-03-28T01:00:00.000Z')
		expect(iso(amsterdamInstant('2027-03-28', { hour: 1, minute: 59 }))).toBe('2027-03-28T00:59:00.000Z')
		// 2026-10-25 02:30 happens twice: first in CEST.
		expect(iso(amsterdamInstant('2026-10-25', { hour: 2, minute: 30 }))).toBe('2026-10-25T00:30:00.000Z')
	})

	test('startOfNextDay', () => {
		expect(iso(startOfNextDay(new Date('2027-03-31T21:59:59.999Z')))).toBe('2027-03-31T22:00:00.000Z')
		expect(iso(startOfNextDay(new Date('2027-03-31T22:00:00.000Z')))).toBe('2027-04-01T22:00:00.000Z')
	})

	const dates = fc
		.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
		.map((d) => d.toISOString().slice(0, 10))

	test('property: a day starts and ends on itself, and the next instant is the next day', () => {
		fc.assert(
			fc.property(dates, (date) => {
				const start = startOfDay(date)
				const end = endOfDay(date)
				expect(amsterdamDateOf(start)).toBe(date)
				expect(amsterdamDateOf(end)).toBe(date)
				expect(amsterdamDateOf(new Date(start.getTime() - 1))).toBe(addDays(date, -1))
				expect(amsterdamDateOf(new Date(end.getTime() + 1))).toBe(addDays(date, 1))
				expect([23, 24, 25]).toContain((end.getTime() + 1 - start.getTime()) / 3_600_000)
			}),
		)
	})

	test('property: addDays and calendarDaysBetween are inverse', () => {
		fc.assert(
			fc.property(dates, fc.integer({ min: -2000, max: 2000 }), (date, n) => {
				expect(calendarDaysBetween(date, addDays(date, n))).toBe(n)
			}),
		)
	})

	test('property: every instant lies within the day it falls on', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
				(instant) => {
					const date = amsterdamDateOf(instant)
					expect(startOfDay(date).getTime()).toBeLessThanOrEqual(instant.getTime())
					expect(endOfDay(date).getTime()).toBeGreaterThanOrEqual(instant.getTime())
				},
			),
		)
	})
})
