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
import { cachedRegisterAnswer } from '#app/services/register-cache.server.ts'
import { defaultRegisterYear, registerEntries, registerYears } from '#app/services/register.server.ts'

// /open-data/v1/register.json and .csv (?jaar=YYYY, default the running year): the register of a
// year as open data, schema version 1 (docs/open-data.md). One module for both routes, the format from the path.
const yearParam = z
	.string()
	.regex(/^\d{4}$/)
	.transform(Number)

export async function loader({ request }: Route.LoaderArgs) {
	const json = new URL(request.url).pathname.endsWith('.json')
	const asked = new URL(request.url).searchParams.get('jaar')
	// The file is computed once per (register version, moment, year, format): on 10,000 carriers
	// it is the register's most expensive answer (app/services/register-cache.server.ts).
	const file = await cachedRegisterAnswer(`open-data:${json ? 'json' : 'csv'}:${asked ?? ''}`, now(), (at) =>
		openDataFile(asked, json, at),
	)
	if (!file.ok) return openDataError(file.status, file.message, json)
	return openDataResponse(
		request,
		file.body,
		json ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
		`keurmerkregister-${file.year}.${json ? 'json' : 'csv'}`,
	)
}

type OpenDataFile = { ok: true; year: number; body: string } | { ok: false; status: 400 | 404; message: string }

async function openDataFile(asked: string | null, json: boolean, clock: Date): Promise<OpenDataFile> {
	const years = await registerYears(clock)
	let year = defaultRegisterYear(years, clock)
	if (asked !== null) {
		const parsed = yearParam.safeParse(asked)
		if (!parsed.success)
			return { ok: false, status: 400, message: 'Ongeldig jaar: gebruik ?jaar=JJJJ, bijvoorbeeld ?jaar=2026.' }
		year = parsed.data
	}
	if (!years.includes(year)) return { ok: false, status: 404, message: `Geen register voor ${year}.` }
	const loaded = await registerEntries(year, clock)
	if (!loaded) return { ok: false, status: 404, message: `Geen register voor ${year}.` }
	const register = openDataRegister(year, loaded.at, loaded.entries)
	return { ok: true, year, body: json ? JSON.stringify(register) : openDataCsv(register) }
}

/** CORS preflight; the open data is read-only. */
export async function action({ request }: Route.ActionArgs) {
	if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: OPEN_DATA_CORS })
	return new Response('Alleen lezen', { status: 405, headers: { ...OPEN_DATA_CORS, Allow: 'GET, HEAD, OPTIONS' } })
}
