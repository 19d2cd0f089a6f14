// Every way the portal is started in production runs Node with the same flags and glibc's
// allocator with the same settings (issue 17, target 3; docs/deploy.md, "Memory"): `npm start`,
// the Dockerfile and the systemd unit, and the benches' server, which takes them from `npm start`.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { productionStart } from '../../bench/production-start.ts'

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')

describe('the production start', () => {
	const { env, nodeArgs } = productionStart()

	it('reads npm start: the environment before node, the flags between node and server.js', () => {
		expect(productionStart('cross-env NODE_ENV=production A=1 B=x=y node --one --two=2 server.js')).toEqual({
			env: { NODE_ENV: 'production', A: '1', B: 'x=y' },
			nodeArgs: ['--one', '--two=2'],
		})
		expect(() => productionStart('tsx server.ts')).toThrow()
	})

	it('bounds the young generation and sets the allocator in npm start', () => {
		expect(nodeArgs).toContain('--max-semi-space-size=8')
		expect(env).toMatchObject({ NODE_ENV: 'production', MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' })
	})

	it('starts the same in the Dockerfile and the systemd unit', () => {
		const dockerfile = read('Dockerfile')
		const unit = read('deploy/systemd/keurmerkportaal@.service')
		const dockerEnv = dockerfile
			.split('\n')
			.filter((line) => line.startsWith('ENV '))
			.join(' ')
		const unitEnv = unit
			.split('\n')
			.filter((line) => line.startsWith('Environment='))
			.join(' ')
		for (const [name, value] of Object.entries(env)) {
			expect(dockerEnv).toMatch(new RegExp(`\\b${name}=${value}\\b`))
			expect(unitEnv).toMatch(new RegExp(`\\b${name}=${value}\\b`))
		}
		expect(dockerfile).toContain(`CMD ${JSON.stringify(['node', ...nodeArgs, 'server.js'])}`.replaceAll('","', '", "'))
		expect(unit).toContain(`ExecStart=/usr/bin/node ${[...nodeArgs, 'server.js'].join(' ')}`)
	})

	it("starts the benches' server with them", () => {
		const lib = read('bench/lib.ts')
		expect(lib).toContain('productionStart()')
	})
})
