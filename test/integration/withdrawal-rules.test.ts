// Withdrawal as seed 003 §3.3 describes it: "De zorgaanbieder wordt uit het Keurmerkregister
// verwijderd en de overeenkomst wordt ontbonden" — for every withdrawal, automatic or by staff,
// with a letter that states the reason, the effective date and how to object (DOMAIN.md §3).
import { describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { readStoredFile } from '#app/lib/storage.server.ts'
import { signAgreement } from '#app/services/agreement.server.ts'
import type { Actor } from '#app/services/audit.server.ts'
import { loadCarrier, registerEntries, searchRegister } from '#app/services/register.server.ts'
import {
	createParticipation,
	requireParticipationEvent,
	runParticipationEvent,
} from '#app/services/participation.server.ts'
import { verifyCertificate } from '#app/services/verification.server.ts'
import { undoWithdrawal, withdrawParticipation } from '#app/services/withdrawal.server.ts'
import { parseRegisterQuery } from '#app/domain/register-search.ts'
import { fillRound } from '#app/lib/test-fixtures/staff.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'

const at = (date: string, hour = 12, minute = 0) => amsterdamInstant(date, { hour, minute })
const system: Actor = { type: 'system', userId: null }

/** Applies in June, signs the offered agreement through the real service, listed on 2 January. */
async function signedCarrier(year: number, { list = true } = {}) {
	const { provider, user } = await createProviderWithMember()
	const actor: Actor = { type: 'provider', userId: user.id }
	setClock(at(`${year - 1}-06-15`))
	const started = await db.$transaction((tx) =>
		createParticipation(tx, {
			providerId: provider.id,
			year,
			start: { origin: 'application', isReapplicant: false },
			actor,
		}),
	)
	if (!started.ok) throw new Error(started.refusal.code)
	const id = started.participation.id
	if (started.participation.state === 'applied')
		await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'offer_agreement' }, system))
	const agreement = await db.agreement.findFirstOrThrow({ where: { participationId: id, status: 'offered' } })
	setClock(at(`${year - 1}-07-01`))
	await signAgreement({
		providerId: provider.id,
		agreementId: agreement.id,
		user,
		signerName: 'Anna de Vries',
		signerFunction: 'Directeur',
		ip: '203.0.113.7',
		userAgent: 'test',
	})
	if (list) {
		setClock(at(`${year}-01-02`, 9))
		await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'list' }, system))
	}
	return { provider, user, actor, id, agreementId: agreement.id }
}

async function qualifiedCarrier(year: number) {
	const carrier = await signedCarrier(year)
	const staff = await createUser({ staffRole: 'assessor' })
	await fillRound(carrier.id, year, 1, 'Onze werkwijze, toegelicht met een voorbeeld uit de praktijk. '.repeat(3))
	setClock(at(`${year}-02-10`))
	await db.$transaction((tx) =>
		requireParticipationEvent(tx, carrier.id, { type: 'submit_self_evaluation' }, carrier.actor),
	)
	setClock(at(`${year}-02-20`))
	// The assessment's outcome is stored on the round before the event records it.
	await db.selfEvaluationRound.updateMany({
		where: { participationId: carrier.id, number: 1 },
		data: { outcome: 'qualified', outcomeProposedById: staff.id, decidedAt: at(`${year}-02-20`) },
	})
	await db.$transaction((tx) =>
		requireParticipationEvent(tx, carrier.id, { type: 'qualify' }, { type: 'staff', userId: staff.id }),
	)
	return carrier
}

async function letterOf(participationId: string) {
	const withdrawal = await db.withdrawal.findFirstOrThrow({
		where: { participationId, undoneAt: null },
		include: { letterFile: true },
	})
	expect(withdrawal.letterFile, 'every withdrawal has a letter').not.toBeNull()
	return { withdrawal, text: pdfText(await readStoredFile(withdrawal.letterFile!)) }
}

describe('003 §3.3: the agreement is dissolved ("de overeenkomst wordt ontbonden")', () => {
	it('a withdrawal by staff dissolves the signed agreement at the effective moment; an undo restores it', async () => {
		const year = 2081
		await ensureMarkYear(year)
		const carrier = await signedCarrier(year)
		const admin = await createUser({ staffRole: 'admin' })
		setClock(at(`${year}-02-03`, 10))
		await withdrawParticipation(
			{ type: 'staff', userId: admin.id },
			{
				participationId: carrier.id,
				reason: 'provider_request',
				effectiveOn: `${year}-02-10`,
				explanation: 'Op verzoek van de zorgaanbieder: de praktijk stopt.',
				decidedBy: 'Bedrijfsbureau KiBG',
			},
		)
		const agreement = await db.agreement.findUniqueOrThrow({ where: { id: carrier.agreementId } })
		expect(agreement.status).toBe('dissolved')
		expect(agreement.dissolvedAt?.toISOString()).toBe(amsterdamInstant(`${year}-02-10`).toISOString())
		expect(await db.auditEvent.count({ where: { action: 'agreement.dissolve', entityId: carrier.agreementId } })).toBe(
			1,
		)

		await undoWithdrawal({ type: 'staff', userId: admin.id }, carrier.id, 'Verzoek ingetrokken.')
		const restored = await db.agreement.findUniqueOrThrow({ where: { id: carrier.agreementId } })
		expect(restored).toMatchObject({ status: 'signed', dissolvedAt: null })
	})

	it('the 1 April run dissolves the agreement of a carrier without a submission, and lets an unsigned offer lapse', async () => {
		const year = 2082
		await ensureMarkYear(year)
		const carrier = await signedCarrier(year)
		const { provider, user } = await createProviderWithMember()
		setClock(at(`${year - 1}-09-01`))
		const offered = await db.$transaction((tx) =>
			createParticipation(tx, {
				providerId: provider.id,
				year,
				start: { origin: 'application', isReapplicant: false },
				actor: { type: 'provider', userId: user.id },
			}),
		)
		if (!offered.ok) throw new Error(offered.refusal.code)
		if (offered.participation.state === 'applied')
			await runParticipationEvent(offered.participation.id, { type: 'offer_agreement' }, system)

		setClock(amsterdamInstant(`${year}-04-01`, { hour: 0, minute: 5 }))
		await runJob('qualification-deadline')
		expect(await db.agreement.findUniqueOrThrow({ where: { id: carrier.agreementId } })).toMatchObject({
			status: 'dissolved',
			dissolvedAt: amsterdamInstant(`${year}-04-01`),
		})
		expect((await db.agreement.findFirstOrThrow({ where: { participationId: offered.participation.id } })).status).toBe(
			'lapsed',
		)
	})
})

