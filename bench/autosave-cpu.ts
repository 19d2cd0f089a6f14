// The server's CPU per autosave (issue 17), apart from the deadline rush: a few providers with three
// members each, every member saving one answer back to back (closed loop, no pause) for
// AUTOSAVE_SECONDS, against the production server (build/) on a fresh database (PGlite; PostgreSQL
// when BENCH_DATABASE_URL is set). The figure is the server process's own CPU time (Linux /proc)
// divided by the saves: it does not depend on how busy the machine is, unlike requests/s. For a
// profile, start the server with BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
// Prints JSON; writes no results file (the rush bench is the figure of record).
// Run: npx tsx bench/autosave-cpu.ts after npm run build.
import { existsSync } from 'node:fs'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { closeDatabase } from '#app/lib/db.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'
import { cpuMs, machine, openBenchDatabase, percentile, rssMb, serverRuntime, startServer } from './lib.ts'
import { autosaveBody } from './rush-members.ts'
import { seedRushWorld, type WorldMember } from './rush-world.ts'

const PORT = Number(process.env.BENCH_PORT ?? 3306)
const SECONDS = Number(process.env.AUTOSAVE_SECONDS ?? 15)
const PROVIDERS = Number(process.env.AUTOSAVE_PROVIDERS ?? 10)
const COLLEAGUES = 3
const YEAR = runningYearAt(new Date()) + 1
if (!existsSync('build/server/index.js')) throw new Error('Eerst bouwen: npm run build')

const database = await openBenchDatabase('autosave-cpu')
try {
	// The rush's world without its submitters: carriers with three members, each typing an answer of their own.
	const { members, deadline } = await seedRushWorld({
		year: YEAR,
		name: 'cpu',
		numberBase: 60_000_000,
		groups: [{ carriers: PROVIDERS, colleagues: COLLEAGUES, complete: false }],
	})
	await closeDatabase()

	const server = await startServer(database, PORT, {
		KEURMERK_NOW: amsterdamInstant(deadline, { hour: 23 }).toISOString(),
		KEURMERK_ALLOW_CLOCK_OVERRIDE: '1',
	})
	const base = server.base
	const statuses = new Map<number, number>()
	const times: number[] = []
	const failures: string[] = []
	async function save(member: WorldMember, tick: number, record: boolean) {
		const text = `Versie ${tick} van ${member.cookie.slice(-6)}: ${'cliënt intake behandelplan 😀 evaluatie\n'.repeat(20 + (tick % 50))}`
		const body = autosaveBody(member, text)
		const started = performance.now()
		const response = await fetch(`${base}/aanbieder/${member.providerId}/zelfevaluatie/${YEAR}/antwoord`, {
			method: 'POST',
			headers: { cookie: member.cookie, origin: base, accept: 'application/json' },
			body,
		})
		const answer = await response.text()
		if (!record) {
			if (response.ok) member.version = (JSON.parse(answer) as { version: number }).version
			return
		}
		times.push(performance.now() - started)
		statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
		if (response.ok) member.version = (JSON.parse(answer) as { version: number }).version
		else if (failures.length < 5) failures.push(`${response.status} ${answer.slice(0, 200)}`)
	}
	const loop = async (until: number, record: boolean) =>
		Promise.all(
			members.map(async (member) => {
				for (let tick = 0; performance.now() < until; tick++) await save(member, tick, record)
			}),
		)
	// Warm up (JIT, the norm set cache, connections), then measure.
	await loop(performance.now() + 3000, false)
	const runtimeBefore = await serverRuntime(base)
	const cpuBefore = cpuMs(server.process.pid)
	const started = performance.now()
	await loop(started + SECONDS * 1000, true)
	const seconds = (performance.now() - started) / 1000
	const cpu = cpuMs(server.process.pid) - cpuBefore
	const runtimeAfter = await serverRuntime(base)
	// Young-generation collections per 1,000 saves: the garbage a save leaves, whatever the load
	// (each collection comes when the young generation has filled up).
	const perThousand = (kind: 'major' | 'minor') =>
		runtimeBefore && runtimeAfter
			? Number(
					(((runtimeAfter.gc[kind].count - runtimeBefore.gc[kind].count) * 1000) / Math.max(1, times.length)).toFixed(
						1,
					),
				)
			: null
	const rss = rssMb(server.process.pid)
	await server.stop()
	times.sort((a, b) => a - b)
	console.log(
		JSON.stringify(
			{
				database: database.kind,
				members: members.length,
				seconds: Number(seconds.toFixed(1)),
				saves: times.length,
				savesPerSecond: Number((times.length / seconds).toFixed(1)),
				serverCpuMsPerSave: Number((cpu / Math.max(1, times.length)).toFixed(2)),
				serverCpuShare: Number((cpu / (seconds * 1000)).toFixed(2)),
				gcPerThousandSaves: { minor: perThousand('minor'), major: perThousand('major') },
				p50: percentile(times, 0.5),
				p95: percentile(times, 0.95),
				p99: percentile(times, 0.99),
				statuses: Object.fromEntries(statuses),
				failures,
				rssMb: rss,
				machine: machine(),
			},
			null,
			2,
		),
	)
} finally {
	await database.dispose()
}
