// The CSP nonce (server/csp-nonce.ts): 16 random bytes in base64, never the same twice, also across
// the refills of its pool.
import { describe, expect, it } from 'vitest'
import { cspNonce } from '#server/csp-nonce.ts'

describe('the CSP nonce', () => {
	it('is 16 bytes of base64, and unique over several refills of its pool', () => {
		const seen = new Set<string>()
		for (let n = 0; n < 2_000; n++) {
			const nonce = cspNonce()
			expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
			expect(Buffer.from(nonce, 'base64')).toHaveLength(16)
			seen.add(nonce)
		}
		expect(seen.size).toBe(2_000) // 2,000 × 16 bytes: eight pools of 4 KB
		// Not a counter or a fixed pattern: the bytes of consecutive nonces differ throughout.
		const [a, b] = [Buffer.from(cspNonce(), 'base64'), Buffer.from(cspNonce(), 'base64')]
		expect(a.equals(b)).toBe(false)
	})
})
