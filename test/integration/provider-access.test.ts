// A provider never sees another provider's data: a member of provider A gets a 404 on every URL
// of provider B — loaders, actions and downloads — and ids of B smuggled into A's own URLs change
// nothing. Members without signing authority cannot sign or manage the team; the team always
// keeps a signer; turnover and details follow their rules.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { translate } from '#app/i18n/translate.ts'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createQualifiedParticipation, reportTurnover } from '#app/lib/test-fixtures/fees.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { loader as agreementPdfLoader } from '#app/routes/provider/agreement-pdf.ts'
import { action as agreementAction, loader as agreementLoader } from '#app/routes/provider/agreement.tsx'
import { action as dashboardAction, loader as dashboardLoader } from '#app/routes/provider/dashboard.tsx'
import { loader as calendarFeedLoader } from '#app/routes/public/calendar-feed.ts'
import { loader as invoicePdfLoader } from '#app/routes/provider/invoice-pdf.ts'
import { action as profileAction, loader as profileLoader } from '#app/routes/provider/profile.tsx'
import { action as teamAction, loader as teamLoader } from '#app/routes/provider/team.tsx'
import { action as turnoverAction, loader as turnoverLoader } from '#app/routes/provider/turnover.tsx'
import { systemActor } from '#app/services/audit.server.ts'
import { issueInvoice } from '#app/services/invoices.server.ts'
import { createParticipation, runParticipationEvent } from '#app/services/participation.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { dataOf, formRequest, getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import { refusalError } from '#app/domain/errors.ts'

const YEAR = 2066
const at = (date: string, hour = 10) => amsterdamInstant(date, { hour })
const args = <T>(request: Request, params: Record<string, string>) => routeArgs<T>(request, params)
// Errors are message keys where we wrote them, else text (domain, Zod): shown as the page does.
const dutch = (error: string) => (/^[a-z]+\.[A-Za-z_]+$/.test(error) ? translate('nl', error as MessageKey) : error)

type Route = (input: never) => Promise<unknown>

/** A provider with a finished, invoiced year and an offered agreement for YEAR. */
async function providerWithHistory(name: string) {
	const { provider, user } = await createProviderWithMember({ providerName: name })
	const reader = await createUser()
	await db.membership.create({ data: { userId: reader.id, providerId: provider.id, canSign: false } })
	const earlier = await createQualifiedParticipation({ providerId: provider.id, year: YEAR - 1 })
	await reportTurnover({
		participationId: earlier.id,
		amountCents: 200_000_00n,
		reportedById: user.id,
		at: at(`${YEAR}-02-01`),
	})
	setClock(at(`${YEAR}-03-02`))
	const issued = await db.$transaction((tx) => issueInvoice(tx, earlier.id, systemActor, at(`${YEAR}-03-02`)))
	if (!issued.issued) throw refusalError(issued.refusal)
	setClock(at(`${YEAR - 1}-07-01`))
	const started = await db.$transaction((tx) =>
		createParticipation(tx, {
			providerId: provider.id,
			year: YEAR,
			start: { origin: 'application', isReapplicant: false },
			actor: systemActor,
		}),
	)
	if (!started.ok) throw refusalError(started.refusal)
	await runParticipationEvent(started.participation.id, { type: 'offer_agreement' }, systemActor)
	const agreement = await db.agreement.findFirstOrThrow({ where: { participationId: started.participation.id } })
	const signerMembership = await db.membership.findFirstOrThrow({ where: { providerId: provider.id, userId: user.id } })
	const readerMembership = await db.membership.findFirstOrThrow({
		where: { providerId: provider.id, userId: reader.id },
	})
	return {
		provider,
		user,
		reader,
		earlier,
		invoice: issued.invoice,
		agreement,
		participation: started.participation,
		signerMembership,
		readerMembership,
		cookie: await sessionCookieFor(user.id),
		readerCookie: await sessionCookieFor(reader.id),
	}
}

let a: Awaited<ReturnType<typeof providerWithHistory>>
let b: Awaited<ReturnType<typeof providerWithHistory>>

