// Issue 15, finding 7: a response to a request that carries a session is never kept by a browser
// or proxy cache (a shared computer's back button, a proxy's copy) — whatever the route itself
// set. The header is set before the route runs and set again just before the head goes out, so
// a route's own `Cache-Control` (a public document's `public, max-age=300`, which the express
// adapter would otherwise append to ours) cannot win. Anonymous requests keep the route's
// caching (the register's ETags, decision 008).
import express, { type Express, type NextFunction, type Request, type Response } from 'express'
import { beforeHeadWritten } from './before-head.ts'

const SESSION_COOKIE = /(?:^|;\s*)__session=/

export const SIGNED_IN_CACHE_CONTROL = 'no-store'

export function hasSessionCookie(cookieHeader: string | undefined): boolean {
	return SESSION_COOKIE.test(cookieHeader ?? '')
}

export function noStoreWhenSignedIn(req: Request, res: Response, next: NextFunction) {
	if (!hasSessionCookie(req.headers.cookie)) return next()
	res.setHeader('Cache-Control', SIGNED_IN_CACHE_CONTROL)
	beforeHeadWritten(res, (args) => {
		// Headers given to writeHead itself would override ours.
		for (const arg of args) {
			if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
				for (const key of Object.keys(arg)) {
					if (key.toLowerCase() === 'cache-control') delete (arg as Record<string, unknown>)[key]
				}
			}
		}
		res.setHeader('Cache-Control', SIGNED_IN_CACHE_CONTROL)
	})
	next()
}

/**
 * The React Router adapter appends a route's headers to those already set: helmet's
 * `X-Content-Type-Options: nosniff` and a download's own became `nosniff, nosniff`. A value that
 * is already there is not added again. Installed once on the app's own response prototype (every
 * response of `app` inherits it), not on each response: a property set on a response object per
 * request changed its shape every time, measurable on the certificate check (issue 17).
 */
export function noRepeatedHeaders(app: Express): void {
	app.response.append = appendOnce
}

function appendOnce(this: Response, field: string, value?: string[] | string): Response {
	const current = this.getHeader(field)
	const values = Array.isArray(current) ? current.map(String) : current === undefined ? [] : [String(current)]
	const added = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
		(candidate) => !values.some((present) => present.toLowerCase() === candidate.toLowerCase()),
	)
	if (value !== undefined && added.length === 0) return this
	return express.response.append.call(this, field, Array.isArray(value) ? added : value)
}
