// Request metrics and the /metrics endpoint (Prometheus text format). Not public: with
// METRICS_TOKEN set, only a scrape that sends `Authorization: Bearer <token>`; without it, only a
// scrape from the machine itself (loopback, and not forwarded by a proxy on loopback). Anyone
// else gets a plain 404, as if the endpoint did not exist.
import { timingSafeEqual } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { type RouteObject, matchRoutes } from 'react-router'
import { getEnv } from '#app/lib/env.server.ts'
import { autosaveOutcome, metrics } from '#app/lib/metrics.server.ts'
import { decodedOr } from '#app/lib/decoded.ts'
import { HEALTHZ_PATH } from './healthz.ts'

type BuildRoute = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }
export type RouteTree = (RouteObject & { id: string })[]

/** The route tree of the server build, to label a request by its pattern (few labels, no ids). */
async function buildRouteTree(): Promise<RouteTree> {
	const build = await import('virtual:react-router/server-build')
	const routes = Object.values(build.routes as Record<string, BuildRoute | undefined>).filter(
		(route): route is BuildRoute => route !== undefined,
	)
	const childrenOf = (parentId: string | undefined): RouteTree =>
		routes
			.filter((route) => route.parentId === parentId)
			.map((route) =>
				route.index
					? { id: route.id, path: route.path, index: true }
					: { id: route.id, path: route.path, caseSensitive: route.caseSensitive, children: childrenOf(route.id) },
			)
	return childrenOf(undefined)
}

// matchRoutes flattens and ranks the whole route tree on every call (compilePath for each of ~150
// routes): 5 % of the server's CPU at the deadline rush (issue 17, a CPU profile). The label is
// kept per shape of the path: each segment that is no literal segment of any route (an id, a year,
// a slug) stands as `_`, which only a parameter or a splat can match — as the segment it replaces.
// Kept per path, each provider's own addresses were matched again (2–30 ms blocks of the event loop
// as the rush's members first saved). A bounded map: shapes can still be made up (the oldest goes).
const MAX_PATTERNS = 5_000

/** Labels paths by the pattern of the route `loadTree` gives that matches them ('no-route': none). */
export function routePatterns(loadTree: () => Promise<RouteTree>): (pathname: string) => Promise<string> {
	let loaded: Promise<{ tree: RouteTree; statics: Set<string> }> | undefined
	const patterns = new Map<string, string>()
	return async (pathname) => {
		// Answered by Express before React Router (server/app.ts): not in its route table.
		if (pathname === HEALTHZ_PATH) return HEALTHZ_PATH
		loaded ??= loadTree().then((tree) => ({ tree, statics: staticSegments(tree) }))
		const { tree, statics } = await loaded
		const shape = shapeOf(pathname, statics)
		const known = patterns.get(shape)
		if (known !== undefined) return known
		const pattern = matchPattern(tree, shape)
		if (patterns.size >= MAX_PATTERNS) patterns.delete(patterns.keys().next().value ?? '')
		patterns.set(shape, pattern)
		return pattern
	}
}

export const routePattern = routePatterns(buildRouteTree)

/** `pathname` with every segment that no route names literally as `_` (React Router compares case-insensitively). */
export function shapeOf(pathname: string, statics: ReadonlySet<string>): string {
	return pathname
		.split('/')
		.map((segment) => (segment === '' || statics.has(decodedOr(segment).toLowerCase()) ? segment : '_'))
		.join('/')
}

/** Every literal segment of the routes' paths, lower case. */
function staticSegments(tree: RouteTree): Set<string> {
	const found = new Set<string>()
	const visit = (route: RouteTree[number]) => {
		for (const segment of (route.path ?? '').split('/'))
			if (segment && !segment.startsWith(':') && segment !== '*') found.add(segment.replace(/\?$/, '').toLowerCase())
		for (const child of (route.children ?? []) as RouteTree) visit(child)
	}
	for (const route of tree) visit(route)
	return found
}

function matchPattern(tree: RouteTree, pathname: string): string {
	const matches = matchRoutes(tree, pathname)
	if (!matches) return 'no-route'
	const last = matches[matches.length - 1]
	// A splat (the 404 catch-all) would otherwise give every unknown address a label of its own.
	if (!last || last.route.path === '*') return 'no-route'
	const pattern = matches
		.map((match) => match.route.path)
		.filter(Boolean)
		.join('/')
	return `/${pattern}`.replace(/\/+/g, '/')
}

/**
 * Which autosave endpoint a route pattern is: a self-evaluation answer (`…/zelfevaluatie/:year/antwoord`)
 * or a benchmark value (`…/spiegelrapportage/:year/waarde`); null for any other route.
 */
export function autosaveForm(route: string): 'self-evaluation' | 'benchmark' | null {
	if (/^\/aanbieder\/:providerId\/zelfevaluatie\/:year\/antwoord$/.test(route)) return 'self-evaluation'
	if (/^\/aanbieder\/:providerId\/spiegelrapportage\/:year\/waarde$/.test(route)) return 'benchmark'
	return null
}

export function requestMetrics(req: Request, res: Response, next: NextFunction) {
	const started = process.hrtime.bigint()
	res.on('finish', () => {
		const seconds = Number(process.hrtime.bigint() - started) / 1e9
		void routePattern(req.path)
			.then((route) => {
				const { httpDuration, autosaves, conflicts } = metrics()
				httpDuration.observe({ route, method: req.method, status: `${Math.floor(res.statusCode / 100)}xx` }, seconds)
				if (res.statusCode === 409) conflicts.inc({ route })
				const form = req.method === 'POST' ? autosaveForm(route) : null
				if (form) autosaves.inc({ form, outcome: autosaveOutcome(res.statusCode) })
			})
			.catch(() => undefined)
	})
	next()
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export interface Scrape {
	headers: { authorization?: string; 'x-forwarded-for'?: string | string[] }
	socket: { remoteAddress?: string }
}

export function mayScrape(req: Scrape, token: string | undefined): boolean {
	if (token) {
		const given = Buffer.from(req.headers.authorization ?? '')
		const wanted = Buffer.from(`Bearer ${token}`)
		return given.length === wanted.length && timingSafeEqual(given, wanted)
	}
	return loopback.has(req.socket.remoteAddress ?? '') && !req.headers['x-forwarded-for']
}

export async function metricsEndpoint(req: Request, res: Response, next: NextFunction) {
	if (req.path !== '/metrics') return next()
	if (req.method !== 'GET' || !mayScrape(req, getEnv().METRICS_TOKEN)) {
		res.status(404).type('text/plain').send('Niet gevonden')
		return
	}
	try {
		const { registry } = metrics()
		const body = await registry.metrics()
		res.status(200).set('Cache-Control', 'no-store').type(registry.contentType).send(body)
	} catch (error) {
		next(error)
	}
}
