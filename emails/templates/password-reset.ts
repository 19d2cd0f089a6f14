import { html } from '../html.ts'
import { button, type EmailContent, layout } from '../layout.ts'

export interface PasswordResetData {
	name: string
	resetUrl: string
	validMinutes: number
	/** The name of the mark in force (issue 16); older queued messages may lack it. */
	markName?: string
}

export function passwordReset({ name, resetUrl, validMinutes, markName }: PasswordResetData): EmailContent {
	const subject = 'Nieuw wachtwoord instellen voor het Keurmerkportaal'
	return layout({
		subject,
		markName,
		preheader: `De link is ${validMinutes} minuten geldig.`,
		body: html`<p>Beste ${name},</p>
			<p>
				Er is gevraagd om een nieuw wachtwoord voor uw account bij het Keurmerkportaal. Met de knop hieronder stelt u
				een nieuw wachtwoord in. De link is ${validMinutes} minuten geldig en werkt één keer.
			</p>
			${button(resetUrl, 'Nieuw wachtwoord instellen')}
			<p>Werkt de knop niet? Kopieer dan deze link in uw browser:<br /><a href="${resetUrl}">${resetUrl}</a></p>
			<p>Heeft u dit niet gevraagd? Dan kunt u dit bericht negeren; uw wachtwoord blijft ongewijzigd.</p>`,
		text: `Beste ${name},

Er is gevraagd om een nieuw wachtwoord voor uw account bij het Keurmerkportaal. Via deze link stelt u een nieuw wachtwoord in (${validMinutes} minuten geldig, werkt één keer):

${resetUrl}

Heeft u dit niet gevraagd? Dan kunt u dit bericht negeren; uw wachtwoord blijft ongewijzigd.`,
	})
}
