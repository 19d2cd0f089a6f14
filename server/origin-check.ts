// SameSite=Lax cookies stop most cross-site posts; this closes the rest. A mutation whose
// Origin (or, failing that, Referer) is another site is refused before it reaches an action.
import type { NextFunction, Request, Response } from 'express'
import { getEnv } from '#app/lib/env.server.ts'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

export function originCheck(req: Request, res: Response, next: NextFunction) {
	if (safeMethods.has(req.method)) return next()
	const source = req.get('origin') ?? refererOrigin(req.get('referer'))
	// No header at all: a non-browser client (curl, a test). Browsers always send Origin on POST.
	if (!source) return next()
	const allowed = new Set([new URL(getEnv().APP_URL).origin, `${req.protocol}://${req.get('host')}`])
	if (allowed.has(source)) return next()
	res.status(403).type('text/plain; charset=utf-8').send('Verzoek geweigerd: onbekende herkomst.')
}

function refererOrigin(referer: string | undefined): string | undefined {
	if (!referer) return undefined
	try {
		return new URL(referer).origin
	} catch {
		return 'ongeldig'
	}
}
