// Load test of the spiegelrapportage (issue 14): 2,000 carriers × 7 indicators × 3 years of
// submitted figures (42,000 values) on a fresh database, then the production server under
// autocannon: one carrier's report page (and its PDF, and the open data) next to /healthz (the
// trivial route) in the same run. Target: report p95 ≤ 2 × trivial p95.
// Embedded PGlite by default; PostgreSQL when BENCH_DATABASE_URL is set (a fresh database is
// created on that server and dropped afterwards). Writes bench/results/spiegelrapportage-<db>.json
// and bench/spiegelrapportage.md (from every results file there, keeping the hand-written "## Reading
// the numbers" at its end); npx tsx bench/spiegelrapportage.ts --report writes only the markdown.
// Run: npm run bench:spiegelrapportage (builds first), or npx tsx bench/spiegelrapportage.ts after a build.
import { existsSync } from 'node:fs'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { registerProvince } from '#app/domain/province.ts'
import { defaultYearSettings } from '#app/domain/year-settings.ts'
import { closeDatabase, db } from '#app/lib/db.server.ts'
import { createSession } from '#app/lib/session.server.ts'
import { systemActor } from '#app/services/audit.server.ts'
import { createIndicatorSet } from '#app/services/benchmark-indicators.server.ts'
import { refreshBenchmark } from '#app/services/benchmark.server.ts'
import { markYearData } from '#app/services/years.server.ts'
import { plausibleIndicatorValues } from '#prisma/seed/benchmark-values.ts'
import {
	CONNECTIONS,
	DURATION,
	machine,
	type Measured,
	measure,
	openBenchDatabase,
	readResults,
	rssMb,
	startServer,
	reportOnlyWhenAsked,
	writeReport,
	writeResult,
} from './lib.ts'

const CARRIERS = 2000
const YEARS = [2023, 2024, 2025]
const REPORT_YEAR = YEARS[YEARS.length - 1] as number
const PORT = Number(process.env.BENCH_PORT ?? 3304)
await reportOnlyWhenAsked('spiegelrapportage.md', () => report(readResults<SpiegelResult>('spiegelrapportage')))
if (!existsSync('build/server/index.js')) throw new Error('Eerst bouwen: npm run build')

const database = await openBenchDatabase('spiegel')

