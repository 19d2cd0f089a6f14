import { describe, expect, it } from 'vitest'
import { firstSaveMs, offeredSavesPerSecond, rateLimitedBy, scheduledSaves, submitMs } from '../../bench/rush-plan.ts'

// The deadline rush's schedule (bench/rush.ts): what the scenario offers must be able to reach the
// issue's 150 saves/s, or the target could never show ✓ whatever the server does.
const typists = (count: number) => Array.from({ length: count }, (_, index) => ({ index }))

describe('scheduledSaves', () => {
	it('counts one save every 2 s from the first moment, while before the stop', () => {
		expect(scheduledSaves(0, 60_000)).toBe(30)
		expect(scheduledSaves(1900, 60_000)).toBe(30) // 1.9 s, 3.9 s, …, 59.9 s
		expect(scheduledSaves(0, 2000)).toBe(1) // at 0; the one at 2 s is the stop's
		expect(scheduledSaves(0, 2001)).toBe(2)
		expect(scheduledSaves(500, 500)).toBe(0)
		expect(scheduledSaves(3000, 1000)).toBe(0)
	})
})

describe('the moments', () => {
	it('spreads the first saves over the first 2 s and the submissions over the run', () => {
		expect(typists(40).map(({ index }) => firstSaveMs(index))).toEqual([
			...Array.from({ length: 20 }, (_, n) => n * 100),
			...Array.from({ length: 20 }, (_, n) => n * 100),
		])
		expect(submitMs(0, 30, 60)).toBe(1000)
		expect(submitMs(29, 30, 60)).toBe(59_000)
	})
})

describe('offeredSavesPerSecond', () => {
	it('offers 150 saves/s for 300 typists all the minute', () => {
		expect(offeredSavesPerSecond(typists(300), 60)).toBe(150)
	})

	it('offers more with 30 submitters besides the 300, and never less than 150', () => {
		const submitters = Array.from({ length: 30 }, (_, n) => ({ index: 300 + n, submitAtMs: submitMs(n, 30, 60) }))
		const offered = offeredSavesPerSecond([...typists(300), ...submitters], 60)
		// Each submitter types half the minute on average: 30 × 0.5 × ½ ≈ 7.5 more.
		expect(offered).toBeGreaterThan(155)
		expect(offered).toBeLessThan(159)
	})

	it('shows why the old scenario could not reach 150: 30 of the 300 stopping during the minute', () => {
		const members = typists(300).map((member, index) =>
			index >= 270 ? { ...member, submitAtMs: submitMs(index - 270, 30, 60) } : member,
		)
		const offered = offeredSavesPerSecond(members, 60)
		expect(offered).toBeLessThan(150)
		expect(offered).toBeCloseTo(142.5, 0)
	})

	it('holds for a short run too (RUSH_SECONDS=20)', () => {
		expect(offeredSavesPerSecond(typists(300), 20)).toBe(150)
	})
})

describe('rateLimitedBy', () => {
	it('names the scenario when (nearly) every offered save was answered, else the server', () => {
		expect(rateLimitedBy(157.5, 157.1)).toBe('scenario')
		expect(rateLimitedBy(142.5, 142.4)).toBe('scenario')
		expect(rateLimitedBy(157.5, 126)).toBe('server')
	})
})
