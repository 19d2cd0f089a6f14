// The Express app around React Router: security headers with a per-request CSP nonce, an
// Origin check on mutations, rate-limit tiers, and start-up (env, database, demo data,
// scheduler) before the first request is served.
import 'react-router'
import { createRequestHandler } from '@react-router/express'
import express from 'express'
import helmet from 'helmet'
import { getEnv } from '#app/lib/env.server.ts'
import type { LookedUpVerification } from '#app/services/verification.server.ts'
import { autosaveRoute } from './autosave-route.ts'
import { bodyLimit } from './body-limit.ts'
import { cspNonce } from './csp-nonce.ts'
import { HEALTHZ_PATH, healthzRoute } from './healthz.ts'
import { metricsEndpoint, requestMetrics } from './metrics.ts'
import { noRepeatedHeaders, noStoreWhenSignedIn } from './no-store.ts'
import { originCheck } from './origin-check.ts'
import { rateLimitTiers } from './rate-limit-tiers.ts'
import { registerHttpCache } from './register-http-cache.ts'
import { series } from './series.ts'
import { shutdown, startup } from './startup.ts'
import { closeOrDrainUnreadBody } from './unread-body.ts'
import { verificationHttpCache } from './verification-http-cache.ts'

declare module 'react-router' {
	interface AppLoadContext {
		cspNonce: string
		clientIp: string
		/** The certificate check's lookup, made by its middleware for this request (server/verification-http-cache.ts). */
		verification?: LookedUpVerification
	}
}

export const ready = startup()
export { shutdown }

export const permissionsPolicy =
	'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), display-capture=(), browsing-topics=()'

export const app = express()
app.disable('x-powered-by')
app.set('trust proxy', 'loopback')

function setCspNonce(_req: express.Request, res: express.Response, next: express.NextFunction) {
	res.locals.cspNonce = cspNonce()
	next()
}

// The register badge, embedded as <img> on carriers' own sites (app/routes/public/carrier-badge.ts).
const BADGE_PATH = /^\/register\/[a-z0-9][a-z0-9-]*\/badge\.svg$/

// helmet builds its middleware (and validates the directives) when called: once per process, not
// once per request (issue 17, a CPU profile). The nonce is read per request by the directive's
// function; the two resource policies are two instances.
let securityHeaders: { page: express.RequestHandler; badge: express.RequestHandler } | undefined

function buildSecurityHeaders() {
	const env = getEnv()
	const development = env.NODE_ENV === 'development'
	const https = env.APP_URL.startsWith('https:')
	const withPolicy = (policy: 'cross-origin' | 'same-site') =>
		helmet({
			contentSecurityPolicy: {
				useDefaults: false,
				directives: {
					'default-src': ["'self'"],
					'script-src': [
						"'self'",
						(_req, res) => `'nonce-${(res as express.Response).locals.cspNonce as string}'`,
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
			// As the static files' (server.js) and the CSP's frame-ancestors 'none': helmet's own default is SAMEORIGIN.
			xFrameOptions: { action: 'deny' },
			crossOriginEmbedderPolicy: false,
			// Open data is meant to be fetched from other sites (CORS is set on those routes); a
			// carrier's badge is an image embedded on its own website (issue 13).
			crossOriginResourcePolicy: { policy },
			referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
		})
	return { page: withPolicy('same-site'), badge: withPolicy('cross-origin') }
}

function setSecurityHeaders(req: express.Request, res: express.Response, next: express.NextFunction) {
	securityHeaders ??= buildSecurityHeaders()
	const headers = BADGE_PATH.test(req.path) ? securityHeaders.badge : securityHeaders.page
	headers(req, res, next)
}

// The server build: in production it never changes, so what is taken from it is taken once (in
// development Vite reloads this module on change, and each call reads it afresh).
const loadBuild = () => import('virtual:react-router/server-build')
// The build's version, for the 304s: read once in production, not through the ESM loader's lookup
// of import() on every register and certificate-check request (issue 17).
const readBuildVersion = () => loadBuild().then((build) => build.assets.version)
let productionVersion: Promise<string> | undefined
const buildVersion = () =>
	getEnv().NODE_ENV === 'production' ? (productionVersion ??= readBuildVersion()) : readBuildVersion()

// Issue 15, finding 7: no powerful browser feature is ever needed.
function setPermissionsPolicy(_req: express.Request, res: express.Response, next: express.NextFunction) {
	res.setHeader('Permissions-Policy', permissionsPolicy)
	next()
}

// What every request passes before a route, in this order, as one layer of Express's router
// (server/series.ts: a layer each cost more than most of these do).
app.use(
	series(
		setCspNonce,
		setSecurityHeaders,
		// Before the Origin check and the rate limits: a scrape is neither a mutation nor a visitor.
		metricsEndpoint,
		requestMetrics,
		// The public register's 304s, before any further work (a 304 carries no new CSP nonce: see the module).
		registerHttpCache(buildVersion),
		setPermissionsPolicy,
		// A response for a signed-in user is never kept by a browser or proxy cache, whatever the
		// route set (server/no-store.ts).
		noStoreWhenSignedIn,
		noRepeatedHeaders,
		bodyLimit,
		closeOrDrainUnreadBody,
		originCheck,
		rateLimitTiers,
		// The certificate check's 304s: after the throttle, which every lookup passes (server/verification-http-cache.ts).
		verificationHttpCache(buildVersion),
	),
)

// React Router derives its route table (every route converted, flattened and ranked) from the
// build each time `build` is a function: per request, about 12 % of the server's CPU at autosaves
// (issue 17, a CPU profile). In production the build never changes, so the handler gets the
// module itself, once; in development Vite reloads this module on change and the function keeps
// it fresh.
let requestHandler: Promise<express.RequestHandler> | undefined

function loadContext(req: express.Request, res: express.Response) {
	return {
		cspNonce: res.locals.cspNonce as string,
		clientIp: req.ip ?? 'onbekend',
		verification: res.locals.verification as LookedUpVerification | undefined,
	}
}

function createHandler(build: Awaited<ReturnType<typeof loadBuild>> | typeof loadBuild): express.RequestHandler {
	return createRequestHandler({ build, getLoadContext: loadContext })
}

// The health check and the autosave at the deadline rush, without React Router's pipeline around
// them (server/healthz.ts, server/autosave-route.ts).
app.get(HEALTHZ_PATH, healthzRoute)
app.use(autosaveRoute(loadContext))
app.use((req, res, next) => {
	requestHandler ??=
		getEnv().NODE_ENV === 'production' ? loadBuild().then(createHandler) : Promise.resolve(createHandler(loadBuild))
	requestHandler.then((handle) => handle(req, res, next), next)
})
