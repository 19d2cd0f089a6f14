// What an upload costs the server's event loop (issue 17): uploads of the deadline rush's 1 MB PDF
// at a steady rate (UPLOAD_RATE per second, 5 as in bench/rush.ts) for UPLOAD_SECONDS, against the
// production server (build/) on a fresh database (PGlite; PostgreSQL when BENCH_DATABASE_URL is
// set), with /healthz asked meanwhile as the rush does. Figures:
//   - main-thread CPU per upload: the server's main thread (Linux /proc/<pid>/task/<pid>), less what
//     it spends at rest per /healthz answer times the answers given meanwhile, divided by the uploads; the whole
//     process's CPU (with the upload-check thread, libuv's pool, GC threads) beside it;
//   - the event-loop delay (perf_hooks.monitorEventLoopDelay in the server, bench/event-loop-probe.js)
//     at rest and while the uploads run: max and p99;
//   - /healthz p95 at rest and under the uploads.
// CPU time does not depend on how busy the machine is; delays and latencies do (compare runs made
// in the same conditions, interleaved). BENCH_SERVER_DIR=<other checkout> runs that checkout's
// build instead (before/after). UPLOAD_BENCH_PDF=objstm sends a 1 MB PDF whose dictionaries sit in
// compressed object streams (the inflating path) instead.
// With --checks, no server: the inspection alone (type and content check of the same PDF, from a
// file) run UPLOAD_CHECKS times in this process, on its event loop (as before the thread) and
// through the upload-check thread, with this process's main-thread CPU per check for each.
// Prints a table and JSON; writes no results file. Run: npx tsx bench/upload-cpu.ts after npm run build.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { closeDatabase } from '#app/lib/db.server.ts'
import { createUploadCheckPool } from '#app/lib/upload-check-pool.server.ts'
import { inspectUpload } from '#app/lib/upload-inspect.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'
import { cpuMs, machine, openBenchDatabase, percentile, rssMb, startServer } from './lib.ts'
import { seedRushWorld, type WorldMember } from './rush-world.ts'

const PORT = Number(process.env.BENCH_PORT ?? 3307)
const SECONDS = Number(process.env.UPLOAD_SECONDS ?? 20)
const RATE = Number(process.env.UPLOAD_RATE ?? 5)
const REST_SECONDS = 5
const YEAR = runningYearAt(new Date()) + 1
const serverDir = process.env.BENCH_SERVER_DIR || '.'
if (!process.argv.includes('--checks') && !existsSync(path.join(serverDir, 'build/server/index.js')))
	throw new Error('Eerst bouwen: npm run build')

/** The rush's PDF: 1 MB of comment lines, no streams (bench/rush.ts). */
function rushPdf(): Uint8Array {
	const head = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n'
	const padding = `%${'x'.repeat(98)}\n`.repeat(Math.ceil((1024 * 1024 - head.length) / 100))
	return new TextEncoder().encode(`${head}${padding}trailer<</Root 1 0 R>>\n%%EOF\n`)
}

/** ~1 MB: object streams of harmless dictionaries (inflated by the check) between image-like streams. */
function objectStreamPdf(): Uint8Array {
	const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')]
	let n = 1
	let seed = 7
	while (parts.reduce((sum, part) => sum + part.length, 0) < 1024 * 1024) {
		const inner = Buffer.from(
			Array.from({ length: 200 }, (_, i) => `<</Type/Annot/Subtype/Link/Rect[0 0 ${i} 10]/Border[0 0 0]>>`).join('\n'),
		)
		const packed = deflateSync(inner)
		parts.push(
			Buffer.from(`${n++} 0 obj\n<</Type/ObjStm/N 200/First 0/Filter/FlateDecode/Length ${packed.length}>>\nstream\n`),
		)
		parts.push(packed, Buffer.from('\nendstream\nendobj\n'))
		const image = Buffer.alloc(16 * 1024)
		for (let i = 0; i < image.length; i++) image[i] = (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) >> 16
		parts.push(Buffer.from(`${n++} 0 obj\n<</Type/XObject/Subtype/Image/Length ${image.length}>>\nstream\n`))
		parts.push(image, Buffer.from('\nendstream\nendobj\n'))
	}
	parts.push(Buffer.from('trailer<</Root 1 0 R>>\n%%EOF\n'))
	return new Uint8Array(Buffer.concat(parts))
}

