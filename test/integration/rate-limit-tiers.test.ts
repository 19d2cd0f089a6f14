// The request tiers on a real Express server over HTTP, counted in the real database: per address
// for the public forms and anonymous writes, per user for signed-in writes (issue 15 finding 3).
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestTiers } from '#app/domain/throttle-policy.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { sessionCookieFor } from '#test/fixtures/requests.ts'
import { rateLimitTiers } from '../../server/rate-limit-tiers.ts'

let base = ''
let close: () => void = () => undefined

beforeAll(async () => {
	const app = express()
	// As in server/app.ts: the address comes from X-Forwarded-For set by a proxy on loopback.
	app.set('trust proxy', 'loopback')
	app.use(rateLimitTiers)
	app.all('/{*path}', (_req, res) => void res.send('ok'))
	const server = app.listen(0)
	await new Promise((resolve) => server.once('listening', resolve))
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	close = () => server.close()
})
afterAll(() => close())

async function statuses(path: string, count: number, init: RequestInit = {}) {
	const result: number[] = []
	for (let index = 0; index < count; index++) result.push((await fetch(`${base}${path}`, init)).status)
	return result
}

describe('rate-limit tiers', () => {
	it('limits certificate lookups per address, and leaves other pages alone', async () => {
		const headers = { 'X-Forwarded-For': '192.0.2.10' }
		const lookups = await statuses('/verifieer/KBG-2027-0001', requestTiers.verifyLookups.limit + 1, { headers })
		expect(lookups.slice(0, -1).every((status) => status === 200)).toBe(true)
		expect(lookups.at(-1)).toBe(429)
		expect(await statuses('/register', 20, { headers })).not.toContain(429)
		// Another address has its own count.
		expect(await statuses('/verifieer/KBG-2027-0001', 1, { headers: { 'X-Forwarded-For': '192.0.2.11' } })).toEqual([
			200,
		])
	})

	it('limits posts to the public forms per address', async () => {
		const headers = { 'X-Forwarded-For': '192.0.2.20' }
		const posts = await statuses('/aanmelden', requestTiers.publicForms.limit + 1, { method: 'POST', headers })
		expect(posts.slice(0, -1).every((status) => status === 200)).toBe(true)
		expect(posts.at(-1)).toBe(429)
		// Reading the form stays possible.
		expect((await fetch(`${base}/aanmelden`, { headers })).status).toBe(200)
	})

	it('counts signed-in writes per user: ten colleagues behind one address autosaving every 2 s get no 429', async () => {
		const colleagues = await Promise.all(Array.from({ length: 10 }, () => createUser()))
		const cookies = await Promise.all(colleagues.map((user) => sessionCookieFor(user.id)))
		// 80 s of autosaves every 2 s for all ten (400 writes from one address; the old per-address
		// limit was 300 a minute), as fast as possible.
		const all: number[] = []
		for (let save = 0; save < 40; save++) {
			const round = await Promise.all(
				cookies.map((cookie) =>
					fetch(`${base}/aanbieder/x/zelfevaluatie/2027/antwoord`, {
						method: 'POST',
						headers: { cookie, 'X-Forwarded-For': '192.0.2.30' },
					}).then((response) => response.status),
				),
			)
			all.push(...round)
		}
		expect(all).toHaveLength(400)
		expect(all.filter((status) => status === 429)).toEqual([])
	})

	it('still stops one user who floods, without touching a colleague at the same address', async () => {
		const [flooder, colleague] = await Promise.all([createUser(), createUser()])
		const headers = (cookie: string) => ({ cookie, 'X-Forwarded-For': '192.0.2.40' })
		const flooderCookie = await sessionCookieFor(flooder.id)
		const posts = await statuses('/aanbieder/x/team', requestTiers.userWrites.limit + 1, {
			method: 'POST',
			headers: headers(flooderCookie),
		})
		expect(posts.at(-1)).toBe(429)
		const colleagueCookie = await sessionCookieFor(colleague.id)
		expect(await statuses('/aanbieder/x/team', 1, { method: 'POST', headers: headers(colleagueCookie) })).toEqual([200])
	})

	it('counts a forged session cookie as anonymous, per address', async () => {
		const headers = { cookie: '__session=vervalst.abcdefghijklmnopqrstuvwxyz', 'X-Forwarded-For': '192.0.2.50' }
		const posts = await statuses('/aanbieder/x/team', requestTiers.anonymousWrites.limit + 1, {
			method: 'POST',
			headers,
		})
		expect(posts.at(-1)).toBe(429)
	})
})
