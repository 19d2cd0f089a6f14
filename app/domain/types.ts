// The string values below are the contract with the database schema: never rename them.

export const PROVIDER_TYPES = ['independent_practice', 'institution'] as const
export type ProviderType = (typeof PROVIDER_TYPES)[number]

export const PARTICIPATION_STATES = [
	'applied',
	'agreement_offered',
	'agreement_signed',
	'listed',
	'submitted',
	'revision_requested',
	'qualified',
	'sampled',
	'confirmed',
	'withdrawn',
	'agreement_declined',
] as const
export type ParticipationState = (typeof PARTICIPATION_STATES)[number]

export const WITHDRAWAL_REASONS = [
	'not_qualified_in_time',
	'unpaid_fee',
	'incorrect_qualification',
	'provider_request',
] as const
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number]

export const EVIDENCE_KINDS = ['explanation', 'template_upload', 'number', 'url', 'example', 'declaration'] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

export const APPLICABILITIES = ['all', 'chronic_echelon', 'independent_practice', 'institution'] as const
export type Applicability = (typeof APPLICABILITIES)[number]

export const CRITERION_VERDICTS = ['sufficient', 'insufficient'] as const
export type CriterionVerdict = (typeof CRITERION_VERDICTS)[number]

export const ROUND_OUTCOMES = ['qualified', 'revision_requested', 'not_qualified'] as const
export type RoundOutcome = (typeof ROUND_OUTCOMES)[number]

export const SAMPLE_OUTCOMES = ['confirmed', 'incorrect_qualification'] as const
export type SampleOutcome = (typeof SAMPLE_OUTCOMES)[number]

/** What a provider offers, as far as the norms care (DOMAIN.md §5 "Applicability"). */
export interface ProviderProfile {
	type: ProviderType
	offersChronicEchelon: boolean
}