describe('003 §3.3: a withdrawn carrier is removed from the register (DOMAIN.md §3, §7)', () => {
	it('is no longer in the search or the open data; its page and the certificate check say "ingetrokken"', async () => {
		const year = 2083
		await ensureMarkYear(year)
		const kept = await qualifiedCarrier(year)
		const gone = await qualifiedCarrier(year)
		const admin = await createUser({ staffRole: 'admin' })
		setClock(at(`${year}-05-01`))
		await withdrawParticipation(
			{ type: 'staff', userId: admin.id },
			{
				participationId: gone.id,
				// 'unpaid_fee' needs an overdue invoice (issue 12, safe-decisions.test.ts): any reason removes it.
				reason: 'provider_request',
				effectiveOn: `${year}-05-01`,
				explanation: 'Op verzoek van de zorgaanbieder: de praktijk stopt.',
				decidedBy: 'Bedrijfsbureau KiBG',
			},
		)
		setClock(at(`${year}-05-02`))

		const search = await searchRegister(parseRegisterQuery(new URLSearchParams(`jaar=${year}`)).query)
		const names = search.entries.map((entry) => entry.name)
		expect(names).toContain(kept.provider.name)
		expect(names).not.toContain(gone.provider.name)
		expect(search.total).toBe(1)
		expect(Object.keys(search.statusCounts)).not.toContain('withdrawn')

		const open = await registerEntries(year)
		expect(open?.entries.map((entry) => entry.name)).toEqual([kept.provider.name])

		// A past year too: the register of the year shows who was in it at its end.
		setClock(at(`${year + 1}-02-01`))
		expect((await registerEntries(year))?.entries.map((entry) => entry.name)).toEqual([kept.provider.name])

		const page = await loadCarrier(gone.provider.slug)
		expect(page?.years[0]?.status).toMatchObject({ kind: 'withdrawn' })
		const certificate = await db.certificate.findUniqueOrThrow({ where: { participationId: gone.id } })
		expect((await verifyCertificate(certificate.number)).result).toBe('withdrawn')
	})
})

describe('DOMAIN.md §3: every withdrawal letter states the reason, the effective date and how to object', () => {
	it('the 1 April run writes a letter for each automatic withdrawal, attached to its mail', async () => {
		const year = 2084
		await ensureMarkYear(year, { objectionPeriodDays: 28 })
		const carrier = await signedCarrier(year)
		setClock(amsterdamInstant(`${year}-04-01`, { hour: 0, minute: 5 }))
		await runJob('qualification-deadline')
		const { withdrawal, text } = await letterOf(carrier.id)
		expect(withdrawal.reason).toBe('not_qualified_in_time')
		expect(text).toContain(carrier.provider.name)
		expect(text).toMatch(/Niet tijdig\s+gekwalificeerd/)
		expect(text).toContain(`1 april ${year}`)
		expect(text).toMatch(/bezwaar/i)
		// 28 days after the letter of 1 April
		expect(text).toContain(`29 april ${year}`)
		expect(text).toContain('28 dagen')
		const mail = await db.outboxEmail.findFirstOrThrow({
			where: { participationId: carrier.id, template: 'withdrawal' },
		})
		expect(mail.attachments).toEqual([{ filename: `intrekking-${year}.pdf`, fileId: withdrawal.letterFileId }])
	})

	it('a "not qualified" decision gets a letter too', async () => {
		const year = 2085
		await ensureMarkYear(year, { maxRevisions: 0 })
		const carrier = await signedCarrier(year)
		const staff = await createUser({ staffRole: 'assessor' })
		await fillRound(carrier.id, year, 1, 'Te korte toelichting. '.repeat(5))
		setClock(at(`${year}-02-10`))
		await db.$transaction((tx) =>
			requireParticipationEvent(tx, carrier.id, { type: 'submit_self_evaluation' }, carrier.actor),
		)
		setClock(at(`${year}-02-20`))
		await db.selfEvaluationRound.updateMany({
			where: { participationId: carrier.id, number: 1 },
			data: { outcome: 'not_qualified', outcomeProposedById: staff.id, decidedAt: at(`${year}-02-20`) },
		})
		await db.$transaction((tx) =>
			requireParticipationEvent(tx, carrier.id, { type: 'not_qualified' }, { type: 'staff', userId: staff.id }),
		)
		const { text } = await letterOf(carrier.id)
		expect(text).toContain(`1 april ${year}`)
		expect(text).toMatch(/bezwaar/i)
		expect(text).toContain('42 dagen')
	})
})
