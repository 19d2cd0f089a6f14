// How `npm start` runs the portal (package.json): its environment settings and Node's flags. The
// benches start their server with these, so what they measure is what production runs; the
// Dockerfile and the systemd unit carry the same (test/unit/production-start.test.ts).
import { readFileSync } from 'node:fs'

export interface ProductionStart {
	/** Settings before `node` (NODE_ENV, glibc's allocator). */
	env: Record<string, string>
	/** Node's flags between `node` and `server.js`. */
	nodeArgs: string[]
}

export function productionStart(
	script: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts.start,
): ProductionStart {
	const words = script.trim().split(/\s+/)
	const node = words.indexOf('node')
	const main = words.indexOf('server.js')
	if (node < 0 || main < node) throw new Error(`npm start runt geen node server.js: ${script}`)
	const env: Record<string, string> = {}
	for (const word of words.slice(0, node)) {
		const at = word.indexOf('=')
		if (at > 0) env[word.slice(0, at)] = word.slice(at + 1)
	}
	return { env, nodeArgs: words.slice(node + 1, main) }
}
