// A failed form comes back with its own fields only, each capped (issue 15, finding 2): five routes
// echoed whatever was posted — the norm page of the self-evaluation, the kennisnetwerk, the
// spiegelrapportage delivery, the follow-ups and the staff's theme list. Each gets a post with a
// 200 kB unknown field and 200 kB values in its own fields (the whole body under the 1 MB cap).
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { action as deliveryAction } from '#app/routes/provider/benchmark/delivery.tsx'
import { action as followUpsAction } from '#app/routes/provider/follow-ups.tsx'
import { action as networkAction } from '#app/routes/provider/network/index.tsx'
import { action as normAction } from '#app/routes/provider/self-evaluation/norm.tsx'
import { action as themesAction } from '#app/routes/staff/network/themes.tsx'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { buildWorld, MOMENT, type World } from '#test/fixtures/authz-world.ts'
import { formRequest, routeArgs, settle } from '#test/fixtures/requests.ts'

const UNKNOWN = 'zzOnbekendVeld'
const HUGE = 'x'.repeat(200_000)

let world: World

beforeAll(async () => {
	world = await buildWorld()
})

beforeEach(() => {
	setClock(MOMENT)
})

type Handler = (args: never) => Promise<unknown>

/** The answer's text (data or body) and its status. */
async function post(
	handler: Handler,
	path: string,
	params: Record<string, string>,
	fields: Record<string, string>,
	cookie: string,
) {
	const { response, value } = await settle(() =>
		handler(routeArgs(formRequest(path, { ...fields, [UNKNOWN]: HUGE }, cookie), params)),
	)
	const text = response
		? await response.text()
		: JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? String(item) : item))
	return { status: response?.status ?? (value as { init?: { status?: number } })?.init?.status ?? 200, text }
}

function expectNoEcho(answer: { status: number; text: string }) {
	expect(answer.status).toBeGreaterThanOrEqual(400)
	expect(answer.status).not.toBe(413) // read and refused, not cut off at the body cap
	expect(answer.status).toBeLessThan(500)
	expect(answer.text).not.toContain(UNKNOWN)
	// Every own field is capped at 20,000 characters; nothing near the 200 kB values that were posted.
	expect(answer.text.length).toBeLessThan(50_000)
}

describe('a failed form echoes only its own fields, each capped', () => {
	it('norm page of the self-evaluation', async () => {
		const loaded = await loadNormSet(world.year)
		const norm = loaded!.normSet.themes[0]!.norms[0]!
		const item = norm.criteria
			.flatMap((criterion) => criterion.evidence)
			.find((candidate) => candidate.kind === 'explanation')!
		const providerId = world.a.provider.id
		const answer = await post(
			normAction,
			`/aanbieder/${providerId}/zelfevaluatie/${world.year}/norm/${norm.code}`,
			{ providerId, year: String(world.year), normCode: norm.code },
			{ intent: 'save', [`${item.key}:version`]: '0', [`${item.key}:text`]: `${HUGE}\u0000` },
			(await world.cookie('memberA'))!,
		)
		expectNoEcho(answer)
	})

	it('kennisnetwerk', async () => {
		const providerId = world.b.provider.id
		const answer = await post(
			networkAction,
			`/aanbieder/${providerId}/kennisnetwerk`,
			{ providerId },
			{ intent: 'request', toProviderId: HUGE, theme: HUGE, direction: 'learn', message: HUGE },
			(await world.cookie('memberB'))!,
		)
		expectNoEcho(answer)
	})

	it('spiegelrapportage delivery', async () => {
		const providerId = world.b.provider.id
		const year = String(world.year - 1)
		const indicator = await db.indicator.findFirstOrThrow({ where: { indicatorSet: { year: world.year - 1 } } })
		const answer = await post(
			deliveryAction,
			`/aanbieder/${providerId}/spiegelrapportage/${year}/aanleveren`,
			{ providerId, year },
			{ intent: 'save', [`${indicator.code}:version`]: '1', [`${indicator.code}:number`]: 'geen getal' },
			(await world.cookie('memberB'))!,
		)
		expectNoEcho(answer)
	})

	it('follow-ups', async () => {
		const providerId = world.b.provider.id
		const answer = await post(
			followUpsAction,
			`/aanbieder/${providerId}/toezeggingen`,
			{ providerId },
			{ followUpId: HUGE, deliver: 'text', text: HUGE },
			(await world.cookie('memberB'))!,
		)
		expectNoEcho(answer)
	})

	it("staff's theme list", async () => {
		const answer = await post(
			themesAction,
			`/medewerkers/kennisnetwerk/themas/${world.year}`,
			{ year: String(world.year) },
			{ intent: 'rename', from: HUGE, label: '' },
			(await world.cookie('admin'))!,
		)
		expectNoEcho(answer)
	})
})
