// Permissions and audit of the staff workspace: a provider member gets 404 on every staff URL, an
// assessor gets 404 on every admin action, and every staff mutation leaves an audit event.
import { describe, expect, it } from 'vitest'
import * as assessment from '#app/routes/staff/assessment.tsx'
import * as audit from '#app/routes/staff/audit.tsx'
import * as auditCsv from '#app/routes/staff/audit-csv.ts'
import * as documentRoute from '#app/routes/staff/document.ts'
import * as layout from '#app/routes/staff/layout.tsx'
import * as normSet from '#app/routes/staff/norm-set/overview.tsx'
import * as overview from '#app/routes/staff/overview.tsx'
import * as participation from '#app/routes/staff/participation.tsx'
import * as participations from '#app/routes/staff/participations.tsx'
import * as participationsCsv from '#app/routes/staff/participations-csv.ts'
import * as sample from '#app/routes/staff/sample.tsx'
import * as sampleOutcome from '#app/routes/staff/sample-outcome.tsx'
import * as users from '#app/routes/staff/users.tsx'
import * as withdrawals from '#app/routes/staff/withdrawals.tsx'
import * as withdrawRoute from '#app/routes/staff/withdraw.tsx'
import * as year from '#app/routes/staff/year.tsx'
import * as years from '#app/routes/staff/years.tsx'
import { amsterdamDateOf } from '#app/domain/amsterdam-time.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createQualifiedParticipations, createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'

const YEAR = 2071

async function world() {
	await ensureMarkYear(YEAR)
	const { provider, user: member } = await createProviderWithMember()
	const participationId = await createSubmittedParticipation({ year: YEAR, providerId: provider.id })
	const file = await db.storedFile.findFirst({ where: { providerId: provider.id } })
	return { provider, member, participationId, fileId: file?.id ?? 'geen' }
}

