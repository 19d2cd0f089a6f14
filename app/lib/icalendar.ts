import { addDays } from '#app/domain/amsterdam-time.ts'

// A small iCalendar (RFC 5545) writer for a subscribed feed of all-day events: CRLF line ends,
// lines folded at 75 octets (never inside a UTF-8 character), TEXT values escaped, a stable UID per
// event so calendar apps update an event instead of adding it twice, and DTSTAMP in UTC.

export interface CalendarEvent {
	/** Stable across feed refreshes: the same deadline keeps the same UID. */
	uid: string
	/** First day (Amsterdam calendar date, 'YYYY-MM-DD'). */
	start: string
	/** Last day, inclusive; defaults to `start` (a one-day event). */
	end?: string
	summary: string
	description?: string
	url?: string
	/** Days before the start to alert (a VALARM each); calendar apps may ignore alarms in feeds. */
	alarmDaysBefore?: number[]
	categories?: string[]
}

export interface CalendarFeed {
	/** e.g. '-//Stichting KiBG//Keurmerkportaal//NL' */
	productId: string
	name: string
	description?: string
	/** DTSTAMP of every event: when the feed was generated. */
	generatedAt: Date
	events: CalendarEvent[]
	/** How often a client should refresh (hours). */
	refreshHours?: number
}

export function renderCalendar(feed: CalendarFeed): string {
	const stamp = utcStamp(feed.generatedAt)
	const lines: string[] = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		`PRODID:${feed.productId}`,
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(feed.name)}`,
		...(feed.description ? [`X-WR-CALDESC:${escapeText(feed.description)}`] : []),
		'X-WR-TIMEZONE:Europe/Amsterdam',
		...(feed.refreshHours
			? [`REFRESH-INTERVAL;VALUE=DURATION:PT${feed.refreshHours}H`, `X-PUBLISHED-TTL:PT${feed.refreshHours}H`]
			: []),
	]
	for (const event of feed.events) {
		lines.push(
			'BEGIN:VEVENT',
			`UID:${escapeText(event.uid)}`,
			`DTSTAMP:${stamp}`,
			// All-day: a DATE value has no time zone; the days are Amsterdam calendar days. DTEND is
			// exclusive (RFC 5545 §3.6.1), so a deadline on 31 March ends on 1 April.
			`DTSTART;VALUE=DATE:${dateValue(event.start)}`,
			`DTEND;VALUE=DATE:${dateValue(nextDay(event.end ?? event.start))}`,
			`SUMMARY:${escapeText(event.summary)}`,
			...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
			...(event.url ? [`URL:${event.url}`] : []),
			...(event.categories?.length ? [`CATEGORIES:${event.categories.map(escapeText).join(',')}`] : []),
			'TRANSP:TRANSPARENT',
		)
		for (const days of event.alarmDaysBefore ?? []) {
			lines.push(
				'BEGIN:VALARM',
				'ACTION:DISPLAY',
				`DESCRIPTION:${escapeText(event.summary)}`,
				`TRIGGER:-P${days}D`,
				'END:VALARM',
			)
		}
		lines.push('END:VEVENT')
	}
	lines.push('END:VCALENDAR')
	return lines.map(foldLine).join('\r\n') + '\r\n'
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT values. */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n')
}

const encoder = new TextEncoder()

/**
 * RFC 5545 §3.1: lines longer than 75 octets are split, each continuation starting with one space.
 * Splits fall between characters, never inside a multi-byte UTF-8 sequence.
 */
export function foldLine(line: string): string {
	if (encoder.encode(line).length <= 75) return line
	const parts: string[] = []
	let current = ''
	let currentOctets = 0
	for (const char of line) {
		const octets = encoder.encode(char).length
		// The first line holds 75 octets; a continuation 74 after its leading space.
		const limit = parts.length === 0 ? 75 : 74
		if (currentOctets + octets > limit) {
			parts.push(current)
			current = ''
			currentOctets = 0
		}
		current += char
		currentOctets += octets
	}
	parts.push(current)
	return parts.join('\r\n ')
}

function dateValue(date: string): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Not a calendar date: ${date}`)
	return date.replaceAll('-', '')
}

function nextDay(date: string): string {
	return addDays(date, 1)
}

function utcStamp(at: Date): string {
	return at
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '')
}
