// The deadline rush (issue 17, target 2): provider members in the last hour before the
// qualification deadline, against the production server (build/) on a fresh database (PGlite;
// PostgreSQL when BENCH_DATABASE_URL is set). For RUSH_SECONDS (60):
//   - 300 typists (100 carriers × 3 colleagues) autosave one answer every 2 s all the run (0.5–3 kB
//     of text, some with emoji and new lines), as the browser does: the next save only when the
//     previous one has answered. 300 × 0.5 = 150 saves/s offered, the issue's target;
//   - every typist uploads a 1 MB PDF once in the minute;
//   - 30 submitters besides them (each the only member of a carrier with a complete round) type in
//     the same way until their moment, evenly spread over the minute, then submit and stop;
//   - a probe asks the trivial route (/healthz) all the time, as at rest before the rush.
// Before that minute the same typists have been typing and uploading (at the minute's rates) for
// RUSH_WARMUP_SECONDS (15): the last hour before the deadline does not begin with 300 members
// saving their first answer at one instant on a server that never ran a save or checked an upload
// (code not yet compiled, heaps and caches still growing, the upload-check thread not started). The
// warm-up's own figures are reported beside the minute's (warmup), not mixed into them.
// The submitters are extra members, not 30 of the 300: were they among the typists, the scenario
// would offer only about 142.5 saves/s and could never show the 150 (stop 22's reading). The
// results give the saves/s the scenario offers (bench/rush-plan.ts) beside those answered, so a
// reader sees whether the server or the scenario held the rate back.
// Afterwards every acknowledged save is compared with the database (lostSaves). Writes
// bench/results/rush-<database>.json and bench/rush.md (from every results file, keeping the
// hand-written "## Reading" at its end).
// Run: npm run bench:rush (builds first), or npx tsx bench/rush.ts after a build;
// npx tsx bench/rush.ts --report writes bench/rush.md from the results files without a run.
import { type ChildProcess, fork, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { closeDatabase, db, initDatabase } from '#app/lib/db.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'
import {
	cpuMs,
	machine,
	machineTicks,
	type Measured,
	openBenchDatabase,
	percentile,
	readResults,
	row,
	rssMb,
	serverScrape,
	type ServerRuntime,
	startServer,
	reportOnlyWhenAsked,
	writeReport,
	writeResult,
} from './lib.ts'
import { LOOP_SAMPLING_MS, loopDelay } from './loop-monitor.ts'
import type { ChildTask } from './rush-members-child.ts'
import {
	memberHeaders,
	mergeRuns,
	type MembersRun,
	type RushMember,
	type RushSchedule,
	runMembersTimed,
	type Sample,
	wallNow,
} from './rush-members.ts'
import { offeredSavesPerSecond, rateLimitedBy, SAVE_INTERVAL_MS, submitMs } from './rush-plan.ts'
import { serverQuantiles } from './server-histogram.ts'
import { seedRushWorld, type WorldMember } from './rush-world.ts'

// Beside the register bench's port when BENCH_PORT is shared; the default avoids 3306 (MySQL/MariaDB).
const PORT = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) + 1 : 3311
const SECONDS = Number(process.env.RUSH_SECONDS ?? 60)
const WARMUP_SECONDS = Number(process.env.RUSH_WARMUP_SECONDS ?? 15)
// The trivial route at rest, the reference of its ratio under load: 30 s since stop 31. Over 10 s its
// p95 swung 1.8–3.4 ms between four back-to-back readings of an idle server on this 2-core machine
// (and 2.2–5.2 ms across a day's rushes), so the ratio moved with the moment more than with the load.
const REST_SECONDS = Number(process.env.RUSH_REST_SECONDS ?? 30)
const TYPISTS = 300
const SUBMITTERS = 30
const COLLEAGUES = 3 // typists per carrier
// Submitters of the warm-up, at the minute's rate (one every 2 s): the hour before the deadline has
// had submissions, so the minute does not hold the process's first one (stop 35: on PGlite a cold
// first submission took 380–491 ms, every save waiting behind it; BENCH_SAMPLES_FILE showed it).
const WARMUP_SUBMITTERS = Math.round((WARMUP_SECONDS * SUBMITTERS) / SECONDS)
// The members' clients in this many processes (1: in the bench's own, as before stop 35).
const CLIENT_PROCESSES = Number(process.env.RUSH_CLIENT_PROCESSES ?? 1)
if (!Number.isInteger(CLIENT_PROCESSES) || CLIENT_PROCESSES < 1)
	throw new Error('RUSH_CLIENT_PROCESSES: een geheel getal ≥ 1')
