// Safe decisions and money in view (issue 12 §5–6), through the route modules as the browser
// calls them: the withdrawal's preview changes nothing and shows the real mail and letter; the
// 'unpaid_fee' reason is offered and accepted only when an invoice is overdue beyond its year's
// grace days; four-eyes: the proposer cannot approve, a second staff member can; qualifying a
// provider with an overdue invoice needs the acknowledgement; a later year's page shows the
// earlier year's overdue invoice.
import { describe, expect, it } from 'vitest'
import { amsterdamDateOf, amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { isAppError, refusalError } from '#app/domain/errors.ts'
import { now, setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { readStoredFile } from '#app/lib/storage.server.ts'
import { createQualifiedParticipation, reportTurnover } from '#app/lib/test-fixtures/fees.server.ts'
import { createListedParticipationId, createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import * as assessmentRoute from '#app/routes/staff/assessment.tsx'
import * as decisionRoute from '#app/routes/staff/decision.tsx'
import * as participationRoute from '#app/routes/staff/participation.tsx'
import * as withdrawRoute from '#app/routes/staff/withdraw.tsx'
import * as withdrawLetterRoute from '#app/routes/staff/withdraw-letter.ts'
import * as proposalRoute from '#app/routes/staff/withdrawal-proposal.tsx'
import * as proposalLetterRoute from '#app/routes/staff/withdrawal-proposal-letter.ts'
import { loadAssessment } from '#app/services/assessment.server.ts'
import { saveAssessment } from '#app/services/assessment-form.server.ts'
import { systemActor } from '#app/services/audit.server.ts'
import { issueInvoice } from '#app/services/invoices.server.ts'
import { withdrawParticipation } from '#app/services/withdrawal.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { dataOf, sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'

const at = (date: string, hour = 10) => amsterdamInstant(date, { hour })

/** An invoice for the provider's `year` turnover, issued at `issuedOn` (due 30 days later). */
async function invoiceFor(providerId: string, reporterId: string, year: number, issuedOn: string) {
	const earlier = await createQualifiedParticipation({ providerId, year })
	await reportTurnover({
		participationId: earlier.id,
		amountCents: 5_000_000n,
		reportedById: reporterId,
		at: at(issuedOn, 9),
	})
	const moment = at(issuedOn)
	setClock(moment)
	const result = await db.$transaction((tx) => issueInvoice(tx, earlier.id, systemActor, moment))
	if (!result.issued) throw refusalError(result.refusal)
	return result.invoice
}

type Unpaid = {
	invoices: { number: string; status: string; year: number }[]
	overdue: boolean
	unpaidFeeEligible: boolean
}

describe('withdrawal through its confirmation page (issue 12 §5–6)', () => {
	it('offers unpaid_fee only beyond the grace days, previews without changing anything, and needs a second person', async () => {
		const year = 2064
		await ensureMarkYear(year - 1)
		await ensureMarkYear(year)
		const { provider, user } = await createProviderWithMember()
		const { id } = await createListedParticipationId({ year, providerId: provider.id })
		// The 2063 invoice, issued 5 January 2064, due 4 February.
		const invoice = await invoiceFor(provider.id, user.id, year - 1, `${year}-01-05`)
		const admin = await createUser({ staffRole: 'admin' })
		const assessor = await createUser({ staffRole: 'assessor' })
		const adminCookie = await sessionCookieFor(admin.id)
		const assessorCookie = await sessionCookieFor(assessor.id)
		const params = { participationId: id }
		const path = `/medewerkers/deelnames/${id}/intrekken`
		const previewPath = (fields: Record<string, string>) =>
			`${path}?${new URLSearchParams({ stap: 'controleren', ...fields }).toString()}`

		// 20 February: overdue (16 days), not yet beyond the 30 grace days.
		setClock(at(`${year}-02-20`))
		const page2064 = dataOf<{ unpaid: Unpaid }>(
			(await callLoader(participationRoute, `/medewerkers/deelnames/${id}`, params, adminCookie)).value,
		).data
		// The 2064 page shows the 2063 invoice (it was "Facturen: Geen").
		expect(page2064.unpaid.invoices).toEqual([
			expect.objectContaining({ number: invoice.number, status: 'overdue', year: 2063 }),
		])
		expect(page2064.unpaid.unpaidFeeEligible).toBe(false)
		const early = dataOf<{ unpaid: Unpaid; failure: { formErrors: string[] } | null }>(
			(
				await callLoader(
					withdrawRoute,
					previewPath({
						reason: 'unpaid_fee',
						effectiveOn: `${year}-02-21`,
						explanation: 'De factuur is niet betaald.',
					}),
					params,
					adminCookie,
				)
			).value,
		)
		expect(early.status).toBe(409)
		expect(early.data.failure?.formErrors).toEqual([
			'Intrekken wegens niet betaalde afdracht kan alleen als een factuur meer dan 30 dagen over de vervaldatum is.',
		])
		// The service refuses it too, whoever calls it.
		const refused = await withdrawParticipation(
			{ type: 'staff', userId: admin.id },
			{
				participationId: id,
				reason: 'unpaid_fee',
				effectiveOn: `${year}-02-21`,
				explanation: 'Niet betaald.',
				decidedBy: admin.name,
			},
		).catch((error: unknown) => error)
		expect(isAppError(refused) && refused.code).toBe('unpaid_fee_not_eligible')

		// 10 March: 35 days past due: eligible. The first step has no reason and no date chosen.
		setClock(at(`${year}-03-10`))
		const form = dataOf<{ unpaid: Unpaid; values: Record<string, string>; preview: unknown }>(
			(await callLoader(withdrawRoute, path, params, adminCookie)).value,
		).data
		expect(form.unpaid.unpaidFeeEligible).toBe(true)
		expect(form.values).toEqual({})
		expect(form.preview).toBeNull()

		const before = {
			outbox: await db.outboxEmail.count(),
			files: await db.storedFile.count(),
			withdrawals: await db.withdrawal.count({ where: { participationId: id } }),
		}
		const fields = {
			reason: 'unpaid_fee',
			effectiveOn: `${year}-03-12`,
			explanation: 'De factuur over 2063 is ruim over de vervaldatum niet betaald.',
		}
		const preview = dataOf<{
			preview: {
				before: { state: string }
				after: { state: string; listedUntil: Date; withdrawal: { reason: string } }
				mails: { subject: string; html: string; text: string; attachments: string[] }[]
				documents: { kind: string }[]
			}
		}>((await callLoader(withdrawRoute, previewPath(fields), params, adminCookie)).value).data.preview
		expect(preview.before.state).toBe('listed')
		expect(preview.after).toMatchObject({ state: 'withdrawn', withdrawal: { reason: 'unpaid_fee' } })
		expect(amsterdamDateOf(preview.after.listedUntil)).toBe(`${year}-03-12`)
		expect(preview.mails.length).toBeGreaterThan(0)
		expect(preview.mails[0]!.text).toContain('12 maart 2064')
		expect(preview.mails[0]!.attachments).toEqual([`intrekking-${year}.pdf`])
		expect(preview.documents.map((document) => document.kind)).toEqual(['withdrawal_letter'])
		const letter = await callLoader(
			withdrawLetterRoute,
			`${path}/brief?${new URLSearchParams({ stap: 'controleren', ...fields }).toString()}`,
			params,
			adminCookie,
		)
		expect(letter.response?.headers.get('Content-Type')).toBe('application/pdf')
		const letterText = pdfText(new Uint8Array(await letter.response!.arrayBuffer()))
		expect(letterText).toContain('12 maart 2064')
		expect(letterText).toMatch(/niet betaald/i)
		// The preview changed nothing: no mail, no file, no withdrawal, still listed.
		expect({
			outbox: await db.outboxEmail.count(),
			files: await db.storedFile.count(),
			withdrawals: await db.withdrawal.count({ where: { participationId: id } }),
		}).toEqual(before)
		expect((await db.participation.findUniqueOrThrow({ where: { id } })).state).toBe('listed')

		// Confirmed: four-eyes is on by default, so it is a proposal; nothing happens yet.
		const proposed = await callAction(withdrawRoute, path, params, fields, adminCookie)
		expect(proposed.response?.status).toBe(302)
		expect((await db.participation.findUniqueOrThrow({ where: { id } })).state).toBe('listed')
		const proposal = await db.withdrawalProposal.findFirstOrThrow({ where: { participationId: id } })
		expect(proposal).toMatchObject({ status: 'pending', proposedById: admin.id, reason: 'unpaid_fee' })
		expect(dataOf((await callAction(withdrawRoute, path, params, fields, adminCookie)).value).status).toBe(409)

		// The proposer cannot approve; the second staff member sees the preview and approves.
		const proposalPath = `/medewerkers/intrekkingen/voorstel/${proposal.id}`
		const proposalParams = { proposalId: proposal.id }
		const own = await callAction(proposalRoute, proposalPath, proposalParams, { intent: 'approve' }, adminCookie)
		expect(dataOf(own.value).status).toBe(409)
		const seen = dataOf<{ preview: { after: { state: string } } }>(
			(await callLoader(proposalRoute, proposalPath, proposalParams, assessorCookie)).value,
		).data
		expect(seen.preview.after.state).toBe('withdrawn')
		const approved = await callAction(
			proposalRoute,
			proposalPath,
			proposalParams,
			{ intent: 'approve', note: 'Gezien.' },
			assessorCookie,
		)
		expect(approved.response?.status).toBe(302)
		const withdrawn = await db.participation.findUniqueOrThrow({ where: { id }, include: { withdrawals: true } })
		expect(withdrawn.state).toBe('withdrawn')
		expect(withdrawn.withdrawals).toEqual([expect.objectContaining({ reason: 'unpaid_fee', decidedById: assessor.id })])
		expect(await db.withdrawalProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({
			status: 'approved',
			decidedById: assessor.id,
			withdrawalId: withdrawn.withdrawals[0]!.id,
		})
		const actions = (await db.auditEvent.findMany({ where: { participationId: id }, select: { action: true } })).map(
			(row) => row.action,
		)
		expect(actions).toEqual(
			expect.arrayContaining(['withdrawal.propose', 'withdrawal.approve', 'participation.withdraw']),
		)
		// The letter of the withdrawal went out with the mail, once.
		expect(await db.outboxEmail.count({ where: { participationId: id, template: 'withdrawal' } })).toBeGreaterThan(0)
	})

	it('without four-eyes the confirmation withdraws at once; a rejected proposal changes nothing', async () => {
		const year = 2067
		await ensureMarkYear(year)
		await db.markYear.update({ where: { year }, data: { fourEyesWithdrawal: false } })
		const { provider } = await createProviderWithMember()
		const { id } = await createListedParticipationId({ year, providerId: provider.id })
		const admin = await createUser({ staffRole: 'admin' })
		const cookie = await sessionCookieFor(admin.id)
		setClock(at(`${year}-02-01`))
		const fields = {
			reason: 'provider_request',
			effectiveOn: `${year}-02-15`,
			explanation: 'De praktijk stopt per half februari.',
		}
		const done = await callAction(
			withdrawRoute,
			`/medewerkers/deelnames/${id}/intrekken`,
			{ participationId: id },
			fields,
			cookie,
		)
		expect(done.response?.status).toBe(302)
		expect((await db.participation.findUniqueOrThrow({ where: { id } })).state).toBe('withdrawn')
		// The old one-click form is gone: the participation page no longer withdraws.
		const old = await callAction(
			participationRoute,
			`/medewerkers/deelnames/${id}`,
			{ participationId: id },
			{ intent: 'withdraw', ...fields },
			cookie,
		)
		expect(old.response?.status).toBe(404)

		const other = await createProviderWithMember()
		const second = await createListedParticipationId({ year: year + 1, providerId: other.provider.id })
		const colleague = await createUser({ staffRole: 'assessor' })
		setClock(at(`${year + 1}-02-01`))
		await callAction(
			withdrawRoute,
			`/medewerkers/deelnames/${second.id}/intrekken`,
			{ participationId: second.id },
			{ ...fields, effectiveOn: `${year + 1}-02-15` },
			cookie,
		)
		const proposal = await db.withdrawalProposal.findFirstOrThrow({ where: { participationId: second.id } })
		const rejected = await callAction(
			proposalRoute,
			`/medewerkers/intrekkingen/voorstel/${proposal.id}`,
			{ proposalId: proposal.id },
			{ intent: 'reject', note: 'Eerst met de aanbieder bellen.' },
			await sessionCookieFor(colleague.id),
		)
		expect(rejected.response?.status).toBe(302)
		expect((await db.participation.findUniqueOrThrow({ where: { id: second.id } })).state).toBe('listed')
		expect(await db.withdrawalProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({
			status: 'rejected',
			decisionNote: 'Eerst met de aanbieder bellen.',
		})
	})

	it('the letter and mail previewed are the ones sent: by the proposer, by the approver, after approval (pdftotext)', async () => {
		const year = 2069
		await ensureMarkYear(year)
		const { provider } = await createProviderWithMember()
		const { id } = await createListedParticipationId({ year, providerId: provider.id })
		const admin = await createUser({ staffRole: 'admin', name: 'Bram Briefschrijver' })
		const assessor = await createUser({ staffRole: 'assessor' })
		const adminCookie = await sessionCookieFor(admin.id)
		setClock(at(`${year}-02-01`))
		const params = { participationId: id }
		const path = `/medewerkers/deelnames/${id}/intrekken`
		const fields = {
			reason: 'provider_request',
			effectiveOn: `${year}-02-20`,
			explanation: 'De praktijk sluit; de aanbieder vroeg zelf om de intrekking.',
		}
		const query = `?${new URLSearchParams({ stap: 'controleren', ...fields })}`
		const letterText = async (response: Response | undefined) => pdfText(new Uint8Array(await response!.arrayBuffer()))
		const page = dataOf<{ preview: { mails: { subject: string; text: string }[] } }>(
			(await callLoader(withdrawRoute, `${path}${query}`, params, adminCookie)).value,
		).data
		const previewed = await letterText(
			(await callLoader(withdrawLetterRoute, `${path}/brief${query}`, params, adminCookie)).response,
		)
		expect(previewed).toContain('Bram Briefschrijver')
		expect(previewed).toContain('de aanbieder vroeg zelf om de intrekking')

		// Four-eyes: the proposal, then the approver's own preview of the same letter.
		expect((await callAction(withdrawRoute, path, params, fields, adminCookie)).response?.status).toBe(302)
		const proposal = await db.withdrawalProposal.findFirstOrThrow({ where: { participationId: id } })
		const proposalPath = `/medewerkers/intrekkingen/voorstel/${proposal.id}`
		const assessorCookie = await sessionCookieFor(assessor.id)
		const approverPreview = await letterText(
			(await callLoader(proposalLetterRoute, `${proposalPath}/brief`, { proposalId: proposal.id }, assessorCookie))
				.response,
		)
		expect(approverPreview).toBe(previewed)
		const mailsBefore = new Set(
			(await db.outboxEmail.findMany({ where: { participationId: id }, select: { id: true } })).map((mail) => mail.id),
		)
		const approved = await callAction(
			proposalRoute,
			proposalPath,
			{ proposalId: proposal.id },
			{ intent: 'approve' },
			assessorCookie,
		)
		expect(approved.response?.status, JSON.stringify(approved.value)).toBe(302)

		const withdrawal = await db.withdrawal.findFirstOrThrow({
			where: { participationId: id },
			include: { letterFile: true },
		})
		expect(pdfText(await readStoredFile(withdrawal.letterFile!))).toBe(previewed)
		const sent = (
			await db.outboxEmail.findMany({ where: { participationId: id }, orderBy: { toAddress: 'asc' } })
		).filter((mail) => !mailsBefore.has(mail.id))
		expect(sent.length).toBeGreaterThan(0)
		expect(sent.map((mail) => [mail.subject, mail.text])).toEqual(
			page.preview.mails.map((mail) => [mail.subject, mail.text]),
		)
	})
})

describe('qualifying through the decision page (issue 12 §5–6)', () => {
	it('previews the qualification without issuing anything, and needs the overdue invoice acknowledged', async () => {
		const year = 2066
		await ensureMarkYear(year - 1)
		await ensureMarkYear(year)
		const { provider, user } = await createProviderWithMember()
		const id = await createSubmittedParticipation({ year, providerId: provider.id })
		await invoiceFor(provider.id, user.id, year - 1, `${year}-01-05`)
		setClock(at(`${year}-02-20`))
		const assessor = await createUser({ staffRole: 'assessor' })
		const cookie = await sessionCookieFor(assessor.id)
		const path = `/medewerkers/deelnames/${id}/beoordeling/1`
		const params = { participationId: id, round: '1' }
		const loaded = await loadAssessment(id, 1)
		await saveAssessment(
			{ type: 'staff', userId: assessor.id },
			{
				participationId: id,
				round: 1,
				expectedVersion: loaded!.round.assessmentVersion,
				form: {
					verdicts: Object.fromEntries(
						loaded!.outcome.toAssess.map((ref) => [ref.key, { verdict: 'sufficient' as const, feedback: '' }]),
					),
					message: '',
					notes: '',
				},
			},
		)
		// The old one-click decision is gone from the assessment page.
		const oneClick = await callAction(assessmentRoute, path, params, { intent: 'decide', outcome: 'qualified' }, cookie)
		expect(oneClick.response?.status).not.toBe(302)

		const page = dataOf<{
			outcome: string
			unpaid: Unpaid
			decisionDay: string
			preview: { after: { state: string; certificateNumber: string | null }; mails: { subject: string }[] }
		}>((await callLoader(decisionRoute, `${path}/besluit`, params, cookie)).value).data
		expect(page.outcome).toBe('qualified')
		expect(page.unpaid.overdue).toBe(true)
		expect(page.preview.after.state).toBe('qualified')
		expect(page.preview.after.certificateNumber).toMatch(/^KBG-2066-/)
		expect(page.preview.mails[0]?.subject).toBeTruthy()
		expect(await db.certificate.findUnique({ where: { participationId: id } })).toBeNull()
		expect((await db.participation.findUniqueOrThrow({ where: { id } })).state).toBe('submitted')

		const fields = { outcome: 'qualified', decisionDay: amsterdamDateOf(now()) }
		const refused = dataOf<{ fieldErrors: Record<string, string[]> }>(
			(await callAction(decisionRoute, `${path}/besluit`, params, fields, cookie)).value,
		)
		expect(refused.status).toBe(409)
		expect(refused.data.fieldErrors.acknowledgeOverdue).toEqual([
			'Deze zorgaanbieder heeft een achterstallige factuur. Vink aan dat u dat gezien hebt voordat u het keurmerk toekent.',
		])
		// A page of yesterday is refused: the day shown must be the day of the decision.
		const stale = await callAction(
			decisionRoute,
			`${path}/besluit`,
			params,
			{ ...fields, decisionDay: `${year}-02-19`, acknowledgeOverdue: 'on' },
			cookie,
		)
		expect(dataOf(stale.value).status).toBe(409)
		const done = await callAction(
			decisionRoute,
			`${path}/besluit`,
			params,
			{ ...fields, acknowledgeOverdue: 'on' },
			cookie,
		)
		expect(done.response?.status).toBe(302)
		expect((await db.participation.findUniqueOrThrow({ where: { id } })).state).toBe('qualified')
		const decided = await db.auditEvent.findFirstOrThrow({
			where: { participationId: id, action: 'assessment.decide' },
		})
		expect(decided.after).toMatchObject({ outcome: 'qualified', overdueInvoicesAcknowledged: [expect.any(String)] })
	})
})
