// The server's own request-duration histogram (keurmerk_http_request_duration_seconds, from its
// /metrics), per route pattern and summed over methods and status classes. Read before and after a
// run, the difference says how long the server itself took, apart from the wait in the kernel and
// in the bench's own event loop that the client's figures include.

/** Cumulative counts per bucket bound (seconds; Infinity for +Inf), per route pattern. */
export type RouteHistograms = Map<string, Map<number, number>>

export function parseRouteHistograms(text: string): RouteHistograms {
	const histograms: RouteHistograms = new Map()
	const line = /^keurmerk_http_request_duration_seconds_bucket\{([^}]*)\} (\S+)$/gm
	for (const [, labels = '', count = '0'] of text.matchAll(line)) {
		const route = /route="([^"]*)"/.exec(labels)?.[1]
		const le = /le="([^"]*)"/.exec(labels)?.[1]
		if (!route || !le) continue
		const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le)
		const buckets = histograms.get(route) ?? new Map<number, number>()
		buckets.set(bound, (buckets.get(bound) ?? 0) + Number(count))
		histograms.set(route, buckets)
	}
	return histograms
}

/**
 * Quantiles (ms) of one route between two scrapes, interpolated linearly inside a bucket as
 * Prometheus' histogram_quantile does: coarse (the buckets are 5, 10, 25, 50, 100, 250 ms …), but
 * enough to tell whether a tail is the server's or the machine's. Null when nothing was answered.
 */
export function serverQuantiles(
	before: RouteHistograms | null,
	after: RouteHistograms | null,
	route: string,
): { count: number; p50: number; p95: number; p99: number } | null {
	const end = after?.get(route)
	if (!end) return null
	const start = before?.get(route)
	const bounds = [...end.keys()].sort((a, b) => a - b)
	const counts = bounds.map((bound) => (end.get(bound) ?? 0) - (start?.get(bound) ?? 0))
	const total = counts.at(-1) ?? 0
	if (total === 0) return null
	const quantile = (q: number) => {
		const rank = q * total
		let lower = 0
		let below = 0
		for (const [index, bound] of bounds.entries()) {
			const cumulative = counts[index] ?? 0
			if (cumulative >= rank) {
				// Past the last finite bound nothing is known but that bound.
				if (!Number.isFinite(bound)) return lower * 1000
				const share = cumulative === below ? 0 : (rank - below) / (cumulative - below)
				return Math.round((lower + (bound - lower) * share) * 10_000) / 10
			}
			lower = bound
			below = cumulative
		}
		return lower * 1000
	}
	return { count: total, p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99) }
}
