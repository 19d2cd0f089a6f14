// The Express app around React Router: security headers with a per-request CSP nonce, an
// Origin check on mutations, rate-limit tiers, and start-up (env, database, demo data,
// scheduler) before the first request is served.
import type { ServerResponse } from 'node:http'
import 'react-router'
import { createRequestHandler } from '@react-router/express'
import express from 'express'
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
import { securityHeaders, staticFileHeaders } from './security-headers.ts'
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
/** For server.js: the health check's path (no compression around its answer), and the decoding of a file's path. */
export { HEALTHZ_PATH }
export { decodedOr } from '#app/lib/decoded.ts'

export const app = express()
app.disable('x-powered-by')
app.set('trust proxy', 'loopback')
// A route's headers are appended without repeating a value already set (server/no-store.ts).
noRepeatedHeaders(app)

function setCspNonce(_req: express.Request, res: express.Response, next: express.NextFunction) {
	res.locals.cspNonce = cspNonce()
	next()
}

// The register badge, embedded as <img> on carriers' own sites (app/routes/public/carrier-badge.ts).
const BADGE_PATH = /^\/register\/[a-z0-9][a-z0-9-]*\/badge\.svg$/

// Built once per process, when the environment is read (server/security-headers.ts).
let headerSets: { page: express.RequestHandler; badge: express.RequestHandler } | undefined

function securityHeaderOptions() {
	const env = getEnv()
	return { development: env.NODE_ENV === 'development', https: env.APP_URL.startsWith('https:') }
}

function buildSecurityHeaders() {
	const options = securityHeaderOptions()
	return {
		page: securityHeaders({ ...options, resourcePolicy: 'same-site' }),
		badge: securityHeaders({ ...options, resourcePolicy: 'cross-origin' }),
	}
}

/** For server.js: the headers of a static file of the build, set as express.static serves it. */
export function setStaticFileHeaders(res: ServerResponse) {
	staticHeaders ??= staticFileHeaders(securityHeaderOptions())
	for (const [name, value] of staticHeaders) res.setHeader(name, value)
}
let staticHeaders: ReturnType<typeof staticFileHeaders> | undefined

function setSecurityHeaders(req: express.Request, res: express.Response, next: express.NextFunction) {
	headerSets ??= buildSecurityHeaders()
	const headers = BADGE_PATH.test(req.path) ? headerSets.badge : headerSets.page
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
		// A response for a signed-in user is never kept by a browser or proxy cache, whatever the
		// route set (server/no-store.ts).
		noStoreWhenSignedIn,
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
