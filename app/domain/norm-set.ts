import { z } from 'zod'
import { APPLICABILITIES } from './types'
import type { Applicability, ProviderProfile } from './types'

// A norm set of one mark year as data: theme → norm → criterion → evidence items (DOMAIN.md §5).
//
// Combination is conjunctive normal form. Every criterion has a `group` number; criteria of one norm
// with the same group are alternatives ("of"), different groups are all required ("én"). 2018 norm
// 3 is (3.1 explanation OR 3.2 template upload) AND 3.3: groups 1, 1, 2.
//
// Keys are stable slugs, unique in the set and kept across years while a criterion continues, so
// answers can be prefilled from last year and two years can be compared.

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/
const slug = z.string().regex(SLUG, 'must be a lowercase slug (a-z, 0-9, "-", ".")')
const text = z.string().trim().min(1, 'must not be empty')
const distinctTexts = z
	.array(text)
	.min(1, 'needs at least one entry')
	.refine((list) => new Set(list).size === list.length, 'entries must be distinct')

const evidenceBase = {
	key: slug,
	label: text,
	help: text.optional(),
	required: z.boolean(),
}

const explanationItem = z.strictObject({
	...evidenceBase,
	kind: z.literal('explanation'),
	/** Minimum number of characters (after trimming); 0 makes the text optional. */
	minLength: z.number().int().min(0),
	/**
	 * A structured part of the answer: the provider ticks options (stored in `checkedElements`).
	 * 2022 norms 5 and 6 use it for themes, so KiBG can match carriers with matching themes.
	 */
	choices: z
		.strictObject({
			label: text,
			options: distinctTexts,
			minSelected: z.number().int().min(0),
			maxSelected: z.number().int().min(1).optional(),
			/**
			 * Kennisnetwerk (issue 18): the options are the year's theme list kept by staff, and the
			 * answer says what the carrier wants to learn (5.2) or can teach (6.2).
			 */
			network: z.enum(['learn', 'teach']).optional(),
		})
		.optional(),
})

const templateUploadItem = z.strictObject({
	...evidenceBase,
	kind: z.literal('template_upload'),
	/** The "o" elements the empty format must contain; the provider ticks each as present. */
	requiredElements: distinctTexts,
})

const numberRule = z.strictObject({
	op: z.enum(['>=', '<=', '>', '<']),
	value: z.number(),
	/** Dutch: the requirement, shown when the value breaks it. */
	message: text,
})

const numberItem = z.strictObject({
	...evidenceBase,
	kind: z.literal('number'),
	unit: z.enum(['percent', 'score', 'count']),
	min: z.number().optional(),
	max: z.number().optional(),
	decimals: z.number().int().min(0).max(4),
	rule: numberRule.optional(),
})

const urlItem = z.strictObject({
	...evidenceBase,
	kind: z.literal('url'),
	/** What the page must show; the provider ticks each item as present. */
	checklist: distinctTexts,
})

const exampleItem = z.strictObject({
	...evidenceBase,
	kind: z.literal('example'),
	minLength: z.number().int().min(0),
})

const declarationItem = z.strictObject({
	...evidenceBase,
	kind: z.literal('declaration'),
	statement: text,
})

const evidenceItem = z.discriminatedUnion('kind', [
	explanationItem,
	templateUploadItem,
	numberItem,
	urlItem,
	exampleItem,
	declarationItem,
])

const applicability = z.enum(APPLICABILITIES)

/** What a promised later delivery asks for: a number (a score) or a text. */
export const FOLLOW_UP_DELIVERIES = ['number', 'text'] as const

/**
 * A criterion that promises a later delivery (2018 norm 1 NB: "Deze aanbieders leveren de
 * schaalscore vóór 1 september 2018 aan"): a carrier that qualifies on it gets a tracked follow-up
 * due at the end of `dueOn` (Amsterdam), with reminders and a staff view (issue 16 item 9).
 */
const followUp = z.strictObject({
	dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a calendar date (YYYY-MM-DD)'),
	description: text,
	deliver: z.enum(FOLLOW_UP_DELIVERIES),
})

/** Where an assessment frame comes from: the source text, derived from the criterion, or reconstructed. */
export const FRAME_SOURCES = ['source', 'derived', 'reconstructed'] as const

const criterion = z.strictObject({
	key: slug,
	code: text,
	group: z.number().int().min(1),
	/** The criterion as KiBG wrote it (Dutch). */
	text,
	guidance: text.optional(),
	/** Toetsingskader: when the criterion is met and when not. */
	assessmentFrame: z.strictObject({ met: text, notMet: text }),
	frameSource: z.enum(FRAME_SOURCES),
	appliesTo: applicability.optional(),
	followUp: followUp.optional(),
	evidence: z.array(evidenceItem).min(1, 'a criterion needs evidence'),
})

const norm = z.strictObject({
	key: slug,
	code: text,
	title: text,
	/** Toelichting. */
	explanation: text,
	/** "Wat is geborgd?" */
	safeguards: z.array(text),
	/** Cliëntbelofte, from 2020; absent in 2018. */
	clientPromise: text.optional(),
	appliesTo: applicability,
	/** Remarks such as an NB in the source. */
	notes: z.array(text).optional(),
	criteria: z.array(criterion).min(1, 'a norm needs criteria'),
})

