import type { Criterion, EvidenceItem, Norm, NormSet, Theme } from './norm-set'
import type { EvidenceKind } from './types'

// Pure edits of a draft norm set for the editor (app/routes/staff/norm-set/): the whole set in,
// the whole set out, so the service validates and stores one value (norm-set-editor.server.ts).
// Keys are stable slugs, unique in the set (norm-set.ts); new parts get a free one here, and only
// here.

/** Every key in the set: themes, norms, criteria and evidence items. */
export function keysOf(set: NormSet): string[] {
	return set.themes.flatMap((theme) => [theme.key, ...theme.norms.flatMap((norm) => [norm.key, ...keysOfNorm(norm)])])
}

function keysOfNorm(norm: Pick<Norm, 'criteria'>): string[] {
	return norm.criteria.flatMap((criterion) => [criterion.key, ...criterion.evidence.map((item) => item.key)])
}

/** `base` if it is free, else `base-2`, `base-3` … */
export function freeKey(base: string, taken: ReadonlySet<string>): string {
	let key = base
	for (let index = 2; taken.has(key); index++) key = `${base}-${index}`
	return key
}

/** The slug a new evidence item's key starts with, per kind (keys are Dutch slugs, like the sets). */
const KIND_SLUG: Record<EvidenceKind, string> = {
	explanation: 'toelichting',
	template_upload: 'format',
	number: 'getal',
	url: 'webpagina',
	example: 'voorbeeld',
	declaration: 'verklaring',
}

/**
 * Gives every criterion and evidence item of `norm` without a key a free one, after the keys of the
 * rest of the set; existing keys are kept (answers and last year's diff refer to them).
 */
export function assignKeys(set: NormSet, norm: Norm): Norm {
	const taken = new Set([
		...keysOf(set).filter((key) => !keysOfNorm(findNorm(set, norm.key) ?? { criteria: [] }).includes(key)),
		...keysOfNorm(norm).filter(Boolean),
	])
	const take = (base: string) => {
		const key = freeKey(base, taken)
		taken.add(key)
		return key
	}
	return {
		...norm,
		criteria: norm.criteria.map((criterion, index) => {
			const key = criterion.key || take(`${norm.key}-criterium-${index + 1}`)
			return {
				...criterion,
				key,
				evidence: criterion.evidence.map((item): EvidenceItem =>
					item.key ? item : { ...item, key: take(`${key}-${KIND_SLUG[item.kind]}`) },
				),
			}
		}),
	}
}

export function findNorm(set: NormSet, key: string): Norm | undefined {
	return set.themes.flatMap((theme) => theme.norms).find((norm) => norm.key === key)
}

/** The set with norm `key` replaced by `next`, or removed when `next` is null. */
export function replaceNorm(set: NormSet, key: string, next: Norm | null): NormSet {
	return {
		...set,
		themes: set.themes.map((theme) => ({
			...theme,
			norms: theme.norms.flatMap((norm) => (norm.key === key ? (next ? [next] : []) : [norm])),
		})),
	}
}

/** The set with theme `key` retitled (and its introduction changed or removed). */
export function editTheme(set: NormSet, key: string, change: { title: string; introduction: string }): NormSet {
	return {
		...set,
		themes: set.themes.map((theme): Theme =>
			theme.key === key ? { ...theme, title: change.title, introduction: change.introduction || undefined } : theme,
		),
	}
}

/** The words a new norm starts with; the editor passes them from the catalogue. */
export interface NewNormText {
	title: (code: string) => string
	explanation: string
	criterionText: string
	frameMet: string
	frameNotMet: string
	evidenceLabel: string
}

/**
 * Adds a norm at the end of theme `themeKey`, numbered after the highest norm code, with one
 * criterion (a norm needs one) that asks for an explanation. Returns the set and the new norm.
 */
export function addNorm(set: NormSet, themeKey: string, text: NewNormText): { set: NormSet; norm: Norm } | null {
	if (!set.themes.some((theme) => theme.key === themeKey)) return null
	const codes = set.themes.flatMap((theme) => theme.norms.map((norm) => Number(norm.code))).filter(Number.isFinite)
	const code = String(Math.max(0, ...codes) + 1)
	const criterion: Criterion = {
		key: '',
		code: `${code}.1`,
		group: 1,
		text: text.criterionText,
		assessmentFrame: { met: text.frameMet, notMet: text.frameNotMet },
		frameSource: 'source',
		evidence: [{ key: '', kind: 'explanation', label: text.evidenceLabel, required: true, minLength: 50 }],
	}
	const draft: Norm = {
		key: freeKey('norm', new Set(keysOf(set))),
		code,
		title: text.title(code),
		explanation: text.explanation,
		safeguards: [],
		appliesTo: 'all',
		criteria: [criterion],
	}
	const norm = assignKeys(set, draft)
	return {
		norm,
		set: {
			...set,
			themes: set.themes.map((theme) => (theme.key === themeKey ? { ...theme, norms: [...theme.norms, norm] } : theme)),
		},
	}
}
