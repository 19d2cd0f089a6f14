// Conditional requests for the certificate check /verifieer/<number> (issue 17): the page behind
// the QR code, scanned again and again at a deadline. A browser that comes back with the ETag of
// the page it holds gets 304 Not Modified when the page the server would render now is that page:
// the ETag names the answer (the register's moment key: version, instants passed, Amsterdam date —
// so a withdrawal, 1 January and 1 April change it), the minute the page says it was checked, the
// URL, the language and the build (server/register-http-cache.ts, the same pieces). So a 304 is
// never a stale answer, and the time on the page stays right to the minute.
//
// Why a conditional request suits a verification page: `Cache-Control: private, no-cache` means no
// browser shows a kept copy without asking, and no shared cache keeps one at all, so every lookup
// still reaches the portal, is throttled per address (rate-limit-tiers, which runs before this) and
// is counted (verification-counts, written behind). The 304 only spares rendering the same page.
// A number nobody issued (404) or a signed-in visitor is rendered as before. A page that is rendered
// gets this lookup (res.locals.verification, then the load context) instead of making its own: the
// register version is read once a request, and the page shows the moment the ETag was made for.
import type { NextFunction, Request, Response } from 'express'
import { now } from '#app/lib/clock.server.ts'
import { registerEtag } from '#app/services/register-cache.server.ts'
import {
	countVerification,
	type LookedUpVerification,
	lookUpVerification,
	normaliseCertificateNumber,
} from '#app/services/verification.server.ts'
import { decodedOr } from '#app/lib/decoded.ts'
import { anonymousCacheable, answerConditionally, matches, visitorParts } from './register-http-cache.ts'

const VERIFY_PATH = /^\/verifieer\/([^/]+)$/

export const VERIFICATION_CACHE_CONTROL = 'private, no-cache'

/** `buildVersion`: the bundle's asset version, so a new release never answers 304 to an old page. */
export function verificationHttpCache(buildVersion: () => Promise<string>) {
	return async function (req: Request, res: Response, next: NextFunction) {
		if (req.method !== 'GET' && req.method !== 'HEAD') return next()
		const match = VERIFY_PATH.exec(req.path)
		if (!match || !anonymousCacheable(req)) return next()
		const number = normaliseCertificateNumber(decodedOr(match[1] ?? '', '').slice(0, 200))
		if (!number) return next()
		const at = now()
		let etag: string
		let found: Awaited<ReturnType<typeof lookUpVerification>>
		try {
			found = await lookUpVerification(number, at)
			// A page rendered after all takes this lookup from the load context (server/app.ts).
			res.locals.verification = { number, at, found } satisfies LookedUpVerification
			if (found.moment === null || found.verification.result === 'unknown') return next()
			etag = registerEtag([await buildVersion(), found.moment, at.toISOString().slice(0, 16), ...visitorParts(req)])
		} catch {
			// The database is away: the route answers (and reports) as without caching.
			return next()
		}
		// A 304 is an answered lookup too; a page rendered below is counted by its loader.
		if (matches(req.headers['if-none-match'], etag)) countVerification(found, at)
		answerConditionally(req, res, next, etag, VERIFICATION_CACHE_CONTROL)
	}
}