beforeAll(async () => {
	await ensureMarkYear(YEAR - 1)
	await ensureMarkYear(YEAR)
	a = await providerWithHistory('Praktijk Aalst')
	b = await providerWithHistory('Praktijk Beek')
})

beforeEach(() => {
	setClock(at(`${YEAR - 1}-08-01`))
})

async function statusOf(route: Route, request: Request, params: Record<string, string>) {
	const { response } = await settle(() => route(args<never>(request, params)))
	return response?.status ?? 200
}

describe('provider isolation', () => {
	it('gives a member of A a 404 on every page, download and action of B', async () => {
		const p = { providerId: b.provider.id }
		const base = `/aanbieder/${b.provider.id}`
		const gets: [string, Route, string, Record<string, string>][] = [
			['dashboard', dashboardLoader, base, p],
			['agreement', agreementLoader, `${base}/overeenkomst`, p],
			['agreement of a year', agreementLoader, `${base}/overeenkomst/${YEAR}`, { ...p, year: String(YEAR) }],
			[
				'draft PDF',
				agreementPdfLoader,
				`${base}/overeenkomst/${b.agreement.id}/pdf?versie=concept`,
				{ ...p, agreementId: b.agreement.id },
			],
			['team', teamLoader, `${base}/team`, p],
			['turnover', turnoverLoader, `${base}/omzet`, p],
			['details', profileLoader, `${base}/gegevens`, p],
			['invoice PDF', invoicePdfLoader, `${base}/facturen/${b.invoice.id}/pdf`, { ...p, invoiceId: b.invoice.id }],
		]
		for (const [name, route, path, params] of gets) {
			expect(`${name}: ${await statusOf(route, getRequest(path, a.cookie), params)}`).toBe(`${name}: 404`)
		}
		const posts: [string, Route, string, Record<string, string>][] = [
			[
				'sign',
				agreementAction,
				`${base}/overeenkomst`,
				{ intent: 'sign', agreementId: b.agreement.id, signerName: 'Indringer', signerFunction: 'X', consent: 'on' },
			],
			[
				'decline',
				agreementAction,
				`${base}/overeenkomst`,
				{ intent: 'decline', agreementId: b.agreement.id, confirmDecline: 'on' },
			],
			['invite', teamAction, `${base}/team`, { intent: 'invite', name: 'Indringer', email: 'indringer@example.nl' }],
			['grant', teamAction, `${base}/team`, { intent: 'grant', membershipId: b.readerMembership.id }],
			['remove', teamAction, `${base}/team`, { intent: 'remove', membershipId: b.readerMembership.id }],
			['turnover', turnoverAction, `${base}/omzet`, { participationId: b.earlier.id, amount: '1,00' }],
			['details', profileAction, `${base}/gegevens`, { ...profileFields(), name: 'Overgenomen', version: '1' }],
			['new calendar address', dashboardAction, base, { intent: 'reset-calendar' }],
		]
		for (const [name, route, path, fields] of posts) {
			expect(`${name}: ${await statusOf(route, formRequest(path, fields, a.cookie), p)}`).toBe(`${name}: 404`)
		}
		// Nothing of B changed.
		expect((await db.agreement.findUniqueOrThrow({ where: { id: b.agreement.id } })).status).toBe('offered')
		expect(await db.membership.count({ where: { providerId: b.provider.id } })).toBe(2)
		expect((await db.membership.findUniqueOrThrow({ where: { id: b.readerMembership.id } })).canSign).toBe(false)
		expect((await db.provider.findUniqueOrThrow({ where: { id: b.provider.id } })).name).toBe('Praktijk Beek')
		expect(await db.user.count({ where: { email: 'indringer@example.nl' } })).toBe(0)
	})

	it('ignores ids of B inside the URLs of A', async () => {
		const p = { providerId: a.provider.id }
		const base = `/aanbieder/${a.provider.id}`
		expect(
			await statusOf(agreementPdfLoader, getRequest(`${base}/overeenkomst/${b.agreement.id}/pdf`, a.cookie), {
				...p,
				agreementId: b.agreement.id,
			}),
		).toBe(404)
		expect(
			await statusOf(invoicePdfLoader, getRequest(`${base}/facturen/${b.invoice.id}/pdf`, a.cookie), {
				...p,
				invoiceId: b.invoice.id,
			}),
		).toBe(404)

		const sign = await settle(() =>
			agreementAction(
				args(
					formRequest(
						`${base}/overeenkomst`,
						{
							intent: 'sign',
							agreementId: b.agreement.id,
							signerName: 'Indringer',
							signerFunction: 'X',
							consent: 'on',
						},
						a.cookie,
					),
					p,
				),
			),
		)
		expect(dataOf<{ formErrors: string[] }>(sign.value).data.formErrors).toEqual([
			'Deze overeenkomst bestaat niet (meer).',
		])
		const remove = await settle(() =>
			teamAction(
				args(formRequest(`${base}/team`, { intent: 'remove', membershipId: b.readerMembership.id }, a.cookie), p),
			),
		)
		expect(dataOf<{ formErrors: string[] }>(remove.value).data.formErrors.map(dutch)).toEqual([
			'Dit teamlid bestaat niet (meer). Laad de pagina opnieuw.',
		])
		setClock(at(`${YEAR + 1}-02-01`))
		const turnover = await settle(() =>
			turnoverAction(
				args(formRequest(`${base}/omzet`, { participationId: b.participation.id, amount: '1,00' }, a.cookie), p),
			),
		)
		expect(
			dataOf<{ fieldErrors: Record<string, string[]> }>(turnover.value).data.fieldErrors.amount?.map(dutch),
		).toEqual(['Over dit jaar kunt u geen omzet opgeven.'])

		expect((await db.agreement.findUniqueOrThrow({ where: { id: b.agreement.id } })).status).toBe('offered')
		expect(await db.membership.count({ where: { id: b.readerMembership.id } })).toBe(1)
		expect(await db.turnoverReport.count({ where: { participationId: b.participation.id } })).toBe(0)
	})
})

