// Coarse per-IP limits, in memory: on writes a strict tier for the authentication and public
// forms and a moderate one for every other mutation; on reads only the certificate lookups, which
// are counted in the database (a script must not inflate the verification count or fill the table).
// The per-account login limit lives in the database (app/lib/rate-limit.server.ts) and holds across
// restarts.
import type { NextFunction, Request, Response } from 'express'

interface Tier {
	name: string
	/** Which requests the tier counts: mutations, or reads (GET/HEAD). */
	on: 'writes' | 'reads'
	limit: number
	windowMs: number
	matches(path: string): boolean
}

const strictPaths = [
	'/inloggen',
	'/wachtwoord-vergeten',
	'/wachtwoord-herstellen',
	'/uitnodiging',
	'/aanmelden',
	'/verifieer',
]

const tiers: Tier[] = [
	{
		name: 'verify-lookups',
		on: 'reads',
		limit: 120,
		windowMs: 60_000,
		matches: (path) => path.startsWith('/verifieer/'),
	},
	{
		name: 'strict',
		on: 'writes',
		limit: 30,
		windowMs: 60_000,
		matches: (path) =>
			strictPaths.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`)),
	},
	{ name: 'moderate', on: 'writes', limit: 300, windowMs: 60_000, matches: () => true },
]

const windows = new Map<string, { count: number; resetAt: number }>()

export function rateLimitTiers(req: Request, res: Response, next: NextFunction) {
	if (req.method === 'OPTIONS') return next()
	const kind = req.method === 'GET' || req.method === 'HEAD' ? 'reads' : 'writes'
	const tier = tiers.find((candidate) => candidate.on === kind && candidate.matches(req.path))
	if (!tier) return next()
	const key = `${tier.name}:${req.ip}`
	const now = Date.now()
	let window = windows.get(key)
	if (!window || window.resetAt <= now) {
		window = { count: 0, resetAt: now + tier.windowMs }
		windows.set(key, window)
		if (windows.size > 10_000) prune(now)
	}
	window.count++
	if (window.count <= tier.limit) return next()
	const retryAfter = Math.ceil((window.resetAt - now) / 1000)
	res
		.status(429)
		.set('Retry-After', String(retryAfter))
		.type('text/plain; charset=utf-8')
		.send(`Te veel verzoeken. Probeer het over ${retryAfter} seconden opnieuw.`)
}

function prune(now: number) {
	for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key)
}
