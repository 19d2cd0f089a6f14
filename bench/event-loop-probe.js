// Loaded into the bench's server with `node --import` (bench/upload-cpu.ts): the server's own
// event-loop delay, as perf_hooks measures it, written to UPLOAD_BENCH_PROBE on SIGUSR2 and then
// reset, so the bench reads one histogram per phase. Plain JavaScript: Node loads it before the
// server, without a TypeScript loader. Not part of the portal.
import { writeFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'

const file = process.env.UPLOAD_BENCH_PROBE
if (file) {
	const histogram = monitorEventLoopDelay({ resolution: 10 })
	histogram.enable()
	// The monitor records each 10 ms interval whole (an idle loop reads 10 ms): the delay is the rest
	// (bench/lib.ts, loopDelay; before stop 30 the whole interval was reported).
	const ms = (nanoseconds) => Math.max(0, Number((nanoseconds / 1e6 - 10).toFixed(1)))
	process.on('SIGUSR2', () => {
		writeFileSync(
			file,
			JSON.stringify({
				max: ms(histogram.max),
				p99: ms(histogram.percentile(99)),
				p50: ms(histogram.percentile(50)),
				mean: ms(histogram.mean),
			}),
		)
		histogram.reset()
	})
}