describe('dashboard', () => {
	it('shows the year in focus, the agreement still to sign, and the invoices to download', async () => {
		setClock(at(`${YEAR}-03-10`))
		const page = (await dashboardLoader(
			args(getRequest(`/aanbieder/${a.provider.id}`, a.cookie), { providerId: a.provider.id }),
		)) as Awaited<ReturnType<typeof dashboardLoader>>
		expect(page.current).toMatchObject({ year: YEAR, state: 'agreement_offered', inRegister: false })
		// The turnover of YEAR-1 is reported already: only the signature is left.
		expect(page.todos.map((todo) => [todo.kind, todo.year, todo.path])).toEqual([
			['sign_agreement', YEAR, `/aanbieder/${a.provider.id}/overeenkomst`],
		])
		expect(page.next).toMatchObject({ kind: 'sign_agreement', daysLeft: 21, overdue: false })
		expect(page.downloads.invoices).toEqual([
			{
				id: a.invoice.id,
				number: a.invoice.number,
				year: YEAR - 1,
				status: 'open',
				path: `/aanbieder/${a.provider.id}/facturen/${a.invoice.id}/pdf`,
			},
		])
		expect(page.history).toEqual([{ year: YEAR - 1, state: 'qualified', certificateNumber: null, withdrawal: null }])
	})
})

