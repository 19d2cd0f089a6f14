// The security headers every answer of the portal carries (issue 15, finding 7): helmet's set with
// a per-request CSP nonce, and the Permissions-Policy. helmet decides what the headers are; it is
// run once per variant, on a stand-in response with a marker for the nonce, and what it set is
// replayed on every request with the request's nonce in the marker's place. Run per request,
// helmet passed each response through a dozen small middlewares and rebuilt and re-validated the
// policy from its directives every time (issue 17: a few percent of the server's busy time at the
// deadline rush, where every autosave and health check carries the set). The replay sets the same
// headers, with the same values, in the same order: test/unit/security-headers.test.ts compares it
// with helmet itself.
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import helmet from 'helmet'

/** Issue 15, finding 7: no powerful browser feature is ever needed. */
export const PERMISSIONS_POLICY =
	'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), display-capture=(), browsing-topics=()'

/** Where a script may come from: the portal, and an inline script only with this request's nonce. */
export interface SecurityHeaderOptions {
	development: boolean
	https: boolean
	/** 'cross-origin' for what other sites embed (a carrier's badge), else 'same-site'. */
	resourcePolicy: 'cross-origin' | 'same-site'
}

export function helmetFor({ development, https, resourcePolicy }: SecurityHeaderOptions): RequestHandler {
	return helmet({
		contentSecurityPolicy: {
			useDefaults: false,
			directives: {
				'default-src': ["'self'"],
				'script-src': [
					"'self'",
					(_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`,
					...(development ? ["'unsafe-inline'"] : []),
				],
				'style-src': ["'self'", "'unsafe-inline'"],
				'img-src': ["'self'", 'data:'],
				'font-src': ["'self'"],
				'connect-src': ["'self'", ...(development ? ['ws:'] : [])],
				'form-action': ["'self'"],
				'frame-ancestors': ["'none'"],
				'base-uri': ["'self'"],
				'object-src': ["'none'"],
				...(https ? { 'upgrade-insecure-requests': [] } : {}),
			},
		},
		strictTransportSecurity: https,
		// As the CSP's frame-ancestors 'none': helmet's own default is SAMEORIGIN.
		xFrameOptions: { action: 'deny' },
		crossOriginEmbedderPolicy: false,
		// Open data is meant to be fetched from other sites (CORS is set on those routes); a
		// carrier's badge is an image embedded on its own website (issue 13).
		crossOriginResourcePolicy: { policy: resourcePolicy },
		referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
	})
}

// A nonce is base64 (server/csp-nonce.ts); the marker is too, so helmet's check of the directive
// passes it as it passes a real nonce, and no header helmet writes can hold it by chance.
const NONCE_MARKER = 'U2VjdXJpdHlIZWFkZXJOb25jZU1hcmtlcg=='

type Header = readonly [name: string, value: string]

/** What `middleware` does to a response: the headers it set (in order) and the ones it removed. */
function recordHeaders(middleware: RequestHandler, nonce: string): { set: Header[]; removed: string[] } {
	const set: Header[] = []
	const removed: string[] = []
	const response = {
		locals: { cspNonce: nonce },
		setHeader(name: string, value: string | number | readonly string[]) {
			if (typeof value !== 'string') throw new Error(`Header ${name}: geen enkele tekst`)
			set.push([name, value])
			return response
		},
		removeHeader(name: string) {
			removed.push(name)
		},
	}
	let passed = false
	middleware(
		{} as Request,
		response as unknown as Response,
		((error?: unknown) => {
			if (error) throw error instanceof Error ? error : new Error(String(error))
			passed = true
		}) as NextFunction,
	)
	if (!passed) throw new Error('De beveiligingsheaders riepen next niet aan')
	return { set, removed }
}

/** The whole set of `options` in the order it is sent (helmet's, then the Permissions-Policy), with the nonce's marker. */
function headerSet(options: SecurityHeaderOptions): { set: Header[]; removed: string[] } {
	const { set, removed } = recordHeaders(helmetFor(options), NONCE_MARKER)
	return { set: [...set, ['Permissions-Policy', PERMISSIONS_POLICY]], removed }
}

/**
 * The headers of `options`, set on a response with `res.locals.cspNonce` in the policy. Throws at
 * once when the nonce's place in the policy cannot be found (helmet changed how it writes it).
 */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
	const { set, removed } = headerSet(options)
	const fixed: Header[] = []
	let policy: { name: string; before: string; after: string } | undefined
	for (const [name, value] of set) {
		const parts = value.split(NONCE_MARKER)
		if (parts.length === 1) fixed.push([name, value])
		else if (parts.length === 2 && !policy) policy = { name, before: parts[0] ?? '', after: parts[1] ?? '' }
		else throw new Error(`De nonce staat niet precies één keer in ${name}`)
	}
	if (!policy) throw new Error('Geen nonce in het Content-Security-Policy')
	const { name: policyName, before, after } = policy
	// helmet sets the policy first; the replay keeps its place among the others.
	const policyAt = set.findIndex(([name]) => name === policyName)
	const ahead = fixed.slice(0, policyAt)
	const behind = fixed.slice(policyAt)
	return function setSecurityHeaders(_req: Request, res: Response, next: NextFunction) {
		for (const [name, value] of ahead) res.setHeader(name, value)
		res.setHeader(policyName, before + (res.locals.cspNonce as string) + after)
		for (const [name, value] of behind) res.setHeader(name, value)
		for (const name of removed) res.removeHeader(name)
		next()
	}
}

// What a static file needs of the set (server.js): a script, style or image is not a document, so
// no policy; the rest as a page's (content type sniffing, framing, referrer, who may load it,
// powerful features).
const STATIC_FILE_HEADER_NAMES = new Set([
	'x-content-type-options',
	'x-frame-options',
	'referrer-policy',
	'cross-origin-resource-policy',
	'permissions-policy',
])

/** The headers of a file of the build (server.js sets them when express.static serves one). */
export function staticFileHeaders(options: Omit<SecurityHeaderOptions, 'resourcePolicy'>): Header[] {
	const { set } = headerSet({ ...options, resourcePolicy: 'same-site' })
	return set.filter(([name]) => STATIC_FILE_HEADER_NAMES.has(name.toLowerCase()))
}
