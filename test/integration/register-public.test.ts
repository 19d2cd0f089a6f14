// Certificate verification, open data and published norms (issue 6), and fuzzed input against
// every public register loader: whatever the URL holds, never a 500.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { readStoredFile } from '#app/lib/storage.server.ts'
import { createRegisterYear, type RegisterYearScenario } from '#app/lib/test-fixtures/register.server.ts'
import { loader as carrierLoader } from '#app/routes/public/carrier.tsx'
import { loader as normsYearLoader } from '#app/routes/public/norms-year.tsx'
import { action as openDataAction, loader as openDataLoader } from '#app/routes/public/open-data-file.ts'
import { loader as registerLoader } from '#app/routes/public/register.tsx'
import { loader as verifyLoader } from '#app/routes/public/verify.tsx'
import { loadPublishedNormSet } from '#app/services/published-norms.server.ts'
import { flushVerificationCounts } from '#app/services/verification-counts.server.ts'
import { verifyCertificate } from '#app/services/verification.server.ts'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { baseUrl, dataOf, getRequest, routeArgs, settle } from '#test/fixtures/requests.ts'

const YEAR = 2078
let scenario: RegisterYearScenario
const may = amsterdamInstant(`${YEAR}-05-01`, { hour: 12 })

beforeAll(async () => {
	scenario = await createRegisterYear({
		year: YEAR,
		prefix: 'Openbaar',
		qualified: [
			{
				name: 'Praktijk De Linde',
				city: 'Utrecht',
				postcode: '3511 AB',
				type: 'independent_practice',
				website: 'https://linde.example.nl',
			},
			{ name: '=HYPERLINK("x") GGZ', city: 'Zwolle', postcode: '8011 CD', type: 'institution' },
		],
	})
}, 180_000)

describe('certificate verification', () => {
	it('answers valid, withdrawn, expired and unknown, live, and counts every lookup', async () => {
		const valid = scenario.qualified[0]?.certificateNumber ?? ''
		expect(await verifyCertificate(valid, may)).toMatchObject({
			result: 'valid',
			number: valid,
			carrier: { name: 'Praktijk De Linde', city: 'Utrecht' },
		})
		// As typed: lower case, spaces, no leading zeros.
		const sequence = Number(valid.slice(-4))
		expect(await verifyCertificate(` kbg-${YEAR}-${sequence} `, may)).toMatchObject({ result: 'valid', number: valid })

		const withdrawn = await verifyCertificate(scenario.withdrawn.certificateNumber, may)
		expect(withdrawn).toMatchObject({ result: 'withdrawn' })
		expect(withdrawn.result === 'withdrawn' && withdrawn.endedAt?.toISOString()).toBe(
			amsterdamInstant(`${YEAR}-03-10`, { hour: 9 }).toISOString(),
		)
		// Before the withdrawal the same certificate was valid: the answer is live.
		expect(
			await verifyCertificate(scenario.withdrawn.certificateNumber, amsterdamInstant(`${YEAR}-03-01`)),
		).toMatchObject({ result: 'valid' })

		expect(await verifyCertificate(valid, amsterdamInstant(`${YEAR + 1}-01-02`))).toMatchObject({ result: 'expired' })
		expect(await verifyCertificate(`KBG-${YEAR}-9999`, may)).toEqual({ result: 'unknown', number: `KBG-${YEAR}-9999` })
		expect(await verifyCertificate('<script>alert(1)</script>', may)).toEqual({ result: 'invalid' })

		// Written behind (verification-counts.server.ts): in the database after the flush.
		await flushVerificationCounts()
		const counted = await db.certificateVerification.findMany({
			where: { queriedNumber: { startsWith: `KBG-${YEAR}-` } },
			orderBy: { at: 'asc' },
		})
		expect(counted.flatMap((row) => Array<string>(row.count).fill(row.result)).sort()).toEqual([
			'expired',
			'unknown',
			'valid',
			'valid',
			'valid',
			'withdrawn',
		])
		// Nothing about the visitor is stored: the model has no such column.
		expect(Object.keys(counted[0] ?? {}).sort()).toEqual([
			'at',
			'certificateId',
			'count',
			'id',
			'queriedNumber',
			'result',
		])
	})

	it('the certificate PDF points to its verification page', async () => {
		const number = scenario.qualified[0]?.certificateNumber ?? ''
		const certificate = await db.certificate.findUniqueOrThrow({ where: { number }, include: { file: true } })
		const text = pdfText(await readStoredFile(certificate.file as NonNullable<typeof certificate.file>)).replace(
			/\s+/g,
			'',
		)
		expect(text).toContain(`/verifieer/${number}`)
	})

	it('the form redirects a typed number to its page and keeps an invalid one with an error', async () => {
		setClock(may)
		const valid = scenario.qualified[0]?.certificateNumber ?? ''
		const { response } = await settle(() =>
			verifyLoader(routeArgs(getRequest(`/verifieer?nummer=${encodeURIComponent(valid.toLowerCase())}`))),
		)
		expect(response?.status).toBe(302)
		expect(response?.headers.get('Location')).toBe(`/verifieer/${valid}`)
		const invalid = dataOf<{ typed: string; error: string }>(
			await verifyLoader(routeArgs(getRequest('/verifieer?nummer=12345'))),
		)
		expect(invalid).toMatchObject({ status: 400, data: { typed: '12345', error: 'register.verifyInvalid' } })
		const page = dataOf<{ verification: { result: string } }>(
			await verifyLoader(routeArgs(getRequest(`/verifieer/${valid}`), { number: valid })),
		)
		expect(page).toMatchObject({ status: 200, data: { verification: { result: 'valid' } } })
		const unknown = dataOf(
			await verifyLoader(routeArgs(getRequest('/verifieer/KBG-2078-7777'), { number: 'KBG-2078-7777' })),
		)
		expect(unknown.status).toBe(404)
	})
})

