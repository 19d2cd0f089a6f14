// The year and the "only the kennisnetwerk" choice of the theme matrix, from the query string.
import { now } from '#app/lib/clock.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'

export function matrixQuery(search: URLSearchParams, years: number[]) {
	const running = runningYearAt(now())
	const wanted = Number(search.get('jaar'))
	const year = years.includes(wanted)
		? wanted
		: (years.find((candidate) => candidate <= running) ?? years[0] ?? running)
	return { year, onlyOptedIn: search.get('netwerk') === 'on' }
}