// ── Data: 2,000 carriers in 3 years, every one with 7 submitted values per year ────────────
const seedStart = performance.now()
const places = [
	'3511 AB',
	'1012 AB',
	'3011 AB',
	'5611 AB',
	'9711 AB',
	'6811 AB',
	'8011 AB',
	'2511 AB',
	'6211 AB',
	'4331 AB',
]
for (const year of YEARS) await db.markYear.create({ data: markYearData(defaultYearSettings(year)) })
for (const year of YEARS) await createIndicatorSet(systemActor, year, { status: 'published' })
const sets = await db.indicatorSet.findMany({ include: { indicators: true } })
const BATCH = 250
for (let start = 0; start < CARRIERS; start += BATCH) {
	const batch = Array.from({ length: Math.min(BATCH, CARRIERS - start) }, (_, i) => start + i)
	const type = (n: number) =>
		(n % 5 === 0 ? 'institution' : 'independent_practice') as 'institution' | 'independent_practice'
	await db.provider.createMany({
		data: batch.map((n) => ({
			name: `Spiegelaanbieder ${String(n).padStart(4, '0')}`,
			slug: `spiegel-${n}`,
			type: type(n),
			kvkNumber: String(40_000_000 + n),
			agbCode: String(40_000_000 + n),
			street: 'Straat',
			houseNumber: String(n % 200),
			postcode: places[n % places.length] as string,
			city: 'Plaats',
			email: `s${n}@bench.test`,
		})),
	})
	const providers = await db.provider.findMany({
		where: { slug: { in: batch.map((n) => `spiegel-${n}`) } },
		select: { id: true, slug: true, postcode: true, type: true },
	})
	for (const year of YEARS) {
		const set = sets.find((candidate) => candidate.year === year)!
		await db.participation.createMany({
			data: providers.map((provider) => ({
				providerId: provider.id,
				year,
				state: 'qualified',
				stateChangedAt: amsterdamInstant(`${year}-02-01`),
				appliedAt: amsterdamInstant(`${year - 1}-06-15`),
				listedFrom: amsterdamInstant(`${year}-01-01`),
			})),
		})
		await db.benchmarkDelivery.createMany({
			data: providers.map((provider) => ({
				providerId: provider.id,
				year,
				indicatorSetId: set.id,
				status: 'submitted',
				submittedAt: amsterdamInstant(`${year + 1}-01-15`),
				providerType: provider.type,
				province: registerProvince(null, provider.postcode),
			})),
		})
		const deliveries = await db.benchmarkDelivery.findMany({
			where: { year, providerId: { in: providers.map((provider) => provider.id) } },
			select: { id: true, providerId: true },
		})
		await db.indicatorValue.createMany({
			data: deliveries.flatMap((delivery) => {
				const provider = providers.find((candidate) => candidate.id === delivery.providerId)!
				const values = plausibleIndicatorValues(provider.slug, year, provider.type)
				return set.indicators.map((indicator) => ({
					deliveryId: delivery.id,
					indicatorId: indicator.id,
					value: values[indicator.code] ?? null,
				}))
			}),
		})
	}
}
const seedSeconds = (performance.now() - seedStart) / 1000
const refreshTimes: number[] = []
for (const year of YEARS) {
	const started = performance.now()
	await db.$transaction((tx) => refreshBenchmark(tx, year), { timeout: 120_000 })
	refreshTimes.push(performance.now() - started)
}
await db.$executeRawUnsafe('ANALYZE')
const carrier = await db.provider.findUniqueOrThrow({ where: { slug: 'spiegel-42' } })
const user = await db.user.create({ data: { email: 'lid@spiegel.bench', name: 'Bench Lid' } })
await db.membership.create({ data: { userId: user.id, providerId: carrier.id, canSign: true } })
const cookie = (await createSession(user.id, new Request('http://localhost'))).split(';')[0] as string
const values = await db.indicatorValue.count()
await closeDatabase()

// ── The production server on that database ───────────────────────────────────────────────
const server = await startServer(database, PORT)
const base = server.base

interface SpiegelResult {
	bench: 'spiegelrapportage'
	database: 'pglite' | 'postgresql'
	date: string
	trivial: Pick<Measured, 'rps' | 'p50' | 'p95' | 'p99'>
	cases: Measured[]
	rssMb: number
	data: { carriers: number; indicators: number; years: number; values: number; seedSeconds: number }
	refreshMs: number[]
	reportHtmlKb: number
	machine: string
	load: string
}

try {
	const auth = { cookie }
	const page = await fetch(`${base}/aanbieder/${carrier.id}/spiegelrapportage/${REPORT_YEAR}`, { headers: auth })
	if (!page.ok) throw new Error(`Het rapport antwoordt ${page.status}`)
	const html = await page.text()
	const charts = (html.match(/<svg [^>]*role="img"/g) ?? []).length
	const trivial = await measure(base, 'trivial route (/healthz)', '/healthz')
	const cases = [
		// The floor of any signed-in page (session, layout, React render), for comparison.
		await measure(
			base,
			"signed-in reference: the carrier's benchmark index page",
			`/aanbieder/${carrier.id}/spiegelrapportage`,
			{
				headers: auth,
			},
		),
		await measure(
			base,
			`report page ${REPORT_YEAR} (7 indicators, 3 groups, 3-year trend, ${charts} charts)`,
			`/aanbieder/${carrier.id}/spiegelrapportage/${REPORT_YEAR}`,
			{ headers: auth },
		),
		await measure(base, 'report PDF', `/aanbieder/${carrier.id}/spiegelrapportage/${REPORT_YEAR}/pdf`, {
			headers: auth,
		}),
		await measure(base, 'open data JSON (aggregates)', `/open-data/v1/spiegelrapportage.json?jaar=${REPORT_YEAR}`),
	]
	const result: SpiegelResult = {
		bench: 'spiegelrapportage',
		database: database.kind,
		date: new Date().toISOString(),
		trivial: { rps: trivial.rps, p50: trivial.p50, p95: trivial.p95, p99: trivial.p99 },
		cases,
		rssMb: rssMb(server.process.pid),
		data: {
			carriers: CARRIERS,
			indicators: 7,
			years: YEARS.length,
			values,
			seedSeconds: Number(seedSeconds.toFixed(1)),
		},
		refreshMs: refreshTimes.map((ms) => Math.round(ms)),
		reportHtmlKb: Math.round(Buffer.byteLength(html) / 1024),
		machine: machine(),
		load: `autocannon ${CONNECTIONS} connections, ${DURATION} s per case after a 2 s warm-up`,
	}
	await writeResult('spiegelrapportage', database.kind, result)
	await writeReport('spiegelrapportage.md', report(readResults<SpiegelResult>('spiegelrapportage')))
} finally {
	await server.stop()
	await database.dispose()
}

