import { describe, expect, test } from 'vitest'
import { amsterdamInstant } from './amsterdam-time.ts'
import { columnLetter, parseDeliveryGrid } from './benchmark-file.ts'
import {
	defaultDeliverySettings,
	deliveryPhase,
	deliveryReminderToSend,
	type IndicatorDefinition,
	parseIndicatorInput,
} from './benchmark-indicators.ts'

const indicator = (code: string, changes: Partial<IndicatorDefinition> = {}): IndicatorDefinition => ({
	code,
	labelNl: code,
	labelEn: code,
	helpNl: null,
	helpEn: null,
	unit: 'count',
	minValue: 0,
	maxValue: 100_000,
	decimals: 0,
	better: 'neither',
	normCode: null,
	normNote: null,
	...changes,
})
const indicators = [
	indicator('finished-clients'),
	indicator('treatment-minutes', { unit: 'minutes', maxValue: 5000 }),
	indicator('rom-share', { unit: 'percentage', maxValue: 100, decimals: 1 }),
]
const header = ['code', 'indicator', 'eenheid', 'bereik', 'waarde']

describe('typed values', () => {
	const share = indicators[2]!
	test('a decimal comma or point, a trailing %, empty is not filled in', () => {
		expect(parseIndicatorInput(share, '62,5')).toEqual({ ok: true, value: 62.5 })
		expect(parseIndicatorInput(share, ' 62.5 % ')).toEqual({ ok: true, value: 62.5 })
		expect(parseIndicatorInput(share, '')).toEqual({ ok: true, value: null })
	})
	test('refusals name the reason', () => {
		expect(parseIndicatorInput(share, 'zestig')).toEqual({ ok: false, problem: { code: 'not_a_number' } })
		expect(parseIndicatorInput(share, '1.234,5')).toEqual({ ok: false, problem: { code: 'not_a_number' } })
		expect(parseIndicatorInput(share, '62,55')).toEqual({
			ok: false,
			problem: { code: 'too_many_decimals', decimals: 1 },
		})
		expect(parseIndicatorInput(share, '100,1')).toEqual({ ok: false, problem: { code: 'above_max', max: 100 } })
		expect(parseIndicatorInput(share, '-1')).toEqual({ ok: false, problem: { code: 'below_min', min: 0 } })
		expect(parseIndicatorInput(indicators[0]!, '1.234')).toEqual({
			ok: false,
			problem: { code: 'too_many_decimals', decimals: 0 },
		})
	})
})

describe('delivery files', () => {
	test('a good file gives every value; columns are found by their header, empty rows skipped', () => {
		const parsed = parseDeliveryGrid(
			[
				[],
				['Waarde', 'Code'],
				[412, 'finished-clients'],
				[null, null],
				['640', 'TREATMENT-MINUTES'],
				[62.4999, 'rom-share'],
			],
			indicators,
		)
		expect(parsed).toEqual({
			ok: true,
			values: { 'finished-clients': 412, 'treatment-minutes': 640, 'rom-share': 62.5 },
		})
	})

	test('every error with its row and column; nothing else decided', () => {
		const parsed = parseDeliveryGrid(
			[
				header,
				['finished-clients', 'Afgesloten', '', '', 'veel'],
				['onbekend', '', '', '', 3],
				['finished-clients', '', '', '', 5],
				['rom-share', '', '', '', 101],
				['', '', '', '', 4],
			],
			indicators,
		)
		expect(parsed.ok).toBe(false)
		if (parsed.ok) return
		expect(parsed.errors).toEqual([
			{
				row: 2,
				column: 'E',
				problem: { code: 'value', indicator: 'finished-clients', problem: { code: 'not_a_number' } },
			},
			{ row: 3, column: 'A', problem: { code: 'unknown_code', indicator: 'onbekend' } },
			{ row: 4, column: 'A', problem: { code: 'duplicate_code', indicator: 'finished-clients', firstRow: 2 } },
			{
				row: 5,
				column: 'E',
				problem: { code: 'value', indicator: 'rom-share', problem: { code: 'above_max', max: 100 } },
			},
			{ row: 6, column: 'A', problem: { code: 'code_missing' } },
			{ problem: { code: 'missing_indicator', indicator: 'treatment-minutes' } },
		])
	})

	test('a file without the header or value column, or far too long, is refused as a whole', () => {
		expect(parseDeliveryGrid([], indicators)).toEqual({ ok: false, errors: [{ problem: { code: 'no_header' } }] })
		expect(parseDeliveryGrid([['naam', 'waarde']], indicators)).toEqual({
			ok: false,
			errors: [{ row: 1, problem: { code: 'no_header' } }],
		})
		expect(parseDeliveryGrid([['code', 'getal']], indicators)).toEqual({
			ok: false,
			errors: [{ row: 1, problem: { code: 'no_value_column' } }],
		})
		const long = Array.from({ length: 501 }, () => ['x'])
		expect(parseDeliveryGrid(long, indicators)).toEqual({
			ok: false,
			errors: [{ problem: { code: 'too_many_rows', max: 500 } }],
		})
	})

	test('column letters as a spreadsheet names them', () => {
		expect([0, 4, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
			'A',
			'E',
			'Z',
			'AA',
			'AB',
			'AZ',
			'BA',
			'ZZ',
			'AAA',
		])
	})
})

describe('delivery window and reminders', () => {
	const settings = defaultDeliverySettings(2026) // 1 January – 1 March 2027, reminders 14 and 3 days before
	const at = (date: string, hour = 9) => amsterdamInstant(date, { hour })

	test('phases in Europe/Amsterdam', () => {
		expect(deliveryPhase(settings, amsterdamInstant('2026-12-31', { hour: 23, minute: 59 }))).toBe('not_open')
		expect(deliveryPhase(settings, at('2027-01-01', 0))).toBe('open')
		expect(deliveryPhase(settings, amsterdamInstant('2027-03-01', { hour: 23, minute: 59 }))).toBe('open')
		expect(deliveryPhase(settings, at('2027-03-02', 0))).toBe('late')
	})

	test('the most recent reminder that is due, none outside the window', () => {
		expect(deliveryReminderToSend(settings, at('2027-02-14'))).toBeNull()
		expect(deliveryReminderToSend(settings, at('2027-02-15'))).toBe(14)
		expect(deliveryReminderToSend(settings, at('2027-02-25'))).toBe(14)
		expect(deliveryReminderToSend(settings, at('2027-02-26'))).toBe(3)
		expect(deliveryReminderToSend(settings, at('2027-03-01', 22))).toBe(3)
		expect(deliveryReminderToSend(settings, at('2027-03-02'))).toBeNull()
	})
})
