import { z } from 'zod'
import type { Route } from './+types/open-data-file'
import { now } from '#app/lib/clock.server.ts'
import {
	OPEN_DATA_CORS,
	openDataCsv,
	openDataError,
	openDataRegister,
	openDataResponse,
} from '#app/services/open-data.server.ts'
import { defaultRegisterYear, registerEntries, registerYears } from '#app/services/register.server.ts'

// /open-data/v1/register.json and .csv (?jaar=YYYY, default the running year): the register of a
// year as open data, schema version 1 (docs/open-data.md). One module for both routes, the format from the path.
const yearParam = z
	.string()
	.regex(/^\d{4}$/)
	.transform(Number)

export async function loader({ request }: Route.LoaderArgs) {
	const json = new URL(request.url).pathname.endsWith('.json')
	const clock = now()
	const years = await registerYears(clock)
	const asked = new URL(request.url).searchParams.get('jaar')
	let year = defaultRegisterYear(years, clock)
	if (asked !== null) {
		const parsed = yearParam.safeParse(asked)
		if (!parsed.success) return openDataError(400, 'Ongeldig jaar: gebruik ?jaar=JJJJ, bijvoorbeeld ?jaar=2026.', json)
		year = parsed.data
	}
	if (!years.includes(year)) return openDataError(404, `Geen register voor ${year}.`, json)
	const loaded = await registerEntries(year, clock)
	if (!loaded) return openDataError(404, `Geen register voor ${year}.`, json)
	const register = openDataRegister(year, loaded.at, loaded.entries)
	return json
		? openDataResponse(
				request,
				JSON.stringify(register),
				'application/json; charset=utf-8',
				`keurmerkregister-${year}.json`,
			)
		: openDataResponse(request, openDataCsv(register), 'text/csv; charset=utf-8', `keurmerkregister-${year}.csv`)
}

/** CORS preflight; the open data is read-only. */
export async function action({ request }: Route.ActionArgs) {
	if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: OPEN_DATA_CORS })
	return new Response('Alleen lezen', { status: 405, headers: { ...OPEN_DATA_CORS, Allow: 'GET, HEAD, OPTIONS' } })
}
