import { html } from '../html.ts'
import { button, type EmailContent, layout } from '../layout.ts'

export interface InvitationData {
	name: string
	invitedBy: string | null
	providerName: string | null
	acceptUrl: string
	validDays: number
	/** The name of the mark in force (issue 16); older queued messages may lack it. */
	markName?: string
}

export function invitation({
	name,
	invitedBy,
	providerName,
	acceptUrl,
	validDays,
	markName = 'Keurmerk Basis GGZ',
}: InvitationData): EmailContent {
	const forWhom = providerName ? ` namens ${providerName}` : ''
	const subject = providerName
		? `Uitnodiging voor het Keurmerkportaal (${providerName})`
		: 'Uitnodiging voor het Keurmerkportaal'
	const by = invitedBy ? `${invitedBy} heeft u uitgenodigd` : 'U bent uitgenodigd'
	return layout({
		subject,
		markName,
		preheader: `Activeer uw account binnen ${validDays} dagen.`,
		body: html`<p>Beste ${name},</p>
			<p>
				${by} voor het Keurmerkportaal${forWhom}. In het portaal regelt u alles rond het ${markName}: de overeenkomst,
				de zelfevaluatie, het certificaat en de facturen.
			</p>
			${button(acceptUrl, 'Account activeren')}
			<p>Werkt de knop niet? Kopieer dan deze link in uw browser:<br /><a href="${acceptUrl}">${acceptUrl}</a></p>
			<p>De uitnodiging is ${validDays} dagen geldig.</p>`,
		text: `Beste ${name},

${by} voor het Keurmerkportaal${forWhom}. Activeer uw account via deze link (${validDays} dagen geldig):

${acceptUrl}`,
	})
}