const YEAR = runningYearAt(new Date()) + 1
await reportOnlyWhenAsked('rush.md', () => report(readResults<RushResult>('rush')))
if (!existsSync('build/server/index.js')) throw new Error('Eerst bouwen: npm run build')

// Node's fetch keeps connections alive without a limit per origin: 330 members, up to 330 connections.

const database = await openBenchDatabase('rush')

// ── Data: 100 carriers × 3 typists, 30 + 8 carriers × 1 submitter (complete round) ─────────────
const seedStart = performance.now()
interface Member extends WorldMember {
	address: string
	/** Submits in the measured minute, or during the warm-up. */
	submits: 'minute' | 'warm-up' | null
	acknowledged: string | null
}
const world = await seedRushWorld({
	year: YEAR,
	name: 'spits',
	numberBase: 50_000_000,
	groups: [
		{ carriers: TYPISTS / COLLEAGUES, colleagues: COLLEAGUES, complete: false },
		{ carriers: SUBMITTERS, colleagues: 1, complete: true },
		{ carriers: WARMUP_SUBMITTERS, colleagues: 1, complete: true },
	],
})
const members: Member[] = world.members.map((member) => ({
	...member,
	address: `10.${member.index >> 8}.${member.index & 255}.7`,
	submits: !member.complete ? null : member.index < TYPISTS + SUBMITTERS ? 'minute' : 'warm-up',
	acknowledged: null,
}))
const deadline = world.deadline
const seedSeconds = (performance.now() - seedStart) / 1000
await closeDatabase()

/**
 * Asks /healthz with `workers` loops until `until` (wall-clock ms, wallNow()), from a process of its
 * own (probe-client.js): another user, not one more client in this busy event loop.
 */
async function probe(
	base: string,
	until: number,
	workers = 4,
	samples?: { started: number; ms: number }[],
): Promise<number[]> {
	const spawned = wallNow()
	const child = spawn(
		process.execPath,
		[fileURLToPath(new URL('./probe-client.js', import.meta.url)), base, String(until - spawned), String(workers)],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	)
	let output = ''
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
	const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
	if (code !== 0) throw new Error(`De probe stopte met code ${code}`)
	const answers = JSON.parse(output) as { at: number; ms: number; ok: boolean }[]
	for (const answer of answers) if (answer.ok) samples?.push({ started: spawned + answer.at, ms: answer.ms })
	return answers
		.filter((answer) => answer.ok)
		.map((answer) => answer.ms)
		.sort((a, b) => a - b)
}

const stats = (times: number[], seconds: number) => ({
	rps: Math.round(times.length / seconds),
	p50: percentile(times, 0.5),
	p95: percentile(times, 0.95),
	p99: percentile(times, 0.99),
})

let server = await startServer(database, PORT, {
	KEURMERK_NOW: amsterdamInstant(deadline, { hour: 23 }).toISOString(),
	KEURMERK_ALLOW_CLOCK_OVERRIDE: '1',
})
const base = server.base
const headers = (member: Member) => memberHeaders(base, member)

