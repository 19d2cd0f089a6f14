// Listening on a PostgreSQL notification channel (LISTEN), so a value read from the database can be
// kept until some instance changes it instead of being read again at every request (issue 17: the
// register version, one round trip on every register page and certificate check). The watch is one
// connection of its own per process and channel; a notification is sent by PostgreSQL when the
// writing transaction commits, to every listening connection, whichever instance wrote.
//
// What a reader may trust: `generation()` is a number that moves with every notification and with
// every (re)connection, and is undefined while the watch is not listening — then nothing heard can be
// trusted and the reader must read. A connection that fails or ends is made again after a pause
// (RETRY_MS, doubling up to MAX_RETRY_MS); notifications sent meanwhile are not heard, which is why a
// new connection moves the generation too.
import pg from 'pg'
import { log } from '../log.server.ts'

const RETRY_MS = 250
const MAX_RETRY_MS = 30_000

export interface ChannelWatch {
	/** Moves with every notification and (re)connection; undefined while not listening. */
	generation(): number | undefined
	/** Resolves when the watch listens (at once if it does now; tests — a reader never waits for it). */
	listening(): Promise<void>
	close(): Promise<void>
}

/** `channel`: a plain identifier (it is quoted, never taken from input). */
export function watchChannel(connectionString: string, channel: string): ChannelWatch {
	if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Geen geldige kanaalnaam: ${channel}`)
	let generation = 0
	let listeningNow = false
	let closed = false
	let client: pg.Client | undefined
	let retry: ReturnType<typeof setTimeout> | undefined
	let pause = RETRY_MS
	let waiting: (() => void)[] = []
	const wake = () => {
		for (const resolve of waiting) resolve()
		waiting = []
	}

	const lost = (connection: pg.Client, reason: unknown) => {
		if (client !== connection) return
		listeningNow = false
		client = undefined
		connection.end().catch(() => undefined)
		if (closed) return
		log.warn(`LISTEN ${channel} lost; listening again in ${pause} ms`, String(reason))
		retry = setTimeout(connect, pause)
		retry.unref()
		pause = Math.min(pause * 2, MAX_RETRY_MS)
	}

	async function connect() {
		retry = undefined
		if (closed) return
		const connection = new pg.Client({
			connectionString,
			application_name: `keurmerk:listen:${channel}`,
			// A connection that went away without a word (a half-open TCP connection) is noticed.
			keepAlive: true,
		})
		client = connection
		connection.on('error', (error) => lost(connection, error))
		connection.on('end', () => lost(connection, 'connection ended'))
		connection.on('notification', (message) => {
			if (message.channel === channel && client === connection) generation++
		})
		try {
			await connection.connect()
			await connection.query(`LISTEN "${channel}"`)
		} catch (error) {
			lost(connection, error)
			return
		}
		if (client !== connection || closed) return
		generation++
		listeningNow = true
		pause = RETRY_MS
		wake()
	}

	void connect()
	return {
		generation: () => (listeningNow ? generation : undefined),
		listening: () =>
			listeningNow || closed ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve)),
		async close() {
			closed = true
			listeningNow = false
			if (retry) clearTimeout(retry)
			const connection = client
			client = undefined
			wake()
			await connection?.end().catch(() => undefined)
		},
	}
}
