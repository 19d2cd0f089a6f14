// The workbench of issue 12 through its routes: who may claim and who may assign, reassigning and
// releasing, the audit of every change, and the queues (mine, unassigned, waiting longer than the
// year's assessmentDays, revisions due soon) with how long each submission has waited.
import { describe, expect, it } from 'vitest'
import * as assessmentRoute from '#app/routes/staff/assessment.tsx'
import * as participationRoute from '#app/routes/staff/participation.tsx'
import * as workbenchRoute from '#app/routes/staff/workbench.tsx'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { decideRound, loadAssessment } from '#app/services/assessment.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { dataOf, sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'

const workbenchPath = (year: number, queue = 'mijn') => `/medewerkers/werkbank?jaar=${year}&wachtrij=${queue}`

async function queue(year: number, slug: string, cookie: string) {
	const { value } = await callLoader(workbenchRoute, workbenchPath(year, slug), {}, cookie)
	return dataOf<{
		counts: Record<string, number>
		rows: { participationId: string; assessor: { name: string } | null; waitingDays: number; overdue: boolean }[]
	}>(value).data
}

describe('claim and assign', () => {
	it('an assessor claims an unassigned submission once; only an administrator assigns, reassigns and releases', async () => {
		const year = 2091
		await ensureMarkYear(year)
		const { provider, user: member } = await createProviderWithMember()
		const id = await createSubmittedParticipation({ year, providerId: provider.id })
		const anna = await createUser({ staffRole: 'assessor', name: 'Anna Eerste' })
		const bram = await createUser({ staffRole: 'assessor', name: 'Bram Tweede' })
		const admin = await createUser({ staffRole: 'admin', name: 'Carla Beheer' })
		const annaCookie = await sessionCookieFor(anna.id)
		const bramCookie = await sessionCookieFor(bram.id)
		const adminCookie = await sessionCookieFor(admin.id)
		const memberCookie = await sessionCookieFor(member.id)
		const claim = (cookie: string) =>
			callAction(workbenchRoute, workbenchPath(year, 'vrij'), {}, { intent: 'claim', participationId: id }, cookie)
		const assign = (cookie: string, assessorId: string) =>
			callAction(workbenchRoute, workbenchPath(year), {}, { intent: 'assign', participationId: id, assessorId }, cookie)

		// A provider member is no staff: not found.
		expect((await claim(memberCookie)).response?.status).toBe(404)
		expect((await queue(year, 'vrij', annaCookie)).rows.map((row) => row.participationId)).toContain(id)

		expect((await claim(annaCookie)).response?.status).toBe(302)
		expect(await db.participation.findUniqueOrThrow({ where: { id } })).toMatchObject({ assessorId: anna.id })
		// Claiming again is harmless; another assessor is told who has it.
		expect((await claim(annaCookie)).response?.status).toBe(302)
		const taken = await claim(bramCookie)
		expect(dataOf<{ formErrors: string[] }>(taken.value)).toMatchObject({ status: 409 })
		expect(dataOf<{ formErrors: string[] }>(taken.value).data.formErrors[0]).toContain('Anna Eerste')
		expect((await queue(year, 'mijn', annaCookie)).rows.map((row) => row.participationId)).toEqual([id])
		expect((await queue(year, 'mijn', bramCookie)).rows).toEqual([])

		// An assessor cannot assign, not even to themselves: not found, nothing changed.
		expect((await assign(bramCookie, bram.id)).response?.status).toBe(404)
		expect((await db.participation.findUniqueOrThrow({ where: { id } })).assessorId).toBe(anna.id)
		// The administrator reassigns, cannot assign a provider member, and releases.
		expect((await assign(adminCookie, bram.id)).response?.status).toBe(302)
		expect((await db.participation.findUniqueOrThrow({ where: { id } })).assessorId).toBe(bram.id)
		expect(dataOf((await assign(adminCookie, member.id)).value).status).toBe(400)
		expect((await assign(adminCookie, '')).response?.status).toBe(302)
		const released = await db.participation.findUniqueOrThrow({ where: { id } })
		expect(released).toMatchObject({ assessorId: null, assessorAssignedAt: null })

		// Through the participation page the same rules hold (and it acts on its own participation only).
		const page = `/medewerkers/deelnames/${id}`
		expect(
			(
				await callAction(
					participationRoute,
					page,
					{ participationId: id },
					{ intent: 'assign', assessorId: anna.id },
					annaCookie,
				)
			).response?.status,
		).toBe(404)
		expect(
			(await callAction(participationRoute, page, { participationId: id }, { intent: 'claim' }, annaCookie)).response
				?.status,
		).toBe(302)

		const audit = await db.auditEvent.findMany({
			where: {
				participationId: id,
				action: { in: ['participation.claim', 'participation.assign_assessor', 'participation.reassign_assessor'] },
			},
			orderBy: { id: 'asc' },
			select: { action: true, actorUserId: true, before: true, after: true },
		})
		expect(audit).toEqual([
			{
				action: 'participation.claim',
				actorUserId: anna.id,
				before: { assessorId: null },
				after: { assessorId: anna.id },
			},
			{
				action: 'participation.reassign_assessor',
				actorUserId: admin.id,
				before: { assessorId: anna.id },
				after: { assessorId: bram.id },
			},
			{
				action: 'participation.reassign_assessor',
				actorUserId: admin.id,
				before: { assessorId: bram.id },
				after: { assessorId: null },
			},
			{
				action: 'participation.claim',
				actorUserId: anna.id,
				before: { assessorId: null },
				after: { assessorId: anna.id },
			},
		])
	})

	it('a submission that does not wait for assessment cannot be claimed', async () => {
		const year = 2092
		await ensureMarkYear(year)
		const { provider } = await createProviderWithMember()
		const id = await createSubmittedParticipation({ year, providerId: provider.id })
		await db.participation.update({ where: { id }, data: { state: 'qualified' } })
		const anna = await createUser({ staffRole: 'assessor' })
		const result = await callAction(
			workbenchRoute,
			workbenchPath(year, 'vrij'),
			{},
			{ intent: 'claim', participationId: id },
			await sessionCookieFor(anna.id),
		)
		expect(dataOf(result.value).status).toBe(409)
		expect((await db.participation.findUniqueOrThrow({ where: { id } })).assessorId).toBeNull()
	})
})