const normCodes = new Map<string, string>()
let result: object
// The members' processes start now, idle through the rest, so their start is not in the rush.
const clients = membersClients(CLIENT_PROCESSES)
try {
	const rssAtRest = rssMb(server.process.pid)
	// Warm the server up a little (JIT, the norm set), then the trivial route at rest.
	for (const member of members.slice(0, 5)) {
		await fetch(`${base}/aanbieder/${member.providerId}/zelfevaluatie/${YEAR}`, { headers: headers(member) })
	}
	for (const member of members) await normCodeOf(member)
	await clients.ready
	// The server's first /metrics scrape compiles its queries, ~50 ms of its event loop (stop 35):
	// taken here, so the scrape at the minute's start is one like those of a running portal.
	await serverScrape(base)
	const atRestTimes = await probe(base, wallNow() + REST_SECONDS * 1000)
	const atRest = stats(atRestTimes, REST_SECONDS)

	let maxRss = rssAtRest
	const warmupStart = wallNow()
	const start = warmupStart + WARMUP_SECONDS * 1000
	const end = start + SECONDS * 1000
	// Who else used the machine's cores during the minute (the bench's own clients run here too), and
	// what the server's collector and event loop did: the tail of a shared 2-core machine is read
	// with these beside it. The scrape also starts the server's event-loop delay afresh. Taken when
	// the measured minute begins.
	// One scrape of /metrics: the collector and event loop, and the request histograms per route.
	const scrape = async () => (await serverScrape(base)) ?? { runtime: null, routes: null }
	async function readingsNow() {
		return {
			cpu: cpuMs(server.process.pid),
			...(await scrape()),
			ticks: machineTicks(),
		}
	}
	const memory = setInterval(() => {
		maxRss = Math.max(maxRss, rssMb(server.process.pid))
	}, 1000)
	// Moments relative to the minute's start: the warm-up's submitters before it.
	const submitAt = new Map([
		...members
			.filter((member) => member.submits === 'minute')
			.map((member, n) => [member, submitMs(n, SUBMITTERS, SECONDS)] as const),
		...members
			.filter((member) => member.submits === 'warm-up')
			// Over the warm-up less one save interval: a member submits at its first save tick after
			// the moment, and the warm-up's submissions must not fall in the minute.
			.map((member, n) => {
				const seconds = WARMUP_SECONDS - SAVE_INTERVAL_MS / 1000
				return [member, submitMs(n, WARMUP_SUBMITTERS, seconds) - WARMUP_SECONDS * 1000] as const
			}),
	])
	const offered = offeredSavesPerSecond(
		members.map((member) => ({ index: member.index, submitAtMs: submitAt.get(member) })),
		SECONDS,
	)

	const probeSamples: { started: number; ms: number }[] = []
	const schedule: RushSchedule = {
		base,
		year: YEAR,
		warmupStart,
		start,
		end,
		warmupSeconds: WARMUP_SECONDS,
		seconds: SECONDS,
	}
	const plans: RushMember[] = members.map((member) => ({
		index: member.index,
		providerId: member.providerId,
		cookie: member.cookie,
		textKey: member.textKey,
		uploadKey: member.uploadKey,
		normCode: normCodes.get(member.uploadKey) ?? '',
		version: member.version,
		address: member.address,
		submitAtMs: submitAt.get(member),
	}))
	let before: Awaited<ReturnType<typeof readingsNow>> | undefined
	const [run, rushTimes] = await Promise.all([
		clients.run(plans, schedule),
		(async () => {
			await sleep(Math.max(0, start - wallNow()))
			before = await readingsNow()
			return probe(base, end, 4, probeSamples)
		})(),
	])
	// Every client-side time of the members includes how late their own loop came round to their
	// answers (with several processes: the latest of them); the probe runs in a process of its own.
	const benchLoopLateMs = run.loopLateMs
	const { saves: allSaves, uploads: allUploads, submissions: allSubmissions, failures } = run.outcome
	for (const member of members) member.acknowledged = run.outcome.acknowledged[member.index] ?? null
	if (!before) throw new Error('no readings at the start of the minute')
	const { cpu: cpuBefore, runtime: runtimeAtStart, routes: routesAtStart } = before
	const ticksBefore = before.ticks
	const rushSamples = probeSamples.map((sample) => ({ at: sample.started - start, ms: sample.ms }))
	const inMinute = (list: Sample[]) => list.filter((sample) => sample.at >= 0)
	const saves = inMinute(allSaves)
	const uploads = inMinute(allUploads)
	const submissions = inMinute(allSubmissions)
	const warmupSaves = allSaves.filter((sample) => sample.at < 0)
	const warmup = {
		seconds: WARMUP_SECONDS,
		autosave: stats(
			warmupSaves
				.filter((sample) => sample.ok)
				.map((sample) => sample.ms)
				.sort((a, b) => a - b),
			WARMUP_SECONDS,
		),
		errors: warmupSaves.filter((sample) => !sample.ok).length,
		uploads: allUploads.filter((sample) => sample.at < 0).length,
		submissions: allSubmissions.filter((sample) => sample.at < 0).length,
	}
	clearInterval(memory)
	const rssAfter = rssMb(server.process.pid)
	// The server's CPU during the rush, shared out over every request it answered (saves are most of them).
	const rushCpuMs = cpuMs(server.process.pid) - cpuBefore
	const ticksAfter = machineTicks()
	const { runtime: runtimeAtEnd, routes: routesAtEnd } = await scrape()
	const serverSide = {
		trivial: serverQuantiles(routesAtStart, routesAtEnd, '/healthz'),
		autosave: serverQuantiles(routesAtStart, routesAtEnd, '/aanbieder/:providerId/zelfevaluatie/:year/antwoord'),
	}
	if (process.env.BENCH_SAMPLES_FILE) {
		// For reading a tail over time (when in the minute the slow saves came): every sample, not a figure of record.
		await writeFile(
			process.env.BENCH_SAMPLES_FILE,
			JSON.stringify(
				{ saves: allSaves, uploads: allUploads, submissions: allSubmissions, rushTimes: rushSamples },
				null,
				0,
			),
		)
	}
	const elapsedSeconds = Math.max(1, (wallNow() - start) / 1000)
	const machineShare = {
		// Shares of one core (2 cores = 200 %), over the rush.
		machineBusyPercent: Math.round(
			((ticksAfter.busy - ticksBefore.busy) / Math.max(1, ticksAfter.total - ticksBefore.total)) * 100 * cpus().length,
		),
		serverCpuPercent: Math.round(rushCpuMs / elapsedSeconds / 10),
		clientCpuPercent: Math.round(run.cpuMs / elapsedSeconds / 10),
	}
	const serverGc = runtimeDuring(runtimeAtStart, runtimeAtEnd)
	const answered = saves.length + uploads.length + submissions.length + rushTimes.length
	await server.stop()

	// Every acknowledged save must be the stored answer.
	await initDatabase({ databaseUrl: database.databaseUrl, pgliteDataDir: database.pgliteDataDir }, { migrate: false })
	const loaded = await loadNormSet(YEAR)
	let lostSaves = 0
	const lost: string[] = []
	for (const member of members) {
		if (member.acknowledged === null) continue
		const stored = await db.answer.findFirst({
			where: {
				evidenceItemId: loaded?.evidenceIds.get(member.textKey),
				round: { participation: { providerId: member.providerId, year: YEAR } },
			},
			orderBy: { round: { number: 'desc' } },
			select: { text: true },
		})
		if (stored?.text !== member.acknowledged) {
			lostSaves++
			const stored_ = stored?.text ?? ''
			let at = 0
			while (at < stored_.length && stored_[at] === member.acknowledged[at]) at++
			lost.push(
				`member ${member.index}${member.submits ? ' (submits)' : ''}: acknowledged ${member.acknowledged.length} chars, stored ${stored?.text?.length ?? 'none'}, first difference at ${at}`,
			)
		}
	}
	// The minute's submitters only (the warm-up's are not its figures).
	const submitted = await db.selfEvaluationRound.count({
		where: {
			status: 'submitted',
			participation: {
				year: YEAR,
				providerId: { in: members.filter((member) => member.submits === 'minute').map((member) => member.providerId) },
			},
		},
	})
	await closeDatabase()

	// Restart on the existing database: start to first 200.
	server = await startServer(database, PORT)
	const startMs = server.startMs
	await server.stop()

	const okSaves = saves
		.filter((sample) => sample.ok)
		.map((sample) => sample.ms)
		.sort((a, b) => a - b)
	const seconds = SECONDS
	const trivialUnderLoad = stats(rushTimes, seconds)
	const saveStats = stats(okSaves, seconds)
	const measured = (name: string, url: string, list: Sample[]) => {
		const times = list
			.filter((sample) => sample.ok)
			.map((sample) => sample.ms)
			.sort((a, b) => a - b)
		return {
			name,
			url,
			...stats(times, seconds),
			errors: list.filter((sample) => !sample.ok).length,
			count: list.length,
		}
	}
	result = {
		bench: 'rush',
		database: database.kind,
		date: new Date().toISOString(),
		trivial: trivialUnderLoad,
		cases: [
			measured('autosave (one answer, 0.5–3 kB)', '/aanbieder/:id/zelfevaluatie/:year/antwoord', saves),
			measured('upload (1 MB PDF)', '/aanbieder/:id/zelfevaluatie/:year/norm/:code?upload=…', uploads),
			measured('submit the round', '/aanbieder/:id/zelfevaluatie/:year/controle', submissions),
		],
		rssMb: maxRss,
		lostSaves,
		savesPerSecond: Number((okSaves.length / seconds).toFixed(1)),
		offeredSavesPerSecond: offered,
		sentSavesPerSecond: Number((saves.length / seconds).toFixed(1)),
		limitedBy: rateLimitedBy(offered, okSaves.length / seconds),
		serverCpuMs: Math.round(rushCpuMs),
		serverCpuMsPerRequest: Number((rushCpuMs / Math.max(1, answered)).toFixed(2)),
		serverCpuMsPerSave: Number((rushCpuMs / Math.max(1, saves.length)).toFixed(2)),
		...machineShare,
		...(serverGc ? { serverRuntime: serverGc } : {}),
		benchLoopLateMs,
		...(serverSide.autosave && serverSide.trivial ? { serverSide } : {}),
		warmup,
		autosave: saveStats,
		trivialAtRest: atRest,
		submitted,
		failures: [...failures, ...lost.slice(0, 10)],
		rssMbAtRest: rssAtRest,
		rssMbAfter: rssAfter,
		startMs,
		// The minute's members; the warm-up's submitters beside them.
		members: members.filter((member) => member.submits !== 'warm-up').length,
		warmupSubmitters: WARMUP_SUBMITTERS,
		clientProcesses: CLIENT_PROCESSES,
		typists: TYPISTS,
		submitters: SUBMITTERS,
		seconds,
		seedSeconds: Number(seedSeconds.toFixed(1)),
		machine: machine(),
	}
} finally {
	clients.close()
	await server.stop()
	await database.dispose()
}

