// Runs a job and records it in JobRun. The scheduler runs each job once per Amsterdam day: the run
// key `<job>:<day>` is unique, so a second scheduler (another process, a restart) finds the day
// done and skips it, while a failed day is tried again on the next tick. Runs by hand (the CLI and
// "run now") always run — the jobs are idempotent — and get a key of their own.
import { randomUUID } from 'node:crypto'
import { type JobRun, Prisma } from '#app/generated/prisma/client.ts'
import { amsterdamDateOf } from '#app/domain/amsterdam-time.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { log } from '#app/lib/log.server.ts'
import { metrics } from '#app/lib/metrics.server.ts'
import { type Actor, recordAudit } from '#app/services/audit.server.ts'
import { jobList, jobs } from './index.server.ts'
import type { JobName, JobSummary } from './types.ts'

/** A scheduled run still `running` after this long belonged to a process that died. */
const STALE_RUN_MS = 60 * 60_000

export type RunTrigger = 'scheduler' | 'manual'

export type RunOutcome =
	{ ran: true; run: JobRun; summary: JobSummary } | { ran: false; run: JobRun; reason: 'already_done' | 'in_progress' }

export function scheduledRunKey(name: JobName, at: Date): string {
	return `${name}:${amsterdamDateOf(at)}`
}

export async function runJob(
	name: JobName,
	{ at = now(), trigger = 'manual', actor }: { at?: Date; trigger?: RunTrigger; actor?: Actor } = {},
): Promise<RunOutcome> {
	const job = jobs[name]
	const runKey =
		trigger === 'scheduler' ? scheduledRunKey(name, at) : `${name}:hand:${at.toISOString()}:${randomUUID().slice(0, 8)}`
	const claimed = await claimRun(name, runKey, at)
	if (!claimed.ok) return { ran: false, run: claimed.run, reason: claimed.reason }
	const started = performance.now()
	if (actor) {
		await recordAudit(db, {
			actor,
			action: 'job.run',
			entityType: 'JobRun',
			entityId: claimed.run.id,
			after: { job: name, at: at.toISOString() },
		})
	}
	try {
		const summary = await job.run(at)
		const failed = typeof summary.failed === 'number' && summary.failed > 0
		const run = await db.jobRun.update({
			where: { id: claimed.run.id },
			data: {
				status: failed ? 'failed' : 'succeeded',
				finishedAt: now(),
				summary: {
					...summary,
					durationMs: Math.round(performance.now() - started),
				} as unknown as Prisma.InputJsonValue,
				error: failed ? `${summary.failed} onderdelen mislukt` : null,
			},
		})
		if (failed) log.warn(`taak ${name}: ${summary.failed} onderdelen mislukt`)
		metrics().jobRuns.inc({ job: name, trigger, status: run.status })
		return { ran: true, run, summary }
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error)
		const run = await db.jobRun.update({
			where: { id: claimed.run.id },
			data: { status: 'failed', finishedAt: now(), error: message.slice(0, 2000) },
		})
		log.error(`taak ${name} mislukt: ${message}`)
		metrics().jobRuns.inc({ job: name, trigger, status: 'failed' })
		return { ran: true, run, summary: { failed: 1, errors: [{ id: name, message }] } }
	}
}

type Claim = { ok: true; run: JobRun } | { ok: false; run: JobRun; reason: 'already_done' | 'in_progress' }

async function claimRun(name: JobName, runKey: string, at: Date): Promise<Claim> {
	const startedAt = now()
	const [created] = await db.jobRun.createManyAndReturn({
		data: [{ job: name, runKey, at, startedAt, status: 'running' }],
		skipDuplicates: true,
	})
	if (created) return { ok: true, run: created }
	const existing = await db.jobRun.findUniqueOrThrow({ where: { runKey } })
	if (existing.status === 'succeeded') return { ok: false, run: existing, reason: 'already_done' }
	const stale = existing.status === 'running' && startedAt.getTime() - existing.startedAt.getTime() > STALE_RUN_MS
	if (existing.status === 'running' && !stale) return { ok: false, run: existing, reason: 'in_progress' }
	// A failed (or abandoned) run of this day: take it over, atomically against another scheduler.
	const taken = await db.jobRun.updateMany({
		where: { id: existing.id, status: existing.status, startedAt: existing.startedAt },
		data: { status: 'running', startedAt, at, finishedAt: null, error: null, summary: Prisma.DbNull },
	})
	const run = await db.jobRun.findUniqueOrThrow({ where: { id: existing.id } })
	return taken.count === 1 ? { ok: true, run } : { ok: false, run, reason: 'in_progress' }
}

/** Every job in scheduler order, at one moment (the CLI's `all`, and the scheduler's tick). */
export async function runAllJobs(
	options: { at?: Date; trigger?: RunTrigger; actor?: Actor } = {},
): Promise<Record<JobName, RunOutcome>> {
	const at = options.at ?? now()
	const outcomes = {} as Record<JobName, RunOutcome>
	for (const job of jobList) outcomes[job.name] = await runJob(job.name, { ...options, at })
	return outcomes
}
