// The safe-redirect helper against known open-redirect payloads (issue 15, finding 5): every one
// falls back, and whatever it returns resolves to our own origin in the browser's URL algorithm.
import { describe, expect, it } from 'vitest'
import { openRedirectPayloads } from '#test/fixtures/open-redirects.ts'
import { safeRedirectPath } from './http.server.ts'

describe('safeRedirectPath', () => {
	it.each(openRedirectPayloads)('never leads elsewhere: %j', (payload) => {
		const target = safeRedirectPath(payload, '/fallback')
		expect(new URL(target, 'https://portaal.example').origin).toBe('https://portaal.example')
		// Tabs, newlines, backslashes and other-host forms all fall back (browsers drop or rewrite them).
		if (payload !== '/@evil.example') expect(target).toBe('/fallback')
	})

	it('keeps ordinary paths with their query and fragment', () => {
		for (const path of ['/', '/medewerkers', '/aanbieder/abc/zelfevaluatie/2027?norm=1#vraag', '/%2F%2Fevil.example'])
			expect(safeRedirectPath(path, '/fallback')).toBe(path)
	})
})
