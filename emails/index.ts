// Every message the portal sends, by name. The outbox stores the rendered result, so a message
// reads exactly as it did at the moment of the state change that caused it.
import type { EmailContent } from './layout.ts'
import { invitation, type InvitationData } from './templates/invitation.ts'
import { passwordReset, type PasswordResetData } from './templates/password-reset.ts'
import * as application from './templates/application.ts'
import * as benchmark from './templates/benchmark.ts'
import * as consultation from './templates/consultation.ts'
import { conversationMessage } from './templates/conversation.ts'
import * as network from './templates/network.ts'
import * as fees from './templates/fees.ts'
import * as followUps from './templates/follow-ups.ts'
import * as participation from './templates/participation.ts'
import * as reminders from './templates/reminders.ts'

type DataOf<Render> = Render extends (data: infer Data) => EmailContent ? Data : never

const renderers = {
	password_reset: passwordReset as (data: PasswordResetData) => EmailContent,
	invitation: invitation as (data: InvitationData) => EmailContent,
	application_received: participation.applicationReceived,
	application_not_taken: application.applicationNotTaken,
	application_window_subscribed: application.applicationWindowSubscribed,
	application_window_opened: application.applicationWindowOpened,
	agreement_offered: participation.agreementOffered,
	agreement_signed: participation.agreementSigned,
	listed: participation.listed,
	self_evaluation_received: participation.selfEvaluationReceived,
	revision_requested: participation.revisionRequested,
	qualified: participation.qualified,
	sampled: participation.sampled,
	withdrawal: participation.withdrawal,
	withdrawal_undone: participation.withdrawalUndone,
	reapplicant_listed: participation.reapplicantListed,
	year_dates_changed: participation.yearDatesChanged,
	follow_up_reminder: followUps.followUpReminder,
	follow_up_overdue: followUps.followUpOverdue,
	agreement_reminder: reminders.agreementReminder,
	qualification_reminder: reminders.qualificationReminder,
	first_submission_overdue: reminders.firstSubmissionOverdue,
	turnover_reminder: reminders.turnoverReminder,
	fee_rate_published: fees.feeRatePublished,
	invoice_issued: fees.invoiceIssued,
	invoice_overdue: fees.invoiceOverdue,
	credit_note_issued: fees.creditNoteIssued,
	benchmark_reminder: benchmark.benchmarkReminder,
	benchmark_reopened: benchmark.benchmarkReopened,
	consultation_invitation: consultation.consultationInvitation,
	consultation_reminder: consultation.consultationReminder,
	consultation_receipt: consultation.consultationReceipt,
	consultation_published: consultation.consultationPublished,
	network_request: network.networkRequest,
	network_answer: network.networkAnswer,
	conversation_message: conversationMessage,
}

export type EmailTemplates = { [Name in keyof typeof renderers]: DataOf<(typeof renderers)[Name]> }
export type EmailTemplateName = keyof EmailTemplates

export const emailTemplateNames = Object.keys(renderers) as EmailTemplateName[]

export function isEmailTemplateName(value: unknown): value is EmailTemplateName {
	return typeof value === 'string' && value in renderers
}

/**
 * Template data that is a personal secret (a link that signs its holder in or sets a password).
 * The outbox stores these messages with the secret replaced by `personalLinkPlaceholder` and the
 * real message sealed for the worker (app/services/mail/outbox.server.ts); only these templates are
 * "account mails", whose stored bodies only admins may read.
 */
export const secretFields: { [Name in EmailTemplateName]?: readonly (keyof EmailTemplates[Name] & string)[] } = {
	password_reset: ['resetUrl'],
	invitation: ['acceptUrl'],
	// Not a sign-in link, but a hashed token must not rest readable beside its hash (issue 13).
	application_window_subscribed: ['unsubscribeUrl'],
}

/** What staff read in place of a personal link. */
export const personalLinkPlaceholder = '[persoonlijke link]'

export function isAccountMail(template: string): boolean {
	return isEmailTemplateName(template) && (secretFields[template]?.length ?? 0) > 0
}

/** The message as staff may read it: every secret field replaced by the placeholder. */
export function renderRedactedEmail<Name extends EmailTemplateName>(
	name: Name,
	data: EmailTemplates[Name],
): EmailContent | null {
	const fields = secretFields[name] as readonly string[] | undefined
	if (!fields?.length) return null
	const redacted: Record<string, unknown> = { ...data }
	for (const field of fields) redacted[field] = personalLinkPlaceholder
	return renderEmail(name, redacted as EmailTemplates[Name])
}

export function renderEmail<Name extends EmailTemplateName>(name: Name, data: EmailTemplates[Name]): EmailContent {
	return (renderers[name] as (data: EmailTemplates[Name]) => EmailContent)(data)
}

export type { EmailContent }