describe('staff permissions', () => {
	it('a provider member gets 404 on every staff URL, GET and POST', async () => {
		const { member, participationId, fileId } = await world()
		const cookie = await sessionCookieFor(member.id)
		const pages: [object, string, Record<string, string>][] = [
			[layout, '/medewerkers', {}],
			[overview, '/medewerkers', {}],
			[participations, '/medewerkers/deelnames', {}],
			[participationsCsv, '/medewerkers/deelnames/csv', {}],
			[participation, `/medewerkers/deelnames/${participationId}`, { participationId }],
			[assessment, `/medewerkers/deelnames/${participationId}/beoordeling/1`, { participationId, round: '1' }],
			[sample, '/medewerkers/steekproef', {}],
			[withdrawals, '/medewerkers/intrekkingen', {}],
			[years, '/medewerkers/jaren', {}],
			[year, `/medewerkers/jaren/${YEAR}`, { year: String(YEAR) }],
			[normSet, `/medewerkers/normen/${YEAR}`, { year: String(YEAR) }],
			[users, '/medewerkers/gebruikers', {}],
			[audit, '/medewerkers/audit', {}],
			[auditCsv, '/medewerkers/audit/csv', {}],
			[documentRoute, `/medewerkers/documenten/${fileId}`, { fileId }],
		]
		for (const [module, path, params] of pages) {
			const { response } = await callLoader(module as never, path, params, cookie)
			expect(response?.status, `GET ${path}`).toBe(404)
			if ('action' in module) {
				const posted = await callAction(module as never, path, params, { intent: 'withdraw' }, cookie)
				expect(posted.response?.status, `POST ${path}`).toBe(404)
			}
		}
	})

	it('an assessor reads everything but gets 404 on every admin action', async () => {
		const { participationId } = await world()
		const assessor = await createUser({ staffRole: 'assessor' })
		const cookie = await sessionCookieFor(assessor.id)
		for (const [module, path, params] of [
			[participations, '/medewerkers/deelnames', {}],
			[participation, `/medewerkers/deelnames/${participationId}`, { participationId }],
			[normSet, `/medewerkers/normen/${YEAR}`, { year: String(YEAR) }],
			[year, `/medewerkers/jaren/${YEAR}`, { year: String(YEAR) }],
			[audit, '/medewerkers/audit', {}],
		] as const) {
			const { value, response } = await callLoader(module as never, path, params, cookie)
			expect(response?.status ?? 200, path).toBe(200)
			expect(value).toBeTruthy()
		}
		expect((await callLoader(users, '/medewerkers/gebruikers', {}, cookie)).response?.status).toBe(404)
		const adminActions: [object, string, Record<string, string>, Record<string, string>][] = [
			[
				withdrawRoute,
				`/medewerkers/deelnames/${participationId}/intrekken`,
				{ participationId },
				{
					reason: 'provider_request',
					effectiveOn: amsterdamDateOf(now()),
					explanation: 'Afdracht niet betaald na herinneringen.',
				},
			],
			[
				participation,
				`/medewerkers/deelnames/${participationId}`,
				{ participationId },
				{ intent: 'undo', justification: 'Betaling bleek wel ontvangen.' },
			],
			[sample, '/medewerkers/steekproef', {}, { intent: 'draw', year: String(YEAR), method: 'count', amount: '1' }],
			[years, '/medewerkers/jaren', {}, {}],
			[year, `/medewerkers/jaren/${YEAR}`, { year: String(YEAR) }, { intent: 'publish' }],
			[normSet, `/medewerkers/normen/${YEAR}`, { year: String(YEAR) }, { intent: 'publish' }],
			[
				users,
				'/medewerkers/gebruikers',
				{},
				{ intent: 'invite_staff', email: 'x@kibg.test', name: 'X', role: 'admin' },
			],
		]
		const before = await db.auditEvent.count()
		for (const [module, path, params, fields] of adminActions) {
			const { response } = await callAction(module as never, path, params, fields, cookie)
			expect(response?.status, `POST ${path} ${fields.intent ?? ''}`).toBe(404)
		}
		expect(await db.auditEvent.count()).toBe(before)
		expect((await db.participation.findUniqueOrThrow({ where: { id: participationId } })).state).toBe('submitted')
	})

	it('every staff mutation leaves an audit event by its actor', async () => {
		const year2 = 2072
		await ensureMarkYear(year2)
		const [qualifiedId, otherId] = await createQualifiedParticipations({ year: year2, count: 2, prefix: 'Audit Zorg' })
		const { participationId } = await world()
		// The withdrawal takes effect at once here; four-eyes proposals are in safe-decisions.test.ts.
		await db.markYear.update({ where: { year: YEAR }, data: { fourEyesWithdrawal: false } })
		const admin = await createUser({ staffRole: 'admin' })
		const other = await createUser({ staffRole: 'assessor' })
		const cookie = await sessionCookieFor(admin.id)
		const today = amsterdamDateOf(now())
		const criterionKey = (
			await db.criterion.findFirstOrThrow({ where: { normSet: { year: YEAR } }, orderBy: { position: 'asc' } })
		).key
		const interview = async () =>
			await db.interview.findFirstOrThrow({
				where: { sampleMember: { participation: { year: year2 } }, outcome: null },
			})
		const steps: { name: string; action: string; run: () => Promise<{ response?: Response; value?: unknown }> }[] = [
			{
				name: 'assign',
				action: 'participation.assign_assessor',
				run: () =>
					callAction(
						participation,
						`/medewerkers/deelnames/${participationId}`,
						{ participationId },
						{ intent: 'assign', assessorId: other.id },
						cookie,
					),
			},
			{
				name: 'assess',
				action: 'assessment.save',
				run: () =>
					callAction(
						assessment,
						`/x`,
						{ participationId, round: '1' },
						{ intent: 'save', version: '0', [`verdict-${criterionKey}`]: 'sufficient' },
						cookie,
					),
			},
			{
				name: 'draw',
				action: 'sample.draw',
				run: () =>
					callAction(
						sample,
						'/medewerkers/steekproef',
						{},
						{ intent: 'draw', year: String(year2), method: 'count', amount: '2', seed: 'audit' },
						cookie,
					),
			},
			{
				name: 'plan',
				action: 'interview.plan',
				run: async () => {
					const row = await interview()
					return callAction(
						sample,
						'/medewerkers/steekproef',
						{},
						{
							intent: 'plan',
							interviewId: row.id,
							version: String(row.version),
							// Held today (an outcome follows an interview that has taken place, issue 16).
							date: today,
							time: '00:00',
							mode: 'online',
							interviewerId: other.id,
						},
						cookie,
					)
				},
			},
			{
				name: 'outcome',
				action: 'interview.outcome',
				run: async () => {
					const row = await interview()
					// Issue 12 §5: the outcome is confirmed on its own page.
					return callAction(
						sampleOutcome,
						`/medewerkers/steekproef/gesprek/${row.id}`,
						{ interviewId: row.id },
						{
							version: String(row.version),
							outcome: 'confirmed',
							notes: 'Gesprek bevestigt de zelfevaluatie.',
						},
						cookie,
					)
				},
			},
			{
				name: 'withdraw',
				action: 'participation.withdraw',
				run: () =>
					callAction(
						withdrawRoute,
						'/x',
						{ participationId },
						{
							reason: 'provider_request',
							effectiveOn: today,
							explanation: 'Op verzoek van de zorgaanbieder beëindigd.',
						},
						cookie,
					),
			},
			{
				name: 'undo',
				action: 'participation.undo_withdrawal',
				run: () =>
					callAction(
						participation,
						'/x',
						{ participationId },
						{ intent: 'undo', justification: 'Verzoek ingetrokken door de aanbieder.' },
						cookie,
					),
			},
			{
				name: 'create year',
				action: 'mark_year.create',
				run: () => callAction(years, '/medewerkers/jaren', {}, {}, cookie),
			},
			{
				name: 'publish fee',
				action: 'mark_year.publish_fee_rate',
				run: () => callAction(year, '/x', { year: String(YEAR) }, { intent: 'publish' }, cookie),
			},
			{
				name: 'invite staff',
				action: 'user.invited',
				run: () =>
					callAction(
						users,
						'/medewerkers/gebruikers',
						{},
						{
							intent: 'invite_staff',
							email: `nieuw-${Date.now()}@kibg.test`,
							name: 'Nieuwe Beoordelaar',
							role: 'assessor',
						},
						cookie,
					),
			},
			{
				name: 'role',
				action: 'user.change_role',
				run: () =>
					callAction(users, '/medewerkers/gebruikers', {}, { intent: 'role', userId: other.id, role: 'admin' }, cookie),
			},
			{
				name: 'deactivate',
				action: 'user.deactivate',
				run: () => callAction(users, '/medewerkers/gebruikers', {}, { intent: 'deactivate', userId: other.id }, cookie),
			},
		]
		for (const step of steps) {
			const before = await db.auditEvent.count({ where: { action: step.action, actorUserId: admin.id } })
			const { response, value } = await step.run()
			expect(response?.status, `${step.name}: ${JSON.stringify(value)}`).toBe(302)
			expect(
				await db.auditEvent.count({ where: { action: step.action, actorUserId: admin.id } }),
				step.name,
			).toBeGreaterThan(before)
		}
		// Deactivation ends the sessions of that user.
		expect(await db.session.count({ where: { userId: other.id } })).toBe(0)
		expect([qualifiedId, otherId].length).toBe(2)
		// The audit log is append-only: the database refuses an update.
		await expect(db.auditEvent.updateMany({ data: { reason: 'vervalst' } })).rejects.toThrow()
	})
})
