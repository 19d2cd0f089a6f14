// Load test of the public register (issues 6 and 17): 10,000 providers with a participation in one
// year on a fresh database (embedded PGlite; PostgreSQL when BENCH_DATABASE_URL is set), then the
// production server (build/) under autocannon: every register case next to /healthz (the trivial
// route: answered by Express, it asks the database only when nothing has been answered for a
// second — server/healthz.ts) on the same server in the same run, three ways —
//   - as a browser that comes back (sends the ETag it got: 304 while the register is unchanged),
//     the figures the target is about (p95 ≤ 2 × trivial p95, ≥ 500 requests/s);
//   - as first visits (no ETag: rendered every time, the answer from the in-process cache);
//   - uncached (a second server with KEURMERK_REGISTER_CACHE=off: what one answer really costs).
// Writes bench/results/register-<database>.json and bench/register.md (from every results file,
// keeping the hand-written "## Reading" at its end).
// Run: npm run bench:register (builds first), or npx tsx bench/register.ts after a build;
// npx tsx bench/register.ts --report writes bench/register.md from the results files without a run.
import { existsSync } from 'node:fs'
import { formatCertificateNumber } from '#app/domain/fees.ts'
import { db } from '#app/lib/db.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'
import { seedRegisterProviders } from './register-data.ts'
import {
	CONNECTIONS,
	DURATION,
	machine,
	type Measured,
	measure,
	openBenchDatabase,
	readResults,
	row,
	rssMb,
	startServer,
	reportOnlyWhenAsked,
	writeReport,
	writeResult,
} from './lib.ts'

const COUNT = 10_000
const PORT = Number(process.env.BENCH_PORT ?? 3303)
const YEAR = runningYearAt(new Date())
await reportOnlyWhenAsked('register.md', () => report(readResults<RegisterResult>('register')))
if (!existsSync('build/server/index.js')) throw new Error('Eerst bouwen: npm run build')

const database = await openBenchDatabase('register')

// ── Data: 10,000 providers over 40 cities; 70 % qualified, 15 % listed, 15 % withdrawn ─────────
const seedStart = performance.now()
await seedRegisterProviders(YEAR, 0, COUNT)
// PGlite runs no autovacuum: without statistics the planner expects a few rows and picks nested
// loops. The nightly maintenance run does the same ANALYZE in production (issue 17).
await db.$executeRawUnsafe('ANALYZE')
const seedSeconds = (performance.now() - seedStart) / 1000
const certificate = formatCertificateNumber(YEAR, 42)
const { closeDatabase } = await import('#app/lib/db.server.ts')
await closeDatabase()

interface RegisterResult {
	bench: 'register'
	database: 'pglite' | 'postgresql'
	date: string
	trivial: { rps: number; p50: number; p95: number; p99: number }
	cases: Measured[]
	rssMb: number
	firstVisit: Measured[]
	uncached: { trivial: Measured; cases: Measured[] }
	rssMbAtRest: number
	startMs: number
	machine: string
	load: string
	data: { providers: number; seedSeconds: number; pageKb: number }
}

const allCases: [string, string][] = [
	['first page, all 10,000', `/register?jaar=${YEAR}`],
	['free text "linde" (name or city)', `/register?jaar=${YEAR}&q=linde`],
	['free text, two words "zoe utrecht" (accent-insensitive)', `/register?jaar=${YEAR}&q=zoe%20utrecht`],
	['filters: city + type', `/register?jaar=${YEAR}&plaats=Zwolle&type=institution`],
	['province (postcode ranges) + status', `/register?jaar=${YEAR}&provincie=Gelderland&status=qualified`],
	['deep page: qualified, sorted by city, page 300', `/register?jaar=${YEAR}&status=qualified&sorteer=city&pagina=300`],
	['carrier page', '/register/bench-4242'],
	['certificate verification', `/verifieer/${certificate}`],
	['open data JSON (the whole year)', `/open-data/v1/register.json?jaar=${YEAR}`],
]
// BENCH_CASES=verif,carrier: only the cases whose name contains one of the words (the trivial
// route is always measured). A partial run is printed, not written to bench/results or register.md.
const only = (process.env.BENCH_CASES ?? '')
	.split(',')
	.map((word) => word.trim().toLowerCase())
	.filter(Boolean)
const cases =
	only.length === 0 ? allCases : allCases.filter(([name]) => only.some((word) => name.toLowerCase().includes(word)))
if (cases.length === 0) throw new Error(`BENCH_CASES=${process.env.BENCH_CASES}: geen enkel geval`)
// Verification counts lookups and limits them per address (120 a minute): the bench's requests
// come from many visitors, as behind the load balancer (X-Forwarded-For from a trusted proxy).
const visitors = (url: string) => url.startsWith('/verifieer/')

