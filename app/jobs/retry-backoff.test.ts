import { describe, expect, it } from 'vitest'
import { afterFailure, mayRetry, RETRY_BASE_MS, RETRY_MAX_MS, retryDelayMs } from './retry-backoff.ts'

const minute = 60_000

describe('retryDelayMs', () => {
	it('doubles from a minute up to an hour', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((failures) => retryDelayMs(failures) / minute)).toEqual([
			1, 2, 4, 8, 16, 32, 60, 60, 60,
		])
		expect(retryDelayMs(0)).toBe(RETRY_BASE_MS)
		expect(retryDelayMs(10_000)).toBe(RETRY_MAX_MS)
	})
})

describe('the backoff of a failing job', () => {
	it('a job that never failed may run', () => {
		expect(mayRetry(undefined, '2071-06-10', 0)).toBe(true)
	})

	it('waits longer after each failure in a row, counted from the start of the failed run', () => {
		let backoff = afterFailure(undefined, '2071-06-10', 0)
		expect(backoff).toEqual({ day: '2071-06-10', failures: 1, notBeforeMs: minute })
		expect(mayRetry(backoff, '2071-06-10', 30_000)).toBe(false)
		expect(mayRetry(backoff, '2071-06-10', minute)).toBe(true)
		// A timer a few milliseconds early is on time.
		expect(mayRetry(backoff, '2071-06-10', minute - 5)).toBe(true)
		backoff = afterFailure(backoff, '2071-06-10', minute)
		expect(backoff).toEqual({ day: '2071-06-10', failures: 2, notBeforeMs: 3 * minute })
		expect(mayRetry(backoff, '2071-06-10', 2 * minute)).toBe(false)
		expect(mayRetry(backoff, '2071-06-10', 3 * minute)).toBe(true)
	})

	it('starts over on a new day', () => {
		let backoff = afterFailure(undefined, '2071-06-10', 0)
		for (let i = 0; i < 10; i++) backoff = afterFailure(backoff, '2071-06-10', 0)
		expect(mayRetry(backoff, '2071-06-10', 30 * minute)).toBe(false)
		expect(mayRetry(backoff, '2071-06-11', 30 * minute)).toBe(true)
		expect(afterFailure(backoff, '2071-06-11', 30 * minute)).toEqual({
			day: '2071-06-11',
			failures: 1,
			notBeforeMs: 31 * minute,
		})
	})
})