/** How a norm changed according to KiBG's own account ('minor': "nauwelijks gewijzigd"). */
export const NORM_CHANGE_KINDS = ['changed', 'minor', 'new', 'removed'] as const

/**
 * KiBG's published account of what changed since an earlier year (seed 004 §3: the 2022 norms
 * against 2021, which the portal does not hold). Shown with the norms; never carried to a next year.
 */
const changesStatement = z.strictObject({
	since: z.number().int().min(2000).max(2100),
	source: text,
	norms: z.array(
		z.strictObject({
			code: text,
			title: text,
			previousCode: text.optional(),
			previousTitle: text.optional(),
			change: z.enum(NORM_CHANGE_KINDS),
			summary: text,
		}),
	),
})

const theme = z.strictObject({
	key: slug,
	title: text,
	introduction: text.optional(),
	norms: z.array(norm).min(1, 'a theme needs norms'),
})

export const normSetSchema = z
	.strictObject({
		year: z.number().int().min(2000).max(2100),
		markName: text,
		title: text,
		/** Where the text comes from, e.g. the handbook of the year. */
		source: text,
		/** 'reconstructed' until KiBG supplies the final wording. */
		status: z.enum(['final', 'reconstructed']),
		notes: z.array(text).optional(),
		changes: changesStatement.optional(),
		themes: z.array(theme).min(1, 'a norm set needs themes'),
	})
	.superRefine((set, ctx) => {
		const seen = new Map<string, Set<string>>()
		const unique = (namespace: string, value: string, path: (string | number)[]) => {
			const values = seen.get(namespace) ?? new Set<string>()
			seen.set(namespace, values)
			if (values.has(value)) ctx.addIssue({ code: 'custom', path, message: `duplicate ${namespace} '${value}'` })
			values.add(value)
		}
		set.themes.forEach((t, ti) => {
			unique('theme key', t.key, ['themes', ti, 'key'])
			t.norms.forEach((n, ni) => {
				const normPath = ['themes', ti, 'norms', ni]
				unique('norm key', n.key, [...normPath, 'key'])
				unique('norm code', n.code, [...normPath, 'code'])
				const groups = new Set<number>()
				n.criteria.forEach((c, ci) => {
					const path = [...normPath, 'criteria', ci]
					unique('criterion key', c.key, [...path, 'key'])
					unique('criterion code', c.code, [...path, 'code'])
					groups.add(c.group)
					if (!c.code.startsWith(`${n.code}.`)) {
						ctx.addIssue({
							code: 'custom',
							path: [...path, 'code'],
							message: `criterion code '${c.code}' must start with its norm code '${n.code}.'`,
						})
					}
					if (!c.evidence.some((e) => e.required)) {
						ctx.addIssue({
							code: 'custom',
							path: [...path, 'evidence'],
							message: `criterion '${c.key}' needs at least one required evidence item`,
						})
					}
					c.evidence.forEach((e, ei) => {
						const itemPath = [...path, 'evidence', ei]
						unique('evidence key', e.key, [...itemPath, 'key'])
						for (const message of evidenceConfigProblems(e)) {
							ctx.addIssue({ code: 'custom', path: itemPath, message })
						}
					})
				})
				const sorted = [...groups].sort((a, b) => a - b)
				if (sorted.some((g, i) => g !== i + 1)) {
					ctx.addIssue({
						code: 'custom',
						path: [...normPath, 'criteria'],
						message: `groups of norm ${n.code} must be numbered 1..n without gaps (found ${sorted.join(', ')})`,
					})
				}
			})
		})
	})

export type NormSet = z.infer<typeof normSetSchema>
export type Theme = NormSet['themes'][number]
export type Norm = Theme['norms'][number]
export type Criterion = Norm['criteria'][number]
export type EvidenceItem = Criterion['evidence'][number]
export type NumberRule = z.infer<typeof numberRule>
export type FrameSource = (typeof FRAME_SOURCES)[number]
export type EvidenceItemOf<K extends EvidenceItem['kind']> = Extract<EvidenceItem, { kind: K }>

function evidenceConfigProblems(e: EvidenceItem): string[] {
	const problems: string[] = []
	if (e.kind === 'number') {
		if (e.min !== undefined && e.max !== undefined && e.min > e.max) {
			problems.push(`min ${e.min} is greater than max ${e.max}`)
		}
		if (e.unit === 'percent' && ((e.min ?? 0) < 0 || (e.max ?? 100) > 100)) {
			problems.push('a percentage lies between 0 and 100')
		}
		const v = e.rule?.value
		if (v !== undefined && ((e.min !== undefined && v < e.min) || (e.max !== undefined && v > e.max))) {
			problems.push(`rule value ${v} lies outside min/max`)
		}
	}
	if (e.kind === 'explanation' && e.choices) {
		const { options, minSelected, maxSelected } = e.choices
		if (minSelected > options.length) problems.push('minSelected exceeds the number of options')
		if (maxSelected !== undefined && maxSelected < minSelected) {
			problems.push('maxSelected is smaller than minSelected')
		}
	}
	return problems
}

