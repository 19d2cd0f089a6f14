// Mark years: the database row and the domain's YearSettings, and which year is "now".
import { AppError } from '#app/domain/errors.ts'
import type { MarkYear, PrismaClient } from '#app/generated/prisma/client.ts'
import { amsterdamDateOf } from '#app/domain/amsterdam-time.ts'
import { YEAR_DATE_FIELDS, markNameFor, type YearSettings } from '#app/domain/year-settings.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'

// Every date setting is a `@db.Date` column of MarkYear with the same name.
const dateFields = YEAR_DATE_FIELDS satisfies readonly (keyof MarkYear)[]

// `@db.Date` columns arrive as UTC midnight of the calendar day; the day is what counts.
function toCalendarDate(value: Date): string {
	return value.toISOString().slice(0, 10)
}

function fromCalendarDate(value: string): Date {
	return new Date(`${value}T00:00:00.000Z`)
}

export function toYearSettings(row: MarkYear): YearSettings {
	const dates = Object.fromEntries(dateFields.map((field) => [field, toCalendarDate(row[field])])) as Pick<
		YearSettings,
		(typeof dateFields)[number]
	>
	return {
		...dates,
		year: row.year,
		markName: row.markName,
		firstSubmissionDeadline: row.firstSubmissionDeadline ? toCalendarDate(row.firstSubmissionDeadline) : null,
		revisionGraceDays: row.revisionGraceDays,
		maxRevisions: row.maxRevisions,
		objectionPeriodDays: row.objectionPeriodDays,
		assessmentDays: row.assessmentDays,
		feeRateBp: row.feeRateBp,
		minimumFeeCents: row.minimumFeeCents,
		turnoverLabel: row.turnoverLabel,
		invoicePaymentDays: row.invoicePaymentDays,
		invoiceOverdueGraceDays: row.invoiceOverdueGraceDays,
		reminderDaysBefore: [...row.reminderDaysBefore],
		vatNumber: row.vatNumber,
		feeVatRateBp: row.feeVatRateBp,
		vatExemptionText: row.vatExemptionText,
	}
}

/** The columns of a MarkYear row for these settings. */
export function markYearData(settings: YearSettings) {
	const dates = Object.fromEntries(dateFields.map((field) => [field, fromCalendarDate(settings[field])])) as Record<
		(typeof dateFields)[number],
		Date
	>
	return {
		...dates,
		year: settings.year,
		markName: settings.markName,
		firstSubmissionDeadline: settings.firstSubmissionDeadline
			? fromCalendarDate(settings.firstSubmissionDeadline)
			: null,
		revisionGraceDays: settings.revisionGraceDays,
		maxRevisions: settings.maxRevisions,
		objectionPeriodDays: settings.objectionPeriodDays,
		assessmentDays: settings.assessmentDays,
		feeRateBp: settings.feeRateBp,
		minimumFeeCents: settings.minimumFeeCents,
		turnoverLabel: settings.turnoverLabel,
		invoicePaymentDays: settings.invoicePaymentDays,
		invoiceOverdueGraceDays: settings.invoiceOverdueGraceDays,
		reminderDaysBefore: settings.reminderDaysBefore,
		vatNumber: settings.vatNumber,
		feeVatRateBp: settings.feeVatRateBp,
		vatExemptionText: settings.vatExemptionText,
	}
}

export async function getYearSettings(year: number, client: Tx | PrismaClient = db): Promise<YearSettings | null> {
	const row = await client.markYear.findUnique({ where: { year } })
	return row ? toYearSettings(row) : null
}

export async function requireYearSettings(year: number, client: Tx | PrismaClient = db): Promise<YearSettings> {
	const settings = await getYearSettings(year, client)
	if (!settings) throw new AppError('year_not_found', { year })
	return settings
}

/**
 * The name of the mark in force at `at` (issue 16 item 7): the setting of the running year, or of
 * the latest year before it that has one ("Keurmerk Kortdurende Generalistische GGZ" from 2023).
 */
export async function markNameAt(at: Date = now(), client: Tx | PrismaClient = db): Promise<string> {
	const running = runningYearAt(at)
	const row = await client.markYear.findFirst({
		where: { year: { lte: running } },
		orderBy: { year: 'desc' },
		select: { markName: true },
	})
	return row?.markName ?? markNameFor(running)
}

/** The mark year running at `at`: its calendar year in Amsterdam (the cycle of Y runs in Y). */
export function runningYearAt(at: Date): number {
	return Number(amsterdamDateOf(at).slice(0, 4))
}

/** Every mark year, newest first. */
export async function markYears(): Promise<number[]> {
	const rows = await db.markYear.findMany({ select: { year: true }, orderBy: { year: 'desc' } })
	return rows.map((row) => row.year)
}