describe('queues', () => {
	it('counts mine, unassigned, waiting too long and revisions due soon, with the days waited', async () => {
		const year = 2093
		await ensureMarkYear(year)
		const anna = await createUser({ staffRole: 'assessor' })
		const cookie = await sessionCookieFor(anna.id)
		const ids: string[] = []
		for (let index = 0; index < 3; index++) {
			const { provider } = await createProviderWithMember()
			ids.push(await createSubmittedParticipation({ year, providerId: provider.id }))
		}
		const [mine, free, revising] = ids as [string, string, string]
		await db.participation.update({ where: { id: mine }, data: { assessorId: anna.id } })
		// The third gets a revision request (through the assessment form and the decision).
		const loaded = await loadAssessment(revising, 1)
		const fields: Record<string, string> = { intent: 'save', version: '0' }
		for (const ref of loaded!.outcome.toAssess) fields[`verdict-${ref.key}`] = 'sufficient'
		fields[`verdict-${loaded!.outcome.toAssess[0]!.key}`] = 'insufficient'
		fields[`feedback-${loaded!.outcome.toAssess[0]!.key}`] = 'Concreter.'
		const path = `/medewerkers/deelnames/${revising}/beoordeling/1`
		const params = { participationId: revising, round: '1' }
		expect((await callAction(assessmentRoute, path, params, fields, cookie)).response?.status).toBe(302)
		// The decision itself goes through its confirmation page (safe-decisions.test.ts); here the service.
		await decideRound(
			{ type: 'staff', userId: anna.id },
			{ participationId: revising, round: 1, outcome: 'revision_requested' },
		)

		// Submitted on 10 February; on 3 March (21 days) not overdue yet, on 4 March it is.
		setClock(amsterdamInstant(`${year}-03-03`, { hour: 10 }))
		let data = await queue(year, 'mijn', cookie)
		expect(data.counts).toMatchObject({ mine: 1, unassigned: 1, overdue: 0, revision_due: 0 })
		expect(data.rows[0]).toMatchObject({ participationId: mine, waitingDays: 21, overdue: false })
		setClock(amsterdamInstant(`${year}-03-04`, { hour: 10 }))
		data = await queue(year, 'te-lang', cookie)
		expect(data.counts.overdue).toBe(2)
		expect(data.rows.map((row) => row.participationId).sort()).toEqual([mine, free].sort())
		// The revision is due at the deadline (31 March): "due soon" from 24 March.
		setClock(amsterdamInstant(`${year}-03-24`, { hour: 10 }))
		data = await queue(year, 'herziening', cookie)
		expect(data.rows.map((row) => row.participationId)).toEqual([revising])
		// A year's own assessmentDays counts.
		await db.markYear.update({ where: { year }, data: { assessmentDays: 60 } })
		expect((await queue(year, 'te-lang', cookie)).counts.overdue).toBe(0)
	})
})
