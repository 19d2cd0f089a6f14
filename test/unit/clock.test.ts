import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clockDescription, now, setClock } from '#app/lib/clock.server.ts'

// The real time is faked (vi.setSystemTime), so every assertion is exact: no sleeping, no timing.
const REAL = new Date('2026-11-05T10:00:00Z')

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['Date'] })
	vi.setSystemTime(REAL)
})
afterEach(() => {
	setClock(null)
	vi.useRealTimers()
})

describe('clock', () => {
	it('follows real time by default', () => {
		expect(now()).toEqual(REAL)
		vi.setSystemTime(REAL.getTime() + 60_000)
		expect(now()).toEqual(new Date(REAL.getTime() + 60_000))
		expect(clockDescription().mode).toBe('real')
	})

	it('can be frozen at a moment, whatever real time does', () => {
		setClock(new Date('2027-03-31T21:59:59.999Z'))
		vi.setSystemTime(REAL.getTime() + 3_600_000)
		expect(now().toISOString()).toBe('2027-03-31T21:59:59.999Z')
		expect(clockDescription()).toEqual({ mode: 'frozen', now: '2027-03-31T21:59:59.999Z' })
	})

	it('can run from a moment, as fast as real time', () => {
		setClock(new Date('2027-01-01T00:00:00Z'), 'running')
		vi.setSystemTime(REAL.getTime() + 90_000)
		expect(now().toISOString()).toBe('2027-01-01T00:01:30.000Z')
		setClock(null)
		expect(now()).toEqual(new Date(REAL.getTime() + 90_000))
	})
})
