// Names of the domain's codes in the reader's language: states, withdrawal reasons, provider types,
// the moments of a mark year and the next deadline. The domain keeps the codes; these are the one
// place that turns them into words (mails and PDFs call them with 'nl').
import type { CalendarKey, OptionalCalendarKey } from '#app/domain/calendar.ts'
import type { InvoiceDisplayStatus } from '#app/domain/invoices.ts'
import type { NextDeadline } from '#app/domain/next-deadline.ts'
import type { ParticipationState, ProviderType, WithdrawalReason } from '#app/domain/types.ts'
import type { YearSettings } from '#app/domain/year-settings.ts'
import type { Locale, MessageKey } from './catalogue.ts'
import { formatCalendarDay } from './format.ts'
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
