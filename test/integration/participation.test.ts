// The participation service: every state change goes through the domain's state machine at the
// server clock, and leaves a timeline entry, an audit event, its effects and its mail.
import { describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import type { Actor } from '#app/services/audit.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import {
	applyParticipationEvent,
	createParticipation,
	runParticipationEvent,
} from '#app/services/participation.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { refusalError } from '#app/domain/errors.ts'

const at = (date: string, hour = 12) => amsterdamInstant(date, { hour })

async function setup() {
	const { provider, user } = await createProviderWithMember()
	const staff = await createUser({ staffRole: 'assessor' })
	return {
		provider,
		user,
		staff,
		providerActor: { type: 'provider', userId: user.id } as Actor,
		staffActor: { type: 'staff', userId: staff.id } as Actor,
	}
}

async function fillRound(participationId: string, year: number, number: number) {
	const loaded = await loadNormSet(year)
	const round = await db.selfEvaluationRound.findFirst({ where: { participationId, number } })
	const target = round ?? (await db.selfEvaluationRound.create({ data: { participationId, number } }))
	for (const [, id] of loaded?.evidenceIds ?? []) {
		await db.answer.upsert({
			where: { roundId_evidenceItemId: { roundId: target.id, evidenceItemId: id } },
			create: { roundId: target.id, evidenceItemId: id, text: 'Toelichting '.repeat(30) },
			update: {},
		})
	}
	return target
}

