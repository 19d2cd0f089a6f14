import { describe, expect, it } from 'vitest'
import { jsonRow, jsonRows } from './json-row.server.ts'

describe('jsonRow', () => {
	it('lists the row’s keys as columns and sends its values as one JSON parameter typed by the table', () => {
		const at = new Date('2027-03-31T21:59:59.999Z')
		const { columns, source } = jsonRow('StoredFile', { id: 'f1', sizeBytes: 12, createdAt: at, uploadedById: null })
		expect(columns.sql).toBe('"id", "sizeBytes", "createdAt", "uploadedById"')
		expect(source.sql).toBe('jsonb_populate_record(NULL::"StoredFile", ?::jsonb)')
		expect(source.values).toEqual([
			'{"id":"f1","sizeBytes":12,"createdAt":"2027-03-31T21:59:59.999Z","uploadedById":null}',
		])
	})

	it('refuses a name that is no plain identifier (names are spliced into the SQL)', () => {
		expect(() => jsonRow('StoredFile', { 'id" = 1; --': 'x' })).toThrow(/Not a column name/)
	})
})

describe('jsonRows', () => {
	it('sends any number of rows as one JSON parameter in one statement of the same text', () => {
		const at = new Date('2027-03-31T21:59:59.999Z')
		const row = (id: string) => ({ id, queriedNumber: 'KBG-2027-0001', result: 'valid', at })
		const one = jsonRows('CertificateVerification', [row('a')])
		const three = jsonRows('CertificateVerification', [row('a'), row('b'), row('c')])
		expect(three.columns.sql).toBe('"id", "queriedNumber", "result", "at"')
		expect(three.source.sql).toBe('jsonb_populate_recordset(NULL::"CertificateVerification", ?::jsonb)')
		expect(one.source.sql).toBe(three.source.sql)
		expect(JSON.parse(three.source.values[0] as string)).toHaveLength(3)
	})

	it('refuses no rows, and a name that is no plain identifier', () => {
		expect(() => jsonRows('CertificateVerification', [])).toThrow(/no rows/)
		expect(() => jsonRows('CertificateVerification', [{ 'at"; --': 1 }])).toThrow(/Not a column name/)
	})
})
