import { z } from 'zod'
import { applies, criterionGroups, isNormApplicable } from './norm-set'
import type { Criterion, EvidenceItem, EvidenceItemOf, Norm, NormSet, NumberRule } from './norm-set'
import type { ProviderProfile } from './types'

// The self-evaluation: the provider's answers per evidence key, and whether they are complete
// enough to submit (DOMAIN.md §5). Completeness is about the questionnaire being filled in; whether
// the answers meet the norm is the assessor's judgement (see assessment.ts).

export interface DocumentRef {
	id: string
	name: string
}

/** One answer per evidence key; which fields count depends on the evidence kind. */
export interface EvidenceAnswer {
	text?: string
	number?: number | null
	url?: string
	/** Ticked template elements, URL checklist items, or chosen options (by their text). */
	checkedElements?: string[]
	declared?: boolean
	documents: DocumentRef[]
}

export type Answers = Readonly<Record<string, EvidenceAnswer | undefined>>

export const documentRefSchema = z.object({ id: z.string().min(1), name: z.string().min(1) })

export const evidenceAnswerSchema = z.object({
	text: z.string().max(20_000).optional(),
	number: z.number().finite().nullable().optional(),
	url: z.string().max(2_000).optional(),
	checkedElements: z.array(z.string()).optional(),
	declared: z.boolean().optional(),
	documents: z.array(documentRefSchema).default([]),
})

export const answersSchema = z.record(z.string(), evidenceAnswerSchema)

// --- one evidence item ---

/** Whether the provider put anything into the answer at all. */
export function hasContent(answer: EvidenceAnswer | undefined): boolean {
	if (!answer) return false
	return (
		(answer.text ?? '').trim().length > 0 ||
		(answer.number !== undefined && answer.number !== null) ||
		(answer.url ?? '').trim().length > 0 ||
		(answer.checkedElements ?? []).length > 0 ||
		answer.declared === true ||
		(answer.documents ?? []).length > 0
	)
}

/**
 * What is missing for one evidence item, as coded issues; app/i18n/completeness.ts writes them
 * out ('de toelichting is korter dan 100 tekens (nu 42)').
 */
export function evidenceIssues(item: EvidenceItem, answer: EvidenceAnswer | undefined): EvidenceIssue[] {
	switch (item.kind) {
		case 'explanation':
			return [...textIssues(answer?.text, item.minLength, 'explanation'), ...choiceIssues(item, answer)]
		case 'example':
			return textIssues(answer?.text, item.minLength, 'example')
		case 'template_upload': {
			const issues: EvidenceIssue[] = []
			if ((answer?.documents ?? []).length === 0) issues.push({ code: 'upload_missing' })
			for (const element of missingChecks(item.requiredElements, answer)) {
				issues.push({ code: 'element_unconfirmed', element })
			}
			return issues
		}
		case 'number':
			return numberIssues(item, answer?.number)
		case 'url': {
			const issues = urlIssues(answer?.url)
			for (const point of missingChecks(item.checklist, answer)) issues.push({ code: 'checklist_unconfirmed', point })
			return issues
		}
		case 'declaration':
			return answer?.declared === true ? [] : [{ code: 'declaration_unconfirmed', statement: item.statement }]
	}
}

/** One thing missing from an answer; the values are what the sentence names. */
export type EvidenceIssue =
	| { code: 'text_missing'; what: TextKind }
	| { code: 'text_too_short'; what: TextKind; min: number; length: number }
	| { code: 'choices_too_few'; label: string; min: number }
	| { code: 'choices_too_many'; label: string; max: number }
	| { code: 'upload_missing' }
	| { code: 'element_unconfirmed'; element: string }
	| { code: 'number_missing'; label: string }
	| { code: 'number_invalid'; label: string }
	| { code: 'number_below_min'; label: string; min: number; unit: NumberUnit }
	| { code: 'number_above_max'; label: string; max: number; unit: NumberUnit }
	| { code: 'number_not_whole'; label: string }
	| { code: 'number_too_many_decimals'; label: string; decimals: number }
	| { code: 'url_missing' }
	| { code: 'url_invalid' }
	| { code: 'checklist_unconfirmed'; point: string }
	| { code: 'declaration_unconfirmed'; statement: string }

export type EvidenceIssueCode = EvidenceIssue['code']
export type TextKind = 'explanation' | 'example'
export type NumberUnit = EvidenceItemOf<'number'>['unit']

