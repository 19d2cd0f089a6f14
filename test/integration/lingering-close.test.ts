// A connection closed while the client is still sending its body closes in stages
// (server/lingering-close.ts): the client reads its answer every time, and the server still closes
// within its bounds. The 300 MB upload of the security spec got a write error (EPIPE, ECONNRESET)
// instead of its 413 about every other time when the socket was closed at once.
import { execFile } from 'node:child_process'
import net from 'node:net'
import type { AddressInfo, Socket } from 'node:net'
import { promisify } from 'node:util'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HugePostOutcome } from '#test/fixtures/huge-post-client.ts'
import { bodyLimit } from '#server/body-limit.ts'
import { LINGER_BYTES } from '#server/lingering-close.ts'
import { closeOrDrainUnreadBody } from '#server/unread-body.ts'

const HUGE = 300 * 1024 * 1024
let port = 0
let close: () => void = () => undefined
/** The server's side of every connection, to see what it read and whether it closed. */
const connections: Socket[] = []

beforeAll(async () => {
	const app = express()
	app.use(bodyLimit)
	app.use(closeOrDrainUnreadBody)
	// As readForm does past its cap: answered before the body is read.
	app.post('/formulier', (_req, res) => void res.status(413).type('text/plain').send('te groot'))
	const server = app.listen(0, '127.0.0.1')
	server.on('connection', (socket: Socket) => connections.push(socket))
	await new Promise((resolve) => server.once('listening', resolve))
	port = (server.address() as AddressInfo).port
	close = () => server.close()
})
afterAll(() => close())

/** Posts from another process: the reset must race the client's event loop, not ours. */
async function postHugeFromAnotherProcess(path: string, times: number, mode: 'declared' | 'chunked') {
	const client = new URL('../fixtures/huge-post-client.ts', import.meta.url).pathname
	const { stdout } = await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', client, String(port), path, String(HUGE), String(times), mode],
		{ maxBuffer: 1024 * 1024 },
	)
	return JSON.parse(stdout) as HugePostOutcome[]
}

describe('a body refused while it is still being sent', () => {
	it('a declared 300 MB body: the client reads the 413 every time', async () => {
		const outcomes = await postHugeFromAnotherProcess('/aanmelden', 20, 'declared')
		expect(outcomes).toEqual(Array.from({ length: 20 }, () => ({ status: 413 })))
	}, 120_000)

	it('a chunked body answered before it is read: the client reads the answer every time', async () => {
		const outcomes = await postHugeFromAnotherProcess('/formulier', 20, 'chunked')
		expect(outcomes).toEqual(Array.from({ length: 20 }, () => ({ status: 413 })))
	}, 120_000)
})

/**
 * A client that sends its declared 300 MB at `pace` (as fast as it can, or a trickle) and never
 * stops of its own accord; resolves when the connection is gone, with what it read.
 */
function sendRegardless(pace: 'flood' | 'trickle') {
	return new Promise<{ answer: string; sent: number }>((resolve) => {
		// Half-open allowed: the server's end of stream after its answer does not stop this client.
		const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true })
		let answer = ''
		let sent = 0
		socket.on('data', (part) => (answer += part.toString('latin1')))
		socket.on('error', () => undefined)
		socket.on('close', () => {
			clearInterval(trickle)
			resolve({ answer, sent })
		})
		socket.write(
			`POST /aanmelden HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${HUGE}\r\n\r\n`,
		)
		const chunk = Buffer.alloc(pace === 'flood' ? 256 * 1024 : 1024, 'a')
		const send = () => {
			while (!socket.destroyed && sent < HUGE) {
				sent += chunk.length
				if (!socket.write(chunk)) return void socket.once('drain', send)
				if (pace === 'trickle') return
			}
		}
		const trickle = pace === 'trickle' ? setInterval(send, 50) : undefined
		send()
	})
}

describe('the server still closes a connection whose client sends on', () => {
	it('a client that floods: the server reads a bounded part, then closes', async () => {
		const before = connections.length
		const { answer, sent } = await sendRegardless('flood')
		expect(answer).toMatch(/^HTTP\/1\.1 413 /)
		expect(sent).toBeLessThan(HUGE)
		const server = connections[before]!
		expect(server.destroyed).toBe(true)
		// The bound, plus what one read may bring in after it.
		expect(server.bytesRead).toBeLessThan(LINGER_BYTES + 1024 * 1024)
	}, 30_000)

	it('a client that trickles: the server closes after its wait', async () => {
		const before = connections.length
		const { answer, sent } = await sendRegardless('trickle')
		expect(answer).toMatch(/^HTTP\/1\.1 413 /)
		expect(sent).toBeLessThan(LINGER_BYTES)
		expect(connections[before]!.destroyed).toBe(true)
	}, 30_000)
})
