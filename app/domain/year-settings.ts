import { z } from 'zod'
import { compareCalendarDates, formatCalendarDate, isCalendarDate } from './amsterdam-time'
import type { CalendarDate } from './amsterdam-time'
import { ERROR_STATUS, type ErrorCode } from './errors'

/**
 * The settings of one mark year (one row per year in the database). Every date is an Amsterdam
 * calendar date, because KiBG has moved dates between years (DOMAIN.md §3: the 2022 application
 * window was 1 September – 1 November; in 2019 the first self-evaluation was due 31 January).
 */
export interface YearSettings {
	year: number
	markName: string
	normsPublishedOn: CalendarDate
	agreementsOfferedOn: CalendarDate
	feeRatePublishBy: CalendarDate
	applicationOpensOn: CalendarDate
	/** Inclusive: applications are accepted until the end of this day. */
	applicationClosesOn: CalendarDate
	listingOn: CalendarDate
	selfEvaluationOpensOn: CalendarDate
	/** Inclusive: until 23:59:59.999 Amsterdam time on this day. */
	qualificationDeadline: CalendarDate
	/**
	 * Optional (KiBG used 31 January in 2019): the first self-evaluation is expected by the end of
	 * this day, so there is time to assess and revise before the deadline. A carrier that has not
	 * submitted by then gets reminders and is flagged to staff; it is not withdrawn before the
	 * qualification deadline (DOMAIN.md §3).
	 */
	firstSubmissionDeadline: CalendarDate | null
	/**
	 * 003 §3.2: a revision is submitted within the qualification period, so it is due at the
	 * deadline. A request fewer than this many days before the deadline is due this many days after
	 * the request instead (DOMAIN.md §3; 0 = no grace).
	 */
	revisionGraceDays: number
	maxRevisions: number
	/** Bezwaar: the period after the date of a withdrawal letter in which the provider may object. */
	objectionPeriodDays: number
	/** DOMAIN.md §3: a submission waiting longer than this many days for assessment is overdue work. */
	assessmentDays: number
	feeRateBp: number
	minimumFeeCents: number
	turnoverLabel: string
	turnoverReportDueOn: CalendarDate
	invoicePaymentDays: number
	/** An invoice this many days past due makes the provider eligible for an 'unpaid_fee' withdrawal. */
	invoiceOverdueGraceDays: number
	reminderDaysBefore: number[]
	/** KiBG's VAT number, printed on every invoice. */
	vatNumber: string
	/** VAT on the fee in basis points (2100 = 21 %), or null: exempt, and the text below is printed. */
	feeVatRateBp: number | null
	vatExemptionText: string
}

/** Every calendar-day setting of a year, in the order of the yearly cycle. */
export const YEAR_DATE_FIELDS = [
	'normsPublishedOn',
	'agreementsOfferedOn',
	'feeRatePublishBy',
	'applicationOpensOn',
	'applicationClosesOn',
	'listingOn',
	'selfEvaluationOpensOn',
	'qualificationDeadline',
	'turnoverReportDueOn',
] as const satisfies readonly {
	[Key in keyof YearSettings]: YearSettings[Key] extends CalendarDate ? Key : never
}[keyof YearSettings][]

export type YearDateField = (typeof YEAR_DATE_FIELDS)[number]

/** Calendar-day settings a year may leave empty. */
export const YEAR_OPTIONAL_DATE_FIELDS = ['firstSubmissionDeadline'] as const satisfies readonly {
	[Key in keyof YearSettings]: YearSettings[Key] extends CalendarDate | null ? Key : never
}[keyof YearSettings][]

export type YearOptionalDateField = (typeof YEAR_OPTIONAL_DATE_FIELDS)[number]

/** The settings whose change moves deadlines of running participations (see year-dates-change). */
export const PARTICIPATION_DATE_FIELDS = [
	'listingOn',
	'selfEvaluationOpensOn',
	'firstSubmissionDeadline',
	'qualificationDeadline',
	'revisionGraceDays',
] as const satisfies readonly (keyof YearSettings)[]

/** Placeholder until KiBG enters its own number on the year screen. */
export const DEFAULT_VAT_NUMBER = 'NL850123456B01'
export const DEFAULT_VAT_EXEMPTION_TEXT = 'Over de afdracht wordt geen btw in rekening gebracht (vrijgesteld).'

