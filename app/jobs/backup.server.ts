// The nightly backup (docs/deploy.md): the day's first run writes a backup of the database and
// every stored file into BACKUP_DIR and keeps the newest BACKUP_KEEP. On by default in production
// only; a development or demo portal does not fill its disk unless asked (BACKUP_NIGHTLY=on).
// With several instances only the scheduler's leader runs it, so BACKUP_DIR belongs on storage
// that outlives the machine (a mounted volume, copied off-site).
import { createBackup, pruneBackups } from '#app/lib/backup/backup.server.ts'
import { getDatabase } from '#app/lib/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { log } from '#app/lib/log.server.ts'
import type { Job } from './types.ts'

export function nightlyBackupOn(env = getEnv()): boolean {
	return (env.BACKUP_NIGHTLY ?? (env.NODE_ENV === 'production' ? 'on' : 'off')) === 'on'
}

export const nightlyBackup: Job = {
	name: 'nightly-backup',
	title: 'mail.jobNightlyBackup',
	description: 'mail.jobNightlyBackupHelp',
	async run() {
		const env = getEnv()
		if (!nightlyBackupOn(env)) return { skipped: 1 }
		// Real time in the folder name: a backup is about the machine, not the business calendar.
		const { dir, manifest } = await createBackup(
			{
				database: getDatabase(),
				fileStorage: env.FILE_STORAGE,
				fileStorageDir: env.FILE_STORAGE_DIR,
				pgDump: env.PG_DUMP,
			},
			env.BACKUP_DIR,
		)
		const removed = await pruneBackups(env.BACKUP_DIR, env.BACKUP_KEEP)
		if (manifest.damagedFiles.length > 0)
			log.warn(`back-up: ${manifest.damagedFiles.length} bestanden ontbreken of kloppen niet`, manifest.damagedFiles)
		log.info(`back-up geschreven: ${dir}`)
		return {
			tables: Object.keys(manifest.tables).length,
			rows: Object.values(manifest.tables).reduce((sum, count) => sum + count, 0),
			files: manifest.files.length,
			damagedFiles: manifest.damagedFiles.length,
			removed: removed.length,
		}
	},
}
