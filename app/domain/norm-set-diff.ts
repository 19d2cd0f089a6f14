import { allCriteria, allEvidence, allNorms, criterionRef } from './norm-set'
import type { CriterionRef, EvidenceItem, Norm, NormSet } from './norm-set'
import { hasContent } from './self-evaluation'
import type { Answers, DocumentRef, EvidenceAnswer } from './self-evaluation'

// Comparing years and rounds. A new year starts as a copy of the last (DOMAIN.md §1, §5); criteria
// are matched by their stable key, so answers follow a criterion even when it is renumbered.

export interface NormRef {
	key: string
	code: string
	title: string
}

export type NormChangeField =
	| 'title'
	| 'explanation'
	| 'safeguards'
	| 'clientPromise'
	| 'appliesTo'
	/** A criterion of the norm was added, removed or changed. */
	| 'criteria'
	/** Matched by content under another key. */
	| 'key'
/** What makes a criterion "changed": the provider must look at the answer again. */
export type CriterionChangeField = 'text' | 'assessmentFrame' | 'evidence'
/** Changes that move a criterion without changing what is asked. */
export type CriterionMoveField = 'code' | 'norm' | 'group' | 'appliesTo' | 'guidance'

export interface NormSetDiff {
	norms: {
		added: NormRef[]
		removed: NormRef[]
		changed: {
			key: string
			previous: NormRef
			next: NormRef
			fields: NormChangeField[]
			/** How the two were paired: the same key, or (issue 16) the same content under a new key. */
			matchedBy: 'key' | 'content'
		}[]
	}
	criteria: {
		added: CriterionRef[]
		removed: CriterionRef[]
		changed: { key: string; previous: CriterionRef; next: CriterionRef; fields: CriterionChangeField[] }[]
		moved: { key: string; previous: CriterionRef; next: CriterionRef; fields: CriterionMoveField[] }[]
		unchanged: CriterionRef[]
	}
}

/** Norms whose words overlap at least this much (Jaccard) are the same norm under another key. */
const CONTENT_MATCH = 0.5

function normWords(norm: Norm): Set<string> {
	const text = [norm.title, norm.explanation, ...norm.criteria.map((c) => c.text)].join(' ').toLowerCase()
	return new Set(text.split(/[^a-z0-9\u00c0-\u024f]+/).filter((word) => word.length >= 5))
}

function similarity(a: Norm, b: Norm): number {
	const sharedCriteria = a.criteria.some((c) => b.criteria.some((d) => d.key === c.key))
	if (sharedCriteria) return 1
	const wa = normWords(a)
	const wb = normWords(b)
	const shared = [...wa].filter((word) => wb.has(word)).length
	const union = wa.size + wb.size - shared
	return union === 0 ? 0 : shared / union
}

/**
 * Norms are paired by key; a norm left without a partner is paired by content when another norm
 * left over says the same (issue 16: a renamed key must not show as one dropped and one new).
 * Criteria are paired by key only: answers follow a criterion's key (DOMAIN.md §5).
 */
