import type { refusals as nl } from '../nl/refusals.ts'

export const refusals: Record<keyof typeof nl, string> = {
	not_found: 'Not found.',
	conflict: 'Someone else changed this in the meantime. Your input is kept; review the new version and try again.',
	payload_too_large: 'The request is too large.',
	too_many_requests: 'Too many attempts. Try again in {minutes} minutes.',
	invalid_input: 'The input is not valid.',
	invalid_clock: 'The system time is invalid; please try again later.',
	invalid_settings: 'The settings of this mark year are invalid. Please contact the KiBG office.',
	invalid_snapshot: 'The data of this participation is inconsistent ({problems}). Please contact the KiBG office.',
	unknown_event: 'Unknown action.',
	final_state: 'This participation is closed ({state}); nothing can be changed any more.',
	wrong_state: 'This is not possible in the current status of the participation ({state}).',
	application_window_closed:
		'The {year} quality mark can be applied for from {opensOn} up to and including {closesOn}.',
	year_closed: 'The qualification period of {year} is over ({deadline}); the agreement can no longer be entered into.',
	already_signed: 'The agreement has already been signed. Ask the KiBG office to withdraw the quality mark.',
	not_listed_yet:
		'Your organisation will be listed in the register on {listingOn}; after that you can submit the self-evaluation.',
	qualification_not_open: 'The self-evaluation can be submitted from {opensOn}.',
	qualification_closed:
		'The qualification period has ended: the self-evaluation had to be submitted by {deadline} at the latest.',
	awaiting_assessment: 'A self-evaluation has already been submitted and is being assessed.',
	revision_overdue: 'The period for the revised self-evaluation ended on {dueOn}.',
	no_revisions_left:
		"The maximum number of revised self-evaluations ({max}) has been reached; the outcome is 'not qualified'.",
	no_revisions_allowed: "In {year} no revised self-evaluation is possible; the outcome is 'not qualified'.",
	revisions_left:
		'A revised self-evaluation is still possible: request a revision instead of refusing the qualification.',
	reason_not_allowed:
		'Withdrawal for not qualifying in time happens automatically according to the deadlines; choose another reason.',
	not_qualified_yet: 'Withdrawal for incorrect qualification is only possible after the provider has qualified.',
	invalid_effective_date: 'Enter a valid effective date for the withdrawal.',
	effective_in_past: 'The effective date of the withdrawal cannot be in the past.',
	justification_required: 'Give a justification: reinstating a withdrawal is recorded in the audit trail.',
	revision_period_over:
		"The qualification period is over ({deadline}): a revised self-evaluation can no longer be submitted in time. Decide 'not qualified'.",
	interview_not_planned:
		'No interview has been planned with this carrier yet. Plan the interview first; the outcome follows the interview.',
	interview_not_held_yet:
		'The interview is planned for {scheduledAt} and has not taken place yet. Record the outcome after the interview.',
	year_change_would_unwithdraw:
		'This change was not saved: with these dates the mark of {count} withdrawn carrier(s) would not have been withdrawn ({providers}). Changing a date does not undo a withdrawal; if needed, reinstate a withdrawal per participation (with a justification).',
	year_change_would_unqualify:
		'This change was not saved: {count} carrier(s) submitted their self-evaluation in time but would be late with these dates ({providers}). A qualification is not undone retroactively; choose a later date.',
	year_change_retroactive_withdrawal:
		'This change was not saved: {count} carrier(s) would be withdrawn retroactively with these dates ({providers}). Choose a date that has not passed yet.',
	follow_up_closed: 'This delivery has already been received; the office is reviewing it.',
	follow_up_not_delivered: 'Nothing has been delivered to review yet.',
	// spiegelrapportage
	indicator_set_missing: 'No indicator list has been set for {year} yet.',
	indicator_set_exists: 'An indicator list for {year} already exists.',
	indicator_set_published: 'The indicators of {year} are published and can no longer be changed.',
	indicator_set_empty: 'A list without indicators cannot be published.',
	indicator_code_taken: 'The code {code} is already used in this list.',
	delivery_not_open: 'Indicators for {year} can be delivered from {opensOn}.',
	delivery_submitted:
		'The delivery for {year} has been submitted and can no longer be changed. Ask the office to reopen it.',
	delivery_incomplete: 'Fill in every indicator first (still open: {count}).',
	delivery_not_submitted: 'This delivery has not been submitted; there is nothing to reopen.',
	not_a_carrier: 'Only carriers of {year} deliver indicators.',
	reflection_not_available:
		'There is no draft self-evaluation with the norm on reflecting on data right now; the benchmark report cannot be added.',
	consultation_exists: 'A consultation for {year} already exists.',
	consultation_missing: 'There is no consultation for {year}.',
	consultation_not_open: 'The consultation has not opened yet; reactions are possible from {opensOn}.',
	consultation_closed: 'The consultation is closed; reactions were possible until {closesOn} inclusive.',
	consultation_window_invalid: 'The consultation must close on or after its opening day ({opensOn}); now: {closesOn}.',
	consultation_norm_set_published:
		'The norms of {year} have already been adopted and published; a consultation can only be about draft norms.',
	consultation_norm_set_missing: 'Create the draft norms of {year} first.',
	consultation_adopted: 'The norms of {year} have been adopted; the consultation can no longer be changed.',
	response_submitted: 'Your reaction has been sent and can no longer be changed.',
	response_empty: 'Write a reaction first (on a norm, a criterion or in general) before sending.',
	quote_without_consent: 'This reaction may not be quoted: its author did not consent to that.',
	account_kind_taken:
		'This address belongs to an account of a provider or of KiBG; invite the organisation with another address.',
	organisation_account:
		'This address belongs to an account of an organisation in the consultation; it cannot become a member of a provider.',
	network_not_opted_in: 'Join the knowledge network first.',
	network_request_self: 'You cannot send a request to your own organisation.',
	network_request_open: 'A request about this theme to this organisation is still open.',
	network_request_answered: 'This request has already been answered.',
	network_theme_in_use:
		'The theme "{theme}" has been chosen in a self-evaluation of {year} and can no longer be changed or removed.',
	network_theme_exists: 'The theme "{theme}" is already on the list of {year}.',
	network_contact_invalid: 'Choose a contact person from your organisation’s team.',
}
