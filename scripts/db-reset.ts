// npm run db:reset — empties the database and applies all migrations again (then: npm run db:seed).
// For the embedded database this removes the data directory; for PostgreSQL it drops the schema.
import { rmSync } from 'node:fs'
import path from 'node:path'
import { openDatabase } from '#app/lib/db/client.server.ts'
import { applyMigrations } from '#app/lib/db/migrations.server.ts'
import { initEnv } from '#app/lib/env.server.ts'

const env = initEnv()
if (env.NODE_ENV === 'production' && !process.argv.includes('--force')) {
	console.error('db:reset weigert in productie zonder --force.')
	process.exit(2)
}
if (env.DATABASE_URL) {
	const database = await openDatabase({ databaseUrl: env.DATABASE_URL })
	await database.prisma.$executeRawUnsafe('DROP SCHEMA public CASCADE')
	await database.prisma.$executeRawUnsafe('CREATE SCHEMA public')
	await database.close()
} else {
	rmSync(path.resolve(env.PGLITE_DATA_DIR), { recursive: true, force: true })
}
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR })
try {
	const applied = await applyMigrations(database.adapterFactory)
	console.log(`Database leeggemaakt; migraties toegepast: ${applied.join(', ')}`)
} finally {
	await database.close()
}