// DOMAIN.md §3 "Facts from KiBG's public pages": renamed from 2023.
const RENAMED_FROM = 2023
// DOMAIN.md §6: from 2024 the fee base is called "omzet monodisciplinaire GGZ".
const TURNOVER_RENAMED_FROM = 2024
// DOMAIN.md §6: published rates 2.00 % (2015), 1.85 % (2016), 1.7 % (2017–2018). Later years start
// from 1.70 % until the admin enters the published rate.
const PUBLISHED_FEE_RATES_BP: Readonly<Record<number, number>> = { 2015: 200, 2016: 185 }
const DEFAULT_FEE_RATE_BP = 170

export function markNameFor(year: number): string {
	return year >= RENAMED_FROM ? 'Keurmerk Kortdurende Generalistische GGZ' : 'Keurmerk Basis GGZ'
}

/** The defaults of DOMAIN.md §3 and §6 for mark year `year` (003 §3.1–§3.3). */
export function defaultYearSettings(year: number): YearSettings {
	const on = (y: number, month: number, day: number) => formatCalendarDate({ year: y, month, day })
	return {
		year,
		markName: markNameFor(year),
		normsPublishedOn: on(year - 1, 4, 1), // 003 §3.1: norms published in April of Y-1
		agreementsOfferedOn: on(year - 1, 5, 1), // 003 §3.1: current carriers are offered in May
		feeRatePublishBy: on(year - 1, 5, 31), // 003 §3.1: "vóór 1 juni"
		applicationOpensOn: on(year - 1, 6, 1), // 003 §3.1: "van 1 juni t/m 31 oktober"
		applicationClosesOn: on(year - 1, 10, 31),
		listingOn: on(year, 1, 1), // 003 §3.2: "per 1 januari ... opgenomen in het Keurmerkregister"
		selfEvaluationOpensOn: on(year, 1, 1),
		qualificationDeadline: on(year, 3, 31), // 003 §3.2: "vóór 1 april"
		firstSubmissionDeadline: null,
		revisionGraceDays: 0, // 003 §3.2: "binnen de kwalificatieperiode"
		maxRevisions: 1, // 2018: only one revised self-evaluation was allowed
		objectionPeriodDays: 42, // DOMAIN.md §3: bezwaar within 6 weeks
		assessmentDays: 21, // DOMAIN.md §3: waiting longer is overdue work for staff
		feeRateBp: PUBLISHED_FEE_RATES_BP[year] ?? DEFAULT_FEE_RATE_BP,
		minimumFeeCents: 7_500,
		turnoverLabel: year >= TURNOVER_RENAMED_FROM ? 'omzet monodisciplinaire GGZ' : 'gerealiseerde omzet GBGGZ',
		turnoverReportDueOn: on(year + 1, 3, 1),
		invoicePaymentDays: 30,
		invoiceOverdueGraceDays: 30,
		reminderDaysBefore: [30, 14, 7, 1],
		vatNumber: DEFAULT_VAT_NUMBER,
		feeVatRateBp: null,
		vatExemptionText: DEFAULT_VAT_EXEMPTION_TEXT,
	}
}

// Messages are codes (`SettingsIssueCode`): the admin form shows `refusals.<code>` in the reader's
// language. Zod's own messages (a wrong type) become 'invalid_input'.
const MAX_DAYS = 365
const calendarDate = z.string().refine(isCalendarDate, { message: 'settings_invalid_date' })
const wholeDays = z
	.number()
	.int('settings_whole_days')
	.min(0, 'settings_days_negative')
	.max(MAX_DAYS, 'settings_days_too_many')

