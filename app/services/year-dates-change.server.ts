// Changing the dates of a running year reaches its participations (issue 16 item 12): the domain
// plans the change (app/domain/year-dates-change.ts) — or refuses it when it would rewrite what
// already happened — and this service stores every moved due date and register window, audits
// each participation it changed and mails the carriers whose deadline moved, in the transaction
// that saves the settings. Reminders and the calendar feed read the settings, so they follow.
import { amsterdamDateOf, formatDutchDate } from '#app/domain/amsterdam-time.ts'
import { AppError } from '#app/domain/errors.ts'
import { type ParticipationDates, planYearDatesChange } from '#app/domain/year-dates-change.ts'
import { registerWindow } from '#app/domain/register.ts'
import type { YearSettings } from '#app/domain/year-settings.ts'
import { now } from '#app/lib/clock.server.ts'
import type { Tx } from '#app/lib/db.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { absoluteUrl } from './auth.server.ts'
import { enqueueEmail } from './mail/outbox.server.ts'
import { participationRecipients, snapshotOf } from './participation.server.ts'

/** How many provider names a refusal lists (the count says how many there are). */
const NAMES_SHOWN = 10

async function participationDates(tx: Tx, year: number) {
	const rows = await tx.participation.findMany({
		where: { year },
		include: {
			rounds: {
				select: { number: true, status: true, outcome: true, submittedAt: true },
				orderBy: { number: 'asc' },
			},
			withdrawals: { where: { undoneAt: null }, orderBy: { decidedAt: 'desc' }, take: 1 },
			markYear: true,
			provider: { select: { name: true } },
			transitions: { where: { toState: 'revision_requested' }, orderBy: { at: 'desc' }, take: 1 },
		},
	})
	return rows.map((row) => ({
		row,
		dates: {
			id: row.id,
			providerName: row.provider.name,
			snapshot: snapshotOf(row),
			revisionRequestedAt: row.state === 'revision_requested' ? (row.transitions[0]?.at ?? null) : null,
			submittedAt: row.rounds.flatMap((round) => (round.submittedAt ? [round.submittedAt] : [])),
		} satisfies ParticipationDates,
	}))
}

/**
 * Checks and applies the change of `year` from `before` to `after` (the settings are saved by the
 * caller in the same transaction). Throws an AppError when the change is refused.
 */
export async function applyYearDatesChange(
	tx: Tx,
	year: number,
	before: YearSettings,
	after: YearSettings,
	actor: Actor,
	version: number,
): Promise<{ changed: number; notified: number }> {
	const at = now()
	const loaded = await participationDates(tx, year)
	const plan = planYearDatesChange(
		before,
		after,
		loaded.map((entry) => entry.dates),
		at,
	)
	if (!plan.ok) {
		const names = plan.providers.slice(0, NAMES_SHOWN).join(', ')
		throw new AppError(plan.code, {
			count: plan.providers.length,
			providers: plan.providers.length > NAMES_SHOWN ? `${names}, …` : names,
		})
	}
	const byId = new Map(loaded.map((entry) => [entry.row.id, entry.row]))
	let changed = 0
	let notified = 0
	for (const change of plan.changes) {
		const row = byId.get(change.id)
		if (!row) continue
		const window = registerWindow(change.next, after)
		const data = {
			revisionDueAt: change.next.revisionDueAt,
			listedFrom: window?.from ?? null,
			listedUntil: window?.until ?? null,
		}
		const moved =
			(data.revisionDueAt?.getTime() ?? null) !== (row.revisionDueAt?.getTime() ?? null) ||
			(data.listedFrom?.getTime() ?? null) !== (row.listedFrom?.getTime() ?? null) ||
			(data.listedUntil?.getTime() ?? null) !== (row.listedUntil?.getTime() ?? null)
		if (!moved && !change.deadlineMoved) continue
		if (moved) {
			await tx.participation.update({ where: { id: row.id }, data: { ...data, version: { increment: 1 } } })
			changed++
		}
		await recordAudit(tx, {
			actor,
			action: 'participation.year_dates_changed',
			entityType: 'Participation',
			entityId: row.id,
			providerId: row.providerId,
			participationId: row.id,
			before: { revisionDueAt: row.revisionDueAt, listedFrom: row.listedFrom, listedUntil: row.listedUntil },
			after: data,
			reason: `Data van keurmerkjaar ${year} gewijzigd`,
			at,
		})
		if (!change.deadlineMoved) continue
		const day = (instant: Date | null) => (instant ? formatDutchDate(amsterdamDateOf(instant)) : null)
		for (const to of await participationRecipients(tx, row.providerId)) {
			const queued = await enqueueEmail(tx, {
				template: 'year_dates_changed',
				to,
				providerId: row.providerId,
				participationId: row.id,
				// One message per participation per saved version of the year's settings.
				dedupeKey: `year_dates_changed:${row.id}:v${version}:${to.address.toLowerCase()}`,
				data: {
					providerName: row.provider.name,
					year,
					markName: after.markName,
					portalUrl: absoluteUrl(`/aanbieder/${row.providerId}`),
					deadline: formatDutchDate(after.qualificationDeadline),
					previousDeadline: formatDutchDate(before.qualificationDeadline),
					revisionDueOn: day(change.next.revisionDueAt),
					firstSubmissionOn: after.firstSubmissionDeadline ? formatDutchDate(after.firstSubmissionDeadline) : null,
				},
			})
			if (queued) notified++
		}
	}
	return { changed, notified }
}
