// The register's caches (issue 17) never answer differently from the register itself: at every
// moment — across a withdrawal made live, a withdrawal that takes effect by itself later that day,
// the listing window that closes on 1 April and midnight of 1 January — the cached answer of every
// register page, open data file and certificate verification equals the one computed without the
// cache (and every verification is still counted).
import express from 'express'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import type { RegisterYearScenario } from '#app/lib/test-fixtures/register.server.ts'
import { loader as carrierLoader } from '#app/routes/public/carrier.tsx'
import { loader as openDataLoader } from '#app/routes/public/open-data-file.ts'
import { loader as registerLoader } from '#app/routes/public/register.tsx'
import { loader as verifyLoader } from '#app/routes/public/verify.tsx'
import {
	cachedRegisterAnswer,
	clearRegisterCache,
	estimatedBytes,
	passedCount,
	registerCacheSize,
	registerMomentKey,
	registerVersion,
	setRegisterCacheLimits,
} from '#app/services/register-cache.server.ts'
import { flushVerificationCounts } from '#app/services/verification-counts.server.ts'
import { registerHttpCache } from '#server/register-http-cache.ts'
import { createCarrierYear, withdrawCarrier } from '#test/fixtures/register-carriers.ts'
import { getRequest, routeArgs, settle } from '#test/fixtures/requests.ts'

const YEAR = 2081
let scenario: RegisterYearScenario

beforeAll(async () => {
	scenario = await createCarrierYear(YEAR, 'Cache', [
		{ name: 'Cache Zoë', city: 'Arnhem', postcode: '6811 AB', type: 'independent_practice' },
	])
}, 180_000)

afterEach(() => {
	delete process.env.KEURMERK_REGISTER_CACHE
})

function urls(): string[] {
	const slugs = [
		...scenario.qualified.map((carrier) => carrier.slug),
		scenario.withdrawn.slug,
		scenario.listedOnly.slug,
		scenario.appliedOnly.slug,
	]
	return [
		'/register',
		`/register?jaar=${YEAR}`,
		`/register?jaar=${YEAR}&status=qualified`,
		`/register?jaar=${YEAR}&status=listed&sorteer=city`,
		`/register?jaar=${YEAR}&q=cache`,
		`/register?jaar=${YEAR}&provincie=Gelderland`,
		`/register?jaar=${YEAR + 1}`,
		...slugs.map((slug) => `/register/${slug}`),
		'/open-data/v1/register.json',
		`/open-data/v1/register.json?jaar=${YEAR}`,
		`/open-data/v1/register.csv?jaar=${YEAR}`,
		// Certificate verification (the QR code): valid, withdrawn, a number never issued.
		...scenario.qualified.map((carrier) => `/verifieer/${carrier.certificateNumber}`),
		`/verifieer/${scenario.withdrawn.certificateNumber}`,
		`/verifieer/KBG-${YEAR}-9999`,
	]
}

/** What a visitor gets for `url`: the loader's data, or the response's status and body. */
async function visit(url: string): Promise<unknown> {
	const request = getRequest(url)
	const path = new URL(request.url).pathname
	const slug = /^\/register\/(.+)$/.exec(path)?.[1]
	const number = /^\/verifieer\/(.+)$/.exec(path)?.[1]
	const { response, value } = await settle(() =>
		path.startsWith('/open-data/')
			? openDataLoader(routeArgs(request))
			: slug
				? carrierLoader(routeArgs(request, { slug }))
				: number
					? verifyLoader(routeArgs(request, { number }))
					: registerLoader(routeArgs(request)),
	)
	if (response) return { status: response.status, body: await response.text() }
	return JSON.parse(JSON.stringify(value)) as unknown
}

/** Every page with the cache (asked twice: computed, then from the cache) equals it without. */
async function expectCacheAgrees(at: Date) {
	setClock(at)
	for (const url of urls()) {
		const first = await visit(url)
		const second = await visit(url)
		process.env.KEURMERK_REGISTER_CACHE = 'off'
		const uncached = await visit(url)
		delete process.env.KEURMERK_REGISTER_CACHE
		expect(first, `${url} at ${at.toISOString()}`).toEqual(uncached)
		expect(second, `${url} at ${at.toISOString()} (from the cache)`).toEqual(uncached)
	}
}

const justBefore = (instant: Date) => new Date(instant.getTime() - 1)

