// Issue 15, finding 6: does the time of `POST /wachtwoord-vergeten` tell whether an address has an
// account? The production server (npm run build first) on a fresh database with REQUESTS accounts;
// then REQUESTS resets for known addresses and REQUESTS for unknown ones, shuffled together (so
// drift of a busy machine hits both alike), each address asked once (the per-address limit of 3
// an hour would otherwise turn the known path into the short one). Reports median, p95 and mean
// per kind, with the floor as configured and — for comparison — with KEURMERK_RESET_FLOOR_MS=0.
// Measured, never asserted: the figures go into docs/security.md by hand.
//
//   npm run build && npx tsx scripts/measure-reset-timing.ts            (PGlite)
//   BENCH_DATABASE_URL=postgresql://… npx tsx scripts/measure-reset-timing.ts
//   REQUESTS=300 PORT=3102 FLOORS=250,0 npx tsx scripts/measure-reset-timing.ts
import { randomUUID } from 'node:crypto'
import { closeDatabase, db } from '#app/lib/db.server.ts'
import { hashPassword } from '#app/lib/password.server.ts'
import { openBenchDatabase, percentile, startServer } from '../bench/lib.ts'

const REQUESTS = Number(process.env.REQUESTS ?? 200)
const PORT = Number(process.env.PORT ?? 3102)
const FLOORS = (process.env.FLOORS ?? '250,0').split(',').map(Number)

const database = await openBenchDatabase('reset-timing')
const hash = await hashPassword('een-lang-meetwachtwoord')
const run = randomUUID().slice(0, 8)
const rounds = FLOORS.length
// Fresh addresses per round: a reset issued in an earlier round would change the later work.
const known = Array.from({ length: rounds * REQUESTS }, (_, index) => `bekend-${run}-${index}@meting.test`)
await db.user.createMany({
	data: known.map((email, index) => ({ email, name: `Meting ${index}`, passwordHash: hash })),
})
await closeDatabase()

interface Stats {
	median: number
	p95: number
	mean: number
}
function stats(values: number[]): Stats {
	const sorted = [...values].sort((a, b) => a - b)
	const round = (value: number) => Math.round(value * 10) / 10
	return {
		median: round(percentile(sorted, 0.5)),
		p95: round(percentile(sorted, 0.95)),
		mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
	}
}

async function ask(base: string, email: string, index: number): Promise<number> {
	const started = performance.now()
	const response = await fetch(`${base}/wachtwoord-vergeten`, {
		method: 'POST',
		body: new URLSearchParams({ email }),
		// Another client address per request, so the flood guard on public forms (120 a minute per
		// address) does not step in; the server trusts X-Forwarded-For from loopback only.
		headers: { 'X-Forwarded-For': `203.0.113.${index % 250}` },
	})
	await response.arrayBuffer()
	const elapsed = performance.now() - started
	if (response.status !== 200) throw new Error(`${email}: ${response.status}`)
	return elapsed
}

const results: { floorMs: number; known: Stats; unknown: Stats; difference: { median: number; mean: number } }[] = []
try {
	for (const [round, floorMs] of FLOORS.entries()) {
		const server = await startServer(database, PORT, { KEURMERK_RESET_FLOOR_MS: String(floorMs) })
		try {
			// Warm up (JIT, connection, first template render) with addresses that are not measured.
			for (let index = 0; index < 20; index++)
				await ask(server.base, `opwarmen-${run}-${round}-${index}@meting.test`, index)
			const plan = [
				...known.slice(round * REQUESTS, (round + 1) * REQUESTS).map((email) => ({ email, kind: 'known' as const })),
				...Array.from({ length: REQUESTS }, (_, index) => ({
					email: `onbekend-${run}-${round}-${index}@meting.test`,
					kind: 'unknown' as const,
				})),
			]
			for (let index = plan.length - 1; index > 0; index--) {
				const other = Math.floor(Math.random() * (index + 1))
				;[plan[index], plan[other]] = [plan[other]!, plan[index]!]
			}
			const times = { known: [] as number[], unknown: [] as number[] }
			for (const [index, entry] of plan.entries()) times[entry.kind].push(await ask(server.base, entry.email, index))
			const knownStats = stats(times.known)
			const unknownStats = stats(times.unknown)
			results.push({
				floorMs,
				known: knownStats,
				unknown: unknownStats,
				difference: {
					median: Math.round((knownStats.median - unknownStats.median) * 10) / 10,
					mean: Math.round((knownStats.mean - unknownStats.mean) * 10) / 10,
				},
			})
		} finally {
			await server.stop()
		}
	}
} finally {
	await database.dispose()
}

console.log(`Password reset timing, ${REQUESTS} requests per kind, ${database.kind}, ms (client side):`)
console.log(
	'| floor | known median | known p95 | known mean | unknown median | unknown p95 | unknown mean | Δ median | Δ mean |',
)
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const result of results) {
	console.log(
		`| ${result.floorMs} | ${result.known.median} | ${result.known.p95} | ${result.known.mean} | ${result.unknown.median} | ${result.unknown.p95} | ${result.unknown.mean} | ${result.difference.median} | ${result.difference.mean} |`,
	)
}
