// What the domain's checkCompleteness finds, written out for the reader: 'Norm 3, criterium 3.3: de
// toelichting is korter dan 100 tekens (nu 42)'. The domain gives codes and the values to name.
import { allCriteria, type Criterion, type NormSet } from '#app/domain/norm-set.ts'
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

/**
 * What a criterion asks for, in a few words, to name it in a message: its evidence labels
 * (2018 3.2 "Leeg format van het plan voor terugvalpreventie/duurzaam herstel"). Criteria have no
 * title of their own; the labels are what the provider sees on the page.
 */
export function criterionTitle(criterion: Pick<Criterion, 'evidence'>): string {
	return criterion.evidence.map((item) => item.label).join(', ')
}

export function missingItemText(item: MissingItem, locale: Locale, set?: NormSet): string {
	const criterion = item.criterionCodes[0] ?? ''
	if (!item.issue) {
		// Issue 13: name the alternatives by what they ask, not only by number.
		const byCode = new Map(
			(set ? allCriteria(set) : [])
				.filter((entry) => entry.norm.code === item.normCode)
				.map((entry) => [entry.criterion.code, entry.criterion]),
		)
		const named = item.criterionCodes.map((code) => {
			const found = byCode.get(code)
			return found ? translate(locale, 'selfEvaluation.alternativeNamed', { code, title: criterionTitle(found) }) : code
		})
		const alternatives = formatList(named, locale, 'disjunction')
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

/** One line of the check page: everything missing of one criterion (or one group of alternatives). */
export interface MissingLine {
	normCode: string
	criterionCodes: string[]
	/** The first item the line is about: where the link lands. */
	first: MissingItem
	text: string
}

/**
 * Issue 13: one line per criterion instead of a line per unticked element ("13 missing lines").
 * Several unticked elements or checklist points become a count; issues of one evidence item are
 * joined; several evidence items are named by their labels.
 */
export function missingLines(missing: readonly MissingItem[], locale: Locale, set?: NormSet): MissingLine[] {
	const lines: { key: string; items: MissingItem[] }[] = []
	for (const item of missing) {
		const key = `${item.normCode}|${item.criterionCodes.join('|')}|${item.issue ? 'issue' : 'group'}`
		const line = lines.find((candidate) => candidate.key === key)
		if (line) line.items.push(item)
		else lines.push({ key, items: [item] })
	}
	return lines.map(({ items }) => {
		const first = items[0] as MissingItem
		const base = { normCode: first.normCode, criterionCodes: first.criterionCodes, first }
		if (!first.issue) return { ...base, text: missingItemText(first, locale, set) }
		const where = translate(locale, 'selfEvaluation.missingWhere', {
			norm: first.normCode,
			criterion: first.criterionCodes[0] ?? '',
		})
		const byItem = new Map<string, MissingItem[]>()
		for (const item of items) {
			const itemKey = item.evidenceKey ?? ''
			byItem.set(itemKey, [...(byItem.get(itemKey) ?? []), item])
		}
		const parts = [...byItem.values()].map((group) => {
			const text = evidenceIssuesText(
				group.flatMap((item) => (item.issue ? [item.issue] : [])),
				locale,
			)
			const label = group[0]?.evidenceLabel
			return label ? `${label}: ${text}` : text
		})
		return { ...base, text: `${where}: ${parts.join('; ')}` }
	})
}

/** The issues of one evidence item in one phrase; unticked elements or points counted, not listed. */
export function evidenceIssuesText(issues: readonly EvidenceIssue[], locale: Locale): string {
	const elements = issues.filter((issue) => issue.code === 'element_unconfirmed').length
	const points = issues.filter((issue) => issue.code === 'checklist_unconfirmed').length
	const parts: string[] = []
	for (const issue of issues) {
		if (issue.code === 'element_unconfirmed' && elements > 1) continue
		if (issue.code === 'checklist_unconfirmed' && points > 1) continue
		parts.push(evidenceIssueText(issue, locale))
	}
	if (elements > 1) parts.push(translate(locale, 'selfEvaluation.issue_elements_unconfirmed', { count: elements }))
	if (points > 1) parts.push(translate(locale, 'selfEvaluation.issue_checklist_points_unconfirmed', { count: points }))
	return parts.join(', ')
}