describe('the register cache', () => {
	it('stays under its byte bound, the least recently used answer leaving first', async () => {
		setRegisterCacheLimits({ bytes: 1_000_000 })
		try {
			const at = new Date()
			let loads = 0
			const ask = (question: string, size = 100_000) =>
				cachedRegisterAnswer(`test:${question}`, at, async () => {
					loads++
					return { text: 'x'.repeat(size) }
				})
			for (let n = 0; n < 10; n++) await ask(String(n))
			expect(loads).toBe(10)
			// Each answer is estimated at ~200 kB (two bytes a character): four fit, not five.
			expect(registerCacheSize().entries).toBe(4)
			expect(registerCacheSize().bytes).toBeLessThanOrEqual(1_000_000)
			await ask('9')
			expect(loads).toBe(10) // the most recent is kept
			await ask('0')
			expect(loads).toBe(11) // the oldest was dropped and is computed again
			// An answer larger than the whole bound is answered, but not kept (and drops nothing else).
			expect((await ask('huge', 600_000)).text).toHaveLength(600_000)
			expect(registerCacheSize().entries).toBe(4)
			await ask('huge', 600_000)
			expect(loads).toBe(13)
			expect(registerCacheSize().bytes).toBeLessThanOrEqual(1_000_000)
		} finally {
			setRegisterCacheLimits()
		}
	})

	it('estimates what an answer holds from its strings and its shape', () => {
		const page = { total: 2, rows: [{ name: 'De Linde', city: 'Utrecht', at: new Date() }], year: 2081 }
		const bytes = estimatedBytes(page)
		expect(bytes).toBeGreaterThan(2 * ('De Linde'.length + 'Utrecht'.length))
		expect(bytes).toBeLessThan(1_000)
		expect(estimatedBytes('x'.repeat(1_000_000))).toBeGreaterThanOrEqual(2_000_000)
		// Shared or circular parts are counted once.
		const shared = { text: 'y'.repeat(10_000) }
		expect(estimatedBytes([shared, shared])).toBeLessThan(2 * estimatedBytes(shared))
	})

	it('equals the uncached register at every moment: 1 January, a withdrawal, 1 April, year end', async () => {
		clearRegisterCache()
		const newYear = amsterdamInstant(`${YEAR}-01-01`)
		const firstWithdrawal = amsterdamInstant(`${YEAR}-03-10`, { hour: 9 })
		const april = amsterdamInstant(`${YEAR}-04-01`)
		const nextYear = amsterdamInstant(`${YEAR + 1}-01-01`)
		// In order, so that what was cached before a boundary is asked for after it.
		for (const at of [
			amsterdamInstant(`${YEAR - 1}-12-31`, { hour: 12 }),
			justBefore(newYear),
			newYear,
			amsterdamInstant(`${YEAR}-01-02`, { hour: 9 }),
			justBefore(firstWithdrawal),
			firstWithdrawal,
			justBefore(april),
			april,
			amsterdamInstant(`${YEAR}-04-02`, { hour: 8 }),
		]) {
			await expectCacheAgrees(at)
		}

		// A withdrawal made now, and one that takes effect by itself later the same day.
		const may = amsterdamInstant(`${YEAR}-05-01`, { hour: 10 })
		const later = amsterdamInstant(`${YEAR}-05-01`, { hour: 15, minute: 30 })
		await expectCacheAgrees(may)
		await withdrawCarrier(YEAR, scenario.qualified[1]?.slug ?? '', may)
		await withdrawCarrier(YEAR, scenario.qualified[2]?.slug ?? '', later)
		await expectCacheAgrees(may)
		await expectCacheAgrees(justBefore(later))
		await expectCacheAgrees(later)
		await expectCacheAgrees(justBefore(nextYear))
		await expectCacheAgrees(nextYear)
	}, 240_000)
})

describe('certificate verification from the cache', () => {
	it('still counts every lookup', async () => {
		clearRegisterCache()
		setClock(amsterdamInstant(`${YEAR}-06-10`, { hour: 11 }))
		const number = scenario.qualified[0]?.certificateNumber ?? ''
		const counted = async () =>
			(await db.certificateVerification.aggregate({ where: { queriedNumber: number }, _sum: { count: true } }))._sum
				.count ?? 0
		await flushVerificationCounts()
		const before = await counted()
		const answers = [await visit(`/verifieer/${number}`), await visit(`/verifieer/${number}`)]
		expect(answers[1]).toEqual(answers[0])
		expect(answers[0]).toMatchObject({ data: { verification: { result: 'valid', number } } })
		await flushVerificationCounts()
		expect(await counted()).toBe(before + 2)
	})
})

