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
	reasonNotQualifiedInTime: 'Not qualified in time',
	reasonUnpaidFee: 'Fee not paid',
	reasonIncorrectQualification: 'Incorrect qualification',
	reasonProviderRequest: 'At the provider’s request',
	independent_practice: 'Independent practice',
	institution: 'Mental health institution',
}
