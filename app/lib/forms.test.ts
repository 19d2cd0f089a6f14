// What a failed form sends back (issue 15): the form's own fields only, each capped by its own
// maximum (twice it, at least 200 characters, at most 20,000), never a password.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { echoField, echoFields, echoValues, parseForm } from './forms.ts'

const schema = z.object({
	id: z.string().min(1).max(40),
	note: z.string().trim().max(1000).optional(),
	kind: z.enum(['a', 'b']),
	free: z.string(),
	password: z.string(),
})

function form(fields: Record<string, string>) {
	const data = new URLSearchParams()
	for (const [name, value] of Object.entries(fields)) data.append(name, value)
	return data
}

describe('echoValues', () => {
	it('drops unknown fields and passwords, and caps each field by its own maximum', () => {
		const echo = echoValues(
			schema,
			form({
				id: 'i'.repeat(10_000),
				note: 'n'.repeat(10_000),
				kind: 'k'.repeat(10_000),
				free: 'f'.repeat(100_000),
				password: 'geheim-wachtwoord',
				unknown: 'u'.repeat(100_000),
			}),
		)
		expect(Object.keys(echo).sort()).toEqual(['free', 'id', 'kind', 'note'])
		expect((echo.id as string).length).toBe(200)
		expect((echo.note as string).length).toBe(2000)
		expect((echo.kind as string).length).toBe(10_000)
		expect((echo.free as string).length).toBe(20_000)
	})

	it('is what parseForm sends back on failure', () => {
		const result = parseForm(schema, form({ id: '', unknown: 'x' }))
		expect(result.success).toBe(false)
		if (!result.success) expect(result.values).toEqual({ id: '' })
	})
})

describe('echoFields and echoField', () => {
	it('keep the names the form owns, and cap one value', () => {
		const data = form({ 'norm-1:text': 'tekst', intent: 'save', other: 'weg', passwordNew: 'x' })
		expect(echoFields(data, (name) => name !== 'other')).toEqual({ 'norm-1:text': 'tekst', intent: 'save' })
		expect(echoField(form({ theme: 't'.repeat(5000) }), 'theme')).toHaveLength(200)
		expect(echoField(form({}), 'theme')).toBe('')
	})
})