describe('the register version', () => {
	it('changes with what the register shows, not with other writes', async () => {
		const participation = await db.participation.findFirstOrThrow({
			where: { year: YEAR, provider: { slug: scenario.qualified[0]?.slug ?? '' } },
			include: { provider: true },
		})
		const start = await registerVersion()
		// Not shown in the register: the provider's e-mail address, the participation's updatedAt.
		await db.provider.update({ where: { id: participation.providerId }, data: { email: 'nieuw@cache.test' } })
		await db.participation.update({ where: { id: participation.id }, data: { updatedAt: new Date() } })
		expect(await registerVersion()).toBe(start)
		// Shown: the name. One transaction touching many rows bumps once.
		await db.provider.update({ where: { id: participation.providerId }, data: { name: 'Cache De Linde BV' } })
		const renamed = await registerVersion()
		expect(renamed).not.toBe(start)
		await db.$transaction([
			db.provider.update({ where: { id: participation.providerId }, data: { city: 'Amersfoort' } }),
			db.provider.update({ where: { id: participation.providerId }, data: { website: 'https://anker.example.nl' } }),
		])
		const [token, counter] = renamed.split('.')
		expect(await registerVersion()).toBe(`${token}.${Number(counter) + 1}`)
	})

	it('keys a moment by the version, the stored instants passed and the Amsterdam date', async () => {
		expect(passedCount([10, 20, 30], 5)).toBe(0)
		expect(passedCount([10, 20, 30], 20)).toBe(2)
		expect(passedCount([10, 20, 30], 99)).toBe(3)
		clearRegisterCache()
		const morning = amsterdamInstant(`${YEAR}-06-03`, { hour: 8 })
		const evening = amsterdamInstant(`${YEAR}-06-03`, { hour: 20 })
		expect(await registerMomentKey(morning)).toBe(await registerMomentKey(evening))
		expect(await registerMomentKey(evening)).not.toBe(
			await registerMomentKey(amsterdamInstant(`${YEAR}-06-04`, { hour: 0 })),
		)
	})
})

describe('HTTP caching of the register', () => {
	it('answers a browser that sends back the ETag with 304 until the register changes', async () => {
		const app = express()
		app.set('etag', false)
		// As in server/app.ts: the security headers (a new nonce per request) come first.
		app.use((_req, res, next) => {
			res.set('Content-Security-Policy', `script-src 'nonce-${Math.random()}'`)
			next()
		})
		app.use(registerHttpCache(async () => 'build-1'))
		app.use((req, res) => {
			if (req.path === '/register/onbekend') res.status(404).send('niet gevonden')
			else res.send(`pagina ${req.originalUrl}`)
		})
		const server = app.listen(0)
		try {
			const address = server.address()
			const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
			setClock(null)
			const first = await fetch(`${base}/register?jaar=${YEAR}`)
			const etag = first.headers.get('etag') ?? ''
			expect(first.status).toBe(200)
			expect(etag).toMatch(/^"r-/)
			expect(first.headers.get('cache-control')).toBe('public, no-cache')
			expect(first.headers.get('vary')).toContain('Cookie')

			const again = await fetch(`${base}/register?jaar=${YEAR}`, { headers: { 'If-None-Match': etag } })
			expect(again.status).toBe(304)
			// The stored page keeps the nonce it was sent with.
			expect(again.headers.get('content-security-policy')).toBeNull()
			// Another URL, another language or a signed-in visitor: not the same page.
			const other = await fetch(`${base}/register?jaar=${YEAR}&q=linde`, { headers: { 'If-None-Match': etag } })
			expect(other.status).toBe(200)
			const english = await fetch(`${base}/register?jaar=${YEAR}`, {
				headers: { 'If-None-Match': etag, cookie: 'lang=ImVuIg%3D%3D' },
			})
			expect(english.status).toBe(200)
			const signedIn = await fetch(`${base}/register?jaar=${YEAR}`, {
				headers: { 'If-None-Match': etag, cookie: '__session=abc' },
			})
			expect(signedIn.status).toBe(200)
			expect(signedIn.headers.get('etag')).toBeNull()
			// Not found is not cached; other paths are left alone.
			expect((await fetch(`${base}/register/onbekend`)).headers.get('etag')).toBeNull()
			expect((await fetch(`${base}/normen`)).headers.get('etag')).toBeNull()

			// A change to the register: the old ETag no longer matches.
			const provider = await db.provider.findFirstOrThrow({ where: { slug: scenario.listedOnly.slug } })
			await db.provider.update({ where: { id: provider.id }, data: { website: 'https://nieuw.example.nl' } })
			const changed = await fetch(`${base}/register?jaar=${YEAR}`, { headers: { 'If-None-Match': etag } })
			expect(changed.status).toBe(200)
			expect(changed.headers.get('etag')).not.toBe(etag)
		} finally {
			await new Promise((resolve) => server.close(resolve))
		}
	})
})
