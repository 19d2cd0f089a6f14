// Rules of the seeds that the cycle broke (issue 16): what a provider is shown (2018 norm 4 only
// for the chronic echelon), what a run reports, and what staff may record.
import { describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { assertNormSet } from '#app/domain/norm-set.ts'
import { isAppError } from '#app/domain/errors.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createListedParticipation } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { fillRound } from '#app/lib/test-fixtures/staff.server.ts'
import * as normRoute from '#app/routes/provider/self-evaluation/norm.tsx'
import * as overviewRoute from '#app/routes/provider/self-evaluation/overview.tsx'
import type { Actor } from '#app/services/audit.server.ts'
import { createParticipation, requireParticipationEvent } from '#app/services/participation.server.ts'
import { recordInterviewOutcome } from '#app/services/sample.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import { createYear, normSet2018 } from '#test/fixtures/years.ts'

const at = (date: string, hour = 12, minute = 0) => amsterdamInstant(date, { hour, minute })
const system: Actor = { type: 'system', userId: null }

/** Applies (offer included), signs and — for an ordinary carrier — is listed on 2 January. */
async function signed(year: number, { isReapplicant = false } = {}) {
	const { provider, user } = await createProviderWithMember()
	const actor: Actor = { type: 'provider', userId: user.id }
	setClock(at(`${year - 1}-06-15`))
	const started = await db.$transaction((tx) =>
		createParticipation(tx, { providerId: provider.id, year, start: { origin: 'application', isReapplicant }, actor }),
	)
	if (!started.ok) throw new Error(started.refusal.message)
	const id = started.participation.id
	if (started.participation.state === 'applied')
		await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'offer_agreement' }, system))
	await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'sign_agreement' }, actor))
	return { provider, user, actor, id }
}

async function qualify(id: string, year: number, staffId: string, when: Date) {
	setClock(when)
	await db.selfEvaluationRound.updateMany({
		where: { participationId: id, number: 1 },
		data: { outcome: 'qualified', outcomeProposedById: staffId, decidedAt: when },
	})
	await db.$transaction((tx) =>
		requireParticipationEvent(tx, id, { type: 'qualify' }, { type: 'staff', userId: staffId }),
	)
}

describe('003 norm 4 (2018) applies only to the chronic echelon (DOMAIN.md §5)', () => {
	it('is not shown to a provider without it: not in the overview, and its page is a 404', async () => {
		const year = 2086
		await createYear(year, {}, assertNormSet({ ...normSet2018, year }))
		const { provider, user } = await createProviderWithMember()
		await createListedParticipation({ year, providerId: provider.id })
		const cookie = await sessionCookieFor(user.id)
		const base = `/aanbieder/${provider.id}/zelfevaluatie/${year}`
		const params = { providerId: provider.id, year: String(year) }

		const overview = (await overviewRoute.loader(routeArgs(getRequest(base, cookie), params) as never)) as {
			report: { norms: { code: string }[] }
		}
		expect(overview.report.norms.map((norm) => norm.code)).toEqual(['1', '2', '3', '5', '6', '7', '8', '9'])

		const normFour = await settle(() =>
			normRoute.loader(routeArgs(getRequest(`${base}/norm/4`, cookie), { ...params, normCode: '4' }) as never),
		)
		expect(normFour.response?.status).toBe(404)
		// Norm 3 leads on to norm 5, past the one that does not apply.
		const normThree = (await normRoute.loader(
			routeArgs(getRequest(`${base}/norm/3`, cookie), { ...params, normCode: '3' }) as never,
		)) as { next: { code: string } | null }
		expect(normThree.next).toEqual({ code: '5' })
	})
})

describe('a run reports what it changed (issue 16 item 10)', () => {
	it("the 1 April run's second pass reports no re-applicants listed", async () => {
		const year = 2087
		await createYear(year)
		const staff = await createUser({ staffRole: 'assessor' })
		const reapplicant = await signed(year, { isReapplicant: true })
		await fillRound(reapplicant.id, year, 1, 'Onze werkwijze, toegelicht met een voorbeeld uit de praktijk. '.repeat(3))
		setClock(at(`${year}-02-10`))
		await db.$transaction((tx) =>
			requireParticipationEvent(tx, reapplicant.id, { type: 'submit_self_evaluation' }, reapplicant.actor),
		)
		await qualify(reapplicant.id, year, staff.id, at(`${year}-02-20`))

		setClock(at(`${year}-04-01`, 0, 5))
		const first = await runJob('qualification-deadline')
		expect(first.ran && first.summary).toMatchObject({ reapplicantsListed: 1, mails: 2 })
		setClock(at(`${year}-04-01`, 9))
		const second = await runJob('qualification-deadline')
		expect(second.ran && second.summary).toMatchObject({ reapplicantsListed: 0, mails: 0 })
	})
})

describe('003 §3.2: interviews with the sample (issue 16 item 11)', () => {
	it('an outcome cannot be recorded for an interview that was never planned', async () => {
		const year = 2088
		await createYear(year)
		const staff = await createUser({ staffRole: 'assessor', name: 'Bert Beoordelaar' })
		const carrier = await signed(year)
		setClock(at(`${year}-01-02`, 9))
		await db.$transaction((tx) => requireParticipationEvent(tx, carrier.id, { type: 'list' }, system))
		await fillRound(carrier.id, year, 1, 'Onze werkwijze, toegelicht met een voorbeeld uit de praktijk. '.repeat(3))
		setClock(at(`${year}-02-10`))
		await db.$transaction((tx) =>
			requireParticipationEvent(tx, carrier.id, { type: 'submit_self_evaluation' }, carrier.actor),
		)
		await qualify(carrier.id, year, staff.id, at(`${year}-02-20`))
		setClock(at(`${year}-03-02`))
		const sample = await db.sample.create({
			data: { year, seed: 'test', count: 1, record: {}, drawnAt: at(`${year}-03-02`), drawnById: staff.id },
		})
		await db.sampleMember.create({ data: { sampleId: sample.id, participationId: carrier.id } })
		await db.$transaction((tx) =>
			requireParticipationEvent(tx, carrier.id, { type: 'draw_into_sample' }, { type: 'staff', userId: staff.id }),
		)
		const interview = await db.interview.findFirstOrThrow({ where: { sampleMember: { participationId: carrier.id } } })
		expect(interview.scheduledAt).toBeNull()

		const actor = { type: 'staff' as const, userId: staff.id }
		const input = {
			interviewId: interview.id,
			outcome: 'confirmed' as const,
			notes: 'Bevestigd.',
			expectedVersion: interview.version,
			decidedBy: staff.name,
		}
		const refused = await recordInterviewOutcome(actor, input).catch((error: unknown) => error)
		expect(isAppError(refused) && refused.code).toBe('interview_not_planned')
		expect((await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).outcome).toBeNull()
		expect((await db.participation.findUniqueOrThrow({ where: { id: carrier.id } })).state).toBe('sampled')

		// Planned for next week: still no outcome before it has taken place.
		await db.interview.update({ where: { id: interview.id }, data: { scheduledAt: at(`${year}-03-09`, 10) } })
		const early = await recordInterviewOutcome(actor, input).catch((error: unknown) => error)
		expect(isAppError(early) && early.code).toBe('interview_not_held_yet')

		setClock(at(`${year}-03-09`, 15))
		expect(await recordInterviewOutcome(actor, input)).toEqual({ ok: true })
		expect((await db.participation.findUniqueOrThrow({ where: { id: carrier.id } })).state).toBe('confirmed')
	})
})
