import { diffWords } from 'diff'
import { type AnswerDiff, type AnswerField, diffAnswer } from './norm-set-diff'
import type { Answers, DocumentRef, EvidenceAnswer } from './self-evaluation'
import type { CriterionVerdict } from './types'

// The round comparison of issue 12 §3: for a revised round the assessor sees, per criterion, what
// the provider answered in the previous round, the feedback given on it, and the new answer with
// the changes marked. Texts are compared word by word with jsdiff (`diff`, a maintained library:
// Myers' algorithm with word tokens); numbers, web addresses, ticks, declarations and documents
// are compared as values. Pure: the service loads both rounds, the screen renders the parts.

/** A run of words that is the same in both rounds, only in the new one, or only in the previous one. */
export interface TextPart {
	kind: 'same' | 'added' | 'removed'
	text: string
}

/**
 * Beyond this many differing words the texts are shown as replaced whole: a word diff of two
 * unrelated long texts is unreadable anyway, and the bound keeps the work per text small.
 */
const MAX_EDIT_LENGTH = 2_000

/** The word-level difference between two texts, adjacent runs of the same kind merged. */
export function wordDiff(before: string, after: string): TextPart[] {
	if (before === after) return before ? [{ kind: 'same', text: before }] : []
	const changes = diffWords(before, after, { maxEditLength: MAX_EDIT_LENGTH })
	const parts: TextPart[] = changes
		? changes.map((change) => ({
				kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
				text: change.value,
			}))
		: [
				{ kind: 'removed', text: before },
				{ kind: 'added', text: after },
			]
	const merged: TextPart[] = []
	for (const part of parts) {
		if (!part.text) continue
		const last = merged.at(-1)
		if (last && last.kind === part.kind) last.text += part.text
		else merged.push({ ...part })
	}
	return merged
}

/** Two values of one field, and whether they differ. */
export interface ValueChange<T> {
	before: T
	after: T
	changed: boolean
}

/** Items of a list (ticked elements, documents): kept, only in the new round, only in the previous one. */
export interface ListChange<T> {
	kept: T[]
	added: T[]
	removed: T[]
}

export interface EvidenceComparison {
	key: string
	status: AnswerDiff['status']
	fields: AnswerField[]
	/** The previous round's text, for reading it whole; null when neither round has text. */
	previousText: string | null
	/** The new text with the changes marked; null when neither round has text. */
	text: TextPart[] | null
	number: ValueChange<number | null> | null
	url: ValueChange<string> | null
	declared: ValueChange<boolean> | null
	checked: ListChange<string>
	documents: ListChange<DocumentRef>
}

export interface CriterionComparison {
	key: string
	/** Something in one of the criterion's answers differs from the previous round. */
	changed: boolean
	/** The verdict and feedback of the previous round, if it had one for this criterion. */
	previous: { verdict: CriterionVerdict; feedback: string } | null
	evidence: EvidenceComparison[]
	/** Unchanged and sufficient in the previous round: the screen folds it away (it can be opened). */
	collapsed: boolean
	/** What changed, counted: items with changes, numbers changed, documents added and removed. */
	summary: { changedItems: number; numbersChanged: number; documentsAdded: number; documentsRemoved: number }
}

function value<T>(before: T, after: T): ValueChange<T> {
	return { before, after, changed: before !== after }
}

function list<T>(before: readonly T[], after: readonly T[], id: (item: T) => string): ListChange<T> {
	const beforeIds = new Set(before.map(id))
	const afterIds = new Set(after.map(id))
	return {
		kept: after.filter((item) => beforeIds.has(id(item))),
		added: after.filter((item) => !beforeIds.has(id(item))),
		removed: before.filter((item) => !afterIds.has(id(item))),
	}
}

/** One evidence item of two rounds compared. */
export function compareEvidence(
	key: string,
	previous: EvidenceAnswer | undefined,
	next: EvidenceAnswer | undefined,
): EvidenceComparison {
	const { status, fields } = diffAnswer(key, previous, next)
	const before = previous?.text ?? ''
	const after = next?.text ?? ''
	const hasText = before.trim().length > 0 || after.trim().length > 0
	const numberBefore = previous?.number ?? null
	const numberAfter = next?.number ?? null
	const urlBefore = (previous?.url ?? '').trim()
	const urlAfter = (next?.url ?? '').trim()
	return {
		key,
		status,
		fields,
		previousText: hasText ? before : null,
		// Surrounding whitespace is no change (diffAnswer compares trimmed texts too).
		text: hasText ? (before.trim() === after.trim() ? wordDiff(after, after) : wordDiff(before, after)) : null,
		number: numberBefore === null && numberAfter === null ? null : value(numberBefore, numberAfter),
		url: urlBefore || urlAfter ? value(urlBefore, urlAfter) : null,
		declared: previous?.declared || next?.declared ? value(previous?.declared ?? false, next?.declared ?? false) : null,
		checked: list(previous?.checkedElements ?? [], next?.checkedElements ?? [], (element) => element),
		documents: list(previous?.documents ?? [], next?.documents ?? [], (document) => document.id),
	}
}

/**
 * Every criterion of the new round compared with the previous round: its evidence items in the
 * order of the norm set, the previous verdict and feedback, and whether it may be folded away.
 */
export function compareRounds(input: {
	criteria: readonly { key: string; evidenceKeys: readonly string[] }[]
	previousAnswers: Answers
	answers: Answers
	previousVerdicts: Readonly<Record<string, { verdict: CriterionVerdict; feedback: string } | undefined>>
}): CriterionComparison[] {
	return input.criteria.map(({ key, evidenceKeys }) => {
		const evidence = evidenceKeys.map((evidenceKey) =>
			compareEvidence(evidenceKey, input.previousAnswers[evidenceKey], input.answers[evidenceKey]),
		)
		const changed = evidence.some((item) => item.status !== 'unchanged' && item.fields.length > 0)
		const previous = input.previousVerdicts[key] ?? null
		return {
			key,
			changed,
			previous,
			evidence,
			collapsed: !changed && previous?.verdict === 'sufficient',
			summary: {
				changedItems: evidence.filter((item) => item.fields.length > 0).length,
				numbersChanged: evidence.filter((item) => item.number?.changed).length,
				documentsAdded: evidence.reduce((sum, item) => sum + item.documents.added.length, 0),
				documentsRemoved: evidence.reduce((sum, item) => sum + item.documents.removed.length, 0),
			},
		}
	})
}
