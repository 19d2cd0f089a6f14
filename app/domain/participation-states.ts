import type { ParticipationState } from './types'

// Groups of participation states that several rules share (DOMAIN.md §4).

/** Nothing leaves these, except the audited admin undo of a withdrawal. */
export const FINAL_STATES: readonly ParticipationState[] = ['withdrawn', 'agreement_declined']

/** Before the agreement is signed: the provider is not (yet) a carrier. */
export const UNSIGNED_STATES: readonly ParticipationState[] = ['applied', 'agreement_offered']

/** The agreement is signed and in force (until a withdrawal dissolves it, 003 §3.3). */
export const SIGNED_STATES: readonly ParticipationState[] = [
	'agreement_signed',
	'listed',
	'submitted',
	'revision_requested',
	'qualified',
	'sampled',
	'confirmed',
]

/** States in which the participation may be in the register (subject to its listing moment). */
export const REGISTER_STATES: readonly ParticipationState[] = [
	'listed',
	'submitted',
	'revision_requested',
	'qualified',
	'sampled',
	'confirmed',
]

/** The assessment qualified the self-evaluation; a certificate exists. */
export const QUALIFIED_STATES: readonly ParticipationState[] = ['qualified', 'sampled', 'confirmed']

/**
 * Open states without a submitted self-evaluation: the 1 April run withdraws these (003 §3.3), and
 * the signed ones among them receive qualification reminders (DOMAIN.md §8).
 */
export const NOT_SUBMITTED_STATES: readonly ParticipationState[] = [
	'applied',
	'agreement_offered',
	'agreement_signed',
	'listed',
]

export function isFinalState(state: ParticipationState): boolean {
	return FINAL_STATES.includes(state)
}
