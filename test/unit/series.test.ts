// server/series.ts: middleware in one router layer behaves as the same middleware in layers of their
// own — in order, an answer ends the request, and an error (passed, thrown or rejected) skips the
// rest and reaches the error handler. Against a real Express app over HTTP.
import type { AddressInfo } from 'node:net'
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { series } from '#server/series.ts'

let base = ''
let close: () => void = () => undefined

/** Appends its name to the request's trail and goes on. */
const mark =
	(name: string): RequestHandler =>
	(req, res, next) => {
		res.locals.trail = [...((res.locals.trail as string[] | undefined) ?? []), name]
		next()
	}

beforeAll(async () => {
	const app = express()
	app.use(
		series(
			mark('a'),
			async (req, res, next) => {
				await new Promise((resolve) => setTimeout(resolve, 1))
				if (req.query.stop === 'async') throw new Error('async kapot')
				mark('b')(req, res, next)
			},
			(req, res, next) => {
				if (req.query.stop === 'answer') {
					res.json({ answeredBy: 'c', trail: res.locals.trail })
					return
				}
				if (req.query.stop === 'next') return next(new Error('doorgegeven'))
				if (req.query.stop === 'throw') throw new Error('gegooid')
				mark('c')(req, res, next)
			},
			mark('d'),
		),
	)
	app.use((_req, res) => {
		res.json({ answeredBy: 'route', trail: res.locals.trail })
	})
	app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
		res.status(500).json({ error: error.message, trail: res.locals.trail })
	})
	const server = app.listen(0)
	await new Promise((resolve) => server.once('listening', resolve))
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	close = () => server.close()
})
afterAll(() => close())

const get = async (query: string) => {
	const response = await fetch(`${base}/pad${query}`)
	return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('series', () => {
	it('runs the handlers in order, awaiting an async one, then the next layer', async () => {
		expect(await get('')).toEqual({ status: 200, body: { answeredBy: 'route', trail: ['a', 'b', 'c', 'd'] } })
	})

	it('ends where a handler answers', async () => {
		expect(await get('?stop=answer')).toEqual({ status: 200, body: { answeredBy: 'c', trail: ['a', 'b'] } })
	})

	it('takes an error passed on, thrown or rejected to the error handler and skips the rest', async () => {
		expect(await get('?stop=next')).toEqual({ status: 500, body: { error: 'doorgegeven', trail: ['a', 'b'] } })
		expect(await get('?stop=throw')).toEqual({ status: 500, body: { error: 'gegooid', trail: ['a', 'b'] } })
		expect(await get('?stop=async')).toEqual({ status: 500, body: { error: 'async kapot', trail: ['a'] } })
	})
})
