import { describe, expect, it } from 'vitest'
import { semaphore } from './semaphore.ts'

/** A promise with its resolve and reject outside it. */
function deferred() {
	let resolve!: () => void
	let reject!: (error: Error) => void
	const promise = new Promise<void>((yes, no) => {
		resolve = yes
		reject = no
	})
	return { promise, resolve, reject }
}

const turn = () => new Promise((resolve) => setImmediate(resolve))

describe('semaphore', () => {
	it('runs at most its capacity at once and starts the waiting in the order they came', async () => {
		const gate = semaphore(2)
		const works = Array.from({ length: 5 }, () => deferred())
		const started: number[] = []
		const finished = works.map((work, index) =>
			gate.run(async () => {
				started.push(index)
				await work.promise
				return index
			}),
		)
		await turn()
		expect(started).toEqual([0, 1])
		expect([gate.used, gate.waiting]).toEqual([2, 3])
		works[1]?.resolve()
		await turn()
		expect(started).toEqual([0, 1, 2])
		works[0]?.resolve()
		works[2]?.resolve()
		await turn()
		expect(started).toEqual([0, 1, 2, 3, 4])
		expect([gate.used, gate.waiting]).toEqual([2, 0])
		works[3]?.resolve()
		works[4]?.resolve()
		expect(await Promise.all(finished)).toEqual([0, 1, 2, 3, 4])
		expect([gate.used, gate.waiting]).toEqual([0, 0])
	})

	it('counts weight: a heavy piece waits for room and is not overtaken by light ones behind it', async () => {
		const gate = semaphore(10)
		const light = deferred()
		const heavy = deferred()
		const started: string[] = []
		const first = gate.run(async () => {
			started.push('light 4')
			await light.promise
		}, 4)
		const second = gate.run(async () => {
			started.push('heavy 8')
			await heavy.promise
		}, 8)
		const third = gate.run(async () => {
			started.push('light 1')
		}, 1)
		await turn()
		expect(started).toEqual(['light 4'])
		expect([gate.used, gate.waiting]).toEqual([4, 2])
		light.resolve()
		await turn()
		expect(started).toEqual(['light 4', 'heavy 8', 'light 1'])
		heavy.resolve()
		await Promise.all([first, second, third])
		// More than the capacity counts as the capacity: it runs alone, it does not wait for ever.
		expect(await gate.run(async () => 'huge', 1000)).toBe('huge')
		expect([gate.used, gate.waiting]).toEqual([0, 0])
	})

	it('gives the room back when the work fails', async () => {
		const gate = semaphore(1)
		const failing = deferred()
		const first = gate.run(() => failing.promise)
		const second = gate.run(async () => 'second')
		failing.reject(new Error('stuk'))
		await expect(first).rejects.toThrow('stuk')
		expect(await second).toBe('second')
		expect([gate.used, gate.waiting]).toEqual([0, 0])
	})

	it('refuses a capacity that is not a positive whole number', () => {
		expect(() => semaphore(0)).toThrow()
		expect(() => semaphore(1.5)).toThrow()
	})
})
