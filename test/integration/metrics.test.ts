// /metrics in Prometheus format (what it counts, who may read it) and the health endpoint (the
// database and the mail worker of this instance).
import { describe, expect, it } from 'vitest'
import { runJob } from '#app/jobs/runner.server.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { loopState } from '#app/lib/heartbeat.server.ts'
import { autosaveOutcome, metrics } from '#app/lib/metrics.server.ts'
import { healthz } from '#server/healthz.ts'
import { createMailTransport, startMailWorker } from '#app/services/mail/worker.server.ts'
import { startTestSmtp } from '#test/fixtures/mail-smtp.ts'
import routes from '#app/routes.ts'
import { autosaveForm, mayScrape, type RouteTree, routePatterns, shapeOf } from '#server/metrics.ts'

const scrape = (remoteAddress: string, headers: Record<string, string> = {}) => ({
	headers,
	socket: { remoteAddress },
})

function sample(text: string, name: string, labels: string): number | undefined {
	const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{${labels}}`))
	return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : undefined
}

describe('metrics', () => {
	it('labels a request by its route pattern, the same for every provider, year and id', async () => {
		// The portal's own route table (app/routes.ts), as the server build gives it.
		type Entry = { id?: string; file: string; path?: string; index?: boolean; children?: Entry[] }
		const treeOf = (entries: Entry[]): RouteTree =>
			entries.map((entry) =>
				entry.index
					? { id: entry.id ?? entry.file, path: entry.path, index: true }
					: { id: entry.id ?? entry.file, path: entry.path, children: treeOf(entry.children ?? []) },
			)
		const routePattern = routePatterns(async () => treeOf(routes as Entry[]))
		const cases: [string, string][] = [
			[
				'/aanbieder/cmabc123def456ghi789jkl0/zelfevaluatie/2027/antwoord',
				'/aanbieder/:providerId/zelfevaluatie/:year/antwoord',
			],
			['/aanbieder/ander-id/zelfevaluatie/2031/antwoord', '/aanbieder/:providerId/zelfevaluatie/:year/antwoord'],
			['/aanbieder/p1/spiegelrapportage/2027/waarde', '/aanbieder/:providerId/spiegelrapportage/:year/waarde'],
			['/open-data/v1/register.json', '/open-data/v1/register.json'],
			['/register', '/register'],
			['/REGISTER', '/register'], // React Router compares case-insensitively
			['/verifieer', '/verifieer/:number?'],
			['/verifieer/KBG-2027-0001', '/verifieer/:number?'],
			['/healthz', '/healthz'],
			['/bestaat-niet/x', 'no-route'],
			['/open-data/v2/register.json', 'no-route'],
		]
		for (const [path, label] of cases) expect(await routePattern(path), path).toBe(label)
		// An id that happens to be a literal segment of some route stays itself, as React Router sees it.
		expect(shapeOf('/aanbieder/register/zelfevaluatie/2027', new Set(['aanbieder', 'register', 'zelfevaluatie']))).toBe(
			'/aanbieder/register/zelfevaluatie/_',
		)
		// A malformed escape (a scanner's) is no literal segment: its shape, not an error.
		expect(shapeOf('/%E0%A4%A/register', new Set(['register']))).toBe('/_/register')
	})

	it('reports the outbox queue and failures, job runs and their outcome, and process memory', async () => {
		const base = {
			template: 'test',
			toAddress: 'a@example.org',
			subject: 'Onderwerp',
			html: '<p>x</p>',
			text: 'x',
			nextAttemptAt: now(),
			createdAt: now(),
		}
		await db.outboxEmail.createMany({
			data: [
				{ ...base, dedupeKey: 'm:1', status: 'pending' },
				{ ...base, dedupeKey: 'm:2', status: 'pending' },
				{ ...base, dedupeKey: 'm:3', status: 'failed', lastError: '550 onbekend' },
			],
		})
		await runJob('purge-sessions', { trigger: 'manual' })
		const text = await metrics().registry.metrics()
		expect(sample(text, 'keurmerk_outbox_messages', 'status="pending"')).toBe(2)
		expect(sample(text, 'keurmerk_outbox_messages', 'status="failed"')).toBe(1)
		expect(sample(text, 'keurmerk_job_runs_total', 'job="purge-sessions",trigger="manual",status="succeeded"')).toBe(1)
		expect(sample(text, 'keurmerk_job_last_run_succeeded', 'job="purge-sessions"')).toBe(1)
		expect(text).toMatch(/^keurmerk_process_resident_memory_bytes \d+/m)
		expect(text).toContain('# TYPE keurmerk_http_request_duration_seconds histogram')
	})

	it('tells an autosave conflict from a save, a refusal and an error', () => {
		expect([200, 409, 400, 403, 500].map(autosaveOutcome)).toEqual(['saved', 'conflict', 'refused', 'refused', 'error'])
	})

	it('counts the two autosave endpoints by their route patterns, and nothing else', () => {
		// The patterns requestMetrics labels requests with (the paths of app/routes.ts joined).
		expect(autosaveForm('/aanbieder/:providerId/zelfevaluatie/:year/antwoord')).toBe('self-evaluation')
		expect(autosaveForm('/aanbieder/:providerId/spiegelrapportage/:year/waarde')).toBe('benchmark')
		expect(autosaveForm('/aanbieder/:providerId/zelfevaluatie/:year/norm/:normCode')).toBeNull()
		expect(autosaveForm('no-route')).toBeNull()
	})

	it('is not public: a bearer token when one is set, otherwise the machine itself and no proxy', () => {
		const token = 'geheim-token-0123456789'
		expect(mayScrape(scrape('10.0.0.5', { authorization: `Bearer ${token}` }), token)).toBe(true)
		expect(mayScrape(scrape('127.0.0.1', {}), token)).toBe(false)
		expect(mayScrape(scrape('10.0.0.5', { authorization: `Bearer ${token}x` }), token)).toBe(false)
		expect(mayScrape(scrape('127.0.0.1'), undefined)).toBe(true)
		expect(mayScrape(scrape('::1'), undefined)).toBe(true)
		expect(mayScrape(scrape('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }), undefined)).toBe(false)
		expect(mayScrape(scrape('10.0.0.5'), undefined)).toBe(false)
	})
})

describe('health', () => {
	it('says whether the database answers and the mail worker runs', async () => {
		const idle = await healthz()
		expect(idle.status).toBe(200)
		expect(await idle.json()).toMatchObject({ status: 'ok', mailWorker: 'off', scheduler: 'off' })

		const smtp = await startTestSmtp()
		const worker = startMailWorker(createMailTransport(smtp.url), { intervalMs: 60_000 })
		try {
			expect(await (await healthz()).json()).toMatchObject({ status: 'ok', mailWorker: 'running' })
			// A worker whose last pass began long ago hangs or died.
			expect(loopState('mail-worker', Date.now() + 10 * 60_000)).toBe('stale')
		} finally {
			await worker.stop()
			await smtp.stop()
		}
		expect(loopState('mail-worker')).toBe('off')
	})
})
