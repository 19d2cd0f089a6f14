// A background loop inside the server process (scheduler, mail worker): runs now and then every
// `intervalMs`, never two runs at once (a slow run makes the next tick wait for it instead of
// piling up), does not keep the process alive, and `stop()` waits for the run in progress.

export interface Repeating {
	/** Runs now (also what the interval does); resolves when the run is done. */
	tick(): Promise<void>
	stop(): Promise<void>
}

export function repeatEvery(intervalMs: number, run: (isStopped: () => boolean) => Promise<void>): Repeating {
	let running: Promise<void> | null = null
	let stopped = false
	const isStopped = () => stopped
	const tick = () => {
		if (stopped) return Promise.resolve()
		running ??= run(isStopped).finally(() => {
			running = null
		})
		return running
	}
	const timer = setInterval(() => void tick(), intervalMs)
	timer.unref()
	void tick()
	return {
		tick,
		async stop() {
			stopped = true
			clearInterval(timer)
			await running
		},
	}
}
