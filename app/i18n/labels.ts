// Names of the domain's codes in the reader's language: states, withdrawal reasons, provider types,
// the moments of a mark year and the next deadline. The domain keeps the codes; these are the one
// place that turns them into words (mails and PDFs call them with 'nl').
import type { CalendarDate } from '#app/domain/amsterdam-time.ts'
import type { CalendarKey, OptionalCalendarKey } from '#app/domain/calendar.ts'
import type { InvoiceDisplayStatus } from '#app/domain/invoices.ts'
import type { NextDeadline } from '#app/domain/next-deadline.ts'
import {
	PARTICIPATION_STATES,
	type ParticipationState,
	type ProviderType,
	ROUND_OUTCOMES,
	WITHDRAWAL_REASONS,
	type WithdrawalReason,
} from '#app/domain/types.ts'
import type { YearSettings } from '#app/domain/year-settings.ts'
import type { Locale, MessageKey } from './catalogue.ts'
import { formatCalendarDay, formatDateTime, formatEuro, formatFeeRate } from './format.ts'
import { catalogues, translate } from './translate.ts'

export function stateLabel(state: ParticipationState, locale: Locale): string {
	return translate(locale, `states.${state}`)
}

export function withdrawalReasonLabel(reason: WithdrawalReason, locale: Locale): string {
	return translate(locale, `states.reason_${reason}`)
}

/** What a withdrawal record says when nobody wrote an explanation (the automatic withdrawals). */
export function defaultWithdrawalExplanation(reason: WithdrawalReason, locale: Locale): string {
	return reason === 'not_qualified_in_time'
		? translate(locale, 'states.explanation_not_qualified_in_time')
		: withdrawalReasonLabel(reason, locale)
}

export function providerTypeLabel(type: ProviderType, locale: Locale): string {
	return translate(locale, `states.${type}`)
}

export function invoiceStatusLabel(status: InvoiceDisplayStatus, locale: Locale): string {
	return translate(locale, `fees.status_${status}`)
}

/** 'Publicatie normen 2027', 'Opgave omzet monodisciplinaire GGZ 2027' … */
export function calendarMomentLabel(
	key: CalendarKey | OptionalCalendarKey,
	settings: Pick<YearSettings, 'year' | 'turnoverLabel'>,
	locale: Locale,
): string {
	return translate(locale, `calendar.${key}`, { year: settings.year, turnoverLabel: settings.turnoverLabel })
}

/** 'Dien de zelfevaluatie in uiterlijk 31 maart 2027' — what to do next and by when. */
export function nextDeadlineLabel(
	deadline: Pick<NextDeadline, 'kind' | 'date' | 'listingOn'>,
	settings: Pick<YearSettings, 'year' | 'turnoverLabel'>,
	locale: Locale,
): string {
	const params = {
		date: formatCalendarDay(deadline.date, locale),
		year: settings.year,
		turnoverLabel: settings.turnoverLabel,
	}
	if (deadline.kind === 'sign_agreement' && deadline.listingOn) {
		return translate(locale, 'calendar.deadline_sign_agreement_for_listing', {
			...params,
			listingOn: formatCalendarDay(deadline.listingOn, locale),
		})
	}
	return translate(locale, `calendar.deadline_${deadline.kind}`, params)
}

/** The consent a signer of the agreement gives (stored with the signature, printed on the PDF). */
export function agreementConsentText(providerName: string, year: number, locale: Locale): string {
	return translate(locale, 'provider.agreementConsent', { provider: providerName, year })
}

// ─── Internal codes (issue 12 §7): never shown as they are ────────────────────────────────

function codeLabel(locale: Locale, key: string, fallback: MessageKey): string {
	const codes = catalogues[locale].codes as Record<string, string>
	return key in codes ? translate(locale, `codes.${key}` as MessageKey) : translate(locale, fallback)
}

/** 'participation.qualify' → 'Gekwalificeerd'; an unknown action as "Andere wijziging". */
export function auditActionLabel(action: string, locale: Locale): string {
	const [area, verb] = action.split('.', 2)
	if (area === 'participation' && verb && `event_${verb}` in catalogues[locale].codes)
		return translate(locale, `codes.event_${verb}` as MessageKey)
	return codeLabel(locale, `audit_${action.replace(/\./g, '_')}`, 'codes.auditUnknown')
}

/** A participation event ('submit_self_evaluation') in words. */
export function participationEventLabel(event: string, locale: Locale): string {
	return codeLabel(locale, `event_${event}`, 'codes.auditUnknown')
}

/** An audited entity ('WithdrawalProposal') in words. */
export function entityTypeLabel(entityType: string, locale: Locale): string {
	return codeLabel(locale, `entity_${entityType}`, 'codes.entityUnknown')
}

