// Middleware that must have the last word on a response's head (server/no-store.ts,
// server/unread-body.ts) acts at the one moment after every route and the React Router adapter
// have set their headers: just before the head goes out. Node reaches `writeHead` on every path
// (an explicit call, or `write`/`end` through the implicit head), so wrapping it catches them all.
import type { Response } from 'express'

/**
 * Runs `hook` just before `res`'s head is written, with the arguments `writeHead` got
 * (`status, [message], [headers]`: headers passed there win over `setHeader`, so a hook may edit them).
 */
export function beforeHeadWritten(res: Response, hook: (args: unknown[]) => void): void {
	const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response
	res.writeHead = function (this: Response, ...args: unknown[]) {
		hook(args)
		return writeHead(...args)
	} as typeof res.writeHead
}
