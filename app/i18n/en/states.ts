import type { states as nl } from '../nl/states.ts'

export const states: Record<keyof typeof nl, string> = {
	applied: 'Applied',
	agreement_offered: 'Agreement offered',
	agreement_signed: 'Agreement signed',
	listed: 'In the register',
	submitted: 'Self-evaluation submitted',
	revision_requested: 'Revision requested',
	qualified: 'Qualified',
	sampled: 'In the sample',
	confirmed: 'Confirmed after interview',
	withdrawn: 'Withdrawn',
	agreement_declined: 'Agreement declined',
	reason_not_qualified_in_time: 'Not qualified in time',
	reason_unpaid_fee: 'Fee not paid',
	reason_incorrect_qualification: 'Incorrect qualification (sample)',
	reason_provider_request: 'At the provider’s request',
	explanation_not_qualified_in_time:
		'The provider did not qualify within the qualification period (handbook of the quality mark, §3.3).',
	independent_practice: 'Independent practice',
	institution: 'Mental health institution',
}
