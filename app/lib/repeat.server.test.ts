import { describe, expect, it } from 'vitest'
import { repeatEvery } from './repeat.server.ts'

function deferred() {
	let resolve!: () => void
	const promise = new Promise<void>((done) => (resolve = done))
	return { promise, resolve }
}

describe('repeatEvery', () => {
	it('runs at once, never twice at the same time, and stop waits for the run in progress', async () => {
		const gates = [deferred(), deferred()]
		let started = 0
		let stoppedSeen: boolean | null = null
		const loop = repeatEvery(3_600_000, async (isStopped) => {
			const gate = gates[started] ?? deferred()
			started += 1
			await gate.promise
			stoppedSeen = isStopped()
		})
		expect(started).toBe(1)
		// A tick during a run joins that run instead of starting another.
		const joined = loop.tick()
		expect(started).toBe(1)
		gates[0]?.resolve()
		await joined
		expect(stoppedSeen).toBe(false)

		const second = loop.tick()
		expect(started).toBe(2)
		const stopping = loop.stop()
		gates[1]?.resolve()
		await Promise.all([second, stopping])
		expect(stoppedSeen).toBe(true)
		// After stop nothing runs any more.
		await loop.tick()
		expect(started).toBe(2)
	})
})
