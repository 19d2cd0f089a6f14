// One coded error for the whole portal (issue 11). The domain and the services raise an AppError
// with a code and parameters; the edge (a route, a mail, a PDF) translates it through the
// catalogues (`app/i18n/errors.ts`). No Dutch or English text lives here: the reader's language is
// only known at the edge.
import type { CalendarDate } from './amsterdam-time.ts'

/**
 * A parameter of a message. Plain strings and numbers are shown as they are; the tagged forms are
 * formatted in the reader's language: a calendar day, an instant (Europe/Amsterdam), an amount in
 * cents, or a catalogue key (a label such as `states.listed`).
 */
export type ErrorParam =
	string | number | { date: CalendarDate } | { instant: Date } | { cents: number } | { label: string }

export type ErrorParams = Record<string, ErrorParam>

/**
 * Every code maps to a message `refusals.<code>` in both catalogues (checked by the i18n test)
 * and to an HTTP status. Keep the list sorted by area; a code is a contract with the catalogues.
 */
export const ERROR_STATUS = {
	// generic
	not_found: 404,
	conflict: 409,
	payload_too_large: 413,
	too_many_requests: 429,
	invalid_input: 400,
	invalid_clock: 503,
	invalid_settings: 500,
	// participation state machine (app/domain/participation.ts)
	invalid_snapshot: 500,
	unknown_event: 400,
	final_state: 409,
	wrong_state: 409,
	application_window_closed: 409,
	year_closed: 409,
	already_signed: 409,
	not_listed_yet: 409,
	qualification_not_open: 409,
	qualification_closed: 409,
	awaiting_assessment: 409,
	revision_overdue: 409,
	no_revisions_left: 409,
	no_revisions_allowed: 409,
	revisions_left: 409,
	reason_not_allowed: 409,
	not_qualified_yet: 409,
	invalid_effective_date: 400,
	effective_in_past: 400,
	justification_required: 400,
	revision_period_over: 409,
	interview_not_planned: 409,
	interview_not_held_yet: 409,
	year_change_would_unwithdraw: 409,
	year_change_would_unqualify: 409,
	year_change_retroactive_withdrawal: 409,
	follow_up_closed: 409,
	follow_up_not_delivered: 409,
	// spiegelrapportage (app/services/benchmark*.server.ts)
	indicator_set_missing: 404,
	indicator_set_exists: 409,
	indicator_set_published: 409,
	indicator_set_empty: 409,
	indicator_code_taken: 409,
	delivery_not_open: 409,
	delivery_submitted: 409,
	delivery_incomplete: 409,
	delivery_not_submitted: 409,
	not_a_carrier: 404,
	reflection_not_available: 409,
	// consultation and kennisnetwerk (app/services/consultation*.server.ts, network*.server.ts)
	consultation_exists: 409,
	consultation_missing: 404,
	consultation_not_open: 409,
	consultation_closed: 409,
	consultation_window_invalid: 400,
	consultation_norm_set_published: 409,
	consultation_norm_set_missing: 409,
	consultation_adopted: 409,
	response_submitted: 409,
	response_empty: 409,
	quote_without_consent: 409,
	account_kind_taken: 409,
	organisation_account: 409,
	network_not_opted_in: 409,
	network_request_self: 400,
	network_request_open: 409,
	network_request_answered: 409,
	network_theme_in_use: 409,
	network_theme_exists: 409,
	network_contact_invalid: 400,
} as const satisfies Record<string, number>

export type ErrorCode = keyof typeof ERROR_STATUS
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[]

/** A refusal or failure with a code; `status` is the HTTP status the edge answers with. */
export class AppError extends Error {
	readonly code: ErrorCode
	readonly params: ErrorParams
	readonly status: number

	constructor(code: ErrorCode, params: ErrorParams = {}, options: { status?: number; cause?: unknown } = {}) {
		// The message is for logs only (English, with the code); users see the translated text.
		super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`, { cause: options.cause })
		this.name = 'AppError'
		this.code = code
		this.params = params
		this.status = options.status ?? ERROR_STATUS[code]
	}
}

export function isAppError(error: unknown): error is AppError {
	return error instanceof AppError
}

/** A refusal as data (for results that are not thrown, such as a state-machine transition). */
export interface Refusal {
	code: ErrorCode
	params: ErrorParams
}

export function refusal(code: ErrorCode, params: ErrorParams = {}): Refusal {
	return { code, params }
}

export function refusalError(value: Refusal): AppError {
	return new AppError(value.code, value.params)
}
