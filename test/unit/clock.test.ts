import { afterEach, describe, expect, it } from 'vitest'
import { clockDescription, now, setClock } from '#app/lib/clock.server.ts'

afterEach(() => setClock(null))

describe('clock', () => {
	it('follows real time by default', () => {
		const before = Date.now()
		const value = now().getTime()
		expect(value).toBeGreaterThanOrEqual(before)
		expect(clockDescription().mode).toBe('real')
	})

	it('can be frozen at a moment', async () => {
		setClock(new Date('2027-03-31T21:59:59.999Z'))
		await new Promise((resolve) => setTimeout(resolve, 5))
		expect(now().toISOString()).toBe('2027-03-31T21:59:59.999Z')
	})

	it('can run from a moment', async () => {
		setClock(new Date('2027-01-01T00:00:00Z'), 'running')
		await new Promise((resolve) => setTimeout(resolve, 20))
		const elapsed = now().getTime() - Date.parse('2027-01-01T00:00:00Z')
		expect(elapsed).toBeGreaterThanOrEqual(15)
		expect(elapsed).toBeLessThan(5_000)
	})
})
