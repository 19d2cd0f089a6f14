// The self-evaluation autosave, answered straight from Express (issue 17): at the deadline every
// member saves every few seconds, and React Router's data pipeline around this one resource route
// (its request adapter, matching the URL against the whole route table twice, the query and data
// strategy, a streamed response) cost more CPU than the save itself. This handler runs after the
// same middleware as every request (security headers, metrics, no-store, body limit, origin check,
// the per-user write limit, whose statement also reads the session) and calls the core of the
// route's own action (`autosave`) — the permission check, the bounded parse, the save and the
// answers are the route module's, not a copy; the answer, data until then, is written here as the
// action's Response.json would write it. Anything it does not recognise (another method, another
// path shape) goes on to React Router as before.
// The body is read from the Node request itself, under readForm's own cap and parsing
// (`setBodySource`): a web stream around the request and the Fetch body machinery (a Request with a
// body, a Blob, the stream's reader) cost a few percent of the server's CPU per save.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import type { AppLoadContext } from 'react-router'
import { type FormBody, setBodySource } from '#app/lib/forms.ts'
import { adoptSessionRead } from '#app/lib/session.server.ts'
import { setWriteGuard, writeGuard } from '#app/lib/write-guard.server.ts'
import {
	AUTOSAVE_REPLY_HEADERS,
	type AutosaveReply,
	autosave,
} from '#app/routes/provider/self-evaluation/autosave.server.ts'
import { autosaveParams } from './autosave-path.ts'
import type { SessionRead } from './rate-limit-tiers.ts'

type ActionArgs = Parameters<typeof autosave>[0]

export function autosaveRoute(loadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext) {
	return async function (req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
		if (req.method !== 'POST') return next()
		// The same reading of the path as the request tiers' (a kept session row is taken only for
		// a path this route answers, so no request goes uncounted).
		const params = autosaveParams(req.path)
		if (!params) return next()
		const request = fetchRequest(req)
		setBodySource(request, (body) => readBody(req, body))
		// The session the write limit read in its statement, moments ago in this request: the
		// action's session check uses it instead of a second round trip. Without it (the limit
		// could not count) the action asks the database itself.
		const read = res.locals.sessionRead as SessionRead | undefined
		if (read) adoptSessionRead(request, read.sessionId, read.row)
		// A row kept from an earlier request (the tiers did not count this one): the save's statement
		// counts and checks the session itself (app/lib/write-guard.server.ts).
		const guard =
			read?.kept && read.sessionId
				? writeGuard({
						request,
						sessionId: read.sessionId,
						providerId: params.providerId,
						address: req.ip ?? 'onbekend',
					})
				: undefined
		if (guard) setWriteGuard(request, guard)
		let answer = await answerOf(() => autosave({ request, params, context: loadContext(req, res) } as ActionArgs))
		// An answer no guarded statement decided (a refused body, an unknown question…): it stands
		// only if the count and the session read now let the request through, as the tiers would have.
		if (guard && !guard.settled) {
			const refusal = await answerOf(async () => {
				await guard.check()
				return null
			})
			if (refusal) answer = refusal
		}
		try {
			if (answer instanceof Response) await sendResponse(res, answer)
			else sendReply(res, answer)
		} catch (error) {
			next(error)
		}
	}
}

/** What `run` answers, or throws as its answer: a thrown Response (404, 401, 413…) is the answer, as React Router treats it. */
async function answerOf<T>(run: () => Promise<T>): Promise<T | Response> {
	try {
		return await run()
	} catch (thrown) {
		if (thrown instanceof Response) return thrown
		// As React Router answers an unexpected error of a resource route in production.
		console.error(thrown)
		return new Response('Unexpected Server Error', { status: 500 })
	}
}

/**
 * The Fetch request the action reads: its headers, no body (readForm reads that from `req`, see
 * above) and no abort signal of ours (the action and what it calls read none: an upload's reading
 * would, and the autosave takes none).
 */
function fetchRequest(req: ExpressRequest): Request {
	const headers = new Headers()
	for (const [name, value] of Object.entries(req.headers)) {
		if (typeof value === 'string') headers.set(name, value)
		else if (Array.isArray(value)) for (const item of value) headers.append(name, item)
	}
	const init = { method: req.method, headers }
	try {
		return new Request(`${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`, init)
	} catch {
		// A Host header no URL can hold: the request is still answered (and, on a kept session
		// row, counted by its guard), as React Router answers it under its own fallback host.
		return new Request(`${req.protocol}://localhost${req.originalUrl}`, init)
	}
}

/**
 * The body of `req` into `body` as it arrives; past the cap reading stops, the rest left where the
 * unread-body middleware finds it (server/unread-body.ts: closed in stages, or drained), as the
 * web stream's reader left it before. A request that ends early (the client went away) is an error.
 */
function readBody(req: ExpressRequest, body: FormBody): Promise<void> {
	return new Promise((resolve, reject) => {
		if (req.readableEnded) return resolve()
		const stop = () => {
			req.off('data', take)
			req.off('end', end)
			req.off('error', fail)
			req.off('close', closed)
		}
		const take = (chunk: Buffer) => {
			if (body.accepts(chunk)) return
			stop()
			req.pause()
			reject(body.refusal())
		}
		const end = () => {
			stop()
			resolve()
		}
		const fail = (error: Error) => {
			stop()
			reject(error)
		}
		const closed = () => fail(new Error('The request closed before its body ended'))
		req.on('data', take)
		req.once('end', end)
		req.once('error', fail)
		req.once('close', closed)
	})
}

/**
 * The save's answer as the route's action sends it (Response.json with its headers), written
 * directly: a Response around the JSON is a body stream the answer is read back from (issue 17).
 */
function sendReply(res: ExpressResponse, { status, body }: AutosaveReply) {
	const json = Buffer.from(JSON.stringify(body))
	res.statusCode = status
	res.setHeader('Content-Type', 'application/json')
	for (const [name, value] of Object.entries(AUTOSAVE_REPLY_HEADERS)) res.setHeader(name, value)
	res.setHeader('Content-Length', json.byteLength)
	res.end(json)
}

/** A refusal in one piece with its length: a small body needs no stream, nor compression. */
async function sendResponse(res: ExpressResponse, response: Response) {
	res.status(response.status)
	response.headers.forEach((value, name) => {
		res.append(name, value)
	})
	const body = Buffer.from(await response.arrayBuffer())
	res.setHeader('Content-Length', body.byteLength)
	res.end(body)
}
