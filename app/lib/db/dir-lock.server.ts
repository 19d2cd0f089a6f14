// A pid lock file for the PGlite data directory. PGlite runs inside one process; a second
// process opening the same directory (say `npm run jobs` while the portal runs) would corrupt
// it, so it gets a clear refusal instead.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import path from 'node:path'

export interface DirLock {
	release(): void
}

export class DirLockedError extends Error {}

export function acquireDirLock(dir: string): DirLock {
	const file = path.join(dir, '.keurmerk.lock')
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(file, 'wx')
			writeSync(fd, String(process.pid))
			closeSync(fd)
			let released = false
			const release = () => {
				if (released) return
				released = true
				rmSync(file, { force: true })
				process.off('exit', release)
			}
			process.on('exit', release)
			return { release }
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
			const holder = Number.parseInt(readFileSync(file, 'utf8'), 10)
			if (holder === process.pid || !isAlive(holder)) {
				rmSync(file, { force: true }) // stale: its process is gone
				continue
			}
			throw new DirLockedError(
				`De ingebouwde database in ${dir} is in gebruik door proces ${holder}. ` +
					'Stop dat proces (bijvoorbeeld de draaiende portal) of gebruik PostgreSQL via DATABASE_URL.',
			)
		}
	}
	throw new DirLockedError(`Kon ${file} niet vergrendelen`)
}

function isAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false
	try {
		process.kill(pid, 0)
		return true
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM'
	}
}
