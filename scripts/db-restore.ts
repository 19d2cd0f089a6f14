// npm run db:restore -- <backup folder>
// Restores a backup (npm run db:backup) into an EMPTY database (DATABASE_URL, or a new embedded
// one in PGLITE_DATA_DIR) and an empty file store (FILE_STORAGE / FILE_STORAGE_DIR), then checks
// every checksum and every table's row count. The backup may come from the other kind of database
// or store: that is how a portal moves from the embedded database to PostgreSQL (docs/deploy.md).
import { restoreBackup } from '#app/lib/backup/backup.server.ts'
import { initEnv } from '#app/lib/env.server.ts'

const dir = process.argv[2]
if (!dir) {
	console.error('Gebruik: npm run db:restore -- <map van de back-up>')
	process.exit(2)
}
const env = initEnv()
const result = await restoreBackup(dir, {
	database: { databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR },
	fileStorage: env.FILE_STORAGE,
	fileStorageDir: env.FILE_STORAGE_DIR,
})
const rows = Object.values(result.tables).reduce((sum, count) => sum + count, 0)
console.log(
	`Hersteld: ${Object.keys(result.tables).length} tabellen, ${rows} rijen, ${result.files} bestanden (alles gecontroleerd)`,
)
console.log('Start de portal; eventuele nieuwere migraties worden dan toegepast.')
