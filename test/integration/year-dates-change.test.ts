// Issue 16 item 12, DOMAIN.md §3 ("each date is a setting of year Y … because KiBG has moved dates
// before"): staff extend the qualification deadline in a crisis year, and every stored window,
// due date, reminder and calendar entry follows — audited, with a mail to the carriers affected. A
// change that would un-withdraw or un-qualify somebody, or withdraw somebody retroactively, is
// refused with an explanation.
import { describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { isAppError } from '#app/domain/errors.ts'
import type { YearSettings } from '#app/domain/year-settings.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { fillRound } from '#app/lib/test-fixtures/staff.server.ts'
import type { Actor } from '#app/services/audit.server.ts'
import { providerCalendar } from '#app/services/calendar-feed.server.ts'
import { createParticipation, requireParticipationEvent } from '#app/services/participation.server.ts'
import { updateYear } from '#app/services/years-admin.server.ts'
import { toYearSettings } from '#app/services/years.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { createYear } from '#test/fixtures/years.ts'

const at = (date: string, hour = 12, minute = 0) => amsterdamInstant(date, { hour, minute })
const system: Actor = { type: 'system', userId: null }
const YEAR = 2091

async function listedCarrier(name: string) {
	const { provider, user } = await createProviderWithMember({ providerName: name })
	const actor: Actor = { type: 'provider', userId: user.id }
	setClock(at(`${YEAR - 1}-06-15`))
	const started = await db.$transaction((tx) =>
		createParticipation(tx, {
			providerId: provider.id,
			year: YEAR,
			start: { origin: 'application', isReapplicant: false },
			actor,
		}),
	)
	if (!started.ok) throw new Error(started.refusal.message)
	const id = started.participation.id
	if (started.participation.state === 'applied')
		await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'offer_agreement' }, system))
	await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'sign_agreement' }, actor))
	setClock(at(`${YEAR}-01-02`, 9))
	await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'list' }, system))
	return { provider, user, actor, id }
}

async function submit(carrier: Awaited<ReturnType<typeof listedCarrier>>, when: Date) {
	await fillRound(carrier.id, YEAR, 1, 'Onze werkwijze, toegelicht met een voorbeeld uit de praktijk. '.repeat(3))
	setClock(when)
	await db.$transaction((tx) =>
		requireParticipationEvent(tx, carrier.id, { type: 'submit_self_evaluation' }, carrier.actor),
	)
}

async function settingsNow(): Promise<{ settings: YearSettings; version: number; fourEyesNegative: boolean }> {
	const row = await db.markYear.findUniqueOrThrow({ where: { year: YEAR } })
	return { settings: toYearSettings(row), version: row.version, fourEyesNegative: row.fourEyesNegative }
}

async function change(admin: { id: string }, changes: Partial<YearSettings>) {
	const { settings, version, fourEyesNegative } = await settingsNow()
	const { year: _year, ...rest } = { ...settings, ...changes }
	return updateYear({ type: 'staff', userId: admin.id }, YEAR, { ...rest, fourEyesNegative }, version)
}

