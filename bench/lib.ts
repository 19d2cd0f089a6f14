// What the load benchmarks share (issue 17): a fresh database (embedded PGlite, or a new database on
// the PostgreSQL server of BENCH_DATABASE_URL), the production server on it, autocannon runs with
// percentiles from every response, the server's resident memory, and the results files in the
// shape other tools read: bench/results/<bench>-<database>.json.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import pg from 'pg'
import prettier from 'prettier'
import { parseRouteHistograms, type RouteHistograms } from './server-histogram.ts'
import { closeDatabase, initDatabase } from '#app/lib/db.server.ts'
import { initEnv } from '#app/lib/env.server.ts'
import { productionStart } from './production-start.ts'
import { keepReading } from './report.ts'

export const SECRET = 'bench-secret-that-is-long-enough-0123456789'
export const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
export const CONNECTIONS = 10

export type DatabaseKind = 'pglite' | 'postgresql'

export interface BenchDatabase {
	kind: DatabaseKind
	dir: string
	databaseUrl: string | undefined
	pgliteDataDir: string
	filesDir: string
	dispose(): Promise<void>
}

/** A fresh, migrated database for one bench, opened in this process (for seeding). */
export async function openBenchDatabase(name: string): Promise<BenchDatabase> {
	const dir = await mkdtemp(path.join(tmpdir(), `keurmerk-${name}-bench-`))
	const pgliteDataDir = path.join(dir, 'db')
	const filesDir = path.join(dir, 'files')
	process.env.PGLITE_DATA_DIR = pgliteDataDir
	process.env.FILE_STORAGE_DIR = filesDir
	process.env.SESSION_SECRET = SECRET
	const serverUrl = process.env.BENCH_DATABASE_URL
	let databaseUrl: string | undefined
	let drop: (() => Promise<void>) | undefined
	if (serverUrl) {
		// Unique per run, also when several people bench on one server at the same moment: the time,
		// this process and a random part (each run drops only its own database).
		const database = `keurmerk_${name.replace(/\W/g, '_')}_bench_${Date.now()}_${process.pid}_${randomBytes(3).toString('hex')}`
		const admin = new pg.Client({ connectionString: serverUrl })
		await admin.connect()
		await admin.query(`CREATE DATABASE ${database}`)
		await admin.end()
		const url = new URL(serverUrl)
		url.pathname = `/${database}`
		databaseUrl = url.toString()
		drop = async () => {
			const client = new pg.Client({ connectionString: serverUrl })
			await client.connect()
			await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
			await client.end()
		}
		process.env.DATABASE_URL = databaseUrl
	} else delete process.env.DATABASE_URL
	initEnv()
	await initDatabase({ databaseUrl, pgliteDataDir })
	return {
		kind: serverUrl ? 'postgresql' : 'pglite',
		dir,
		databaseUrl,
		pgliteDataDir,
		filesDir,
		async dispose() {
			await closeDatabase().catch(() => undefined)
			await drop?.()
			await rm(dir, { recursive: true, force: true })
		},
	}
}

export interface BenchServer {
	base: string
	process: ChildProcess
	/** Milliseconds from spawning the process to the first 200 of /healthz. */
	startMs: number
	stop(): Promise<void>
}