export function diffNormSets(previous: NormSet, next: NormSet): NormSetDiff {
	const normRef = (n: Norm): NormRef => ({ key: n.key, code: n.code, title: n.title })
	const prevNorms = new Map(allNorms(previous).map(({ norm }) => [norm.key, norm]))
	const nextNorms = new Map(allNorms(next).map(({ norm }) => [norm.key, norm]))
	const pairs: { p: Norm; n: Norm; matchedBy: 'key' | 'content' }[] = []
	for (const [key, n] of nextNorms) {
		const p = prevNorms.get(key)
		if (p) pairs.push({ p, n, matchedBy: 'key' })
	}
	const leftPrev = [...prevNorms.values()].filter((p) => !nextNorms.has(p.key))
	const leftNext = [...nextNorms.values()].filter((n) => !prevNorms.has(n.key))
	const candidates = leftPrev
		.flatMap((p) => leftNext.map((n) => ({ p, n, score: similarity(p, n) })))
		.filter((candidate) => candidate.score >= CONTENT_MATCH)
		.sort((a, b) => b.score - a.score)
	const taken = new Set<Norm>()
	for (const { p, n } of candidates) {
		if (taken.has(p) || taken.has(n)) continue
		taken.add(p)
		taken.add(n)
		pairs.push({ p, n, matchedBy: 'content' })
	}
	const criteriaKeys = (norm: Norm) => new Set(norm.criteria.map((c) => c.key))
	const norms: NormSetDiff['norms'] = {
		added: leftNext.filter((n) => !taken.has(n)).map(normRef),
		removed: leftPrev.filter((p) => !taken.has(p)).map(normRef),
		changed: [],
	}
	for (const { p, n, matchedBy } of pairs.sort((a, b) => allNormsIndex(next, a.n.key) - allNormsIndex(next, b.n.key))) {
		const fields: NormChangeField[] = (
			['title', 'explanation', 'safeguards', 'clientPromise', 'appliesTo'] as const
		).filter((f) => stableStringify(p[f]) !== stableStringify(n[f]))
		const before = new Map(p.criteria.map((c) => [c.key, c]))
		const criteriaChanged =
			stableStringify([...criteriaKeys(p)].sort()) !== stableStringify([...criteriaKeys(n)].sort()) ||
			n.criteria.some((c) => {
				const old = before.get(c.key)
				return (
					!old ||
					old.text !== c.text ||
					stableStringify(old.assessmentFrame) !== stableStringify(c.assessmentFrame) ||
					stableStringify(old.evidence) !== stableStringify(c.evidence)
				)
			})
		if (criteriaChanged) fields.push('criteria')
		if (matchedBy === 'content') fields.push('key')
		if (fields.length > 0) norms.changed.push({ key: n.key, previous: normRef(p), next: normRef(n), fields, matchedBy })
	}

	const prevCriteria = new Map(allCriteria(previous).map((c) => [c.criterion.key, c]))
	const nextCriteria = new Map(allCriteria(next).map((c) => [c.criterion.key, c]))
	const criteria: NormSetDiff['criteria'] = { added: [], removed: [], changed: [], moved: [], unchanged: [] }
	for (const [key, n] of nextCriteria) {
		const p = prevCriteria.get(key)
		if (!p) {
			criteria.added.push(criterionRef(n))
			continue
		}
		const a = p.criterion
		const b = n.criterion
		const changed: CriterionChangeField[] = []
		if (a.text !== b.text) changed.push('text')
		if (stableStringify(a.assessmentFrame) !== stableStringify(b.assessmentFrame)) changed.push('assessmentFrame')
		if (stableStringify(a.evidence) !== stableStringify(b.evidence)) changed.push('evidence')
		const moved: CriterionMoveField[] = []
		if (a.code !== b.code) moved.push('code')
		if (p.norm.key !== n.norm.key) moved.push('norm')
		if (a.group !== b.group) moved.push('group')
		if ((a.appliesTo ?? 'all') !== (b.appliesTo ?? 'all')) moved.push('appliesTo')
		if (a.guidance !== b.guidance) moved.push('guidance')
		const refs = { key, previous: criterionRef(p), next: criterionRef(n) }
		if (changed.length > 0) criteria.changed.push({ ...refs, fields: changed })
		else if (moved.length > 0) criteria.moved.push({ ...refs, fields: moved })
		else criteria.unchanged.push(criterionRef(n))
	}
	for (const [key, p] of prevCriteria) if (!nextCriteria.has(key)) criteria.removed.push(criterionRef(p))
	return { norms, criteria }
}

export type PrefillStatus = 'carried' | 'changed' | 'new'

export interface Prefill {
	answers: Record<string, EvidenceAnswer>
	/** Per criterion key of the next set: 'changed' criteria must be looked at again. */
	criteria: Record<string, PrefillStatus>
	/** Evidence keys of last year's answers that could not be carried over. */
	dropped: string[]
}

/**
 * Answers for the next year from last year's. Carried: texts, URLs, documents and ticks that still
 * exist in the new configuration. Not carried: numbers and declarations, because they are about a
 * period or a moment (blended percentage of the last 3 months, ROM in the previous year, a
 * statement for this year) and must be given anew.
 */
export function prefillAnswers(previousSet: NormSet, previousAnswers: Answers, nextSet: NormSet): Prefill {
	const diff = diffNormSets(previousSet, nextSet)
	const changedKeys = new Set(diff.criteria.changed.map((c) => c.key))
	const previousCriteria = new Set(allCriteria(previousSet).map((c) => c.criterion.key))
	const previousItems = new Map(allEvidence(previousSet).map((e) => [e.item.key, e.item]))

	const criteria: Record<string, PrefillStatus> = {}
	for (const { criterion } of allCriteria(nextSet)) {
		criteria[criterion.key] = !previousCriteria.has(criterion.key)
			? 'new'
			: changedKeys.has(criterion.key)
				? 'changed'
				: 'carried'
	}

	const answers: Record<string, EvidenceAnswer> = {}
	for (const { item } of allEvidence(nextSet)) {
		const before = previousItems.get(item.key)
		const answer = previousAnswers[item.key]
		if (!before || before.kind !== item.kind || !answer) continue
		const carried = carryAnswer(item, answer)
		if (hasContent(carried)) answers[item.key] = carried
	}
	const dropped = Object.keys(previousAnswers)
		.filter((key) => hasContent(previousAnswers[key]) && !(key in answers))
		.filter((key) => {
			const before = previousItems.get(key)
			return !before || (before.kind !== 'number' && before.kind !== 'declaration')
		})
		.sort()
	return { answers, criteria, dropped }
}

