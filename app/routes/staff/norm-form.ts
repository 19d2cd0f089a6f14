// The norm form of the norm-set editor as plain text fields, and its way back to a domain `Norm`.
//
// The form is a *draft*: every field is the text the administrator typed, so a failed save can show
// the form exactly as submitted (nothing typed is lost). `validateNormDraft` turns a draft into a
// norm with Zod, field by field, so every error sits next to its field; the domain's parseNormSet
// still checks the whole set before it is stored (norm-set-editor.server.ts).
//
// Field names: norm fields by name (`title`), criteria as `c<i>.<field>`, evidence items as
// `c<i>.e<j>.<field>`. Removal is a ticked box that is kept in the draft, so it can be undone.
import { z } from 'zod'
import { isCalendarDate } from '#app/domain/amsterdam-time.ts'
import {
	FOLLOW_UP_DELIVERIES,
	type Criterion,
	type EvidenceItem,
	type Norm,
	type NumberRule,
} from '#app/domain/norm-set.ts'
import { APPLICABILITIES, EVIDENCE_KINDS, type EvidenceKind } from '#app/domain/types.ts'
import type { FieldErrors, FormValues } from '#app/lib/forms.ts'

export const NUMBER_UNITS = ['percent', 'score', 'count'] as const
/** The comparison of a number rule by name (names are safe as message keys and form values). */
export const RULE_OPS = { gte: '>=', lte: '<=', gt: '>', lt: '<' } as const satisfies Record<string, NumberRule['op']>
export type RuleOpName = keyof typeof RULE_OPS
export const COMBINATIONS = ['and', 'or'] as const

export interface EvidenceDraft {
	key: string
	kind: EvidenceKind
	removed: boolean
	label: string
	help: string
	required: boolean
	/** explanation, example */
	minLength: string
	/** explanation: an optional multiple-choice part */
	choicesLabel: string
	choicesOptions: string
	choicesMin: string
	choicesMax: string
	/** Issue 18: '' or the kennisnetwerk direction ('learn' 5.2, 'teach' 6.2). */
	choicesNetwork: string
	/** template_upload: required elements; url: checklist — one per line */
	lines: string
	/** number */
	unit: string
	decimals: string
	min: string
	max: string
	ruleOp: string
	ruleValue: string
	ruleMessage: string
	/** declaration */
	statement: string
}

export interface CriterionDraft {
	key: string
	removed: boolean
	code: string
	/** How this criterion combines with the one before it: 'and' starts a new group, 'or' is an alternative. */
	combine: string
	appliesTo: string
	text: string
	guidance: string
	frameMet: string
	frameNotMet: string
	frameSource: string
	/** A promised later delivery (issue 16 item 9): all three empty for none. */
	followUpDueOn: string
	followUpDescription: string
	followUpDeliver: string
	evidence: EvidenceDraft[]
}

export interface NormDraft {
	version: string
	code: string
	title: string
	appliesTo: string
	explanation: string
	safeguards: string
	clientPromise: string
	criteria: CriterionDraft[]
}

const EMPTY_EVIDENCE: Omit<EvidenceDraft, 'key' | 'kind'> = {
	removed: false,
	label: '',
	help: '',
	required: true,
	minLength: '',
	choicesLabel: '',
	choicesOptions: '',
	choicesMin: '',
	choicesMax: '',
	choicesNetwork: '',
	lines: '',
	unit: '',
	decimals: '',
	min: '',
	max: '',
	ruleOp: '',
	ruleValue: '',
	ruleMessage: '',
	statement: '',
}

const numberText = (value: number | undefined) => (value === undefined ? '' : String(value).replace('.', ','))
const opName = (op: NumberRule['op']) =>
	(Object.keys(RULE_OPS) as RuleOpName[]).find((name) => RULE_OPS[name] === op) ?? ''

