import { describe, expect, it } from 'vitest'
import { parseRouteHistograms, serverQuantiles } from '../../bench/server-histogram.ts'

// The rush bench reads the server's own timing beside the client's: the quantiles must come from
// the difference of two scrapes, summed over status classes, as Prometheus would interpolate them.
const scrape = (buckets: Record<string, [number, number]>) =>
	Object.entries(buckets)
		.flatMap(([le, [ok, conflict]]) => [
			`keurmerk_http_request_duration_seconds_bucket{le="${le}",route="/a",method="POST",status="2xx"} ${ok}`,
			`keurmerk_http_request_duration_seconds_bucket{le="${le}",route="/a",method="POST",status="4xx"} ${conflict}`,
		])
		.join('\n')

describe('serverQuantiles', () => {
	it('interpolates inside the bucket of the rank, over the requests between the scrapes only', () => {
		const before = parseRouteHistograms(scrape({ '0.01': [50, 0], '0.1': [100, 0], '+Inf': [100, 0] }))
		// Between the scrapes: 80 under 10 ms, 10 more under 100 ms (one of them a 409), 10 beyond.
		const after = parseRouteHistograms(scrape({ '0.01': [130, 0], '0.1': [189, 1], '+Inf': [199, 1] }))
		const quantiles = serverQuantiles(before, after, '/a')
		expect(quantiles).toEqual({ count: 100, p50: 6.3, p95: 100, p99: 100 })
		expect(serverQuantiles(before, after, '/b')).toBeNull()
		expect(serverQuantiles(after, after, '/a')).toBeNull()
	})
})