export function isEvidenceComplete(item: EvidenceItem, answer: EvidenceAnswer | undefined): boolean {
	return evidenceIssues(item, answer).length === 0
}

/** A number that breaks its rule (e.g. ROM < 60 %), or null. Flagged, never blocking. */
export function ruleBroken(item: EvidenceItem, answer: EvidenceAnswer | undefined): NumberRule | null {
	if (item.kind !== 'number' || !item.rule) return null
	const value = answer?.number
	if (value === undefined || value === null || !Number.isFinite(value)) return null
	return meetsRule(value, item.rule) ? null : item.rule
}

export function meetsRule(value: number, rule: NumberRule): boolean {
	switch (rule.op) {
		case '>=':
			return value >= rule.value
		case '<=':
			return value <= rule.value
		case '>':
			return value > rule.value
		case '<':
			return value < rule.value
	}
}

// --- one criterion ---

/** A criterion is complete when every required evidence item is complete. */
export function isCriterionComplete(criterion: Criterion, answers: Answers): boolean {
	return criterion.evidence.every((item) => !item.required || isEvidenceComplete(item, answers[item.key]))
}

/** A criterion is answered when any of its evidence items has content. */
export function isCriterionAnswered(criterion: Criterion, answers: Answers): boolean {
	return criterion.evidence.some((item) => hasContent(answers[item.key]))
}

/** Every issue of the required evidence of one criterion, e.g. 3.3's explanation is too short. */
export function criterionIssues(norm: Norm, criterion: Criterion, answers: Answers): MissingItem[] {
	const several = criterion.evidence.length > 1
	return criterion.evidence.flatMap((item) => {
		if (!item.required) return []
		return evidenceIssues(item, answers[item.key]).map((issue) => ({
			normCode: norm.code,
			criterionCodes: [criterion.code],
			evidenceKey: item.key,
			// With several evidence items the sentence names the item ('criterium 1.2 (Schaalscore …)').
			...(several ? { evidenceLabel: item.label } : {}),
			issue,
		}))
	})
}

// --- the whole self-evaluation ---

/** Something missing for a submission: app/i18n/completeness.ts writes it out for the reader. */
export interface MissingItem {
	normCode: string
	/** One code, or the alternatives of a group of which none is complete. */
	criterionCodes: string[]
	evidenceKey?: string
	/** Set when the criterion has several evidence items, so the reader knows which one. */
	evidenceLabel?: string
	/** What is missing; absent for the line that names a group's alternatives. */
	issue?: EvidenceIssue
}

/** A number that breaks its rule (ROM < 60 %): flagged, never blocking. */
export interface RuleWarning {
	normCode: string
	criterionCode: string
	evidenceKey: string
	value: number
	unit: NumberUnit
	/** The requirement as the norm set words it (Dutch data of the norm set, shown as is). */
	requirement: string
}

export interface NormProgress {
	key: string
	code: string
	title: string
	applicable: boolean
	/** AND-groups that apply. */
	required: number
	/** AND-groups with at least one complete alternative. */
	answered: number
	complete: boolean
	criteria: { key: string; code: string; applicable: boolean; answered: boolean; complete: boolean }[]
}

export interface CompletenessReport {
	/** Every applicable AND-group has a complete alternative: the round can be submitted. */
	complete: boolean
	norms: NormProgress[]
	missing: MissingItem[]
	/** Number rules that are not met; shown to provider and assessor, they do not block submission. */
	warnings: RuleWarning[]
	totals: { required: number; answered: number }
}

