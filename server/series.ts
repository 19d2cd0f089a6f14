// Several middleware functions as one layer of Express's router. The router does work of its own
// for each layer a request passes (a match with its params and keys, the path trimmed, the
// handler's result inspected): with a dozen small layers before the autosave, about a seventh of
// what an autosave allocated (issue 17, a sampling heap profile). In sequence here, as the router
// runs them: each calls next to go on; an error passed to next, thrown, or a rejected promise goes
// to the router as an error, and the rest are skipped.
import type { NextFunction, Request, RequestHandler, Response } from 'express'

export function series(...handlers: RequestHandler[]): RequestHandler {
	return function (req: Request, res: Response, next: NextFunction) {
		let index = 0
		const step = (error?: unknown) => {
			if (error) return next(error)
			const handler = handlers[index++]
			if (!handler) return next()
			try {
				const result: unknown = handler(req, res, step)
				if (result instanceof Promise) result.catch(next)
			} catch (thrown) {
				next(thrown)
			}
		}
		step()
	}
}
