// The demo data is built by living through the cycle with the real services; this keeps it
// working as the services change, and checks it shows what the README promises.
import { describe, expect, it } from 'vitest'
import { snapshotProblems } from '#app/domain/participation.ts'
import { db } from '#app/lib/db.server.ts'
import { login } from '#app/services/auth.server.ts'
import { snapshotOf } from '#app/services/participation.server.ts'
import { demoAccounts, demoPassword } from '#prisma/seed/demo-accounts.ts'
import { seedDemoIfEmpty } from '#prisma/seed/demo.ts'

describe('demo data', () => {
	it('is consistent and covers the cycle at the demo moment', async () => {
		expect(await seedDemoIfEmpty(db, { now: new Date('2027-03-20T09:00:00Z') })).toBe(true)
		// A second call leaves an existing database alone.
		expect(await seedDemoIfEmpty(db, { now: new Date('2027-03-20T09:00:00Z') })).toBe(false)

		const participations = await db.participation.findMany({
			include: {
				rounds: { select: { number: true, status: true, outcome: true }, orderBy: { number: 'asc' } },
				withdrawals: { where: { undoneAt: null }, orderBy: { decidedAt: 'desc' }, take: 1 },
				markYear: true,
			},
		})
		expect(participations.length).toBeGreaterThanOrEqual(100)
		for (const participation of participations)
			expect(snapshotProblems(snapshotOf(participation)), participation.id).toEqual([])

		const running = participations
			.filter((participation) => participation.year === 2027)
			.map((participation) => participation.state)
		for (const state of [
			'agreement_offered',
			'agreement_signed',
			'listed',
			'submitted',
			'revision_requested',
			'qualified',
			'sampled',
			'withdrawn',
			'agreement_declined',
		] as const) {
			expect(running, state).toContain(state)
		}
		expect(participations.some((participation) => participation.state === 'confirmed')).toBe(true)
		expect(await db.provider.count()).toBeGreaterThanOrEqual(40)
		// The fees of 2026 went through the real invoice service: numbered, with a PDF, some paid.
		const invoices = await db.invoice.findMany({ select: { fileId: true, status: true, number: true } })
		expect(invoices.length).toBeGreaterThan(10)
		expect(invoices.every((invoice) => invoice.fileId !== null)).toBe(true)
		expect(new Set(invoices.map((invoice) => invoice.status))).toEqual(new Set(['open', 'paid']))
		expect(await db.outboxEmail.count({ where: { template: 'invoice_issued' } })).toBeGreaterThanOrEqual(
			invoices.length,
		)
	}, 180_000)

	it('has the README accounts, with the README password, in the README situations', async () => {
		for (const account of demoAccounts) {
			expect(await login(account.email, demoPassword, `10.9.0.${account.email.length}`), account.email).toMatchObject({
				ok: true,
			})
		}
		const visser = await db.participation.findFirstOrThrow({
			where: { year: 2027, provider: { name: 'Praktijk Visser' } },
		})
		expect(visser.state).toBe('listed')
		const rivierenland = await db.participation.findFirstOrThrow({
			where: { year: 2027, provider: { name: 'GGZ Rivierenland' } },
		})
		expect(rivierenland.state).toBe('qualified')
		const colleague = await db.user.findUniqueOrThrow({
			where: { email: 'medewerker@aanbieder.demo' },
			include: { memberships: true },
		})
		expect(colleague.memberships.map((membership) => membership.canSign)).toEqual([false, false])
	})
})