describe('open data', () => {
	const fetchFile = async (path: string, headers: Record<string, string> = {}) =>
		(await openDataLoader(routeArgs(new Request(`${baseUrl}${path}`, { headers })))) as Response

	it('serves the year as JSON with schema version 1, an ETag, caching and open CORS', async () => {
		setClock(may)
		const response = await fetchFile(`/open-data/v1/register.json?jaar=${YEAR}`)
		expect(response.status).toBe(200)
		expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
		expect(response.headers.get('Cache-Control')).toBe('public, max-age=300')
		const etag = response.headers.get('ETag') ?? ''
		expect(etag).toMatch(/^"[\w-]+"$/)
		const body = (await response.json()) as {
			schemaVersion: number
			year: number
			statusOn: string
			count: number
			carriers: Record<string, unknown>[]
		}
		expect(body).toMatchObject({ schemaVersion: 1, year: YEAR, statusOn: `${YEAR}-05-01`, count: 2 })
		expect(body.carriers.map((carrier) => carrier.status).sort()).toEqual(['qualified', 'qualified'])
		// 003 §3.3: a withdrawn carrier is removed from the register, so from its open data too.
		expect(body.carriers.find((carrier) => carrier.name === scenario.withdrawn.name)).toBeUndefined()
		expect(body.carriers.every((carrier) => carrier.withdrawnOn === null)).toBe(true)
		expect(body.carriers.find((carrier) => carrier.name === 'Praktijk De Linde')).toMatchObject({
			type: 'independent_practice',
			province: 'Utrecht',
			website: 'https://linde.example.nl',
			certificateValidUntil: `${YEAR}-12-31`,
			qualifiedOn: `${YEAR}-02-10`,
		})
		expect(Object.keys(body.carriers[0] ?? {}).sort()).toEqual(
			[
				'certificateNumber',
				'certificateValidUntil',
				'city',
				'listedFrom',
				'name',
				'postcode',
				'province',
				'qualifiedOn',
				'slug',
				'status',
				'type',
				'url',
				'website',
				'withdrawnOn',
			].sort(),
		)
		// Unchanged: 304 without a body; same ETag on the next request.
		const again = await fetchFile(`/open-data/v1/register.json?jaar=${YEAR}`, { 'If-None-Match': etag })
		expect(again.status).toBe(304)
		expect(await again.text()).toBe('')
		// A change in the register changes the ETag.
		setClock(amsterdamInstant(`${YEAR}-05-02`, { hour: 12 }))
		expect((await fetchFile(`/open-data/v1/register.json?jaar=${YEAR}`, { 'If-None-Match': etag })).status).toBe(200)
	})

	it('serves the same rows as CSV, safe for Excel, and answers bad years and preflights', async () => {
		setClock(may)
		const response = await fetchFile(`/open-data/v1/register.csv?jaar=${YEAR}`)
		expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
		const csv = await response.text()
		const lines = csv
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n')
		expect(lines).toHaveLength(3)
		expect(lines[0]).toBe(
			'"year";"name";"slug";"url";"type";"city";"postcode";"province";"website";"status";"listedFrom";"withdrawnOn";"qualifiedOn";"certificateNumber";"certificateValidUntil"',
		)
		// A name that Excel would run as a formula is neutralised.
		expect(csv).toContain(`"'=HYPERLINK(""x"") GGZ"`)

		expect((await fetchFile('/open-data/v1/register.json?jaar=abc')).status).toBe(400)
		expect((await fetchFile('/open-data/v1/register.csv?jaar=2099')).status).toBe(404)
		const preflight = (await openDataAction(
			routeArgs(new Request(`${baseUrl}/open-data/v1/register.json`, { method: 'OPTIONS' })),
		)) as Response
		expect(preflight.status).toBe(204)
		expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*')
		const post = (await openDataAction(
			routeArgs(new Request(`${baseUrl}/open-data/v1/register.json`, { method: 'POST' })),
		)) as Response
		expect(post.status).toBe(405)
	})
})

