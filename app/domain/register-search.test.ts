import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { POSTCODE_PROVINCE_RANGES, PROVINCES, type Province, provinceOfPostcode, registerProvince } from './province'
import {
	DEFAULT_REGISTER_QUERY,
	normaliseSearchText,
	FUZZY_MIN_LENGTH,
	paginate,
	parseRegisterQuery,
	placeNames,
	registerSearchString,
	searchRequirements,
	searchTerms,
} from './register-search'
import { PLACE_ALIASES } from './place-aliases'

describe('register search query', () => {
	it('drops what does not parse and names it', () => {
		const { query, ignored } = parseRegisterQuery(
			new URLSearchParams('q=linde&type=ziekenhuis&pagina=-2&jaar=20x6&status=qualified&postcode=abc'),
		)
		expect(query).toEqual({ ...DEFAULT_REGISTER_QUERY, q: 'linde', status: 'qualified' })
		expect(ignored).toEqual(['type', 'postcode', 'year', 'page'])
	})

	it('round-trips through the URL for any valid query', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 100 }), fc.integer({ min: 1, max: 10_000 }), (q, page) => {
				const parsed = parseRegisterQuery(new URLSearchParams(`q=${encodeURIComponent(q)}&pagina=${page}`)).query
				const again = parseRegisterQuery(new URLSearchParams(registerSearchString(parsed).slice(1))).query
				expect(again).toEqual(parsed)
			}),
		)
	})

	it('never throws, whatever the URL holds', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.string(), fc.string({ maxLength: 500 }))), (pairs) => {
				const { query } = parseRegisterQuery(new URLSearchParams(pairs))
				expect(query.page).toBeGreaterThanOrEqual(1)
				expect(query.q.length).toBeLessThanOrEqual(100)
			}),
		)
	})

	it('turns control characters into spaces (PostgreSQL refuses a NUL byte)', () => {
		expect(parseRegisterQuery(new URLSearchParams('q=a%00b%0Ac&plaats=%00')).query).toMatchObject({
			q: 'a b c',
			city: '',
		})
	})

	it('folds case and accents, and splits words', () => {
		expect(normaliseSearchText('  Cliënt  ZOË ')).toBe('client zoe')
		expect(searchTerms('Praktijk  Één')).toEqual(['praktijk', 'een'])
	})

	it('turns place aliases into one requirement any name of the place meets, longest name first', () => {
		const bosch = PLACE_ALIASES.find((group) => group.includes('den bosch'))
		expect(searchRequirements('Den  Bosch')).toEqual([{ alternatives: bosch, fuzzy: false }])
		expect(searchRequirements('perspectief den bosch')).toEqual([
			{ alternatives: ['perspectief'], fuzzy: true },
			{ alternatives: bosch, fuzzy: false },
		])
		// "den" alone, or before another word, is just a word.
		expect(searchRequirements('den haagse')).toEqual([
			{ alternatives: ['den'], fuzzy: false },
			{ alternatives: ['haagse'], fuzzy: true },
		])
		expect(searchRequirements("'s-Gravenhage")[0]?.alternatives).toContain('den haag')
		expect(searchRequirements('visr')).toEqual([{ alternatives: ['visr'], fuzzy: true }])
		expect(searchRequirements('vis')).toEqual([{ alternatives: ['vis'], fuzzy: false }])
		expect('visr').toHaveLength(FUZZY_MIN_LENGTH)
	})

	it('keeps every alias written as the search folds it, in exactly one group', () => {
		const all = PLACE_ALIASES.flat()
		for (const name of all) expect(normaliseSearchText(name)).toBe(name)
		expect(new Set(all).size).toBe(all.length)
		expect(placeNames('Den Bosch')).toContain("'s-hertogenbosch")
		expect(placeNames('Zwolle')).toEqual(['zwolle'])
	})

	it('pages within bounds', () => {
		expect(paginate(0, 5)).toEqual({ page: 1, pageCount: 1, offset: 0 })
		expect(paginate(45, 3)).toEqual({ page: 3, pageCount: 3, offset: 40 })
		expect(paginate(45, 9)).toEqual({ page: 3, pageCount: 3, offset: 40 })
	})
})

describe('province from postcode', () => {
	it('covers 1000–9999 without gaps or overlaps', () => {
		let next = 1000
		for (const [first, last] of POSTCODE_PROVINCE_RANGES) {
			expect(first).toBe(next)
			expect(last).toBeGreaterThanOrEqual(first)
			next = last + 1
		}
		expect(next).toBe(10_000)
	})

	it('places well-known cities', () => {
		expect(provinceOfPostcode('1012 AB')).toBe('Noord-Holland') // Amsterdam
		expect(provinceOfPostcode('3011AA')).toBe('Zuid-Holland') // Rotterdam
		expect(provinceOfPostcode('3511')).toBe('Utrecht')
		expect(provinceOfPostcode('5611 AA')).toBe('Noord-Brabant') // Eindhoven
		expect(provinceOfPostcode('6211 AA')).toBe('Limburg') // Maastricht
		expect(provinceOfPostcode('6811 AA')).toBe('Gelderland') // Arnhem
		expect(provinceOfPostcode('8011 AA')).toBe('Overijssel') // Zwolle
		expect(provinceOfPostcode('8911 AA')).toBe('Friesland') // Leeuwarden
		expect(provinceOfPostcode('9711 AA')).toBe('Groningen')
		expect(provinceOfPostcode('9401 AA')).toBe('Drenthe') // Assen
		expect(provinceOfPostcode('1315 AA')).toBe('Flevoland') // Almere
		expect(provinceOfPostcode('4331 AA')).toBe('Zeeland') // Middelburg
		expect(provinceOfPostcode('0123 AB')).toBeNull()
		expect(registerProvince('utrecht', '9711 AA')).toBe('Utrecht')
		expect(registerProvince('Fryslân', '8911 AA')).toBe('Friesland')
	})

	it.each<[string, Province, string]>([
		['1012', 'Noord-Holland', 'Amsterdam'],
		['7772', 'Overijssel', 'Hardenberg'],
		['9711', 'Groningen', 'Groningen'],
		['6211', 'Limburg', 'Maastricht'],
		['5211', 'Noord-Brabant', '’s-Hertogenbosch'],
		['8011', 'Overijssel', 'Zwolle'],
		['7811', 'Drenthe', 'Emmen'],
		['3511', 'Utrecht', 'Utrecht'],
		['8911', 'Friesland', 'Leeuwarden'],
		['6511', 'Gelderland', 'Nijmegen'],
		['4331', 'Zeeland', 'Middelburg'],
		['1311', 'Flevoland', 'Almere'],
		['2511', 'Zuid-Holland', 'Den Haag'],
		['7741', 'Drenthe', 'Coevorden'],
		['7701', 'Overijssel', 'Dedemsvaart'],
	])('%s (%s, %s)', (postcode, province) => {
		expect(provinceOfPostcode(postcode)).toBe(province)
	})

	it('maps every PC4 to one of the twelve provinces', () => {
		for (let pc4 = 1000; pc4 <= 9999; pc4++) {
			expect(PROVINCES, String(pc4)).toContain(provinceOfPostcode(String(pc4)))
		}
	})
})