/** Validates year settings as entered by a staff admin; each issue is a code. */
export const yearSettingsSchema = z
	.object({
		year: z.number().int().min(2000, 'settings_year_too_early').max(2100, 'settings_year_too_late'),
		markName: z.string().trim().min(1, 'settings_mark_name_required'),
		normsPublishedOn: calendarDate,
		agreementsOfferedOn: calendarDate,
		feeRatePublishBy: calendarDate,
		applicationOpensOn: calendarDate,
		applicationClosesOn: calendarDate,
		listingOn: calendarDate,
		selfEvaluationOpensOn: calendarDate,
		qualificationDeadline: calendarDate,
		firstSubmissionDeadline: calendarDate.nullable(),
		revisionGraceDays: wholeDays,
		objectionPeriodDays: z
			.number()
			.int('settings_whole_days')
			.min(1, 'settings_objection_period_too_short')
			.max(MAX_DAYS, 'settings_objection_period_too_long'),
		assessmentDays: z
			.number()
			.int('settings_whole_days')
			.min(1, 'settings_assessment_days_too_short')
			.max(MAX_DAYS, 'settings_days_too_many'),
		maxRevisions: z
			.number()
			.int('settings_whole_number')
			.min(0, 'settings_revisions_negative')
			.max(10, 'settings_revisions_too_many'),
		feeRateBp: z
			.number()
			.int('settings_fee_rate_whole')
			.min(0, 'settings_fee_rate_negative')
			.max(10_000, 'settings_fee_rate_too_high'),
		minimumFeeCents: z.number().int('settings_minimum_whole').min(0, 'settings_minimum_negative'),
		turnoverLabel: z.string().trim().min(1, 'settings_turnover_label_required'),
		turnoverReportDueOn: calendarDate,
		invoicePaymentDays: wholeDays,
		invoiceOverdueGraceDays: wholeDays,
		reminderDaysBefore: z
			.array(
				z
					.number()
					.int('settings_reminder_whole')
					.min(0, 'settings_reminder_after_deadline')
					.max(MAX_DAYS, 'settings_reminder_too_early'),
			)
			.refine((days) => new Set(days).size === days.length, { message: 'settings_reminder_duplicate' }),
		// A Dutch VAT number: NL, nine digits, B, two digits (spaces and dots are not stored).
		vatNumber: z
			.string()
			.trim()
			.toUpperCase()
			.regex(/^NL\d{9}B\d{2}$/, 'settings_vat_number'),
		feeVatRateBp: z
			.number()
			.int('settings_vat_rate_whole')
			.min(0, 'settings_vat_rate_negative')
			.max(10_000, 'settings_vat_rate_too_high')
			.nullable(),
		vatExemptionText: z.string().trim().max(500, 'settings_vat_text_too_long'),
	})
	.superRefine((s, ctx) => {
		const order = (
			earlier: keyof YearSettings,
			later: keyof YearSettings,
			code: SettingsIssueCode,
			strict = false,
			field: keyof YearSettings = later,
		) => {
			const a = s[earlier]
			const b = s[later]
			if (typeof a !== 'string' || typeof b !== 'string') return
			if (!isCalendarDate(a) || !isCalendarDate(b)) return
			const cmp = compareCalendarDates(a, b)
			if (cmp > 0 || (strict && cmp === 0)) ctx.addIssue({ code: 'custom', path: [field], message: code })
		}
		order('applicationOpensOn', 'applicationClosesOn', 'settings_application_order')
		order('selfEvaluationOpensOn', 'qualificationDeadline', 'settings_deadline_before_opening')
		order('listingOn', 'qualificationDeadline', 'settings_deadline_before_listing')
		order('qualificationDeadline', 'turnoverReportDueOn', 'settings_turnover_before_deadline', true)
		if (s.firstSubmissionDeadline) {
			order('selfEvaluationOpensOn', 'firstSubmissionDeadline', 'settings_first_submission_before_opening')
			order(
				'firstSubmissionDeadline',
				'qualificationDeadline',
				'settings_first_submission_after_deadline',
				true,
				'firstSubmissionDeadline',
			)
		}
		// Without VAT the invoice must say why: the exemption text is then required.
		if (s.feeVatRateBp === null && s.vatExemptionText.trim().length === 0) {
			ctx.addIssue({ code: 'custom', path: ['vatExemptionText'], message: 'settings_vat_text_required' })
		}
	})

/** A rule of the settings form that failed; each has a message `refusals.<code>` in the catalogues. */
export type SettingsIssueCode = Extract<ErrorCode, `settings_${string}`> | 'invalid_input'

export type YearSettingsIssue = { path: string; code: SettingsIssueCode }

export type ParsedYearSettings = { ok: true; settings: YearSettings } | { ok: false; issues: YearSettingsIssue[] }

export function parseYearSettings(input: unknown): ParsedYearSettings {
	const result = yearSettingsSchema.safeParse(input)
	if (result.success) return { ok: true, settings: result.data }
	return {
		ok: false,
		issues: result.error.issues.map((issue) => ({
			path: issue.path.map(String).join('.'),
			code: isSettingsIssueCode(issue.message) ? issue.message : 'invalid_input',
		})),
	}
}

function isSettingsIssueCode(value: string): value is SettingsIssueCode {
	return value.startsWith('settings_') && value in ERROR_STATUS
}
