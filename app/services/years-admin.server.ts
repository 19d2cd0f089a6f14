// Mark years for administrators: create the next year from the last, edit its settings (validated
// by the domain, with Dutch messages), publish the fee rate. Changed dates move the register
// windows of that year's participations in the same transaction, so the public register is right.
import { addDays, type CalendarDate } from '#app/domain/amsterdam-time.ts'
import { registerWindow } from '#app/domain/register.ts'
import {
	defaultYearSettings,
	YEAR_DATE_FIELDS,
	parseYearSettings,
	type YearSettings,
	type YearSettingsIssue,
} from '#app/domain/year-settings.ts'
import { AppError } from '#app/domain/errors.ts'
import { translate } from '#app/i18n/translate.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { snapshotOf } from './participation.server.ts'
import { applyYearDatesChange } from './year-dates-change.server.ts'
import { markYearData, runningYearAt, toYearSettings } from './years.server.ts'

/** The same calendar day one year later (29 February becomes 28 February). */
export function oneYearLater(date: CalendarDate): CalendarDate {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number]
	const target = `${y + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
	return m === 2 && d === 29 ? addDays(`${y + 1}-03-01`, -1) : target
}

/** Next year's settings: the last year's, each date one year on (or the defaults when there is none). */
export function nextYearSettings(last: YearSettings | null, year: number): YearSettings {
	if (!last) return defaultYearSettings(year)
	const shifted = {
		...last,
		year,
		markName: defaultYearSettings(year).markName === last.markName ? last.markName : defaultYearSettings(year).markName,
	}
	for (const field of YEAR_DATE_FIELDS) shifted[field] = oneYearLater(last[field])
	return shifted
}

export async function createNextYear(actor: Actor & { userId: string }) {
	return db.$transaction(async (tx) => {
		const last = await tx.markYear.findFirst({ orderBy: { year: 'desc' } })
		const year = last ? last.year + 1 : runningYearAt(now()) + 1
		const settings = nextYearSettings(last ? toYearSettings(last) : null, year)
		const created = await tx.markYear.create({
			// Issue 12: four-eyes for withdrawals is on in every new year (an admin may switch it off).
			data: { ...markYearData(settings), fourEyesNegative: last?.fourEyesNegative ?? false, fourEyesWithdrawal: true },
		})
		await recordAudit(tx, {
			actor,
			action: 'mark_year.create',
			entityType: 'MarkYear',
			entityId: String(year),
			after: {
				...settings,
				fourEyesNegative: created.fourEyesNegative,
				fourEyesWithdrawal: created.fourEyesWithdrawal,
			},
		})
		return year
	})
}

/**
 * Saves edited settings (refused when somebody else saved meanwhile) and recomputes the register
 * window of every participation of the year with the new dates. Invalid settings throw
 * 'year_settings_invalid' with one coded detail per field.
 */
export async function updateYear(
	actor: Actor & { userId: string },
	year: number,
	input: Omit<YearSettings, 'year'> & { fourEyesNegative: boolean; fourEyesWithdrawal?: boolean },
	expectedVersion: number,
): Promise<{ moved: number }> {
	const { fourEyesNegative, fourEyesWithdrawal: chosenFourEyesWithdrawal, ...settingsInput } = input
	const parsed = parseYearSettings({ ...settingsInput, year })
	if (!parsed.ok) throw invalidSettings(parsed.issues)
	return db.$transaction(async (tx) => {
		const row = await tx.markYear.findUnique({ where: { year } })
		if (!row) throw new AppError('year_not_found')
		if (row.version !== expectedVersion) throw new AppError('year_settings_conflict')
		const before = {
			...toYearSettings(row),
			fourEyesNegative: row.fourEyesNegative,
			fourEyesWithdrawal: row.fourEyesWithdrawal,
		}
		const fourEyesWithdrawal = chosenFourEyesWithdrawal ?? row.fourEyesWithdrawal
		await tx.markYear.update({
			where: { year },
			data: { ...markYearData(parsed.settings), fourEyesNegative, fourEyesWithdrawal, version: { increment: 1 } },
		})
		// Issue 16 item 12: due dates and windows follow, the carriers affected are told; a change
		// that would rewrite the past throws (and rolls the settings back with it).
		const dates = await applyYearDatesChange(tx, year, toYearSettings(row), parsed.settings, actor, row.version + 1)
		const moved = dates.changed + (await recomputeRegisterWindows(tx, year))
		await recordAudit(tx, {
			actor,
			action: 'mark_year.update',
			entityType: 'MarkYear',
			entityId: String(year),
			before,
			after: { ...parsed.settings, fourEyesNegative, fourEyesWithdrawal },
			// The audit trail is a Dutch record.
			reason: moved ? translate('nl', 'staff.auditWindowsRecomputed', { count: moved }) : null,
		})
		return { moved }
	})
}

function invalidSettings(issues: YearSettingsIssue[]): AppError {
	return new AppError('year_settings_invalid', { count: issues.length }, { details: issues })
}

/** The materialised register window of every participation of the year, under the current settings. */
export async function recomputeRegisterWindows(tx: Tx, year: number): Promise<number> {
	const participations = await tx.participation.findMany({
		where: { year },
		include: {
			rounds: { select: { number: true, status: true, outcome: true }, orderBy: { number: 'asc' } },
			withdrawals: { where: { undoneAt: null }, orderBy: { decidedAt: 'desc' }, take: 1 },
			markYear: true,
		},
	})
	let moved = 0
	for (const participation of participations) {
		const window = registerWindow(snapshotOf(participation), toYearSettings(participation.markYear))
		const from = window?.from ?? null
		const until = window?.until ?? null
		if (
			from?.getTime() === participation.listedFrom?.getTime() &&
			until?.getTime() === participation.listedUntil?.getTime()
		)
			continue
		await tx.participation.update({ where: { id: participation.id }, data: { listedFrom: from, listedUntil: until } })
		moved++
	}
	return moved
}

/** Records that the fee rate of the year is published (mailing the carriers is a scheduled run, issue 7). */
export async function publishFeeRate(actor: Actor & { userId: string }, year: number) {
	return db.$transaction(async (tx) => {
		const row = await tx.markYear.findUnique({ where: { year } })
		if (!row) throw new AppError('year_not_found')
		if (row.feeRatePublishedAt) throw new AppError('fee_rate_published')
		const at = now()
		await tx.markYear.update({ where: { year }, data: { feeRatePublishedAt: at, version: { increment: 1 } } })
		await recordAudit(tx, {
			actor,
			action: 'mark_year.publish_fee_rate',
			entityType: 'MarkYear',
			entityId: String(year),
			before: { feeRatePublishedAt: null },
			after: { feeRatePublishedAt: at, feeRateBp: row.feeRateBp },
			at,
		})
	})
}

export async function listYears() {
	const rows = await db.markYear.findMany({
		orderBy: { year: 'desc' },
		include: { normSet: { select: { status: true } }, _count: { select: { participations: true } } },
	})
	return rows.map((row) => ({
		year: row.year,
		markName: row.markName,
		qualificationDeadline: toYearSettings(row).qualificationDeadline,
		feeRateBp: row.feeRateBp,
		feeRatePublishedAt: row.feeRatePublishedAt,
		normSet: row.normSet?.status ?? null,
		participations: row._count.participations,
	}))
}

export function findMarkYear(year: number) {
	return db.markYear.findUnique({ where: { year } })
}
