// The demo data is built by living through the cycle with the real services; this keeps it
// working as the services change, and checks it shows what the README promises.
import { describe, expect, it } from 'vitest'
import { snapshotProblems } from '#app/domain/participation.ts'
import { addDays, amsterdamDateOf, startOfDay } from '#app/domain/amsterdam-time.ts'
import { auditFieldLabelled } from '#app/i18n/labels.ts'
import { db } from '#app/lib/db.server.ts'
import { readStoredFile } from '#app/lib/storage.server.ts'
import { auditChanges } from '#app/routes/staff/audit-diff.tsx'
import { login } from '#app/services/auth.server.ts'
import { snapshotOf } from '#app/services/participation.server.ts'
import { demoAccounts, demoPassword } from '#prisma/seed/demo-accounts.ts'
import { seedDemoIfEmpty } from '#prisma/seed/demo.ts'
import { plausibleIndicatorValues } from '#prisma/seed/benchmark-values.ts'
import { carrierReport } from '#app/services/benchmark.server.ts'
import { pdfText } from '#test/fixtures/mail-smtp.ts'

describe('demo data', () => {
	// The seed takes about a minute on a quiet machine; a machine shared by several test runs needs
	// ten times that.
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
	}, 900_000)

	it('issue 12 §4: conversations after revision requests, through the service (mailed, audited), some unanswered', async () => {
		const messages = await db.participationMessage.findMany({
			include: { participation: { select: { year: true, state: true } }, attachments: true },
		})
		expect(messages.filter((message) => message.side === 'provider').length).toBeGreaterThanOrEqual(4)
		expect(messages.filter((message) => message.side === 'staff').length).toBeGreaterThanOrEqual(2)
		expect(messages.some((message) => message.attachments.length > 0)).toBe(true)
		// In the running year a question waits for KiBG: the workbench shows it as unread.
		const threads = new Map<string, string[]>()
		for (const message of messages.filter((candidate) => candidate.participation.year === 2027))
			threads.set(message.participationId, [...(threads.get(message.participationId) ?? []), message.side])
		expect([...threads.values()].some((sides) => sides.at(-1) === 'provider')).toBe(true)
		expect(await db.auditEvent.count({ where: { action: 'conversation.message' } })).toBe(messages.length)
		expect(await db.outboxEmail.count({ where: { template: 'conversation_message' } })).toBeGreaterThanOrEqual(
			messages.length,
		)
	})

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

	it('issue 16: withdrawn carriers have dissolved agreements and letters; signed agreements have their PDF', async () => {
		const withdrawn = await db.participation.findMany({
			where: { state: 'withdrawn' },
			include: {
				agreements: true,
				withdrawals: { where: { undoneAt: null }, select: { letterFileId: true } },
			},
		})
		expect(withdrawn.length).toBeGreaterThan(3)
		for (const participation of withdrawn) {
			// 003 §3.3: every withdrawal has its letter, and no agreement stays in force or on offer.
			expect(participation.withdrawals[0]?.letterFileId, participation.id).toBeTruthy()
			for (const agreement of participation.agreements)
				expect(['dissolved', 'lapsed'], participation.id).toContain(agreement.status)
			if (participation.stateBeforeWithdrawal && participation.stateBeforeWithdrawal !== 'agreement_offered')
				expect(participation.agreements.map((agreement) => agreement.status)).toContain('dissolved')
		}
		// Every signed agreement was signed through the real service: the signed PDF exists.
		const signed = await db.agreement.findMany({ where: { status: { in: ['signed', 'dissolved'] } } })
		expect(signed.length).toBeGreaterThan(20)
		expect(signed.filter((agreement) => !agreement.signedFileId)).toEqual([])
		const rivierenland = await db.agreement.findFirstOrThrow({
			where: { participation: { year: 2027, provider: { name: 'GGZ Rivierenland' } } },
			include: { signedFile: true },
		})
		expect(rivierenland.status).toBe('signed')
		expect(rivierenland.signedFile?.kind).toBe('agreement')
		// The fee rate of every year that was invoiced was published (issue 16: "Niet gepubliceerd").
		const invoicedYears = await db.markYear.findMany({
			where: { participations: { some: { invoices: { some: {} } } } },
			select: { year: true, feeRatePublishedAt: true },
		})
		expect(invoicedYears.length).toBeGreaterThan(0)
		for (const year of invoicedYears) expect(year.feeRatePublishedAt, String(year.year)).not.toBeNull()
		for (const year of [2025, 2026, 2027])
			expect((await db.markYear.findUniqueOrThrow({ where: { year } })).feeRatePublishedAt, String(year)).not.toBeNull()
		// Stored files and uploads carry the demo clock, not the machine's (issue 16 item 8).
		const future = await db.storedFile.count({ where: { createdAt: { gt: new Date('2027-03-21T00:00:00Z') } } })
		expect(future).toBe(0)
		const documents = await db.answerDocument.count({ where: { addedAt: { gt: new Date('2027-03-21T00:00:00Z') } } })
		expect(documents).toBe(0)
	})

	it('issue 12: the unpaid-fee withdrawal follows the rules: invoice, overdue notice, grace term, four-eyes, letter with bezwaar', async () => {
		const provider = await db.provider.findFirstOrThrow({ where: { name: 'Praktijk Samen Sterk' } })
		const invoice = await db.invoice.findFirstOrThrow({
			where: { participation: { providerId: provider.id, year: 2025 } },
			include: { participation: { include: { markYear: true } } },
		})
		const participation = await db.participation.findUniqueOrThrow({
			where: { providerId_year: { providerId: provider.id, year: 2026 } },
			include: {
				agreements: true,
				withdrawals: { include: { letterFile: true } },
				withdrawalProposals: { include: { proposedBy: true, decidedBy: true } },
			},
		})
		expect(participation.state).toBe('withdrawn')
		const [withdrawal] = participation.withdrawals
		expect(withdrawal?.reason).toBe('unpaid_fee')
		expect(withdrawal?.effectiveAt.toISOString()).toBe(startOfDay('2026-07-01').toISOString())

		// DOMAIN.md §6: the invoice stayed open, its overdue notice went out, and the grace term had passed.
		expect(invoice.status).toBe('open')
		expect(invoice.overdueNotifiedAt).not.toBeNull()
		expect(
			await db.outboxEmail.count({ where: { template: 'invoice_overdue', participationId: invoice.participationId } }),
		).toBeGreaterThan(0)
		const [proposal] = participation.withdrawalProposals
		expect(proposal).toBeDefined()
		expect(invoice.overdueNotifiedAt!.getTime()).toBeLessThan(proposal!.proposedAt.getTime())
		const graceEnd = addDays(amsterdamDateOf(invoice.dueAt), invoice.participation.markYear.invoiceOverdueGraceDays)
		expect(amsterdamDateOf(proposal!.proposedAt) > graceEnd).toBe(true)

		// Issue 12 §5: proposed by one person, approved by another, audited.
		expect(proposal).toMatchObject({ status: 'approved', withdrawalId: withdrawal?.id })
		expect(proposal!.proposedBy.email).toBe('beheer@kibg.demo')
		expect(proposal!.decidedBy?.email).toBe('tweede.beoordelaar@kibg.demo')
		const audited = await db.auditEvent.findMany({
			where: { participationId: participation.id, action: { startsWith: 'withdrawal.' } },
			select: { action: true },
		})
		expect(audited.map((event) => event.action).sort()).toEqual(['withdrawal.approve', 'withdrawal.propose'])

		// 003 §3.3: the agreement dissolved, the letter with reason, day, signer and the bezwaar term, mailed.
		expect(participation.agreements.map((agreement) => agreement.status)).toContain('dissolved')
		const letter = pdfText(await readStoredFile(withdrawal!.letterFile!)).replace(/\s+/g, ' ')
		expect(letter).toContain('Afdracht niet betaald')
		expect(letter).toContain('1 juli 2026')
		expect(letter).toContain('Marieke de Beheerder')
		expect(letter).toContain(`binnen ${invoice.participation.markYear.objectionPeriodDays} dagen`)
		expect(letter).toContain('bezwaar')
		const mail = await db.outboxEmail.findFirstOrThrow({
			where: { template: 'withdrawal', participationId: participation.id },
		})
		expect(JSON.stringify(mail.attachments)).toContain(withdrawal!.letterFile!.id)

		// Every withdrawal staff decided (at a provider's request, for a fee, for an incorrect
		// qualification found in the sample: issue 17) went through a proposal.
		const decided = await db.withdrawal.findMany({
			where: { reason: { in: ['provider_request', 'unpaid_fee', 'incorrect_qualification'] } },
			select: { id: true },
		})
		expect(decided.length).toBeGreaterThan(1)
		const approved = await db.withdrawalProposal.findMany({
			where: { status: 'approved' },
			select: { withdrawalId: true },
		})
		expect(decided.map((entry) => entry.id).sort()).toEqual(approved.map((entry) => entry.withdrawalId).sort())
	})

	it('the sample’s incorrect qualification goes through the staff’s interview use cases: planned, held, recorded, proposed, approved by a second assessor; letter, mail, agreement dissolved, audited', async () => {
		const withdrawals = await db.withdrawal.findMany({
			where: { reason: 'incorrect_qualification', undoneAt: null },
			include: {
				letterFile: true,
				participation: {
					include: {
						agreements: true,
						markYear: true,
						sampleMember: { include: { interview: { include: { recordedBy: true, interviewer: true } } } },
					},
				},
			},
		})
		// The demo's one: a carrier of 2027 without a 2028 (its next participation would be a re-applicant's).
		expect(withdrawals.map((withdrawal) => withdrawal.participation.year)).toEqual([2027])
		for (const withdrawal of withdrawals) {
			const participation = withdrawal.participation
			expect(participation.state).toBe('withdrawn')
			// The interview was planned (and held before the outcome), the outcome recorded by the assessor.
			const interview = participation.sampleMember?.interview
			expect(interview).toMatchObject({ outcome: 'incorrect_qualification' })
			expect(interview?.recordedBy?.name).toBe('Joost Beoordelaar')
			expect(interview?.interviewer?.name).toBe('Joost Beoordelaar')
			expect(interview!.scheduledAt!.getTime()).toBeLessThan(interview!.outcomeAt!.getTime())
			// Four-eyes (issue 17): the outcome proposed the withdrawal; the second assessor approved it.
			const proposal = await db.withdrawalProposal.findFirstOrThrow({
				where: { participationId: participation.id },
				include: { proposedBy: true, decidedBy: true },
			})
			expect(proposal).toMatchObject({
				status: 'approved',
				reason: 'incorrect_qualification',
				interviewId: interview!.id,
				withdrawalId: withdrawal.id,
			})
			expect(proposal.proposedBy.name).toBe('Joost Beoordelaar')
			expect(proposal.decidedBy?.name).toBe('Fatima El Amrani')
			// Per the day of the outcome (Amsterdam), chosen on the confirmation page's input; approved that day.
			expect(amsterdamDateOf(withdrawal.effectiveAt)).toBe(amsterdamDateOf(interview!.outcomeAt!))
			expect(amsterdamDateOf(proposal.decidedAt!)).toBe(amsterdamDateOf(interview!.outcomeAt!))
			// 003 §3.3: the agreement dissolved, the letter with reason, day, signer and bezwaar term, mailed.
			expect(participation.agreements.map((agreement) => agreement.status)).toContain('dissolved')
			const letter = pdfText(await readStoredFile(withdrawal.letterFile!)).replace(/\s+/g, ' ')
			expect(letter).toContain('Onterechte kwalificatie')
			expect(letter).toContain('bleek de beschreven werkwijze in de praktijk niet te worden toegepast')
			expect(letter).toContain('Joost Beoordelaar')
			expect(letter).toContain(`binnen ${participation.markYear.objectionPeriodDays} dagen`)
			expect(letter).toContain('bezwaar')
			const mail = await db.outboxEmail.findFirstOrThrow({
				where: { template: 'withdrawal', participationId: participation.id },
			})
			expect(JSON.stringify(mail.attachments)).toContain(withdrawal.letterFile!.id)
			// Audited as the staff's steps: the plan, the outcome and the proposal by the assessor who
			// held the interview; the approval and the participation's event by the second assessor.
			const audited = await db.auditEvent.findMany({
				where: {
					participationId: participation.id,
					action: {
						in: [
							'interview.plan',
							'interview.outcome',
							'withdrawal.propose',
							'withdrawal.approve',
							'participation.incorrect_qualification_found',
						],
					},
				},
				select: { action: true, actorUserId: true },
			})
			expect(Object.fromEntries(audited.map((event) => [event.action, event.actorUserId]))).toEqual({
				'interview.plan': interview!.recordedById,
				'interview.outcome': interview!.recordedById,
				'withdrawal.propose': interview!.recordedById,
				'withdrawal.approve': proposal.decidedById,
				'participation.incorrect_qualification_found': proposal.decidedById,
			})
			expect(audited).toHaveLength(5)
		}
		// Every sampled interview that has an outcome went through the same use case.
		const decided = await db.interview.findMany({ where: { outcome: { not: null } }, select: { id: true } })
		const recorded = await db.auditEvent.findMany({
			where: { action: 'interview.outcome' },
			select: { entityId: true },
		})
		expect(decided.map((entry) => entry.id).sort()).toEqual(recorded.map((entry) => entry.entityId).sort())
	})

	it('a withdrawal the sample proposed and the second assessor rejected: the mark stays, the sample closes as confirmed, the finding and why on record', async () => {
		const rejected = await db.withdrawalProposal.findMany({
			where: { status: 'rejected', interviewId: { not: null } },
			include: { participation: true, interview: true, decidedBy: true },
		})
		expect(rejected.map((proposal) => proposal.participation.year)).toEqual([2026])
		const [proposal] = rejected
		expect(proposal!.participation.state).toBe('confirmed')
		expect(proposal!.interview?.outcome).toBe('incorrect_qualification')
		expect(proposal!.decidedBy?.name).toBe('Fatima El Amrani')
		expect(proposal!.decisionNote).toContain('kwaliteitshandboek')
		expect(
			await db.participationTransition.findMany({
				where: { participationId: proposal!.participationId, event: 'sample_withdrawal_rejected' },
				select: { fromState: true, toState: true, note: true },
			}),
		).toEqual([{ fromState: 'sampled', toState: 'confirmed', note: proposal!.decisionNote }])
		// Every other carrier of the finished sample is done too.
		expect(await db.participation.count({ where: { year: 2026, state: 'sampled' } })).toBe(0)
	})

	it("issue 12 §7: every field of the demo's audit trail has a label in both languages", async () => {
		const events = await db.auditEvent.findMany({ select: { action: true, before: true, after: true } })
		expect(events.length).toBeGreaterThan(500)
		const unlabelled = new Set<string>()
		for (const event of events)
			for (const { field } of auditChanges(event.before, event.after))
				if (!auditFieldLabelled(field, 'nl') || !auditFieldLabelled(field, 'en'))
					unlabelled.add(`${field} (${event.action})`)
		expect([...unlabelled]).toEqual([])
	})

	it('has the spiegelrapportage: most carriers delivered 2025 and 2026, reproducibly; Rivierenland sees a trend', async () => {
		const sets = await db.indicatorSet.findMany({
			orderBy: { year: 'asc' },
			include: { _count: { select: { indicators: true } } },
		})
		expect(sets.map((set) => [set.year, set.status, set._count.indicators])).toEqual([
			[2025, 'published', 7],
			[2026, 'published', 7],
			[2027, 'draft', 7],
		])
		for (const year of [2025, 2026]) {
			const carriers = await db.participation.count({ where: { year, listedFrom: { not: null } } })
			const delivered = await db.benchmarkDelivery.count({ where: { year, status: 'submitted' } })
			expect(delivered, `${year}`).toBeGreaterThanOrEqual(Math.ceil(carriers * 0.7))
			expect(delivered, `${year}`).toBeLessThan(carriers)
		}
		const rivierenland = await db.provider.findFirstOrThrow({ where: { name: 'GGZ Rivierenland' } })
		const report = await carrierReport(rivierenland.id, 2026)
		expect(report?.markName).toBe('Keurmerk Kortdurende Generalistische GGZ')
		const expected = plausibleIndicatorValues('GGZ Rivierenland', 2026, 'institution')
		for (const indicator of report!.indicators) {
			expect(indicator.value, indicator.code).toBe(expected[indicator.code])
			expect(
				indicator.trend.map((point) => point.year),
				indicator.code,
			).toEqual([2025, 2026])
			expect(indicator.groups[0]?.kind, indicator.code).toBe('all')
			expect(indicator.groups[0]?.position, indicator.code).not.toBeNull()
		}
	})
})

