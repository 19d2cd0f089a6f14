import { describe, expect, it } from 'vitest'
import { loginDelayMs, loginPolicy, requestTiers } from './throttle-policy.ts'

describe('login delays', () => {
	it('are free for three failures, then double from 5 s up to 15 minutes', () => {
		expect([0, 1, 2, 3].map(loginDelayMs)).toEqual([0, 0, 0, 0])
		expect([4, 5, 6, 7].map(loginDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000])
		expect(loginDelayMs(12)).toBe(loginPolicy.maxDelayMs)
		expect(loginDelayMs(10_000)).toBe(loginPolicy.maxDelayMs)
	})

	it('let a pair try at most a few dozen times a day once the delays run', () => {
		// After the cap, one attempt per 15 minutes: 96 a day, against passwords of 12+ characters.
		let elapsed = 0
		let attempts = 0
		while (elapsed < 24 * 60 * 60_000) elapsed += loginDelayMs(++attempts)
		expect(attempts).toBeLessThan(110)
	})
})

describe('request tiers', () => {
	it('give a user autosaving every 2 s ample room, and an office more than one person', () => {
		expect(requestTiers.userWrites.limit).toBeGreaterThanOrEqual(4 * 30)
		expect(loginPolicy.addressFailures.limit).toBeGreaterThanOrEqual(50 * 3)
	})
})