export function checkCompleteness(set: NormSet, profile: ProviderProfile, answers: Answers): CompletenessReport {
	const norms: NormProgress[] = []
	const missing: MissingItem[] = []
	const warnings: RuleWarning[] = []

	for (const norm of set.themes.flatMap((t) => t.norms)) {
		const applicable = isNormApplicable(norm, profile)
		const groups = criterionGroups(norm, profile)
		let answeredGroups = 0
		for (const { alternatives } of groups) {
			if (alternatives.some((c) => isCriterionComplete(c, answers))) {
				answeredGroups += 1
				continue
			}
			missing.push(...groupIssues(norm, alternatives, answers))
		}
		for (const criterion of norm.criteria) {
			if (!applicable || !applies(criterion.appliesTo, profile)) continue
			for (const item of criterion.evidence) {
				const rule = ruleBroken(item, answers[item.key])
				const value = answers[item.key]?.number
				if (!rule || item.kind !== 'number' || typeof value !== 'number') continue
				warnings.push({
					normCode: norm.code,
					criterionCode: criterion.code,
					evidenceKey: item.key,
					value,
					unit: item.unit,
					requirement: rule.message,
				})
			}
		}
		norms.push({
			key: norm.key,
			code: norm.code,
			title: norm.title,
			applicable,
			required: groups.length,
			answered: answeredGroups,
			complete: answeredGroups === groups.length,
			criteria: norm.criteria.map((c) => ({
				key: c.key,
				code: c.code,
				applicable: applicable && applies(c.appliesTo, profile),
				answered: isCriterionAnswered(c, answers),
				complete: isCriterionComplete(c, answers),
			})),
		})
	}
	const required = norms.reduce((sum, n) => sum + n.required, 0)
	const answered = norms.reduce((sum, n) => sum + n.answered, 0)
	return { complete: missing.length === 0, norms, missing, warnings, totals: { required, answered } }
}

/**
 * A group without a complete alternative. A single criterion lists exactly what is missing. For
 * alternatives ("of") the message names them all, followed by the details of every alternative
 * the provider has started on.
 */
function groupIssues(norm: Norm, alternatives: Criterion[], answers: Answers): MissingItem[] {
	if (alternatives.length === 1) return criterionIssues(norm, alternatives[0] as Criterion, answers)
	const header: MissingItem = { normCode: norm.code, criterionCodes: alternatives.map((c) => c.code) }
	const started = alternatives.filter((c) => isCriterionAnswered(c, answers))
	return [header, ...started.flatMap((c) => criterionIssues(norm, c, answers))]
}

// --- fragments ---

function textIssues(value: string | undefined, minLength: number, what: TextKind): EvidenceIssue[] {
	const length = (value ?? '').trim().length
	if (minLength === 0) return []
	if (length === 0) return [{ code: 'text_missing', what }]
	if (length < minLength) return [{ code: 'text_too_short', what, min: minLength, length }]
	return []
}

function choiceIssues(item: EvidenceItemOf<'explanation'>, answer: EvidenceAnswer | undefined): EvidenceIssue[] {
	if (!item.choices) return []
	const { label, options, minSelected, maxSelected } = item.choices
	const chosen = new Set((answer?.checkedElements ?? []).filter((c) => options.includes(c))).size
	if (chosen < minSelected) return [{ code: 'choices_too_few', label, min: minSelected }]
	if (maxSelected !== undefined && chosen > maxSelected) return [{ code: 'choices_too_many', label, max: maxSelected }]
	return []
}

function missingChecks(required: readonly string[], answer: EvidenceAnswer | undefined): string[] {
	const checked = new Set(answer?.checkedElements ?? [])
	return required.filter((element) => !checked.has(element))
}

function numberIssues(item: EvidenceItemOf<'number'>, value: number | null | undefined): EvidenceIssue[] {
	const label = item.label
	if (value === undefined || value === null) return [{ code: 'number_missing', label }]
	if (!Number.isFinite(value)) return [{ code: 'number_invalid', label }]
	const issues: EvidenceIssue[] = []
	if (item.min !== undefined && value < item.min) {
		issues.push({ code: 'number_below_min', label, min: item.min, unit: item.unit })
	}
	if (item.max !== undefined && value > item.max) {
		issues.push({ code: 'number_above_max', label, max: item.max, unit: item.unit })
	}
	if (decimalsOf(value) > item.decimals) {
		issues.push(
			item.decimals === 0
				? { code: 'number_not_whole', label }
				: { code: 'number_too_many_decimals', label, decimals: item.decimals },
		)
	}
	return issues
}

function urlIssues(value: string | undefined): EvidenceIssue[] {
	const url = (value ?? '').trim()
	if (url.length === 0) return [{ code: 'url_missing' }]
	return isWebAddress(url) ? [] : [{ code: 'url_invalid' }]
}

/** An absolute http(s) address with a host that has a dot (no 'localhost' in a public register). */
export function isWebAddress(value: string): boolean {
	try {
		const url = new URL(value.trim())
		return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')
	} catch {
		return false
	}
}

function decimalsOf(value: number): number {
	// 0.1 + 0.2 style noise must not count as extra decimals.
	for (let d = 0; d <= 10; d++) {
		const scaled = value * 10 ** d
		if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, Math.abs(scaled))) return d
	}
	return Infinity
}
