// What the portal tells an operator's Prometheus (GET /metrics, server/metrics.ts): request
// latency per route, autosaves and conflicts, the outbox queue and its failures, job runs and
// their outcome, and the process (memory, CPU, event loop) through prom-client's defaults.
// Counters are this process's; the outbox and the last job runs are read from the database at
// scrape time, so every instance reports the shared truth for those.
import client from 'prom-client'
import { now } from './clock.server.ts'
import { db } from './db.server.ts'

const key = Symbol.for('keurmerk.metrics')

function create() {
	const registry = new client.Registry()
	client.collectDefaultMetrics({ register: registry, prefix: 'keurmerk_' })
	const httpDuration = new client.Histogram({
		name: 'keurmerk_http_request_duration_seconds',
		help: 'Duration of HTTP requests by route pattern, method and status class',
		labelNames: ['route', 'method', 'status'] as const,
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
		registers: [registry],
	})
	const autosaves = new client.Counter({
		name: 'keurmerk_autosaves_total',
		help: 'Autosaves (self-evaluation answers and benchmark values) by outcome: saved, conflict, refused, error',
		labelNames: ['form', 'outcome'] as const,
		registers: [registry],
	})
	const conflicts = new client.Counter({
		name: 'keurmerk_conflicts_total',
		help: 'Requests answered 409 (a stale version: a colleague saved meanwhile, or a frozen round)',
		labelNames: ['route'] as const,
		registers: [registry],
	})
	const jobRuns = new client.Counter({
		name: 'keurmerk_job_runs_total',
		help: 'Job runs in this process by job, trigger and outcome (succeeded, failed)',
		labelNames: ['job', 'trigger', 'status'] as const,
		registers: [registry],
	})
	const orphanFilesRemoved = new client.Counter({
		name: 'keurmerk_orphan_files_removed_total',
		help: 'Stored files no row referred to, removed by the maintenance job in this process (app/lib/orphan-files.server.ts)',
		registers: [registry],
	})
	const orphanBytesFreed = new client.Counter({
		name: 'keurmerk_orphan_file_bytes_freed_total',
		help: 'Bytes of the orphaned stored files the maintenance job removed in this process',
		registers: [registry],
	})
	const replacedFilesRemoved = new client.Counter({
		name: 'keurmerk_replaced_files_removed_total',
		help: 'Replaced or removed draft self-evaluation documents nothing refers to, removed (row and bytes) by the maintenance job in this process (app/lib/replaced-files.server.ts)',
		registers: [registry],
	})
	const replacedBytesFreed = new client.Counter({
		name: 'keurmerk_replaced_file_bytes_freed_total',
		help: 'Bytes of the replaced draft documents the maintenance job removed in this process',
		registers: [registry],
	})
	new client.Gauge({
		name: 'keurmerk_outbox_messages',
		help: 'Outbox e-mails by status (pending and sending are the queue; failed gave up and waits for staff)',
		labelNames: ['status'] as const,
		registers: [registry],
		async collect() {
			const groups = await db.outboxEmail.groupBy({ by: ['status'], _count: { _all: true } })
			this.reset()
			for (const status of ['pending', 'sending', 'sent', 'failed'] as const) {
				this.set({ status }, groups.find((group) => group.status === status)?._count._all ?? 0)
			}
		},
	})
	new client.Gauge({
		name: 'keurmerk_outbox_oldest_due_seconds',
		help: 'How long the oldest due pending outbox e-mail has waited, by the portal clock (0: nothing waits)',
		registers: [registry],
		async collect() {
			const at = now()
			const oldest = await db.outboxEmail.findFirst({
				where: { status: 'pending', nextAttemptAt: { lte: at } },
				orderBy: { nextAttemptAt: 'asc' },
				select: { nextAttemptAt: true },
			})
			this.set(oldest ? Math.max(0, (at.getTime() - oldest.nextAttemptAt.getTime()) / 1000) : 0)
		},
	})
	new client.Gauge({
		name: 'keurmerk_job_last_run_succeeded',
		help: 'Whether the latest finished run of each job succeeded (1) or failed (0), across instances',
		labelNames: ['job'] as const,
		registers: [registry],
		async collect() {
			const latest = await latestRuns()
			this.reset()
			for (const run of latest) this.set({ job: run.job }, run.status === 'succeeded' ? 1 : 0)
		},
	})
	new client.Gauge({
		name: 'keurmerk_job_last_run_finished_seconds',
		help: 'When the latest finished run of each job ended (Unix time, the portal clock)',
		labelNames: ['job'] as const,
		registers: [registry],
		async collect() {
			const latest = await latestRuns()
			this.reset()
			for (const run of latest) if (run.finishedAt) this.set({ job: run.job }, run.finishedAt.getTime() / 1000)
		},
	})
	return {
		registry,
		httpDuration,
		autosaves,
		conflicts,
		jobRuns,
		orphanFilesRemoved,
		orphanBytesFreed,
		replacedFilesRemoved,
		replacedBytesFreed,
	}
}

async function latestRuns() {
	return db.jobRun.findMany({
		where: { status: { in: ['succeeded', 'failed'] } },
		distinct: ['job'],
		orderBy: [{ job: 'asc' }, { finishedAt: 'desc' }],
		select: { job: true, status: true, finishedAt: true },
	})
}

type Metrics = ReturnType<typeof create>
type Holder = { [key]?: Metrics }

/** One registry per process (the dev server reloads modules; the metrics must survive that). */
export function metrics(): Metrics {
	const holder = globalThis as Holder
	holder[key] ??= create()
	return holder[key]
}

export type AutosaveOutcome = 'saved' | 'conflict' | 'refused' | 'error'

export function autosaveOutcome(status: number): AutosaveOutcome {
	if (status < 300) return 'saved'
	if (status === 409) return 'conflict'
	return status < 500 ? 'refused' : 'error'
}
