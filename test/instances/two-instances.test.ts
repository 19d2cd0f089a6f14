// Two server processes (the production build) on one PostgreSQL, as behind a load balancer
// (issue 17, docs/deploy.md): a file uploaded through A downloads through B, a session made on A
// works on B, a throttle counted on A holds on B, and the 1 April run started on both at once
// withdraws each carrier once and mails it once. Needs TEST_DATABASE_URL and `npm run build`
// (`npm run test:instances` does both); .ci/run runs it against the real PostgreSQL.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDatabase, db, initDatabase } from '#app/lib/db.server.ts'
import { initEnv } from '#app/lib/env.server.ts'
import { SYNC_AFTER } from '#app/lib/rate-limit.server.ts'
import { fromRoot } from '#app/lib/paths.server.ts'
import { createListedParticipation } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { createProviderWithMember, testPassword } from '#test/fixtures/factories.ts'
import { type TestSmtp, startTestSmtp } from '#test/fixtures/mail-smtp.ts'
import { TEXT_KEY } from '#test/integration/self-evaluation-helpers.ts'
import { testEnv } from '#test/setup/test-env.ts'
import { withDatabase } from '#test/setup/test-database.ts'
import { admin } from './admin.ts'

const adminUrl = process.env.TEST_DATABASE_URL
const ports = { a: Number(process.env.INSTANCE_PORT_A ?? 3480), b: Number(process.env.INSTANCE_PORT_B ?? 3481) }
const year = 2093
const metricsToken = 'metrics-token-for-the-test-0123'
const TEMPLATE_KEY = 'shared-decision-treatment-plan.format'

if (!adminUrl) throw new Error('TEST_DATABASE_URL ontbreekt: deze test draait twee servers op één PostgreSQL')
if (!existsSync(fromRoot('build/server/index.js'))) throw new Error('Geen productiebuild: draai eerst npm run build')

const databaseName = `keurmerk_instances_${randomUUID().replace(/-/g, '').slice(0, 12)}`
const databaseUrl = withDatabase(adminUrl, databaseName)

interface Instance {
	name: string
	url: string
	output: string[]
	stop(): Promise<void>
}

/** Starts `node server.js` (production) on one shared PostgreSQL and waits for its health check. */
async function startInstance(name: string, port: number, env: Record<string, string>): Promise<Instance> {
	const output: string[] = []
	const child: ChildProcess = spawn(process.execPath, ['server.js'], {
		cwd: fromRoot('.'),
		env: {
			PATH: process.env.PATH ?? '',
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			// One public address, as behind a load balancer: the same for both instances.
			APP_URL: `http://localhost:${ports.a}`,
			DATABASE_URL: databaseUrl,
			FILE_STORAGE: 'database',
			// A directory of each instance's own, as on two machines: only the shared store can serve
			// A's upload on B (with FILE_STORAGE=local this test fails).
			FILE_STORAGE_DIR: fromRoot(`var/test/instances/${databaseName}/${name}`),
			SESSION_SECRET: 'shared-secret-of-both-instances-0123456789',
			METRICS_TOKEN: metricsToken,
			LOG_LEVEL: 'info',
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
	child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
	const url = `http://127.0.0.1:${port}`
	const deadline = Date.now() + 90_000
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${name} stopte bij het starten:\n${output.join('')}`)
		const healthy = await fetch(`${url}/healthz`).then(
			(response) => response.ok,
			() => false,
		)
		if (healthy) break
		if (Date.now() > deadline) {
			child.kill('SIGKILL')
			throw new Error(`${name} werd niet gezond:\n${output.join('')}`)
		}
		await new Promise((resolve) => setTimeout(resolve, 250))
	}
	return {
		name,
		url,
		output,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM')
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))])
			if (child.exitCode === null) child.kill('SIGKILL')
		},
	}
}

async function login(instance: Instance, email: string, password: string): Promise<Response> {
	return fetch(`${instance.url}/inloggen`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password, redirectTo: '' }),
	})
}

const sessionCookie = (response: Response) =>
	response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0])
		.join('; ')

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
	const deadline = Date.now() + timeoutMs
	for (;;) {
		const value = await probe()
		if (value !== undefined) return value
		if (Date.now() > deadline) throw new Error(`Niet gebeurd binnen ${timeoutMs / 1000} s: ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 500))
	}
}