describe('published norms', () => {
	it('shows a published year with what changed since the previous one, and never a draft', async () => {
		await ensureMarkYear(2081)
		await ensureMarkYear(2082)
		const loaded = await loadPublishedNormSet(2082)
		expect(loaded?.previous?.year).toBe(2081)
		// Same norms: nothing added or removed.
		expect(loaded?.previous?.diff.norms.added).toEqual([])
		expect(loaded?.previous?.diff.criteria.unchanged.length).toBeGreaterThan(5)
		await db.normSet.update({ where: { year: 2082 }, data: { status: 'draft' } })
		const { response } = await settle(() => normsYearLoader(routeArgs(getRequest('/normen/2082'), { year: '2082' })))
		expect(response?.status).toBe(404)
		expect((await loadPublishedNormSet(2081))?.next).toBeNull()
	})
})

// Values a visitor (or a crawler, or an attacker) may put in a URL.
const nasty = fc.oneof(
	fc.string({ maxLength: 30 }),
	fc.string({ minLength: 200, maxLength: 3000 }),
	fc.constantFrom(
		"' OR 1=1 --",
		'\'; DROP TABLE "Provider"; --',
		'%',
		'_',
		'\\',
		'<script>alert(1)</script>',
		'"><img src=x onerror=alert(1)>',
		'-1',
		'0',
		'99999999999999999999',
		'1e3',
		'NaN',
		'2026',
		'qualified',
		'institution',
		'Utrecht',
		'\u0000',
		'a\u0000b',
		'𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
		'KBG-2078-0001',
		'../../etc/passwd',
	),
)
const paramNames = fc.constantFrom(
	'q',
	'type',
	'provincie',
	'plaats',
	'postcode',
	'status',
	'jaar',
	'sorteer',
	'pagina',
	'nummer',
	'x',
)

async function expectNo500(run: () => Promise<unknown>) {
	try {
		const value = await run()
		if (value instanceof Response) expect(value.status).toBeLessThan(500)
		else expect(dataOf(value).status).toBeLessThan(500)
	} catch (thrown) {
		if (!(thrown instanceof Response)) throw thrown
		expect(thrown.status).toBeLessThan(500)
	}
}

describe('fuzzed input', () => {
	it('never makes a public register loader fail', async () => {
		setClock(may)
		await fc.assert(
			fc.asyncProperty(fc.array(fc.tuple(paramNames, nasty), { maxLength: 6 }), nasty, async (pairs, param) => {
				const search = new URLSearchParams(pairs).toString()
				await expectNo500(() => registerLoader(routeArgs(getRequest(`/register?${search}`))))
				await expectNo500(() => verifyLoader(routeArgs(getRequest(`/verifieer?${search}`))))
				await expectNo500(() => verifyLoader(routeArgs(getRequest('/verifieer/x'), { number: param })))
				await expectNo500(() => carrierLoader(routeArgs(getRequest('/register/x'), { slug: param })))
				await expectNo500(() => normsYearLoader(routeArgs(getRequest('/normen/x'), { year: param })))
				await expectNo500(() => openDataLoader(routeArgs(getRequest(`/open-data/v1/register.json?${search}`))))
				await expectNo500(() => openDataLoader(routeArgs(getRequest(`/open-data/v1/register.csv?${search}`))))
			}),
			{ numRuns: 150 },
		)
	})
})
