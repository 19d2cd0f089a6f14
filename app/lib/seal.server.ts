// Sealing: AES-256-GCM with a key derived from SESSION_SECRET, for secrets that must rest in the
// database for a short while but never readable there (the personal link in an account mail waits in
// the outbox until the worker sends it). A copy of the database, a staff screen or a CSV holds only
// the sealed form; the key lives in the process's configuration, not in the database.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { getEnv } from './env.server.ts'

const version = 'v1'

function key(purpose: string): Buffer {
	return Buffer.from(hkdfSync('sha256', getEnv().SESSION_SECRET, 'keurmerkportaal', `seal:${purpose}`, 32))
}

/** The value encrypted and authenticated for one purpose (a sealed value of another purpose does not open). */
export function seal(purpose: string, value: string): string {
	const iv = randomBytes(12)
	const cipher = createCipheriv('aes-256-gcm', key(purpose), iv)
	const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()])
	return [
		version,
		iv.toString('base64url'),
		cipher.getAuthTag().toString('base64url'),
		body.toString('base64url'),
	].join('.')
}

/** The sealed value, or null when it was tampered with or sealed under another secret or purpose. */
export function unseal(purpose: string, sealed: string): string | null {
	const [tag, iv, auth, body] = sealed.split('.')
	if (tag !== version || !iv || !auth || body === undefined) return null
	try {
		const decipher = createDecipheriv('aes-256-gcm', key(purpose), Buffer.from(iv, 'base64url'))
		decipher.setAuthTag(Buffer.from(auth, 'base64url'))
		return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
	} catch {
		return null
	}
}