function evidenceToDraft(item: EvidenceItem): EvidenceDraft {
	const draft: EvidenceDraft = {
		...EMPTY_EVIDENCE,
		key: item.key,
		kind: item.kind,
		label: item.label,
		help: item.help ?? '',
		required: item.required,
	}
	switch (item.kind) {
		case 'explanation':
			return {
				...draft,
				minLength: String(item.minLength),
				choicesLabel: item.choices?.label ?? '',
				choicesOptions: item.choices?.options.join('\n') ?? '',
				choicesMin: item.choices ? String(item.choices.minSelected) : '',
				choicesMax: item.choices?.maxSelected === undefined ? '' : String(item.choices.maxSelected),
				choicesNetwork: item.choices?.network ?? '',
			}
		case 'example':
			return { ...draft, minLength: String(item.minLength) }
		case 'template_upload':
			return { ...draft, lines: item.requiredElements.join('\n') }
		case 'url':
			return { ...draft, lines: item.checklist.join('\n') }
		case 'number':
			return {
				...draft,
				unit: item.unit,
				decimals: String(item.decimals),
				min: numberText(item.min),
				max: numberText(item.max),
				ruleOp: item.rule ? opName(item.rule.op) : '',
				ruleValue: numberText(item.rule?.value),
				ruleMessage: item.rule?.message ?? '',
			}
		case 'declaration':
			return { ...draft, statement: item.statement }
	}
}

export function normToDraft(norm: Norm, version: number): NormDraft {
	return {
		version: String(version),
		code: norm.code,
		title: norm.title,
		appliesTo: norm.appliesTo,
		explanation: norm.explanation,
		safeguards: norm.safeguards.join('\n'),
		clientPromise: norm.clientPromise ?? '',
		criteria: norm.criteria.map((criterion, index) => ({
			key: criterion.key,
			removed: false,
			code: criterion.code,
			combine: index > 0 && norm.criteria[index - 1]?.group === criterion.group ? 'or' : 'and',
			appliesTo: criterion.appliesTo ?? '',
			text: criterion.text,
			guidance: criterion.guidance ?? '',
			frameMet: criterion.assessmentFrame.met,
			frameNotMet: criterion.assessmentFrame.notMet,
			frameSource: criterion.frameSource,
			followUpDueOn: criterion.followUp?.dueOn ?? '',
			followUpDescription: criterion.followUp?.description ?? '',
			followUpDeliver: criterion.followUp?.deliver ?? 'number',
			evidence: criterion.evidence.map(evidenceToDraft),
		})),
	}
}

function text(values: FormValues, name: string): string {
	const value = values[name]
	return ((Array.isArray(value) ? value[0] : value) ?? '').replace(/\r\n/g, '\n')
}

const ticked = (values: FormValues, name: string) => text(values, name) === 'on'

/** The draft as submitted. Rows are read while their hidden key is present. */
export function draftFromValues(values: FormValues): NormDraft {
	const criteria: CriterionDraft[] = []
	for (let i = 0; values[`c${i}.key`] !== undefined; i++) {
		const field = (name: string) => text(values, `c${i}.${name}`)
		const evidence: EvidenceDraft[] = []
		for (let j = 0; values[`c${i}.e${j}.key`] !== undefined; j++) {
			const item = (name: string) => text(values, `c${i}.e${j}.${name}`)
			const kind = EVIDENCE_KINDS.find((candidate) => candidate === item('kind')) ?? 'explanation'
			evidence.push({
				key: item('key'),
				kind,
				removed: ticked(values, `c${i}.e${j}.remove`),
				label: item('label'),
				help: item('help'),
				required: ticked(values, `c${i}.e${j}.required`),
				minLength: item('minLength'),
				choicesLabel: item('choicesLabel'),
				choicesOptions: item('choicesOptions'),
				choicesMin: item('choicesMin'),
				choicesMax: item('choicesMax'),
				choicesNetwork: item('choicesNetwork'),
				lines: item('lines'),
				unit: item('unit'),
				decimals: item('decimals'),
				min: item('min'),
				max: item('max'),
				ruleOp: item('ruleOp'),
				ruleValue: item('ruleValue'),
				ruleMessage: item('ruleMessage'),
				statement: item('statement'),
			})
		}
		criteria.push({
			key: field('key'),
			removed: ticked(values, `c${i}.remove`),
			code: field('code'),
			combine: field('combine'),
			appliesTo: field('appliesTo'),
			text: field('text'),
			guidance: field('guidance'),
			frameMet: field('frameMet'),
			frameNotMet: field('frameNotMet'),
			frameSource: field('frameSource'),
			followUpDueOn: field('followUpDueOn'),
			followUpDescription: field('followUpDescription'),
			followUpDeliver: field('followUpDeliver'),
			evidence,
		})
	}
	return {
		version: text(values, 'version'),
		code: text(values, 'code'),
		title: text(values, 'title'),
		appliesTo: text(values, 'appliesTo'),
		explanation: text(values, 'explanation'),
		safeguards: text(values, 'safeguards'),
		clientPromise: text(values, 'clientPromise'),
		criteria,
	}
}

