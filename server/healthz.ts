import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { db, getDatabase } from '#app/lib/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { loopState } from '#app/lib/heartbeat.server.ts'

// For load balancers, monitoring and the CI smoke test: the process runs, the database answers,
// and the background loops of this instance are alive. 503 when the database does not answer or
// the mail worker (started when SMTP_URL is set) has stopped passing; a load balancer then sends
// visitors to another instance. `off` means not started here (no SMTP_URL, or the scheduler off).
//
// The embedded database in its thread answers one statement at a time: at the deadline rush a
// SELECT 1 waited behind every save queued before it (p95 1.8 s, issue 17). An engine that has
// answered a statement within the last second is alive, so the check asks it only when it has
// been quiet for longer — then the SELECT 1 waits for nobody, or shows the engine stuck.
// PostgreSQL keeps the same clock (answer-clock.server.ts): there the SELECT 1 waited for one of the
// pool's connections behind the saves.
//
// Answered by Express (healthzRoute), after the middleware every request passes, not by React
// Router: a probe every few seconds from each load balancer needs no route table matched twice, no
// Fetch request or response built and no streamed answer (about half of its 1 ms of CPU, issue 17).
export const RECENT_ANSWER_MS = 1_000
export const HEALTHZ_PATH = '/healthz'

export function healthzRoute(_req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
	health().then(({ status, body }) => {
		// Written as it is: Express's send would hash the body for an ETag a health check never uses.
		const json = JSON.stringify(body)
		res.statusCode = status
		res.setHeader('Cache-Control', 'no-store')
		res.setHeader('Content-Type', 'application/json; charset=utf-8')
		res.setHeader('Content-Length', Buffer.byteLength(json))
		res.end(json)
	}, next)
}

/** The answer as a Fetch response (for tests and callers outside Express). */
export async function healthz(): Promise<Response> {
	const { status, body } = await health()
	return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })
}

interface Health {
	status: 200 | 503
	body: { status: 'ok' | 'error'; database: string; mailWorker: LoopState; scheduler: LoopState }
}

type LoopState = ReturnType<typeof loopState>

async function health(): Promise<Health> {
	const mailWorker = loopState('mail-worker')
	const scheduler = loopState('scheduler')
	const mailExpected = Boolean(getEnv().SMTP_URL) && getEnv().KEURMERK_SCHEDULER === 'on'
	try {
		if (!getDatabase().answeredWithin?.(RECENT_ANSWER_MS)) await db.$queryRaw`SELECT 1`
	} catch {
		return { status: 503, body: { status: 'error', database: 'down', mailWorker, scheduler } }
	}
	const workerBad = mailWorker === 'stale' || (mailExpected && mailWorker === 'off')
	return {
		status: workerBad ? 503 : 200,
		body: { status: workerBad ? 'error' : 'ok', database: getDatabase().kind, mailWorker, scheduler },
	}
}
