import { describe, expect, it } from 'vitest'
import { catalogues, interpolate, translate } from '#app/i18n/translate.ts'

// `{name}` and the variable of `{name, plural, …}`; the forms inside differ per language.
const placeholders = (message: string) =>
	[...new Set([...message.matchAll(/\{(\w+)(?:\}|\s*,\s*plural\s*,)/g)].map((match) => match[1]))].sort()

describe('message catalogues', () => {
	it('have the same namespaces and keys in Dutch and English', () => {
		expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.nl).sort())
		for (const namespace of Object.keys(catalogues.nl) as (keyof typeof catalogues.nl)[]) {
			expect(Object.keys(catalogues.en[namespace]).sort(), namespace).toEqual(
				Object.keys(catalogues.nl[namespace]).sort(),
			)
		}
	})

	it('use the same placeholders in both languages, and no empty messages', () => {
		for (const namespace of Object.keys(catalogues.nl) as (keyof typeof catalogues.nl)[]) {
			const dutch = catalogues.nl[namespace] as Record<string, string>
			const english = catalogues.en[namespace] as Record<string, string>
			for (const [key, message] of Object.entries(dutch)) {
				expect(message.trim(), `${namespace}.${key}`).not.toBe('')
				expect(placeholders(english[key] ?? ''), `${namespace}.${key}`).toEqual(placeholders(message))
			}
		}
	})

	it('translate with parameters and fall back to the key for an unknown one', () => {
		expect(translate('nl', 'common.daysLeft', { count: 3 })).toBe('nog 3 dagen')
		expect(translate('en', 'common.daysLeft', { count: 3 })).toBe('3 days left')
		expect(interpolate('{a} en {b}', { a: 1 })).toBe('1 en {b}')
		expect(translate('nl', 'common.nope' as never)).toBe('common.nope')
	})
})
