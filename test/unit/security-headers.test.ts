// server/security-headers.ts: the replayed set equals what helmet itself sets, header for header and
// in the same order, for every combination the portal runs with, on real HTTP responses; the nonce
// is the request's own; static files get their part of the set.
import { once } from 'node:events'
import { type IncomingHttpHeaders, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import express, { type RequestHandler } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cspNonce } from '#server/csp-nonce.ts'
import {
	PERMISSIONS_POLICY,
	type SecurityHeaderOptions,
	helmetFor,
	securityHeaders,
	staticFileHeaders,
} from '#server/security-headers.ts'

const combinations: SecurityHeaderOptions[] = [false, true].flatMap((development) =>
	[false, true].flatMap((https) =>
		(['same-site', 'cross-origin'] as const).map((resourcePolicy) => ({ development, https, resourcePolicy })),
	),
)

let base = ''
let close: () => void = () => undefined

// One route per combination and way: helmet run per request (as the portal did), and the replay.
beforeAll(async () => {
	const app = express()
	app.disable('x-powered-by')
	combinations.forEach((options, index) => {
		const withNonce: RequestHandler = (req, res, next) => {
			res.locals.cspNonce = typeof req.query.nonce === 'string' ? req.query.nonce : cspNonce()
			// helmet removes it: so must the replay.
			res.setHeader('X-Powered-By', 'Express')
			next()
		}
		const answer: RequestHandler = (_req, res) => {
			res.end('ok')
		}
		app.get(`/helmet/${index}`, withNonce, helmetFor(options), answer)
		app.get(`/replay/${index}`, withNonce, securityHeaders(options), answer)
	})
	const server = app.listen(0, '127.0.0.1')
	await once(server, 'listening')
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	close = () => server.close()
})

afterAll(() => close())

/** The response's headers in the order they came, as name–value pairs (Date left out). */
async function headersOf(path: string): Promise<{ pairs: [string, string][]; headers: IncomingHttpHeaders }> {
	return new Promise((resolve, reject) => {
		request(`${base}${path}`, (response) => {
			const raw = response.rawHeaders
			const pairs: [string, string][] = []
			for (let i = 0; i < raw.length; i += 2) {
				const name = (raw[i] ?? '').toLowerCase()
				if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name))
					pairs.push([name, raw[i + 1] ?? ''])
			}
			response.resume()
			response.on('end', () => resolve({ pairs, headers: response.headers }))
		})
			.on('error', reject)
			.end()
	})
}

describe('the replayed security headers', () => {
	it.each(combinations.map((options, index) => [JSON.stringify(options), index] as const))(
		'are helmet’s own, in helmet’s order, plus the Permissions-Policy (%s)',
		async (_name, index) => {
			const nonce = cspNonce()
			const live = await headersOf(`/helmet/${index}?nonce=${encodeURIComponent(nonce)}`)
			const replayed = await headersOf(`/replay/${index}?nonce=${encodeURIComponent(nonce)}`)
			expect(replayed.pairs).toEqual([...live.pairs, ['permissions-policy', PERMISSIONS_POLICY]])
			// What the portal relies on, read off helmet's answer: the comparison is not of two empty lists.
			expect(live.headers['content-security-policy']).toContain(`script-src 'self' 'nonce-${nonce}'`)
			expect(live.headers['x-frame-options']).toBe('DENY')
			expect(live.headers['x-powered-by']).toBeUndefined()
			expect(replayed.headers['x-powered-by']).toBeUndefined()
		},
	)

	it('carry each request’s own nonce', async () => {
		const first = await headersOf('/replay/0')
		const second = await headersOf('/replay/0')
		const nonceOf = (headers: IncomingHttpHeaders) =>
			/'nonce-([A-Za-z0-9+/=]+)'/.exec(String(headers['content-security-policy']))?.[1]
		expect(nonceOf(first.headers)).toMatch(/^[A-Za-z0-9+/]{22}==$/)
		expect(nonceOf(second.headers)).toMatch(/^[A-Za-z0-9+/]{22}==$/)
		expect(nonceOf(first.headers)).not.toBe(nonceOf(second.headers))
		expect(String(first.headers['content-security-policy']).replace(nonceOf(first.headers) ?? '', '')).toBe(
			String(second.headers['content-security-policy']).replace(nonceOf(second.headers) ?? '', ''),
		)
	})

	it('give a static file its part: no policy, the rest as a page’s', () => {
		expect(new Map(staticFileHeaders({ development: false, https: true }))).toEqual(
			new Map([
				['Cross-Origin-Resource-Policy', 'same-site'],
				['Referrer-Policy', 'strict-origin-when-cross-origin'],
				['X-Content-Type-Options', 'nosniff'],
				['X-Frame-Options', 'DENY'],
				['Permissions-Policy', PERMISSIONS_POLICY],
			]),
		)
	})
})