describe('calendar feed', () => {
	it('shows the secret feed address; a signing member replaces it and the old one stops working', async () => {
		const p = { providerId: b.provider.id }
		const base = `/aanbieder/${b.provider.id}`
		const page = (await dashboardLoader(args(getRequest(base, b.readerCookie), p))) as Awaited<
			ReturnType<typeof dashboardLoader>
		>
		const token = /\/agenda\/([^/]+)\.ics$/.exec(page.calendarUrl)?.[1] ?? ''
		expect(token.length).toBeGreaterThan(20)
		const feed = async (value: string) =>
			(await settle(() => calendarFeedLoader(args(getRequest(`/agenda/${value}.ics`), { token: value })))).response
		const before = await feed(token)
		expect(before?.status).toBe(200)
		expect(await before?.text()).toContain('BEGIN:VCALENDAR')

		// A member without signing authority cannot replace it.
		expect(await statusOf(dashboardAction, formRequest(base, { intent: 'reset-calendar' }, b.readerCookie), p)).toBe(
			404,
		)
		const reset = await settle(() =>
			dashboardAction(args(formRequest(base, { intent: 'reset-calendar' }, b.cookie), p)),
		)
		expect(reset.response?.status).toBe(302)
		const after = (await dashboardLoader(args(getRequest(base, b.cookie), p))) as Awaited<
			ReturnType<typeof dashboardLoader>
		>
		expect(after.calendarUrl).not.toBe(page.calendarUrl)
		expect((await feed(token))?.status).toBe(404)
		expect(
			await db.auditEvent.count({ where: { action: 'provider.calendar_token_reset', providerId: b.provider.id } }),
		).toBe(1)
	})
})

describe('signing authority', () => {
	it('lets a member without signing authority read, but not sign, decline or manage the team', async () => {
		const p = { providerId: b.provider.id }
		const base = `/aanbieder/${b.provider.id}`
		const page = (await agreementLoader(args(getRequest(`${base}/overeenkomst`, b.readerCookie), p))) as Awaited<
			ReturnType<typeof agreementLoader>
		>
		expect(page.canSign).toBe(false)
		expect(page.signers).toEqual([b.user.name])
		const team = (await teamLoader(args(getRequest(`${base}/team`, b.readerCookie), p))) as Awaited<
			ReturnType<typeof teamLoader>
		>
		expect(team.canManage).toBe(false)
		expect(team.members).toHaveLength(2)
		expect(JSON.stringify(team)).not.toContain('passwordHash')

		const attempts: [Route, string, Record<string, string>][] = [
			[
				agreementAction,
				`${base}/overeenkomst`,
				{ intent: 'sign', agreementId: b.agreement.id, signerName: 'Lid', signerFunction: 'Secretaris', consent: 'on' },
			],
			[
				agreementAction,
				`${base}/overeenkomst`,
				{ intent: 'decline', agreementId: b.agreement.id, confirmDecline: 'on' },
			],
			[teamAction, `${base}/team`, { intent: 'grant', membershipId: b.readerMembership.id }],
			[teamAction, `${base}/team`, { intent: 'remove', membershipId: b.signerMembership.id }],
			[teamAction, `${base}/team`, { intent: 'invite', name: 'Vriend', email: 'vriend@example.nl', canSign: 'on' }],
		]
		for (const [route, path, fields] of attempts)
			expect(await statusOf(route, formRequest(path, fields, b.readerCookie), p)).toBe(404)
		expect((await db.agreement.findUniqueOrThrow({ where: { id: b.agreement.id } })).status).toBe('offered')
		expect((await db.membership.findUniqueOrThrow({ where: { id: b.readerMembership.id } })).canSign).toBe(false)
		expect(await db.user.count({ where: { email: 'vriend@example.nl' } })).toBe(0)
	})

	it('lets a signer invite, grant and revoke, but never leaves the team without a signer', async () => {
		const { provider, cookie, signerMembership } = await providerWithHistory('Praktijk Team')
		const p = { providerId: provider.id }
		const path = `/aanbieder/${provider.id}/team`
		const post = (fields: Record<string, string>) =>
			settle(() => teamAction(args(formRequest(path, fields, cookie), p)))

		const invalid = await post({ intent: 'invite', name: '', email: 'geen-adres' })
		expect(dataOf<{ fieldErrors: Record<string, string[]> }>(invalid.value).data.fieldErrors).toMatchObject({
			name: ['provider.errorMemberNameRequired'],
			email: ['auth.errorEmailInvalid'],
		})

		expect(
			(await post({ intent: 'invite', name: 'Bram Collega', email: 'Bram.Collega@Example.nl', jobTitle: 'Psycholoog' }))
				.response?.status,
		).toBe(302)
		const bram = await db.membership.findFirstOrThrow({
			where: { providerId: provider.id, user: { email: 'bram.collega@example.nl' } },
		})
		expect(bram).toMatchObject({ canSign: false, jobTitle: 'Psycholoog' })
		expect(
			await db.outboxEmail.count({ where: { template: 'invitation', toAddress: 'bram.collega@example.nl' } }),
		).toBe(1)
		const twice = await post({ intent: 'invite', name: 'Bram Collega', email: 'bram.collega@example.nl' })
		expect(dataOf<{ fieldErrors: Record<string, string[]> }>(twice.value).data.fieldErrors.email?.map(dutch)).toEqual([
			'Deze persoon is al lid van het team.',
		])

		// The only signer cannot step down or be removed…
		for (const intent of ['revoke', 'remove']) {
			const refused = await post({ intent, membershipId: signerMembership.id })
			expect(dataOf<{ formErrors: string[] }>(refused.value).data.formErrors.map(dutch)).toEqual([
				'Er moet altijd minstens één tekenbevoegde in het team blijven. Maak eerst een ander teamlid tekenbevoegd.',
			])
		}
		// …until another member has signing authority.
		expect((await post({ intent: 'grant', membershipId: bram.id })).response?.status).toBe(302)
		expect((await post({ intent: 'revoke', membershipId: signerMembership.id })).response?.status).toBe(302)
		expect((await db.membership.findUniqueOrThrow({ where: { id: signerMembership.id } })).canSign).toBe(false)
		const audit = await db.auditEvent.findMany({
			where: { providerId: provider.id, action: { startsWith: 'membership.' } },
			orderBy: { at: 'asc' },
		})
		expect(audit.map((event) => event.action)).toEqual(['membership.invite', 'membership.grant', 'membership.revoke'])
	})
})

