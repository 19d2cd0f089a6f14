// DOMAIN.md §3 (issue 16 item 2): a year may set a first-submission deadline (KiBG used 31 January
// in 2019) so there is time to assess and revise before the qualification deadline. A carrier
// that has not submitted by then gets reminders and is flagged to staff, but is not withdrawn
// before the qualification deadline.
import { describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { parseTableQuery } from '#app/components/data-table/table-query.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { fillRound } from '#app/lib/test-fixtures/staff.server.ts'
import type { Actor } from '#app/services/audit.server.ts'
import { createParticipation, requireParticipationEvent } from '#app/services/participation.server.ts'
import { listParticipations, participationsTableSpec } from '#app/services/staff-participations.server.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { createYear } from '#test/fixtures/years.ts'

const YEAR = 2092
const at = (date: string, hour = 12) => amsterdamInstant(date, { hour })
const system: Actor = { type: 'system', userId: null }

async function listed(name: string) {
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
	return { id, actor, provider }
}

describe('the first-submission deadline', () => {
	it('reminds before it, flags the late carrier to staff after it, and withdraws only after the qualification deadline', async () => {
		await createYear(YEAR, { firstSubmissionDeadline: `${YEAR}-01-31` })
		const late = await listed('Praktijk Laat')
		const onTime = await listed('Praktijk Op Tijd')
		await fillRound(onTime.id, YEAR, 1, 'Onze werkwijze, toegelicht met een voorbeeld uit de praktijk. '.repeat(3))
		setClock(at(`${YEAR}-01-20`))
		await db.$transaction((tx) =>
			requireParticipationEvent(tx, onTime.id, { type: 'submit_self_evaluation' }, onTime.actor),
		)

		// Seven days before 31 January: a reminder for the first submission, to the late one only.
		setClock(at(`${YEAR}-01-24`, 7))
		await runJob('qualification-reminders')
		const before = await db.outboxEmail.findMany({ where: { template: 'qualification_reminder' } })
		expect(new Set(before.map((mail) => mail.participationId))).toEqual(new Set([late.id]))
		expect(before[0]?.text).toContain(`31 januari ${YEAR}`)

		// After it: flagged in the staff list, a notice once, and still a carrier in the register.
		setClock(at(`${YEAR}-02-02`, 7))
		await runJob('qualification-reminders')
		const notices = await db.outboxEmail.count({
			where: { template: 'first_submission_overdue', participationId: late.id },
		})
		expect(notices).toBeGreaterThan(0)
		await runJob('qualification-reminders')
		expect(
			await db.outboxEmail.count({ where: { template: 'first_submission_overdue', participationId: late.id } }),
		).toBe(notices)
		const query = parseTableQuery(new URLSearchParams('overdue=first_submission'), participationsTableSpec([]))
		const flagged = await listParticipations(query, YEAR)
		expect(flagged.rows.map((row) => row.provider.name)).toEqual(['Praktijk Laat'])
		await runJob('qualification-deadline')
		expect((await db.participation.findUniqueOrThrow({ where: { id: late.id } })).state).toBe('listed')
	})
})
