// Scheduled runs once across instances: the scheduler's tick runs only on the instance that holds
// the advisory lock (PostgreSQL; every withLeadership call has a connection of its own, so two
// calls in this process are two instances to the database). On PGlite the one process leads.
import { describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { jobs } from '#app/jobs/index.server.ts'
import { startScheduler } from '#app/jobs/scheduler.server.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db, getDatabase } from '#app/lib/db.server.ts'
import { withLeadership } from '#app/lib/db/leader.server.ts'
import { loopState } from '#app/lib/heartbeat.server.ts'

const onPostgres = () => getDatabase().kind === 'postgresql'

describe('leadership', () => {
	it('lets one holder lead at a time on PostgreSQL, and frees the lock when the work ends', async () => {
		let release!: () => void
		const holding = new Promise<void>((resolve) => (release = resolve))
		let entered!: () => void
		const inside = new Promise<void>((resolve) => (entered = resolve))
		const first = withLeadership('test-lead', async () => {
			entered()
			await holding
			return 'first'
		})
		await inside
		const second = await withLeadership('test-lead', async () => 'second')
		// Another name is another lock.
		const other = await withLeadership('test-other', async () => 'other')
		release()
		expect(await first).toEqual({ led: true, value: 'first' })
		expect(other).toEqual({ led: true, value: 'other' })
		if (onPostgres()) expect(second).toEqual({ led: false })
		else expect(second).toEqual({ led: true, value: 'second' }) // one process: always the leader
		// Afterwards the lock is free again, and an error inside frees it too.
		await expect(withLeadership('test-lead', async () => Promise.reject(new Error('mis')))).rejects.toThrow('mis')
		expect(await withLeadership('test-lead', async () => 'again')).toEqual({ led: true, value: 'again' })
	})

	it('two schedulers ticking at the same moment run each job of the day once', async () => {
		setClock(amsterdamInstant('2072-04-01', { hour: 0, minute: 1 }))
		const a = startScheduler({ intervalMs: 3_600_000 })
		const b = startScheduler({ intervalMs: 3_600_000 })
		expect(loopState('scheduler')).toBe('running')
		await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()])
		await Promise.all([a.stop(), b.stop()])
		expect(loopState('scheduler')).toBe('off')
		const runs = await db.jobRun.findMany({ where: { runKey: { endsWith: ':2072-04-01' } } })
		expect(runs.map((run) => run.job).sort()).toEqual(Object.keys(jobs).sort())
		expect(runs.every((run) => run.status === 'succeeded')).toBe(true)
	})
})