/**
 * The markdown report from every results file (PGlite and PostgreSQL, whichever have run); the
 * hand-written "## Reading the numbers" at the end of bench/spiegelrapportage.md is kept (writeReport).
 */
function report(results: SpiegelResult[]): string {
	const sections = results.map((r) => {
		const report = r.cases.find((c) => c.name.startsWith('report page'))
		if (!report) throw new Error('Geen rapportpagina in de resultaten')
		const ratio = report.p95 / r.trivial.p95
		const reference = r.cases.find((c) => c.name.startsWith('signed-in reference'))
		return `## ${r.database === 'pglite' ? 'Embedded PGlite' : 'PostgreSQL'} — ${r.date.slice(0, 10)}

${r.machine}. ${r.load}. Data: ${r.data.carriers.toLocaleString('en')} carriers × ${r.data.indicators} indicators × ${r.data.years} years = ${r.data.values.toLocaleString('en')} values (seeded in ${r.data.seedSeconds} s); refreshing one year's statistics and positions took ${r.refreshMs.join(' / ')} ms. Server RSS after the run: ${r.rssMb} MB. Report page: ${r.reportHtmlKb} kB of HTML.

| case | requests/s | p50 ms | p95 ms | p99 ms | errors |
| --- | ---: | ---: | ---: | ---: | ---: |
| trivial route (/healthz) | ${r.trivial.rps} | ${r.trivial.p50} | ${r.trivial.p95} | ${r.trivial.p99} | 0 |
${r.cases.map((c) => `| ${c.name} | ${c.rps} | ${c.p50} | ${c.p95} | ${c.p99} | ${c.errors} |`).join('\n')}

Report p95 / trivial p95 = **${ratio.toFixed(2)}** (target ≤ 2): ${ratio <= 2 ? 'met' : 'not met'}.${reference ? ` Report p95 / signed-in reference p95 = ${(report.p95 / reference.p95).toFixed(2)}.` : ''}`
	})
	return `# Spiegelrapportage under load

Measured by \`npm run bench:spiegelrapportage\` (\`bench/spiegelrapportage.ts\`; PostgreSQL with
\`BENCH_DATABASE_URL=postgresql://…\`). Raw numbers: \`bench/results/spiegelrapportage-<db>.json\`.
One carrier's report (a signed-in member of the carrier) over 2,000 carriers × 7 indicators × 3
years, next to the trivial route in the same run against the same production server.

How the report stays cheap: the field's statistics are not computed per request. Each submission
or reopening refreshes its year in the database — \`percentile_cont\` over \`GROUPING SETS\` (all,
provider type, province) into \`BenchmarkStatistic\`, and every value's mid-rank percentile per
group with window functions (\`rank()\`, \`count(*) OVER\`) onto \`IndicatorValue\` — in the
submitting transaction (the "refresh" times below). A report is then the carrier's delivery, the
year's statistics rows and one trend query, plus server-rendered SVG (hand-written, no DOM).

${sections.join('\n\n')}

`
}
