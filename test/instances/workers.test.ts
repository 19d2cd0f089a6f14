// KEURMERK_WORKERS (issue 17, docs/deploy.md "Worker processes"): `node server.js` in production
// starts N portal processes on one port and serves nothing itself. Each is a whole instance on the
// shared PostgreSQL, so a session made through one is honoured by the other; a worker that dies
// stops the portal (code 1) so that systemd or the container restarts it whole; SIGTERM stops every
// worker cleanly (code 0). The embedded database cannot be opened twice: without DATABASE_URL the
// setting is refused at start. Needs TEST_DATABASE_URL and `npm run build`.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDatabase, initDatabase } from '#app/lib/db.server.ts'
import { initEnv } from '#app/lib/env.server.ts'
import { fromRoot } from '#app/lib/paths.server.ts'
import { createProviderWithMember, testPassword } from '#test/fixtures/factories.ts'
import { testEnv } from '#test/setup/test-env.ts'
import { withDatabase } from '#test/setup/test-database.ts'
import { admin } from './admin.ts'

const adminUrl = process.env.TEST_DATABASE_URL
const port = Number(process.env.INSTANCE_PORT_WORKERS ?? 3482)
if (!adminUrl) throw new Error('TEST_DATABASE_URL ontbreekt: werkprocessen delen één PostgreSQL')
if (!existsSync(fromRoot('build/server/index.js'))) throw new Error('Geen productiebuild: draai eerst npm run build')

const databaseName = `keurmerk_workers_${randomUUID().replace(/-/g, '').slice(0, 12)}`
const databaseUrl = withDatabase(adminUrl, databaseName)
const filesDir = fromRoot(`var/test/instances/${databaseName}`)

interface Portal {
	child: ChildProcess
	output: string[]
	exited: Promise<number | null>
}

function spawnPortal(env: Record<string, string>): Portal {
	const output: string[] = []
	const child = spawn(process.execPath, ['server.js'], {
		cwd: fromRoot('.'),
		env: {
			PATH: process.env.PATH ?? '',
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			APP_URL: `http://localhost:${port}`,
			FILE_STORAGE_DIR: filesDir,
			SESSION_SECRET: 'secret-of-every-worker-0123456789abcdef',
			KEURMERK_SCHEDULER: 'off',
			LOG_LEVEL: 'warn',
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
	child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
	return { child, output, exited }
}

async function healthy(portal: Portal) {
	const deadline = Date.now() + 90_000
	for (;;) {
		if (portal.child.exitCode !== null) throw new Error(`de portal stopte bij het starten:\n${portal.output.join('')}`)
		const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
			(response) => response.ok,
			() => false,
		)
		if (ok) return
		if (Date.now() > deadline) throw new Error(`niet gezond:\n${portal.output.join('')}`)
		await new Promise((resolve) => setTimeout(resolve, 250))
	}
}

/** The primary's child processes (Linux /proc). */
function childrenOf(pid: number | undefined): number[] {
	if (!pid) return []
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
	} catch {
		return []
	}
}

/** A process's CPU time in clock ticks (utime + stime, /proc/<pid>/stat). */
function cpuTicks(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
	return Number(fields[11]) + Number(fields[12])
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')

async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
	return Promise.race([
		promise,
		new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`niet binnen ${ms / 1000} s: ${what}`)), ms)),
	])
}

let running: Portal | undefined

beforeAll(async () => {
	Object.assign(process.env, testEnv)
	initEnv()
	await admin(adminUrl, `CREATE DATABASE ${databaseName}`)
	await initDatabase({ databaseUrl })
})

afterAll(async () => {
	if (running?.child.exitCode === null) running.child.kill('SIGKILL')
	await closeDatabase()
	await admin(adminUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)
	rmSync(filesDir, { recursive: true, force: true })
})

describe('KEURMERK_WORKERS=2 on one PostgreSQL', () => {
	it('two workers answer on one port, and a session made through one is honoured by both', async () => {
		const { provider, user } = await createProviderWithMember()
		running = spawnPortal({ DATABASE_URL: databaseUrl, KEURMERK_WORKERS: '2' })
		await healthy(running)
		const workers = childrenOf(running.child.pid)
		expect(workers).toHaveLength(2)

		const login = await fetch(`http://127.0.0.1:${port}/inloggen`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: user.email, password: testPassword, redirectTo: '' }),
		})
		expect(login.status).toBe(302)
		const cookie = login.headers
			.getSetCookie()
			.map((value) => value.split(';')[0])
			.join('; ')
		// Node hands new connections to the workers in turn: twenty fresh connections reach both,
		// and each renders pages for the session (its CPU time grows).
		const cpuBefore = workers.map(cpuTicks)
		const statuses = await Promise.all(
			Array.from({ length: 20 }, () =>
				fetch(`http://127.0.0.1:${port}/aanbieder/${provider.id}`, {
					headers: { cookie, connection: 'close' },
					redirect: 'manual',
				}).then((response) => response.status),
			),
		)
		expect(statuses).toEqual(Array.from({ length: 20 }, () => 200))
		const used = workers.map((pid, index) => cpuTicks(pid) - cpuBefore[index]!)
		expect(
			used.every((ticks) => ticks > 0),
			`CPU ticks per worker: ${used.join(', ')}`,
		).toBe(true)
	})

	it('a worker that dies stops the portal with code 1, the other worker with it', async () => {
		const portal = running!
		const workers = childrenOf(portal.child.pid)
		process.kill(workers[0]!, 'SIGKILL')
		expect(await within(20_000, portal.exited, 'de portal stopt')).toBe(1)
		expect(portal.output.join('')).toMatch(/werkproces \d+ stopte/)
		expect(workers.filter(alive)).toEqual([])
	})

	it('SIGTERM stops every worker cleanly (code 0)', async () => {
		running = spawnPortal({ DATABASE_URL: databaseUrl, KEURMERK_WORKERS: '2' })
		await healthy(running)
		const workers = childrenOf(running.child.pid)
		expect(workers).toHaveLength(2)
		running.child.kill('SIGTERM')
		expect(await within(20_000, running.exited, 'de portal stopt')).toBe(0)
		expect(workers.filter(alive)).toEqual([])
	})

	it('the embedded database cannot be shared: without DATABASE_URL the setting is refused', async () => {
		const portal = spawnPortal({ KEURMERK_WORKERS: '2', PGLITE_DATA_DIR: `${filesDir}/pglite` })
		expect(await within(20_000, portal.exited, 'de portal weigert')).toBe(1)
		expect(portal.output.join('')).toMatch(/KEURMERK_WORKERS > 1 vraagt om PostgreSQL \(DATABASE_URL\)/)
	})

	it('a setting that is no number of workers is refused at start', async () => {
		const portal = spawnPortal({ DATABASE_URL: databaseUrl, KEURMERK_WORKERS: 'twee' })
		expect(await within(20_000, portal.exited, 'de portal weigert')).toBe(1)
		expect(portal.output.join('')).toMatch(/KEURMERK_WORKERS moet een geheel getal/)
	})
})
