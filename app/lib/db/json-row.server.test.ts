import { describe, expect, it } from 'vitest'
import { jsonRow } from './json-row.server.ts'

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
