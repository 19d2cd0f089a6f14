// A carrier's sample left open by a withdrawal proposal rejected before docs/decisions/011 (the
// rejection did not close it then, and the carrier stayed `sampled` for good): the sample page offers
// "Steekproef afsluiten" on exactly such a carrier, and closing it does what the rejection does since —
// `sampled` → `confirmed` by `sample_withdrawal_rejected`, the rejection's reason as the note — by the
// staff member who closes it, audited with the proposal it follows from. Through the route modules.
import { describe, expect, it } from 'vitest'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import * as sampleRoute from '#app/routes/staff/sample.tsx'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { dataOf, sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'
import { recordIncorrectQualification, sampledCarrier } from './sample-helpers.ts'

type SamplePage = {
	samples: {
		done: number
		members: {
			leftOpen: boolean
			participation: { id: string; state: string }
			interview: { id: string; withdrawalProposal: { status: string; decisionNote: string | null } | null } | null
		}[]
	}[]
}

describe('a sample left open by a withdrawal proposal rejected before decision 011', () => {
	it('is offered for closing on the sample page; closing it confirms the carrier, noted and audited', async () => {
		const year = 2045
		const recorder = await createUser({ staffRole: 'assessor' })
		const rejecter = await createUser({ staffRole: 'admin', name: 'Rosa Afwijzer' })
		const closer = await createUser({ staffRole: 'assessor', name: 'Sam Sluiter' })
		const closerCookie = await sessionCookieFor(closer.id)
		const { participationId, interview, path, params } = await sampledCarrier(year, 'Open Steekproef', recorder.id)
		const samplePath = `/medewerkers/steekproef?jaar=${year}`
		const samplePage = async () => (await callLoader(sampleRoute, samplePath, {}, closerCookie)).value as SamplePage
		const close = (cookie: string) =>
			callAction(sampleRoute, samplePath, {}, { intent: 'close', interviewId: interview.id }, cookie)

		await recordIncorrectQualification({ interview, path, params }, recorder.id)
		const proposal = await db.withdrawalProposal.findFirstOrThrow({ where: { participationId } })

		// While the proposal waits, there is nothing to close.
		expect((await samplePage()).samples[0]?.members[0]?.leftOpen).toBe(false)
		expect(dataOf((await close(closerCookie)).value).status).toBe(409)
		expect((await db.participation.findUniqueOrThrow({ where: { id: participationId } })).state).toBe('sampled')

		// The rejection as the code before decision 011 recorded it: the proposal rejected, the carrier
		// left in `sampled`.
		const why = 'De afspraken staan in het kwaliteitshandboek; het gesprek gaf een onvolledig beeld.'
		await db.withdrawalProposal.update({
			where: { id: proposal.id },
			data: { status: 'rejected', decidedById: rejecter.id, decidedAt: now(), decisionNote: why },
		})
		const open = await samplePage()
		expect(open.samples[0]).toMatchObject({
			done: 0,
			members: [
				{
					leftOpen: true,
					participation: { id: participationId, state: 'sampled' },
					interview: { id: interview.id, withdrawalProposal: { status: 'rejected', decisionNote: why } },
				},
			],
		})

		// Only staff: anyone else gets a 404 and changes nothing.
		const { user: member } = await createProviderWithMember()
		const outsider = await close(await sessionCookieFor(member.id))
		expect(outsider.response?.status).toBe(404)
		expect((await db.participation.findUniqueOrThrow({ where: { id: participationId } })).state).toBe('sampled')

		const closed = await close(closerCookie)
		expect(closed.response?.status, JSON.stringify(closed.value)).toBe(302)
		expect(closed.response?.headers.get('Location')).toBe(samplePath)
		const after = await db.participation.findUniqueOrThrow({
			where: { id: participationId },
			include: { withdrawals: true },
		})
		expect(after.state).toBe('confirmed')
		expect(after.withdrawals).toEqual([])
		expect(await db.outboxEmail.count({ where: { participationId, template: 'withdrawal' } })).toBe(0)
		// The history says how the sample ended and why, by who closed it; the finding and the
		// rejection stay as they were.
		expect(
			await db.participationTransition.findMany({
				where: { participationId, event: 'sample_withdrawal_rejected' },
				select: { fromState: true, toState: true, note: true, actorUserId: true },
			}),
		).toEqual([{ fromState: 'sampled', toState: 'confirmed', note: why, actorUserId: closer.id }])
		expect(await db.withdrawalProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({
			status: 'rejected',
			decidedById: rejecter.id,
		})
		expect((await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).outcome).toBe(
			'incorrect_qualification',
		)
		const audited = await db.auditEvent.findMany({
			where: {
				participationId,
				action: { in: ['sample.close_left_open', 'participation.sample_withdrawal_rejected'] },
			},
			orderBy: { action: 'asc' },
			select: { action: true, actorUserId: true, reason: true, before: true, entityId: true },
		})
		expect(audited).toEqual([
			{
				action: 'participation.sample_withdrawal_rejected',
				actorUserId: closer.id,
				reason: why,
				before: expect.anything(),
				entityId: participationId,
			},
			{
				action: 'sample.close_left_open',
				actorUserId: closer.id,
				reason: why,
				before: { state: 'sampled', proposalId: proposal.id },
				entityId: interview.id,
			},
		])

		// Done on the sample page, and not offered again; a second try is refused.
		expect((await samplePage()).samples[0]).toMatchObject({ done: 1, members: [{ leftOpen: false }] })
		const again = dataOf<{ formErrors: string[] }>((await close(closerCookie)).value)
		expect(again).toMatchObject({
			status: 409,
			data: {
				formErrors: [
					'Deze steekproef staat niet (meer) open na een afgewezen intrekkingsvoorstel. Laad de pagina opnieuw.',
				],
			},
		})
	})
})