/** The production server (build/) on the bench database; `env` adds or overrides settings. */
export async function startServer(
	database: BenchDatabase,
	port: number,
	env: Record<string, string> = {},
): Promise<BenchServer> {
	const base = `http://localhost:${port}`
	// A server left on the port (a bench stopped midway leaves its server running) would answer the
	// health check below in place of this one, which cannot listen: figures of another build.
	if (
		await fetch(`${base}/healthz`).then(
			() => true,
			() => false,
		)
	)
		throw new Error(`Poort ${port} is al in gebruik (een achtergebleven server?): stop die eerst`)
	const started = performance.now()
	// As `npm start` runs it: its Node flags and environment (bench/production-start.ts), then
	// BENCH_SERVER_NODE_ARGS: extra Node flags for the server only, e.g. '--cpu-prof --cpu-prof-dir=/tmp/p'
	// (Node refuses --cpu-prof in NODE_OPTIONS; a later flag overrides an earlier one).
	const production = productionStart()
	const nodeArgs = [...production.nodeArgs, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)]
	const child = spawn(process.execPath, [...nodeArgs, 'server.js'], {
		// BENCH_SERVER_DIR: another checkout's build (a before/after comparison on the same database).
		cwd: process.env.BENCH_SERVER_DIR || undefined,
		stdio: ['ignore', 'inherit', 'inherit'],
		env: {
			...process.env,
			// NODE_ENV=production and glibc's allocator as `npm start`, the Dockerfile and the systemd unit
			// set it (docs/deploy.md, "Memory").
			...production.env,
			PORT: String(port),
			APP_URL: `http://localhost:${port}`,
			...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
			PGLITE_DATA_DIR: database.pgliteDataDir,
			FILE_STORAGE_DIR: database.filesDir,
			SESSION_SECRET: SECRET,
			KEURMERK_SCHEDULER: 'off',
			KEURMERK_DEMO: '',
			LOG_LEVEL: 'warn',
			// BENCH_WORKERS=N: the portal as N worker processes on the port (PostgreSQL only; server/workers.js).
			...(benchWorkers() > 1 ? { KEURMERK_WORKERS: String(benchWorkers()) } : {}),
			...env,
		},
	})
	for (let attempt = 0; ; attempt++) {
		try {
			if ((await fetch(`${base}/healthz`)).ok) break
		} catch {
			// not up yet
		}
		if (attempt > 1200 || child.exitCode !== null) {
			child.kill('SIGKILL')
			throw new Error('De server start niet')
		}
		await new Promise((resolve) => setTimeout(resolve, 50))
	}
	return {
		base,
		process: child,
		startMs: Math.round(performance.now() - started),
		async stop() {
			if (child.exitCode !== null) return
			child.kill('SIGTERM')
			await new Promise((resolve) => child.once('exit', resolve))
		},
	}
}

export interface Measured {
	name: string
	url: string
	rps: number
	p50: number
	p95: number
	p99: number
	errors: number
	/** Responses that were 304 Not Modified (a browser's revalidation). */
	notModified?: number
}

export function percentile(sorted: readonly number[], q: number): number {
	return Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0).toFixed(1))
}

export interface MeasureOptions {
	headers?: Record<string, string>
	/**
	 * Behave as a browser: send back the ETag of the last 200 for this URL (If-None-Match), as a
	 * browser's HTTP cache does when the visitor comes back. Every connection starts without one.
	 */
	revalidate?: boolean
	/** Every request from another address (X-Forwarded-For through the trusted local proxy). */
	manyVisitors?: boolean
	duration?: number
	warmUp?: number
}

/** autocannon at CONNECTIONS connections: requests/s and percentiles from every response's time. */
export async function measure(
	base: string,
	name: string,
	url: string,
	options: MeasureOptions = {},
): Promise<Measured> {
	const { headers = {}, revalidate = false, manyVisitors = false, duration = DURATION, warmUp = 2 } = options
	// Shared by the connections of one run: what the browser's cache holds for this URL.
	let etag: string | undefined
	let visitor = 0
	const requests =
		revalidate || manyVisitors
			? [
					{
						setupRequest(request: { headers?: Record<string, string> }) {
							visitor = (visitor + 1) % 60_000
							return {
								...request,
								headers: {
									...headers,
									...(revalidate && etag ? { 'if-none-match': etag } : {}),
									...(manyVisitors ? { 'x-forwarded-for': `10.${visitor >> 8}.${visitor & 255}.1` } : {}),
								},
							}
						},
						onResponse(status: number, _body: string, _context: unknown, responseHeaders: Record<string, string>) {
							if (status !== 200) return
							const value = Object.entries(responseHeaders).find(([key]) => key.toLowerCase() === 'etag')?.[1]
							if (value) etag = value
						},
					},
				]
			: undefined
	const run = (seconds: number) =>
		autocannon({ url: `${base}${url}`, connections: CONNECTIONS, duration: seconds, headers, requests })
	if (warmUp > 0) await run(warmUp)
	etag = undefined
	const times: number[] = []
	let failed = 0
	let notModified = 0
	const instance = run(duration)
	instance.on('response', (_client, status, _bytes, responseTime) => {
		times.push(responseTime)
		if (status === 304) notModified++
		else if (status < 200 || status >= 300) failed++
	})
	const result = await instance
	times.sort((a, b) => a - b)
	const measured: Measured = {
		name,
		url,
		rps: Math.round(times.length / (result.duration || duration)),
		p50: percentile(times, 0.5),
		p95: percentile(times, 0.95),
		p99: percentile(times, 0.99),
		errors: failed + result.errors + result.timeouts,
		...(revalidate ? { notModified } : {}),
	}
	console.log(JSON.stringify(measured))
	return measured
}

