// app/lib/decoded.ts: the one percent-decoding of paths for the public files (server.js), the
// metrics' route shapes, the certificate check's number and the norm page's focus target (its hash).
import { describe, expect, it } from 'vitest'
import { decodedOr } from '#app/lib/decoded.ts'

describe('decodedOr', () => {
	it('decodes a percent-encoded path or segment', () => {
		expect(decodedOr('/caf%C3%A9.svg')).toBe('/café.svg')
		expect(decodedOr('KBG-2027%2D0001')).toBe('KBG-2027-0001')
	})

	it('gives a malformed escape back as it came, or the fallback asked for', () => {
		expect(decodedOr('/%E0%A4%A')).toBe('/%E0%A4%A')
		expect(decodedOr('%E0%A4%A', '')).toBe('')
		expect(decodedOr('100%')).toBe('100%')
	})
})