export type ParsedNormSet = { ok: true; normSet: NormSet } | { ok: false; errors: string[] }

/** Validates a norm-set file; errors read 'themes.0.norms.2.criteria.1.key: duplicate criterion key …'. */
export function parseNormSet(json: unknown): ParsedNormSet {
	const result = normSetSchema.safeParse(json)
	if (result.success) return { ok: true, normSet: result.data }
	return {
		ok: false,
		errors: result.error.issues.map((issue) => {
			const path = issue.path.map(String).join('.')
			return path ? `${path}: ${issue.message}` : issue.message
		}),
	}
}

export class NormSetError extends Error {
	override name = 'NormSetError'
	constructor(readonly errors: string[]) {
		super(`Invalid norm set:\n- ${errors.join('\n- ')}`)
	}
}

/** For the seed script: the parsed norm set, or a NormSetError listing every problem. */
export function assertNormSet(json: unknown): NormSet {
	const parsed = parseNormSet(json)
	if (!parsed.ok) throw new NormSetError(parsed.errors)
	return parsed.normSet
}

// --- navigation and applicability ---

export interface CriterionContext {
	theme: Theme
	norm: Norm
	criterion: Criterion
}

/** A light reference for lists and messages. */
export interface CriterionRef {
	key: string
	code: string
	normKey: string
	normCode: string
}

export function criterionRef({ norm, criterion }: Pick<CriterionContext, 'norm' | 'criterion'>): CriterionRef {
	return { key: criterion.key, code: criterion.code, normKey: norm.key, normCode: norm.code }
}

export function allNorms(set: NormSet): { theme: Theme; norm: Norm }[] {
	return set.themes.flatMap((theme) => theme.norms.map((norm) => ({ theme, norm })))
}

export function allCriteria(set: NormSet): CriterionContext[] {
	return allNorms(set).flatMap(({ theme, norm }) => norm.criteria.map((criterion) => ({ theme, norm, criterion })))
}

export function allEvidence(set: NormSet): (CriterionContext & { item: EvidenceItem })[] {
	return allCriteria(set).flatMap((context) => context.criterion.evidence.map((item) => ({ ...context, item })))
}

// A norm set is never changed once built (a published one is immutable, an edited concept is
// loaded afresh), so its index by evidence key can be kept with it: every autosave looks its
// question up, and walking the whole set for it was visible in the deadline rush's profile.
const evidenceIndexes = new WeakMap<NormSet, ReadonlyMap<string, CriterionContext & { item: EvidenceItem }>>()

/** The evidence item with this key and where it sits (theme, norm, criterion); undefined if none. */
export function findEvidence(set: NormSet, key: unknown): (CriterionContext & { item: EvidenceItem }) | undefined {
	if (typeof key !== 'string') return undefined
	let index = evidenceIndexes.get(set)
	if (!index) {
		index = new Map(allEvidence(set).map((entry) => [entry.item.key, entry]))
		evidenceIndexes.set(set, index)
	}
	return index.get(key)
}

export function findCriterion(set: NormSet, key: string): CriterionContext | undefined {
	return allCriteria(set).find((c) => c.criterion.key === key)
}

/** 003 norm 4: "geldt alleen voor GBGGZ-aanbieders die zorg bieden binnen het echelon GBGGZ Chronisch". */
export function applies(applicability: Applicability | undefined, profile: ProviderProfile): boolean {
	switch (applicability ?? 'all') {
		case 'all':
			return true
		case 'chronic_echelon':
			return profile.offersChronicEchelon
		case 'independent_practice':
			return profile.type === 'independent_practice'
		case 'institution':
			return profile.type === 'institution'
	}
}

export function isNormApplicable(norm: Norm, profile: ProviderProfile): boolean {
	return applies(norm.appliesTo, profile) && norm.criteria.some((c) => applies(c.appliesTo, profile))
}

/** The criteria that apply to a provider: norm and criterion applicability both hold. */
export function applicableCriteria(set: NormSet, profile: ProviderProfile): CriterionContext[] {
	return allCriteria(set).filter(
		({ norm, criterion }) => applies(norm.appliesTo, profile) && applies(criterion.appliesTo, profile),
	)
}

export interface CriterionGroup {
	group: number
	/** Applicable alternatives; one of them suffices. */
	alternatives: Criterion[]
}

/** The AND-groups of a norm for a provider, each with its applicable OR-alternatives. */
export function criterionGroups(norm: Norm, profile: ProviderProfile): CriterionGroup[] {
	if (!applies(norm.appliesTo, profile)) return []
	const groups = new Map<number, Criterion[]>()
	for (const c of norm.criteria) {
		if (!applies(c.appliesTo, profile)) continue
		groups.set(c.group, [...(groups.get(c.group) ?? []), c])
	}
	return [...groups.entries()].sort(([a], [b]) => a - b).map(([group, alternatives]) => ({ group, alternatives }))
}
