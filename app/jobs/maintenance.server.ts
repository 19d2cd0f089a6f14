// Housekeeping. Session and rate-limit expiry are security mechanics and use real time, not the
// portal's clock (docs/decisions/005-one-clock.md).
import { db, getDatabase } from '#app/lib/db.server.ts'
import type { Job } from './types.ts'

export const purgeSessions: Job = {
	name: 'purge-sessions',
	title: 'mail.jobPurgeSessions',
	description: 'mail.jobPurgeSessionsHelp',
	async run() {
		const realNow = new Date()
		const sessions = await db.session.deleteMany({ where: { expiresAt: { lt: realNow } } })
		const rateLimits = await db.rateLimit.deleteMany({ where: { resetAt: { lt: realNow } } })
		const throttles = await db.loginThrottle.deleteMany({ where: { expiresAt: { lt: realNow } } })
		// The embedded database has no autovacuum: without fresh statistics the planner expects a few
		// rows where there are thousands and the register's plans degrade as data grows (issue 17).
		// PostgreSQL's autovacuum analyses by itself.
		const analyzed = getDatabase().kind === 'pglite'
		if (analyzed) await db.$executeRawUnsafe('ANALYZE')
		return {
			sessionsDeleted: sessions.count,
			rateLimitsDeleted: rateLimits.count + throttles.count,
			analyzed: analyzed ? 1 : 0,
		}
	},
}
