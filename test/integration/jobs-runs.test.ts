// Scheduled runs: one JobRun per job and day for the scheduler, runs by hand recorded and
// audited, a failed day tried again, and the jobs themselves idempotent where the year test does
// not reach (renewal offers, overdue revisions, sessions).
import { describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { jobs } from '#app/jobs/index.server.ts'
import { runJob, scheduledRunKey } from '#app/jobs/runner.server.ts'
import { startScheduler } from '#app/jobs/scheduler.server.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createQualifiedParticipation } from '#app/lib/test-fixtures/fees.server.ts'
import type { Actor } from '#app/services/audit.server.ts'
import { createParticipation, runParticipationEvent } from '#app/services/participation.server.ts'
import { createProvider, createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { createYear } from '#test/fixtures/years.ts'

const at = (date: string, hour = 0, minute = 5) => amsterdamInstant(date, { hour, minute })
const system: Actor = { type: 'system', userId: null }

describe('the job runner', () => {
	it('runs a job once per Amsterdam day for the scheduler, and again by hand (recorded and audited)', async () => {
		const moment = at('2071-06-01', 0, 1)
		setClock(moment)
		const first = await runJob('purge-sessions', { trigger: 'scheduler' })
		expect(first).toMatchObject({ ran: true })
		expect(first.run.runKey).toBe('purge-sessions:2071-06-01')
		const again = await runJob('purge-sessions', { trigger: 'scheduler', at: at('2071-06-01', 23, 50) })
		expect(again).toMatchObject({ ran: false, reason: 'already_done' })
		// The next Amsterdam day is a new period (22:30 UTC on 1 June is 00:30 on 2 June in Amsterdam).
		expect(scheduledRunKey('purge-sessions', new Date('2071-06-01T22:30:00Z'))).toBe('purge-sessions:2071-06-02')

		const admin = await createUser({ staffRole: 'admin' })
		const byHand = await runJob('purge-sessions', { actor: { type: 'staff', userId: admin.id } })
		expect(byHand.ran).toBe(true)
		expect(byHand.run.runKey).toMatch(/^purge-sessions:hand:/)
		const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'job.run', entityId: byHand.run.id } })
		expect(audit).toMatchObject({ actorType: 'staff', actorUserId: admin.id })
		expect(await db.jobRun.count({ where: { job: 'purge-sessions' } })).toBe(2)
	})

	it('tries a failed day again and records the error', async () => {
		setClock(at('2071-06-03'))
		const original = jobs['purge-sessions'].run
		jobs['purge-sessions'].run = async () => {
			throw new Error('database weg')
		}
		try {
			const failed = await runJob('purge-sessions', { trigger: 'scheduler' })
			expect(failed.run).toMatchObject({ status: 'failed', error: 'database weg' })
		} finally {
			jobs['purge-sessions'].run = original
		}
		const retried = await runJob('purge-sessions', { trigger: 'scheduler' })
		expect(retried).toMatchObject({ ran: true, run: { status: 'succeeded', error: null } })
		expect(await db.jobRun.count({ where: { runKey: 'purge-sessions:2071-06-03' } })).toBe(1)
	})

	it('leaves a run in progress alone, and takes over one abandoned for over an hour', async () => {
		setClock(at('2071-06-04', 1))
		await db.jobRun.create({
			data: {
				job: 'purge-sessions',
				runKey: 'purge-sessions:2071-06-04',
				at: at('2071-06-04', 0, 30),
				startedAt: at('2071-06-04', 0, 30),
				status: 'running',
			},
		})
		expect(await runJob('purge-sessions', { trigger: 'scheduler' })).toMatchObject({
			ran: false,
			reason: 'in_progress',
		})
		setClock(at('2071-06-04', 2))
		expect(await runJob('purge-sessions', { trigger: 'scheduler' })).toMatchObject({
			ran: true,
			run: { status: 'succeeded' },
		})
	})

	it('the in-process scheduler runs every job once a day and catches up after a restart', async () => {
		setClock(at('2071-06-10', 14))
		const scheduler = startScheduler({ intervalMs: 3_600_000 })
		await scheduler.tick()
		await scheduler.tick()
		await scheduler.stop()
		const runs = await db.jobRun.findMany({ where: { runKey: { endsWith: ':2071-06-10' } } })
		expect(runs.map((run) => run.job).sort()).toEqual(Object.keys(jobs).sort())
		// A second process (or a restart) the same day finds the day done.
		const restarted = startScheduler({ intervalMs: 3_600_000 })
		await restarted.tick()
		await restarted.stop()
		expect(await db.jobRun.count({ where: { runKey: { endsWith: ':2071-06-10' } } })).toBe(runs.length)
	})
})

