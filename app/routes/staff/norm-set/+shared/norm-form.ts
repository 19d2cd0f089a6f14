// The norm form of the norm-set editor (Conform + Zod): one schema reads the submitted fields,
// checks each against its rule (messages are keys in app/i18n/*/staff.ts, shown next to the field)
// and turns them into a domain `Norm`. Conform names the nested fields (`criteria[0].evidence[1]
// .label`) and handles adding and removing criteria and evidence items (insert/remove intents),
// with JavaScript or without: the intent is a submit button, the server answers with the form.
//
// The form is text: a failed save shows exactly what was typed (nothing is lost). The domain's
// parseNormSet still checks the whole set before it is stored (norm-set-editor.server.ts).
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

export const NUMBER_UNITS = ['percent', 'score', 'count'] as const
/** The comparison of a number rule by name (names are safe as message keys and form values). */
export const RULE_OPS = { gte: '>=', lte: '<=', gt: '>', lt: '<' } as const satisfies Record<string, NumberRule['op']>
export type RuleOpName = keyof typeof RULE_OPS
export const COMBINATIONS = ['and', 'or'] as const

/** One evidence item as form text. `required` is a checkbox: 'on' when ticked. */
export type EvidenceValue = {
	key: string
	kind: EvidenceKind
	label: string
	help: string
	required?: string
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

export type CriterionValue = {
	/** Empty for a criterion added in the form: it gets a key when saved (assignKeys). */
	key: string
	code: string
	/** How it combines with the one before: 'and' starts a new group, 'or' is an alternative. */
	combine: string
	appliesTo: string
	text: string
	guidance: string
	frameMet: string
	frameNotMet: string
	frameSource: string
	/** A promised later delivery (issue 16 item 9): due day and description both empty for none. */
	followUpDueOn: string
	followUpDescription: string
	followUpDeliver: string
	evidence: EvidenceValue[]
}

export type NormValue = {
	version: string
	code: string
	title: string
	appliesTo: string
	explanation: string
	safeguards: string
	clientPromise: string
	criteria: CriterionValue[]
}

const EMPTY_EVIDENCE: Omit<EvidenceValue, 'key' | 'kind'> = {
	label: '',
	help: '',
	required: 'on',
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

/** A new evidence item of `kind`, as the "add" buttons insert it (sensible defaults per kind). */
export function newEvidenceValue(kind: EvidenceKind): EvidenceValue {
	const defaults: Partial<EvidenceValue> =
		kind === 'explanation' || kind === 'example'
			? { minLength: '50' }
			: kind === 'number'
				? { unit: 'percent', decimals: '0', min: '0', max: '100' }
				: {}
	return { ...EMPTY_EVIDENCE, ...defaults, key: '', kind }
}

/** A new, empty criterion of a norm with code `normCode` that has `count` criteria. */
export function newCriterionValue(normCode: string, count: number, evidenceLabel: string): CriterionValue {
	return {
		key: '',
		code: `${normCode.trim()}.${count + 1}`,
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
		evidence: [{ ...newEvidenceValue('explanation'), label: evidenceLabel }],
	}
}

const numberText = (value: number | undefined) => (value === undefined ? '' : String(value).replace('.', ','))
const opName = (op: NumberRule['op']) =>
	(Object.keys(RULE_OPS) as RuleOpName[]).find((name) => RULE_OPS[name] === op) ?? ''

function evidenceValue(item: EvidenceItem): EvidenceValue {
	const value: EvidenceValue = {
		...EMPTY_EVIDENCE,
		key: item.key,
		kind: item.kind,
		label: item.label,
		help: item.help ?? '',
		required: item.required ? 'on' : undefined,
	}
	switch (item.kind) {
		case 'explanation':
			return {
				...value,
				minLength: String(item.minLength),
				choicesLabel: item.choices?.label ?? '',
				choicesOptions: item.choices?.options.join('\n') ?? '',
				choicesMin: item.choices ? String(item.choices.minSelected) : '',
				choicesMax: item.choices?.maxSelected === undefined ? '' : String(item.choices.maxSelected),
				choicesNetwork: item.choices?.network ?? '',
			}
		case 'example':
			return { ...value, minLength: String(item.minLength) }
		case 'template_upload':
			return { ...value, lines: item.requiredElements.join('\n') }
		case 'url':
			return { ...value, lines: item.checklist.join('\n') }
		case 'number':
			return {
				...value,
				unit: item.unit,
				decimals: String(item.decimals),
				min: numberText(item.min),
				max: numberText(item.max),
				ruleOp: item.rule ? opName(item.rule.op) : '',
				ruleValue: numberText(item.rule?.value),
				ruleMessage: item.rule?.message ?? '',
			}
		case 'declaration':
			return { ...value, statement: item.statement }
	}
}

/** The norm as the form's default value. */
export function normValue(norm: Norm, version: number): NormValue {
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
			evidence: criterion.evidence.map(evidenceValue),
		})),
	}
}