/**
 * The members' clients: in this process (1), or in `processes` of their own, forked at once and idle
 * until run (their start is not in the rush), each with every n-th member.
 */
function membersClients(processes: number) {
	if (processes === 1) return { ready: Promise.resolve(), run: runMembersTimed, close: () => {} }
	const children = Array.from({ length: processes }, () =>
		fork(fileURLToPath(new URL('./rush-members-child.ts', import.meta.url)), [], {
			execArgv: ['--import', 'tsx'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		}),
	)
	return {
		// Each says so once its modules are loaded.
		ready: Promise.all(children.map((child) => new Promise((resolve) => child.once('message', resolve)))),
		run: async (plans: RushMember[], schedule: RushSchedule) =>
			mergeRuns(
				await Promise.all(
					children.map((child, n) =>
						runInChild(child, { members: plans.filter((plan) => plan.index % processes === n), schedule }),
					),
				),
			),
		close: () => {
			for (const child of children) child.kill()
		},
	}
}

function runInChild(child: ChildProcess, task: ChildTask): Promise<MembersRun> {
	return new Promise((resolve, reject) => {
		child.once('message', (message) => resolve(message as MembersRun))
		child.once('exit', (code) => reject(new Error(`Een ledenproces stopte met code ${code}`)))
		child.send(task)
	})
}

async function normCodeOf(member: Member): Promise<string> {
	const cached = normCodes.get(member.uploadKey)
	if (cached) return cached
	// The norm page of the upload item: read once from the overview's links.
	const page = await fetch(`${base}/aanbieder/${member.providerId}/zelfevaluatie/${YEAR}`, { headers: headers(member) })
	const html = await page.text()
	for (const match of html.matchAll(/\/norm\/([^"#?/]+)/g)) {
		const code = decodeURIComponent(match[1] ?? '')
		const norm = await fetch(
			`${base}/aanbieder/${member.providerId}/zelfevaluatie/${YEAR}/norm/${encodeURIComponent(code)}`,
			{
				headers: headers(member),
			},
		)
		if ((await norm.text()).includes(member.uploadKey)) {
			normCodes.set(member.uploadKey, encodeURIComponent(code))
			return encodeURIComponent(code)
		}
	}
	throw new Error(`Geen normpagina voor ${member.uploadKey}`)
}

await writeResult('rush', database.kind, result)
await writeReport('rush.md', report(readResults<RushResult>('rush')))
console.log(JSON.stringify(result, null, 2))

type Rates = Pick<Measured, 'rps' | 'p50' | 'p95' | 'p99'>

interface RushResult {
	database: string
	date: string
	trivial: Rates
	trivialAtRest: Rates
	cases: (Measured & { count: number })[]
	autosave: { p95: number }
	/** Answered (200) saves per second. */
	savesPerSecond: number
	/** What the scenario schedules (absent in results of the scenario before stop 23). */
	offeredSavesPerSecond?: number
	sentSavesPerSecond?: number
	limitedBy?: 'scenario' | 'server'
	lostSaves: number
	submitted: number
	rssMb: number
	rssMbAtRest: number
	startMs: number
	members: number
	typists?: number
	submitters?: number
	seconds: number
	seedSeconds: number
	machine: string
	failures: string[]
	serverCpuMsPerSave?: number
	serverCpuMsPerRequest?: number
	machineBusyPercent?: number
	/** The processes the members' clients ran in (absent: 1, the bench's own; before stop 35 always so). */
	clientProcesses?: number
	/** KEURMERK_WORKERS of the run (absent: one server process). CPU and memory are theirs together. */
	workers?: number
	serverCpuPercent?: number
	clientCpuPercent?: number
	serverRuntime?: ServerRuntime
	/**
	 * How late the bench's own event loop came round during the minute, in ms: the lateness itself
	 * (unlike serverRuntime.eventLoopDelayMs, which holds prom-client's whole sampling intervals).
	 */
	benchLoopLateMs?: { p50: number; p95: number; p99: number; max: number }
	/** The same requests timed by the server itself (its histogram, bucket-interpolated), in ms. */
	serverSide?: Record<'trivial' | 'autosave', { count: number; p50: number; p95: number; p99: number }>
	/** The seconds the same members typed before the measured minute, and the saves answered then. */
	warmup?: {
		seconds: number
		autosave: { rps: number; p50: number; p95: number; p99: number }
		errors: number
		uploads?: number
		/** Rounds submitted during the warm-up (since stop 35; the minute's are `submitted`). */
		submissions?: number
	}
	/** Members who only typed and submitted during the warm-up (since stop 35), not in `members`. */
	warmupSubmitters?: number
}

/** The server's collections during the rush (counts are since start) and its event-loop delay then. */
function runtimeDuring(before: ServerRuntime | null, after: ServerRuntime | null): ServerRuntime | null {
	if (!before || !after) return null
	const kinds = ['major', 'minor', 'incremental'] as const
	return {
		gc: Object.fromEntries(
			kinds.map((kind) => [
				kind,
				{ count: after.gc[kind].count - before.gc[kind].count, ms: after.gc[kind].ms - before.gc[kind].ms },
			]),
		) as ServerRuntime['gc'],
		eventLoopDelayMs: after.eventLoopDelayMs,
	}
}

function warmupLine(r: RushResult): string {
	if (!r.warmup) return ' (no warm-up: the members began at the start of the measured minute)'
	const w = r.warmup.autosave
	const uploads = r.warmup.uploads
		? `${r.warmup.submissions ? ',' : ' and'} uploading (${r.warmup.uploads} uploads)`
		: ''
	const submissions = r.warmup.submissions
		? ` and ${r.warmup.submissions} more members submitting (so the minute does not hold the server's first submission)`
		: ''
	return ` after ${r.warmup.seconds} s in which the same members were already typing${uploads}${submissions} (that warm-up is not in the figures below: its autosave p50 ${w.p50} / p95 ${w.p95} / p99 ${w.p99} ms, ${r.warmup.errors} errors)`
}

function machineLine(r: RushResult): string {
	if (r.machineBusyPercent === undefined) return ''
	const runtime = r.serverRuntime
	const gc = runtime
		? ` The server's garbage collector during the rush: ${runtime.gc.major.count} full collections (${runtime.gc.major.ms} ms in all), ${runtime.gc.minor.count} young-generation ones (${runtime.gc.minor.ms} ms); its event loop came round late by p99 ${loopDelay(runtime.eventLoopDelayMs.p99)} ms, at most ${loopDelay(runtime.eventLoopDelayMs.max)} ms (beyond its ${LOOP_SAMPLING_MS} ms sampling interval; before stop 30 this line gave the whole interval).`
		: ''
	const own = r.serverSide
		? ` Timed by the server itself (from the request's arrival in Express to its last byte, its histogram's buckets interpolated): autosave p50 ${r.serverSide.autosave.p50} / p95 ${r.serverSide.autosave.p95} ms, the trivial route p95 ${r.serverSide.trivial.p95} ms; the rest of the client's figures is waiting for the event loop to read the request and for the bench's own process.`
		: ''
	const processes = r.clientProcesses ?? 1
	const loops =
		processes > 1
			? `The members' event loops (${processes} processes, each with every ${ordinal(processes)} member; in every client-side time of theirs, not in the probe's; at each percentile the latest of them) came round late by p50`
			: `The bench's own event loop (all the members' clients; in every client-side time of theirs, not in the probe's) came round late by p50`
	const bench = r.benchLoopLateMs
		? ` ${loops} ${r.benchLoopLateMs.p50} / p95 ${r.benchLoopLateMs.p95} / p99 ${r.benchLoopLateMs.p99} ms.`
		: ''
	return ` The machine's cores were ${r.machineBusyPercent} % busy (of ${cpus().length * 100} %): the server ${r.serverCpuPercent} %, the bench's own clients ${r.clientCpuPercent} %${processes > 1 ? ` (${processes} processes)` : ''}, the database and everything else the rest.${gc}${own}${bench}`
}

function report(results: RushResult[]): string {
	const sections = results.map((r) => {
		const errors = r.cases.reduce((sum, c) => sum + c.errors, 0)
		const rate =
			r.offeredSavesPerSecond === undefined
				? `${r.savesPerSecond} answered (that scenario offered ≈ 142.5)`
				: `${r.savesPerSecond} answered of ${r.offeredSavesPerSecond} offered (limit: the ${r.limitedBy})`
		const checks = [
			[`≥ 150 saves/s sustained`, rate, r.savesPerSecond >= 150],
			['0 errors', `${errors}`, errors === 0],
			['every acknowledged save present (lostSaves 0)', `${r.lostSaves}`, r.lostSaves === 0],
			[
				'autosave p95 ≤ 3 × trivial p95 (same run)',
				`${r.autosave.p95} ms vs ${r.trivial.p95} ms (${(r.autosave.p95 / r.trivial.p95).toFixed(1)} ×)`,
				r.autosave.p95 <= 3 * r.trivial.p95,
			],
			[
				'trivial p95 under load ≤ 3 × at rest',
				`${r.trivial.p95} ms vs ${r.trivialAtRest.p95} ms (${(r.trivial.p95 / r.trivialAtRest.p95).toFixed(1)} ×)`,
				r.trivial.p95 <= 3 * r.trivialAtRest.p95,
			],
			[
				'resident memory ≤ 300 MB (target on PostgreSQL)',
				`${r.rssMbAtRest} MB at rest, ${r.rssMb} MB at most${r.workers ? ` (all ${r.workers + 1} processes together)` : ''}`,
				r.rssMb <= 300,
			],
			['start to first 200 on the existing database ≤ 5 s', `${(r.startMs / 1000).toFixed(1)} s`, r.startMs <= 5000],
		] as const
		return `## ${r.database === 'pglite' ? 'Embedded PGlite' : 'PostgreSQL'}${r.workers ? `, ${r.workers} worker processes` : ''} — ${r.date.slice(0, 16).replace('T', ' ')} UTC

${r.machine} (load average read at the end of the run, the bench's own server and clients included). ${scenario(r)}, ${r.seconds} s${warmupLine(r)}, data seeded in ${r.seedSeconds} s; ${r.submitted}${r.submitters === undefined ? '' : ` of ${r.submitters}`} rounds submitted (a submitter whose moment comes while their previous save is still waiting at the end does not submit). ${saveRates(r)}${machineLine(r)}${r.serverCpuMsPerSave === undefined ? '' : ` Server CPU during the rush: ${r.serverCpuMsPerRequest} ms per request answered, ${r.serverCpuMsPerSave} ms per autosave (all of the process's CPU divided by the saves).`}

| case | URL | per second | p50 ms | p95 ms | p99 ms | count | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${row(['trivial route at rest (probe, 4 loops)', '`/healthz`', r.trivialAtRest.rps, r.trivialAtRest.p50, r.trivialAtRest.p95, r.trivialAtRest.p99, '', 0])}
${row(['trivial route during the rush', '`/healthz`', r.trivial.rps, r.trivial.p50, r.trivial.p95, r.trivial.p99, '', 0])}
${r.cases.map((c) => row([c.name, `\`${c.url}\``, c.rps, c.p50, c.p95, c.p99, c.count, c.errors])).join('\n')}

| target | measured | |
| --- | --- | :---: |
${checks.map(([target, value, met]) => row([target, value, met ? '✓' : '✗'])).join('\n')}
${r.failures.length ? `\nFirst failures:\n\n${r.failures.map((failure) => `- \`${failure.replace(/`/g, "'").replace(/\s+/g, ' ')}\``).join('\n')}\n` : ''}`
	})
	return `# The deadline rush — ${TYPISTS} members typing in the last hour, ${SUBMITTERS} submitting

Measured by \`npm run bench:rush\` (\`bench/rush.ts\`; PostgreSQL with \`BENCH_DATABASE_URL=postgresql://…\`).
Raw numbers: \`bench/results/rush-<database>.json\`. The server's clock is set to 23:00 on the day of
the qualification deadline. ${TYPISTS} typists (${TYPISTS / COLLEAGUES} carriers × ${COLLEAGUES} colleagues) each autosave one
answer every 2 s all the run like the browser (the next save only after the previous answer) and
upload a 1 MB PDF once: ${TYPISTS} × 0.5 = ${TYPISTS / 2} saves/s offered. ${SUBMITTERS} submitters besides them (${SUBMITTERS} carriers × 1,
each with a complete round) type in the same way until their moment, evenly spread over the minute,
then submit and stop. A probe asks \`/healthz\` in 4 loops throughout, and for ${REST_SECONDS} s at rest before,
from a process of its own (since stop 25; before, it shared the bench's event loop with the 330 members).
The members' clients share the bench's own process; \`RUSH_CLIENT_PROCESSES=N\` spreads them over N processes
(stop 35: on 2 cores that cost more than it spared, see its reading).
Afterwards every member's last acknowledged text is compared with the stored answer (lostSaves).
Since stop 25 the measured minute follows a warm-up of ${WARMUP_SECONDS} s in which the same typists already type
and upload at the same rates (the last hour before the deadline does not begin with 300 first saves at one instant on a server
that never ran one); since stop 35 ${WARMUP_SUBMITTERS} more members submit during it at the minute's rate and the server
has been scraped once, so the minute holds neither the process's first submission nor its first
scrape. Each section gives the warm-up's own autosave figures beside the minute's. The
server's own timing (its request histogram) stands beside the client's.

Saves per second: **offered** is what the members' schedule holds (every save answered at once);
**sent** what they sent, waiting for each answer as the browser does; **answered** the 200s. When
answered is (nearly) the offered rate, the scenario is the limit; when it falls short, the server.
Results from before stop 23 had the 30 submitters among the 300 (at most ≈ 142.5 saves/s offered).

${sections.join('\n\n')}
`
}

function ordinal(n: number): string {
	return n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`
}

function scenario(r: RushResult): string {
	return r.typists === undefined
		? `${r.members} members, the 30 submitters among them (the scenario before stop 23)`
		: `${r.typists} typists all the run and ${r.submitters} submitters besides them (${r.members} members)`
}

function saveRates(r: RushResult): string {
	if (r.offeredSavesPerSecond === undefined) return `Saves per second answered: ${r.savesPerSecond}.`
	return `Saves per second: ${r.offeredSavesPerSecond} offered, ${r.sentSavesPerSecond} sent, ${r.savesPerSecond} answered — the ${r.limitedBy} is the limit.`
}
