import { describe, expect, it } from 'vitest'
import { onlyReads } from './write-generation.server.ts'

describe('onlyReads', () => {
	it('is a plain SELECT, also of columns named after writes', () => {
		expect(onlyReads('SELECT token, version FROM "RegisterVersion" WHERE id = 1')).toBe(true)
		expect(onlyReads('  select "updatedAt", "deletedBy" FROM "Answer"')).toBe(true)
	})

	it('is not anything that writes or locks, nor a statement that is no SELECT', () => {
		for (const sql of [
			'UPDATE "Answer" SET "text" = $1',
			'INSERT INTO "RateLimit" ("key") VALUES ($1)',
			'WITH seen AS (SELECT 1) INSERT INTO "RateLimit" SELECT * FROM seen',
			'SELECT * FROM "Participation" WHERE id = $1 FOR UPDATE',
			"SELECT nextval('seq')",
			'DELETE FROM "Session"',
			'BEGIN',
			'COMMIT',
		])
			expect(onlyReads(sql), sql).toBe(false)
	})
})
