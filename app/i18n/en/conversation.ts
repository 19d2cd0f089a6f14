import type { Catalogue } from '../catalogue.ts'

export const conversation: Catalogue['conversation'] = {
	nav: 'Messages',
	navUnread: 'Messages ({count} unread)',
	title: 'Messages about {year}',
	providerIntro:
		'Ask the KiBG office your questions about your participation and your self-evaluation of {year} here. Every member of your organisation can read along. Messages are kept and cannot be changed or deleted.',
	staffIntro:
		'Messages with the provider about this participation. The provider reads everything here; internal notes belong in the assessment.',
	panelTitle: 'Messages with the provider',
	panelOpen: 'All messages and a new message',
	panelWrite: 'New message to the provider',
	threadLabel: 'Messages',
	empty: 'No messages yet.',
	fromStaff: 'KiBG · {name}',
	fromStaffUnknown: 'KiBG',
	fromProvider: '{name} · {provider}',
	fromUnknown: 'Former member',
	newBadge: 'New',
	unread: '{count, plural, one {# unread message} other {# unread messages}}',
	unreadShort: '{count, plural, one {# new} other {# new}}',
	writeTitle: 'New message',
	bodyLabel: 'Message',
	bodyHint:
		'At most {max} characters. The recipient gets an e-mail with a link to this conversation; your text itself is not in that e-mail.',
	attachmentsLabel: 'Attachments (optional)',
	attachmentsHint:
		'At most {count, plural, one {# file} other {# files}}, together at most 20 MB: PDF, Word (DOCX), Excel (XLSX) or OpenDocument (ODT).',
	attachmentsKeptNotice:
		'After an error, choose files again: browsers do not keep chosen files. Your text is still there.',
	send: 'Send message',
	toastSent: 'Your message has been sent.',
	errorBodyRequired: 'Write a message.',
	errorBodyTooLong: 'The message is too long: at most 5,000 characters.',
	errorTooManyAttachments: 'Add at most 3 attachments.',
	attachmentsOf: 'Attachments',
	backToParticipation: 'Back to the participation',
	backToDashboard: 'Back to the overview',
	yearsTitle: 'Messages per year',
	dashboardTitle: 'Messages from KiBG',
	dashboardNone: 'No new messages.',
	dashboardLink: 'To the messages about {year}',
	templateMessage: 'Message in the conversation',
	mailSubjectToProvider: 'New message from KiBG about your {year} participation',
	mailSubjectToStaff: 'New message from {provider} ({year} participation)',
	mailGreeting: 'Dear {name},',
	mailGreetingOffice: 'Dear colleague,',
	mailToProvider:
		'The KiBG office has sent you a message about the participation of {provider} in the {markName} {year}.',
	mailToStaff: '{provider} has sent a message about its participation in the {markName} {year}.',
	mailAttachments: '{count, plural, =0 {} one {The message has # attachment.} other {The message has # attachments.}}',
	mailPrivacy:
		'To protect its content, the message itself is not in this e-mail. Sign in to the Quality Mark Portal to read and answer it.',
	mailButton: 'Read the message',
	mailClosing: 'Kind regards,',
	mailSignature: 'KiBG office',
}
