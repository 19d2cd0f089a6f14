// Issue 16 item 9, seed 003 norm 1 NB: "Vrijgevestigde GGZ-aanbieders die nog niet begonnen zijn
// met het meten van de CQ-index … leveren de schaalscore vóór 1 september 2018 aan." A criterion
// that promises a later delivery becomes a tracked follow-up when the carrier qualifies on it: a
// due date, reminders through the scheduled runs and the outbox, a delivery by the provider and a
// review by staff.
import { beforeAll, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { isAppError } from '#app/domain/errors.ts'
import { assertNormSet } from '#app/domain/norm-set.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { fillRound } from '#app/lib/test-fixtures/staff.server.ts'
import type { Actor } from '#app/services/audit.server.ts'
import { deliverFollowUp, listFollowUps, providerFollowUps, reviewFollowUp } from '#app/services/follow-ups.server.ts'
import { createParticipation, requireParticipationEvent } from '#app/services/participation.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { createYear, normSet2018 } from '#test/fixtures/years.ts'
import * as followUpsRoute from '#app/routes/provider/follow-ups.tsx'
import { dataOf, formRequest, getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'

const YEAR = 2089
const at = (date: string, hour = 12) => amsterdamInstant(date, { hour })
const system: Actor = { type: 'system', userId: null }

/** The 2018 norms for YEAR, the NB's delivery due on 31 August of that year. */
function normSetWithFollowUp() {
	const json = JSON.parse(JSON.stringify(normSet2018)) as {
		year: number
		themes: { norms: { criteria: { key: string; followUp?: { dueOn: string } }[] }[] }[]
	}
	json.year = YEAR
	for (const theme of json.themes)
		for (const norm of theme.norms)
			for (const criterion of norm.criteria) if (criterion.followUp) criterion.followUp.dueOn = `${YEAR}-08-31`
	return assertNormSet(json)
}

async function qualifiedPractice() {
	const { provider, user } = await createProviderWithMember()
	const actor: Actor = { type: 'provider', userId: user.id }
	const staff = await createUser({ staffRole: 'assessor' })
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
	// The practice answers the NB criterion 1.3 (explanation and declaration) among the others.
	await fillRound(id, YEAR, 1, 'Onze werkwijze, toegelicht met een voorbeeld uit de praktijk. '.repeat(3))
	setClock(at(`${YEAR}-02-10`))
	await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'submit_self_evaluation' }, actor))
	setClock(at(`${YEAR}-02-20`))
	await db.selfEvaluationRound.updateMany({
		where: { participationId: id, number: 1 },
		data: { outcome: 'qualified', outcomeProposedById: staff.id, decidedAt: at(`${YEAR}-02-20`) },
	})
	await db.$transaction((tx) =>
		requireParticipationEvent(tx, id, { type: 'qualify' }, { type: 'staff', userId: staff.id }),
	)
	return { provider, user, actor, id, staff }
}

beforeAll(async () => {
	await createYear(YEAR, {}, normSetWithFollowUp())
})

describe('the provider page of follow-ups', () => {
	it('lists the provider’s own follow-ups and delivers through the form; a foreign id is a 404', async () => {
		const { provider, user } = await qualifiedPractice()
		const cookie = await sessionCookieFor(user.id)
		const path = `/aanbieder/${provider.id}/toezeggingen`
		const page = (await followUpsRoute.loader(
			routeArgs(getRequest(path, cookie), { providerId: provider.id }) as never,
		)) as {
			followUps: { id: string; criterionCode: string; status: string }[]
		}
		expect(page.followUps.map((row) => [row.criterionCode, row.status])).toEqual([['1.3', 'open']])
		const id = page.followUps[0]!.id
		const bad = await settle(() =>
			followUpsRoute.action(
				routeArgs(formRequest(path, { followUpId: id, deliver: 'number', number: 'veel' }, cookie), {
					providerId: provider.id,
				}) as never,
			),
		)
		expect(dataOf<{ fieldErrors: Record<string, string[]> }>(bad.value).data.fieldErrors.number).toEqual([
			'provider.followUpErrorNumber',
		])
		const other = await createProviderWithMember()
		const otherCookie = await sessionCookieFor(other.user.id)
		const foreign = await settle(() =>
			followUpsRoute.action(
				routeArgs(
					formRequest(
						`/aanbieder/${other.provider.id}/toezeggingen`,
						{ followUpId: id, deliver: 'number', number: '3,1' },
						otherCookie,
					),
					{
						providerId: other.provider.id,
					},
				) as never,
			),
		)
		expect(foreign.response?.status).toBe(404)
		const posted = await settle(() =>
			followUpsRoute.action(
				routeArgs(formRequest(path, { followUpId: id, deliver: 'number', number: '3,42' }, cookie), {
					providerId: provider.id,
				}) as never,
			),
		)
		expect(posted.response?.status).toBe(302)
		expect((await db.followUp.findUniqueOrThrow({ where: { id } })).deliveryNumber).toBe(3.42)
	})
})

