// The application form and the agreement at the level the provider meets them: real requests
// through the route modules, a real database, the mail delivered to a real SMTP server, and the
// agreement PDFs read back with pdftotext.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { translate } from '#app/i18n/translate.ts'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { readStoredFile } from '#app/lib/storage.server.ts'
import { loader as agreementPdfLoader } from '#app/routes/provider/agreement-pdf.ts'
import { action as agreementAction, loader as agreementLoader } from '#app/routes/provider/agreement.tsx'
import { action as applicationAction, loader as applicationLoader } from '#app/routes/provider/application.tsx'
import { loader as dashboardLoader } from '#app/routes/provider/dashboard.tsx'
import { loader as staffParticipationLoader } from '#app/routes/staff/participation.tsx'
import { systemActor } from '#app/services/audit.server.ts'
import { createMailTransport, drainOutbox } from '#app/services/mail/worker.server.ts'
import { runParticipationEvent } from '#app/services/participation.server.ts'
import { createProviderWithMember, createUser, uniqueDigits } from '#test/fixtures/factories.ts'
import { pdfText, startTestSmtp, type TestSmtp } from '#test/fixtures/mail-smtp.ts'
import { dataOf, formRequest, getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { openSealedContent } from '#app/services/mail/outbox.server.ts'

const YEAR = 2061
const at = (date: string, hour = 10) => amsterdamInstant(date, { hour })
const args = <T>(request: Request, params: Record<string, string> = {}) => routeArgs<T>(request, params, '203.0.113.7')
type AppArgs = Parameters<typeof applicationAction>[0]

let smtp: TestSmtp
beforeAll(async () => {
	await ensureMarkYear(YEAR)
	smtp = await startTestSmtp()
})
afterAll(async () => {
	await smtp.stop()
})
beforeEach(() => {
	smtp.received.length = 0
	setClock(at(`${YEAR - 1}-07-01`))
})

function application(overrides: Record<string, string> = {}) {
	const kvk = uniqueDigits(8)
	return {
		name: 'Praktijk De Linde',
		type: 'independent_practice',
		kvkNumber: kvk,
		agbCode: '94001234',
		street: 'Lindelaan',
		houseNumber: '12a',
		postcode: '3511ab',
		city: 'Utrecht',
		website: 'www.praktijkdelinde.nl',
		email: `info-${kvk}@delinde.nl`,
		phone: '030 123 4567',
		offersChronicEchelon: 'yes',
		contactName: 'Anna de Vries',
		contactFunction: 'Directeur',
		contactEmail: `anna-${kvk}@delinde.nl`,
		markHistory: 'never',
		withdrawalExplanation: '',
		...overrides,
	}
}

async function apply(fields: Record<string, string>, cookie?: string) {
	return settle(() => applicationAction(args<AppArgs>(formRequest('/aanmelden', fields, cookie))))
}

/** What the applicant's browser sees of an answer: status, where it goes, whether a toast is set. */
function answerOf({ response, value }: Awaited<ReturnType<typeof apply>>) {
	return {
		status: response?.status ?? dataOf(value).status,
		location: response?.headers.get('location') ?? null,
		toast: Boolean(response?.headers.get('set-cookie')?.includes('toast')),
	}
}

// Errors are message keys where we wrote them, else text (domain, Zod): shown as the page does.
const dutch = (error: string) => (/^[a-z]+\.[A-Za-z_]+$/.test(error) ? translate('nl', error as MessageKey) : error)

describe('application form', () => {
	it('creates the provider, the first member with an invitation and the participation with the agreement offered', async () => {
		const fields = application()
		const { response } = await apply(fields)
		expect(response?.status).toBe(302)
		expect(response?.headers.get('location')).toBe(`/aanmelden?ontvangen=${YEAR}`)

		const provider = await db.provider.findUniqueOrThrow({
			where: { kvkNumber: fields.kvkNumber },
			include: { memberships: { include: { user: true } }, participations: { include: { agreements: true } } },
		})
		expect(provider).toMatchObject({
			name: 'Praktijk De Linde',
			postcode: '3511 AB',
			website: 'https://www.praktijkdelinde.nl',
			agbCode: '94001234',
			offersChronicEchelon: true,
		})
		expect(provider.memberships).toHaveLength(1)
		expect(provider.memberships[0]).toMatchObject({ canSign: true, isPrimaryContact: true, jobTitle: 'Directeur' })
		expect(provider.memberships[0]?.user).toMatchObject({ email: fields.contactEmail, passwordHash: null })
		const participation = provider.participations[0]
		expect(participation).toMatchObject({
			year: YEAR,
			state: 'agreement_offered',
			isReapplicant: false,
			offersChronicEchelon: true,
		})
		expect(participation?.agreements.map((agreement) => agreement.status)).toEqual(['offered'])

		const outbox = await db.outboxEmail.findMany({ where: { providerId: provider.id }, orderBy: { createdAt: 'asc' } })
		// Issue 16 item 13: one message per recipient for the application and its offer, not two at
		// the same moment ("aanvraag ontvangen … de overeenkomst volgt" and "overeenkomst aangeboden").
		expect(outbox.map((mail) => mail.template).sort()).toEqual(
			['application_received', 'application_received', 'invitation'].sort(),
		)
		const received = outbox.find((mail) => mail.template === 'application_received')
		expect(received?.text).toContain('staat klaar')
		expect(received?.text).not.toContain('U ontvangt bericht zodra de overeenkomst klaarstaat')
		const invitation = outbox.find((mail) => mail.template === 'invitation')
		expect(invitation?.toAddress).toBe(fields.contactEmail)
		// Stored redacted; the link rests only sealed, for the worker (issue 15).
		expect(invitation?.text).toContain('[persoonlijke link]')
		expect(invitation?.text).not.toMatch(/\/uitnodiging\/[A-Za-z0-9_-]+/)
		expect(openSealedContent(invitation?.sealedContent ?? '')?.text).toMatch(/\/uitnodiging\/[A-Za-z0-9_-]+/)
	})

	it('answers a second application for the same KvK number and year like any other, by mail only, storing nothing more', async () => {
		const fields = application()
		const first = await apply(fields)
		const other = `ander-${fields.kvkNumber}@delinde.nl`
		const again = await apply({ ...fields, name: 'Praktijk De Linde (nogmaals)', contactEmail: other })
		// Issue 15, finding 6: the same answer as a new application, so the form tells nobody that
		// this KvK number applied.
		expect(answerOf(again)).toEqual(answerOf(first))
		expect(await db.provider.count({ where: { kvkNumber: fields.kvkNumber } })).toBe(1)
		expect(await db.participation.count({ where: { provider: { kvkNumber: fields.kvkNumber } } })).toBe(1)
		expect(await db.user.count({ where: { email: other } })).toBe(0)
		const mails = await db.outboxEmail.findMany({ where: { toAddress: other } })
		expect(mails.map((mail) => mail.template)).toEqual(['application_not_taken'])
		expect(mails[0]?.text).toContain(`al een aanvraag voor ${YEAR} ontvangen`)
		expect(mails[0]?.text).toContain(fields.kvkNumber)
		// The same post again the same day: still the same answer, no second mail.
		expect(answerOf(await apply({ ...fields, contactEmail: other }))).toEqual(answerOf(first))
		expect(await db.outboxEmail.count({ where: { toAddress: other } })).toBe(1)
	})

	it('takes the answers through a check step: every value in a hidden field, "wijzigen" lands on the field', async () => {
		const fields = application({ withdrawalExplanation: 'Typte ik per ongeluk' })
		const checked = await apply({ ...fields, intent: 'check' })
		const { data: check, status } = dataOf<{ step: string; values: Record<string, string> }>(checked.value)
		expect(status).toBe(200)
		expect(check.step).toBe('check')
		expect(check.values).toMatchObject({
			kvkNumber: fields.kvkNumber,
			postcode: '3511ab',
			contactName: 'Anna de Vries',
		})
		// Not withdrawn: the explanation is not carried on.
		expect(check.values.withdrawalExplanation).toBe('')
		expect(await db.provider.count({ where: { kvkNumber: fields.kvkNumber } })).toBe(0)

		const edit = dataOf<{ step: string; focus: string; values: Record<string, string> }>(
			(await apply({ ...check.values, edit: 'postcode' })).value,
		).data
		expect(edit).toMatchObject({ step: 'edit', focus: 'postcode', values: { city: 'Utrecht' } })
		expect(
			dataOf<{ focus: string | null }>((await apply({ ...check.values, edit: 'bestaat-niet' })).value).data.focus,
		).toBeNull()

		const sent = await apply({ ...check.values, intent: 'send' })
		expect(sent.response?.headers.get('location')).toBe(`/aanmelden?ontvangen=${YEAR}`)
		const participation = await db.participation.findFirstOrThrow({
			where: { provider: { kvkNumber: fields.kvkNumber } },
		})
		expect(participation.applicationData).toMatchObject({ markHistory: 'never', withdrawalExplanation: null })
	})

	it('lists the errors in the order of the form', async () => {
		const { value } = await apply(
			application({ kvkNumber: '1', name: '', postcode: 'x', contactEmail: 'geen', markHistory: '' }),
		)
		expect(Object.keys(dataOf<{ fieldErrors: Record<string, string[]> }>(value).data.fieldErrors)).toEqual([
			'kvkNumber',
			'name',
			'postcode',
			'contactEmail',
			'markHistory',
		])
	})

	it('gives Dutch errors for invalid fields, keeps what was typed and stores nothing', async () => {
		const fields = application({
			kvkNumber: '1234567',
			agbCode: '12AB5678',
			postcode: '0123 A',
			website: 'niet een website',
			email: 'geen-adres',
			contactEmail: 'anna@',
			type: '',
			offersChronicEchelon: '',
			markHistory: '',
			name: '   ',
		})
		const { value } = await apply(fields)
		const { data, status } = dataOf<{ fieldErrors: Record<string, string[]>; values: Record<string, string> }>(value)
		expect(status).toBe(400)
		const shown = Object.fromEntries(
			Object.entries(data.fieldErrors).map(([field, errors]) => [field, errors.map(dutch)]),
		)
		expect(shown).toMatchObject({
			kvkNumber: ['Vul een KvK-nummer van 8 cijfers in.'],
			agbCode: ['Vul een AGB-code van 8 cijfers in.'],
			postcode: ['Vul een postcode in zoals 1234 AB.'],
			website: ['Vul een geldig webadres in, zoals https://www.praktijk.nl.'],
			email: ['Vul een geldig e-mailadres in, zoals naam@praktijk.nl.'],
			contactEmail: ['Vul een geldig e-mailadres in, zoals naam@praktijk.nl.'],
			type: ['Kies het soort aanbieder.'],
			offersChronicEchelon: ['Geef aan of u zorg in het echelon GBGGZ Chronisch biedt.'],
			markHistory: ['Geef aan of uw organisatie het keurmerk eerder had.'],
			name: ['Vul de naam van de organisatie in.'],
		})
		expect(data.values).toMatchObject({ kvkNumber: '1234567', street: 'Lindelaan', contactName: 'Anna de Vries' })
		expect(await db.provider.count({ where: { street: 'Lindelaan', kvkNumber: '1234567' } })).toBe(0)
		expect(await db.user.count({ where: { email: 'anna@' } })).toBe(0)

		// A withdrawn mark must be explained.
		const unexplained = await apply(application({ markHistory: 'withdrawn' }))
		expect(
			dataOf<{ fieldErrors: Record<string, string[]> }>(unexplained.value).data.fieldErrors.withdrawalExplanation?.map(
				dutch,
			),
		).toEqual(['Licht toe wanneer en waarom het keurmerk is ingetrokken.'])
	})

	it('records a declared withdrawal: the participation is a re-applicant and the application keeps the explanation', async () => {
		const fields = application({
			markHistory: 'withdrawn',
			withdrawalExplanation: 'In 2059 ingetrokken: te laat gekwalificeerd.',
		})
		expect((await apply(fields)).response?.status).toBe(302)
		const participation = await db.participation.findFirstOrThrow({
			where: { provider: { kvkNumber: fields.kvkNumber } },
		})
		expect(participation.isReapplicant).toBe(true)
		expect(participation.applicationData).toMatchObject({
			markHistory: 'withdrawn',
			withdrawalExplanation: 'In 2059 ingetrokken: te laat gekwalificeerd.',
		})
		// Staff see the explanation on the participation page.
		const assessor = await createUser({ staffRole: 'assessor' })
		const staffPage = (await staffParticipationLoader(
			args(getRequest(`/medewerkers/deelnames/${participation.id}`, await sessionCookieFor(assessor.id)), {
				participationId: participation.id,
			}),
		)) as { withdrawalExplanation: string | null }
		expect(staffPage.withdrawalExplanation).toBe('In 2059 ingetrokken: te laat gekwalificeerd.')
	})

	it('is closed outside the window: the page says when it opens, and a post stores nothing', async () => {
		setClock(at(`${YEAR - 1}-11-15`))
		const page = await applicationLoader(args(getRequest('/aanmelden')))
		expect(page.open).toBeNull()
		const fields = application()
		const { value } = await apply(fields)
		expect(dataOf<{ formErrors: string[] }>(value).data.formErrors).toEqual(['De aanmeldperiode is gesloten.'])
		expect(await db.provider.count({ where: { kvkNumber: fields.kvkNumber } })).toBe(0)

		setClock(at(`${YEAR - 1}-05-15`))
		const before = await applicationLoader(args(getRequest('/aanmelden')))
		expect(before.next).toMatchObject({ year: YEAR, opensOn: `${YEAR - 1}-06-01`, closesOn: `${YEAR - 1}-10-31` })
	})
})

describe('application by someone already known', () => {
	it('lets a member apply for its own organisation for a new year, and refuses anyone else with that KvK number', async () => {
		const { provider, user } = await createProviderWithMember({ providerName: 'Praktijk Bekend' })
		const fields = application({
			kvkNumber: provider.kvkNumber,
			name: 'Praktijk Bekend',
			contactEmail: user.email,
			contactName: user.name,
		})

		const unknown = await apply(application())
		const mailsBefore = await db.outboxEmail.count({ where: { toAddress: user.email } })
		const anonymous = await apply(fields)
		// Issue 15, finding 6: the same answer as for an unknown KvK number; the rest goes by mail.
		expect(answerOf(anonymous)).toEqual(answerOf(unknown))
		const outsider = await createUser()
		const other = await apply(fields, await sessionCookieFor(outsider.id))
		expect(answerOf(other)).toEqual(answerOf(unknown))
		expect(await db.participation.count({ where: { providerId: provider.id } })).toBe(0)
		expect(await db.provider.count({ where: { kvkNumber: provider.kvkNumber } })).toBe(1)
		const mails = await db.outboxEmail.findMany({ where: { toAddress: user.email }, skip: mailsBefore })
		expect(mails.map((mail) => mail.template)).toEqual(['application_not_taken'])
		expect(mails[0]?.text).toContain('heeft al een account in het Keurmerkportaal')

		// A staff member's address as the contact: the same answer again, nothing stored, a mail to
		// that address only.
		const staffMember = await createUser({ staffRole: 'assessor' })
		const staffContact = application({ contactEmail: staffMember.email })
		expect(answerOf(await apply(staffContact))).toEqual(answerOf(unknown))
		expect(await db.provider.count({ where: { kvkNumber: staffContact.kvkNumber } })).toBe(0)
		const staffMails = await db.outboxEmail.findMany({ where: { toAddress: staffMember.email } })
		expect(staffMails.map((mail) => mail.template)).toEqual(['application_not_taken'])
		expect(staffMails[0]?.text).toContain('medewerker van KiBG')

		const staff = await createUser({ staffRole: 'assessor' })
		const byStaff = await apply(fields, await sessionCookieFor(staff.id))
		expect(dataOf<{ formErrors: string[] }>(byStaff.value).data.formErrors.map(dutch)).toEqual([
			'U bent ingelogd als medewerker van KiBG en kunt geen aanvraag doen.',
		])

		const byMember = await apply(fields, await sessionCookieFor(user.id))
		expect(byMember.response?.headers.get('location')).toBe(`/aanbieder/${provider.id}/overeenkomst`)
		expect(await db.provider.count({ where: { kvkNumber: provider.kvkNumber } })).toBe(1)
		const participation = await db.participation.findFirstOrThrow({ where: { providerId: provider.id } })
		expect(participation).toMatchObject({ year: YEAR, state: 'agreement_offered' })
		// The member already has a password: no invitation.
		expect(await db.outboxEmail.count({ where: { template: 'invitation', toAddress: user.email } })).toBe(0)
	})

	it('treats a provider whose last participation was withdrawn as a re-applicant, whatever it declares', async () => {
		const { provider, user } = await createProviderWithMember({ providerName: 'Praktijk Herstart' })
		await ensureMarkYear(YEAR - 1)
		await db.participation.create({
			data: {
				providerId: provider.id,
				year: YEAR - 1,
				state: 'withdrawn',
				stateBeforeWithdrawal: 'listed',
				stateChangedAt: at(`${YEAR - 1}-04-01`),
				appliedAt: at(`${YEAR - 2}-07-01`),
			},
		})
		const fields = application({ kvkNumber: provider.kvkNumber, contactEmail: user.email, markHistory: 'carrier' })
		expect((await apply(fields, await sessionCookieFor(user.id))).response?.status).toBe(302)
		expect(
			(await db.participation.findFirstOrThrow({ where: { providerId: provider.id, year: YEAR } })).isReapplicant,
		).toBe(true)
	})
})

describe('agreement', () => {
	async function applied() {
		const fields = application({ name: 'GGZ Praktijk Één & Ander', city: "'s-Hertogenbosch", type: 'institution' })
		expect((await apply(fields)).response?.status).toBe(302)
		const provider = await db.provider.findUniqueOrThrow({ where: { kvkNumber: fields.kvkNumber } })
		const user = await db.user.findUniqueOrThrow({ where: { email: fields.contactEmail } })
		const agreement = await db.agreement.findFirstOrThrow({ where: { participation: { providerId: provider.id } } })
		return { fields, provider, user, agreement, cookie: await sessionCookieFor(user.id) }
	}

	it('draws the draft PDF from the offered terms: names, fee rate, minimum and dates', async () => {
		const { provider, agreement, cookie, fields } = await applied()
		const response = (await agreementPdfLoader(
			args(getRequest(`/aanbieder/${provider.id}/overeenkomst/${agreement.id}/pdf?versie=concept`, cookie), {
				providerId: provider.id,
				agreementId: agreement.id,
			}),
		)) as Response
		expect(response.headers.get('content-type')).toBe('application/pdf')
		const text = pdfText(Buffer.from(await response.arrayBuffer()))
		expect(text).toContain(`Overeenkomst Keurmerk Kortdurende Generalistische GGZ ${YEAR}`)
		expect(text).toContain('CONCEPT')
		expect(text).toContain('GGZ Praktijk Één & Ander')
		expect(text).toContain("'s-Hertogenbosch")
		expect(text).toContain(fields.kvkNumber)
		expect(text).toContain('GGZ-instelling')
		expect(text).toContain('1,70 %')
		expect(text).toContain('€ 75,00')
		expect(text).toContain(`1 januari ${YEAR}`)
		expect(text).toContain(`31 maart ${YEAR}`)
		expect(text).toContain('niet tijdig betaalt')
	})

	it('is signed by a member with signing authority: signer, consent, time and IP recorded, signed PDF stored and mailed', async () => {
		const { provider, agreement, cookie } = await applied()
		const params = { providerId: provider.id }
		const page = (await agreementLoader(
			args(getRequest(`/aanbieder/${provider.id}/overeenkomst`, cookie), params),
		)) as Awaited<ReturnType<typeof agreementLoader>>
		expect(page.current?.agreement?.status).toBe('offered')
		expect(page.canSign).toBe(true)

		// Without consent nothing is signed.
		const noConsent = await settle(() =>
			agreementAction(
				args(
					formRequest(
						`/aanbieder/${provider.id}/overeenkomst`,
						{ intent: 'sign', agreementId: agreement.id, signerName: 'Anna de Vries', signerFunction: 'Directeur' },
						cookie,
					),
					params,
				),
			),
		)
		expect(
			dataOf<{ fieldErrors: Record<string, string[]> }>(noConsent.value).data.fieldErrors.consent?.map(dutch),
		).toEqual(['Vink aan dat u akkoord gaat om te ondertekenen.'])
		expect((await db.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).status).toBe('offered')

		setClock(at(`${YEAR - 1}-07-02`, 14))
		const signed = await settle(() =>
			agreementAction(
				args(
					formRequest(
						`/aanbieder/${provider.id}/overeenkomst`,
						{
							intent: 'sign',
							agreementId: agreement.id,
							signerName: 'Anna de Vries',
							signerFunction: 'Directeur',
							consent: 'on',
						},
						cookie,
					),
					params,
				),
			),
		)
		expect(signed.response?.status).toBe(302)
		const stored = await db.agreement.findUniqueOrThrow({
			where: { id: agreement.id },
			include: { signedFile: true, participation: true },
		})
		expect(stored).toMatchObject({
			status: 'signed',
			signerName: 'Anna de Vries',
			signerFunction: 'Directeur',
			signerIp: '203.0.113.7',
		})
		expect(stored.signedAt?.toISOString()).toBe(at(`${YEAR - 1}-07-02`, 14).toISOString())
		expect(stored.consentText).toContain('ga namens GGZ Praktijk Één & Ander akkoord')
		expect(stored.participation.state).toBe('agreement_signed')
		const text = pdfText(await readStoredFile(stored.signedFile!))
		expect(text).not.toContain('CONCEPT')
		expect(text).toContain('Anna de Vries')
		expect(text).toContain('Directeur')
		expect(text).toContain(`2 juli ${YEAR - 1} om 14:00`)
		expect(text).toContain('203.0.113.7')
		expect(text).toContain('1,70 %')

		// The signed copy reaches the organisation by mail, as a PDF attachment.
		setClock(at(`${YEAR - 1}-07-02`, 15))
		await drainOutbox(createMailTransport(smtp.url))
		const mail = smtp.received.find(
			(received) => received.template === 'agreement_signed' && received.to.includes(provider.email),
		)
		const attachment = mail?.mail.attachments.find((file) => file.filename === `overeenkomst-${YEAR}.pdf`)
		expect(attachment).toBeDefined()
		expect(pdfText(attachment!.content)).toContain('Anna de Vries')

		// Signing twice is refused.
		setClock(at(`${YEAR - 1}-07-03`))
		const twice = await settle(() =>
			agreementAction(
				args(
					formRequest(
						`/aanbieder/${provider.id}/overeenkomst`,
						{ intent: 'sign', agreementId: agreement.id, signerName: 'X', signerFunction: 'Y', consent: 'on' },
						cookie,
					),
					params,
				),
			),
		)
		expect(dataOf<{ formErrors: string[] }>(twice.value).data.formErrors).toEqual([
			'Deze overeenkomst is al ondertekend.',
		])

		// 1 January: the scheduled listing puts the carrier in the register; the dashboard shows it.
		setClock(at(`${YEAR}-01-01`, 1))
		await runParticipationEvent(stored.participationId, { type: 'list' }, systemActor)
		const dashboard = (await dashboardLoader(args(getRequest(`/aanbieder/${provider.id}`, cookie), params))) as Awaited<
			ReturnType<typeof dashboardLoader>
		>
		expect(dashboard.current).toMatchObject({ year: YEAR, state: 'listed', inRegister: true })
		expect(dashboard.next).toMatchObject({ kind: 'submit_self_evaluation', daysLeft: 89 })
		expect(dashboard.todos[0]?.path).toBe(`/aanbieder/${provider.id}/zelfevaluatie`)
		expect(dashboard.downloads.agreements).toEqual([
			{ year: YEAR, path: `/aanbieder/${provider.id}/overeenkomst/${agreement.id}/pdf?versie=getekend` },
		])
	})

	it('can be declined by a member with signing authority', async () => {
		const { provider, agreement, cookie } = await applied()
		const params = { providerId: provider.id }
		const declined = await settle(() =>
			agreementAction(
				args(
					formRequest(
						`/aanbieder/${provider.id}/overeenkomst`,
						{
							intent: 'decline',
							agreementId: agreement.id,
							declineReason: 'Wij stoppen met de praktijk.',
							confirmDecline: 'on',
						},
						cookie,
					),
					params,
				),
			),
		)
		expect(declined.response?.status).toBe(302)
		const stored = await db.agreement.findUniqueOrThrow({
			where: { id: agreement.id },
			include: { participation: true },
		})
		expect(stored).toMatchObject({ status: 'declined', declineReason: 'Wij stoppen met de praktijk.' })
		expect(stored.participation.state).toBe('agreement_declined')
	})
})
