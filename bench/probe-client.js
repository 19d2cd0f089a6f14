// The rush bench's trivial-route probe (bench/rush.ts), in a process of its own: it stands for
// another user of the portal, whose browser is not slowed by the 330 simulated members that share
// the bench's event loop. In that loop the probe's figures held the bench's own waiting too, at
// rest hardly any, under the rush tens of milliseconds; the issue asks whether the portal stalls.
// Plain JavaScript, started with node itself (no TypeScript loader, a short start).
// Arguments: base URL, how long to probe (ms), loops. Prints the samples as JSON: moment (ms since
// this process started), duration (ms), whether the answer was 2xx.
const [base, duration, loops = '4'] = process.argv.slice(2)
const until = performance.now() + Number(duration)
const samples = []
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
await Promise.all(
	Array.from({ length: Number(loops) }, async () => {
		while (performance.now() < until) {
			const started = performance.now()
			try {
				const response = await fetch(`${base}/healthz`)
				await response.arrayBuffer()
				samples.push({ at: started, ms: performance.now() - started, ok: response.ok })
			} catch {
				// counted as missing; the rush's errors are what matter
			}
			await sleep(20)
		}
	}),
)
process.stdout.write(JSON.stringify(samples))