describe('a promised later delivery is a tracked follow-up', () => {
	it('is due, reminded, delivered by the provider and reviewed by staff', async () => {
		const { provider, user, id, staff } = await qualifiedPractice()

		const [followUp] = await providerFollowUps(provider.id)
		expect(followUp).toMatchObject({
			participationId: id,
			criterionCode: '1.3',
			deliver: 'number',
			status: 'open',
		})
		expect(followUp?.dueAt.toISOString()).toBe(
			amsterdamInstant(`${YEAR}-08-31`, { hour: 23, minute: 59, second: 59, millisecond: 999 }).toISOString(),
		)

		// Reminders through the scheduled run and the outbox: 30 days before, once.
		setClock(at(`${YEAR}-08-01`, 7))
		const first = await runJob('follow-up-reminders')
		expect(first.ran && first.summary).toMatchObject({ reminded: 1 })
		const again = await runJob('follow-up-reminders')
		expect(again.ran && (again.summary.reminded ?? 0)).toBe(0)
		const reminders = await db.outboxEmail.findMany({ where: { template: 'follow_up_reminder', participationId: id } })
		expect(reminders.length).toBeGreaterThan(0)
		expect(reminders[0]?.text).toContain(`31 augustus ${YEAR}`)
		expect(reminders[0]?.text).toContain('CQ-index')

		// Overdue: staff see it flagged, and the provider gets one notice.
		setClock(at(`${YEAR}-09-02`, 7))
		await runJob('follow-up-reminders')
		expect(
			await db.outboxEmail.count({ where: { template: 'follow_up_overdue', participationId: id } }),
		).toBeGreaterThan(0)
		const list = await listFollowUps(YEAR)
		expect(list.find((row) => row.id === followUp?.id)).toMatchObject({ overdue: true, status: 'open' })

		// Another provider cannot deliver it; this provider can, once.
		const other = await createProviderWithMember()
		const foreign = await deliverFollowUp(
			other.provider.id,
			followUp!.id,
			{ number: 3.1 },
			{ type: 'provider', userId: other.user.id },
		).catch((error: unknown) => error)
		expect(isAppError(foreign) && foreign.code).toBe('not_found')
		await deliverFollowUp(provider.id, followUp!.id, { number: 3.42 }, { type: 'provider', userId: user.id })
		const delivered = await db.followUp.findUniqueOrThrow({ where: { id: followUp!.id } })
		expect(delivered).toMatchObject({ status: 'delivered', deliveryNumber: 3.42, deliveredById: user.id })
		const twice = await deliverFollowUp(
			provider.id,
			followUp!.id,
			{ number: 3.5 },
			{ type: 'provider', userId: user.id },
		).catch((error: unknown) => error)
		expect(isAppError(twice) && twice.code).toBe('follow_up_closed')

		// Staff review it (audited); an accepted follow-up no longer reminds.
		await reviewFollowUp(
			followUp!.id,
			{ decision: 'accepted', note: 'Score ontvangen.' },
			{ type: 'staff', userId: staff.id },
		)
		expect((await db.followUp.findUniqueOrThrow({ where: { id: followUp!.id } })).status).toBe('accepted')
		expect(await db.auditEvent.count({ where: { entityId: followUp!.id } })).toBe(3) // created, delivered, accepted
		setClock(at(`${YEAR}-09-20`, 7))
		const after = await runJob('follow-up-reminders')
		expect(after.ran && after.summary.checked).toBe(0)
	})
})