/** A key that is not in `taken`: `base`, or `base-2`, `base-3` … */
function freeKey(base: string, taken: Set<string>): string {
	let key = base
	for (let index = 2; taken.has(key); index++) key = `${base}-${index}`
	return key
}

function draftKeys(draft: NormDraft): string[] {
	return draft.criteria.flatMap((criterion) => [criterion.key, ...criterion.evidence.map((item) => item.key)])
}

/** Adds an empty criterion (not saved: the administrator fills it in and saves the norm). */
export function addCriterionToDraft(draft: NormDraft, normKey: string, keysInSet: Iterable<string>): NormDraft {
	const taken = new Set([...keysInSet, ...draftKeys(draft)])
	const key = freeKey(`${normKey}-criterium-${draft.criteria.length + 1}`, taken)
	taken.add(key)
	const criterion: CriterionDraft = {
		key,
		removed: false,
		code: `${draft.code.trim()}.${draft.criteria.length + 1}`,
		combine: 'and',
		appliesTo: '',
		text: '',
		guidance: '',
		frameMet: '',
		frameNotMet: '',
		frameSource: 'source',
		followUpDueOn: '',
		followUpDescription: '',
		followUpDeliver: 'number',
		evidence: [
			{
				...EMPTY_EVIDENCE,
				key: freeKey(`${key}-toelichting`, taken),
				kind: 'explanation',
				label: 'Toelichting',
				minLength: '50',
			},
		],
	}
	return { ...draft, criteria: [...draft.criteria, criterion] }
}

const KIND_SLUG: Record<EvidenceKind, string> = {
	explanation: 'toelichting',
	template_upload: 'format',
	number: 'getal',
	url: 'webpagina',
	example: 'voorbeeld',
	declaration: 'verklaring',
}

/** Adds an empty evidence item of `kind` to criterion `index` (not saved). */
export function addEvidenceToDraft(
	draft: NormDraft,
	index: number,
	kind: EvidenceKind,
	keysInSet: Iterable<string>,
): NormDraft {
	const criterion = draft.criteria[index]
	if (!criterion) return draft
	const key = freeKey(`${criterion.key}-${KIND_SLUG[kind]}`, new Set([...keysInSet, ...draftKeys(draft)]))
	const defaults: Partial<EvidenceDraft> =
		kind === 'explanation' || kind === 'example'
			? { minLength: '50' }
			: kind === 'number'
				? { unit: 'percent', decimals: '0', min: '0', max: '100' }
				: {}
	const item: EvidenceDraft = { ...EMPTY_EVIDENCE, ...defaults, key, kind }
	return {
		...draft,
		criteria: draft.criteria.map((candidate, at) =>
			at === index ? { ...candidate, evidence: [...candidate.evidence, item] } : candidate,
		),
	}
}

