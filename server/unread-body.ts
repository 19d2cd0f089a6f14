// A request answered before its body was read to the end (a multipart body without a boundary, a
// file over a form's own cap: app/lib/uploads.server.ts refuses those without reading on) leaves
// the rest of the body on the connection. The adapter then destroys the request, and a client that
// sends its next request on the kept-alive connection gets a reset instead of an answer (bench/fuzz.ts
// found it: a broken multipart message, then any request on the same connection). What the client
// has not finished sending is drained, up to the body cap (server/body-limit.ts has refused any
// declared length above it); anything beyond that closes the connection, and says so
// (`Connection: close`, RFC 9112 §9.6), so no client reuses it, and closes it in stages, so that the
// client still sending reads the answer before the close (server/lingering-close.ts).
import type { NextFunction, Request, Response } from 'express'
import { beforeHeadWritten } from './before-head.ts'
import { lingerBeforeClosing } from './lingering-close.ts'

/** How much of an unread body is read and dropped to keep the connection (the upload cap's size). */
export const DRAIN_LIMIT_BYTES = 21 * 1024 * 1024

export function closeOrDrainUnreadBody(req: Request, res: Response, next: NextFunction) {
	if (req.method === 'GET' || req.method === 'HEAD') return next()
	beforeHeadWritten(res, () => {
		if (req.complete || res.headersSent) return
		const declared = Number(req.headers['content-length'] ?? 'NaN')
		// A body of unknown length (chunked) could go on for ever: never wait for it.
		if (Number.isFinite(declared) && declared <= DRAIN_LIMIT_BYTES) return
		res.setHeader('Connection', 'close')
		lingerBeforeClosing(req)
	})
	res.on('finish', () => {
		if (req.complete || res.getHeader('Connection') === 'close' || req.destroyed) return
		// Nobody reads the rest any more (the adapter's stream included): dropped as it arrives.
		req.removeAllListeners('data')
		req.resume()
	})
	next()
}