// --- reading the form back ---

// Text fields arrive as strings, or not at all when left empty (Conform drops empty fields).
const text = z
	.string()
	.optional()
	.transform((value) => (value ?? '').replace(/\r\n/g, '\n'))
const requiredText = text.pipe(z.string().trim().min(1, 'staff.errorFieldRequired'))
const optionalText = text.transform((value) => value.trim() || undefined)
const lines = text.transform((value) =>
	value
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean),
)
const lineList = lines
	.refine((list) => list.length > 0, 'staff.errorLinesRequired')
	.refine((list) => new Set(list).size === list.length, 'staff.errorLinesDistinct')
const wholeNumber = text.pipe(
	z
		.string()
		.trim()
		.regex(/^\d{1,6}$/, 'staff.errorWholeNumber')
		.transform(Number),
)
const optionalNumber = text.pipe(
	z
		.string()
		.trim()
		.regex(/^(-?\d{1,9}([.,]\d{1,4})?)?$/, 'staff.errorNumber')
		.transform((value) => (value === '' ? undefined : Number(value.replace(',', '.')))),
)
const smallCount = text.pipe(
	z
		.string()
		.trim()
		.regex(/^\d{0,3}$/, 'staff.errorWholeNumber'),
)
const checkbox = z
	.string()
	.optional()
	.transform((value) => value === 'on')

const evidenceBase = { key: text, label: requiredText, help: optionalText, required: checkbox }
const withHelp = <Item extends { help?: string }>({ help, ...item }: Item) => ({ ...item, ...(help ? { help } : {}) })

