// What the domain's checkCompleteness finds, written out for the reader: 'Norm 3, criterium 3.3: de
// toelichting is korter dan 100 tekens (nu 42)'. The domain gives codes and the values to name.
import type { EvidenceIssue, MissingItem, NumberUnit, RuleWarning } from '#app/domain/self-evaluation.ts'
import type { Locale, MessageKey } from './catalogue.ts'
import { formatList } from './format.ts'
import { translate } from './translate.ts'

/** An entered number as the provider typed it, with its unit: '59,5 %' (nl), '59.5%' (en). */
export function formatEvidenceNumber(value: number, unit: NumberUnit, locale: Locale): string {
	const text = locale === 'nl' ? String(value).replace('.', ',') : String(value)
	if (unit !== 'percent') return text
	return locale === 'nl' ? `${text} %` : `${text}%`
}

export function evidenceIssueText(issue: EvidenceIssue, locale: Locale): string {
	const key = `selfEvaluation.issue_${issue.code}` as MessageKey
	switch (issue.code) {
		case 'text_missing':
			return translate(locale, key, { what: translate(locale, `selfEvaluation.what_${issue.what}`) })
		case 'text_too_short':
			return translate(locale, key, {
				what: translate(locale, `selfEvaluation.what_${issue.what}`),
				min: issue.min,
				length: issue.length,
			})
		case 'number_below_min':
			return translate(locale, key, { label: issue.label, min: formatEvidenceNumber(issue.min, issue.unit, locale) })
		case 'number_above_max':
			return translate(locale, key, { label: issue.label, max: formatEvidenceNumber(issue.max, issue.unit, locale) })
		default: {
			const { code: _code, ...params } = issue
			return translate(locale, key, params)
		}
	}
}

export function missingItemText(item: MissingItem, locale: Locale): string {
	const criterion = item.criterionCodes[0] ?? ''
	if (!item.issue) {
		const alternatives = formatList(item.criterionCodes, locale, 'disjunction')
		return translate(locale, 'selfEvaluation.missingAlternatives', { norm: item.normCode, alternatives })
	}
	const where = item.evidenceLabel
		? translate(locale, 'selfEvaluation.missingWhereItem', {
				norm: item.normCode,
				criterion,
				label: item.evidenceLabel,
			})
		: translate(locale, 'selfEvaluation.missingWhere', { norm: item.normCode, criterion })
	return `${where}: ${evidenceIssueText(item.issue, locale)}`
}

export function ruleWarningText(warning: RuleWarning, locale: Locale): string {
	return translate(locale, 'selfEvaluation.ruleWarning', {
		norm: warning.normCode,
		criterion: warning.criterionCode,
		requirement: warning.requirement,
		value: formatEvidenceNumber(warning.value, warning.unit, locale),
	})
}