/**
 * Audited fields whose keys are data, not names (the criteria of an assessment by their key in the
 * norm set, the indicators of a delivery by their code): below them a key is shown as it is.
 */
export const AUDIT_FIELDS_KEYED_BY_DATA: readonly string[] = ['verdicts', 'values']

/**
 * Whether every part of an audited field's path ('withdrawal.reason') has a label in the reader's
 * language (the keys below a field keyed by data need none). test/unit/audit-fields.test.ts and the
 * demo's audit trail (test/integration/demo-seed.test.ts) hold every recorded field to it.
 */
export function auditFieldLabelled(field: string, locale: Locale): boolean {
	const path = field.split('.')
	const keyed = path.findIndex((part) => AUDIT_FIELDS_KEYED_BY_DATA.includes(part))
	return path.slice(0, keyed < 0 ? path.length : keyed + 1).every((part) => `field_${part}` in catalogues[locale].codes)
}

/**
 * A field of an audited record ('revisionDueAt') in words; an unlisted field keeps its name. Parts
 * that are data (a criterion key below `verdicts`) are written as `data` names them, when it does.
 */
export function auditFieldLabel(field: string, locale: Locale, data: Record<string, string> = {}): string {
	const path = field.split('.')
	return path
		.map((part) => {
			if (Object.hasOwn(data, part)) return data[part]
			const key = `field_${part}`
			return key in catalogues[locale].codes ? translate(locale, `codes.${key}` as MessageKey) : part
		})
		.join(' › ')
}

/**
 * Fields whose values are codes, by the field's name: the catalogue prefix of a value's word.
 * `status` is the status of whatever the event is about (a withdrawal proposal, an invoice, a draft,
 * a mail …): one word per value reads right for each of them. test/unit/audit-fields.test.ts holds
 * every enum value of the schema that an audited field can hold to a word here.
 */
const AUDIT_VALUE_WORDS: Readonly<Record<string, string>> = {
	status: 'codes.status_',
	side: 'codes.side_',
	verdict: 'codes.verdict_',
	direction: 'codes.direction_',
	unit: 'benchmark.unit_',
	better: 'benchmark.better_',
	staffRole: 'staff.userKind_',
	organisationType: 'consultation.type_',
	decision: 'consultation.decision_',
	source: 'fees.source_',
	type: 'states.',
}

/** The message at `key` ('codes.status_draft') in the reader's language, or null when there is none. */
function messageAt(locale: Locale, key: string): string | null {
	const [namespace = '', name = ''] = key.split('.', 2)
	const messages = (catalogues[locale] as Record<string, Record<string, string>>)[namespace]
	return messages && Object.hasOwn(messages, name) ? translate(locale, key as MessageKey) : null
}

/** The word of a code that the field `name` holds ('status', 'pending' → 'In afwachting'), or null. */
export function auditValueWord(name: string, value: string, locale: Locale): string | null {
	const prefix = AUDIT_VALUE_WORDS[name]
	return prefix === undefined ? null : messageAt(locale, `${prefix}${value}`)
}

const isoMoment = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/
const isoDay = /^\d{4}-\d{2}-\d{2}$/

/**
 * A value of an audited record in words: moments and days as dates, the codes of the fields above,
 * states, withdrawal reasons and round outcomes by their labels, amounts in cents as money, yes/no.
 * Anything else as stored (the CSV export keeps every value as stored).
 */
export function auditValueText(field: string, value: unknown, locale: Locale): string {
	if (value === null || value === undefined) return '–'
	if (typeof value === 'boolean') return translate(locale, value ? 'codes.value_true' : 'codes.value_false')
	const name = field.split('.').pop() ?? field
	if (typeof value === 'number') {
		if (/Cents$/.test(name)) return formatEuro(value, locale)
		if (/Bp$/.test(name)) return formatFeeRate(value, locale)
		return String(value)
	}
	if (Array.isArray(value)) return value.map((item) => auditValueText(field, item, locale)).join(', ')
	if (typeof value !== 'string') return JSON.stringify(value)
	if (isoMoment.test(value)) return formatDateTime(value, locale)
	if (isoDay.test(value)) return formatCalendarDay(value as CalendarDate, locale)
	const word = auditValueWord(name, value, locale)
	if (word !== null) return word
	const outcome = (ROUND_OUTCOMES as readonly string[]).includes(value)
	if (outcome && /outcome/i.test(name)) return translate(locale, `codes.outcome_${value}` as MessageKey)
	if ((PARTICIPATION_STATES as readonly string[]).includes(value))
		return stateLabel(value as ParticipationState, locale)
	if (outcome) return translate(locale, `codes.outcome_${value}` as MessageKey)
	if ((WITHDRAWAL_REASONS as readonly string[]).includes(value))
		return withdrawalReasonLabel(value as WithdrawalReason, locale)
	return value
}
