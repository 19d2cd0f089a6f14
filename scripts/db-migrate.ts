// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database.
// The portal does the same at start-up.
import { openDatabase } from '#app/lib/db/client.server.ts'
import { whileHolding } from '#app/lib/db/advisory-lock.server.ts'
import { applyMigrations } from '#app/lib/db/migrations.server.ts'
import { initEnv } from '#app/lib/env.server.ts'

const env = initEnv()
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR })
try {
	const applied = await whileHolding(database.connectionString, 'migrations', () =>
		applyMigrations(database.adapterFactory),
	)
	console.log(
		`${database.kind} (${database.location}): ${applied.length ? `toegepast: ${applied.join(', ')}` : 'alles is al bijgewerkt'}`,
	)
} finally {
	await database.close()
}
