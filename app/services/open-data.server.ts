// The register as open data (issue 6): JSON and CSV of one year, schema version 1 (documented in
// docs/open-data.md and on /open-data). Readable from any origin (CORS), cacheable with an ETag so
// an insurer's nightly import costs a 304 when nothing changed.
import { href } from 'react-router'
import { createHash } from 'node:crypto'
import { toCsv, type CsvColumn } from '#app/lib/csv.ts'
import { amsterdamDateOf } from '#app/domain/amsterdam-time.ts'
import { absoluteUrl } from './auth.server.ts'
import type { RegisterEntry } from './register.server.ts'

export const OPEN_DATA_SCHEMA_VERSION = 1

/** One carrier in the open data, every date a calendar day in Europe/Amsterdam (YYYY-MM-DD). */
export interface OpenDataCarrier {
	name: string
	slug: string
	url: string
	type: RegisterEntry['type']
	city: string
	postcode: string
	province: string | null
	website: string | null
	status: RegisterEntry['status']
	listedFrom: string
	withdrawnOn: string | null
	qualifiedOn: string | null
	certificateNumber: string | null
	certificateValidUntil: string | null
}

export interface OpenDataRegister {
	schemaVersion: typeof OPEN_DATA_SCHEMA_VERSION
	schema: string
	year: number
	/** The day the statuses are for: today for the running year, 31 December for a past one. */
	statusOn: string
	count: number
	carriers: OpenDataCarrier[]
}

const day = (instant: Date | null) => (instant ? amsterdamDateOf(instant) : null)

export function openDataCarrier(entry: RegisterEntry): OpenDataCarrier {
	return {
		name: entry.name,
		slug: entry.slug,
		url: absoluteUrl(href('/register/:slug', { slug: encodeURIComponent(entry.slug) })),
		type: entry.type,
		city: entry.city,
		postcode: entry.postcode,
		province: entry.province,
		website: entry.website,
		status: entry.status,
		listedFrom: amsterdamDateOf(entry.listedFrom),
		withdrawnOn: day(entry.withdrawnAt),
		qualifiedOn: day(entry.qualifiedAt),
		certificateNumber: entry.certificateNumber,
		certificateValidUntil: day(entry.certificateValidUntil),
	}
}

export function openDataRegister(year: number, at: Date, entries: RegisterEntry[]): OpenDataRegister {
	return {
		schemaVersion: OPEN_DATA_SCHEMA_VERSION,
		schema: absoluteUrl('/open-data#schema-v1'),
		year,
		statusOn: amsterdamDateOf(at),
		count: entries.length,
		carriers: entries.map(openDataCarrier),
	}
}

/** The CSV columns: the JSON fields in the same order, plus the year (one file may be combined with others). */
export const OPEN_DATA_CSV_COLUMNS: readonly CsvColumn<OpenDataCarrier & { year: number }>[] = [
	{ header: 'year', value: (row) => String(row.year) },
	{ header: 'name', value: (row) => row.name },
	{ header: 'slug', value: (row) => row.slug },
	{ header: 'url', value: (row) => row.url },
	{ header: 'type', value: (row) => row.type },
	{ header: 'city', value: (row) => row.city },
	{ header: 'postcode', value: (row) => row.postcode },
	{ header: 'province', value: (row) => row.province },
	{ header: 'website', value: (row) => row.website },
	{ header: 'status', value: (row) => row.status },
	{ header: 'listedFrom', value: (row) => row.listedFrom },
	{ header: 'withdrawnOn', value: (row) => row.withdrawnOn },
	{ header: 'qualifiedOn', value: (row) => row.qualifiedOn },
	{ header: 'certificateNumber', value: (row) => row.certificateNumber },
	{ header: 'certificateValidUntil', value: (row) => row.certificateValidUntil },
]

export function openDataCsv(register: OpenDataRegister): string {
	return toCsv(
		OPEN_DATA_CSV_COLUMNS,
		register.carriers.map((carrier) => ({ ...carrier, year: register.year })),
	)
}

export const OPEN_DATA_CORS = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
	'Access-Control-Allow-Headers': 'If-None-Match',
	'Access-Control-Expose-Headers': 'ETag',
	'Access-Control-Max-Age': '86400',
} as const

/**
 * A cacheable, CORS-open response: a strong ETag over the body, 304 when the client has it.
 * Five minutes of freshness: a withdrawal shows in the open data soon, yet a crawler is cheap.
 */
export function openDataResponse(request: Request, body: string, contentType: string, filename: string): Response {
	const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
	const headers = new Headers({
		...OPEN_DATA_CORS,
		ETag: etag,
		'Cache-Control': 'public, max-age=300',
		Vary: 'Origin',
		'X-Content-Type-Options': 'nosniff',
	})
	const match = request.headers.get('If-None-Match')
	if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) {
		return new Response(null, { status: 304, headers })
	}
	headers.set('Content-Type', contentType)
	headers.set('Content-Disposition', `inline; filename="${filename}"`)
	return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers })
}

/** A CORS-open error in the format of the file asked for (JSON or plain text). */
export function openDataError(status: number, message: string, json: boolean): Response {
	const headers = { ...OPEN_DATA_CORS, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }
	return json
		? Response.json({ error: message }, { status, headers })
		: new Response(`${message}\n`, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } })
}