// Field schemas. Messages are keys in app/i18n/*/staff.ts.
const requiredText = z.string().trim().min(1, 'staff.errorFieldRequired')
const optionalText = z
	.string()
	.trim()
	.transform((value) => value || undefined)
const wholeNumber = z
	.string()
	.trim()
	.regex(/^\d{1,6}$/, 'staff.errorWholeNumber')
	.transform(Number)
const optionalNumber = z
	.string()
	.trim()
	.regex(/^(-?\d{1,9}([.,]\d{1,4})?)?$/, 'staff.errorNumber')
	.transform((value) => (value === '' ? undefined : Number(value.replace(',', '.'))))
const lineList = z
	.string()
	.transform((value) =>
		value
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean),
	)
	.refine((list) => list.length > 0, 'staff.errorLinesRequired')
	.refine((list) => new Set(list).size === list.length, 'staff.errorLinesDistinct')

const evidenceBase = { key: z.string(), label: requiredText, help: optionalText, required: z.boolean() }

const explanationSchema = z
	.object({
		...evidenceBase,
		kind: z.literal('explanation'),
		minLength: wholeNumber,
		choicesLabel: optionalText,
		choicesOptions: z.string().transform((value) =>
			value
				.split('\n')
				.map((line) => line.trim())
				.filter(Boolean),
		),
		choicesMin: z
			.string()
			.trim()
			.regex(/^\d{0,3}$/, 'staff.errorWholeNumber'),
		choicesMax: z
			.string()
			.trim()
			.regex(/^\d{0,3}$/, 'staff.errorWholeNumber'),
		choicesNetwork: z.enum(['', 'learn', 'teach']).catch(''),
	})
	.superRefine((item, ctx) => {
		const hasChoices = Boolean(item.choicesLabel) || item.choicesOptions.length > 0
		if (!hasChoices) return
		if (!item.choicesLabel)
			ctx.addIssue({ code: 'custom', path: ['choicesLabel'], message: 'staff.errorChoicesIncomplete' })
		if (!item.choicesOptions.length)
			ctx.addIssue({ code: 'custom', path: ['choicesOptions'], message: 'staff.errorChoicesIncomplete' })
		if (new Set(item.choicesOptions).size !== item.choicesOptions.length)
			ctx.addIssue({ code: 'custom', path: ['choicesOptions'], message: 'staff.errorLinesDistinct' })
		const min = Number(item.choicesMin || 0)
		if (min > item.choicesOptions.length)
			ctx.addIssue({ code: 'custom', path: ['choicesMin'], message: 'staff.errorChoicesMin' })
		if (item.choicesMax !== '' && Number(item.choicesMax) < Math.max(1, min))
			ctx.addIssue({ code: 'custom', path: ['choicesMax'], message: 'staff.errorChoicesMax' })
	})
	.transform(
		({ choicesLabel, choicesOptions, choicesMin, choicesMax, choicesNetwork, help, ...item }): EvidenceItem => ({
			...item,
			...(help ? { help } : {}),
			...(choicesLabel && choicesOptions.length
				? {
						choices: {
							label: choicesLabel,
							options: choicesOptions,
							minSelected: Number(choicesMin || 0),
							...(choicesMax ? { maxSelected: Number(choicesMax) } : {}),
							...(choicesNetwork ? { network: choicesNetwork } : {}),
						},
					}
				: {}),
		}),
	)

const exampleSchema = z
	.object({ ...evidenceBase, kind: z.literal('example'), minLength: wholeNumber })
	.transform(({ help, ...item }): EvidenceItem => ({ ...item, ...(help ? { help } : {}) }))

const templateUploadSchema = z
	.object({ ...evidenceBase, kind: z.literal('template_upload'), lines: lineList })
	.transform(({ help, lines, ...item }): EvidenceItem => ({
		...item,
		...(help ? { help } : {}),
		requiredElements: lines,
	}))

