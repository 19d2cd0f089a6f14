// Issue 13: the register forgives typos and knows the other names of places, with PostgreSQL's
// own means (pg_trgm word_similarity, loaded in PGlite as an extension bundle). Runs on PGlite and,
// with TEST_DATABASE_URL, on PostgreSQL.
import { beforeAll, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { DEFAULT_REGISTER_QUERY, FUZZY_THRESHOLD, type RegisterQuery } from '#app/domain/register-search.ts'
import { db } from '#app/lib/db.server.ts'
import { createRegisterYear } from '#app/lib/test-fixtures/register.server.ts'
import { searchRegister } from '#app/services/register.server.ts'

const YEAR = 2077
const may = amsterdamInstant(`${YEAR}-05-01`, { hour: 12 })
const query = (changes: Partial<RegisterQuery>): RegisterQuery => ({
	...DEFAULT_REGISTER_QUERY,
	year: YEAR,
	...changes,
})
const names = async (changes: Partial<RegisterQuery>) =>
	(await searchRegister(query(changes), may)).entries.map((entry) => entry.name).sort()

beforeAll(async () => {
	await createRegisterYear({
		year: YEAR,
		prefix: 'Tikfout',
		qualified: [
			{ name: 'Praktijk Visser', city: 'Utrecht', postcode: '3511 AX', type: 'independent_practice' },
			{
				name: 'Praktijk Nieuw Perspectief',
				city: "'s-Hertogenbosch",
				postcode: '5211 KH',
				type: 'independent_practice',
			},
			{ name: 'Psychotherapie Hofstad', city: 'Den Haag', postcode: '2514 EG', type: 'independent_practice' },
			{ name: 'GGZ Elfsteden', city: 'Sneek', postcode: '8601 AA', type: 'institution' },
			{ name: 'Praktijk De Vries', city: 'Groningen', postcode: '9711 AA', type: 'independent_practice' },
		],
	})
}, 180_000)

describe('register search with typos and place aliases', () => {
	it('has pg_trgm installed by the migrations', async () => {
		const rows = await db.$queryRaw<{ extname: string }[]>`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`
		expect(rows).toEqual([{ extname: 'pg_trgm' }])
	})

	it('finds a name with a typo, and not unrelated names', async () => {
		expect(await names({ q: 'Visr' })).toEqual(['Praktijk Visser'])
		expect(await names({ q: 'praktyk vissser' })).toEqual(['Praktijk Visser'])
		expect(await names({ q: 'Utrect' })).toEqual(['Praktijk Visser'])
		expect(await names({ q: 'Perspektief' })).toEqual(['Praktijk Nieuw Perspectief'])
		// Short words have too few trigrams: only literal matches.
		expect(await names({ q: 'vis' })).toEqual(['Praktijk Visser'])
		expect(await names({ q: 'vsr' })).toEqual([])
		// Nothing alike: nothing found.
		expect(await names({ q: 'Kwadraat' })).toEqual([])
		expect(await names({ q: 'Visr Groningen' })).toEqual([])
	})

	it("finds 's-Hertogenbosch as den bosch and Den Haag as 's-Gravenhage, in the text and the place filter", async () => {
		expect(await names({ q: 'den bosch' })).toEqual(['Praktijk Nieuw Perspectief'])
		expect(await names({ q: 'Den Bosch perspectief' })).toEqual(['Praktijk Nieuw Perspectief'])
		expect(await names({ q: 'hertogenbosch' })).toEqual(['Praktijk Nieuw Perspectief'])
		expect(await names({ q: "'s-Gravenhage" })).toEqual(['Psychotherapie Hofstad'])
		expect(await names({ q: 'snits' })).toEqual(['GGZ Elfsteden'])
		expect(await names({ city: 'Den Bosch' })).toEqual(['Praktijk Nieuw Perspectief'])
		expect(await names({ city: 's-gravenhage' })).toEqual(['Psychotherapie Hofstad'])
		expect(await names({ city: 'Den Haag' })).toEqual(['Psychotherapie Hofstad'])
		// "den" alone is no alias: it matches literally ("Den Haag", "Elfsteden"), not 's-Hertogenbosch.
		expect(await names({ q: 'den' })).toEqual(['GGZ Elfsteden', 'Psychotherapie Hofstad'])
	})

	it('still treats typed wildcards literally in fuzzy and alias matching', async () => {
		expect(await names({ q: 'v%s_r' })).toEqual([])
		expect(await names({ q: '%%%%' })).toEqual([])
	})
})

describe('the threshold of the typo tolerance', () => {
	it('is the database’s word_similarity_threshold, which `<%` uses', async () => {
		const [row] = await db.$queryRaw<
			{ threshold: string }[]
		>`SELECT current_setting('pg_trgm.word_similarity_threshold') AS threshold`
		expect(Number(row?.threshold)).toBe(FUZZY_THRESHOLD)
	})
})
