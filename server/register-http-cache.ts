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
		if (!anonymousCacheable(req)) return next()
		let etag: string
		try {
			etag = registerEtag([await buildVersion(), await registerPageKey(), ...visitorParts(req)])
		} catch {
			// No version (the database is away): serve without caching; the page reports the error.
			return next()
		}
		answerConditionally(req, res, next, etag, REGISTER_CACHE_CONTROL)
	}
}

/**
 * Whether the answer to this request may carry an ETag: an anonymous visitor (no session, no
 * pending message), the register cache on, not in development.
 */
export function anonymousCacheable(req: Request): boolean {
	return (
		!PERSONAL_COOKIE.test(req.headers.cookie ?? '') && registerCacheEnabled() && getEnv().NODE_ENV !== 'development'
	)
}

/** What besides the answer makes the page: the URL, the language, the demo banner. */
export function visitorParts(req: Request): string[] {
	return [
		req.originalUrl,
		LANGUAGE_COOKIE.exec(req.headers.cookie ?? '')?.[1] ?? '',
		getEnv().KEURMERK_DEMO ? 'demo' : '',
	]
}

/**
 * 304 Not Modified when the browser sent `etag` back; else the route renders, and a 200 goes out
 * with `etag` and `cacheControl` (set last, over what the route set itself).
 */
export function answerConditionally(
	req: Request,
	res: Response,
	next: NextFunction,
	etag: string,
	cacheControl: string,
): void {
	res.vary('Cookie')
	if (matches(req.headers['if-none-match'], etag)) {
		res.removeHeader('Content-Security-Policy')
		res.status(304).set({ ETag: etag, 'Cache-Control': cacheControl }).end()
		return
	}
	// The answer rendered below is the one this ETag names, but only a 200 may carry it (an error
	// page is not the register).
	const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response
	res.writeHead = function (this: Response, ...args: unknown[]) {
		const status = typeof args[0] === 'number' ? args[0] : res.statusCode
		if (status === 200) {
			res.setHeader('ETag', etag)
			res.setHeader('Cache-Control', cacheControl)
		} else if (status !== 304) {
			res.removeHeader('ETag')
		}
		return writeHead(...args)
	} as typeof res.writeHead
	next()
}

/** Whether the If-None-Match header names `etag`. */
export function matches(header: string | undefined, etag: string): boolean {
	if (!header) return false
	return header.split(',').some((tag) => {
		const trimmed = tag.trim()
		return trimmed === '*' || trimmed.replace(/^W\//, '') === etag
	})
}
