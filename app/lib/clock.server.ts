// The one clock of the portal. Every deadline, transition and audit time asks `now()`; tests
// and demos move it (KEURMERK_NOW, setClock) instead of waiting for 1 April.
//
// Security mechanics (session and token expiry, rate limits) deliberately use real time
// (`Date.now()`): moving the demo clock to next March must not log everybody out.
// See docs/decisions/005-one-clock.md.

type ClockState = { mode: 'real' } | { mode: 'frozen'; at: number } | { mode: 'running'; offsetMs: number }

const key = Symbol.for('keurmerk.clock')
type Holder = { [key]?: ClockState }

function state(): ClockState {
	const holder = globalThis as Holder
	holder[key] ??= { mode: 'real' }
	return holder[key]
}

export function now(): Date {
	const current = state()
	switch (current.mode) {
		case 'real':
			return new Date()
		case 'frozen':
			return new Date(current.at)
		case 'running':
			return new Date(Date.now() + current.offsetMs)
	}
}

/**
 * Sets the clock. `frozen` stands still (tests); `running` starts at `at` and advances in real
 * time (demos). `null` returns to real time.
 */
export function setClock(at: Date | null, mode: 'frozen' | 'running' = 'frozen'): void {
	const holder = globalThis as Holder
	if (at === null) holder[key] = { mode: 'real' }
	else if (mode === 'frozen') holder[key] = { mode: 'frozen', at: at.getTime() }
	else holder[key] = { mode: 'running', offsetMs: at.getTime() - Date.now() }
}

export function clockDescription(): { mode: ClockState['mode']; now: string } {
	return { mode: state().mode, now: now().toISOString() }
}
