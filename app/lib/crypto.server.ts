import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A URL-safe random token with 256 bits of entropy. */
export function randomToken(): string {
	return randomBytes(32).toString('base64url')
}

/** Tokens are stored only as their hash: a copy of the database yields no usable link. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex')
}

export function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a)
	const right = Buffer.from(b)
	return left.length === right.length && timingSafeEqual(left, right)
}
