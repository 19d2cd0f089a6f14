import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseEuroInput } from '#app/domain/fees.ts'
import { yearCalendar } from '#app/domain/calendar.ts'
import { emptySnapshot } from '#app/domain/participation.ts'
import { nextDeadline } from '#app/domain/next-deadline.ts'
import { defaultYearSettings } from '#app/domain/year-settings.ts'
import { formatCalendarDay, formatDateTime, formatEuro, formatFeeRate } from '#app/i18n/format.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { calendarMomentLabel, nextDeadlineLabel, stateLabel, withdrawalReasonLabel } from '#app/i18n/labels.ts'

// The domain gives codes and dates; these are the words, in both languages (issue 11, issue 13).
const settings = { ...defaultYearSettings(2027), turnoverLabel: 'omzet monodisciplinaire GGZ' }
const at = (iso: string) => new Date(iso)

describe('labels at the edge', () => {
	it('names the moments of a mark year in the reader’s language', () => {
		const calendar = yearCalendar(settings)
		expect(calendarMomentLabel(calendar.entries[0]!.key, settings, 'nl')).toBe('Publicatie normen 2027')
		expect(calendarMomentLabel(calendar.entries[0]!.key, settings, 'en')).toBe('Norms 2027 published')
		expect(calendarMomentLabel('turnoverReportDue', settings, 'nl')).toBe('Opgave omzet monodisciplinaire GGZ 2027')
	})

	it('says what to do next, with the date written out in the reader’s language', () => {
		const offered = nextDeadline(emptySnapshot('agreement_offered', false), settings, at('2026-12-01T12:00:00Z'))!
		expect(nextDeadlineLabel(offered, settings, 'nl')).toBe(
			'Onderteken de overeenkomst uiterlijk 31 december 2026 om per 1 januari 2027 in het Keurmerkregister te staan',
		)
		expect(nextDeadlineLabel(offered, settings, 'en')).toBe(
			'Sign the agreement by 31 December 2026 to be in the register from 1 January 2027',
		)
		const late = nextDeadline(emptySnapshot('agreement_offered', false), settings, at('2027-01-05T12:00:00Z'))!
		expect(nextDeadlineLabel(late, settings, 'nl')).toBe('Onderteken de overeenkomst uiterlijk 31 maart 2027')
		expect(nextDeadlineLabel({ kind: 'report_turnover', date: '2028-03-01' }, settings, 'nl')).toBe(
			'Geef de omzet monodisciplinaire GGZ over 2027 op uiterlijk 1 maart 2028',
		)
	})

	it('has one name per state and per withdrawal reason', () => {
		expect(stateLabel('qualified', 'nl')).toBe('Gekwalificeerd')
		expect(stateLabel('qualified', 'en')).toBe('Qualified')
		expect(withdrawalReasonLabel('unpaid_fee', 'nl')).toBe('Afdracht niet betaald')
		expect(withdrawalReasonLabel('unpaid_fee', 'en')).toBe('Fee not paid')
	})

	it('writes dates and amounts the way each language does', () => {
		expect(formatCalendarDay('2027-06-01', 'nl')).toBe('1 juni 2027')
		expect(formatCalendarDay('2027-06-01', 'en')).toBe('1 June 2027')
		expect(formatCalendarDay('2027-03-31', 'nl')).toBe('31 maart 2027')
		// The last moment of 31 March in Amsterdam (summer time) is still 31 March, 23:59.
		expect(formatDateTime(at('2027-03-31T21:59:59.999Z'), 'nl')).toBe('31 maart 2027 om 23:59')
		expect(formatDateTime(at('2027-03-31T21:59:00Z'), 'nl')).toBe('31 maart 2027 om 23:59')
		expect(formatDateTime(at('2027-03-31T21:59:00Z'), 'en')).toBe('31 March 2027 at 23:59')
		expect(formatEuro(123456, 'nl')).toBe('€ 1.234,56')
		expect(formatEuro(-123456, 'nl')).toBe('€ -1.234,56')
		expect(formatEuro(123456, 'en')).toBe('€1,234.56')
		expect(formatEuro(12345678901234567890n, 'nl')).toBe('€ 123.456.789.012.345.678,90')
		expect(formatFeeRate(170, 'nl')).toBe('1,70 %')
		expect(formatFeeRate(170, 'en')).toBe('1.70%')
		expect(() => formatEuro(1.5, 'nl')).toThrow(RangeError)
	})

	it('reads back every Dutch amount it writes', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (cents) => {
				expect(parseEuroInput(formatEuro(cents, 'nl'))).toEqual({ ok: true, cents })
			}),
		)
	})
})

describe('page titles', () => {
	it('are in the reader’s language, taken from the root loader', () => {
		const matches = (locale: string) => [{ id: 'root', loaderData: { locale } }]
		expect(pageMeta({ matches: matches('nl') }, ['meta.participations', 'meta.staff'])).toEqual([
			{ title: 'Deelnames · Medewerkers · Keurmerkportaal' },
		])
		expect(pageMeta({ matches: matches('en') }, [['meta.normsYear', { year: 2027 }], 'meta.staff'])).toEqual([
			{ title: 'Norms 2027 · Staff · Quality Mark Portal' },
		])
		expect(pageMeta({ matches: [] }, [{ text: 'GGZ Oost' }], 'meta.registerDescription')[1]).toEqual({
			name: 'description',
			content: 'Zoek keurmerkdragers in het Keurmerkregister op naam, plaats, provincie of status.',
		})
	})
})
