import type { calendar as nl } from '../nl/calendar.ts'

export const calendar: Record<keyof typeof nl, string> = {
	normsPublished: 'Norms {year} published',
	agreementsOffered: 'Agreement {year} offered to current carriers',
	feeRatePublishBy: 'Last day to publish the fee rate {year}',
	applicationOpens: 'Application period opens',
	applicationCloses: 'Application period closes (last day)',
	listing: 'Listed in the register',
	selfEvaluationOpens: 'Self-evaluation can be submitted',
	qualificationDeadline: 'Qualification deadline (last day to submit the self-evaluation)',
	withdrawal: 'Withdrawal of the quality mark when not qualified in time',
	reapplicantListing: 'Re-applicants that qualified in time are listed in the register',
	yearEnd: 'End of the mark year',
	turnoverReportDue: 'Report {turnoverLabel} {year}',
	deadline_sign_agreement: 'Sign the agreement by {date}',
	deadline_sign_agreement_for_listing: 'Sign the agreement by {date} to be in the register from {listingOn}',
	deadline_submit_self_evaluation: 'Submit the self-evaluation by {date}',
	deadline_submit_revision: 'Submit the revised self-evaluation by {date}',
	deadline_report_turnover: 'Report the {turnoverLabel} for {year} by {date}',
}