/**
 * The process and every process it started (with KEURMERK_WORKERS the server's primary starts its
 * workers): the portal's resident memory and CPU are theirs together.
 */
export function processTree(pid: number | undefined): number[] {
	if (!pid) return []
	let children: number[] = []
	try {
		children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
	} catch {
		// gone, or not Linux
	}
	return [pid, ...children.flatMap((child) => processTree(child))]
}

/** Resident memory of the process and its children together, in MB. */
export function rssMb(pid: number | undefined): number {
	return processTree(pid).reduce((sum, member) => sum + ownRssMb(member), 0)
}

function ownRssMb(pid: number): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8')
		return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
	} catch {
		return 0
	}
}

/**
 * CPU time (user + system) used so far, in ms (Linux /proc): of the process and its children
 * together; with `thread`, of that one thread of the process alone (the main thread's id is the
 * process id: the event loop's own time).
 */
export function cpuMs(pid: number | undefined, thread?: number): number {
	if (!pid) return 0
	if (thread) return ownCpuMs(pid, thread)
	return processTree(pid).reduce((sum, member) => sum + ownCpuMs(member), 0)
}

function ownCpuMs(pid: number, thread?: number): number {
	try {
		// Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
		const stat = readFileSync(thread ? `/proc/${pid}/task/${thread}/stat` : `/proc/${pid}/stat`, 'utf8')
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
		const ticksPerSecond = 100 // USER_HZ on Linux
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
	} catch {
		return 0
	}
}

/** The whole machine's CPU since boot (Linux /proc/stat, in ticks): busy and all, over every core. */
export function machineTicks(): { busy: number; total: number } {
	try {
		const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
		const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
		const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)
		return { busy, total: busy + (idle ?? 0) + (iowait ?? 0) }
	} catch {
		return { busy: 0, total: 0 }
	}
}

/** What the server's own /metrics says of its garbage collector and event loop (loopback may scrape it). */
export interface ServerRuntime {
	gc: Record<'major' | 'minor' | 'incremental', { count: number; ms: number }>
	/**
	 * The event loop's sampling intervals since the previous scrape (prom-client resets them at every
	 * scrape), as prom-client reports them: whole, so an idle loop reads LOOP_SAMPLING_MS; the delay
	 * is what lies beyond that (loopDelay, bench/loop-monitor.ts).
	 */
	eventLoopDelayMs: { p50: number; p99: number; max: number }
}

export async function serverRuntime(base: string): Promise<ServerRuntime | null> {
	return (await serverScrape(base))?.runtime ?? null
}

/**
 * One scrape of the server's /metrics: its collector and event loop (serverRuntime), and its
 * request-duration histograms per route (server-histogram.ts). Null with workers: each has a
 * collector and a /metrics of its own, and a scrape reaches any one of them.
 */
export async function serverScrape(base: string): Promise<{ runtime: ServerRuntime; routes: RouteHistograms } | null> {
	if (benchWorkers() > 1) return null
	try {
		const text = await (await fetch(`${base}/metrics`)).text()
		const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN)
		const gc = (kind: string) => ({
			count: value(new RegExp(`^keurmerk_nodejs_gc_duration_seconds_count\\{kind="${kind}"\\} (\\S+)`, 'm')) || 0,
			ms: Math.round(
				(value(new RegExp(`^keurmerk_nodejs_gc_duration_seconds_sum\\{kind="${kind}"\\} (\\S+)`, 'm')) || 0) * 1000,
			),
		})
		const lag = (name: string) =>
			Math.round(value(new RegExp(`^keurmerk_nodejs_eventloop_lag_${name}_seconds (\\S+)`, 'm')) * 10_000) / 10
		return {
			runtime: {
				gc: { major: gc('major'), minor: gc('minor'), incremental: gc('incremental') },
				eventLoopDelayMs: { p50: lag('p50'), p99: lag('p99'), max: lag('max') },
			},
			routes: parseRouteHistograms(text),
		}
	} catch {
		return null
	}
}

