// The outbox list on the shared DataTable: spec (sort, status and template facets, columns — state
// in the URL) and columns.
import { href, Link } from 'react-router'
import type { DataTableColumn } from '#app/components/data-table/data-table.tsx'
import type { TableSpec } from '#app/lib/table-query.ts'
import type { OutboxStatus } from '#app/generated/prisma/enums.ts'
import type { Locale, MessageKey } from '#app/i18n/catalogue.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import type { Translate } from '#app/i18n/translate.ts'

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const satisfies readonly OutboxStatus[]

// Every template's name for staff; a template missing here is caught by test/unit (mail labels).
export const templateKeys: Record<string, MessageKey> = {
	password_reset: 'mail.template_password_reset',
	invitation: 'mail.template_invitation',
	application_received: 'mail.template_application_received',
	application_not_taken: 'mail.template_application_not_taken',
	application_window_subscribed: 'mail.template_application_window_subscribed',
	application_window_opened: 'mail.template_application_window_opened',
	agreement_offered: 'mail.template_agreement_offered',
	agreement_signed: 'mail.template_agreement_signed',
	listed: 'mail.template_listed',
	self_evaluation_received: 'mail.template_self_evaluation_received',
	revision_requested: 'mail.template_revision_requested',
	qualified: 'mail.template_qualified',
	sampled: 'mail.template_sampled',
	withdrawal: 'mail.template_withdrawal',
	withdrawal_undone: 'mail.template_withdrawal_undone',
	reapplicant_listed: 'mail.template_reapplicant_listed',
	year_dates_changed: 'mail.template_year_dates_changed',
	follow_up_reminder: 'mail.template_follow_up_reminder',
	follow_up_overdue: 'mail.template_follow_up_overdue',
	first_submission_overdue: 'mail.template_first_submission_overdue',
	agreement_reminder: 'mail.template_agreement_reminder',
	qualification_reminder: 'mail.template_qualification_reminder',
	turnover_reminder: 'mail.template_turnover_reminder',
	benchmark_reminder: 'benchmark.templateReminder',
	benchmark_reopened: 'benchmark.templateReopened',
	consultation_invitation: 'consultation.templateInvitation',
	consultation_reminder: 'consultation.templateReminder',
	consultation_receipt: 'consultation.templateReceipt',
	consultation_published: 'consultation.templatePublished',
	network_request: 'network.templateRequest',
	network_answer: 'network.templateAnswer',
	conversation_message: 'conversation.templateMessage',
	fee_rate_published: 'mail.template_fee_rate_published',
	invoice_issued: 'mail.template_invoice_issued',
	invoice_overdue: 'mail.template_invoice_overdue',
	credit_note_issued: 'mail.template_credit_note_issued',
}

export const outboxTableSpec: TableSpec = {
	sortable: ['createdAt', 'to', 'subject', 'template', 'status', 'attempts'],
	defaultSort: [{ id: 'createdAt', desc: true }],
	filters: [
		{ id: 'status', kind: 'options', values: OUTBOX_STATUSES },
		{ id: 'sjabloon', kind: 'options', values: Object.keys(templateKeys) },
	],
	columns: ['createdAt', 'to', 'subject', 'template', 'status', 'attempts'],
	alwaysVisible: ['subject'],
	pageSizes: [25, 50, 100],
	defaultPageSize: 50,
}

/** The Dutch (or English) name of a template; an unknown (older) name is shown as it is. */
export function templateLabel(t: Translate, template: string): string {
	const key = Object.hasOwn(templateKeys, template) ? templateKeys[template] : undefined
	return key ? t(key) : template
}

export const outboxStatusTone: Record<OutboxStatus, string> = {
	pending: 'info',
	sending: 'info',
	sent: 'success',
	failed: 'danger',
}

export interface OutboxRow {
	id: string
	template: string
	toAddress: string
	toName: string | null
	subject: string
	status: OutboxStatus
	attempts: number
	lastError: string | null
	nextAttemptAt: Date | string
	sentAt: Date | string | null
	createdAt: Date | string
	provider: { name: string } | null
}

export function outboxColumns(t: Translate, locale: Locale): DataTableColumn<OutboxRow>[] {
	return [
		{
			id: 'createdAt',
			header: t('mail.columnCreated'),
			cell: ({ row }) => formatDateTime(row.original.createdAt, locale),
		},
		{
			id: 'to',
			header: t('mail.columnTo'),
			cell: ({ row }) => (
				<>
					{row.original.toName ? `${row.original.toName} ` : ''}
					<span className="field__hint">{row.original.toAddress}</span>
				</>
			),
		},
		{
			id: 'subject',
			header: t('mail.columnSubject'),
			cell: ({ row }) => (
				<Link to={href('/medewerkers/mail/:emailId', { emailId: row.original.id })}>{row.original.subject}</Link>
			),
		},
		{ id: 'template', header: t('mail.columnTemplate'), cell: ({ row }) => templateLabel(t, row.original.template) },
		{
			id: 'status',
			header: t('mail.columnStatus'),
			cell: ({ row }) => (
				<>
					<span className={`badge badge--${outboxStatusTone[row.original.status]}`}>
						{t(`mail.status_${row.original.status}`)}
					</span>
					{row.original.status === 'sent' && row.original.sentAt ? (
						<span className="field__hint"> {formatDateTime(row.original.sentAt, locale)}</span>
					) : null}
					{row.original.lastError && row.original.status !== 'sent' ? (
						<span className="field__hint"> {row.original.lastError}</span>
					) : null}
				</>
			),
		},
		{
			id: 'attempts',
			header: t('mail.columnAttempts'),
			className: 'numeric',
			cell: ({ row }) => row.original.attempts,
		},
	]
}
