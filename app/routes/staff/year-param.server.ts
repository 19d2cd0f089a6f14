import { now } from '#app/lib/clock.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'

/** `?jaar=2027` (or `alle`): the running year by default, else the latest year that exists. */
export function chosenYear(url: URL, years: readonly number[]): number | null {
	const raw = url.searchParams.get('jaar')
	if (raw === 'alle') return null
	const asked = Number(raw)
	if (raw && years.includes(asked)) return asked
	const running = runningYearAt(now())
	return years.includes(running) ? running : (years[0] ?? null)
}