const PDF = process.env.UPLOAD_BENCH_PDF === 'objstm' ? objectStreamPdf() : rushPdf()
if (process.argv.includes('--checks')) {
	await checksOnly()
	process.exit(0)
}

/** Main-thread CPU per inspection of PDF: in this event loop, then on the upload-check thread. */
async function checksOnly() {
	const count = Number(process.env.UPLOAD_CHECKS ?? 200)
	const file = path.join(tmpdir(), `upload-cpu-${process.pid}.pdf`)
	writeFileSync(file, PDF)
	const pool = createUploadCheckPool()
	try {
		const rows: Record<string, { mainThreadCpuMsPerCheck: number; wallMsPerCheck: number }> = {}
		for (const [name, inspect] of [
			['event loop', () => inspectUpload({ path: file })],
			['upload-check thread', () => pool.inspect(file)],
		] as const) {
			for (let n = 0; n < 20; n++) await inspect() // warm up (JIT, the thread)
			const cpuBefore = cpuMs(process.pid, process.pid)
			const started = performance.now()
			for (let n = 0; n < count; n++) await inspect()
			rows[name] = {
				mainThreadCpuMsPerCheck: Number(((cpuMs(process.pid, process.pid) - cpuBefore) / count).toFixed(2)),
				wallMsPerCheck: Number(((performance.now() - started) / count).toFixed(2)),
			}
		}
		console.log(`
| inspection of the ${PDF.byteLength} byte PDF | main-thread CPU per check | wall time per check |
| --- | --- | --- |
${Object.entries(rows)
	.map(([name, row]) => `| ${name} | ${row.mainThreadCpuMsPerCheck} ms | ${row.wallMsPerCheck} ms |`)
	.join('\n')}
`)
		console.log(JSON.stringify({ checks: count, ...rows, machine: machine() }, null, 2))
	} finally {
		await pool.close()
		rmSync(file, { force: true })
	}
}

