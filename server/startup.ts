// What happens once per process before the first request: configuration, database (with
// pending migrations), the clock, demo data, and the scheduled runs.
import { setClock } from '#app/lib/clock.server.ts'
import { closeDatabase, initDatabase } from '#app/lib/db.server.ts'
import { initEnv } from '#app/lib/env.server.ts'
import { log } from '#app/lib/log.server.ts'
import { syncedRateLimits } from '#app/lib/rate-limit.server.ts'
import { type RunningScheduler, startScheduler } from '#app/jobs/scheduler.server.ts'
import { type RunningWorker, createMailTransport, startMailWorker } from '#app/services/mail/worker.server.ts'
import { stopVerificationCounts } from '#app/services/verification-counts.server.ts'
import { seedDemoIfEmpty } from '#prisma/seed/demo.ts'

const key = Symbol.for('keurmerk.startup')
const background = Symbol.for('keurmerk.background')
type Holder = { [key]?: Promise<void>; [background]?: { worker?: RunningWorker; scheduler?: RunningScheduler } }

export function startup(): Promise<void> {
	const holder = globalThis as Holder
	holder[key] ??= run().catch((error: unknown) => {
		log.error(error instanceof Error ? error.message : String(error))
		process.exit(1)
	})
	return holder[key]
}

async function run() {
	const env = initEnv()
	const database = await initDatabase({
		databaseUrl: env.DATABASE_URL,
		pgliteDataDir: env.PGLITE_DATA_DIR,
		pgliteThread: env.PGLITE_THREAD === 'on',
		pglitePrepared: env.PGLITE_PREPARED === 'on',
		pgliteThreadNice: env.PGLITE_THREAD_NICE,
		pgPrepared: env.PG_PREPARED === 'on',
		pgPoolMax: env.PG_POOL_MAX,
	})
	log.info(`database: ${database.kind} (${database.location})`)
	const startAt = env.KEURMERK_NOW ? new Date(env.KEURMERK_NOW) : new Date()
	if (env.KEURMERK_DEMO) {
		log.info('demogegevens controleren…')
		const seeded = await seedDemoIfEmpty(database.prisma, { now: startAt })
		if (seeded) log.info('demogegevens aangemaakt (zie README voor de demo-accounts)')
	}
	if (env.KEURMERK_NOW) {
		// A demo starts at the chosen moment and lets time run from there.
		setClock(startAt, 'running')
		log.info(`klok gezet op ${env.KEURMERK_NOW}`)
	}
	// Tests and e2e run with the scheduler off and drive jobs and mail themselves.
	if (env.KEURMERK_SCHEDULER === 'on') {
		const running: NonNullable<Holder[typeof background]> = {}
		if (env.SMTP_URL) {
			running.worker = startMailWorker(createMailTransport(env.SMTP_URL))
			log.info('e-mail: de outbox wordt verzonden via SMTP')
		} else {
			// Account mails (reset, invitation) are stored with "[persoonlijke link]": without SMTP
			// their links reach no one (docs/security.md).
			log.info('e-mail: geen SMTP_URL — berichten blijven in de outbox (te lezen onder /medewerkers/mail)')
		}
		running.scheduler = startScheduler()
		log.info('geplande taken: de planner draait')
		;(globalThis as Holder)[background] = running
	}
}

export async function shutdown(): Promise<void> {
	const running = (globalThis as Holder)[background]
	await Promise.all([running?.scheduler?.stop(), running?.worker?.stop()])
	// What is counted in memory and written behind (issue 17) is written before the database closes.
	await Promise.all([
		stopVerificationCounts().catch((error: unknown) => log.warn('certificaatcontroles niet geschreven', String(error))),
		syncedRateLimits.stop().catch((error: unknown) => log.warn('limieten niet gedeeld', String(error))),
	])
	await closeDatabase()
}
