import { describe, expect, it } from 'vitest'
import { auditFieldLabel, auditValueText } from '#app/i18n/labels.ts'
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

	it('leave no plural to the reader: a counted word goes through a plural form (issue 13)', () => {
		// 'fout(en)', 'carrier(s)', 'decimaal/decimalen': the reader should not have to choose.
		const hedged = /\p{L}\((?:s|en|n|es)\)|\p{L}\/\p{L}+en\b/u
		// '{count} errors' outside a plural block reads '1 errors'.
		const bareCount =
			/\{(count|groups|themes|norms|decimals|required|\w+Count)\}\s+(?!(actief|active|ongelezen|unread|van|of|volledig|complete)\b)\p{L}/u
		const found: string[] = []
		for (const locale of ['nl', 'en'] as const)
			for (const [namespace, messages] of Object.entries(catalogues[locale]))
				for (const [key, message] of Object.entries(messages as Record<string, string>))
					if (hedged.test(message) || bareCount.test(message)) found.push(`${locale} ${namespace}.${key}: ${message}`)
		expect(found).toEqual([])
		expect(translate('en', 'register.normsCounts', { themes: 1, norms: 6 })).toBe('1 theme, 6 norms')
		expect(translate('nl', 'benchmark.fileErrorsTitle', { count: 1 })).toBe('Het bestand bevat 1 fout')
	})

	it('name no day of the yearly cycle as fixed text: every such date is a setting of the year', () => {
		// DOMAIN.md §3: KiBG moved the dates before, so "vóór 1 april" or "(mei)" in a message is wrong
		// for a year with other settings; a message takes the year's date as a parameter, or names
		// the moment in words ("kwalificatiedeadline"). A day with its year is an example of a past
		// year ("vóór 1 september 2018"); 31 December is the end of every year, never a setting.
		const months =
			'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|' +
			'January|February|March|April|May|June|July|August|September|October|November|December'
		const fixedDay = new RegExp(`\\b(?!31 december\\b)\\d{1,2} (${months})\\b(?! \\d{4})`, 'i')
		const monthAlone = new RegExp(`\\((${months})\\)`)
		const found: string[] = []
		for (const locale of ['nl', 'en'] as const)
			for (const [namespace, messages] of Object.entries(catalogues[locale]))
				for (const [key, message] of Object.entries(messages as Record<string, string>))
					if (fixedDay.test(message) || monthAlone.test(message))
						found.push(`${locale} ${namespace}.${key}: ${message}`)
		expect(found).toEqual([])
		// A year whose deadline moved to 14 April says so.
		expect(translate('nl', 'register.legendListed', { date: '14 april 2031' })).toContain('uiterlijk 14 april 2031')
		expect(translate('en', 'provider.termListingReapplicant', { date: '15 April 2031' })).toBe(
			'After qualifying in time, 15 April 2031 at the earliest',
		)
	})

	it('translate with parameters and fall back to the key for an unknown one', () => {
		expect(translate('nl', 'common.daysLeft', { count: 3 })).toBe('nog 3 dagen')
		expect(translate('en', 'common.daysLeft', { count: 3 })).toBe('3 days left')
		expect(interpolate('{a} en {b}', { a: 1 })).toBe('1 en {b}')
		expect(translate('nl', 'common.nope' as never)).toBe('common.nope')
	})

	it('name the fields and values of an audit event in words (issue 12 §7)', () => {
		expect(auditFieldLabel('revisionDueAt', 'nl')).toBe('Aanpassing uiterlijk')
		expect(auditFieldLabel('withdrawal.reason', 'en')).toBe('Withdrawal › Reason')
		expect(auditValueText('revisionDueAt', '2027-03-31T21:59:59.999Z', 'en')).toBe('31 March 2027 at 23:59')
		expect(auditValueText('state', 'revision_requested', 'nl')).toBe(translate('nl', 'states.revision_requested'))
		expect(auditValueText('latestRoundOutcome', 'qualified', 'en')).toBe('Qualified')
		expect(auditValueText('withdrawal.reason', 'unpaid_fee', 'nl')).toBe('Afdracht niet betaald')
		expect(auditValueText('amountCents', 12345, 'nl')).toBe('€ 123,45')
		expect(auditValueText('isReapplicant', true, 'en')).toBe('yes')
		expect(auditValueText('signerName', null, 'en')).toBe('–')
	})
})
