import { z } from 'zod'
import { compareCalendarDates, formatCalendarDate, isCalendarDate } from './amsterdam-time'
import type { CalendarDate } from './amsterdam-time'

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

const calendarDate = z.string().refine(isCalendarDate, { message: 'Vul een geldige datum in (JJJJ-MM-DD).' })
const wholeDays = (max: number) =>
	z
		.number()
		.int('Vul een heel aantal dagen in.')
		.min(0, 'Het aantal dagen mag niet negatief zijn.')
		.max(max, `Het aantal dagen mag niet groter zijn dan ${max}.`)

/** Validates year settings as entered by a staff admin; messages are Dutch. */
export const yearSettingsSchema = z
	.object({
		year: z.number().int().min(2000, 'Kies een jaar vanaf 2000.').max(2100, 'Kies een jaar tot 2100.'),
		markName: z.string().trim().min(1, 'Vul de naam van het keurmerk in.'),
		normsPublishedOn: calendarDate,
		agreementsOfferedOn: calendarDate,
		feeRatePublishBy: calendarDate,
		applicationOpensOn: calendarDate,
		applicationClosesOn: calendarDate,
		listingOn: calendarDate,
		selfEvaluationOpensOn: calendarDate,
		qualificationDeadline: calendarDate,
		firstSubmissionDeadline: calendarDate.nullable(),
		revisionGraceDays: wholeDays(365),
		objectionPeriodDays: z
			.number()
			.int('Vul een heel aantal dagen in.')
			.min(1, 'De bezwaartermijn is minstens één dag.')
			.max(365, 'De bezwaartermijn mag niet langer zijn dan 365 dagen.'),
		maxRevisions: z
			.number()
			.int('Vul een heel getal in.')
			.min(0, 'Het aantal aanpassingsrondes mag niet negatief zijn.')
			.max(10, 'Kies hoogstens 10 aanpassingsrondes.'),
		feeRateBp: z
			.number()
			.int('Het percentage wordt opgeslagen in hele basispunten (1,70 % = 170).')
			.min(0, 'Het afdrachtpercentage mag niet negatief zijn.')
			.max(10_000, 'Het afdrachtpercentage mag niet hoger zijn dan 100 %.'),
		minimumFeeCents: z
			.number()
			.int('Vul het minimumbedrag in hele centen in.')
			.min(0, 'De minimale afdracht mag niet negatief zijn.'),
		turnoverLabel: z.string().trim().min(1, 'Vul de omschrijving van de omzet in.'),
		turnoverReportDueOn: calendarDate,
		invoicePaymentDays: wholeDays(365),
		invoiceOverdueGraceDays: wholeDays(365),
		reminderDaysBefore: z
			.array(
				z
					.number()
					.int('Een herinnering ligt een heel aantal dagen voor de deadline.')
					.min(0, 'Een herinnering kan niet na de deadline liggen.')
					.max(365, 'Een herinnering ligt hoogstens 365 dagen voor de deadline.'),
			)
			.refine((days) => new Set(days).size === days.length, {
				message: 'Elke herinnering mag maar één keer voorkomen.',
			}),
		// A Dutch VAT number: NL, nine digits, B, two digits (spaces and dots are not stored).
		vatNumber: z
			.string()
			.trim()
			.toUpperCase()
			.regex(/^NL\d{9}B\d{2}$/, 'Vul een geldig btw-nummer in, bijvoorbeeld NL123456789B01.'),
		feeVatRateBp: z
			.number()
			.int('Het btw-percentage wordt opgeslagen in hele basispunten (21 % = 2100).')
			.min(0, 'Het btw-percentage mag niet negatief zijn.')
			.max(10_000, 'Het btw-percentage mag niet hoger zijn dan 100 %.')
			.nullable(),
		vatExemptionText: z.string().trim().max(500, 'Gebruik hoogstens 500 tekens voor de btw-tekst.'),
	})
	.superRefine((s, ctx) => {
		const order = (
			earlier: keyof YearSettings,
			later: keyof YearSettings,
			message: string,
			strict = false,
			field: keyof YearSettings = later,
		) => {
			const a = s[earlier]
			const b = s[later]
			if (typeof a !== 'string' || typeof b !== 'string') return
			if (!isCalendarDate(a) || !isCalendarDate(b)) return
			const cmp = compareCalendarDates(a, b)
			if (cmp > 0 || (strict && cmp === 0)) ctx.addIssue({ code: 'custom', path: [field], message })
		}
		order('applicationOpensOn', 'applicationClosesOn', 'De aanvraagperiode moet sluiten op of na de dag dat ze opent.')
		order(
			'selfEvaluationOpensOn',
			'qualificationDeadline',
			'De kwalificatiedeadline moet op of na de openingsdatum van de zelfevaluatie liggen.',
		)
		order(
			'listingOn',
			'qualificationDeadline',
			'De kwalificatiedeadline moet op of na de opname in het register liggen.',
		)
		order(
			'qualificationDeadline',
			'turnoverReportDueOn',
			'De omzetopgave moet na de kwalificatiedeadline liggen.',
			true,
		)
		if (s.firstSubmissionDeadline) {
			order(
				'selfEvaluationOpensOn',
				'firstSubmissionDeadline',
				'De eerste indiendatum moet op of na de openingsdatum van de zelfevaluatie liggen.',
			)
			order(
				'firstSubmissionDeadline',
				'qualificationDeadline',
				'De eerste indiendatum moet vóór de kwalificatiedeadline liggen, zodat er tijd is om aan te passen.',
				true,
				'firstSubmissionDeadline',
			)
		}
		// Without VAT the invoice must say why: the exemption text is then required.
		if (s.feeVatRateBp === null && s.vatExemptionText.trim().length === 0) {
			ctx.addIssue({
				code: 'custom',
				path: ['vatExemptionText'],
				message: 'Vul de tekst over de btw-vrijstelling in, of een btw-percentage.',
			})
		}
	})

export type YearSettingsIssue = { path: string; message: string }

export type ParsedYearSettings = { ok: true; settings: YearSettings } | { ok: false; issues: YearSettingsIssue[] }

export function parseYearSettings(input: unknown): ParsedYearSettings {
	const result = yearSettingsSchema.safeParse(input)
	if (result.success) return { ok: true, settings: result.data }
	return {
		ok: false,
		issues: result.error.issues.map((issue) => ({
			path: issue.path.map(String).join('.'),
			message: issue.message,
		})),
	}
}
