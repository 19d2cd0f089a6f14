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
import { allEvidence } from '#app/domain/norm-set.ts'
import { closeDatabase, db } from '#app/lib/db.server.ts'
import { createSession } from '#app/lib/session.server.ts'
import { createListedParticipation } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'
import { cpuMs, machine, openBenchDatabase, percentile, rssMb, startServer } from './lib.ts'

const PORT = Number(process.env.BENCH_PORT ?? 3306)
const SECONDS = Number(process.env.AUTOSAVE_SECONDS ?? 15)
const PROVIDERS = Number(process.env.AUTOSAVE_PROVIDERS ?? 10)
const COLLEAGUES = 3
const YEAR = runningYearAt(new Date()) + 1
if (!existsSync('build/server/index.js')) throw new Error('Eerst bouwen: npm run build')

const database = await openBenchDatabase('autosave-cpu')
interface Member {
	providerId: string
	cookie: string
	textKey: string
	version: number
}
const members: Member[] = []
let deadline = ''
try {
	const loaded = await (async () => {
		for (let carrier = 0; carrier < PROVIDERS; carrier++) {
			const provider = await db.provider.create({
				data: {
					name: `Aanbieder ${carrier}`,
					slug: `cpu-${carrier}`,
					type: 'independent_practice',
					kvkNumber: String(60_000_000 + carrier),
					agbCode: String(60_000_000 + carrier),
					street: 'Straat',
					houseNumber: '1',
					postcode: '3511 AB',
					city: 'Utrecht',
					email: `cpu${carrier}@bench.test`,
				},
			})
			deadline = (await createListedParticipation({ year: YEAR, providerId: provider.id })).qualificationDeadline
			for (let colleague = 0; colleague < COLLEAGUES; colleague++) {
				const user = await db.user.create({
					data: {
						email: `lid${members.length}@cpu.bench`,
						name: `Lid ${members.length}`,
						memberships: { create: { providerId: provider.id, canSign: true } },
					},
				})
				const cookie = (await createSession(user.id, new Request('http://localhost'))).split(';')[0] as string
				members.push({ providerId: provider.id, cookie, textKey: '', version: 0 })
			}
		}
		return loadNormSet(YEAR)
	})()
	if (!loaded) throw new Error('Geen normen')
	const texts = allEvidence(loaded.normSet)
		.map(({ item }) => item)
		.filter((item) => (item.kind === 'explanation' && !item.choices) || item.kind === 'example')
	members.forEach((member, n) => {
		member.textKey = texts[n % COLLEAGUES]?.key ?? ''
	})
	await db.$executeRawUnsafe('ANALYZE')
	await closeDatabase()

	const server = await startServer(database, PORT, {
		KEURMERK_NOW: amsterdamInstant(deadline, { hour: 23 }).toISOString(),
		KEURMERK_ALLOW_CLOCK_OVERRIDE: '1',
	})
	const base = server.base
	const statuses = new Map<number, number>()
	const times: number[] = []
	const failures: string[] = []
	async function save(member: Member, tick: number, record: boolean) {
		const text = `Versie ${tick} van ${member.cookie.slice(-6)}: ${'cliënt intake behandelplan 😀 evaluatie\n'.repeat(20 + (tick % 50))}`
		const body = new FormData()
		body.set('evidenceKey', member.textKey)
		body.set(`${member.textKey}:version`, String(member.version))
		body.set(`${member.textKey}:text`, text)
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
	const cpuBefore = cpuMs(server.process.pid)
	const started = performance.now()
	await loop(started + SECONDS * 1000, true)
	const seconds = (performance.now() - started) / 1000
	const cpu = cpuMs(server.process.pid) - cpuBefore
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
