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
	// two-factor sign-in (app/services/two-factor.server.ts)
	two_factor_code_invalid: 400,
	two_factor_password_wrong: 400,
	two_factor_not_enabled: 409,
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
	// agreements (app/services/agreement.server.ts)
	agreement_not_found: 404,
	agreement_already_signed: 409,
	agreement_closed: 409,
	// applications (app/services/application.server.ts): a closed window; anything else about a known
	// KvK number or address is answered like a new application and told by mail (issue 15, finding 6)
	application_closed: 400,
	// assessment (app/services/assessment.server.ts)
	round_not_assessable: 409,
	assessment_conflict: 409,
	criterion_not_in_norm_set: 400,
	feedback_required: 400,
	feedback_required_for: 400,
	already_claimed: 409,
	claim_not_open: 409,
	not_an_assessor: 400,
	verdicts_missing: 409,
	verdicts_changed: 409,
	no_proposal: 409,
	four_eyes: 409,
	// safe decisions (issue 12, app/services/safe-decisions.server.ts)
	overdue_invoice_not_acknowledged: 409,
	decision_day_changed: 409,
	unpaid_fee_not_eligible: 409,
	withdrawal_proposal_pending: 409,
	withdrawal_proposal_not_found: 404,
	withdrawal_proposal_decided: 409,
	// the proposer of a withdrawal approving or rejecting it (a staff member, not an assessor's decision)
	withdrawal_four_eyes: 409,
	rejection_reason_required: 400,
	participation_not_found: 404,
	assessor_inactive: 400,
	// sample (app/domain/sampling.ts, app/services/sample.server.ts)
	sample_invalid_options: 400,
	sample_duplicate_candidate: 500,
	sample_invalid_record: 500,
	sample_empty: 409,
	interview_not_found: 404,
	interview_decided: 409,
	interview_conflict: 409,
	sample_not_left_open: 409,
	// self-evaluation (app/services/self-evaluation.server.ts)
	round_frozen: 409,
	evidence_not_in_norm_set: 404,
	evidence_without_document: 400,
	document_replaced_gone: 409,
	document_not_in_round: 409,
	self_evaluation_incomplete: 409,
	self_evaluation_reuse_unavailable: 409,
	// fees and amounts (app/domain/fees.ts)
	fee_invalid_input: 400,
	amount_required: 400,
	amount_negative: 400,
	amount_decimal_point: 400,
	amount_too_many_decimals: 400,
	amount_invalid: 400,
	amount_too_large: 400,
	// invoices and turnover (app/services/invoices.server.ts, turnover-*.server.ts)
	invoice_exists: 409,
	turnover_not_reported: 409,
	year_not_over: 409,
	invoice_not_open: 409,
	paid_in_future: 400,
	paid_before_invoice: 400,
	invoice_already_credited: 409,
	credit_reason_required: 400,
	correction_reason_required: 400,
	turnover_negative: 400,
	turnover_unchanged: 409,
	turnover_year_not_owed: 400,
	turnover_year_not_over: 400,
	turnover_already_invoiced: 409,
	// users and teams (app/services/users.server.ts, team.server.ts)
	account_exists: 409,
	provider_unknown: 400,
	staff_cannot_be_member: 409,
	not_staff: 409,
	own_admin_role: 409,
	user_not_found: 404,
	own_account: 409,
	already_member: 400,
	member_not_found: 409,
	last_signer: 409,
	// mark years (app/services/years-admin.server.ts)
	year_not_found: 404,
	year_settings_conflict: 409,
	fee_rate_published: 409,
	// year settings (app/domain/year-settings.ts): one per rule of the admin form
	year_settings_invalid: 400,
	settings_invalid_date: 400,
	settings_whole_days: 400,
	settings_days_negative: 400,
	settings_days_too_many: 400,
	settings_year_too_early: 400,
	settings_year_too_late: 400,
	settings_mark_name_required: 400,
	settings_whole_number: 400,
	settings_revisions_negative: 400,
	settings_revisions_too_many: 400,
	settings_fee_rate_whole: 400,
	settings_fee_rate_negative: 400,
	settings_fee_rate_too_high: 400,
	settings_minimum_whole: 400,
	settings_minimum_negative: 400,
	settings_turnover_label_required: 400,
	settings_reminder_whole: 400,
	settings_reminder_after_deadline: 400,
	settings_reminder_too_early: 400,
	settings_reminder_duplicate: 400,
	settings_application_order: 400,
	settings_deadline_before_opening: 400,
	settings_deadline_before_listing: 400,
	settings_turnover_before_deadline: 400,
	// norm sets (app/services/norm-set-editor.server.ts)
	norm_set_invalid: 400,
	norm_set_year_missing: 409,
	norm_set_exists: 409,
	norm_set_no_previous: 409,
	norm_set_missing: 404,
	norm_set_published: 409,
	norm_set_conflict: 409,
	norm_set_answered: 409,
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
	// year settings added by the seed rules (issue 16)
	settings_objection_period_too_short: 400,
	settings_assessment_days_too_short: 400,
	settings_objection_period_too_long: 400,
	settings_vat_number: 400,
	settings_vat_rate_whole: 400,
	settings_vat_rate_negative: 400,
	settings_vat_rate_too_high: 400,
	settings_vat_text_too_long: 400,
	settings_vat_text_required: 400,
	settings_first_submission_before_opening: 400,
	settings_first_submission_after_deadline: 400,
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

export interface AppErrorOptions {
	status?: number
	cause?: unknown
	/** The form field the refusal is about (shown next to it), when there is one. */
	field?: string
	/**
	 * Problems found in a whole document (a norm set), each a coded issue the edge translates one by
	 * one; `params.count` says how many.
	 */
	details?: readonly ErrorDetail[]
}

/** One problem of a document: where (a path such as `themes.0.norms.2.code`) and what (a code). */
export interface ErrorDetail {
	path: string
	code: string
	params?: ErrorParams
}

/** A refusal or failure with a code; `status` is the HTTP status the edge answers with. */
export class AppError extends Error {
	readonly code: ErrorCode
	readonly params: ErrorParams
	readonly status: number
	readonly field: string | undefined
	readonly details: readonly ErrorDetail[]

	constructor(code: ErrorCode, params: ErrorParams = {}, options: AppErrorOptions = {}) {
		// The message is for logs only (English, with the code); users see the translated text.
		super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`, { cause: options.cause })
		this.name = 'AppError'
		this.code = code
		this.params = params
		this.status = options.status ?? ERROR_STATUS[code]
		this.field = options.field
		this.details = options.details ?? []
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
