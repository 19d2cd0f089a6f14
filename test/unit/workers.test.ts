import { describe, expect, test } from 'vitest'
import { workerCount } from '../../server/workers.js'

describe('workerCount (KEURMERK_WORKERS)', () => {
	test('unset or 1: the process serves itself', () => {
		expect(workerCount({})).toBe(1)
		expect(workerCount({ KEURMERK_WORKERS: '' })).toBe(1)
		expect(workerCount({ KEURMERK_WORKERS: '1' })).toBe(1)
	})

	test('a whole number up to 64 is the number of workers', () => {
		expect(workerCount({ KEURMERK_WORKERS: '2' })).toBe(2)
		expect(workerCount({ KEURMERK_WORKERS: ' 4 ' })).toBe(4)
		expect(workerCount({ KEURMERK_WORKERS: '64' })).toBe(64)
	})

	test('anything else is refused with the setting named, not read as one', () => {
		for (const value of ['0', '65', '-2', '2.5', 'twee', '1e1', '0x2', '999'])
			expect(() => workerCount({ KEURMERK_WORKERS: value }), value).toThrow(/KEURMERK_WORKERS/)
	})
})
