import { describe, expect, it } from 'vitest'
import { sampleNormSet } from '#app/domain/__fixtures__/norm-sets.ts'
import { checkCompleteness, type EvidenceIssue } from '#app/domain/self-evaluation.ts'
import { evidenceIssueText, missingItemText, missingLines, ruleWarningText } from '#app/i18n/completeness.ts'
import { interpolate, translate } from '#app/i18n/translate.ts'

// The domain reports what is missing as codes (app/domain/self-evaluation.test.ts); these are the
// sentences the provider reads, in Dutch and in English.
describe('what is missing, written out', () => {
	it('names the norm, the criterion and what to do', () => {
		const report = checkCompleteness(sampleNormSet, { type: 'institution', offersChronicEchelon: false }, {})
		const dutch = report.missing.map((item) => missingItemText(item, 'nl'))
		expect(dutch[0]).toBe('Norm 1: vul één van deze criteria volledig in: 1.1 of 1.2')
		expect(missingItemText(report.missing[0]!, 'en')).toBe('Norm 1: complete one of these criteria: 1.1 or 1.2')
		// With the norm set at hand the alternatives are named by what they ask (issue 13).
		expect(missingItemText(report.missing[0]!, 'nl', sampleNormSet)).toMatch(
			/^Norm 1: vul één van deze criteria volledig in: criterium 1\.1 \(.+\) of criterium 1\.2 \(.+\)$/,
		)
		expect(
			missingItemText(
				{
					normCode: '1',
					criterionCodes: ['1.2'],
					evidenceLabel: 'Schaalscore',
					issue: { code: 'number_missing', label: 'Schaalscore' },
				},
				'nl',
			),
		).toBe('Norm 1, criterium 1.2 (Schaalscore): vul "Schaalscore" in')
	})

	it('writes one line per criterion and counts unticked elements instead of listing them', () => {
		const items = ['a', 'b', 'c'].map((element) => ({
			normCode: '5',
			criterionCodes: ['5.1'],
			evidenceKey: 'website',
			issue: { code: 'checklist_unconfirmed' as const, point: element },
		}))
		const lines = missingLines([{ ...items[0]!, issue: { code: 'url_missing' } }, ...items], 'nl')
		expect(lines.map((line) => line.text)).toEqual([
			'Norm 5, criterium 5.1: vul het adres van de webpagina in, bevestig dat de website deze 3 punten van de checklist vermeldt',
		])
		expect(missingLines(items.slice(0, 1), 'en').map((line) => line.text)).toEqual([
			'Norm 5, criterion 5.1: confirm that the website states: "a"',
		])
		expect(missingLines(items, 'en')[0]!.first).toBe(items[0])
	})

	it('writes every kind of issue in both languages', () => {
		const cases: [EvidenceIssue, string, string][] = [
			[{ code: 'text_missing', what: 'explanation' }, 'de toelichting ontbreekt', 'the explanation is missing'],
			[
				{ code: 'text_too_short', what: 'example', min: 10, length: 7 },
				'het voorbeeld is korter dan 10 tekens (nu 7)',
				'the example is shorter than 10 characters (now 7)',
			],
			[
				{ code: 'choices_too_few', label: 'Thema’s', min: 1 },
				'kies minstens 1 optie bij "Thema’s"',
				'choose at least 1 option for "Thema’s"',
			],
			[
				{ code: 'choices_too_many', label: 'Thema’s', max: 2 },
				'kies hoogstens 2 opties bij "Thema’s"',
				'choose at most 2 options for "Thema’s"',
			],
			[{ code: 'upload_missing' }, 'upload het (lege) format', 'upload the (empty) template'],
			[
				{ code: 'number_above_max', label: 'Percentage', max: 100, unit: 'percent' },
				'"Percentage" mag hoogstens 100 % zijn',
				'"Percentage" may be at most 100%',
			],
			[
				{ code: 'number_too_many_decimals', label: 'Score', decimals: 1 },
				'gebruik bij "Score" hoogstens 1 decimaal',
				'use at most 1 decimal for "Score"',
			],
			[
				{ code: 'number_too_many_decimals', label: 'Score', decimals: 2 },
				'gebruik bij "Score" hoogstens 2 decimalen',
				'use at most 2 decimals for "Score"',
			],
			[
				{ code: 'url_invalid' },
				'het webadres is ongeldig; begin met https://',
				'the web address is invalid; start with https://',
			],
		]
		for (const [issue, dutch, english] of cases) {
			expect(evidenceIssueText(issue, 'nl')).toBe(dutch)
			expect(evidenceIssueText(issue, 'en')).toBe(english)
		}
	})

	it('flags a broken rule with the number as typed', () => {
		const warning = {
			normCode: '8',
			criterionCode: '8.3',
			evidenceKey: 'rom',
			value: 45.5,
			unit: 'percent' as const,
			requirement: 'minimaal 60%',
		}
		expect(ruleWarningText(warning, 'nl')).toBe(
			'Norm 8, criterium 8.3: voldoet niet aan de norm: minimaal 60% (ingevuld: 45,5 %)',
		)
		expect(ruleWarningText(warning, 'en')).toBe(
			'Norm 8, criterion 8.3: does not meet the norm: minimaal 60% (entered: 45.5%)',
		)
	})
})

describe('plurals', () => {
	it('choose the form with Intl.PluralRules of the language', () => {
		const message = '{count, plural, =0 {geen dagen} one {# dag} other {# dagen}} over'
		expect(interpolate(message, { count: 0 }, 'nl')).toBe('geen dagen over')
		expect(interpolate(message, { count: 1 }, 'nl')).toBe('1 dag over')
		expect(interpolate(message, { count: 3 }, 'nl')).toBe('3 dagen over')
		// Nested placeholders inside a form, and an unknown count left as written.
		expect(interpolate('{n, plural, one {# {thing}} other {# {thing}s}}', { n: 2, thing: 'item' }, 'en')).toBe(
			'2 items',
		)
		expect(interpolate('{n, plural, one {#} other {#}}', {}, 'en')).toBe('{n, plural, one {#} other {#}}')
		expect(translate('nl', 'common.daysLeft', { count: 1 })).toBe('nog 1 dag')
		expect(translate('en', 'common.daysLeft', { count: 1 })).toBe('1 day left')
	})
})
