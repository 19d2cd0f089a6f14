// Housekeeping. Session and rate-limit expiry are security mechanics and use real time, not the
// portal's clock (docs/decisions/005-one-clock.md); so does the orphaned files' grace period. The
// replaced documents' grace is the portal's: their rows' createdAt is written by it.
import { db, getDatabase } from '#app/lib/db.server.ts'
import { analyzeStaleTables } from '#app/lib/db/stale-statistics.server.ts'
import { metrics } from '#app/lib/metrics.server.ts'
import { sweepOrphanFiles } from '#app/lib/orphan-files.server.ts'
import { sweepReplacedFiles } from '#app/lib/replaced-files.server.ts'
import type { Job } from './types.ts'

export const purgeSessions: Job = {
	name: 'purge-sessions',
	title: 'mail.jobPurgeSessions',
	description: 'mail.jobPurgeSessionsHelp',
	async run(at) {
		const realNow = new Date()
		const sessions = await db.session.deleteMany({ where: { expiresAt: { lt: realNow } } })
		const rateLimits = await db.rateLimit.deleteMany({ where: { resetAt: { lt: realNow } } })
		const throttles = await db.loginThrottle.deleteMany({ where: { expiresAt: { lt: realNow } } })
		// Bytes a crash left in the store without their row (app/lib/orphan-files.server.ts). The job
		// runs on one instance at a time (the scheduler's leader lock and the day's run key), which is
		// all the shared store needs: the sweep itself is safe to run twice.
		const orphans = await sweepOrphanFiles({ realNow })
		metrics().orphanFilesRemoved.inc(orphans.removed)
		metrics().orphanBytesFreed.inc(orphans.bytes)
		// Documents replaced or removed in a draft self-evaluation, never submitted, that nothing refers
		// to (app/lib/replaced-files.server.ts): row and bytes. After the orphan sweep, so bytes a
		// crash leaves between its row and its bytes are the next day's orphans.
		const replaced = await sweepReplacedFiles({ at })
		metrics().replacedFilesRemoved.inc(replaced.removed)
		metrics().replacedBytesFreed.inc(replaced.bytes)
		// The embedded database has no autovacuum: without fresh statistics the planner expects a few
		// rows where there are thousands and the register's plans degrade as data grows (issue 17).
		// The tables whose rows changed enough, by autovacuum's rule (stale-statistics.server.ts).
		// PostgreSQL's autovacuum analyses by itself.
		const failures = [...orphans.errors, ...replaced.errors]
		const analyzed = getDatabase().kind === 'pglite' ? await analyzeStaleTables() : []
		return {
			sessionsDeleted: sessions.count,
			rateLimitsDeleted: rateLimits.count + throttles.count,
			orphanFilesChecked: orphans.checked,
			orphanFilesRemoved: orphans.removed,
			orphanBytesFreed: orphans.bytes,
			replacedFilesChecked: replaced.checked,
			replacedFilesRemoved: replaced.removed,
			replacedBytesFreed: replaced.bytes,
			analyzed: analyzed.length,
			// A file that could not be removed fails the run (shown with its key or id; tried again next tick).
			...(failures.length > 0 ? { failed: failures.length, errors: failures } : {}),
		}
	},
}