const probeFile = path.join(tmpdir(), `upload-cpu-probe-${process.pid}.json`)
const probeModule = fileURLToPath(new URL('./event-loop-probe.js', import.meta.url))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const database = await openBenchDatabase('upload-cpu')
try {
	const { members, deadline } = await seedRushWorld({
		year: YEAR,
		name: 'upl',
		numberBase: 61_000_000,
		groups: [{ carriers: 20, colleagues: 3, complete: false }],
	})
	await closeDatabase()
	process.env.BENCH_SERVER_NODE_ARGS = `${process.env.BENCH_SERVER_NODE_ARGS ?? ''} --import ${probeModule}`
	const server = await startServer(database, PORT, {
		KEURMERK_NOW: amsterdamInstant(deadline, { hour: 12 }).toISOString(),
		KEURMERK_ALLOW_CLOCK_OVERRIDE: '1',
		UPLOAD_BENCH_PROBE: probeFile,
	})
	const pid = server.process.pid as number
	const base = server.base
	const eventLoop = async () => {
		server.process.kill('SIGUSR2')
		for (let attempt = 0; attempt < 100 && !existsSync(probeFile); attempt++) await sleep(20)
		await sleep(20)
		const read = JSON.parse(readFileSync(probeFile, 'utf8')) as { max: number; p99: number; p50: number; mean: number }
		rmSync(probeFile)
		return read
	}
	const statuses = new Map<number, number>()
	const failures: string[] = []
	const times: number[] = []
	let sent = 0
	async function upload(member: WorldMember) {
		const form = new FormData()
		form.set('evidenceKey', member.uploadKey)
		form.set('file', new File([PDF as BlobPart], 'werkwijze.pdf', { type: 'application/pdf' }))
		const started = performance.now()
		const response = await fetch(
			`${base}/aanbieder/${member.providerId}/zelfevaluatie/${YEAR}/document?upload=${encodeURIComponent(member.uploadKey)}`,
			{ method: 'POST', headers: { cookie: member.cookie, origin: base, accept: 'application/json' }, body: form },
		)
		const answer = await response.text()
		times.push(performance.now() - started)
		statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
		if (!response.ok && failures.length < 5) failures.push(`${response.status} ${answer.slice(0, 200)}`)
	}
	/** Uploads at RATE per second (open loop: one does not wait for the one before) until `until`. */
	async function uploads(until: number) {
		const running: Promise<void>[] = []
		const start = performance.now()
		for (let n = 0; ; n++) {
			const at = start + (n * 1000) / RATE
			if (at >= until) break
			await sleep(Math.max(0, at - performance.now()))
			running.push(upload(members[sent++ % members.length] as WorldMember))
		}
		await Promise.all(running)
	}
	/**
	 * /healthz asked by one loop with 50 ms between answers (lighter than the rush's four loops: its
	 * own CPU, measured at rest per request, is taken off the uploads' figure).
	 */
	async function probe(until: number): Promise<number[]> {
		const answers: number[] = []
		while (performance.now() < until) {
			const started = performance.now()
			const response = await fetch(`${base}/healthz`)
			await response.arrayBuffer()
			if (response.ok) answers.push(performance.now() - started)
			await sleep(50)
		}
		return answers.sort((a, b) => a - b)
	}

	// Warm up (JIT, the session and norm set caches, the upload path, a check thread if any).
	await uploads(performance.now() + 3000)
	times.length = 0
	statuses.clear()
	sent = 0

	// At rest: /healthz only.
	await eventLoop()
	let mainBefore = cpuMs(pid, pid)
	let processBefore = cpuMs(pid)
	let started = performance.now()
	const healthAtRest = await probe(started + REST_SECONDS * 1000)
	// What the server spends at rest per /healthz answer (and on its timers): taken off below.
	const restMainPerProbe = (cpuMs(pid, pid) - mainBefore) / healthAtRest.length
	const restProcessPerProbe = (cpuMs(pid) - processBefore) / healthAtRest.length
	const loopAtRest = await eventLoop()

	// Under the uploads.
	mainBefore = cpuMs(pid, pid)
	processBefore = cpuMs(pid)
	started = performance.now()
	const until = started + SECONDS * 1000
	const [healthUnderUploads] = await Promise.all([probe(until), uploads(until)])
	const seconds = (performance.now() - started) / 1000
	const mainMs = cpuMs(pid, pid) - mainBefore
	const processMs = cpuMs(pid) - processBefore
	const loopUnderUploads = await eventLoop()
	const rss = rssMb(pid)
	await server.stop()
	times.sort((a, b) => a - b)
	const count = times.length
	const result = {
		server: serverDir,
		database: database.kind,
		pdf: process.env.UPLOAD_BENCH_PDF === 'objstm' ? 'object streams' : 'rush (text)',
		pdfBytes: PDF.byteLength,
		uploads: count,
		seconds: Number(seconds.toFixed(1)),
		statuses: Object.fromEntries(statuses),
		failures,
		mainThreadCpuMsPerUpload: Number(
			((mainMs - restMainPerProbe * healthUnderUploads.length) / Math.max(1, count)).toFixed(1),
		),
		processCpuMsPerUpload: Number(
			((processMs - restProcessPerProbe * healthUnderUploads.length) / Math.max(1, count)).toFixed(1),
		),
		mainThreadCpuMsRaw: mainMs,
		restMainThreadCpuMsPerProbe: Number(restMainPerProbe.toFixed(2)),
		eventLoopDelayAtRest: loopAtRest,
		eventLoopDelayUnderUploads: loopUnderUploads,
		healthzP95AtRest: percentile(healthAtRest, 0.95),
		healthzP95UnderUploads: percentile(healthUnderUploads, 0.95),
		uploadP50: percentile(times, 0.5),
		uploadP95: percentile(times, 0.95),
		rssMb: rss,
		machine: machine(),
	}
	console.log(`
| figure | value |
| --- | --- |
| main-thread CPU per upload (net of rest) | ${result.mainThreadCpuMsPerUpload} ms |
| process CPU per upload (net of rest) | ${result.processCpuMsPerUpload} ms |
| event-loop delay at rest: max / p99 | ${loopAtRest.max} / ${loopAtRest.p99} ms |
| event-loop delay under uploads: max / p99 | ${loopUnderUploads.max} / ${loopUnderUploads.p99} ms |
| /healthz p95 at rest / under uploads | ${result.healthzP95AtRest} / ${result.healthzP95UnderUploads} ms |
| upload p50 / p95 | ${result.uploadP50} / ${result.uploadP95} ms |
`)
	console.log(JSON.stringify(result, null, 2))
} finally {
	rmSync(probeFile, { force: true })
	await database.dispose()
}
