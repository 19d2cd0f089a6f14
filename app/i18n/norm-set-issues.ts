// The problems the domain's parseNormSet finds ('themes.0.norms.2.criteria.1.key: duplicate
// criterion key …', a developer's message for the seed files) in the reader's language for the
// norm-set editor: 'Thema 1, norm 3, criterium 2 (…): … komt twee keer voor'. A message we do not
// know is shown as the domain wrote it.
import type { Locale, MessageKey } from './catalogue.ts'
import { translate } from './translate.ts'

type Params = Record<string, string>

const MESSAGES: [RegExp, MessageKey, (match: RegExpExecArray, locale: Locale) => Params][] = [
	[
		/^duplicate (theme key|norm key|norm code|criterion key|criterion code|evidence key) '(.+)'$/,
		'staff.normIssue_duplicate',
		(m, locale) => ({
			value: m[2] ?? '',
			what: translate(locale, `staff.normIssueWhat_${(m[1] ?? '').replace(' ', '_')}` as MessageKey),
		}),
	],
	[
		/^criterion code '(.+)' must start with its norm code '(.+)'$/,
		'staff.normIssue_codePrefix',
		(m) => ({ code: m[1] ?? '', prefix: m[2] ?? '' }),
	],
	[
		/^criterion '(.+)' needs at least one required evidence item$/,
		'staff.normIssue_requiredEvidence',
		(m) => ({ key: m[1] ?? '' }),
	],
	[
		/^groups of norm (.+) must be numbered 1\.\.n without gaps \(found (.*)\)$/,
		'staff.normIssue_groups',
		(m) => ({ code: m[1] ?? '', found: m[2] ?? '' }),
	],
	[/^a criterion needs evidence$/, 'staff.normIssue_criterionNeedsEvidence', () => ({})],
	[/^a norm needs criteria$/, 'staff.normIssue_normNeedsCriteria', () => ({})],
	[/^a theme needs norms$/, 'staff.normIssue_themeNeedsNorms', () => ({})],
	[/^a norm set needs themes$/, 'staff.normIssue_setNeedsThemes', () => ({})],
	[/^min (.+) is greater than max (.+)$/, 'staff.normIssue_minAboveMax', (m) => ({ min: m[1] ?? '', max: m[2] ?? '' })],
	[/^a percentage lies between 0 and 100$/, 'staff.normIssue_percentRange', () => ({})],
	[/^rule value (.+) lies outside min\/max$/, 'staff.normIssue_ruleOutside', (m) => ({ value: m[1] ?? '' })],
	[/^minSelected exceeds the number of options$/, 'staff.normIssue_minSelected', () => ({})],
	[/^maxSelected is smaller than minSelected$/, 'staff.normIssue_maxSelected', () => ({})],
]

const PARTS: Record<string, MessageKey> = {
	themes: 'staff.normIssuePart_themes',
	norms: 'staff.normIssuePart_norms',
	criteria: 'staff.normIssuePart_criteria',
	evidence: 'staff.normIssuePart_evidence',
}

export function translateNormSetIssue(issue: string, locale: Locale): string {
	const split = issue.indexOf(': ')
	const [path, message] =
		split > -1 && /^[\w.]+$/.test(issue.slice(0, split)) ? [issue.slice(0, split), issue.slice(split + 2)] : ['', issue]
	const parts = path.split('.').filter(Boolean)
	const where: string[] = []
	for (let index = 0; index < parts.length; index++) {
		const part = PARTS[parts[index] ?? '']
		const next = parts[index + 1]
		if (part && next && /^\d+$/.test(next)) {
			where.push(`${translate(locale, part)} ${Number(next) + 1}`)
			index++
		} else if (parts[index]) where.push(translate(locale, 'staff.normIssueField', { name: parts[index] ?? '' }))
	}
	let text = message
	for (const [pattern, key, params] of MESSAGES) {
		const match = pattern.exec(message)
		if (match) {
			text = translate(locale, key, params(match, locale))
			break
		}
	}
	const location = where.join(', ')
	return location ? `${capitalise(location)}: ${text}` : capitalise(text)
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1)
}