const explanationSchema = z
	.object({
		...evidenceBase,
		kind: z.literal('explanation'),
		minLength: wholeNumber,
		choicesLabel: optionalText,
		choicesOptions: lines,
		choicesMin: smallCount,
		choicesMax: smallCount,
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
	.transform(({ choicesLabel, choicesOptions, choicesMin, choicesMax, choicesNetwork, ...item }): EvidenceItem => ({
		...withHelp(item),
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
	}))

const exampleSchema = z
	.object({ ...evidenceBase, kind: z.literal('example'), minLength: wholeNumber })
	.transform((item): EvidenceItem => withHelp(item))

const templateUploadSchema = z
	.object({ ...evidenceBase, kind: z.literal('template_upload'), lines: lineList })
	.transform(({ lines: requiredElements, ...item }): EvidenceItem => ({ ...withHelp(item), requiredElements }))

const urlSchema = z
	.object({ ...evidenceBase, kind: z.literal('url'), lines: lineList })
	.transform(({ lines: checklist, ...item }): EvidenceItem => ({ ...withHelp(item), checklist }))

const declarationSchema = z
	.object({ ...evidenceBase, kind: z.literal('declaration'), statement: requiredText })
	.transform((item): EvidenceItem => withHelp(item))

const numberSchema = z
	.object({
		...evidenceBase,
		kind: z.literal('number'),
		unit: z.enum(NUMBER_UNITS, 'staff.errorChoose'),
		decimals: text.pipe(
			z
				.string()
				.trim()
				.regex(/^[0-4]$/, 'staff.errorDecimals')
				.transform(Number),
		),
		min: optionalNumber,
		max: optionalNumber,
		ruleOp: text.pipe(
			z.union([z.literal(''), z.enum(Object.keys(RULE_OPS) as [RuleOpName, ...RuleOpName[]])], 'staff.errorChoose'),
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
	.transform(({ min, max, ruleOp, ruleValue, ruleMessage, ...item }): EvidenceItem => ({
		...withHelp(item),
		...(min !== undefined ? { min } : {}),
		...(max !== undefined ? { max } : {}),
		...(ruleOp && ruleValue !== undefined && ruleMessage
			? { rule: { op: RULE_OPS[ruleOp], value: ruleValue, message: ruleMessage } }
			: {}),
	}))

const evidenceSchema = z.discriminatedUnion(
	'kind',
	[explanationSchema, exampleSchema, templateUploadSchema, urlSchema, declarationSchema, numberSchema],
	'staff.errorChoose',
)

const criterionSchema = z
	.object({
		key: text,
		code: requiredText,
		combine: text,
		appliesTo: text.pipe(z.union([z.literal(''), z.enum(APPLICABILITIES)], 'staff.errorChoose')),
		text: requiredText,
		guidance: optionalText,
		frameMet: requiredText,
		frameNotMet: requiredText,
		frameSource: z.enum(['source', 'derived', 'reconstructed']).catch('source'),
		followUpDueOn: text.pipe(
			z
				.string()
				.trim()
				.refine((value) => value === '' || isCalendarDate(value), 'staff.errorFollowUpDate'),
		),
		followUpDescription: optionalText,
		followUpDeliver: z.enum(FOLLOW_UP_DELIVERIES).catch('number'),
		evidence: z.array(evidenceSchema).default([]),
	})
	.superRefine((criterion, ctx) => {
		if (!criterion.evidence.some((item) => item.required))
			ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'staff.errorEvidenceRequired' })
		// A follow-up needs both its due day and what is to be delivered.
		if (Boolean(criterion.followUpDueOn) !== Boolean(criterion.followUpDescription))
			ctx.addIssue({
				code: 'custom',
				path: [criterion.followUpDueOn ? 'followUpDescription' : 'followUpDueOn'],
				message: 'staff.errorFollowUpIncomplete',
			})
	})

/** The whole form: the norm's own fields, its criteria and their evidence items. */
export const normFormSchema = z
	.object({
		version: text.pipe(
			z
				.string()
				.regex(/^\d{1,9}$/)
				.transform(Number),
		),
		code: requiredText,
		title: requiredText,
		appliesTo: text.pipe(z.enum(APPLICABILITIES, 'staff.errorChoose')),
		explanation: requiredText,
		safeguards: lines,
		clientPromise: optionalText,
		criteria: z.array(criterionSchema).default([]),
	})
	.superRefine((norm, ctx) => {
		if (norm.criteria.length === 0) ctx.addIssue({ code: 'custom', path: [], message: 'staff.errorNormNeedsCriterion' })
		const codes = new Set<string>()
		norm.criteria.forEach((criterion, index) => {
			if (!criterion.code.startsWith(`${norm.code}.`))
				ctx.addIssue({ code: 'custom', path: ['criteria', index, 'code'], message: 'staff.errorCriterionCode' })
			else if (codes.has(criterion.code))
				ctx.addIssue({ code: 'custom', path: ['criteria', index, 'code'], message: 'staff.errorCodeDuplicate' })
			codes.add(criterion.code)
		})
	})

export type NormForm = z.output<typeof normFormSchema>

/**
 * The submitted form as a norm of the set. Groups follow from the "én / of" choice of each
 * criterion, so they are always numbered 1..n without gaps. New parts have an empty key here; the
 * domain's assignKeys gives them one when the set is saved.
 */
export function normFromForm(form: NormForm, original: Norm): Norm {
	let group = 0
	const criteria = form.criteria.map((criterion, index): Criterion => {
		group = index === 0 || criterion.combine !== 'or' ? group + 1 : group
		const {
			guidance,
			appliesTo,
			frameMet,
			frameNotMet,
			combine: _combine,
			followUpDueOn,
			followUpDescription,
			followUpDeliver,
			...rest
		} = criterion
		return {
			...rest,
			group,
			...(guidance ? { guidance } : {}),
			assessmentFrame: { met: frameMet, notMet: frameNotMet },
			...(appliesTo ? { appliesTo } : {}),
			...(followUpDueOn && followUpDescription
				? { followUp: { dueOn: followUpDueOn, description: followUpDescription, deliver: followUpDeliver } }
				: {}),
		}
	})
	const { clientPromise, version: _version, ...norm } = form
	return {
		key: original.key,
		...norm,
		...(clientPromise ? { clientPromise } : {}),
		...(original.notes ? { notes: original.notes } : {}),
		criteria,
	}
}

export { EVIDENCE_KINDS }
