// Issue 13: completing a taken-over round. Ticking the twelve points of 2022 norm 3's website
// checklist one by one (one autosave per tick, each on the version the previous one returned),
// then saving the page with the version it was loaded with, stores every tick and never
// conflicts: one person's own saves follow each other. A colleague's save on a stale version of
// other content still is a conflict. (The ticks lost in the browser were the page's doing, not
// the server's: test/e2e/provider-experience.spec.ts has that regression test.)
import { describe, expect, it } from 'vitest'
import * as autosaveRoute from '#app/routes/provider/self-evaluation/autosave.ts'
import * as normRoute from '#app/routes/provider/self-evaluation/norm.tsx'
import * as reuseRoute from '#app/routes/provider/self-evaluation/reuse.tsx'
import { db } from '#app/lib/db.server.ts'
import { createListedParticipation } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { normSetFor } from '#app/lib/test-fixtures/years.server.ts'
import { TINY_PDF } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { formRequest, getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import { TEMPLATE_KEY, listedProvider, multipartRequest } from './self-evaluation-helpers.ts'

const URL_KEY = 'website-transparency.url'
const checklist = (() => {
	const item = normSetFor(2064)
		.themes.flatMap((theme) => theme.norms)
		.flatMap((norm) => norm.criteria)
		.flatMap((criterion) => criterion.evidence)
		.find((candidate) => candidate.key === URL_KEY)
	if (item?.kind !== 'url') throw new Error('2022 norm 3 has no website checklist')
	return item.checklist
})()

type NormPage = {
	answers: Record<string, { url?: string; checkedElements?: string[] } | undefined>
	rows: Record<string, { version: number } | undefined>
}

async function takenOverRound(year: number) {
	const { provider, user } = await createProviderWithMember()
	await createSubmittedParticipation({ year: year - 1, providerId: provider.id })
	await createListedParticipation({ year, providerId: provider.id })
	const cookie = await sessionCookieFor(user.id)
	const base = `/aanbieder/${provider.id}/zelfevaluatie/${year}`
	const params = { providerId: provider.id, year: String(year) }
	const { offer } = (await settle(() => reuseRoute.loader(routeArgs(getRequest(`${base}/overnemen`, cookie), params))))
		.value as { offer: { criteria: { key: string }[] } }
	const taken = await settle(() =>
		reuseRoute.action(
			routeArgs(
				formRequest(`${base}/overnemen`, { criterion: offer.criteria.map((entry) => entry.key) }, cookie),
				params,
			),
		),
	)
	expect(taken.response?.status).toBe(302)
	return { provider, cookie, base, params }
}

type Round = Awaited<ReturnType<typeof takenOverRound>>

async function normPage(round: Round, code: string) {
	const { value } = await settle(() =>
		normRoute.loader(
			routeArgs(getRequest(`${round.base}/norm/${code}`, round.cookie), { ...round.params, normCode: code }),
		),
	)
	return value as NormPage
}

async function autosave(round: Round, version: number, url: string, ticked: readonly string[], cookie = round.cookie) {
	const request = formRequest(
		`${round.base}/antwoord`,
		{
			evidenceKey: URL_KEY,
			[`${URL_KEY}:version`]: String(version),
			[`${URL_KEY}:url`]: url,
			[`${URL_KEY}:checked`]: [...ticked],
		},
		cookie,
	)
	const { response } = await settle(() => autosaveRoute.action(routeArgs(request, round.params)))
	return { status: response!.status, body: (await response!.json()) as { ok: boolean; version?: number } }
}

async function stored(round: Round) {
	const answer = await db.answer.findFirstOrThrow({
		where: {
			round: { participation: { providerId: round.provider.id, year: Number(round.params.year) } },
			evidenceItem: { key: URL_KEY },
		},
	})
	return { url: answer.url, checked: [...answer.checkedElements].sort(), version: answer.version }
}

describe('ticking a checklist in a taken-over round', () => {
	it('keeps every tick, one autosave after another, and the page form does not conflict with them', async () => {
		const round = await takenOverRound(2064)
		const page = await normPage(round, '3')
		const url = page.answers[URL_KEY]?.url ?? ''
		expect(url).toBe('https://www.example.nl/werkwijze')
		const loadedVersion = page.rows[URL_KEY]?.version ?? 0
		let version = loadedVersion
		for (let count = 1; count <= checklist.length; count++) {
			const saved = await autosave(round, version, url, checklist.slice(0, count))
			expect(saved, `tick ${count}`).toMatchObject({ status: 200, body: { ok: true } })
			version = saved.body.version!
		}
		expect(await stored(round)).toEqual({ url, checked: [...checklist].sort(), version })

		// The page form, sent with the version the page was loaded with, carries what the
		// autosaves stored already: no conflict, nothing changes.
		const posted = await settle(() =>
			normRoute.action(
				routeArgs(
					formRequest(
						`${round.base}/norm/3`,
						{
							intent: 'save-next',
							[`${URL_KEY}:version`]: String(loadedVersion),
							[`${URL_KEY}:url`]: url,
							[`${URL_KEY}:checked`]: [...checklist],
						},
						round.cookie,
					),
					{ ...round.params, normCode: '3' },
				),
			),
		)
		expect(posted.response?.status).toBe(302)
		expect(await stored(round)).toEqual({ url, checked: [...checklist].sort(), version })
		// The norm page shows every tick after a reload.
		expect((await normPage(round, '3')).answers[URL_KEY]?.checkedElements?.sort()).toEqual([...checklist].sort())

		// A colleague who loaded the page before all this and saves something else: a conflict.
		const colleague = await createUser()
		await db.membership.create({ data: { userId: colleague.id, providerId: round.provider.id, canSign: false } })
		const late = await autosave(round, loadedVersion, url, checklist.slice(0, 1), await sessionCookieFor(colleague.id))
		expect(late.status).toBe(409)
		expect(await stored(round)).toEqual({ url, checked: [...checklist].sort(), version })
	})

	it('lets the first ticks follow one’s own upload, which made the answer without a version the page knows', async () => {
		const context = await listedProvider(2066)
		const params = { providerId: context.provider.id, year: '2066' }
		const path = `${context.base}/norm/1?upload=${encodeURIComponent(TEMPLATE_KEY)}`
		const file = new File([TINY_PDF], 'behandelplan.pdf', { type: 'application/pdf' })
		const uploaded = await settle(() =>
			normRoute.action(
				routeArgs(multipartRequest(path, { evidenceKey: TEMPLATE_KEY, file }, context.cookie), {
					...params,
					normCode: '1',
				}),
			),
		)
		expect(uploaded.response?.status).toBe(302)
		// The page was loaded before the upload: version 0. The answer the upload made holds only
		// the document, so the first tick overwrites nothing and is no conflict.
		const tick = async (version: number, elements: string[], cookie = context.cookie) => {
			const request = formRequest(
				`${context.base}/antwoord`,
				{
					evidenceKey: TEMPLATE_KEY,
					[`${TEMPLATE_KEY}:version`]: String(version),
					[`${TEMPLATE_KEY}:checked`]: elements,
				},
				cookie,
			)
			const { response } = await settle(() => autosaveRoute.action(routeArgs(request, params)))
			return { status: response!.status, body: (await response!.json()) as { ok: boolean; version?: number } }
		}
		const element = 'behandelmethode'
		const first = await tick(0, [element])
		expect(first).toMatchObject({ status: 200, body: { ok: true, version: 2 } })
		// Once it holds ticks, a save that never saw them is a conflict again (a colleague's page).
		const colleague = await createUser()
		await db.membership.create({ data: { userId: colleague.id, providerId: context.provider.id, canSign: false } })
		expect((await tick(0, [], await sessionCookieFor(colleague.id))).status).toBe(409)
		const answer = await db.answer.findFirstOrThrow({
			where: { round: { participationId: context.participationId }, evidenceItem: { key: TEMPLATE_KEY } },
			include: { documents: true },
		})
		expect([answer.checkedElements, answer.version, answer.documents.length]).toEqual([[element], 2, 1])
	})
})