// Each carrier's mails go to the organisation's address and to its primary contact (the member).
const carriers: { providerId: string; email: string; providerEmail: string; participationId: string }[] = []
let running: Instance[] = []

beforeAll(async () => {
	Object.assign(process.env, testEnv, { FILE_STORAGE: 'database' })
	initEnv()
	await admin(adminUrl, `CREATE DATABASE ${databaseName}`)
	await initDatabase({ databaseUrl }) // migrations, once, before any instance starts
	for (let index = 0; index < 3; index++) {
		const { provider, user } = await createProviderWithMember()
		const { participationId } = await createListedParticipation({ year, providerId: provider.id })
		carriers.push({ providerId: provider.id, email: user.email, providerEmail: provider.email, participationId })
	}
})

afterAll(async () => {
	await Promise.all(running.map((instance) => instance.stop()))
	await closeDatabase()
	await admin(adminUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)
	rmSync(fromRoot(`var/test/instances/${databaseName}`), { recursive: true, force: true })
})

describe('two instances on one PostgreSQL', () => {
	let a: Instance
	let b: Instance

	it('start side by side (mid-January, the scheduler off)', async () => {
		const january = { KEURMERK_NOW: `${year}-01-15T10:00:00+01:00`, KEURMERK_ALLOW_CLOCK_OVERRIDE: '1' }
		;[a, b] = await Promise.all([
			// A trusts a register version it holds for an hour unless told otherwise: only PostgreSQL's
			// notification can then show it another writer's change (the test below).
			startInstance('A', ports.a, { ...january, KEURMERK_SCHEDULER: 'off', REGISTER_VERSION_MAX_AGE_MS: '3600000' }),
			startInstance('B', ports.b, { ...january, KEURMERK_SCHEDULER: 'off' }),
		])
		running = [a, b]
		expect(await (await fetch(`${b.url}/healthz`)).json()).toMatchObject({ status: 'ok', database: 'postgresql' })
	})

	it('a session made on A works on B, and logging out on B ends it on A', async () => {
		const carrier = carriers[0]!
		const signedIn = await login(a, carrier.email, testPassword)
		expect(signedIn.status).toBe(302)
		const cookie = sessionCookie(signedIn)
		expect(cookie).toContain('=')
		const onB = await fetch(`${b.url}/account`, { headers: { cookie }, redirect: 'manual' })
		expect(onB.status).toBe(200)
		expect(await onB.text()).toContain(carrier.email)
		const anonymous = await fetch(`${b.url}/account`, { redirect: 'manual' })
		expect(anonymous.status).toBe(302)
		const loggedOut = await fetch(`${b.url}/uitloggen`, { method: 'POST', headers: { cookie }, redirect: 'manual' })
		expect(loggedOut.status).toBe(302)
		expect((await fetch(`${a.url}/account`, { headers: { cookie }, redirect: 'manual' })).status).toBe(302)
	})

	it('a change to the register made elsewhere shows on A as PostgreSQL announces it', async () => {
		const carrier = carriers[0]!
		const { slug } = await db.provider.findUniqueOrThrow({ where: { id: carrier.providerId }, select: { slug: true } })
		const carrierPage = async (instance: Instance) => {
			const response = await fetch(`${instance.url}/register/${slug}`)
			expect(response.status).toBe(200)
			return response.text()
		}
		const before = `Praktijk Voor ${randomUUID().slice(0, 8)}`
		await db.provider.update({ where: { id: carrier.providerId }, data: { name: before } })
		await waitFor(
			'de eerste naam op A',
			async () => ((await carrierPage(a)).includes(before) ? true : undefined),
			5_000,
		)
		// Held by A now (twice from its cache); then renamed by another process — this test's own
		// connection, as another instance or a script would.
		expect(await carrierPage(a)).toContain(before)
		const after = `Praktijk Na ${randomUUID().slice(0, 8)}`
		const renamedAt = Date.now()
		await db.provider.update({ where: { id: carrier.providerId }, data: { name: after } })
		const page = await waitFor(
			'de nieuwe naam op A',
			async () => {
				const html = await carrierPage(a)
				return html.includes(after) ? html : undefined
			},
			2_000,
		)
		expect(page).not.toContain(before)
		expect(Date.now() - renamedAt).toBeLessThan(2_000)
		expect(await carrierPage(b)).toContain(after)
	})

	it('a file uploaded through A downloads through B, byte for byte', async () => {
		const carrier = carriers[1]!
		const cookie = sessionCookie(await login(b, carrier.email, testPassword))
		// Random filler outside any stream is read as the PDF's dictionaries: a chance '/JS' in it would be
		// refused as active content (about one run in 35 did, CI of stop 27). Without a '/' it names nothing.
		const filler = randomBytes(600_000).map((byte) => (byte === 0x2f ? 0x20 : byte))
		const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n% '), filler, Buffer.from('\n%%EOF\n')])
		const form = new FormData()
		form.set('evidenceKey', TEMPLATE_KEY)
		form.set('file', new File([bytes], 'behandelplan.pdf', { type: 'application/pdf' }))
		const base = `/aanbieder/${carrier.providerId}/zelfevaluatie/${year}`
		const uploaded = await fetch(`${a.url}${base}/norm/1?upload=${encodeURIComponent(TEMPLATE_KEY)}`, {
			method: 'POST',
			body: form,
			headers: { cookie },
			redirect: 'manual',
		})
		expect(uploaded.status).toBe(302)
		const file = await db.storedFile.findFirstOrThrow({
			where: { providerId: carrier.providerId, kind: 'template_upload' },
		})
		expect(file.sizeBytes).toBe(bytes.byteLength)
		const downloaded = await fetch(`${b.url}${base}/documenten/${file.id}`, { headers: { cookie } })
		expect(downloaded.status).toBe(200)
		expect(Buffer.compare(Buffer.from(await downloaded.arrayBuffer()), bytes)).toBe(0)
		// Another carrier's member gets nothing, on either instance.
		const stranger = sessionCookie(await login(b, carriers[2]!.email, testPassword))
		const refused = await fetch(`${a.url}${base}/documenten/${file.id}`, { headers: { cookie: stranger } })
		expect(refused.status).not.toBe(200)
	})

	it('a login throttle counted on A holds on B', async () => {
		const carrier = carriers[2]!
		// Four wrong passwords from one address spread over both instances: three are free, the fourth
		// sets a wait of 5 s for this (account, address) pair (docs/decisions/009) …
		for (const instance of [a, b, a, b]) {
			expect((await login(instance, carrier.email, 'fout-wachtwoord-123')).status).toBe(400)
		}
		// … so even the right password waits, on either instance: each alone counted only two.
		expect((await login(b, carrier.email, testPassword)).status).toBe(429)
		expect((await login(a, carrier.email, testPassword)).status).toBe(429)
	})

	it('a request throttle counted on A holds on B (certificate lookups, per address)', async () => {
		// 120 lookups a minute per address (app/domain/throttle-policy.ts), spread over both instances.
		// Each counts locally and shares its counts in batches (SyncedRateLimits): all 120 pass …
		const limit = 120
		for (let index = 0; index < limit; index++) {
			const instance = index % 2 === 0 ? a : b
			const response = await fetch(`${instance.url}/verifieer/KBG-0000-${index}`, { redirect: 'manual' })
			expect(response.status, `verzoek ${index + 1}`).not.toBe(429)
			await response.arrayBuffer()
		}
		// … and then both refuse within the documented overshoot, (N + 1) · (SYNC_AFTER − 1) for N = 2:
		// each instance alone counted only 60, so a refusal on either proves the count is shared.
		const refusedBy = new Set<string>()
		for (let extra = 0; extra < 3 * (SYNC_AFTER - 1) + 2 && refusedBy.size < 2; extra++) {
			const instance = extra % 2 === 0 ? a : b
			const response = await fetch(`${instance.url}/verifieer/KBG-0000-x${extra}`, { redirect: 'manual' })
			await response.arrayBuffer()
			if (response.status === 429) refusedBy.add(instance.name)
		}
		expect([...refusedBy].sort()).toEqual(['A', 'B'])
		expect((await fetch(`${a.url}/verifieer/KBG-0000-y`)).status).toBe(429)
		expect((await fetch(`${b.url}/verifieer/KBG-0000-z`)).status).toBe(429)
	})

	it('an autosave on A is refused the moment its session is signed out on B', async () => {
		const carrier = carriers[1]!
		const cookie = sessionCookie(await login(a, carrier.email, testPassword))
		const autosave = (instance: Instance, version: number, text: string) => {
			const body = new FormData()
			body.set('evidenceKey', TEXT_KEY)
			body.set(`${TEXT_KEY}:version`, String(version))
			body.set(`${TEXT_KEY}:text`, text)
			return fetch(`${instance.url}/aanbieder/${carrier.providerId}/zelfevaluatie/${year}/antwoord`, {
				method: 'POST',
				headers: { cookie },
				body,
			})
		}
		// The lean path reads the session in the write limit's statement: still the database's answer.
		const saved = await autosave(a, 0, 'Opgeslagen via A.')
		expect(saved.status, await saved.clone().text()).toBe(200)
		expect((await autosave(b, 1, 'En via B.')).status).toBe(200)
		expect(
			(await fetch(`${b.url}/uitloggen`, { method: 'POST', headers: { cookie }, redirect: 'manual' })).status,
		).toBe(302)
		const refused = await autosave(a, 2, 'Na het uitloggen.')
		expect(refused.status).toBe(401)
		expect(await refused.json()).toMatchObject({ ok: false, reason: 'session' })
	})

	it('keeps an idle connection open past Node’s 5 s default, so a client’s next request is not reset', async () => {
		const address = new URL(a.url)
		const socket = connect(Number(address.port), address.hostname)
		await once(socket, 'connect')
		let received = ''
		socket.setEncoding('utf8')
		socket.on('data', (chunk: string) => {
			received += chunk
		})
		const answers = () => received.match(/HTTP\/1\.1 200 /g)?.length ?? 0
		const ask = () => socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n')
		const until = (count: number) =>
			waitFor(`${count} antwoord(en) op de open verbinding`, async () => (answers() >= count ? true : undefined), 5_000)
		ask()
		await until(1)
		expect(answers()).toBe(1)
		// Idle for longer than Node's default keep-alive timeout (5 s): the connection is still open.
		await sleep(6_000)
		expect(socket.destroyed || socket.readableEnded).toBe(false)
		ask()
		await until(2)
		expect(answers()).toBe(2)
		socket.destroy()
	}, 20_000)

	it('/metrics answers only with the token, on every instance', async () => {
		for (const instance of [a, b]) {
			const scraped = await fetch(`${instance.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
			expect(scraped.status).toBe(200)
			const text = await scraped.text()
			expect(text).toContain('keurmerk_http_request_duration_seconds_bucket')
			expect(text).toMatch(/^keurmerk_outbox_messages\{status="pending"\} \d+/m)
			const refused = await fetch(`${instance.url}/metrics`, { headers: { authorization: 'Bearer fout' } })
			expect(refused.status).toBe(404)
		}
		const scrapedA = await (
			await fetch(`${a.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
		).text()
		// Labelled by route pattern, not by address: the upload above counts under the norm page.
		expect(scrapedA).toMatch(/route="\/aanbieder\/:providerId\/zelfevaluatie\/:year\/norm\/:normCode",method="POST"/)
		// The health check, answered before React Router (server/healthz.ts), keeps a label of its own.
		expect(scrapedA).toMatch(
			/keurmerk_http_request_duration_seconds_count\{route="\/healthz",method="GET",status="2xx"\} [1-9]/,
		)
	})

	it('every lookup answered on either instance is counted, the last ones at a clean stop', async () => {
		// Another visitor (the throttled address above is done for this minute), through the trusted proxy.
		const headers = { 'X-Forwarded-For': '192.0.2.77' }
		const number = `KBG-${year}-9077` // well-formed, never issued: counted as 'unknown'
		for (const instance of [a, b, a, b, a]) {
			const response = await fetch(`${instance.url}/verifieer/${number}`, { headers, redirect: 'manual' })
			expect(response.status).toBe(404)
			await response.arrayBuffer()
		}
		await Promise.all([a.stop(), b.stop()])
		running = []
		const counted = await db.certificateVerification.aggregate({
			where: { queriedNumber: number },
			_sum: { count: true },
		})
		expect(counted._sum.count).toBe(5)
	})

	describe('the 1 April run, started on both at once', () => {
		let smtp: TestSmtp

		afterAll(async () => smtp?.stop())

		it('withdraws each carrier once and mails it once', async () => {
			smtp = await startTestSmtp()
			const april = {
				KEURMERK_NOW: `${year}-04-01T00:00:30+02:00`,
				KEURMERK_ALLOW_CLOCK_OVERRIDE: '1',
				KEURMERK_SCHEDULER: 'on',
				SMTP_URL: smtp.url,
			}
			;[a, b] = await Promise.all([startInstance('A', ports.a, april), startInstance('B', ports.b, april)])
			running = [a, b]
			const participationIds = carriers.map((carrier) => carrier.participationId)
			// Every participation mail goes to two recipients (the organisation's address and the primary
			// contact): wait until all of them are sent. (This waited for `sent === carriers.length`, which
			// only held in the moment between the third and the fourth of six sends: a race the probe lost
			// on a busy machine, so the case was skipped.)
			const recipients = carriers.length * 2
			await waitFor('de intrekkingsmails zijn verzonden', async () => {
				const sent = await db.outboxEmail.count({
					where: { template: 'withdrawal', participationId: { in: participationIds }, status: 'sent' },
				})
				return sent >= recipients ? sent : undefined
			})
			// Another minute of both schedulers and workers would show a double: wait one more worker pass.
			await new Promise((resolve) => setTimeout(resolve, 16_000))

			const runs = await db.jobRun.findMany({ where: { runKey: `qualification-deadline:${year}-04-01` } })
			expect(runs).toHaveLength(1)
			expect(runs[0]?.status).toBe('succeeded')
			// Queued once per recipient, not once per instance.
			expect(
				await db.outboxEmail.count({ where: { template: 'withdrawal', participationId: { in: participationIds } } }),
			).toBe(recipients)
			for (const carrier of carriers) {
				const withdrawals = await db.withdrawal.count({ where: { participationId: carrier.participationId } })
				expect(withdrawals, carrier.email).toBe(1)
				for (const address of [carrier.email, carrier.providerEmail]) {
					const mails = smtp.received.filter((mail) => mail.template === 'withdrawal' && mail.to.includes(address))
					expect(mails, address).toHaveLength(1)
				}
			}
			// One instance led the day's runs; the other found the lock taken (or the day done).
			const ranOn = [a, b].filter((instance) =>
				instance.output.some((line) => line.includes(`taak qualification-deadline (${year}-04-01)`)),
			)
			expect(ranOn).toHaveLength(1)
			// The letters were written by the leader into the shared store; both instances serve them.
			const letter = await db.withdrawal.findFirstOrThrow({
				where: { participationId: carriers[0]!.participationId },
				include: { letterFile: true },
			})
			expect(letter.letterFile).not.toBeNull()
			expect(await db.storedFileChunk.count({ where: { storageKey: letter.letterFile!.storageKey } })).toBeGreaterThan(
				0,
			)
			const health = await (await fetch(`${b.url}/healthz`)).json()
			expect(health).toMatchObject({ status: 'ok', mailWorker: 'running', scheduler: 'running' })
		})
	})
})
