import { describe, expect, test } from 'vitest'
import { newId } from './ids.server.ts'

describe('newId', () => {
	test('has the shape of the schema’s cuids, which the audit log recognises', () => {
		for (let index = 0; index < 1000; index++) expect(newId()).toMatch(/^c[a-z0-9]{24}$/)
	})

	test('ten thousand in a row are all different', () => {
		const ids = new Set(Array.from({ length: 10_000 }, () => newId()))
		expect(ids.size).toBe(10_000)
	})
})