function carryAnswer(item: EvidenceItem, answer: EvidenceAnswer): EvidenceAnswer {
	const documents = [...(answer.documents ?? [])]
	const keep = (allowed: readonly string[]) =>
		(answer.checkedElements ?? []).filter((element) => allowed.includes(element))
	switch (item.kind) {
		case 'explanation': {
			const carried: EvidenceAnswer = { documents }
			if (answer.text !== undefined) carried.text = answer.text
			if (item.choices) carried.checkedElements = keep(item.choices.options)
			return carried
		}
		case 'example':
			return answer.text === undefined ? { documents } : { text: answer.text, documents }
		case 'template_upload':
			return { checkedElements: keep(item.requiredElements), documents }
		case 'url': {
			const carried: EvidenceAnswer = { checkedElements: keep(item.checklist), documents }
			if (answer.url !== undefined) carried.url = answer.url
			return carried
		}
		case 'number':
		case 'declaration':
			return { documents: [] }
	}
}

export type AnswerField = 'text' | 'number' | 'url' | 'checkedElements' | 'declared' | 'documents'

export interface AnswerDiff {
	key: string
	status: 'added' | 'removed' | 'changed' | 'unchanged'
	fields: AnswerField[]
	checked: { added: string[]; removed: string[] }
	documents: { added: DocumentRef[]; removed: DocumentRef[] }
}

/**
 * Per evidence key, what changed between two rounds, for the assessor of a revised round. Keys
 * empty in both rounds are left out. With `order`, the result follows the norm set; otherwise keys
 * are sorted.
 */
export function diffRounds(previousAnswers: Answers, nextAnswers: Answers, order?: NormSet): AnswerDiff[] {
	const keys = new Set(
		[...Object.keys(previousAnswers), ...Object.keys(nextAnswers)].filter(
			(key) => hasContent(previousAnswers[key]) || hasContent(nextAnswers[key]),
		),
	)
	const position = new Map((order ? allEvidence(order) : []).map((e, i) => [e.item.key, i]))
	const sorted = [...keys].sort((a, b) => {
		const pa = position.get(a) ?? Infinity
		const pb = position.get(b) ?? Infinity
		return pa !== pb ? pa - pb : a < b ? -1 : a > b ? 1 : 0
	})
	return sorted.map((key) => diffAnswer(key, previousAnswers[key], nextAnswers[key]))
}

export function diffAnswer(key: string, a: EvidenceAnswer | undefined, b: EvidenceAnswer | undefined): AnswerDiff {
	const fields: AnswerField[] = []
	if ((a?.text ?? '').trim() !== (b?.text ?? '').trim()) fields.push('text')
	if ((a?.number ?? null) !== (b?.number ?? null)) fields.push('number')
	if ((a?.url ?? '').trim() !== (b?.url ?? '').trim()) fields.push('url')
	const checked = setDiff(a?.checkedElements ?? [], b?.checkedElements ?? [], (x) => x)
	if (checked.added.length + checked.removed.length > 0) fields.push('checkedElements')
	if ((a?.declared ?? false) !== (b?.declared ?? false)) fields.push('declared')
	const documents = setDiff(a?.documents ?? [], b?.documents ?? [], (d) => d.id)
	if (documents.added.length + documents.removed.length > 0) fields.push('documents')
	const before = hasContent(a)
	const after = hasContent(b)
	const status = !before ? 'added' : !after ? 'removed' : fields.length > 0 ? 'changed' : 'unchanged'
	return { key, status, fields, checked, documents }
}

function setDiff<T>(a: readonly T[], b: readonly T[], id: (x: T) => string) {
	const aIds = new Set(a.map(id))
	const bIds = new Set(b.map(id))
	return {
		added: b.filter((x) => !aIds.has(id(x))),
		removed: a.filter((x) => !bIds.has(id(x))),
	}
}

function allNormsIndex(set: NormSet, key: string): number {
	return allNorms(set).findIndex(({ norm }) => norm.key === key)
}

/** JSON with sorted object keys, so that key order never makes two equal values differ. */
export function stableStringify(value: unknown): string {
	return (
		JSON.stringify(value, (_key, v: unknown) =>
			v && typeof v === 'object' && !Array.isArray(v)
				? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
				: v,
		) ?? 'undefined'
	)
}
