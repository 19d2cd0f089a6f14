// Housekeeping. Session and rate-limit expiry are security mechanics and use real time, not the
// portal's clock (docs/decisions/005-one-clock.md).
import { db } from '#app/lib/db.server.ts'
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
		return { sessionsDeleted: sessions.count, rateLimitsDeleted: rateLimits.count + throttles.count }
	},
}
