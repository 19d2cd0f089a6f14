// Every PDF the portal makes, made by the real services for a 2018, a 2022 and a 2025 year,
// downloaded through the provider's own routes and read back as the recipient would (pdftotext,
// pdfinfo): one page where one is meant, the mark's name of *that* year (issue 16 item 7), no
// "CONCEPT" on a signed agreement, amounts and dates right, VAT stated on invoices.
import { describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { readStoredFile } from '#app/lib/storage.server.ts'
import * as agreementPdfRoute from '#app/routes/provider/agreement-pdf.ts'
import * as invoicePdfRoute from '#app/routes/provider/invoice-pdf.ts'
import * as certificateRoute from '#app/routes/provider/self-evaluation/certificate.ts'
import { signAgreement } from '#app/services/agreement.server.ts'
import type { Actor } from '#app/services/audit.server.ts'
import { creditInvoice, issueInvoice } from '#app/services/invoices.server.ts'
import { createParticipation, requireParticipationEvent } from '#app/services/participation.server.ts'
import { reportProviderTurnover } from '#app/services/turnover-report.server.ts'
import { fillRound } from '#app/lib/test-fixtures/staff.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { pdfFlatText, pdfPages } from '#test/fixtures/pdf.ts'
import { getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import { createYear, normSet2018, normSetFor } from '#test/fixtures/years.ts'

const at = (date: string, hour = 12) => amsterdamInstant(date, { hour })
const system: Actor = { type: 'system', userId: null }

const OLD_NAME = 'Keurmerk Basis GGZ'
const NEW_NAME = 'Keurmerk Kortdurende Generalistische GGZ'

async function download(
	route: { loader: (args: never) => Promise<unknown> },
	path: string,
	params: Record<string, string>,
	cookie: string,
) {
	const { response, value } = await settle(() => route.loader(routeArgs(getRequest(path, cookie), params) as never))
	const answer = (response ?? value) as Response
	expect(answer.status, path).toBe(200)
	expect(answer.headers.get('Content-Type')).toBe('application/pdf')
	return new Uint8Array(await answer.arrayBuffer())
}

/** The year's documents, through the services, as the provider downloads them. */
async function documentsOf(year: number) {
	const { provider, user } = await createProviderWithMember({ providerName: `Praktijk Document ${year}` })
	const cookie = await sessionCookieFor(user.id)
	const actor: Actor = { type: 'provider', userId: user.id }
	const staff = await createUser({ staffRole: 'admin', name: 'Bea Beheer' })
	const staffActor = { type: 'staff' as const, userId: staff.id }

	setClock(at(`${year - 1}-06-15`))
	const started = await db.$transaction((tx) =>
		createParticipation(tx, {
			providerId: provider.id,
			year,
			start: { origin: 'application', isReapplicant: false },
			actor,
		}),
	)
	if (!started.ok) throw new Error(started.refusal.message)
	const id = started.participation.id
	if (started.participation.state === 'applied')
		await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'offer_agreement' }, system))
	const agreement = await db.agreement.findFirstOrThrow({ where: { participationId: id } })
	const agreementPath = `/aanbieder/${provider.id}/overeenkomst/${agreement.id}/pdf`
	const params = { providerId: provider.id, agreementId: agreement.id }
	const concept = await download(agreementPdfRoute, `${agreementPath}?versie=concept`, params, cookie)

	setClock(at(`${year - 1}-07-02`, 14))
	expect(
		await signAgreement({
			providerId: provider.id,
			agreementId: agreement.id,
			user,
			signerName: 'Anna de Vries',
			signerFunction: 'Directeur',
			ip: '203.0.113.7',
			userAgent: 'test',
		}),
	).toEqual({ ok: true })
	const signed = await download(agreementPdfRoute, `${agreementPath}?versie=getekend`, params, cookie)
	// Once signed, the agreement is never handed out as a concept again (an old link included).
	const oldConceptLink = await download(agreementPdfRoute, `${agreementPath}?versie=concept`, params, cookie)
	expect(Buffer.from(oldConceptLink).equals(Buffer.from(signed))).toBe(true)

	setClock(at(`${year}-01-02`, 9))
	await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'list' }, system))
	await fillRound(id, year, 1, 'Onze werkwijze, toegelicht met een voorbeeld uit de praktijk. '.repeat(3))
	setClock(at(`${year}-02-10`))
	await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'submit_self_evaluation' }, actor))
	setClock(at(`${year}-02-20`))
	await db.selfEvaluationRound.updateMany({
		where: { participationId: id, number: 1 },
		data: { outcome: 'qualified', outcomeProposedById: staff.id, decidedAt: at(`${year}-02-20`) },
	})
	await db.$transaction((tx) => requireParticipationEvent(tx, id, { type: 'qualify' }, staffActor))
	const certificate = await download(
		certificateRoute,
		`/aanbieder/${provider.id}/certificaat/${year}`,
		{ providerId: provider.id, year: String(year) },
		cookie,
	)

	setClock(at(`${year + 1}-01-20`))
	expect(await reportProviderTurnover(provider.id, id, 12_345_678, { ...actor, userId: user.id })).toEqual({ ok: true })
	setClock(at(`${year + 1}-02-03`, 10))
	const issued = await db.$transaction((tx) => issueInvoice(tx, id, system, at(`${year + 1}-02-03`, 10)))
	if (!issued.issued) throw new Error(issued.reason)
	const invoicePath = `/aanbieder/${provider.id}/facturen/${issued.invoice.id}/pdf`
	const invoiceParams = { providerId: provider.id, invoiceId: issued.invoice.id }
	const invoice = await download(invoicePdfRoute, invoicePath, invoiceParams, cookie)
	setClock(at(`${year + 1}-02-10`, 10))
	await creditInvoice(issued.invoice.id, { reason: 'Omzet gecorrigeerd.' }, staffActor)
	const creditNote = await download(invoicePdfRoute, `${invoicePath}?document=creditnota`, invoiceParams, cookie)

	// A carrier that never submitted: the 1 April run withdraws it, with a letter.
	const other = await createProviderWithMember({ providerName: `Praktijk Zonder Zelfevaluatie ${year}` })
	setClock(at(`${year - 1}-06-20`))
	const late = await db.$transaction((tx) =>
		createParticipation(tx, {
			providerId: other.provider.id,
			year,
			start: { origin: 'application', isReapplicant: false },
			actor: { type: 'provider', userId: other.user.id },
		}),
	)
	if (!late.ok) throw new Error(late.refusal.message)
	if (late.participation.state === 'applied')
		await db.$transaction((tx) =>
			requireParticipationEvent(tx, late.participation.id, { type: 'offer_agreement' }, system),
		)
	const offered = await db.agreement.findFirstOrThrow({ where: { participationId: late.participation.id } })
	await signAgreement({
		providerId: other.provider.id,
		agreementId: offered.id,
		user: other.user,
		signerName: 'Piet Jansen',
		signerFunction: 'Eigenaar',
		ip: '203.0.113.8',
		userAgent: 'test',
	})
	setClock(amsterdamInstant(`${year}-04-01`, { hour: 0, minute: 5 }))
	await runJob('qualification-deadline')
	const withdrawal = await db.withdrawal.findFirstOrThrow({
		where: { participationId: late.participation.id },
		include: { letterFile: true },
	})
	const letter = new Uint8Array(await readStoredFile(withdrawal.letterFile!))
	return { provider, concept, signed, certificate, invoice, creditNote, letter }
}