describe('participation service', () => {
	it('runs a year: apply, offer, sign, list, submit, revise, qualify, with mail and audit', async () => {
		const year = 2091
		await ensureMarkYear(year)
		const { provider, providerActor, staffActor } = await setup()

		setClock(at(`${year - 1}-06-15`))
		const applied = await db.$transaction((tx) =>
			createParticipation(tx, {
				providerId: provider.id,
				year,
				start: { origin: 'application', isReapplicant: false },
				actor: providerActor,
			}),
		)
		if (!applied.ok) throw refusalError(applied.refusal)
		const id = applied.participation.id
		const offered = await runParticipationEvent(id, { type: 'offer_agreement' }, staffActor)
		expect(offered).toMatchObject({ ok: true, changed: true })
		expect(await db.agreement.count({ where: { participationId: id, status: 'offered' } })).toBe(1)

		setClock(at(`${year - 1}-07-01`))
		expect(await runParticipationEvent(id, { type: 'sign_agreement' }, providerActor)).toMatchObject({ ok: true })
		// Not in the register before 1 January.
		expect((await db.participation.findUniqueOrThrow({ where: { id } })).listedFrom).toBeNull()

		setClock(amsterdamInstant(`${year}-01-01`, { hour: 0, minute: 5 }))
		const listed = await runParticipationEvent(id, { type: 'list' }, { type: 'system', userId: null })
		expect(listed).toMatchObject({ ok: true, changed: true })
		const afterListing = await db.participation.findUniqueOrThrow({ where: { id } })
		expect(afterListing.state).toBe('listed')
		// Listed, and — without a submission — only until the 1 April withdrawal.
		expect(afterListing.listedFrom?.toISOString()).toBe(
			amsterdamInstant(`${year}-01-01`, { hour: 0, minute: 5 }).toISOString(),
		)
		expect(afterListing.listedUntil?.toISOString()).toBe(amsterdamInstant(`${year}-04-01`).toISOString())
		// The 1 January run twice: nothing more happens.
		expect(await runParticipationEvent(id, { type: 'list' }, { type: 'system', userId: null })).toMatchObject({
			ok: true,
			changed: false,
		})

		setClock(at(`${year}-02-10`))
		await fillRound(id, year, 1)
		expect(await runParticipationEvent(id, { type: 'submit_self_evaluation' }, providerActor)).toMatchObject({
			ok: true,
		})
		const round1 = await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: id, number: 1 } })
		expect(round1.status).toBe('submitted')
		expect(round1.submittedAt?.toISOString()).toBe(at(`${year}-02-10`).toISOString())

		// The assessor finds one criterion insufficient.
		const criterion = await db.criterion.findFirstOrThrow({
			where: { normSet: { year } },
			orderBy: { position: 'asc' },
		})
		await db.criterionAssessment.create({
			data: {
				roundId: round1.id,
				criterionId: criterion.id,
				verdict: 'insufficient',
				feedback: 'Beschrijf de samenwerking concreter.',
				assessorId: staffActor.userId as string,
				assessedAt: at(`${year}-02-20`),
			},
		})
		await db.selfEvaluationRound.update({
			where: { id: round1.id },
			data: { outcome: 'revision_requested', decidedAt: at(`${year}-02-20`) },
		})
		setClock(at(`${year}-02-20`))
		expect(await runParticipationEvent(id, { type: 'request_revision' }, staffActor)).toMatchObject({ ok: true })
		const revising = await db.participation.findUniqueOrThrow({ where: { id } })
		expect(revising.state).toBe('revision_requested')
		// Due at the later of 31 March and 14 days after the request.
		expect(revising.revisionDueAt?.toISOString()).toBe(
			amsterdamInstant(`${year}-03-31`, { hour: 23, minute: 59, second: 59, millisecond: 999 }).toISOString(),
		)
		const round2 = await db.selfEvaluationRound.findFirstOrThrow({
			where: { participationId: id, number: 2 },
			include: { answers: true },
		})
		expect(round2.status).toBe('draft')
		expect(round2.copiedFromRoundId).toBe(round1.id)
		expect(round2.answers.length).toBeGreaterThan(10)

		setClock(at(`${year}-03-05`))
		expect(await runParticipationEvent(id, { type: 'submit_self_evaluation' }, providerActor)).toMatchObject({
			ok: true,
		})
		setClock(at(`${year}-03-10`))
		expect(await runParticipationEvent(id, { type: 'qualify' }, staffActor)).toMatchObject({ ok: true })
		const certificate = await db.certificate.findUniqueOrThrow({ where: { participationId: id } })
		expect(certificate.number).toBe(`KBG-${year}-0001`)
		expect(certificate.validUntil.toISOString()).toBe(
			amsterdamInstant(`${year}-12-31`, { hour: 23, minute: 59, second: 59, millisecond: 999 }).toISOString(),
		)
		const qualified = await db.participation.findUniqueOrThrow({ where: { id } })
		expect(qualified.listedUntil?.toISOString()).toBe(amsterdamInstant(`${year + 1}-01-01`).toISOString())

		const timeline = await db.participationTransition.findMany({
			where: { participationId: id },
			orderBy: { at: 'asc' },
		})
		expect(timeline.map((entry) => entry.toState)).toEqual([
			'applied',
			'agreement_offered',
			'agreement_signed',
			'listed',
			'submitted',
			'revision_requested',
			'submitted',
			'qualified',
		])
		const audit = await db.auditEvent.findMany({ where: { participationId: id }, orderBy: { id: 'asc' } })
		expect(audit.map((event) => event.action)).toEqual([
			'participation.apply',
			'participation.offer_agreement',
			'participation.sign_agreement',
			'participation.list',
			'participation.submit_self_evaluation',
			'participation.request_revision',
			'participation.submit_self_evaluation',
			'participation.qualify',
		])
		expect(audit.find((event) => event.action === 'participation.qualify')?.actorUserId).toBe(staffActor.userId)
		const mail = await db.outboxEmail.findMany({ where: { participationId: id }, orderBy: { createdAt: 'asc' } })
		const templates = [...new Set(mail.map((message) => message.template))]
		expect(templates).toEqual([
			'application_received',
			'agreement_offered',
			'agreement_signed',
			'listed',
			'self_evaluation_received',
			'revision_requested',
			'qualified',
		])
		const revisionMail = mail.find((message) => message.template === 'revision_requested')
		expect(revisionMail?.text).toContain('Beschrijf de samenwerking concreter.')
		expect(revisionMail?.text).toContain(`31 maart ${year}`)
		expect(mail.find((message) => message.template === 'qualified')?.text).toContain(`KBG-${year}-0001`)
	})

	it('refuses a submission at 1 April 00:00 and writes nothing', async () => {
		const year = 2092
		await ensureMarkYear(year)
		const { provider, providerActor } = await setup()
		setClock(at(`${year - 1}-09-01`))
		const applied = await db.$transaction((tx) =>
			createParticipation(tx, {
				providerId: provider.id,
				year,
				start: { origin: 'application', isReapplicant: false },
				actor: providerActor,
			}),
		)
		if (!applied.ok) throw refusalError(applied.refusal)
		const id = applied.participation.id
		await runParticipationEvent(id, { type: 'offer_agreement' }, providerActor)
		await runParticipationEvent(id, { type: 'sign_agreement' }, providerActor)
		setClock(at(`${year}-01-05`))
		await runParticipationEvent(id, { type: 'list' }, { type: 'system', userId: null })
		await fillRound(id, year, 1)
		const before = await db.auditEvent.count({ where: { participationId: id } })

		setClock(amsterdamInstant(`${year}-04-01`))
		const refused = await runParticipationEvent(id, { type: 'submit_self_evaluation' }, providerActor)
		expect(refused).toMatchObject({ ok: false, refusal: { code: 'qualification_closed' } })
		expect(refused.ok ? null : refused.refusal.params).toEqual({ deadline: { date: `${year}-03-31` } })
		expect(await db.auditEvent.count({ where: { participationId: id } })).toBe(before)
		expect((await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: id } })).status).toBe('draft')

		// The 1 April run withdraws it, once.
		const system: Actor = { type: 'system', userId: null }
		expect(await runParticipationEvent(id, { type: 'deadline_passed' }, system)).toMatchObject({
			ok: true,
			changed: true,
		})
		expect(await runParticipationEvent(id, { type: 'deadline_passed' }, system)).toMatchObject({
			ok: true,
			changed: false,
		})
		const withdrawal = await db.withdrawal.findFirstOrThrow({ where: { participationId: id } })
		expect(withdrawal).toMatchObject({ reason: 'not_qualified_in_time', decidedById: null })
		expect(withdrawal.effectiveAt.toISOString()).toBe(amsterdamInstant(`${year}-04-01`).toISOString())
		expect(await db.outboxEmail.count({ where: { participationId: id, template: 'withdrawal' } })).toBeGreaterThan(0)
	})

	it('undoes a withdrawal only with a justification, and records it', async () => {
		const year = 2093
		await ensureMarkYear(year)
		const { provider, providerActor, staffActor } = await setup()
		setClock(at(`${year - 1}-09-01`))
		const applied = await db.$transaction((tx) =>
			createParticipation(tx, {
				providerId: provider.id,
				year,
				start: { origin: 'application', isReapplicant: false },
				actor: providerActor,
			}),
		)
		if (!applied.ok) throw refusalError(applied.refusal)
		const id = applied.participation.id
		await runParticipationEvent(id, { type: 'offer_agreement' }, staffActor)
		await runParticipationEvent(id, { type: 'sign_agreement' }, providerActor)
		setClock(at(`${year}-01-10`))
		await runParticipationEvent(id, { type: 'list' }, { type: 'system', userId: null })
		setClock(at(`${year}-01-12`))
		expect(
			await runParticipationEvent(id, { type: 'withdraw', reason: 'unpaid_fee' }, staffActor, {
				reason: 'Factuur 2 maanden over tijd',
			}),
		).toMatchObject({ ok: true })
		const withdrawn = await db.participation.findUniqueOrThrow({ where: { id } })
		expect(withdrawn.state).toBe('withdrawn')
		expect(withdrawn.listedUntil?.toISOString()).toBe(at(`${year}-01-12`).toISOString())

		const refused = await runParticipationEvent(id, { type: 'undo_withdrawal', justification: ' ' }, staffActor)
		expect(refused).toMatchObject({ ok: false, refusal: { code: 'justification_required' } })
		const undone = await db.$transaction((tx) =>
			applyParticipationEvent(
				tx,
				id,
				{ type: 'undo_withdrawal', justification: 'Betaling was wel ontvangen' },
				staffActor,
				{ reason: 'Betaling was wel ontvangen' },
			),
		)
		expect(undone).toMatchObject({ ok: true, changed: true })
		const restored = await db.participation.findUniqueOrThrow({ where: { id } })
		expect(restored.state).toBe('listed')
		const row = await db.withdrawal.findFirstOrThrow({ where: { participationId: id } })
		expect(row.undoneAt).not.toBeNull()
		expect(row.undoReason).toBe('Betaling was wel ontvangen')
	})

	it('refuses a transition when the participation changed meanwhile', async () => {
		const year = 2094
		await ensureMarkYear(year)
		const { provider, providerActor } = await setup()
		setClock(at(`${year - 1}-09-01`))
		const applied = await db.$transaction((tx) =>
			createParticipation(tx, {
				providerId: provider.id,
				year,
				start: { origin: 'application', isReapplicant: false },
				actor: providerActor,
			}),
		)
		if (!applied.ok) throw refusalError(applied.refusal)
		const stale = applied.participation.version
		await runParticipationEvent(applied.participation.id, { type: 'offer_agreement' }, providerActor)
		const result = await runParticipationEvent(applied.participation.id, { type: 'decline_agreement' }, providerActor, {
			expectedVersion: stale,
		})
		expect(result.ok).toBe(false)
	})
})
