// The assessment journey through the route actions: verdicts per criterion, a revision with its
// diff, qualification with a certificate; four-eyes for negative decisions; stale verdicts refused.
import { describe, expect, it } from 'vitest'
import * as assessmentRoute from '#app/routes/staff/assessment.tsx'
import * as decisionRoute from '#app/routes/staff/decision.tsx'
import { amsterdamDateOf } from '#app/domain/amsterdam-time.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createSubmittedParticipation, resubmitRevision } from '#app/lib/test-fixtures/staff.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { loadAssessment } from '#app/services/assessment.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { dataOf, sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'

/** Every verdict of the round in one save (the assessment form, issue 12). */
async function assessAll(participationId: string, round: number, cookie: string, insufficient: string[] = []) {
	const loaded = await loadAssessment(participationId, round)
	if (!loaded) throw new Error('geen ronde')
	const fields: Record<string, string> = { intent: 'save', version: String(loaded.round.assessmentVersion) }
	for (const ref of loaded.outcome.toAssess) {
		const bad = insufficient.includes(ref.code)
		fields[`verdict-${ref.key}`] = bad ? 'insufficient' : 'sufficient'
		fields[`feedback-${ref.key}`] = bad ? `Maak ${ref.code} concreter.` : ''
	}
	const { response, value } = await callAction(
		assessmentRoute,
		`/medewerkers/deelnames/${participationId}/beoordeling/${round}`,
		{ participationId, round: String(round) },
		fields,
		cookie,
	)
	expect(response?.status, JSON.stringify(value)).toBe(302)
}

/** The decision is confirmed on its own page (issue 12 §5), with the decision day it showed. */
function decide(path: string, params: Record<string, string>, outcome: string, cookie: string) {
	return callAction(decisionRoute, `${path}/besluit`, params, { outcome, decisionDay: amsterdamDateOf(now()) }, cookie)
}

describe('assessment', () => {
	it('assesses, requests a revision, shows the diff, qualifies and issues the certificate', async () => {
		const year = 2061
		await ensureMarkYear(year)
		const { provider } = await createProviderWithMember()
		const id = await createSubmittedParticipation({ year, providerId: provider.id })
		const assessor = await createUser({ staffRole: 'assessor' })
		const cookie = await sessionCookieFor(assessor.id)
		const path = `/medewerkers/deelnames/${id}/beoordeling/1`

		// Not every criterion assessed: no decision yet.
		const early = await decide(path, { participationId: id, round: '1' }, 'qualified', cookie)
		expect(dataOf(early.value).status).toBe(409)

		// Insufficient without feedback is refused with a field error.
		const loaded = await loadAssessment(id, 1)
		const first = loaded!.outcome.toAssess[0]!
		const noFeedback = await callAction(
			assessmentRoute,
			path,
			{ participationId: id, round: '1' },
			{ intent: 'save', version: '0', [`verdict-${first.key}`]: 'insufficient', [`feedback-${first.key}`]: ' ' },
			cookie,
		)
		expect(
			dataOf<{ fieldErrors: Record<string, string[]> }>(noFeedback.value).data.fieldErrors[`feedback-${first.key}`],
		).toEqual(['staff.errorFeedbackRequired'])
		expect(await db.criterionAssessment.count({ where: { round: { participationId: id } } })).toBe(0)

		await assessAll(id, 1, cookie, ['1.1'])
		// A second save with the stale version 0 is a conflict, never an overwrite.
		const stale = await callAction(
			assessmentRoute,
			path,
			{ participationId: id, round: '1' },
			{ intent: 'save', version: '0', [`verdict-${first.key}`]: 'sufficient', [`feedback-${first.key}`]: '' },
			cookie,
		)
		expect(dataOf(stale.value).status).toBe(409)
		expect(
			(
				await db.criterionAssessment.findFirstOrThrow({
					where: { round: { participationId: id }, verdict: 'insufficient' },
				})
			).feedback,
		).toBe('Maak 1.1 concreter.')

		const page = dataOf<{ outcome: { outcome: string } }>(
			(await callLoader(assessmentRoute, path, { participationId: id, round: '1' }, cookie)).value,
		).data
		expect(page.outcome.outcome).toBe('revision_requested')
		const decided = await decide(path, { participationId: id, round: '1' }, 'revision_requested', cookie)
		expect(decided.response?.status).toBe(302)
		const revising = await db.participation.findUniqueOrThrow({ where: { id } })
		expect(revising.state).toBe('revision_requested')
		const round1 = await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: id, number: 1 } })
		expect(round1).toMatchObject({ outcome: 'revision_requested', outcomeProposedById: assessor.id })
		expect(round1.decidedAt).not.toBeNull()

		await resubmitRevision({
			participationId: id,
			text: 'Wij hebben de samenwerking met de huisarts nu concreet beschreven in een werkafspraak.',
		})
		const second = await loadAssessment(id, 2)
		expect(
			second?.comparison?.flatMap((entry) =>
				entry.evidence.filter((item) => item.fields.length > 0).map((item) => item.fields),
			),
		).toEqual([['text']])
		expect(second?.previousVerdicts.find((row) => row.verdict === 'insufficient')?.feedback).toBe('Maak 1.1 concreter.')

		await assessAll(id, 2, cookie)
		const qualified = await decide(
			`/medewerkers/deelnames/${id}/beoordeling/2`,
			{ participationId: id, round: '2' },
			'qualified',
			cookie,
		)
		expect(qualified.response?.status, JSON.stringify(qualified.value)).toBe(302)
		expect((await db.participation.findUniqueOrThrow({ where: { id } })).state).toBe('qualified')
		expect(await db.certificate.findUnique({ where: { participationId: id } })).not.toBeNull()
		const actions = (await db.auditEvent.findMany({ where: { participationId: id }, select: { action: true } })).map(
			(row) => row.action,
		)
		expect(actions).toEqual(
			expect.arrayContaining([
				'assessment.save',
				'assessment.decide',
				'participation.request_revision',
				'participation.qualify',
			]),
		)
	})

	it('four-eyes: a negative decision waits for a second, different assessor', async () => {
		const year = 2062
		await ensureMarkYear(year, { fourEyesNegative: true })
		const { provider } = await createProviderWithMember()
		const id = await createSubmittedParticipation({ year, providerId: provider.id })
		const [one, two] = [await createUser({ staffRole: 'assessor' }), await createUser({ staffRole: 'assessor' })]
		const cookieOne = await sessionCookieFor(one.id)
		const cookieTwo = await sessionCookieFor(two.id)
		const path = `/medewerkers/deelnames/${id}/beoordeling/1`
		const params = { participationId: id, round: '1' }
		await assessAll(id, 1, cookieOne, ['2.1'])
		expect((await decide(path, params, 'revision_requested', cookieOne)).response?.status).toBe(302)
		expect((await db.participation.findUniqueOrThrow({ where: { id } })).state).toBe('submitted')
		// The proposer cannot confirm their own proposal.
		expect(
			dataOf((await callAction(assessmentRoute, path, params, { intent: 'confirm' }, cookieOne)).value).status,
		).toBe(409)
		expect((await callAction(assessmentRoute, path, params, { intent: 'confirm' }, cookieTwo)).response?.status).toBe(
			302,
		)
		const round = await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: id, number: 1 } })
		expect(round).toMatchObject({ outcomeProposedById: one.id, outcomeConfirmedById: two.id })
		expect((await db.participation.findUniqueOrThrow({ where: { id } })).state).toBe('revision_requested')
	})
})