export function machine(): string {
	return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, load average ${loadavg()
		.map((load) => load.toFixed(1))
		.join(
			' / ',
		)}, Node ${process.version}, calibration ${calibrationMs()} ms${process.env.BENCH_MACHINE_NOTE ? ` — ${process.env.BENCH_MACHINE_NOTE}` : ''}`
}

/**
 * One fixed piece of JavaScript work (arithmetic and short-lived objects, as a request makes), the
 * fastest of five, in ms: machines called "2 × AMD EPYC" have differed by nearly 2 × between
 * sessions, and ratios within a run compare across them while absolute figures do not. This says
 * how fast the machine of a run was (one core, measured at the end of the run).
 */
export function calibrationMs(): number {
	let fastest = Number.POSITIVE_INFINITY
	for (let run = 0; run < 5; run++) {
		const start = performance.now()
		let sum = 0
		const kept: { index: number; label: string }[] = []
		for (let index = 0; index < 8_000_000; index++) {
			sum = (sum * 31 + index) | 0
			const made = { index, label: `r${index & 1023}` }
			if ((index & 63) === 0) kept.push(made)
		}
		if (sum === 42 && kept.length === 0) console.log('') // keeps the work from being optimised away
		fastest = Math.min(fastest, performance.now() - start)
	}
	return Math.round(fastest)
}

/** BENCH_WORKERS: how many worker processes the bench's server runs (1: the server process itself). */
export function benchWorkers(): number {
	const workers = Number(process.env.BENCH_WORKERS ?? 1)
	return Number.isInteger(workers) && workers > 1 ? workers : 1
}

/** The results file of a run: one per bench and database, and one more per number of workers. */
export async function writeResult(bench: string, database: DatabaseKind, result: object): Promise<void> {
	await mkdir(new URL('./results/', import.meta.url), { recursive: true })
	const variant = benchWorkers() > 1 ? `-workers-${benchWorkers()}` : ''
	const file = fileURLToPath(new URL(`./results/${bench}-${database}${variant}.json`, import.meta.url))
	if (benchWorkers() > 1) result = { ...result, workers: benchWorkers() }
	// In the project's own style, so a results file from a quiet run passes `npm run lint` as it is
	// (prettier puts short arrays on one line, JSON.stringify does not).
	const options = (await prettier.resolveConfig(file)) ?? {}
	await writeFile(file, await prettier.format(JSON.stringify(result, null, '\t'), { ...options, filepath: file }))
}

/**
 * Writes bench/<file> (the tables of every results file) and keeps the hand-written "## Reading"
 * at its end that the file had before (bench/report.ts).
 */
export async function writeReport(file: string, markdown: string): Promise<void> {
	const url = new URL(`./${file}`, import.meta.url)
	const previous = existsSync(url) ? readFileSync(url, 'utf8') : null
	await writeFile(url, keepReading(markdown, previous))
}

/**
 * With --report on the command line, a bench writes only its markdown (bench/<file>) from the
 * results files there are and stops before any run: after a change of the text around the tables.
 */
export async function reportOnlyWhenAsked(file: string, markdown: () => string): Promise<void> {
	if (!process.argv.includes('--report')) return
	await writeReport(file, markdown())
	process.exit(0)
}

/** Every results file of a bench (PGlite and PostgreSQL, whichever have run). */
export function readResults<T>(bench: string): T[] {
	const folder = new URL('./results/', import.meta.url)
	return readdirSync(folder)
		.filter((file) => file.startsWith(`${bench}-`) && file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as T)
}

export function row(cells: (string | number)[]): string {
	return `| ${cells.join(' | ')} |`
}
