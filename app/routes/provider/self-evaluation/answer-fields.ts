// The form fields of one evidence item, named `<evidence key>:<field>`, shared by the norm page
// (a normal POST of every item, without JavaScript) and the autosave resource route (one item).
// Evidence keys are slugs with dots, never a colon, so the names cannot collide.
import type { EvidenceItem } from '#app/domain/norm-set.ts'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { controlCharacterFields } from '#app/lib/forms.ts'
import type { AnswerInput, StoredAnswer } from '#app/services/self-evaluation.server.ts'

export const fieldName = (key: string, field: 'text' | 'number' | 'url' | 'checked' | 'declared' | 'version') =>
	`${key}:${field}`

const MAX_TEXT = 20_000
const MAX_URL = 2_000

export type ParsedFields =
	| { ok: true; expectedVersion: number; value: AnswerInput }
	| { ok: false; field: string; error: MessageKey }
	| { ok: 'absent' }

function text(formData: FormData, name: string): string | null {
	const value = formData.get(name)
	return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : null
}

/** Dutch or international decimal notation; no thousands separators (1.234 would be ambiguous). */
export function parseNumberInput(raw: string): number | null | 'invalid' {
	const value = raw.trim()
	if (!value) return null
	if (!/^-?\d{1,12}([.,]\d{1,6})?$/.test(value)) return 'invalid'
	return Number(value.replace(',', '.'))
}

const MAX_VERSION = 2_147_483_647

/** The submitted fields of `item`, or 'absent' when the form did not contain it. */
export function parseAnswerFields(formData: FormData, item: EvidenceItem): ParsedFields {
	const rawVersion = formData.get(fieldName(item.key, 'version'))
	if (typeof rawVersion !== 'string') return { ok: 'absent' }
	const expectedVersion = Number(rawVersion)
	// The column is a PostgreSQL integer: a larger number is no version we ever handed out (the fuzz
	// sent 2^53 and the database refused it with a 500).
	if (!Number.isInteger(expectedVersion) || expectedVersion < 0 || expectedVersion > MAX_VERSION)
		return { ok: 'absent' }
	// A NUL or other control character (text pasted from a PDF): refused, nothing saved (issue 15).
	const refused = controlCharacterFields(formData).find((name) => name.startsWith(`${item.key}:`))
	if (refused) return { ok: false, field: refused, error: 'errors.controlCharacter' }
	const checked = formData
		.getAll(fieldName(item.key, 'checked'))
		.filter((value): value is string => typeof value === 'string')
	const value: AnswerInput = { checkedElements: checked }
	if (item.kind === 'explanation' || item.kind === 'example') {
		const name = fieldName(item.key, 'text')
		const typed = text(formData, name) ?? ''
		if (typed.length > MAX_TEXT) return { ok: false, field: name, error: 'selfEvaluation.errorTooLong' }
		value.text = typed
	}
	if (item.kind === 'url') {
		const name = fieldName(item.key, 'url')
		const typed = (text(formData, name) ?? '').trim()
		if (typed.length > MAX_URL) return { ok: false, field: name, error: 'selfEvaluation.errorTooLong' }
		value.url = typed
	}
	if (item.kind === 'number') {
		const name = fieldName(item.key, 'number')
		const parsed = parseNumberInput(text(formData, name) ?? '')
		if (parsed === 'invalid') return { ok: false, field: name, error: 'selfEvaluation.errorNumber' }
		value.number = parsed
	}
	if (item.kind === 'declaration') {
		value.declared = formData.get(fieldName(item.key, 'declared')) === 'on'
	}
	return { ok: true, expectedVersion, value }
}

/** One line for a person: the text, address, number and ticks of a stored answer (conflicts). */
export function summariseAnswer(answer: Omit<StoredAnswer, 'version'>): string {
	return [
		answer.text,
		answer.url,
		answer.number === null ? null : String(answer.number).replace('.', ','),
		...answer.checkedElements,
	]
		.filter((part): part is string => Boolean(part && part.trim()))
		.join(' · ')
}
