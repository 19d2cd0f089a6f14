// The bench's own event-loop monitors (bench/lib.ts, bench/rush-members-child.ts): no database or
// report code, so a members' process starts light.
import { monitorEventLoopDelay } from 'node:perf_hooks'

/**
 * perf_hooks' event-loop monitor times an interval timer and records each interval whole: an idle
 * loop reads its resolution, not 0. prom-client samples every 10 ms (its eventLoopMonitoringPrecision,
 * which app/lib/metrics.server.ts leaves as it is), and so do the bench's own monitors.
 */
export const LOOP_SAMPLING_MS = 10

/** The delay in a whole sampling interval `ms`: how much later than due the loop came round. */
export function loopDelay(ms: number): number {
	return Math.max(0, Math.round((ms - LOOP_SAMPLING_MS) * 10) / 10)
}

/** A monitor of this process's own event loop (the bench's clients): enable, then read its delays. */
export function ownLoopMonitor() {
	const histogram = monitorEventLoopDelay({ resolution: LOOP_SAMPLING_MS })
	const ms = (nanoseconds: number) => loopDelay(nanoseconds / 1e6)
	return {
		start: () => {
			histogram.reset()
			histogram.enable()
		},
		read: () => {
			histogram.disable()
			return {
				p50: ms(histogram.percentile(50)),
				p95: ms(histogram.percentile(95)),
				p99: ms(histogram.percentile(99)),
				max: ms(histogram.max),
			}
		},
	}
}
