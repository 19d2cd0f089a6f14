// The consultation of concept norms (issue 18) through its routes and services on a real database:
// the window at its edges in Amsterdam time (DST included), who may read and react (an invited
// organisation sees consultations and never provider data; a party never sees another party's
// reaction; staff see only what was sent), the invitation and the reminder a week before closing,
// and adoption: publishing the norm set publishes "Wijzigingen en overwegingen", read back from the
// PDF, and mails everyone who reacted.
import { beforeAll, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { AppError } from '#app/domain/errors.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { getSessionUserById } from '#app/lib/session.server.ts'
import { makeCarrier } from '#app/lib/test-fixtures/benchmark.server.ts'
import { ensureConsultationYears } from '#app/lib/test-fixtures/consultation.server.ts'
import { uploadOfBytes } from '#app/lib/uploads.server.ts'
import * as conceptRoute from '#app/routes/consultation/concept.tsx'
import * as changesPdfRoute from '#app/routes/consultation/changes-pdf.ts'
import * as changesRoute from '#app/routes/consultation/changes.tsx'
import * as normRoute from '#app/routes/consultation/norm.tsx'
import * as registerRoute from '#app/routes/consultation/register.tsx'
import * as dashboardRoute from '#app/routes/provider/dashboard.tsx'
import * as selfEvaluationRoute from '#app/routes/provider/self-evaluation/overview.tsx'
import * as staffReactionsRoute from '#app/routes/staff/consultation/reactions.tsx'
import * as staffCsvRoute from '#app/routes/staff/consultation/reactions-csv.ts'
import * as staffAttachmentRoute from '#app/routes/staff/consultation/attachment.ts'
import * as staffOverviewRoute from '#app/routes/staff/overview.tsx'
import * as organisationsRoute from '#app/routes/staff/consultation/organisations.tsx'
import { runJob } from '#app/jobs/runner.server.ts'
import { inviteOrganisation } from '#app/services/consultation-accounts.server.ts'
import {
	getConsultation,
	openConsultation,
	partiesOf,
	saveReactions,
	sendResponse,
	setQuoted,
	updateConsultation,
} from '#app/services/consultation.server.ts'
import { publishNormSet } from '#app/services/norm-set-editor.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { dataOf, formRequest, getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'

const year = 2093
// The window closes on Sunday 30 March 2092, the day the clocks go forward: its end is
// 23:59:59.999 summer time (21:59:59.999 UTC), an hour earlier in UTC than the day before.
const opensOn = `${year - 1}-03-02`
const closesOn = `${year - 1}-03-30`

const settings = {
	opensOn,
	closesOn,
	introduction: 'Het concept legt meer nadruk op kortdurend en generalistisch behandelen.',
	openToCarriers: true,
	openToOrganisations: true,
	openToPublic: false,
	organisationsInvited: 400,
	processText: 'In het najaar zijn bijeenkomsten gehouden over het zorgprestatiemodel.',
	summary: 'Samen beslissen krijgt een prominentere plek.',
	meetings: [{ date: `${year - 1}-01-28`, title: 'online werkconferentie', participants: 30 }],
}

let admin: { id: string; cookie: string }
let carrierA: Awaited<ReturnType<typeof carrier>>
let carrierB: Awaited<ReturnType<typeof carrier>>
let insurer: { id: string; cookie: string; email: string }

async function carrier(name: string) {
	const { provider, user } = await createProviderWithMember({ providerName: name })
	await makeCarrier(provider.id, year - 1)
	return { provider, user, cookie: await sessionCookieFor(user.id), partyKey: `provider:${provider.id}` }
}

const inWindow = () => setClock(amsterdamInstant(`${year - 1}-03-10`, { hour: 11 }))

beforeAll(async () => {
	await ensureConsultationYears(year)
	const adminUser = await createUser({ staffRole: 'admin' })
	admin = { id: adminUser.id, cookie: await sessionCookieFor(adminUser.id) }
	setClock(amsterdamInstant(`${year - 1}-02-01`, { hour: 9 }))
	await openConsultation({ type: 'staff', userId: admin.id }, year, settings)
	carrierA = await carrier('Praktijk Alfa')
	carrierB = await carrier('Praktijk Beta')
	await inviteOrganisation(
		{ type: 'staff', userId: admin.id },
		{
			email: 'inkoop@verzekeraar.example',
			name: 'Ina Inkoop',
			organisationName: 'Zorgverzekeraar Zuid',
			organisationType: 'insurer',
		},
	)
	const insurerUser = await db.user.findUniqueOrThrow({ where: { email: 'inkoop@verzekeraar.example' } })
	insurer = { id: insurerUser.id, cookie: await sessionCookieFor(insurerUser.id), email: insurerUser.email }
})

function normKeyOf(index: number) {
	return ['shared-decision-making', 'short-generalist-treatment'][index] as string
}

describe('the window at its edges (Europe/Amsterdam)', () => {
	it('refuses a reaction before the opening day and after the closing day, down to the millisecond', async () => {
		const user = await getSessionUserById(carrierA.user.id)
		const attempt = async (at: Date) => {
			setClock(at)
			try {
				await saveReactions(user, year, carrierA.partyKey, {
					expectedVersion:
						(await db.consultationResponse.findFirst({ where: { partyKey: carrierA.partyKey } }))?.version ?? 0,
					reactions: [{ target: 'general', text: `Reactie om ${at.toISOString()}` }],
				})
				return 'saved'
			} catch (error) {
				if (error instanceof AppError) return error.code
				throw error
			}
		}
		// 1 March 23:59:59.999 Amsterdam (winter time, UTC+1) is before the window.
		expect(await attempt(new Date(`${year - 1}-03-01T22:59:59.999Z`))).toBe('consultation_not_open')
		expect(await attempt(new Date(`${year - 1}-03-01T23:00:00.000Z`))).toBe('saved')
		// The closing day is the day the clocks go forward: it ends at 22:00 UTC.
		expect(await attempt(new Date(`${year - 1}-03-30T21:59:59.999Z`))).toBe('saved')
		expect(await attempt(new Date(`${year - 1}-03-30T22:00:00.000Z`))).toBe('consultation_closed')
		// Sending is bound to the same window.
		setClock(new Date(`${year - 1}-03-30T22:00:00.000Z`))
		const version = (await db.consultationResponse.findFirstOrThrow({ where: { partyKey: carrierA.partyKey } })).version
		await expect(
			sendResponse(user, year, carrierA.partyKey, { quoteConsent: true, expectedVersion: version }),
		).rejects.toMatchObject({
			code: 'consultation_closed',
		})
		// The route answers the same refusal in Dutch and keeps what was typed.
		const { value } = await settle(() =>
			conceptRoute.action(
				routeArgs(
					formRequest(
						`/consultatie/${year}`,
						{
							party: carrierA.partyKey,
							version: String(version),
							intent: 'save',
							text: 'Te laat, maar bewaard in het formulier.',
						},
						carrierA.cookie,
					),
					{ year: String(year) },
				),
			),
		)
		const { data, status } = dataOf<{ formErrors: string[]; values: Record<string, string> }>(value)
		expect(status).toBe(409)
		expect(data.formErrors.join(' ')).toContain('gesloten')
		expect(data.values.text).toBe('Te laat, maar bewaard in het formulier.')
	})
})

describe('who reads and reacts', () => {
	it('an invited organisation reacts per norm and criterion and never reaches provider data', async () => {
		inWindow()
		const norm = normKeyOf(1)
		const request = formRequest(
			`/consultatie/${year}/norm/${norm}`,
			{
				party: `user:${insurer.id}`,
				version: '0',
				'norm.clarity': '2',
				'norm.workability': '4',
				'norm.text': 'De 800 minuten zijn voor ons als inkoper een goede prikkel.',
				'c.treatment-800-minutes.text': 'Graag ook sessies noemen.',
			},
			insurer.cookie,
		)
		const { response } = await settle(() => normRoute.action(routeArgs(request, { year: String(year), normKey: norm })))
		expect(response?.status).toBe(302)
		const stored = await db.consultationResponse.findFirstOrThrow({
			where: { partyKey: `user:${insurer.id}` },
			include: { reactions: true },
		})
		expect(stored).toMatchObject({
			reactorType: 'organisation',
			organisationName: 'Zorgverzekeraar Zuid',
			status: 'draft',
		})
		expect(stored.reactions.find((reaction) => reaction.target === `norm:${norm}`)).toMatchObject({
			clarity: 2,
			workability: 4,
			completeness: null,
		})
		// Provider pages and staff pages answer 404, as for anything one may not see.
		for (const [module, params] of [
			[dashboardRoute, { providerId: carrierA.provider.id }],
			[selfEvaluationRoute, { providerId: carrierA.provider.id, year: String(year - 1) }],
			[staffOverviewRoute, {}],
			[staffReactionsRoute, { year: String(year) }],
		] as const) {
			const { response: refused } = await settle(() =>
				(module.loader as (args: unknown) => Promise<unknown>)(routeArgs(getRequest('/x', insurer.cookie), params)),
			)
			expect(refused?.status).toBe(404)
		}
		// An organisation account cannot be made a member of a provider.
		const member = await settle(async () => {
			const { inviteProviderMember } = await import('#app/services/users.server.ts')
			return inviteProviderMember(
				{ type: 'staff', userId: admin.id },
				{
					email: insurer.email,
					name: 'Ina',
					providerId: carrierA.provider.id,
					canSign: true,
					invitedBy: { id: admin.id, name: 'Beheer' },
				},
			)
		}).catch((error: unknown) => error)
		expect(member).toBeInstanceOf(AppError)
		expect(await db.membership.count({ where: { userId: insurer.id } })).toBe(0)
	})

	it('inviting an organisation on the address of a provider member is refused', async () => {
		const { value } = await settle(() =>
			organisationsRoute.action(
				routeArgs(
					formRequest(
						'/medewerkers/consultaties/organisaties',
						{ email: carrierB.user.email, name: 'X Y', organisationName: 'Branche', organisationType: 'branch_body' },
						admin.cookie,
					),
				),
			),
		)
		const { data, status } = dataOf<{ fieldErrors: Record<string, string[]> }>(value)
		expect(status).toBe(409)
		expect(data.fieldErrors.email?.join(' ')).toContain('zorgaanbieder of van KiBG')
		expect((await db.user.findUniqueOrThrow({ where: { id: carrierB.user.id } })).kind).toBe('person')
	})

	it('a party sees only its own reaction; staff see only what was sent', async () => {
		inWindow()
		const userB = await getSessionUserById(carrierB.user.id)
		await saveReactions(userB, year, carrierB.partyKey, {
			expectedVersion: 0,
			reactions: [{ target: 'general', text: 'Geheime conceptreactie van Beta.' }],
		})
		const loadAs = async (cookie: string) => {
			const { value } = await settle(() =>
				conceptRoute.loader(routeArgs(getRequest(`/consultatie/${year}`, cookie), { year: String(year) })),
			)
			return JSON.stringify(value)
		}
		expect(await loadAs(carrierB.cookie)).toContain('Geheime conceptreactie van Beta.')
		expect(await loadAs(carrierA.cookie)).not.toContain('Geheime conceptreactie')
		expect(await loadAs(insurer.cookie)).not.toContain('Geheime conceptreactie')
		// Asking for another party's draft by its key gives the reader's own (or nothing).
		const { value } = await settle(() =>
			conceptRoute.loader(
				routeArgs(getRequest(`/consultatie/${year}?namens=${carrierB.partyKey}`, carrierA.cookie), {
					year: String(year),
				}),
			),
		)
		expect(JSON.stringify(value)).not.toContain('Geheime conceptreactie')
		// Posting for another party is a 404.
		const { response } = await settle(() =>
			conceptRoute.action(
				routeArgs(
					formRequest(
						`/consultatie/${year}`,
						{ party: carrierB.partyKey, version: '1', intent: 'save', text: 'Overschreven' },
						carrierA.cookie,
					),
					{ year: String(year) },
				),
			),
		)
		expect(response?.status).toBe(404)
		// Staff see no drafts.
		const staffView = await settle(() =>
			staffReactionsRoute.loader(
				routeArgs(getRequest(`/medewerkers/consultaties/${year}/reacties`, admin.cookie), { year: String(year) }),
			),
		)
		expect(JSON.stringify(staffView.value)).not.toContain('Geheime conceptreactie')
		// A provider that is not a carrier may not react at all.
		const outsider = await createProviderWithMember({ providerName: 'Praktijk Buiten' })
		const outsiderCookie = await sessionCookieFor(outsider.user.id)
		const { response: outside } = await settle(() =>
			conceptRoute.loader(routeArgs(getRequest(`/consultatie/${year}`, outsiderCookie), { year: String(year) })),
		)
		expect(outside?.status).toBe(404)
		// Anonymous visitors do not see a consultation that is not open to the public.
		const { response: anonymous } = await settle(() =>
			conceptRoute.loader(routeArgs(getRequest(`/consultatie/${year}`), { year: String(year) })),
		)
		expect(anonymous?.status).toBe(404)
	})
})

describe('anyone with a verified address', () => {
	it('registers for a public consultation through the invitation mechanism, without learning who has an account', async () => {
		inWindow()
		const row = await db.consultation.findUniqueOrThrow({ where: { year } })
		await updateConsultation(
			{ type: 'staff', userId: admin.id },
			year,
			{ ...settings, openToPublic: true },
			row.version,
		)
		const register = (email: string) =>
			settle(() =>
				registerRoute.action(
					routeArgs(
						formRequest(`/consultatie/${year}/aanmelden`, { email, name: 'Piet Publiek', organisationName: '' }),
						{ year: String(year) },
						`10.1.2.${email.length}`,
					),
				),
			)
		const fresh = await register('piet@publiek.example')
		const known = await register(carrierB.user.email)
		expect(fresh.value).toEqual({ success: true, email: 'piet@publiek.example' })
		expect(known.value).toEqual({ success: true, email: carrierB.user.email })
		const piet = await db.user.findUniqueOrThrow({ where: { email: 'piet@publiek.example' } })
		expect(piet).toMatchObject({ kind: 'organisation', organisationType: null, staffRole: null, passwordHash: null })
		expect(await db.outboxEmail.count({ where: { template: 'invitation', toAddress: 'piet@publiek.example' } })).toBe(1)
		expect(await db.outboxEmail.count({ where: { template: 'invitation', toAddress: carrierB.user.email } })).toBe(0)
		// Once the address is verified the person reacts as "public"; the public may now read the concept.
		const parties = await partiesOf(await getSessionUserById(piet.id), (await getConsultation(year))!)
		expect(parties).toMatchObject([{ reactorType: 'public', partyKey: `user:${piet.id}` }])
		const anonymous = await settle(() =>
			conceptRoute.loader(routeArgs(getRequest(`/consultatie/${year}`), { year: String(year) })),
		)
		expect(JSON.stringify(anonymous.value)).not.toContain('Geheime conceptreactie')
		expect((anonymous.value as { signedIn: boolean }).signedIn).toBe(false)
		const after = await db.consultation.findUniqueOrThrow({ where: { year } })
		await updateConsultation({ type: 'staff', userId: admin.id }, year, settings, after.version)
		const closed = await register('nog.iemand@publiek.example')
		expect(closed.response?.status).toBe(404)
	})
})

describe('mails in the window', () => {
	it('invites every party once when the window opens, and reminds those who have not sent a week before it closes', async () => {
		const opening = amsterdamInstant(opensOn, { hour: 6 })
		await runJob('consultation-mails', { at: opening })
		await runJob('consultation-mails', { at: opening })
		const invitations = await db.outboxEmail.findMany({ where: { template: 'consultation_invitation' } })
		const addresses = invitations.map((mail) => mail.toAddress)
		expect(addresses).toContain(insurer.email)
		expect(addresses).toContain(carrierA.provider.email)
		expect(new Set(addresses).size).toBe(addresses.length)
		expect(invitations[0]?.text).toContain('30 maart')
		// A week before: 23 March. The day before nobody is reminded.
		await runJob('consultation-mails', { at: amsterdamInstant(`${year - 1}-03-22`, { hour: 23 }) })
		expect(await db.outboxEmail.count({ where: { template: 'consultation_reminder' } })).toBe(0)
		await runJob('consultation-mails', { at: amsterdamInstant(`${year - 1}-03-23`, { hour: 6 }) })
		await runJob('consultation-mails', { at: amsterdamInstant(`${year - 1}-03-24`, { hour: 6 }) })
		const reminders = await db.outboxEmail.findMany({ where: { template: 'consultation_reminder' } })
		expect(reminders.some((mail) => mail.toAddress === insurer.email)).toBe(true)
		expect(new Set(reminders.map((mail) => mail.toAddress)).size).toBe(reminders.length)
	})
})

describe('weighing and adoption', () => {
	it('staff record decisions, quote only with consent, export, and publishing the norms publishes the document', async () => {
		inWindow()
		const userA = await getSessionUserById(carrierA.user.id)
		const responseA = await db.consultationResponse.findFirstOrThrow({ where: { partyKey: carrierA.partyKey } })
		const norm = normKeyOf(1)
		const saved = await saveReactions(userA, year, carrierA.partyKey, {
			expectedVersion: responseA.version,
			reactions: [
				{
					target: `norm:${norm}`,
					text: 'Houd de 800 minuten aan: dat past bij de spiegelrapportage.',
					ratings: { clarity: 5, ambition: 4 },
					attachment: uploadOfBytes('onderbouwing.pdf', 'pdf', new TextEncoder().encode('%PDF-1.4\n%%EOF\n')),
				},
			],
		})
		await sendResponse(userA, year, carrierA.partyKey, { quoteConsent: true, expectedVersion: saved.version })
		// Staff download a sent attachment only under the consultation it was sent to.
		const attachmentId = (
			await db.consultationReaction.findFirstOrThrow({
				where: { response: { partyKey: carrierA.partyKey }, target: `norm:${norm}` },
			})
		).attachmentFileId!
		const download = (forYear: number) =>
			settle(() =>
				staffAttachmentRoute.loader(
					routeArgs(getRequest(`/medewerkers/consultaties/${forYear}/bijlage/${attachmentId}`, admin.cookie), {
						year: String(forYear),
						fileId: attachmentId,
					}),
				),
			)
		expect((await download(year)).response?.status).toBe(200)
		expect((await download(year + 1)).response?.status).toBe(404)
		expect((await download(year - 1)).response?.status).toBe(404)
		const insurerUser = await getSessionUserById(insurer.id)
		const insurerResponse = await db.consultationResponse.findFirstOrThrow({
			where: { partyKey: `user:${insurer.id}` },
		})
		await sendResponse(insurerUser, year, `user:${insurer.id}`, {
			quoteConsent: false,
			expectedVersion: insurerResponse.version,
		})
		expect(await db.outboxEmail.count({ where: { template: 'consultation_receipt' } })).toBe(2)
		// Sent is final.
		await expect(
			saveReactions(userA, year, carrierA.partyKey, {
				expectedVersion: saved.version + 1,
				reactions: [{ target: 'general', text: 'nog iets' }],
			}),
		).rejects.toMatchObject({ code: 'response_submitted' })

		// Quotes: only with the author's consent.
		const insurerReaction = await db.consultationReaction.findFirstOrThrow({
			where: { response: { partyKey: `user:${insurer.id}` }, target: `norm:${norm}` },
		})
		const actor = { type: 'staff' as const, userId: admin.id }
		await expect(setQuoted(actor, insurerReaction.id, true)).rejects.toMatchObject({ code: 'quote_without_consent' })
		const alfaReaction = await db.consultationReaction.findFirstOrThrow({
			where: { response: { partyKey: carrierA.partyKey }, target: `norm:${norm}` },
		})
		const quote = await settle(() =>
			staffReactionsRoute.action(
				routeArgs(
					formRequest(
						`/medewerkers/consultaties/${year}/reacties`,
						{ intent: 'quote', reactionId: alfaReaction.id, quoted: 'true' },
						admin.cookie,
					),
					{ year: String(year) },
				),
			),
		)
		expect(quote.response?.status).toBe(302)

		// A decision per point through the staff screen; "changed" needs the new wording.
		const point = (fields: Record<string, string>) =>
			settle(() =>
				staffReactionsRoute.action(
					routeArgs(
						formRequest(
							`/medewerkers/consultaties/${year}/reacties`,
							{ intent: 'point', version: '0', ...fields },
							admin.cookie,
						),
						{
							year: String(year),
						},
					),
				),
			)
		const missing = await point({
			target: `norm:${norm}`,
			consideration: 'De meeste reacties steunen 800 minuten.',
			decision: 'changed',
		})
		expect(dataOf<{ fieldErrors: Record<string, string[]> }>(missing.value).data.fieldErrors.changedText).toBeDefined()
		expect(
			(
				await point({
					target: `norm:${norm}`,
					consideration: 'De meeste reacties steunen 800 minuten.',
					decision: 'changed',
					changedText: 'Generalistisch, kortdurend behandelen',
				})
			).response?.status,
		).toBe(302)
		expect(
			(
				await point({
					target: 'criterion:treatment-800-minutes',
					consideration: 'Sessies overwegen we voor volgend jaar.',
					decision: 'kept',
				})
			).response?.status,
		).toBe(302)
		expect(await db.auditEvent.count({ where: { action: 'consultation.point' } })).toBe(2)

		// CSV of what was sent, with the ratings.
		const csv = await settle(() =>
			staffCsvRoute.loader(
				routeArgs(getRequest(`/medewerkers/consultaties/${year}/reacties.csv?soort=carrier`, admin.cookie), {
					year: String(year),
				}),
			),
		)
		const text = await csv.response!.text()
		expect(text).toContain('Praktijk Alfa')
		expect(text).not.toContain('Zorgverzekeraar Zuid')
		expect(text).not.toContain('Geheime conceptreactie')

		// Before adoption there is no document.
		const before = await settle(() =>
			changesRoute.loader(routeArgs(getRequest(`/normen/${year}/wijzigingen`), { year: String(year) })),
		)
		expect(before.response?.status).toBe(404)

		setClock(amsterdamInstant(`${year - 1}-04-10`, { hour: 9 }))
		await publishNormSet({ type: 'staff', userId: admin.id }, year)

		const page = await settle(() =>
			changesRoute.loader(routeArgs(getRequest(`/normen/${year}/wijzigingen`), { year: String(year) })),
		)
		const document = (
			page.value as { document: { process: { reactions: number }; norms: { key: string; quotes: unknown[] }[] } }
		).document
		expect(document.process.reactions).toBe(2)
		expect(document.norms.find((entry) => entry.key === norm)?.quotes).toEqual([
			{ organisationName: 'Praktijk Alfa', text: 'Houd de 800 minuten aan: dat past bij de spiegelrapportage.' },
		])

		const pdf = await settle(() =>
			changesPdfRoute.loader(routeArgs(getRequest(`/normen/${year}/wijzigingen.pdf`), { year: String(year) })),
		)
		expect(pdf.response?.headers.get('Content-Type')).toBe('application/pdf')
		const words = pdfText(new Uint8Array(await pdf.response!.arrayBuffer())).replace(/\s+/g, ' ')
		expect(words).toContain(`Wijzigingen en overwegingen`)
		expect(words).toContain('1. Consultatietraject')
		expect(words).toContain('ongeveer 400 organisaties')
		expect(words).toContain('zijn 2 schriftelijke reacties binnengekomen')
		expect(words).toContain('online werkconferentie met 30 deelnemers')
		expect(words).toContain('Samenvatting van de wijzigingen')
		expect(words).toContain(`Keurmerknormen ${year - 1}`)
		expect(words).toContain('Overwegingen en wijzigingen per norm')
		expect(words).toContain('De meeste reacties steunen 800 minuten. Besluit: gewijzigd.')
		expect(words).toContain('Nieuwe tekst: Generalistisch, kortdurend behandelen')
		expect(words).toContain('Houd de 800 minuten aan')
		expect(words).not.toContain('Graag ook sessies noemen') // the insurer did not consent
		expect(words).toContain('Op deze norm kwam geen reactie.')

		// Everyone who reacted hears of it, once.
		const mails = await db.outboxEmail.findMany({ where: { template: 'consultation_published' } })
		expect(mails.map((mail) => mail.toAddress).sort()).toEqual([carrierA.user.email, insurer.email].sort())
		expect(mails[0]?.text).toContain(`/normen/${year}/wijzigingen`)
		// Adopted: nothing can be changed any more.
		await expect(
			saveReactions(await getSessionUserById(carrierB.user.id), year, carrierB.partyKey, {
				expectedVersion: 1,
				reactions: [],
			}),
		).rejects.toMatchObject({ code: 'consultation_adopted' })
	})
})
