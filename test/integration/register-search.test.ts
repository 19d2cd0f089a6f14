// The public register (issue 6) on a real database: search and filters, the carrier page, history
// after a withdrawal, and the SQL status agreeing with the domain's registerStatus at every moment.
import { beforeAll, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import {
	DEFAULT_REGISTER_QUERY,
	normaliseSearchText,
	parseRegisterQuery,
	type RegisterQuery,
} from '#app/domain/register-search.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createRegisterYear, type RegisterYearScenario } from '#app/lib/test-fixtures/register.server.ts'
import { loadCarrier, registerEntries, searchRegister } from '#app/services/register.server.ts'
import { loader as carrierLoader } from '#app/routes/public/carrier.tsx'
import { loader as registerLoader } from '#app/routes/public/register.tsx'
import { getRequest, routeArgs, settle } from '#test/fixtures/requests.ts'

const YEAR = 2076
let scenario: RegisterYearScenario
const query = (changes: Partial<RegisterQuery>): RegisterQuery => ({
	...DEFAULT_REGISTER_QUERY,
	year: YEAR,
	...changes,
})
const may = amsterdamInstant(`${YEAR}-05-01`, { hour: 12 })
const february = amsterdamInstant(`${YEAR}-02-20`, { hour: 12 })

beforeAll(async () => {
	scenario = await createRegisterYear({
		year: YEAR,
		prefix: 'Zoekproef',
		qualified: [
			{
				name: 'Praktijk Zoë de Vries',
				city: 'Den Haag',
				postcode: '2511 AB',
				type: 'independent_practice',
				website: 'https://zoe.example.nl',
			},
			{ name: 'GGZ Noorderlicht', city: 'Groningen', postcode: '9711 AA', type: 'institution' },
			{ name: 'Praktijk Cliëntwijs', city: 'Groningen', postcode: '9712 BC', type: 'independent_practice' },
			{ name: 'Praktijk 100% Zorg_Sa', city: 'Maastricht', postcode: '6211 AA', type: 'independent_practice' },
		],
	})
}, 180_000)

const names = (result: { entries: { name: string }[] }) => result.entries.map((entry) => entry.name)

describe('register search', () => {
	it('finds by name and city, ignoring case and accents, with all words required', async () => {
		expect(names(await searchRegister(query({ q: 'zoe vries' }), may))).toEqual(['Praktijk Zoë de Vries'])
		expect(names(await searchRegister(query({ q: 'ZOË' }), may))).toContain('Praktijk Zoë de Vries')
		expect(names(await searchRegister(query({ q: 'CLIENTWIJS' }), may))).toEqual(['Praktijk Cliëntwijs'])
		expect(names(await searchRegister(query({ q: 'praktijk groningen' }), may))).toEqual(['Praktijk Cliëntwijs'])
		// Typed wildcards match themselves.
		expect(names(await searchRegister(query({ q: '100%' }), may))).toEqual(['Praktijk 100% Zorg_Sa'])
		expect(names(await searchRegister(query({ q: 'g_z' }), may))).toEqual([])
	})

	it('keeps the folded search text of every provider in step with the domain, through a trigger', async () => {
		const provider = await db.provider.findFirstOrThrow({ where: { slug: scenario.qualified[0]?.slug } })
		expect(provider.searchText).toBe(normaliseSearchText(`${provider.name} ${provider.city}`))
		const name = 'ÀÉÎÕÜ Çñÿ Ëlla-Zoë'
		const updated = await db.provider.update({ where: { id: provider.id }, data: { name, city: 'Sint-Oedenrode' } })
		expect(updated.searchText).toBe(normaliseSearchText(`${name} Sint-Oedenrode`))
		expect(updated.searchText).toBe('aeiou cny ella-zoe sint-oedenrode')
		await db.provider.update({ where: { id: provider.id }, data: { name: 'Praktijk Zoë de Vries', city: 'Den Haag' } })
	})

	it('filters by type, city, province (from the postcode), postcode area and status', async () => {
		expect(names(await searchRegister(query({ city: 'groningen', type: 'institution' }), may))).toEqual([
			'GGZ Noorderlicht',
		])
		expect(names(await searchRegister(query({ province: 'Groningen' }), may))).toEqual([
			'GGZ Noorderlicht',
			'Praktijk Cliëntwijs',
		])
		expect(names(await searchRegister(query({ province: 'Limburg' }), may))).toEqual(['Praktijk 100% Zorg_Sa'])
		expect(names(await searchRegister(query({ postcode: '25' }), may))).toEqual(['Praktijk Zoë de Vries'])
		const qualified = await searchRegister(query({ status: 'qualified' }), may)
		expect(qualified.statusCounts).toEqual({ qualified: 4, listed: 0 })
		expect(qualified.total).toBe(4)
	})

	it('never lists a provider that only applied, and sorts and pages in the database', async () => {
		const all = await searchRegister(query({}), may)
		expect(all.total).toBe(4)
		expect(names(all)).not.toContain(scenario.appliedOnly.name)
		expect(names(all)).toEqual([...names(all)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en')))
		const byStatus = await searchRegister(query({ sort: 'status' }), may)
		expect(byStatus.entries.map((entry) => entry.status)).toEqual(['qualified', 'qualified', 'qualified', 'qualified'])
		// A page beyond the last shows the last page.
		const beyond = await searchRegister(query({ page: 99 }), may)
		expect(beyond.pagination).toEqual({ page: 1, pageCount: 1, offset: 0 })
	})

	it('003 §3.3: a withdrawn carrier is removed from the register; February shows it as it was then', async () => {
		const inMay = await searchRegister(query({ q: 'teruggetrokken' }), may)
		expect(inMay.entries).toEqual([])
		const inFebruary = await searchRegister(query({}), february)
		expect(inFebruary.statusCounts).toEqual({ qualified: 5, listed: 1 })
		expect(names(inFebruary)).toContain('Zoekproef Teruggetrokken')
		// A later year: the past year shows who was in the register at its end.
		const nextYear = await searchRegister(query({}), amsterdamInstant(`${YEAR + 1}-02-01`))
		expect(nextYear.statusCounts).toEqual({ qualified: 4, listed: 0 })
	})

	it('agrees with the domain’s registerStatus for every participation at every moment', async () => {
		const moments = [
			`${YEAR}-01-01`,
			`${YEAR}-01-03`,
			`${YEAR}-02-10`,
			`${YEAR}-02-20`,
			`${YEAR}-03-10`,
			`${YEAR}-03-31`,
			`${YEAR}-04-01`,
			`${YEAR}-04-02`,
			`${YEAR}-12-31`,
			`${YEAR + 1}-06-01`,
		]
		const slugs = [
			...scenario.qualified.map((c) => c.slug),
			scenario.withdrawn.slug,
			scenario.listedOnly.slug,
			scenario.appliedOnly.slug,
		]
		for (const moment of moments) {
			for (const hour of [0, 9, 23]) {
				const at = amsterdamInstant(moment, { hour })
				const sql = new Map((await registerEntries(YEAR, at))?.entries.map((entry) => [entry.slug, entry]) ?? [])
				for (const slug of slugs) {
					const domain = (await loadCarrier(slug, at))?.years.find((entry) => entry.year === YEAR)
					// Withdrawn: only on the carrier's own page, not in the register (003 §3.3).
					const expected =
						!domain || domain.status.kind === 'withdrawn'
							? undefined
							: domain.status.kind === 'expired'
								? 'qualified'
								: domain.status.kind
					expect(sql.get(slug)?.status, `${slug} at ${at.toISOString()}`).toBe(expected)
				}
			}
		}
	})
})

describe('register routes', () => {
	it('the search loader reads the URL, and drops what does not parse', async () => {
		setClock(may)
		const { value } = await settle(() =>
			registerLoader(routeArgs(getRequest(`/register?q=noorderlicht&type=bogus&jaar=${YEAR}&pagina=-3&sorteer=city`))),
		)
		const loaded = value as Awaited<ReturnType<typeof registerLoader>>
		expect(loaded.entries.map((entry) => entry.name)).toEqual(['GGZ Noorderlicht'])
		expect(loaded.ignored).toEqual(['type', 'page'])
		expect(loaded.query).toMatchObject({ q: 'noorderlicht', type: null, sort: 'city', page: 1, year: YEAR })
		const unknownYear = (await registerLoader(routeArgs(getRequest('/register?jaar=2099')))) as Awaited<
			ReturnType<typeof registerLoader>
		>
		expect(unknownYear.ignored).toEqual(['year'])
	})

	it('the carrier page shows public data only, every year, and 404 for a provider never listed', async () => {
		setClock(may)
		const carrier = (
			await carrierLoader(
				routeArgs(getRequest(`/register/${scenario.qualified[0]?.slug}`), { slug: scenario.qualified[0]?.slug ?? '' }),
			)
		).carrier
		expect(carrier).toMatchObject({
			name: 'Praktijk Zoë de Vries',
			city: 'Den Haag',
			province: 'Zuid-Holland',
			website: 'https://zoe.example.nl/',
		})
		expect(carrier.years).toHaveLength(1)
		expect(carrier.years[0]).toMatchObject({
			year: YEAR,
			status: { kind: 'qualified' },
			certificate: { number: scenario.qualified[0]?.certificateNumber },
		})
		expect(Object.keys(carrier).sort()).toEqual([
			'city',
			'name',
			'postcode',
			'province',
			'slug',
			'type',
			'website',
			'years',
		])

		const withdrawn = (await carrierLoader(routeArgs(getRequest('/'), { slug: scenario.withdrawn.slug }))).carrier
		expect(withdrawn.years[0]?.status).toMatchObject({ kind: 'withdrawn' })
		expect(JSON.stringify(withdrawn)).not.toContain('provider_request')

		for (const slug of [scenario.appliedOnly.slug, 'bestaat-niet', '../../etc', '<script>']) {
			const { response } = await settle(() => carrierLoader(routeArgs(getRequest('/'), { slug })))
			expect(response?.status, slug).toBe(404)
		}
	})

	it('reads the filters from a real query string', () => {
		expect(
			parseRegisterQuery(
				new URLSearchParams(
					'q=%20%20Den%20%20Haag%20&provincie=Utrecht&postcode=35%2011&status=qualified&jaar=2026&pagina=2',
				),
			).query,
		).toEqual({
			...DEFAULT_REGISTER_QUERY,
			q: 'Den Haag',
			province: 'Utrecht',
			postcode: '3511',
			status: 'qualified',
			year: 2026,
			page: 2,
		})
		expect(db).toBeDefined()
	})
})
