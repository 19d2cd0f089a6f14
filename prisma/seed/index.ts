// `npm run db:seed`: demo data into the configured database (must be empty of users).
import { closeDatabase, initDatabase } from '#app/lib/db.server.ts'
import { initEnv } from '#app/lib/env.server.ts'
import { seedDemoIfEmpty } from './demo.ts'

const env = initEnv()
const database = await initDatabase({ databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR })
try {
	const seeded = await seedDemoIfEmpty(database.prisma, {
		now: env.KEURMERK_NOW ? new Date(env.KEURMERK_NOW) : new Date(),
	})
	console.log(
		seeded
			? 'Demogegevens aangemaakt.'
			: 'De database bevat al gebruikers: niets gedaan (npm run db:reset maakt hem leeg).',
	)
} finally {
	await closeDatabase()
}
