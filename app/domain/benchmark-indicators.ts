// The indicators of the spiegelrapportage as data (DOMAIN.md §9), what a delivered value may be,
// the delivery window of a year and its reminders. Pure; messages are codes that the catalogues
// (`benchmark.*`) turn into sentences.
import { z } from 'zod'
import { addDays, type CalendarDate, endOfDay, isCalendarDate, startOfDay } from './amsterdam-time.ts'
import { HIGHEST_MIN_GROUP_SIZE, LOWEST_MIN_GROUP_SIZE } from './benchmark.ts'

export const INDICATOR_UNITS = ['count', 'minutes', 'weeks', 'percentage', 'score'] as const
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number]
export const BETTER_DIRECTIONS = ['higher', 'lower', 'neither'] as const

/** One indicator of a year's list, as staff keep it. */
export interface IndicatorDefinition {
	/** Stable across years (the trend follows it): a lowercase slug. */
	code: string
	labelNl: string
	labelEn: string
	helpNl: string | null
	helpEn: string | null
	unit: IndicatorUnit
	minValue: number
	maxValue: number
	decimals: number
	better: (typeof BETTER_DIRECTIONS)[number]
	/** The norm it supports ('4'), shown with the reading. */
	normCode: string | null
	/** What that norm asks of the number, if anything ('2018 norm 9: ≥ 60 %'). */
	normNote: string | null
}

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'benchmark.errorTooLong')
		.transform((value) => (value === '' ? null : value))
		.nullable()
		.optional()
		.transform((value) => value ?? null)

const number = z.coerce.number({ error: 'benchmark.errorNumber' }).refine(Number.isFinite, 'benchmark.errorNumber')

/** The staff form of one indicator; messages are catalogue keys. */
export const indicatorDefinitionSchema = z
	.object({
		code: z
			.string()
			.trim()
			.min(1, 'benchmark.errorCodeRequired')
			.max(40, 'benchmark.errorTooLong')
			.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'benchmark.errorCodeFormat'),
		labelNl: z.string().trim().min(1, 'benchmark.errorLabelRequired').max(160, 'benchmark.errorTooLong'),
		labelEn: z.string().trim().min(1, 'benchmark.errorLabelRequired').max(160, 'benchmark.errorTooLong'),
		helpNl: optionalText(600),
		helpEn: optionalText(600),
		unit: z.enum(INDICATOR_UNITS, { error: 'benchmark.errorUnit' }),
		minValue: number,
		maxValue: number,
		decimals: z.coerce
			.number()
			.int('benchmark.errorDecimals')
			.min(0, 'benchmark.errorDecimals')
			.max(2, 'benchmark.errorDecimals'),
		better: z.enum(BETTER_DIRECTIONS, { error: 'benchmark.errorBetter' }),
		normCode: optionalText(10),
		normNote: optionalText(200),
	})
	.superRefine((value, ctx) => {
		if (value.maxValue <= value.minValue)
			ctx.addIssue({ code: 'custom', path: ['maxValue'], message: 'benchmark.errorRange' })
		if (value.unit === 'percentage' && (value.minValue < 0 || value.maxValue > 100))
			ctx.addIssue({ code: 'custom', path: ['maxValue'], message: 'benchmark.errorPercentageRange' })
	})

/** Why a delivered value is refused; the catalogue has `benchmark.value_<code>`. */
export type ValueProblem =
	| { code: 'not_a_number' }
	| { code: 'too_many_decimals'; decimals: number }
	| { code: 'below_min'; min: number }
	| { code: 'above_max'; max: number }

export type ParsedValue = { ok: true; value: number | null } | { ok: false; problem: ValueProblem }

/**
 * A value as typed: empty is "not filled in yet"; a decimal comma or point (one of them, no
 * thousands separators: '1.234' is one point two three four, which a count then refuses).
 */
