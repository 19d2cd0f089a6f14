// A connection the server closes while the client is still sending its body must be closed in
// stages (RFC 9112 §9.6, "tear-down"; nginx's lingering_close, Go's closeWriteAndWait): Node's http
// server closes a `Connection: close` response's socket at once once the answer is written
// (`socket.destroySoon()` in lib/_http_server.js, resOnFinish). The kernel answers the body bytes
// still arriving on a closed socket with a reset, and a client busy writing its body learns of the
// reset by a failed write (EPIPE, ECONNRESET) before it has read the answer waiting for it: the
// 300 MB upload of the security spec then saw an error instead of its 413, about every other time.
//
// So such a socket ends its own side after the answer (the client reads the answer, then end of
// stream) and keeps reading for a while, dropping what arrives, until the client hangs up or the
// body is complete. The wait is bounded so that a client gains nothing by sending on: once
// LINGER_BYTES more have arrived the socket stops reading (the client's writes then wait in TCP's
// flow control instead of meeting a reset, so it still reads its answer), and it is closed once
// LINGER_MS have passed, whatever the client does. Nothing read here is kept. (Closing at once at
// the byte bound reset a fast client on the loopback before it had read its 413: 1 post in 20 in
// a loaded CI run, stop 26.)
import type { Socket } from 'node:net'
import type { Request } from 'express'

/** How long a closing connection waits for the client to stop sending. */
export const LINGER_MS = 2_000
/** How much of the unread body it reads and drops meanwhile, at most. */
export const LINGER_BYTES = 4 * 1024 * 1024

export type LingerBounds = { ms: number; bytes: number }

/**
 * Call as `req` is answered with `Connection: close` while its body may still be arriving: the
 * socket then closes in stages (see above) instead of at once.
 */
export function lingerBeforeClosing(req: Request, bounds: LingerBounds = { ms: LINGER_MS, bytes: LINGER_BYTES }) {
	const socket = req.socket
	// Read from now on, and dropped. Node would otherwise dump the request once answered, and a
	// dumped request's chunks are dropped before anyone can count them.
	let read = 0
	let full = false
	req.removeAllListeners('data')
	req.on('data', (chunk: Buffer) => {
		read += chunk.length
		if (read < bounds.bytes || full) return
		full = true
		req.pause()
		socket.pause()
		closeAfter(socket, bounds.ms)
	})
	req.resume()
	const closeAtOnce = socket.destroySoon.bind(socket)
	socket.destroySoon = function lingeringClose(this: Socket) {
		if (req.complete || req.destroyed) return closeAtOnce()
		this.end()
		closeAfter(this, bounds.ms)
		// The whole body arrived: nothing is left to wait for.
		req.once('end', () => this.destroy())
	}
}

/** Destroys `socket` after `ms` unless it closed before (the timer keeps no process alive). */
function closeAfter(socket: Socket, ms: number) {
	const timer = setTimeout(() => socket.destroy(), ms)
	timer.unref()
	socket.once('close', () => clearTimeout(timer))
}