describe('turnover', () => {
	it('reports the turnover of a finished year, shows the computed fee and refuses invalid amounts', async () => {
		const { provider, user, cookie } = await createProviderAndFinishedYear()
		const p = { providerId: provider.id }
		const path = `/aanbieder/${provider.id}/omzet`
		setClock(at(`${YEAR}-02-10`))
		const before = (await turnoverLoader(args(getRequest(path, cookie), p))) as Awaited<
			ReturnType<typeof turnoverLoader>
		>
		const year = before.years.find((row) => row.year === YEAR - 1)!
		expect(year.current).toBeNull()

		for (const [amount, message] of [
			['', 'Vul de omzet in.'],
			['12.50', 'Gebruik een komma voor de centen, bijvoorbeeld 1.234,56.'],
			['-5', 'Het bedrag mag niet negatief zijn.'],
		] as const) {
			const refused = await settle(() =>
				turnoverAction(args(formRequest(path, { participationId: year.participationId, amount }, cookie), p)),
			)
			expect(
				dataOf<{ fieldErrors: Record<string, string[]> }>(refused.value).data.fieldErrors.amount?.map(dutch),
			).toEqual([message])
		}
		expect(await db.turnoverReport.count({ where: { participationId: year.participationId } })).toBe(0)

		expect(
			(
				await settle(() =>
					turnoverAction(
						args(formRequest(path, { participationId: year.participationId, amount: '€ 54.010,00' }, cookie), p),
					),
				)
			).response?.status,
		).toBe(302)
		const after = (await turnoverLoader(args(getRequest(path, cookie), p))) as Awaited<
			ReturnType<typeof turnoverLoader>
		>
		const reported = after.years.find((row) => row.year === YEAR - 1)!
		expect(reported.current).toMatchObject({ amountCents: '5401000', reportedBy: user.name, source: 'provider' })
		expect(reported.fee).toEqual({ percentageFeeCents: 91817, feeCents: 91817, minimumApplied: false }) // 54 010,00 × 1,70 %

		// A small turnover pays the minimum; the earlier report is kept, superseded.
		expect(
			(
				await settle(() =>
					turnoverAction(
						args(formRequest(path, { participationId: year.participationId, amount: '1.000' }, cookie), p),
					),
				)
			).response?.status,
		).toBe(302)
		const small = (
			(await turnoverLoader(args(getRequest(path, cookie), p))) as Awaited<ReturnType<typeof turnoverLoader>>
		).years.find((row) => row.year === YEAR - 1)!
		expect(small.fee).toMatchObject({ feeCents: 7500, minimumApplied: true })
		expect(small.history).toHaveLength(2)
	})

	it('refuses a report once the year is invoiced', async () => {
		const p = { providerId: a.provider.id }
		setClock(at(`${YEAR}-04-01`))
		const refused = await settle(() =>
			turnoverAction(
				args(
					formRequest(`/aanbieder/${a.provider.id}/omzet`, { participationId: a.earlier.id, amount: '1,00' }, a.cookie),
					p,
				),
			),
		)
		expect(dataOf<{ fieldErrors: Record<string, string[]> }>(refused.value).data.fieldErrors.amount?.[0]).toContain(
			`Over dit jaar is al gefactureerd (${a.invoice.number})`,
		)
	})
})

