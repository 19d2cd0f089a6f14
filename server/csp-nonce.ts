// The per-request nonce of the Content-Security-Policy (server/app.ts): 16 bytes from the system's
// CSPRNG, never used twice. One randomBytes call per request asked OpenSSL for 16 bytes each time,
// about 1 % of the server's busy time at the deadline rush, where every autosave and health check
// carries the header (issue 17, a CPU profile); the bytes are drawn 4 KB at a time instead, as
// Node does for randomUUID.
import { randomFillSync } from 'node:crypto'

const NONCE_BYTES = 16
const POOL_BYTES = 4096

const pool = Buffer.alloc(POOL_BYTES)
let offset = POOL_BYTES

export function cspNonce(): string {
	if (offset + NONCE_BYTES > POOL_BYTES) {
		randomFillSync(pool)
		offset = 0
	}
	const nonce = pool.toString('base64', offset, offset + NONCE_BYTES)
	offset += NONCE_BYTES
	return nonce
}
