// The project root, found from this module's location so it holds both for the source (tsx,
// Vitest) and for the bundle in build/server.
import { existsSync } from 'node:fs'
import path from 'node:path'

function findRoot(start: string): string {
	let dir = start
	while (!existsSync(path.join(dir, 'prisma', 'schema.prisma'))) {
		const parent = path.dirname(dir)
		if (parent === dir) return process.cwd()
		dir = parent
	}
	return dir
}

export const projectRoot = findRoot(import.meta.dirname)

export function fromRoot(...segments: string[]): string {
	return path.resolve(projectRoot, ...segments)
}
