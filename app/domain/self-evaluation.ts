import { z } from 'zod'
import { applies, criterionGroups, describeAlternatives, isNormApplicable } from './norm-set'
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
	text: z.string().max(20_000, 'De tekst mag hoogstens 20.000 tekens lang zijn.').optional(),
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

/** What is missing for one evidence item, as Dutch fragments ('de toelichting ontbreekt'). */
export function evidenceIssues(item: EvidenceItem, answer: EvidenceAnswer | undefined): string[] {
	switch (item.kind) {
		case 'explanation':
			return [...textIssues(answer?.text, item.minLength, 'de toelichting'), ...choiceIssues(item, answer)]
		case 'example':
			return textIssues(answer?.text, item.minLength, 'het voorbeeld')
		case 'template_upload': {
			const issues: string[] = []
			if ((answer?.documents ?? []).length === 0) issues.push('upload het (lege) format')
			for (const element of missingChecks(item.requiredElements, answer)) {
				issues.push(`bevestig dat het format dit element bevat: "${element}"`)
			}
			return issues
		}
		case 'number':
			return numberIssues(item, answer?.number)
		case 'url': {
			const issues = urlIssues(answer?.url)
			for (const point of missingChecks(item.checklist, answer)) {
				issues.push(`bevestig dat de website vermeldt: "${point}"`)
			}
			return issues
		}
		case 'declaration':
			return answer?.declared === true ? [] : [`bevestig de verklaring: "${item.statement}"`]
	}
}

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

/** Dutch, e.g. 'Norm 3, criterium 3.3: de toelichting is korter dan 100 tekens (nu 42)'. */
export function criterionIssues(norm: Norm, criterion: Criterion, answers: Answers): MissingItem[] {
	const several = criterion.evidence.length > 1
	return criterion.evidence.flatMap((item) => {
		if (!item.required) return []
		const where = several
			? `Norm ${norm.code}, criterium ${criterion.code} (${item.label})`
			: `Norm ${norm.code}, criterium ${criterion.code}`
		return evidenceIssues(item, answers[item.key]).map((issue) => ({
			normCode: norm.code,
			criterionCodes: [criterion.code],
			evidenceKey: item.key,
			message: `${where}: ${issue}`,
		}))
	})
}

// --- the whole self-evaluation ---

export interface MissingItem {
	normCode: string
	/** One code, or the alternatives of a group of which none is complete. */
	criterionCodes: string[]
	evidenceKey?: string
	/** Dutch. */
	message: string
}

export interface RuleWarning {
	normCode: string
	criterionCode: string
	evidenceKey: string
	value: number
	/** Dutch: 'Norm 8, criterium 8.3: voldoet niet aan de norm: … (ingevuld: 45 %)'. */
	message: string
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
					message: `Norm ${norm.code}, criterium ${criterion.code}: voldoet niet aan de norm: ${rule.message} (ingevuld: ${formatNumber(value, item)})`,
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
	const header: MissingItem = {
		normCode: norm.code,
		criterionCodes: alternatives.map((c) => c.code),
		message: `Norm ${norm.code}: vul ${describeAlternatives(alternatives)} volledig in (één van deze is voldoende)`,
	}
	const started = alternatives.filter((c) => isCriterionAnswered(c, answers))
	return [header, ...started.flatMap((c) => criterionIssues(norm, c, answers))]
}

// --- fragments ---

function textIssues(value: string | undefined, minLength: number, what: string): string[] {
	const length = (value ?? '').trim().length
	if (minLength === 0) return []
	if (length === 0) return [`${what} ontbreekt`]
	if (length < minLength) return [`${what} is korter dan ${minLength} tekens (nu ${length})`]
	return []
}

function choiceIssues(item: EvidenceItemOf<'explanation'>, answer: EvidenceAnswer | undefined): string[] {
	if (!item.choices) return []
	const { label, options, minSelected, maxSelected } = item.choices
	const chosen = new Set((answer?.checkedElements ?? []).filter((c) => options.includes(c))).size
	if (chosen < minSelected) {
		return [`kies minstens ${minSelected} ${minSelected === 1 ? 'optie' : 'opties'} bij "${label}"`]
	}
	if (maxSelected !== undefined && chosen > maxSelected) {
		return [`kies hoogstens ${maxSelected} ${maxSelected === 1 ? 'optie' : 'opties'} bij "${label}"`]
	}
	return []
}

function missingChecks(required: readonly string[], answer: EvidenceAnswer | undefined): string[] {
	const checked = new Set(answer?.checkedElements ?? [])
	return required.filter((element) => !checked.has(element))
}

function numberIssues(item: EvidenceItemOf<'number'>, value: number | null | undefined): string[] {
	if (value === undefined || value === null) return [`vul "${item.label}" in`]
	if (!Number.isFinite(value)) return [`"${item.label}" is geen geldig getal`]
	const issues: string[] = []
	if (item.min !== undefined && value < item.min) {
		issues.push(`"${item.label}" moet minstens ${formatNumber(item.min, item)} zijn`)
	}
	if (item.max !== undefined && value > item.max) {
		issues.push(`"${item.label}" mag hoogstens ${formatNumber(item.max, item)} zijn`)
	}
	if (decimalsOf(value) > item.decimals) {
		issues.push(
			item.decimals === 0
				? `vul bij "${item.label}" een geheel getal in`
				: `gebruik bij "${item.label}" hoogstens ${item.decimals} ${item.decimals === 1 ? 'decimaal' : 'decimalen'}`,
		)
	}
	return issues
}

function urlIssues(value: string | undefined): string[] {
	const url = (value ?? '').trim()
	if (url.length === 0) return ['vul het adres van de webpagina in']
	return isWebAddress(url) ? [] : ['het webadres is ongeldig; begin met https://']
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

/** Dutch number formatting: '60 %', '3,25', '12'. */
export function formatNumber(value: number, item: Pick<EvidenceItemOf<'number'>, 'unit'>): string {
	const text = String(value).replace('.', ',')
	return item.unit === 'percent' ? `${text} %` : text
}
