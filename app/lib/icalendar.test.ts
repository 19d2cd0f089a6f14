import { describe, expect, test } from 'vitest'
import { escapeText, foldLine, renderCalendar } from './icalendar'

// A strict reader of what we write, following RFC 5545 §3.1: CRLF only, physical lines of at most
// 75 octets that are each valid UTF-8, unfolding, then NAME;PARAMS:VALUE with TEXT unescaping.
function parseCalendar(ics: string) {
	expect(ics.endsWith('\r\n')).toBe(true)
	expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
	const physical = ics.slice(0, -2).split('\r\n')
	for (const line of physical) {
		const bytes = Buffer.from(line, 'utf8')
		expect(bytes.length, line).toBeLessThanOrEqual(75)
		expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)).toBe(true)
	}
	const lines = ics
		.slice(0, -2)
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
	const components: { name: string; props: { name: string; params: Record<string, string>; value: string }[] }[] = []
	const stack: (typeof components)[number][] = []
	for (const line of lines) {
		const colon = line.indexOf(':')
		const [name = '', ...paramParts] = line.slice(0, colon).split(';')
		const value = line.slice(colon + 1)
		if (name === 'BEGIN') {
			const component = { name: value, props: [] }
			stack.push(component)
			components.push(component)
		} else if (name === 'END') {
			expect(stack.pop()?.name).toBe(value)
		} else {
			const params = Object.fromEntries(paramParts.map((part) => part.split('=') as [string, string]))
			stack.at(-1)?.props.push({ name, params, value })
		}
	}
	expect(stack).toEqual([])
	return components
}

const unescape = (value: string) => value.replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1')

describe('iCalendar writer', () => {
	const generatedAt = new Date('2031-02-03T04:05:06.789Z')
	const ics = renderCalendar({
		productId: '-//Stichting KiBG//Keurmerkportaal//NL',
		name: 'Keurmerk: Praktijk Één, Twee; Drie',
		generatedAt,
		refreshHours: 12,
		events: [
			{
				uid: 'qualification-deadline-p1@portaal.example',
				start: '2031-03-31',
				summary: 'Uiterste dag zelfevaluatie Keurmerk Kortdurende Generalistische GGZ 2031',
				description: 'Dien de zelfevaluatie in; daarna: intrekking, per 1 april.\nRegel twee met ë, é en € — '.repeat(
					3,
				),
				url: 'https://portaal.example/aanbieder/p1/zelfevaluatie/2031',
				alarmDaysBefore: [14, 1],
				categories: ['Keurmerk'],
			},
			{
				uid: 'application-window-2032@portaal.example',
				start: '2031-06-01',
				end: '2031-10-31',
				summary: 'Aanvraagperiode 2032',
			},
		],
	})
	const components = parseCalendar(ics)

	test('one calendar with its product, version and name', () => {
		const calendar = components[0]
		expect(calendar?.name).toBe('VCALENDAR')
		const prop = (name: string) => calendar?.props.find((p) => p.name === name)?.value
		expect(prop('VERSION')).toBe('2.0')
		expect(prop('PRODID')).toBe('-//Stichting KiBG//Keurmerkportaal//NL')
		expect(prop('CALSCALE')).toBe('GREGORIAN')
		expect(unescape(prop('X-WR-CALNAME') ?? '')).toBe('Keurmerk: Praktijk Één, Twee; Drie')
		expect(prop('REFRESH-INTERVAL')).toBe('PT12H')
	})

	test('all-day events with a UID, a UTC DTSTAMP and an exclusive end date', () => {
		const events = components.filter((c) => c.name === 'VEVENT')
		expect(events).toHaveLength(2)
		const [deadline, window] = events
		const get = (event: typeof deadline, name: string) => event?.props.find((p) => p.name === name)
		expect(get(deadline, 'UID')?.value).toBe('qualification-deadline-p1@portaal.example')
		expect(get(deadline, 'DTSTAMP')?.value).toBe('20310203T040506Z')
		expect(get(deadline, 'DTSTART')).toEqual({ name: 'DTSTART', params: { VALUE: 'DATE' }, value: '20310331' })
		expect(get(deadline, 'DTEND')?.value).toBe('20310401')
		expect(get(window, 'DTSTART')?.value).toBe('20310601')
		expect(get(window, 'DTEND')?.value).toBe('20311101')
		expect(unescape(get(deadline, 'DESCRIPTION')?.value ?? '')).toBe(
			'Dien de zelfevaluatie in; daarna: intrekking, per 1 april.\nRegel twee met ë, é en € — '.repeat(3),
		)
		const alarms = components.filter((c) => c.name === 'VALARM')
		expect(alarms.map((alarm) => alarm.props.find((p) => p.name === 'TRIGGER')?.value)).toEqual(['-P14D', '-P1D'])
	})

	test('escapes TEXT and folds at 75 octets without splitting a character', () => {
		expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne')
		const long = `SUMMARY:${'é'.repeat(60)}`
		const folded = foldLine(long)
		const parts = folded.split('\r\n')
		expect(parts.length).toBeGreaterThan(1)
		for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75)
		expect(parts.slice(1).every((part) => part.startsWith(' '))).toBe(true)
		expect(folded.replace(/\r\n /g, '')).toBe(long)
		expect(foldLine('SHORT:ok')).toBe('SHORT:ok')
	})
})
