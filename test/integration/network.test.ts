// The kennisnetwerk (issue 18) through its routes on a real database: the opt-in rule (a signing
// member of a carrier decides, revocable), matches only among carriers that opted in, ranked by
// overlap and distance, a request mailed to the other's contact with nothing else disclosed until
// it is accepted, the staff's theme matrix and its CSV, and the year's theme list in 5.2 and 6.2.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { giveThemes } from '#app/lib/test-fixtures/consultation.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import * as networkRoute from '#app/routes/provider/network/index.tsx'
import * as matrixCsvRoute from '#app/routes/staff/network/matrix-csv.ts'
import * as matrixRoute from '#app/routes/staff/network/matrix.tsx'
import * as themesRoute from '#app/routes/staff/network/themes.tsx'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { dataOf, formRequest, getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'

const year = 2094

async function carrier(name: string, postcode: string, themes: { learn: string[]; teach: string[] }) {
	const { provider, user } = await createProviderWithMember({ providerName: name })
	await db.provider.update({ where: { id: provider.id }, data: { postcode, province: null } })
	await giveThemes(provider.id, year, themes)
	return { provider, user, cookie: await sessionCookieFor(user.id) }
}

const page = (who: { provider: { id: string }; cookie: string }) =>
	settle(() =>
		networkRoute.loader(
			routeArgs(getRequest(`/aanbieder/${who.provider.id}/kennisnetwerk`, who.cookie), { providerId: who.provider.id }),
		),
	)
const post = (who: { provider: { id: string }; cookie: string }, fields: Record<string, string>) =>
	settle(() =>
		networkRoute.action(
			routeArgs(formRequest(`/aanbieder/${who.provider.id}/kennisnetwerk`, fields, who.cookie), {
				providerId: who.provider.id,
			}),
		),
	)
const optIn = (
	who: { provider: { id: string }; user: { id: string }; cookie: string },
	extra: Record<string, string> = {},
) =>
	post(who, {
		intent: 'opt_in',
		version: '0',
		contactUserId: who.user.id,
		shareLearn: 'on',
		shareTeach: 'on',
		shareCity: 'on',
		...extra,
	})

let utrecht: Awaited<ReturnType<typeof carrier>>
let amersfoort: Awaited<ReturnType<typeof carrier>>
let groningen: Awaited<ReturnType<typeof carrier>>
let silent: Awaited<ReturnType<typeof carrier>>

// The clock goes back to real time after every test (test/setup): every test is in March of the year.
beforeEach(() => setClock(amsterdamInstant(`${year}-03-02`, { hour: 10 })))

beforeAll(async () => {
	await ensureMarkYear(year)
	setClock(amsterdamInstant(`${year}-03-02`, { hour: 10 }))
	utrecht = await carrier('Praktijk Utrecht', '3511 AB', {
		learn: ['Groepsbehandeling', 'Intake en triage'],
		teach: ['Samen beslissen'],
	})
	amersfoort = await carrier('Praktijk Amersfoort', '3811 CD', {
		learn: ['Samen beslissen'],
		teach: ['Groepsbehandeling'],
	})
	groningen = await carrier('Praktijk Groningen', '9711 JK', {
		learn: [],
		teach: ['Groepsbehandeling', 'Intake en triage'],
	})
	// Teaches group treatment too, but never opts in: it must never be shown.
	silent = await carrier('Praktijk Zwijgzaam', '3512 AA', { learn: ['Samen beslissen'], teach: ['Groepsbehandeling'] })
})

describe('opting in', () => {
	it('is for a signing member of a carrier only', async () => {
		const colleague = await createUser()
		await db.membership.create({ data: { userId: colleague.id, providerId: utrecht.provider.id, canSign: false } })
		const colleagueCookie = await sessionCookieFor(colleague.id)
		const refused = await post(
			{ provider: utrecht.provider, cookie: colleagueCookie },
			{ intent: 'opt_in', version: '0', contactUserId: colleague.id },
		)
		expect(refused.response?.status).toBe(404)
		expect(await db.networkProfile.count({ where: { providerId: utrecht.provider.id } })).toBe(0)
		// A provider that is not a carrier cannot join.
		const outsider = await createProviderWithMember({ providerName: 'Praktijk Buiten' })
		const outside = await optIn({
			provider: outsider.provider,
			user: outsider.user,
			cookie: await sessionCookieFor(outsider.user.id),
		})
		expect(outside.response?.status).toBe(404)
		// The contact must be a member of the carrier's own team.
		const wrongContact = await optIn(utrecht, { contactUserId: amersfoort.user.id })
		expect(dataOf<{ formErrors: string[] }>(wrongContact.value).data.formErrors.join(' ')).toContain('team')
		for (const who of [utrecht, amersfoort, groningen]) expect((await optIn(who)).response?.status).toBe(302)
		expect(await db.auditEvent.count({ where: { action: 'network.opt_in' } })).toBe(3)
	})

	it('before opting in, a carrier sees nobody', async () => {
		const { value } = await page(silent)
		expect(value).toMatchObject({ optedIn: false })
		expect(JSON.stringify(value)).not.toContain('Praktijk Utrecht')
	})
})

describe('matches', () => {
	it('per theme, the opted-in carriers that match, ranked by overlap and distance; never one that did not opt in', async () => {
		const { value } = await page(utrecht)
		const data = value as {
			matches: {
				theme: string
				direction: string
				matches: { name: string; overlap: number; distanceKm: number | null }[]
			}[]
		}
		const group = data.matches.find((entry) => entry.theme === 'Groepsbehandeling' && entry.direction === 'learn')!
		// Groningen teaches two of Utrecht's wishes (overlap 2); Amersfoort teaches one and learns one of Utrecht's offers (2), but is nearer.
		expect(group.matches.map((match) => match.name)).toEqual(['Praktijk Amersfoort', 'Praktijk Groningen'])
		expect(group.matches[0]).toMatchObject({ overlap: 2, distanceKm: 0 })
		expect(JSON.stringify(value)).not.toContain('Zwijgzaam')
		// No contact person of another carrier is in the page before a request is accepted.
		expect(JSON.stringify(value)).not.toContain(amersfoort.user.email)
	})

	it('a request goes to the other contact only; the contact is disclosed once it is accepted', async () => {
		const sent = await post(utrecht, {
			intent: 'request',
			toProviderId: amersfoort.provider.id,
			theme: 'Groepsbehandeling',
			direction: 'learn',
			message: 'Wij willen een groep starten en horen graag hoe u dat aanpakt.',
		})
		expect(sent.response?.status).toBe(302)
		const mail = await db.outboxEmail.findFirstOrThrow({ where: { template: 'network_request' } })
		expect(mail.toAddress).toBe(amersfoort.user.email)
		expect(mail.text).toContain('Praktijk Utrecht')
		expect(mail.text).toContain('Wij willen een groep starten')
		expect(mail.text).not.toContain(utrecht.user.email)
		// A second request on the same theme waits for the first.
		const again = await post(utrecht, {
			intent: 'request',
			toProviderId: amersfoort.provider.id,
			theme: 'Groepsbehandeling',
			direction: 'learn',
			message: 'Nog een keer hetzelfde verzoek over groepen.',
		})
		expect(dataOf(again.value).status).toBe(409)
		// A request to a carrier that did not opt in is a 404, and nothing is mailed.
		const hidden = await post(utrecht, {
			intent: 'request',
			toProviderId: silent.provider.id,
			theme: 'Groepsbehandeling',
			direction: 'learn',
			message: 'Mag ik van u leren over groepen?',
		})
		expect(hidden.response?.status).toBe(404)
		expect(await db.outboxEmail.count({ where: { template: 'network_request', toAddress: silent.user.email } })).toBe(0)

		const before = JSON.stringify((await page(utrecht)).value)
		expect(before).not.toContain(amersfoort.user.email)
		const request = await db.networkRequest.findFirstOrThrow({ where: { toProviderId: amersfoort.provider.id } })
		// Only the receiving carrier can answer.
		const wrong = await post(utrecht, { intent: 'answer', requestId: request.id, accept: 'yes' })
		expect(wrong.response?.status).toBe(404)
		const answered = await post(amersfoort, {
			intent: 'answer',
			requestId: request.id,
			accept: 'yes',
			answerMessage: 'Graag, bel gerust.',
		})
		expect(answered.response?.status).toBe(302)
		const after = JSON.stringify((await page(utrecht)).value)
		expect(after).toContain(amersfoort.user.email)
		const answers = await db.outboxEmail.findMany({ where: { template: 'network_answer' } })
		expect(answers.map((entry) => entry.toAddress).sort()).toEqual([utrecht.user.email, amersfoort.user.email].sort())
		expect(answers.find((entry) => entry.toAddress === utrecht.user.email)?.text).toContain(amersfoort.user.email)
	})

	it('revoking hides the carrier at once and cancels its open requests', async () => {
		await post(groningen, {
			intent: 'request',
			toProviderId: utrecht.provider.id,
			theme: 'Samen beslissen',
			direction: 'learn',
			message: 'Wij leren graag hoe u samen beslissen vormgeeft.',
		})
		expect((await post(groningen, { intent: 'revoke' })).response?.status).toBe(302)
		expect(JSON.stringify((await page(utrecht)).value)).not.toContain('Praktijk Groningen')
		expect(await db.networkRequest.findFirst({ where: { fromProviderId: groningen.provider.id } })).toMatchObject({
			status: 'cancelled',
		})
	})
})

describe('staff', () => {
	it('see asked and offered per theme and province, and export it', async () => {
		const admin = await createUser({ staffRole: 'admin' })
		const cookie = await sessionCookieFor(admin.id)
		const { value } = await settle(() =>
			matrixRoute.loader(routeArgs(getRequest(`/medewerkers/kennisnetwerk?jaar=${year}`, cookie))),
		)
		const matrix = (value as { matrix: { cells: Record<string, Record<string, { asked: number; offered: number }>> } })
			.matrix
		expect(matrix.cells.Groepsbehandeling?.Utrecht).toEqual({ asked: 1, offered: 2 })
		expect(matrix.cells.Groepsbehandeling?.Groningen).toEqual({ asked: 0, offered: 1 })
		const csv = await settle(() =>
			matrixCsvRoute.loader(
				routeArgs(getRequest(`/medewerkers/kennisnetwerk/matrix.csv?jaar=${year}&netwerk=on`, cookie)),
			),
		)
		const text = await csv.response!.text()
		expect(text).toContain('"Groepsbehandeling";"Utrecht";"1";"1"')
		// Provider members never reach the staff pages.
		const { response } = await settle(() =>
			matrixRoute.loader(routeArgs(getRequest('/medewerkers/kennisnetwerk', utrecht.cookie))),
		)
		expect(response?.status).toBe(404)
	})

	it('keep the year’s list, which 5.2 and 6.2 offer; a chosen theme keeps its words', async () => {
		const admin = await createUser({ staffRole: 'admin' })
		const cookie = await sessionCookieFor(admin.id)
		const act = (fields: Record<string, string>) =>
			settle(() =>
				themesRoute.action(
					routeArgs(formRequest(`/medewerkers/kennisnetwerk/themas/${year}`, fields, cookie), { year: String(year) }),
				),
			)
		expect((await act({ intent: 'start' })).response?.status).toBe(302)
		expect((await act({ intent: 'add', label: 'Werken met ervaringsdeskundigen' })).response?.status).toBe(302)
		const loaded = await loadNormSet(year)
		const learn = loaded!.normSet.themes
			.flatMap((t) => t.norms.flatMap((n) => n.criteria.flatMap((c) => c.evidence)))
			.find((item) => item.key === 'learning-themes.themes')
		expect(learn?.kind === 'explanation' && learn.choices?.options.at(-1)).toBe('Werken met ervaringsdeskundigen')
		const inUse = await act({ intent: 'rename', from: 'Groepsbehandeling', label: 'Groepen' })
		expect(dataOf<{ formErrors: string[] }>(inUse.value).data.formErrors.join(' ')).toContain('Groepsbehandeling')
		expect(
			(await act({ intent: 'rename', from: 'Werken met ervaringsdeskundigen', label: 'Ervaringsdeskundigheid' }))
				.response?.status,
		).toBe(302)
		expect((await act({ intent: 'remove', from: 'Ervaringsdeskundigheid' })).response?.status).toBe(302)
		expect(await db.auditEvent.count({ where: { action: { startsWith: 'network_theme.' } } })).toBe(4)
		// Assessors read but do not change.
		const assessor = await createUser({ staffRole: 'assessor' })
		const assessorCookie = await sessionCookieFor(assessor.id)
		const refused = await settle(() =>
			themesRoute.action(
				routeArgs(
					formRequest(`/medewerkers/kennisnetwerk/themas/${year}`, { intent: 'add', label: 'Iets' }, assessorCookie),
					{
						year: String(year),
					},
				),
			),
		)
		expect(refused.response?.status).toBe(404)
	})
})
