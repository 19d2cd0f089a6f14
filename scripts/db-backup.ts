// npm run db:backup [-- --dir <folder>]
// Writes a backup of the database (DATABASE_URL, or the embedded one in PGLITE_DATA_DIR) and of
// every stored file into <folder>/<time>/ (default BACKUP_DIR): database.sql, files/ and
// manifest.json with row counts and checksums. With the embedded database, stop the portal first
// (one process per data directory); with PostgreSQL it runs beside the portal (pg_dump's snapshot).
import { parseArgs } from 'node:util'
import { createBackup } from '#app/lib/backup/backup.server.ts'
import { openDatabase } from '#app/lib/db/client.server.ts'
import { initEnv } from '#app/lib/env.server.ts'

const { values } = parseArgs({ options: { dir: { type: 'string' } } })
const env = initEnv()
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR })
try {
	const { dir, manifest } = await createBackup(
		{ database, fileStorage: env.FILE_STORAGE, fileStorageDir: env.FILE_STORAGE_DIR, pgDump: env.PG_DUMP },
		values.dir ?? env.BACKUP_DIR,
	)
	const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0)
	console.log(`Back-up van ${database.kind} (${database.location}): ${dir}`)
	console.log(`  ${Object.keys(manifest.tables).length} tabellen, ${rows} rijen, ${manifest.files.length} bestanden`)
	if (manifest.damagedFiles.length > 0) {
		console.error(`  ${manifest.damagedFiles.length} bestanden ontbreken of kloppen niet:`)
		for (const key of manifest.damagedFiles) console.error(`    ${key}`)
		process.exitCode = 2
	}
} finally {
	await database.close()
}
