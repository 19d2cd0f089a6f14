// The in-process scheduler (started by server/startup.ts when KEURMERK_SCHEDULER=on): every
// minute it runs, in order, each job whose run for the current Amsterdam day has not succeeded
// yet. So every job runs shortly after midnight (00:00 Amsterdam is when 1 January, 1 April and
// every due date begin), a portal started at noon catches up at once, and a failed run is tried
// again after a wait that doubles from a minute up to an hour while it keeps failing
// (retry-backoff.ts; in real time, like the other mechanics: a frozen demo clock must not stop
// the retries). The clock is the portal's clock: a demo at KEURMERK_NOW runs its own days.
// With several instances on one PostgreSQL only the one that holds the scheduler's advisory lock
// runs a tick (db/leader.server.ts); the others try again a minute later, so the runs move to
// another instance when the leader stops. The unique run key stays the second line of defence.
import { amsterdamDateOf } from '#app/domain/amsterdam-time.ts'
import { now } from '#app/lib/clock.server.ts'
import { beat, stopBeating } from '#app/lib/heartbeat.server.ts'
import { withLeadership } from '#app/lib/db/leader.server.ts'
import { log } from '#app/lib/log.server.ts'
import { type Repeating, repeatEvery } from '#app/lib/repeat.server.ts'
import { jobList } from './index.server.ts'
import { afterFailure, mayRetry, type RetryBackoff } from './retry-backoff.ts'
import { runJob } from './runner.server.ts'

export type RunningScheduler = Repeating

export interface SchedulerOptions {
	intervalMs?: number
	/** Real time in milliseconds, for the retry backoff (tests move it). */
	realNow?: () => number
}

export function startScheduler({ intervalMs = 60_000, realNow = Date.now }: SchedulerOptions = {}): RunningScheduler {
	// Days already done in this process: saves the database a question per job per minute.
	const done = new Map<string, string>()
	// Jobs that failed today, and when each may run again.
	const backoffs = new Map<string, RetryBackoff>()

	async function runDue(stopped: () => boolean) {
		const at = now()
		const day = amsterdamDateOf(at)
		// The tick's start: a retry due a minute after this tick is due at the next one.
		const tickMs = realNow()
		for (const job of jobList) {
			if (stopped()) return
			if (done.get(job.name) === day) continue
			if (!mayRetry(backoffs.get(job.name), day, tickMs)) continue
			let failed = true
			try {
				const outcome = await runJob(job.name, { at, trigger: 'scheduler' })
				const finished = outcome.ran ? outcome.run.status === 'succeeded' : outcome.reason === 'already_done'
				if (finished) done.set(job.name, day)
				// Another instance's run in progress is not a failure of this one.
				failed = outcome.ran && !finished
				if (outcome.ran) log.info(`taak ${job.name} (${day}): ${outcome.run.status}`)
			} catch (error) {
				log.error(`planner: ${job.name}: ${error instanceof Error ? error.message : String(error)}`)
			}
			if (failed) backoffs.set(job.name, afterFailure(backoffs.get(job.name), day, tickMs))
			else backoffs.delete(job.name)
		}
	}

	beat('scheduler', intervalMs)
	const running = repeatEvery(intervalMs, async (stopped) => {
		beat('scheduler', intervalMs)
		try {
			const outcome = await withLeadership('scheduler', () => runDue(stopped))
			if (!outcome.led) log.debug('planner: een andere instantie voert de geplande taken uit')
		} catch (error) {
			log.error(`planner: ${error instanceof Error ? error.message : String(error)}`)
		}
	})
	return {
		tick: running.tick,
		async stop() {
			await running.stop()
			stopBeating('scheduler')
		},
	}
}
