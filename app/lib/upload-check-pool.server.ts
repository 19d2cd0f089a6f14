// Uploads are inspected on a thread of their own (issue 17). The content checks read a file of up
// to 20 MB in windows, scan a PDF's text and inflate ZIP entries and object streams: on the event
// loop that was ~10 ms per 1 MB PDF (a CPU profile of the deadline rush), time in which no autosave
// and no /healthz was answered. Here the event loop sends a path and gets an answer.
//
// One thread (the server has two cores; the other is the event loop's), started at the first
// upload, a queue of at most MAX_QUEUED inspections behind it (the upload budget of
// uploads.server.ts bounds the bytes; this bounds the count, since many small files weigh little).
// Whatever goes wrong ends in an answer, never a wait without end: a full queue, a thread that
// dies (out of memory, a crash) or takes longer than CHECK_TIMEOUT_MS refuses the upload with
// UploadCheckFailed; a dead or stuck thread is replaced by a new one for the next upload.
//
// Memory (issue 17, target 3; docs/deploy.md, "Memory"): the thread is a second V8 heap in the
// server process. Its young generation is kept small and the thread ends after IDLE_MS without a
// check, so an idle server holds no second heap; the next upload starts one again (~50 ms of
// CPU, measured).
import { type ResourceLimits, Worker } from 'node:worker_threads'
import type { ContentProblem } from './upload-content.server.ts'
import type { CheckReply } from './upload-check.worker.ts'
import type { Inspection, UploadKind } from './upload-inspect.server.ts'

const MAX_QUEUED = 64
const CHECK_TIMEOUT_MS = 60_000
/** An idle thread ends after this long (a deadline rush uploads several a second and keeps it). */
const IDLE_MS = 60_000
/**
 * The thread's heap. Old generation: a check holds windows of 64 kB and the pieces of one object
 * stream, never the file (a 20 MB upload is checked within ~20 MB of buffers, which lie outside
 * this heap; the worst text, 20 MB without a break, needs ~40 MB). A check that needs more is no
 * template: the thread dies of it and the upload is refused. Young generation: a check leaves
 * megabytes of short-lived strings, and with V8's default (semi-spaces growing to 16 MB) the
 * thread held ~55 MB after a few hundred 1 MB checks; at 4 MB it holds ~27 MB, for ~1–2 ms more
 * CPU per 1 MB check on the thread (measured; docs/deploy.md, "Memory").
 */
export const THREAD_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 4 }

/** Why an upload could not be inspected (not a verdict on its content). */
export class UploadCheckFailed extends Error {
	constructor(
		readonly reason: 'busy' | 'crashed' | 'timeout',
		options?: { cause?: unknown },
	) {
		super(`De controle van de upload is niet gedaan: ${reason}`, options)
		this.name = 'UploadCheckFailed'
	}
}

// In the built server, vite.config.ts replaces this text with the path of the compiled thread
// (build/server/upload-check-worker.js) relative to the chunk that holds this code.
const BUILT_WORKER: string = '__KEURMERK_UPLOAD_CHECK_WORKER__'

/** How to start the thread: the compiled file in the built server, the source through tsx otherwise. */
function startWorker(resourceLimits: ResourceLimits): Worker {
	const options = { resourceLimits }
	if (BUILT_WORKER.endsWith('.js')) return new Worker(new URL(BUILT_WORKER, import.meta.url), options)
	// Dev server and tests run the TypeScript source; Node 20 needs tsx's loader for it in the thread.
	return new Worker(new URL('./upload-check-worker.dev.js', import.meta.url), options)
}

interface Job {
	id: number
	path: string
	resolve(inspection: Inspection): void
	reject(error: Error): void
}

export interface UploadCheckPoolOptions {
	maxQueued?: number
	timeoutMs?: number
	/** How long the thread may wait without a check before it is ended. */
	idleMs?: number
	/** Tests: other limits for the thread (merged into THREAD_LIMITS). */
	resourceLimits?: ResourceLimits
	/** Tests: another thread (one that crashes, one that never answers); gets the limits. */
	start?: (resourceLimits: ResourceLimits) => Worker
}

