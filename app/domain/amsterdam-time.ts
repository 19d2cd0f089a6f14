// Calendar days in Europe/Amsterdam and the UTC instants they start and end at.
//
// DOMAIN.md §3: every date of the cycle is a calendar date in Europe/Amsterdam. A calendar date is a
// plain 'YYYY-MM-DD' string; an instant is a JS Date (UTC). The offset comes from Intl (the tz
// database shipped with Node), so daylight saving (last Sunday of March 02:00 → 03:00, last Sunday
// of October 03:00 → 02:00) is handled without a library and without hard-coded rules.

export const TIME_ZONE = 'Europe/Amsterdam'

/** A calendar day in Amsterdam, 'YYYY-MM-DD'. */
export type CalendarDate = string

const DAY_MS = 86_400_000
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export class CalendarDateError extends Error {
	override name = 'CalendarDateError'
	constructor(readonly value: unknown) {
		super(`Not a calendar date (YYYY-MM-DD): ${String(value)}`)
	}
}

export interface DateParts {
	year: number
	month: number
	day: number
}

/** Parses a 'YYYY-MM-DD' string that names a real day (no 30 February); null otherwise. */
export function tryParseCalendarDate(value: string): DateParts | null {
	const match = CALENDAR_DATE.exec(value)
	if (!match) return null
	const year = Number(match[1])
	const month = Number(match[2])
	const day = Number(match[3])
	// Date.UTC maps years 0–99 to 1900–1999; the mark has no business before the year 1000 anyway.
	if (year < 1000) return null
	if (month < 1 || month > 12 || day < 1) return null
	if (day > daysInMonth(year, month)) return null
	return { year, month, day }
}

export function isCalendarDate(value: unknown): value is CalendarDate {
	return typeof value === 'string' && tryParseCalendarDate(value) !== null
}

export function parseCalendarDate(value: CalendarDate): DateParts {
	const parts = tryParseCalendarDate(value)
	if (!parts) throw new CalendarDateError(value)
	return parts
}

export function formatCalendarDate({ year, month, day }: DateParts): CalendarDate {
	return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`
}

export function isValidInstant(value: unknown): value is Date {
	return value instanceof Date && !Number.isNaN(value.getTime())
}

/** The calendar date `days` days after `date` (negative goes back). Pure calendar arithmetic. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
	if (!Number.isInteger(days)) throw new RangeError(`addDays needs a whole number of days: ${days}`)
	const { year, month, day } = parseCalendarDate(date)
	const shifted = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS)
	return formatCalendarDate({
		year: shifted.getUTCFullYear(),
		month: shifted.getUTCMonth() + 1,
		day: shifted.getUTCDate(),
	})
}

/** Number of calendar days from `from` to `to` (0 for the same day, negative when `to` is earlier). */
export function calendarDaysBetween(from: CalendarDate, to: CalendarDate): number {
	return Math.round((dayNumber(to) - dayNumber(from)) / DAY_MS)
}

export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
	return calendarDaysBetween(b, a)
}

/** The Amsterdam calendar date an instant falls on. */
export function amsterdamDateOf(instant: Date): CalendarDate {
	const epochMs = instant.getTime()
	// Amsterdam's offset from UTC has been whole hours since 1940, so within one UTC hour the date
	// is one: the last hour's answer is kept (Intl's formatToParts per call was ~1 % of the server's
	// CPU on the register's hot paths, issue 17). Earlier instants are computed as they come.
	const hour = Math.floor(epochMs / HOUR_MS)
	if (hour === lastHour.hour && epochMs >= 0) return lastHour.date
	const date = formatCalendarDate(wallClockOf(epochMs))
	if (epochMs >= 0) lastHour = { hour, date }
	return date
}

const HOUR_MS = 3_600_000
let lastHour: { hour: number; date: CalendarDate } = { hour: Number.NaN, date: '' as CalendarDate }

/** Offset of Amsterdam wall-clock time from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function amsterdamOffsetMinutes(instant: Date): number {
	return offsetMs(instant.getTime()) / 60_000
}

/**
 * The instant at which the Amsterdam wall clock shows `date` `time`. A wall time that does not
 * exist (the skipped hour in March) moves forward by the gap, like Temporal's 'compatible'; a wall
 * time that occurs twice (the repeated hour in October) resolves to the earlier instant.
 */
export function amsterdamInstant(
	date: CalendarDate,
	time: { hour?: number; minute?: number; second?: number; millisecond?: number } = {},
): Date {
	const { year, month, day } = parseCalendarDate(date)
	const { hour = 0, minute = 0, second = 0, millisecond = 0 } = time
	const local = Date.UTC(year, month - 1, day, hour, minute, second, millisecond)
	// The offset in force somewhere within ±12 hours of the wall time covers both sides of a switch.
	const before = offsetMs(local - DAY_MS / 2)
	const after = offsetMs(local + DAY_MS / 2)
	const candidates = [local - before, local - after].filter((t) => wallMs(t) === local)
	if (candidates.length > 0) return new Date(Math.min(...candidates))
	return new Date(local - before)
}

const startOfDayCache = new Map<CalendarDate, number>()

/** 00:00:00.000 Amsterdam time on `date`. */
export function startOfDay(date: CalendarDate): Date {
	const cached = startOfDayCache.get(date)
	if (cached !== undefined) return new Date(cached)
	const instant = amsterdamInstant(date)
	if (startOfDayCache.size > 5_000) startOfDayCache.clear()
	startOfDayCache.set(date, instant.getTime())
	return instant
}

/** 23:59:59.999 Amsterdam time on `date`: the last moment that still counts as "on" that day. */
export function endOfDay(date: CalendarDate): Date {
	return new Date(startOfDay(addDays(date, 1)).getTime() - 1)
}

/** The first instant of the Amsterdam day after the one `instant` falls on. */
export function startOfNextDay(instant: Date): Date {
	return startOfDay(addDays(amsterdamDateOf(instant), 1))
}

// --- internals ---

function pad2(n: number): string {
	return String(n).padStart(2, '0')
}

function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28
	return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function dayNumber(date: CalendarDate): number {
	const { year, month, day } = parseCalendarDate(date)
	return Date.UTC(year, month - 1, day)
}

let formatter: Intl.DateTimeFormat | undefined

function amsterdamFormatter(): Intl.DateTimeFormat {
	formatter ??= new Intl.DateTimeFormat('en-US', {
		timeZone: TIME_ZONE,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	})
	return formatter
}

interface WallClock extends DateParts {
	hour: number
	minute: number
	second: number
}

function wallClockOf(epochMs: number): WallClock {
	const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
	for (const part of amsterdamFormatter().formatToParts(new Date(epochMs))) {
		if (part.type in wall) wall[part.type as keyof WallClock] = Number(part.value)
	}
	return wall
}

/** The Amsterdam wall clock at an instant, expressed as if it were a UTC epoch (ms precision). */
function wallMs(epochMs: number): number {
	const w = wallClockOf(epochMs)
	const ms = ((epochMs % 1000) + 1000) % 1000
	return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, ms)
}

function offsetMs(epochMs: number): number {
	return wallMs(epochMs) - epochMs
}