describe('demo data: consultation and kennisnetwerk (issue 18)', () => {
	it('has a closed, adopted consultation for 2027 with reactions and its document, and an open one for 2028', async () => {
		const closed = await db.consultation.findUniqueOrThrow({
			where: { year: 2027 },
			include: { responses: { include: { reactions: true } }, points: true, documentFile: true },
		})
		expect(closed.adoptedAt).not.toBeNull()
		expect(closed.documentFile?.kind).toBe('changes_document')
		const sent = closed.responses.filter((response) => response.status === 'submitted')
		expect(sent.length).toBeGreaterThanOrEqual(8)
		expect(new Set(sent.map((response) => response.reactorType))).toEqual(new Set(['carrier', 'organisation']))
		expect(closed.points.map((point) => point.decision)).toContain('changed')
		expect((await db.normSet.findUniqueOrThrow({ where: { year: 2027 } })).status).toBe('published')
		const document = closed.document as { process: { reactions: number }; norms: { quotes: unknown[] }[] }
		expect(document.process.reactions).toBe(sent.length)
		expect(document.norms.flatMap((norm) => norm.quotes).length).toBeGreaterThan(0)
		expect(await db.outboxEmail.count({ where: { template: 'consultation_published' } })).toBe(sent.length)

		const open = await db.consultation.findUniqueOrThrow({ where: { year: 2028 }, include: { responses: true } })
		expect(open.adoptedAt).toBeNull()
		expect(open.opensOn.toISOString().slice(0, 10) <= '2027-03-20').toBe(true)
		expect(open.closesOn.toISOString().slice(0, 10) >= '2027-03-20').toBe(true)
		expect((await db.normSet.findUniqueOrThrow({ where: { year: 2028 } })).status).toBe('draft')
		expect(open.responses.length).toBeGreaterThan(0)
		expect(
			await db.outboxEmail.count({ where: { template: 'consultation_invitation', dedupeKey: { contains: open.id } } }),
		).toBeGreaterThan(20)
		// The invited insurer of the login page sees consultations only.
		const insurer = await db.user.findUniqueOrThrow({
			where: { email: 'inkoop@zorgverzekeraar.demo' },
			include: { memberships: true },
		})
		expect(insurer).toMatchObject({ kind: 'organisation', staffRole: null, memberships: [] })
	})

	it('has a dozen carriers in the kennisnetwerk with themes, and every year its list of themes', async () => {
		const { carrierThemes } = await import('#app/services/network.server.ts')
		const profiles = await db.networkProfile.findMany({ where: { revokedAt: null } })
		expect(profiles).toHaveLength(12)
		const themes = await carrierThemes(
			profiles.map((profile) => profile.providerId),
			2027,
		)
		for (const profile of profiles) {
			const own = themes.get(profile.providerId)
			expect((own?.learn.length ?? 0) + (own?.teach.length ?? 0), profile.providerId).toBeGreaterThan(0)
		}
		// Not everybody wants the same: the themes differ between carriers.
		expect(new Set(profiles.map((profile) => themes.get(profile.providerId)?.learn.join('|'))).size).toBeGreaterThan(3)
		expect(await db.networkRequest.count({ where: { status: 'accepted' } })).toBe(1)
		for (const year of [2025, 2026, 2027, 2028])
			expect(await db.networkTheme.count({ where: { year } }), String(year)).toBe(15)
	})
})