describe('organisation details', () => {
	it('saves with optimistic concurrency: a stale version is a conflict that keeps what was typed, and the KvK number stays', async () => {
		const { provider, cookie } = await createProviderWithMember({ providerName: 'Praktijk Gegevens' }).then(
			async (made) => ({ ...made, cookie: await sessionCookieFor(made.user.id) }),
		)
		const p = { providerId: provider.id }
		const path = `/aanbieder/${provider.id}/gegevens`
		const saved = await settle(() =>
			profileAction(
				args(
					formRequest(
						path,
						{ ...profileFields(), name: 'Praktijk Gegevens BV', kvkNumber: '99999999', version: '1' },
						cookie,
					),
					p,
				),
			),
		)
		expect(saved.response?.status).toBe(302)
		const stored = await db.provider.findUniqueOrThrow({ where: { id: provider.id } })
		expect(stored).toMatchObject({
			name: 'Praktijk Gegevens BV',
			kvkNumber: provider.kvkNumber,
			postcode: '1234 AB',
			version: 2,
		})

		const stale = await settle(() =>
			profileAction(args(formRequest(path, { ...profileFields(), name: 'Oude versie', version: '1' }, cookie), p)),
		)
		const conflict = dataOf<{ formErrors: string[]; values: Record<string, string> }>(stale.value)
		expect(conflict.status).toBe(409)
		expect(conflict.data.formErrors).toEqual(['provider.errorProfileConflict'])
		expect(conflict.data.values.name).toBe('Oude versie')
		expect((await db.provider.findUniqueOrThrow({ where: { id: provider.id } })).name).toBe('Praktijk Gegevens BV')

		const invalid = await settle(() =>
			profileAction(args(formRequest(path, { ...profileFields(), postcode: '12345', version: '2' }, cookie), p)),
		)
		expect(
			dataOf<{ fieldErrors: Record<string, string[]> }>(invalid.value).data.fieldErrors.postcode?.map(dutch),
		).toEqual(['Vul een postcode in zoals 1234 AB.'])
		const audit = await db.auditEvent.count({ where: { providerId: provider.id, action: 'provider.update_profile' } })
		expect(audit).toBe(1)
	})
})

function profileFields() {
	return {
		name: 'Praktijk',
		type: 'independent_practice',
		agbCode: '12345678',
		street: 'Hoofdstraat',
		houseNumber: '1',
		postcode: '1234ab',
		city: 'Zwolle',
		website: 'https://www.praktijk.nl',
		email: 'info@praktijk.nl',
		phone: '',
		offersChronicEchelon: 'no',
	}
}

async function createProviderAndFinishedYear() {
	const made = await createProviderWithMember({ providerName: 'Praktijk Omzet' })
	await createQualifiedParticipation({ providerId: made.provider.id, year: YEAR - 1 })
	return { ...made, cookie: await sessionCookieFor(made.user.id) }
}
