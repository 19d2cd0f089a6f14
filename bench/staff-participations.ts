// Benchmark of the staff participations table (issue 5): 2,000 participations in one year on a
// fresh embedded database (or DATABASE_URL), then the loader's query (count + one page) timed for
// typical filters. Writes bench/participations.md. Run: npx tsx bench/staff-participations.ts
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseTableQuery } from '#app/lib/table-query.ts'
import { PARTICIPATION_STATES } from '#app/domain/types.ts'
import { defaultYearSettings } from '#app/domain/year-settings.ts'
import { closeDatabase, db, initDatabase } from '#app/lib/db.server.ts'
import { initEnv } from '#app/lib/env.server.ts'
import { listParticipations, participationsTableSpec, stateCounts } from '#app/services/staff-participations.server.ts'
import { markYearData } from '#app/services/years.server.ts'
import { participationsCsv } from '#app/routes/staff/participations-csv.server.ts'

const COUNT = 2000
const YEAR = 2090
const RUNS = 7
const dir = await mkdtemp(path.join(tmpdir(), 'keurmerk-bench-'))
process.env.PGLITE_DATA_DIR ??= path.join(dir, 'db')
process.env.FILE_STORAGE_DIR ??= path.join(dir, 'files')
const env = initEnv()
await initDatabase({ databaseUrl: env.DATABASE_URL, pgliteDataDir: process.env.PGLITE_DATA_DIR })

const seedStart = performance.now()
await db.markYear.create({ data: markYearData(defaultYearSettings(YEAR)) })
const assessors = await Promise.all(
	[1, 2, 3, 4].map((n) =>
		db.user.create({
			data: { email: `beoordelaar${n}-${Date.now()}@bench.test`, name: `Beoordelaar ${n}`, staffRole: 'assessor' },
		}),
	),
)
const cities = [
	'Amsterdam',
	'Rotterdam',
	'Utrecht',
	'Zwolle',
	'Groningen',
	'Eindhoven',
	'Maastricht',
	'Leiden',
	'Arnhem',
	'Den Haag',
]
for (let batch = 0; batch < COUNT / 250; batch++) {
	await db.provider.createMany({
		data: Array.from({ length: 250 }, (_, i) => {
			const n = batch * 250 + i
			const kvk = String(20_000_000 + n)
			return {
				name: `Praktijk ${String(n).padStart(4, '0')} ${cities[n % cities.length]}`,
				slug: `bench-${n}`,
				type: n % 4 === 0 ? 'institution' : 'independent_practice',
				kvkNumber: kvk,
				agbCode: kvk,
				street: 'Straat',
				houseNumber: '1',
				postcode: '1234 AB',
				city: cities[n % cities.length] ?? 'Utrecht',
				email: `p${n}@bench.test`,
			} as const
		}),
	})
}
const providers = await db.provider.findMany({ where: { slug: { startsWith: 'bench-' } }, select: { id: true } })
const at = new Date(`${YEAR}-02-15T12:00:00Z`)
await db.participation.createMany({
	data: providers.map((provider, n) => {
		const state = PARTICIPATION_STATES[n % PARTICIPATION_STATES.length] ?? 'listed'
		return {
			providerId: provider.id,
			year: YEAR,
			state,
			stateChangedAt: new Date(at.getTime() - n * 60_000),
			appliedAt: at,
			assessorId: n % 5 === 0 ? null : (assessors[n % 4]?.id ?? null),
			revisionDueAt: state === 'revision_requested' ? new Date(at.getTime() + ((n % 3) - 1) * 86_400_000 * 10) : null,
		}
	}),
})
const seedMs = performance.now() - seedStart

const spec = participationsTableSpec(assessors.map((user) => user.id))
const cases: [string, string][] = [
	['first page, default sort (provider name)', ''],
	['filter state = submitted', 'state=submitted'],
	['filter two states + type', 'state=listed&state=submitted&type=institution'],
	['search "praktijk 12"', 'q=praktijk%2012'],
	['filter city contains "dam"', 'city=dam'],
	['filter assessor + sort by state change (desc)', `assessor=${assessors[0]?.id}&sort=-stateChangedAt`],
	['overdue revisions (none due at the real clock)', 'overdue=revision'],
	['page 15 at 100 per page, sort by city', 'per=100&pagina=15&sort=city'],
]
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
const rows: string[] = []
for (const [name, search] of cases) {
	const query = parseTableQuery(new URLSearchParams(search), spec)
	const times: number[] = []
	let result = { total: 0, rows: [] as unknown[] }
	for (let run = 0; run < RUNS; run++) {
		const start = performance.now()
		const [list] = await Promise.all([listParticipations(query, YEAR), stateCounts(query, YEAR)])
		times.push(performance.now() - start)
		result = list
	}
	rows.push(
		`| ${name} | \`${search || '—'}\` | ${result.total} | ${result.rows.length} | ${median(times).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`,
	)
}
const csvStart = performance.now()
const csv = await participationsCsv(parseTableQuery(new URLSearchParams(''), spec), YEAR)
const csvMs = performance.now() - csvStart

const report = `# Staff participations table — ${COUNT} participations

Measured by \`npx tsx bench/staff-participations.ts\` on ${new Date().toISOString().slice(0, 10)}, ${env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}, Node ${process.version}, ${RUNS} runs per case (the loader's work: count + one page + the state counts for the filter).
Seeding ${COUNT} providers and participations took ${(seedMs / 1000).toFixed(1)} s.

| case | query string | matching | rows on page | median ms | max ms |
| --- | --- | ---: | ---: | ---: | ---: |
${rows.join('\n')}

CSV export of all ${COUNT} rows (no paging): ${csvMs.toFixed(0)} ms, ${(csv.length / 1024).toFixed(0)} kB.

Paging, sorting, filtering and search happen in the database (indexes on \`Participation(year, state)\`,
\`Provider(name)\`, \`Provider(city)\`); the browser receives one page. Re-run after changing the query.
`
await writeFile(new URL('./participations.md', import.meta.url), report)
console.log(report)
await closeDatabase()
await rm(dir, { recursive: true, force: true })
