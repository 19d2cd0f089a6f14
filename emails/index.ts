// Every message the portal sends, by name. The outbox stores the rendered result, so a message
// reads exactly as it did at the moment of the state change that caused it.
import type { EmailContent } from './layout.ts'
import { invitation, type InvitationData } from './templates/invitation.ts'
import { passwordReset, type PasswordResetData } from './templates/password-reset.ts'

export interface EmailTemplates {
	'password-reset': PasswordResetData
	invitation: InvitationData
}

export type EmailTemplateName = keyof EmailTemplates

const renderers: { [Name in EmailTemplateName]: (data: EmailTemplates[Name]) => EmailContent } = {
	'password-reset': passwordReset,
	invitation,
}

export function renderEmail<Name extends EmailTemplateName>(name: Name, data: EmailTemplates[Name]): EmailContent {
	return renderers[name](data)
}

export type { EmailContent }
