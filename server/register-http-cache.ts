// HTTP caching of the public register (issue 17): the register search, a carrier page and the
// open data files carry an ETag named by the register's moment key (app/services/register-cache
// .server.ts: version, instants passed, date) and the URL, the language and the build. A browser
// or shared cache that sends it back while nothing changed gets 304 Not Modified after one small
// query (the version), before any page is rendered. `Cache-Control: public, no-cache`: caches
// may keep the page but must ask every time, so nobody sees a withdrawn carrier a moment longer.
//
// Only for visitors without a session or a pending message (their pages show their name or the
// message); they are served as before. The 304 goes out without the Content-Security-Policy that
// helmet set for this request: a 304 updates the stored response's headers, and this request's
// fresh nonce would no longer match the nonce in the stored page's scripts.
import type { NextFunction, Request, Response } from 'express'
import { getEnv } from '#app/lib/env.server.ts'
import { registerCacheEnabled, registerEtag, registerPageKey } from '#app/services/register-cache.server.ts'

const CACHEABLE = /^\/(?:register(?:\/[^/]+)?|open-data\/v1\/register\.(?:json|csv))$/
const PERSONAL_COOKIE = /(?:^|;\s*)(?:__session|__toast)=/
const LANGUAGE_COOKIE = /(?:^|;\s*)lang=([^;]*)/

export const REGISTER_CACHE_CONTROL = 'public, no-cache'

/** `buildVersion`: the bundle's asset version, so a new release never answers 304 to an old page. */
export function registerHttpCache(buildVersion: () => Promise<string>) {
	return async function (req: Request, res: Response, next: NextFunction) {
		if ((req.method !== 'GET' && req.method !== 'HEAD') || !CACHEABLE.test(req.path)) return next()
		const cookies = req.headers.cookie ?? ''
		if (PERSONAL_COOKIE.test(cookies) || !registerCacheEnabled() || getEnv().NODE_ENV === 'development') return next()
		let etag: string
		try {
			etag = registerEtag([
				await buildVersion(),
				await registerPageKey(),
				req.originalUrl,
				LANGUAGE_COOKIE.exec(cookies)?.[1] ?? '',
				getEnv().KEURMERK_DEMO ? 'demo' : '',
			])
		} catch {
			// No version (the database is away): serve without caching; the page reports the error.
			return next()
		}
		res.vary('Cookie')
		if (matches(req.headers['if-none-match'], etag)) {
			res.removeHeader('Content-Security-Policy')
			res.status(304).set({ ETag: etag, 'Cache-Control': REGISTER_CACHE_CONTROL }).end()
			return
		}
		// The answer rendered below is the one this ETag names, but only a 200 may carry it (an error
		// page is not the register). Set last, over what the route set itself.
		const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response
		res.writeHead = function (this: Response, ...args: unknown[]) {
			const status = typeof args[0] === 'number' ? args[0] : res.statusCode
			if (status === 200) {
				res.setHeader('ETag', etag)
				res.setHeader('Cache-Control', REGISTER_CACHE_CONTROL)
			} else if (status !== 304) {
				res.removeHeader('ETag')
			}
			return writeHead(...args)
		} as typeof res.writeHead
		next()
	}
}

function matches(header: string | undefined, etag: string): boolean {
	if (!header) return false
	return header.split(',').some((tag) => {
		const trimmed = tag.trim()
		return trimmed === '*' || trimmed.replace(/^W\//, '') === etag
	})
}
