import type { calendar as nl } from '../nl/calendar.ts'

export const calendar: Record<keyof typeof nl, string> = {
	normsPublished: 'Norms {year} published',
	agreementsOffered: 'Agreement {year} offered to current carriers',
	feeRatePublishBy: 'Last day to publish the fee rate {year}',
	applicationOpens: 'Application period opens',
	applicationCloses: 'Application period closes (last day)',
	listing: 'Listed in the register',
	selfEvaluationOpens: 'Self-evaluation can be submitted',
	firstSubmissionDeadline:
		'Last day for the first submission of the self-evaluation (reminders after it; withdrawal only after the qualification deadline)',
	qualificationDeadline: 'Qualification deadline (last day to submit the self-evaluation)',
	withdrawal: 'Withdrawal of the quality mark when not qualified in time',
	reapplicantListing: 'Re-applicants that qualified in time are listed in the register',
	yearEnd: 'End of the mark year',
	turnoverReportDue: 'Report {turnoverLabel} {year}',
	deadline_sign_agreement: 'Sign the agreement by {date}',
	deadline_sign_agreement_for_listing: 'Sign the agreement by {date} to be in the register from {listingOn}',
	deadline_submit_self_evaluation: 'Submit the self-evaluation by {date}',
	deadline_submit_first_self_evaluation:
		'Submit the self-evaluation for the first time by {date}, leaving time for assessment and revision',
	deadline_submit_revision: 'Submit the revised self-evaluation by {date}',
	deadline_report_turnover: 'Report the {turnoverLabel} for {year} by {date}',
	// The provider's calendar feed (app/services/calendar-feed.server.ts), a Dutch document
	feedAgreementSummary: 'Sign the agreement {markName} {year}',
	feedAgreementForListing: 'Sign the agreement by this day to be in the register from {listingOn}.',
	feedAgreementLastDay: 'Last day to sign the agreement.',
	feedListingSummary: 'Listed in the register {year}',
	feedListing: 'Organisations with a signed agreement are listed in the register on this day.',
	feedDeadlineSummary: 'Last day for the self-evaluation {markName} {year}',
	feedDeadline:
		'Submit the self-evaluation {year} by 23.59 today. After that the quality mark is withdrawn on {withdrawalOn}.',
	feedFirstSubmissionSummary: 'First submission of the self-evaluation {markName} {year}',
	feedFirstSubmission:
		'Submit the self-evaluation {year} for the first time today at the latest, leaving time for assessment and revision before the qualification deadline of {deadline}.',
	feedRevisionSummary: 'Last day for the revised self-evaluation {year}',
	feedRevision: 'Submit the revised self-evaluation by 23.59 today.',
	feedTurnoverSummary: 'Turnover report {year} ({turnoverLabel})',
	feedTurnover: 'Report the {turnoverLabel} for {year} today at the latest; the fee is calculated from it.',
	feedInvoiceSummary: 'Pay invoice {number}',
	feedInvoice: 'Last day to pay invoice {number} ({amount}), fee {year}.',
	feedCategory: 'Quality mark',
	feedCategoryInvoice: 'Invoice',
	feedApplicationSummary: 'Application period {markName} {year}',
	feedApplication: 'The {year} quality mark can be applied for from {opensOn} up to and including {closesOn}.',
	feedDescription: 'Deadlines of {name} for the quality mark (Quality Mark Portal)',
}