export interface UploadCheckPool {
	inspect(path: string): Promise<Inspection>
	/** Inspections waiting for the thread, and whether one runs (tests). */
	readonly queued: number
	readonly running: boolean
	/** The current thread, if started (tests end it to play a crash). */
	readonly worker: Worker | null
	close(): Promise<void>
}

/** One thread with a bounded queue in front of it. */
export function createUploadCheckPool(options: UploadCheckPoolOptions = {}): UploadCheckPool {
	const { maxQueued = MAX_QUEUED, timeoutMs = CHECK_TIMEOUT_MS, idleMs = IDLE_MS, start = startWorker } = options
	const limits = { ...THREAD_LIMITS, ...options.resourceLimits }
	const queue: Job[] = []
	let worker: Worker | null = null
	let current: Job | null = null
	let timer: NodeJS.Timeout | undefined
	let idleTimer: NodeJS.Timeout | undefined
	let nextId = 1
	let closed = false

	/** The thread is gone (or given up): the running check is refused, the next one gets a new thread. */
	function lose(lost: Worker, reason: 'crashed' | 'timeout', cause?: unknown) {
		if (worker !== lost) return // an old thread's last events
		worker = null
		void lost.terminate()
		finish()?.reject(new UploadCheckFailed(reason, { cause }))
		next()
	}

	function finish(): Job | null {
		const job = current
		current = null
		clearTimeout(timer)
		return job
	}

	/** No check runs and none waits: the thread ends after idleMs unless a check comes first. */
	function idle() {
		clearTimeout(idleTimer)
		if (!worker || current || queue.length > 0 || closed) return
		const resting = worker
		idleTimer = setTimeout(() => {
			if (worker !== resting || current) return
			// Forgotten first, so its exit is an old thread's last event, not a crash.
			worker = null
			void resting.terminate()
		}, idleMs)
		idleTimer.unref()
	}

	function spawn(): Worker {
		const started = start(limits)
		// An idle thread does not keep the process alive (tests, scripts); a request that waits does.
		started.unref()
		started.on('message', (reply: CheckReply) => {
			if (worker !== started || !current || reply.id !== current.id) return
			const job = finish() as Job
			if (reply.ok)
				job.resolve({ kind: reply.kind as UploadKind | null, problem: reply.problem as ContentProblem | null })
			else job.reject(new Error(`De controle van de upload faalde: ${reply.message}`))
			next()
		})
		started.on('error', (error) => lose(started, 'crashed', error))
		started.on('exit', (code) => lose(started, 'crashed', new Error(`exit code ${code}`)))
		return started
	}

	function next() {
		if (current || closed) return
		const job = queue.shift()
		if (!job) return idle()
		clearTimeout(idleTimer)
		current = job
		try {
			worker ??= spawn()
			timer = setTimeout(() => worker && lose(worker, 'timeout'), timeoutMs)
			worker.postMessage({ id: job.id, path: job.path })
		} catch (error) {
			// A thread that cannot be started: this upload is refused, the next one tries again.
			if (worker) lose(worker, 'crashed', error)
			else {
				finish()?.reject(new UploadCheckFailed('crashed', { cause: error }))
				next()
			}
		}
	}

	return {
		inspect(path) {
			if (closed || queue.length >= maxQueued) return Promise.reject(new UploadCheckFailed('busy'))
			return new Promise<Inspection>((resolve, reject) => {
				queue.push({ id: nextId++, path, resolve, reject })
				next()
			})
		},
		get queued() {
			return queue.length
		},
		get running() {
			return current !== null
		},
		get worker() {
			return worker
		},
		async close() {
			closed = true
			clearTimeout(idleTimer)
			for (const job of queue.splice(0)) job.reject(new UploadCheckFailed('busy'))
			const last = worker
			worker = null
			finish()?.reject(new UploadCheckFailed('crashed'))
			await last?.terminate()
		},
	}
}

let pool: UploadCheckPool | null = null

/** The server's pool, made at the first upload. */
export function uploadCheckPool(): UploadCheckPool {
	pool ??= createUploadCheckPool()
	return pool
}
