// Issue 15 finding 3 at the HTTP level, against the real production server: throttling never locks
// out the real user. Addresses are set with X-Forwarded-For, which the server trusts from a proxy
// on loopback (server/app.ts), as it would behind the real reverse proxy.
import type { APIRequestContext } from '@playwright/test'
import { expect, password, test, uniqueId, uniqueKvk } from './fixtures.ts'

function login(request: APIRequestContext, email: string, secret: string, address: string) {
	return request.post('/inloggen', {
		form: { email, password: secret },
		headers: { 'X-Forwarded-For': address },
		maxRedirects: 0,
	})
}

/** A fresh address per test run, so reruns against one server do not share counters. */
function addressBlock(): string {
	return `198.${18 + Math.floor(Math.random() * 2)}.${Math.floor(Math.random() * 250)}`
}

test('five wrong passwords from five addresses do not stop the real user', async ({ request, hooks }) => {
	const victim = await hooks.createProvider()
	const block = addressBlock()
	for (let attacker = 1; attacker <= 5; attacker++) {
		for (let attempt = 0; attempt < 5; attempt++) {
			const response = await login(request, victim.email, 'geraden-wachtwoord', `${block}.${attacker}`)
			// The attacker's own pair slows down (from the fourth failure), nothing else.
			expect([400, 429]).toContain(response.status())
		}
	}
	const real = await login(request, victim.email, password, `${block}.200`)
	expect(real.status()).toBe(302)
	expect(real.headers()['location']).toContain(`/aanbieder`)
})

test('fifty failures from one office address do not lock out its colleagues', async ({ request, hooks }) => {
	const office = `${addressBlock()}.7`
	const colleagues = await Promise.all(Array.from({ length: 3 }, () => hooks.createProvider()))
	// Fifty failures from the office: mistyped passwords of 25 people, two each.
	for (let person = 0; person < 25; person++) {
		for (let attempt = 0; attempt < 2; attempt++) {
			const response = await login(request, `medewerker-${person}-${uniqueId()}@kantoor.test`, 'fout', office)
			expect(response.status()).toBe(400)
		}
	}
	for (const colleague of colleagues) {
		expect((await login(request, colleague.email, password, office)).status()).toBe(302)
	}
})

test('twenty mistyped applications do not block a valid one', async ({ request, hooks }) => {
	const year = 2096
	await hooks.post('fixtures/mark-year', { year })
	await hooks.setClock(`${year - 1}-07-01T10:00:00+02:00`, 'running')
	const address = `${addressBlock()}.9`
	const id = uniqueId()
	const valid = {
		name: `Praktijk Veilig ${id}`,
		type: 'independent_practice',
		kvkNumber: uniqueKvk(),
		agbCode: '94001234',
		street: 'Lindelaan',
		houseNumber: '12',
		postcode: '3511 AB',
		city: 'Utrecht',
		website: '',
		email: `info-${id}@praktijk.test`,
		phone: '',
		offersChronicEchelon: 'no',
		contactName: 'Anna de Vries',
		contactFunction: 'Directeur',
		contactEmail: `anna-${id}@praktijk.test`,
		markHistory: 'never',
	}
	for (let attempt = 0; attempt < 20; attempt++) {
		const response = await request.post('/aanmelden', {
			form: { ...valid, kvkNumber: '1234' },
			headers: { 'X-Forwarded-For': address },
			maxRedirects: 0,
		})
		expect(response.status()).toBe(400)
	}
	const accepted = await request.post('/aanmelden', {
		form: valid,
		headers: { 'X-Forwarded-For': address },
		maxRedirects: 0,
	})
	expect(accepted.status()).toBe(302)
	expect(accepted.headers()['location']).toBe(`/aanmelden?ontvangen=${year}`)
})

test('ten colleagues behind one address autosaving every 2 s get no 429', async ({ request, hooks }) => {
	test.setTimeout(120_000)
	const year = 2097
	const provider = await hooks.createProvider()
	await hooks.post('fixtures/self-evaluation-listed', { year, providerId: provider.providerId })
	const emails = [provider.email]
	for (let colleague = 1; colleague < 10; colleague++) {
		const email = `collega-${uniqueId()}@praktijk.test`
		await hooks.post('fixtures/self-evaluation-colleague', { providerId: provider.providerId, email })
		emails.push(email)
	}
	const cookies = await Promise.all(
		emails.map(async (email) => (await hooks.post<{ cookie: string }>('session', { email })).cookie),
	)
	const key = 'waiting-time-use.explanation'
	const url = `/aanbieder/${provider.providerId}/zelfevaluatie/${year}/antwoord`
	const address = `${addressBlock()}.11`
	let version = 0
	const statuses: number[] = []
	// 80 s of autosaves every 2 s for all ten (400 saves from one address; the old per-address
	// limit was 300 a minute), sent as fast as the server takes them: stricter than real life.
	for (let tick = 0; tick < 40; tick++) {
		const round = await Promise.all(
			cookies.map(async (cookie, person) => {
				const response = await request.post(url, {
					form: { evidenceKey: key, [`${key}:version`]: String(version), [`${key}:text`]: `Tekst ${person}/${tick}` },
					headers: { cookie, 'X-Forwarded-For': address },
				})
				const body = (await response.json()) as { ok: boolean; version?: number; current?: { version: number } }
				version = Math.max(version, body.version ?? body.current?.version ?? 0)
				return response.status()
			}),
		)
		statuses.push(...round)
	}
	expect(statuses).toHaveLength(400)
	expect(statuses.filter((status) => status === 429)).toEqual([])
	// Saves and colleague conflicts only (409 carries the colleague's text): nothing else.
	expect(statuses.filter((status) => status !== 200 && status !== 409)).toEqual([])
	expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(30)
})
