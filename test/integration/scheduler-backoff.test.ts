// A job that keeps failing is not run again every minute: the scheduler waits 1, 2, 4 … minutes
// (at most an hour) between its runs, and a success ends the wait. The daily purge-sessions run
// whose orphan-file sweep kept failing ran every minute, ANALYZE of the embedded database included.
// Real scheduler, runner and database; the job's failure is played by its run() and real time by
// the scheduler's realNow, so no test waits a minute.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { jobs } from '#app/jobs/index.server.ts'
import { startScheduler } from '#app/jobs/scheduler.server.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'

const minute = 60_000

afterEach(() => {
	vi.restoreAllMocks()
})

describe('the scheduler and a failing job', () => {
	it('runs it again only after a wait that doubles, and no more once it succeeded', async () => {
		setClock(amsterdamInstant('2074-06-10', { hour: 14, minute: 0 }))
		const run = vi.spyOn(jobs['purge-sessions'], 'run').mockRejectedValue(new Error('bestand niet te verwijderen'))
		let realMs = 0
		// Ticks by hand only (the first one runs at the start).
		const scheduler = startScheduler({ intervalMs: 3_600_000, realNow: () => realMs })
		const tickAt = async (ms: number) => {
			realMs = ms
			await scheduler.tick()
		}
		try {
			await tickAt(0)
			expect(run).toHaveBeenCalledTimes(1)
			// The minutes after the failure: not yet.
			await tickAt(30_000)
			expect(run).toHaveBeenCalledTimes(1)
			await tickAt(minute)
			expect(run).toHaveBeenCalledTimes(2)
			// Failed twice: two minutes.
			await tickAt(2 * minute)
			expect(run).toHaveBeenCalledTimes(2)
			await tickAt(3 * minute)
			expect(run).toHaveBeenCalledTimes(3)
			// Three times: four minutes.
			await tickAt(6 * minute)
			expect(run).toHaveBeenCalledTimes(3)
			const failed = await db.jobRun.findUniqueOrThrow({ where: { runKey: 'purge-sessions:2074-06-10' } })
			expect(failed).toMatchObject({ status: 'failed', error: 'bestand niet te verwijderen' })

			run.mockRestore()
			await tickAt(7 * minute)
			const succeeded = await db.jobRun.findUniqueOrThrow({ where: { runKey: 'purge-sessions:2074-06-10' } })
			expect(succeeded.status).toBe('succeeded')
			// The other jobs ran once, at the first tick, and succeeded.
			const others = await db.jobRun.findMany({ where: { runKey: { endsWith: ':2074-06-10' } } })
			expect(others.every((other) => other.status === 'succeeded')).toBe(true)
			expect(others).toHaveLength(Object.keys(jobs).length)
		} finally {
			await scheduler.stop()
		}
	})

	it('gives a new day a first attempt at once, whatever the wait of the day before', async () => {
		setClock(amsterdamInstant('2074-06-11', { hour: 23, minute: 50 }))
		const run = vi.spyOn(jobs['purge-sessions'], 'run').mockRejectedValue(new Error('bestand niet te verwijderen'))
		let realMs = 0
		const scheduler = startScheduler({ intervalMs: 3_600_000, realNow: () => realMs })
		try {
			await scheduler.tick()
			realMs = minute
			await scheduler.tick()
			expect(run).toHaveBeenCalledTimes(2)
			// Just after midnight, within the two minutes' wait: the new day's run is tried.
			setClock(amsterdamInstant('2074-06-12', { hour: 0, minute: 1 }))
			realMs = 2 * minute
			await scheduler.tick()
			expect(run).toHaveBeenCalledTimes(3)
		} finally {
			await scheduler.stop()
		}
	})
})