let server = await startServer(database, PORT)
let result: RegisterResult
try {
	const rssMbAtRest = rssMb(server.process.pid)
	const page = await fetch(`${server.base}/register?jaar=${YEAR}`)
	const pageKb = Math.round(Buffer.byteLength(await page.text()) / 1024)
	const trivial = await measure(server.base, 'trivial route (/healthz)', '/healthz')
	const browser: Measured[] = []
	for (const [name, url] of cases)
		browser.push(await measure(server.base, name, url, { revalidate: true, manyVisitors: visitors(url) }))
	const firstVisit: Measured[] = []
	for (const [name, url] of cases)
		firstVisit.push(await measure(server.base, name, url, { manyVisitors: visitors(url) }))
	const rssAfter = rssMb(server.process.pid)
	await server.stop()

	// The same server without the register cache, on the same (now existing) database.
	server = await startServer(database, PORT, { KEURMERK_REGISTER_CACHE: 'off' })
	const startMs = server.startMs
	const short = { duration: Math.max(3, Math.round(DURATION / 2)), warmUp: 1 }
	const uncachedTrivial = await measure(server.base, 'trivial route (/healthz)', '/healthz', short)
	const uncached: Measured[] = []
	for (const [name, url] of cases)
		uncached.push(await measure(server.base, name, url, { ...short, manyVisitors: visitors(url) }))

	result = {
		bench: 'register',
		database: database.kind,
		date: new Date().toISOString(),
		trivial: { rps: trivial.rps, p50: trivial.p50, p95: trivial.p95, p99: trivial.p99 },
		cases: browser,
		rssMb: rssAfter,
		firstVisit,
		uncached: { trivial: uncachedTrivial, cases: uncached },
		rssMbAtRest,
		startMs,
		machine: machine(),
		load: `autocannon ${CONNECTIONS} connections, ${DURATION} s per case after a 2 s warm-up (uncached: ${short.duration} s after 1 s), one case after another`,
		data: { providers: COUNT, seedSeconds: Number(seedSeconds.toFixed(1)), pageKb },
	}
} finally {
	await server.stop()
	await database.dispose()
}
if (only.length === 0) {
	await writeResult('register', result.database, result)
	await writeReport('register.md', report(readResults<RegisterResult>('register')))
}
console.log(report([result]))

function verdict(measured: Measured, trivial: { p95: number }): string {
	const ratio = measured.p95 / trivial.p95
	const met = ratio <= 2 && measured.rps >= 500 && measured.errors === 0
	return `${ratio.toFixed(1)} × ${met ? '✓' : '✗'}`
}

function report(results: RegisterResult[]): string {
	const sections = results.map((r) => {
		const byName = (list: Measured[], name: string) => list.find((item) => item.name === name)
		return `## ${r.database === 'pglite' ? 'Embedded PGlite' : 'PostgreSQL'} — ${r.date.slice(0, 16).replace('T', ' ')} UTC

${r.machine} (load average read at the end of the run, the bench's own server and clients included). ${r.load}. Data: ${r.data.providers.toLocaleString('en')} providers (seeded in ${r.data.seedSeconds} s). First page: ${r.data.pageKb} kB of HTML. Server resident memory: ${r.rssMbAtRest} MB at rest, ${r.rssMb} MB after the run. Start to first 200 on the existing database: ${(r.startMs / 1000).toFixed(1)} s.

Trivial route (/healthz): ${r.trivial.rps} requests/s, p50 ${r.trivial.p50} / p95 ${r.trivial.p95} / p99 ${r.trivial.p99} ms. Target per case: p95 ≤ 2 × ${r.trivial.p95} = ${(2 * r.trivial.p95).toFixed(1)} ms and ≥ 500 requests/s, no errors.

| case | URL | browser req/s | p50 | p95 | p99 | 304s | errors | p95 / trivial | first visit req/s | p95 | uncached req/s | p95 |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${r.cases
	.map((c) => {
		const first = byName(r.firstVisit, c.name)
		const uncached = byName(r.uncached.cases, c.name)
		return row([
			c.name,
			`\`${c.url}\``,
			c.rps,
			c.p50,
			c.p95,
			c.p99,
			c.notModified ?? 0,
			c.errors,
			verdict(c, r.trivial),
			first?.rps ?? '',
			first?.p95 ?? '',
			uncached?.rps ?? '',
			uncached?.p95 ?? '',
		])
	})
	.join('\n')}

Uncached server's trivial route: ${r.uncached.trivial.rps} requests/s, p95 ${r.uncached.trivial.p95} ms.`
	})
	return `# Public register under load — 10,000 providers

Measured by \`npm run bench:register\` (\`bench/register.ts\`; PostgreSQL with
\`BENCH_DATABASE_URL=postgresql://…\`). Raw numbers: \`bench/results/register-<database>.json\`
(\`cases\`: the browser figures; \`firstVisit\` and \`uncached\` beside them).

Three ways of asking, against the same production server and database:
- **browser**: each of the 10 connections behaves as a returning visitor's browser: it sends back
  the ETag of the last 200 it got for that URL (\`If-None-Match\`); while the register is unchanged
  the server answers 304 after reading the register version (one small query), without rendering.
  The first request of a run has no ETag and is rendered. These are the figures the target is about.
- **first visit**: no ETag, every request rendered; the search itself comes from the in-process
  cache (one answer per register version, moment and query).
- **uncached**: a second server with \`KEURMERK_REGISTER_CACHE=off\` (no ETags, no answer cache): what
  one answer costs the database and the renderer.

How it stays correct: triggers bump the register version (one row, \`RegisterVersion\`) in every
transaction that changes what the register shows, visible at commit, to every instance on the
database; the moment is keyed by the Amsterdam date and the count of stored instants passed (a
window opening or closing, a withdrawal taking effect), so 1 January and 1 April change the key by
themselves. test/integration/register-cache.test.ts holds cached and uncached answers equal across
a live withdrawal, a withdrawal taking effect later that day, 1 April and 1 January
(app/services/register-cache.server.ts, server/register-http-cache.ts).

${sections.join('\n\n')}
`
}
