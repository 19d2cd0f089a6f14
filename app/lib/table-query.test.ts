import { describe, expect, it } from 'vitest'
import { csvField, toCsv } from './csv.ts'
import { nextSort, pageWindow, parseTableQuery, tableHref, type TableSpec } from './table-query.ts'

const spec: TableSpec = {
	columns: ['name', 'city', 'state', 'kvk'],
	alwaysVisible: ['name'],
	defaultHidden: ['kvk'],
	sortable: ['name', 'city'],
	defaultSort: [{ id: 'name', desc: false }],
	filters: [
		{ id: 'state', kind: 'options', values: ['listed', 'submitted'] },
		{ id: 'city', kind: 'text' },
	],
}

describe('table query in the URL', () => {
	it('keeps known values and drops the rest', () => {
		const query = parseTableQuery(
			new URLSearchParams('state=listed&state=hacked&sort=-city,password&per=999&pagina=-3&kolom=kvk&q=%20ggz%20'),
			spec,
		)
		expect(query).toEqual({
			page: 1,
			pageSize: 25,
			sort: [{ id: 'city', desc: true }],
			filters: { state: ['listed'] },
			search: 'ggz',
			columns: ['name', 'kvk'],
		})
	})

	it('takes control characters out of the search and the text filters (a NUL was a 500 in PostgreSQL)', () => {
		const query = parseTableQuery(new URLSearchParams('q=ggz%00%1B%7F&city=Ut%00recht%0A'), spec)
		expect(query.search).toBe('ggz')
		expect(query.filters).toEqual({ city: ['Utrecht'] })
	})

	it('builds links that return to page 1 when the filter changes and leave defaults out', () => {
		const query = parseTableQuery(new URLSearchParams('pagina=3&state=listed'), spec)
		expect(tableHref(query, spec, { page: 4 })).toBe('?state=listed&pagina=4')
		expect(tableHref(query, spec, { filters: {} })).toBe('?')
		expect(tableHref(query, spec, { sort: nextSort(query, spec, 'city') }, new URLSearchParams('jaar=2027'))).toBe(
			'?jaar=2027&state=listed&sort=city',
		)
		expect(pageWindow({ ...query, page: 99 }, 60)).toEqual({ skip: 50, take: 25, page: 3 })
	})
})

describe('CSV for Dutch Excel', () => {
	it('has a BOM, semicolons, CRLF, quotes and no formulas', () => {
		const csv = toCsv(
			[
				{ header: 'Naam', value: (row: { name: string; amount: number }) => row.name },
				{ header: 'Bedrag', value: (row) => row.amount },
			],
			[
				{ name: 'Zorg "De Brug"; Ede', amount: 12.5 },
				{ name: '=HYPERLINK("x")', amount: -3 },
			],
		)
		expect(csv).toBe('\uFEFF"Naam";"Bedrag"\r\n"Zorg ""De Brug""; Ede";"12,5"\r\n"\'=HYPERLINK(""x"")";"-3"\r\n')
		expect(csvField(new Date('2027-03-31T21:59:00Z'))).toBe('"2027-03-31 23:59"')
		expect(csvField('@SUM(A1)')).toBe('"\'@SUM(A1)"')
	})
})
