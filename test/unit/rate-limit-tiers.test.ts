// The in-memory per-IP tiers, on a real Express server over HTTP.
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rateLimitTiers } from '../../server/rate-limit-tiers.ts'

let base = ''
let close: () => void = () => undefined

beforeAll(async () => {
	const app = express()
	app.use(rateLimitTiers)
	app.all('/{*path}', (_req, res) => void res.send('ok'))
	const server = app.listen(0)
	await new Promise((resolve) => server.once('listening', resolve))
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	close = () => server.close()
})
afterAll(() => close())

async function statuses(path: string, count: number, method = 'GET') {
	const result: number[] = []
	for (let index = 0; index < count; index++) result.push((await fetch(`${base}${path}`, { method })).status)
	return result
}

describe('rate-limit tiers', () => {
	it('limits certificate lookups to 120 a minute per address, and leaves other pages alone', async () => {
		const lookups = await statuses('/verifieer/KBG-2027-0001', 121)
		expect(lookups.slice(0, 120).every((status) => status === 200)).toBe(true)
		expect(lookups[120]).toBe(429)
		expect(await statuses('/register', 150)).not.toContain(429)
	})

	it('limits posts to the public forms to 30 a minute per address', async () => {
		const posts = await statuses('/aanmelden', 31, 'POST')
		expect(posts.slice(0, 30).every((status) => status === 200)).toBe(true)
		expect(posts[30]).toBe(429)
		// Reading the form stays possible.
		expect((await fetch(`${base}/aanmelden`)).status).toBe(200)
	})
})
