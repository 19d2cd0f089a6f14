import { z } from 'zod'
import type { Route } from './+types/open-data-benchmark'
import { toCsv } from '#app/components/data-table/csv.ts'
import { absoluteUrl } from '#app/services/auth.server.ts'
import { aggregateCsvColumns, benchmarkOpenDataJson } from '#app/services/benchmark-open-data.server.ts'
import { aggregateRows, benchmarkYears } from '#app/services/benchmark.server.ts'
import { OPEN_DATA_CORS, openDataError, openDataResponse } from '#app/services/open-data.server.ts'

// /open-data/v1/spiegelrapportage.json and .csv (?jaar=YYYY, default the latest published list):
// the field's aggregated indicators, only comparison groups of at least the minimum size
// (docs/open-data.md). Never a carrier's name or value.
const yearParam = z
	.string()
	.regex(/^\d{4}$/)
	.transform(Number)

export async function loader({ request }: Route.LoaderArgs) {
	const url = new URL(request.url)
	const json = url.pathname.endsWith('.json')
	const years = await benchmarkYears({ published: true })
	const asked = url.searchParams.get('jaar')
	let year = years[0]
	if (asked !== null) {
		const parsed = yearParam.safeParse(asked)
		if (!parsed.success) return openDataError(400, 'Ongeldig jaar: gebruik ?jaar=JJJJ, bijvoorbeeld ?jaar=2026.', json)
		year = parsed.data
	}
	const aggregates = year === undefined ? null : await aggregateRows(year, { published: true })
	if (!aggregates || year === undefined)
		return openDataError(404, `Geen spiegelrapportage voor ${asked ?? 'dit jaar'}.`, json)
	const name = `spiegelrapportage-${year}`
	return json
		? openDataResponse(
				request,
				JSON.stringify(
					benchmarkOpenDataJson(
						year,
						aggregates.minGroupSize,
						aggregates.rows,
						absoluteUrl('/open-data#spiegelrapportage'),
					),
				),
				'application/json; charset=utf-8',
				`${name}.json`,
			)
		: openDataResponse(request, toCsv(aggregateCsvColumns(), aggregates.rows), 'text/csv; charset=utf-8', `${name}.csv`)
}

/** CORS preflight; the open data is read-only. */
export async function action({ request }: Route.ActionArgs) {
	if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: OPEN_DATA_CORS })
	return new Response('Alleen lezen', { status: 405, headers: { ...OPEN_DATA_CORS, Allow: 'GET, HEAD, OPTIONS' } })
}