const years = [
	{ year: 2018, markName: OLD_NAME, other: NEW_NAME, vatRateBp: null, normSet: normSet2018 },
	{ year: 2022, markName: OLD_NAME, other: NEW_NAME, vatRateBp: null, normSet: normSetFor(2022) },
	{ year: 2025, markName: NEW_NAME, other: OLD_NAME, vatRateBp: 2100, normSet: normSetFor(2025) },
] as const

describe('the documents of a year, as their recipients read them', () => {
	for (const { year, markName, other, vatRateBp, normSet } of years) {
		it(`${year}: agreement (concept and signed), certificate, invoice, credit note and withdrawal letter`, async () => {
			await createYear(year, { feeRateBp: 170, feeVatRateBp: vatRateBp, vatNumber: 'NL812345678B01' }, normSet)
			const docs = await documentsOf(year)
			const text = Object.fromEntries(
				Object.entries(docs)
					.filter(([, value]) => value instanceof Uint8Array)
					.map(([name, pdf]) => [name, pdfFlatText(pdf as Uint8Array)]),
			) as Record<'concept' | 'signed' | 'certificate' | 'invoice' | 'creditNote' | 'letter', string>

			for (const [name, content] of Object.entries(text)) {
				// The name in force for the year, never the other one (issue 16 item 7).
				expect(content, name).toContain(markName)
				expect(content, name).not.toContain(other)
			}

			// The agreement: a concept says so; the signed copy does not, and carries the signature.
			expect(text.concept).toContain('CONCEPT')
			expect(text.signed).not.toContain('CONCEPT')
			expect(text.signed).toContain('Anna de Vries')
			expect(text.signed).toContain(`2 juli ${year - 1} om 14:00`)
			expect(text.signed).toContain('1,70 %')
			expect(text.signed).toContain(`31 maart ${year}`)
			expect(pdfPages(docs.signed)).toBe(pdfPages(docs.concept))
			expect(pdfPages(docs.signed)).toBeLessThanOrEqual(2)

			// The certificate: one page.
			expect(pdfPages(docs.certificate)).toBe(1)
			expect(text.certificate).toContain(`${markName} ${year}`)
			expect(text.certificate).toContain(`KBG-${year}-0001`)
			expect(text.certificate).toContain(`20 februari ${year}`)
			expect(text.certificate).toContain(`31 december ${year}`)

			// The invoice: one page, the fee 1,70 % of € 123.456,78 = € 2.098,77 (half a cent up), due
			// 30 days after 3 February; VAT number always, VAT lines or the exemption text.
			expect(pdfPages(docs.invoice)).toBe(1)
			expect(text.invoice).toContain('€ 123.456,78')
			expect(text.invoice).toContain('€ 2.098,77')
			expect(text.invoice).toContain(`3 februari ${year + 1}`)
			expect(text.invoice).toContain(`5 maart ${year + 1}`)
			expect(text.invoice).toContain('NL812345678B01')
			if (vatRateBp === null) {
				expect(text.invoice).toContain('geen btw in rekening gebracht')
				expect(text.invoice).toMatch(/Te betalen € 2\.098,77/)
			} else {
				// 21 % of € 2.098,77 = € 440,7417 → € 440,74; total € 2.539,51
				expect(text.invoice).toMatch(/Btw 21,00 % € 440,74/)
				expect(text.invoice).toMatch(/Te betalen € 2\.539,51/)
			}

			// The credit note: one page, the invoice's full amount negative.
			expect(pdfPages(docs.creditNote)).toBe(1)
			expect(text.creditNote).toContain(vatRateBp === null ? '€ -2.098,77' : '€ -2.539,51')
			expect(text.creditNote).toContain(`10 februari ${year + 1}`)
			expect(text.creditNote).toContain('NL812345678B01')

			// The withdrawal letter: one page, reason, effective date, bezwaar within 42 days.
			expect(pdfPages(docs.letter)).toBe(1)
			expect(text.letter).toContain('Niet tijdig gekwalificeerd')
			expect(text.letter).toContain(`1 april ${year}`)
			expect(text.letter).toContain('42 dagen')
			expect(text.letter).toContain(`13 mei ${year}`)
			expect(text.letter).toContain('ontbonden')
		})
	}
})