const urlSchema = z
	.object({ ...evidenceBase, kind: z.literal('url'), lines: lineList })
	.transform(({ help, lines, ...item }): EvidenceItem => ({ ...item, ...(help ? { help } : {}), checklist: lines }))

const declarationSchema = z
	.object({ ...evidenceBase, kind: z.literal('declaration'), statement: requiredText })
	.transform(({ help, ...item }): EvidenceItem => ({ ...item, ...(help ? { help } : {}) }))

const numberSchema = z
	.object({
		...evidenceBase,
		kind: z.literal('number'),
		unit: z.enum(NUMBER_UNITS, 'staff.errorChoose'),
		decimals: z
			.string()
			.trim()
			.regex(/^[0-4]$/, 'staff.errorDecimals')
			.transform(Number),
		min: optionalNumber,
		max: optionalNumber,
		ruleOp: z.union(
			[z.literal(''), z.enum(Object.keys(RULE_OPS) as [RuleOpName, ...RuleOpName[]])],
			'staff.errorChoose',
		),
		ruleValue: optionalNumber,
		ruleMessage: optionalText,
	})
	.superRefine((item, ctx) => {
		if (item.min !== undefined && item.max !== undefined && item.min > item.max)
			ctx.addIssue({ code: 'custom', path: ['max'], message: 'staff.errorMinAboveMax' })
		if (item.unit === 'percent') {
			if ((item.min ?? 0) < 0) ctx.addIssue({ code: 'custom', path: ['min'], message: 'staff.errorPercentRange' })
			if ((item.max ?? 100) > 100) ctx.addIssue({ code: 'custom', path: ['max'], message: 'staff.errorPercentRange' })
		}
		if (!item.ruleOp) return
		if (item.ruleValue === undefined)
			ctx.addIssue({ code: 'custom', path: ['ruleValue'], message: 'staff.errorRuleValueRequired' })
		else if (
			(item.min !== undefined && item.ruleValue < item.min) ||
			(item.max !== undefined && item.ruleValue > item.max)
		) {
			ctx.addIssue({ code: 'custom', path: ['ruleValue'], message: 'staff.errorRuleValueOutside' })
		}
		if (!item.ruleMessage)
			ctx.addIssue({ code: 'custom', path: ['ruleMessage'], message: 'staff.errorRuleMessageRequired' })
	})
	.transform(({ help, min, max, ruleOp, ruleValue, ruleMessage, ...item }): EvidenceItem => ({
		...item,
		...(help ? { help } : {}),
		...(min !== undefined ? { min } : {}),
		...(max !== undefined ? { max } : {}),
		...(ruleOp && ruleValue !== undefined && ruleMessage
			? { rule: { op: RULE_OPS[ruleOp], value: ruleValue, message: ruleMessage } }
			: {}),
	}))

const evidenceSchemas: Record<EvidenceKind, z.ZodType<EvidenceItem>> = {
	explanation: explanationSchema,
	example: exampleSchema,
	template_upload: templateUploadSchema,
	url: urlSchema,
	declaration: declarationSchema,
	number: numberSchema,
}

const criterionSchema = z.object({
	code: requiredText,
	appliesTo: z.union([z.literal(''), z.enum(APPLICABILITIES)], 'staff.errorChoose'),
	combine: z.string(),
	text: requiredText,
	guidance: optionalText,
	frameMet: requiredText,
	frameNotMet: requiredText,
	frameSource: z.enum(['source', 'derived', 'reconstructed']).catch('source'),
	followUpDueOn: z.union([z.literal(''), z.string().refine(isCalendarDate, 'staff.errorFollowUpDate')]),
	followUpDescription: optionalText,
	followUpDeliver: z.enum(FOLLOW_UP_DELIVERIES).catch('number'),
})

const normSchema = z.object({
	code: requiredText,
	title: requiredText,
	appliesTo: z.enum(APPLICABILITIES, 'staff.errorChoose'),
	explanation: requiredText,
	safeguards: z.string().transform((value) =>
		value
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean),
	),
	clientPromise: optionalText,
})