describe('jobs', () => {
	it('offers next year’s agreement in May only to carriers in good standing, once', async () => {
		await createYear(2072)
		await createYear(2073)
		const carrier = await createProvider({ name: 'Praktijk Goed' })
		const withdrawn = await createProvider({ name: 'Praktijk Ingetrokken' })
		const applied = await createProviderWithMember({ providerName: 'Praktijk Al Aangemeld' })
		await createQualifiedParticipation({ providerId: carrier.id, year: 2072 })
		await createQualifiedParticipation({ providerId: applied.provider.id, year: 2072 })
		// A carrier whose mark was withdrawn for unpaid fees is not offered.
		const bad = await createQualifiedParticipation({ providerId: withdrawn.id, year: 2072 })
		setClock(at('2072-04-10', 10))
		expect(await runParticipationEvent(bad.id, { type: 'withdraw', reason: 'unpaid_fee' }, system)).toMatchObject({
			ok: true,
		})
		// One that applied for 2073 itself before May keeps its own participation.
		setClock(at('2072-04-20', 10))
		await db.markYear.update({ where: { year: 2073 }, data: { applicationOpensOn: new Date('2072-04-01T00:00:00Z') } })
		await db.$transaction((tx) =>
			createParticipation(tx, {
				providerId: applied.provider.id,
				year: 2073,
				start: { origin: 'application', isReapplicant: false },
				actor: { type: 'provider', userId: applied.user.id },
			}),
		)

		setClock(at('2072-04-30', 23, 59))
		expect(await jobs['offer-agreements'].run(at('2072-04-30', 23, 59))).toEqual({})
		const may = at('2072-05-01')
		const summary = await jobs['offer-agreements'].run(may)
		expect(summary).toMatchObject({ checked: 1, offered: 1 })
		const offered = await db.participation.findUniqueOrThrow({
			where: { providerId_year: { providerId: carrier.id, year: 2073 } },
		})
		expect(offered.state).toBe('agreement_offered')
		expect(await db.agreement.count({ where: { participationId: offered.id, status: 'offered' } })).toBe(1)
		expect(await db.outboxEmail.count({ where: { participationId: offered.id, template: 'agreement_offered' } })).toBe(
			1,
		)
		expect(await db.participation.count({ where: { providerId: withdrawn.id, year: 2073 } })).toBe(0)
		expect(
			(
				await db.participation.findUniqueOrThrow({
					where: { providerId_year: { providerId: applied.provider.id, year: 2073 } },
				})
			).state,
		).toBe('applied')
		// Twice: nothing new.
		expect(await jobs['offer-agreements'].run(may)).toEqual({ checked: 0 })
		expect(await db.participation.count({ where: { year: 2073 } })).toBe(2)
	})

	it('withdraws an overdue revision once, effective the instant after its due date', async () => {
		// A year that grants 14 days for a late revision (revisionGraceDays; the default is 0, 003 §3.2).
		await createYear(2074, { revisionGraceDays: 14 })
		const { provider, user } = await createProviderWithMember()
		const providerActor: Actor = { type: 'provider', userId: user.id }
		const staff = await createUser({ staffRole: 'assessor' })
		setClock(at('2073-06-15', 10))
		const created = await db.$transaction((tx) =>
			createParticipation(tx, {
				providerId: provider.id,
				year: 2074,
				start: { origin: 'application', isReapplicant: false },
				actor: providerActor,
			}),
		)
		if (!created.ok) throw new Error(created.refusal.message)
		const id = created.participation.id
		await runParticipationEvent(id, { type: 'offer_agreement' }, { type: 'staff', userId: staff.id })
		await runParticipationEvent(id, { type: 'sign_agreement' }, providerActor)
		setClock(at('2074-03-20', 10))
		await db.selfEvaluationRound.create({ data: { participationId: id, number: 1 } })
		expect(await runParticipationEvent(id, { type: 'submit_self_evaluation' }, providerActor)).toMatchObject({
			ok: true,
		})
		setClock(at('2074-03-25', 10))
		// The assessment service records the round's outcome with the event.
		await db.selfEvaluationRound.updateMany({
			where: { participationId: id, number: 1 },
			data: { outcome: 'revision_requested', decidedAt: at('2074-03-25', 10) },
		})
		expect(
			await runParticipationEvent(id, { type: 'request_revision' }, { type: 'staff', userId: staff.id }),
		).toMatchObject({ ok: true })
		const dueAt = (await db.participation.findUniqueOrThrow({ where: { id } })).revisionDueAt as Date
		expect(dueAt.toISOString()).toBe(
			amsterdamInstant('2074-04-08', { hour: 23, minute: 59, second: 59, millisecond: 999 }).toISOString(),
		)

		expect(await jobs['revision-overdue'].run(at('2074-04-08', 23, 59))).toEqual({ checked: 0 })
		const late = at('2074-04-09', 0, 5)
		setClock(late)
		expect(await jobs['revision-overdue'].run(late)).toMatchObject({ checked: 1, changed: 1 })
		expect(await jobs['revision-overdue'].run(late)).toEqual({ checked: 0 })
		const withdrawal = await db.withdrawal.findFirstOrThrow({ where: { participationId: id } })
		expect(withdrawal.reason).toBe('not_qualified_in_time')
		expect(withdrawal.effectiveAt.getTime()).toBe(dueAt.getTime() + 1)
		expect(await db.outboxEmail.count({ where: { participationId: id, template: 'withdrawal' } })).toBe(2)
	})

	it('purges expired sessions and rate-limit counters, keeping live ones', async () => {
		const user = await createUser()
		await db.session.createMany({
			data: [
				{ id: 'expired-session-hash', userId: user.id, expiresAt: new Date(Date.now() - 60_000) },
				{ id: 'live-session-hash', userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
			],
		})
		await db.rateLimit.createMany({
			data: [
				{ key: 'login:old', count: 5, resetAt: new Date(Date.now() - 1000) },
				{ key: 'login:now', count: 1, resetAt: new Date(Date.now() + 60_000) },
			],
		})
		const summary = await jobs['purge-sessions'].run(new Date())
		expect(summary).toMatchObject({ sessionsDeleted: 1, rateLimitsDeleted: 1 })
		expect((await db.session.findMany({ where: { userId: user.id } })).map((session) => session.id)).toEqual([
			'live-session-hash',
		])
		expect(await db.rateLimit.findUnique({ where: { key: 'login:now' } })).not.toBeNull()
	})
})
