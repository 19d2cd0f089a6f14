// The background loops (mail worker, scheduler) note each pass here, so the health endpoint can
// tell a running loop from one that hangs or died. Real time, not the portal clock: this is about
// the process, not the business calendar.
const key = Symbol.for('keurmerk.heartbeats')
type Holder = { [key]?: Map<string, { intervalMs: number; at: number }> }

function beats() {
	const holder = globalThis as Holder
	holder[key] ??= new Map()
	return holder[key]
}

export type LoopName = 'mail-worker' | 'scheduler'

export function beat(name: LoopName, intervalMs: number): void {
	beats().set(name, { intervalMs, at: Date.now() })
}

export function stopBeating(name: LoopName): void {
	beats().delete(name)
}

/**
 * 'off' when the loop is not started in this process; 'stale' when its last pass began more than
 * three intervals (and at least five minutes, for a long job run or a slow SMTP server) ago.
 */
export function loopState(name: LoopName, at = Date.now()): 'running' | 'stale' | 'off' {
	const last = beats().get(name)
	if (!last) return 'off'
	return at - last.at > Math.max(3 * last.intervalMs, 5 * 60_000) ? 'stale' : 'running'
}