export type DraftResult = { ok: true; norm: Norm } | { ok: false; fieldErrors: FieldErrors; formErrors: string[] }

/**
 * The draft as a norm, or the errors per field name. Removed rows are skipped; groups follow from
 * the "én / of" choice of each remaining criterion, so they are always numbered 1..n without gaps.
 */
export function validateNormDraft(draft: NormDraft, original: Norm): DraftResult {
	const fieldErrors: FieldErrors = {}
	const formErrors: string[] = []
	const collect = (prefix: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
		for (const issue of issues) (fieldErrors[`${prefix}${issue.path.map(String).join('.')}`] ??= []).push(issue.message)
	}
	const head = normSchema.safeParse(draft)
	if (!head.success) collect('', head.error.issues)
	const normCode = draft.code.trim()
	const criteria: Criterion[] = []
	const codes = new Set<string>()
	let group = 0
	draft.criteria.forEach((criterionDraft, i) => {
		if (criterionDraft.removed) return
		const parsed = criterionSchema.safeParse(criterionDraft)
		if (!parsed.success) collect(`c${i}.`, parsed.error.issues)
		const code = criterionDraft.code.trim()
		if (code && normCode && !code.startsWith(`${normCode}.`))
			collect(`c${i}.`, [{ path: ['code'], message: 'staff.errorCriterionCode' }])
		else if (code && codes.has(code)) collect(`c${i}.`, [{ path: ['code'], message: 'staff.errorCodeDuplicate' }])
		codes.add(code)
		const evidence: EvidenceItem[] = []
		criterionDraft.evidence.forEach((itemDraft, j) => {
			if (itemDraft.removed) return
			const item = evidenceSchemas[itemDraft.kind].safeParse(itemDraft)
			if (item.success) evidence.push(item.data)
			else collect(`c${i}.e${j}.`, item.error.issues)
		})
		const kept = criterionDraft.evidence.filter((item) => !item.removed)
		if (!kept.some((item) => item.required)) (fieldErrors[`c${i}.evidence`] ??= []).push('staff.errorEvidenceRequired')
		group = group === 0 || criterionDraft.combine !== 'or' ? group + 1 : group
		if (!parsed.success) return
		const {
			guidance,
			appliesTo,
			frameMet,
			frameNotMet,
			frameSource,
			combine: _combine,
			followUpDueOn,
			followUpDescription,
			followUpDeliver,
			...rest
		} = parsed.data
		// A follow-up needs both its due day and what is to be delivered.
		if (Boolean(followUpDueOn) !== Boolean(followUpDescription)) {
			collect(`c${i}.`, [
				{ path: [followUpDueOn ? 'followUpDescription' : 'followUpDueOn'], message: 'staff.errorFollowUpIncomplete' },
			])
			return
		}
		criteria.push({
			...rest,
			key: criterionDraft.key,
			group,
			...(guidance ? { guidance } : {}),
			assessmentFrame: { met: frameMet, notMet: frameNotMet },
			frameSource,
			...(appliesTo ? { appliesTo } : {}),
			...(followUpDueOn && followUpDescription
				? { followUp: { dueOn: followUpDueOn, description: followUpDescription, deliver: followUpDeliver } }
				: {}),
			evidence,
		})
	})
	if (!draft.criteria.some((criterion) => !criterion.removed)) formErrors.push('staff.errorNormNeedsCriterion')
	if (Object.keys(fieldErrors).length || formErrors.length || !head.success)
		return { ok: false, fieldErrors, formErrors }
	const { clientPromise, ...norm } = head.data
	return {
		ok: true,
		norm: {
			key: original.key,
			...norm,
			...(clientPromise ? { clientPromise } : {}),
			...(original.notes ? { notes: original.notes } : {}),
			criteria,
		},
	}
}