export function parseIndicatorInput(
	indicator: Pick<IndicatorDefinition, 'minValue' | 'maxValue' | 'decimals'>,
	raw: string,
): ParsedValue {
	const text = raw.replace(/[\s\u00a0]/g, '').replace(/%$/, '')
	if (text === '') return { ok: true, value: null }
	if (!/^[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/.test(text)) return { ok: false, problem: { code: 'not_a_number' } }
	const [, fraction = ''] = text.split(/[.,]/)
	if (fraction.length > indicator.decimals)
		return { ok: false, problem: { code: 'too_many_decimals', decimals: indicator.decimals } }
	return checkRange(indicator, Number(text.replace(',', '.')))
}

/**
 * A number from a spreadsheet cell: rounded to the indicator's decimals first (a formula gives
 * 62.4999…; Excel shows it rounded, and that is what the carrier sees and means).
 */
export function acceptIndicatorNumber(
	indicator: Pick<IndicatorDefinition, 'minValue' | 'maxValue' | 'decimals'>,
	value: number,
): ParsedValue {
	if (!Number.isFinite(value)) return { ok: false, problem: { code: 'not_a_number' } }
	const factor = 10 ** indicator.decimals
	return checkRange(indicator, Math.round(value * factor) / factor)
}

function checkRange(indicator: Pick<IndicatorDefinition, 'minValue' | 'maxValue'>, value: number): ParsedValue {
	if (value < indicator.minValue) return { ok: false, problem: { code: 'below_min', min: indicator.minValue } }
	if (value > indicator.maxValue) return { ok: false, problem: { code: 'above_max', max: indicator.maxValue } }
	return { ok: true, value }
}

// ─── The delivery window and its reminders ────────────────────────────────────────────────────

export interface DeliverySettings {
	year: number
	deliveryOpensOn: CalendarDate
	/** Inclusive: until 23:59:59.999 Amsterdam time. */
	deliveryDueOn: CalendarDate
	minGroupSize: number
	reminderDaysBefore: number[]
}

/**
 * Decision (the seeds give no dates): indicators are about a finished year, so delivery opens on
 * 1 January of Y+1 and is due on 1 March Y+1, the day the turnover is due too (DOMAIN.md §6);
 * reminders 14 and 3 days before. Delivering late is still possible (more figures make a better
 * mirror); staff see it as late.
 */
export function defaultDeliverySettings(year: number): DeliverySettings {
	return {
		year,
		deliveryOpensOn: `${year + 1}-01-01`,
		deliveryDueOn: `${year + 1}-03-01`,
		minGroupSize: 5,
		reminderDaysBefore: [14, 3],
	}
}

export const deliverySettingsSchema = z
	.object({
		deliveryOpensOn: z.string().refine(isCalendarDate, 'benchmark.errorDate'),
		deliveryDueOn: z.string().refine(isCalendarDate, 'benchmark.errorDate'),
		minGroupSize: z.coerce
			.number()
			.int('benchmark.errorMinGroupSize')
			.min(LOWEST_MIN_GROUP_SIZE, 'benchmark.errorMinGroupSize')
			.max(HIGHEST_MIN_GROUP_SIZE, 'benchmark.errorMinGroupSize'),
		reminderDaysBefore: z
			.array(
				z.coerce
					.number()
					.int('benchmark.errorReminders')
					.min(0, 'benchmark.errorReminders')
					.max(90, 'benchmark.errorReminders'),
			)
			.max(5, 'benchmark.errorReminders')
			.refine((days) => new Set(days).size === days.length, 'benchmark.errorReminders'),
	})
	.refine((value) => value.deliveryOpensOn <= value.deliveryDueOn, {
		path: ['deliveryDueOn'],
		message: 'benchmark.errorDueBeforeOpen',
	})

export type DeliveryPhase = 'not_open' | 'open' | 'late'

/** Before the window, in it, or after the due date (delivery still accepted, but late). */
export function deliveryPhase(
	settings: Pick<DeliverySettings, 'deliveryOpensOn' | 'deliveryDueOn'>,
	at: Date,
): DeliveryPhase {
	if (at.getTime() < startOfDay(settings.deliveryOpensOn).getTime()) return 'not_open'
	if (at.getTime() <= endOfDay(settings.deliveryDueOn).getTime()) return 'open'
	return 'late'
}

/**
 * The reminder to send at `at` (days before the due date), or null: the smallest offset whose day
 * has begun, within the window. A late run sends the most recent one only (as the qualification
 * reminders, app/domain/reminders.ts).
 */
export function deliveryReminderToSend(settings: DeliverySettings, at: Date): number | null {
	if (deliveryPhase(settings, at) !== 'open') return null
	const due = [...settings.reminderDaysBefore]
		.sort((a, b) => b - a)
		.filter((days) => at.getTime() >= startOfDay(addDays(settings.deliveryDueOn, -days)).getTime())
	return due.at(-1) ?? null
}

/**
 * The criterion a carrier reflects on its data in, where the spiegelrapportage can be attached:
 * 2022 norm 4.1, "reflecteert op beschikbare gegevens (zoals ROM, cliëntervaringen en de
 * KiBG-spiegelrapportage)" (seed 004). Criterion keys stay the same across years.
 */
export const REFLECTION_CRITERION_KEY = 'improvement-from-data'