describe('changing a year’s dates reaches its participations', () => {
	it('extends the deadline: windows, due dates, reminders and the calendar follow, audited and mailed; the past is not rewritten', async () => {
		await createYear(YEAR)
		const admin = await createUser({ staffRole: 'admin' })
		const staff = await createUser({ staffRole: 'assessor' })
		const notYet = await listedCarrier('Praktijk Nog Niet')
		const revising = await listedCarrier('Praktijk Aanpassing')
		const early = await listedCarrier('Praktijk Vroeg')
		await submit(revising, at(`${YEAR}-03-02`))
		await submit(early, at(`${YEAR}-03-20`))
		setClock(at(`${YEAR}-03-10`))
		await db.selfEvaluationRound.updateMany({
			where: { participationId: revising.id, number: 1 },
			data: { outcome: 'revision_requested', outcomeProposedById: staff.id, decidedAt: at(`${YEAR}-03-10`) },
		})
		await db.$transaction((tx) =>
			requireParticipationEvent(tx, revising.id, { type: 'request_revision' }, { type: 'staff', userId: staff.id }),
		)
		const requested = await db.participation.findUniqueOrThrow({ where: { id: revising.id } })
		expect(requested.revisionDueAt?.toISOString()).toBe(
			amsterdamInstant(`${YEAR}-03-31`, { hour: 23, minute: 59, second: 59, millisecond: 999 }).toISOString(),
		)

		// A crisis: on 25 March the office extends the qualification period to 30 April.
		setClock(at(`${YEAR}-03-25`))
		const result = await change(admin, { qualificationDeadline: `${YEAR}-04-30` })
		expect(result).toMatchObject({ ok: true })

		const after = async (id: string) => db.participation.findUniqueOrThrow({ where: { id } })
		expect((await after(notYet.id)).listedUntil?.toISOString()).toBe(amsterdamInstant(`${YEAR}-05-01`).toISOString())
		expect((await after(revising.id)).revisionDueAt?.toISOString()).toBe(
			amsterdamInstant(`${YEAR}-04-30`, { hour: 23, minute: 59, second: 59, millisecond: 999 }).toISOString(),
		)
		expect((await after(revising.id)).listedUntil?.toISOString()).toBe(amsterdamInstant(`${YEAR}-05-01`).toISOString())
		// Audited per participation, and the carriers whose deadline moved are told (one mail per recipient).
		expect(await db.auditEvent.count({ where: { action: 'participation.year_dates_changed' } })).toBe(2)
		const mails = await db.outboxEmail.findMany({ where: { template: 'year_dates_changed' } })
		expect(new Set(mails.map((mail) => mail.participationId))).toEqual(new Set([notYet.id, revising.id]))
		expect(mails.every((mail) => mail.text.includes(`30 april ${YEAR}`))).toBe(true)
		// The calendar feed shows the new deadline.
		expect(await providerCalendar(notYet.provider.id)).toContain(`${YEAR}0430`)

		// The 1 April run leaves them alone now; the reminders count down to 30 April.
		setClock(at(`${YEAR}-04-01`, 0, 5))
		await runJob('qualification-deadline')
		expect((await after(notYet.id)).state).toBe('listed')
		setClock(at(`${YEAR}-04-23`, 9))
		await runJob('qualification-reminders')
		expect(
			await db.outboxEmail.count({ where: { template: 'qualification_reminder', participationId: notYet.id } }),
		).toBeGreaterThan(0)

		// Moving the deadline before a carrier's submission would un-qualify it: refused.
		const unqualify = await change(admin, { qualificationDeadline: `${YEAR}-03-15` }).catch((error: unknown) => error)
		expect(isAppError(unqualify) && unqualify.code).toBe('year_change_would_unqualify')
		expect(isAppError(unqualify) && unqualify.params.providers).toContain('Praktijk Vroeg')
		// Moving it to a day that has passed would withdraw the others retroactively: refused.
		await db.participation.update({ where: { id: early.id }, data: {} })
		const retroactive = await change(admin, { qualificationDeadline: `${YEAR}-04-20` }).catch((error: unknown) => error)
		expect(isAppError(retroactive) && retroactive.code).toBe('year_change_retroactive_withdrawal')

		// After the new deadline the run withdraws; extending again would un-withdraw: refused.
		setClock(at(`${YEAR}-05-01`, 0, 5))
		await runJob('qualification-deadline')
		expect((await after(notYet.id)).state).toBe('withdrawn')
		setClock(at(`${YEAR}-05-02`))
		const unwithdraw = await change(admin, { qualificationDeadline: `${YEAR}-05-31` }).catch((error: unknown) => error)
		expect(isAppError(unwithdraw) && unwithdraw.code).toBe('year_change_would_unwithdraw')
		expect(isAppError(unwithdraw) && unwithdraw.params.providers).toContain('Praktijk Nog Niet')
		// Nothing was saved by the refused changes.
		expect((await settingsNow()).settings.qualificationDeadline).toBe(`${YEAR}-04-30`)
	})
})
