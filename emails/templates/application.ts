// Mails around the application form (/aanmelden) that go to an address, not to a provider:
// "mail me when it opens" (issue 13) and the follow-up of an application the form accepted but
// could not take (issue 15, finding 6: the form answers the same for every address and KvK number,
// and what the applicant needs to know goes to the contact address only).
import { html } from '../html.ts'
import { button, type EmailContent, layout } from '../layout.ts'

export interface WindowSubscribedData {
	markName: string
	/** The year whose window the address waits for; null when no next year is set yet. */
	year: number | null
	/** Dutch date, or null when not set yet. */
	opensOn: string | null
	unsubscribeUrl: string
}

export function applicationWindowSubscribed({
	markName,
	year,
	opensOn,
	unsubscribeUrl,
}: WindowSubscribedData): EmailContent {
	const when =
		year && opensOn
			? `op ${opensOn}, wanneer de aanvraagperiode voor ${year} opent`
			: 'zodra de volgende aanvraagperiode opent'
	const subject = `Wij mailen u wanneer de aanvraag voor het ${markName} opent`
	return layout({
		subject,
		markName,
		preheader: 'U ontvangt één bericht; daarna vergeten wij uw adres.',
		body: html`<p>Beste lezer,</p>
			<p>
				U heeft gevraagd om bericht wanneer u het ${markName} kunt aanvragen. Wij sturen u één e-mail ${when}. Daarna
				verwijderen wij uw e-mailadres.
			</p>
			<p>
				Heeft u dit niet zelf gevraagd, of wilt u toch geen bericht? Meld u dan af:
				<a href="${unsubscribeUrl}">${unsubscribeUrl}</a>
			</p>`,
		text: `Beste lezer,

U heeft gevraagd om bericht wanneer u het ${markName} kunt aanvragen. Wij sturen u één e-mail ${when}. Daarna verwijderen wij uw e-mailadres.

Heeft u dit niet zelf gevraagd, of wilt u toch geen bericht? Meld u dan af:
${unsubscribeUrl}`,
	})
}

export interface WindowOpenedData {
	markName: string
	year: number
	opensOn: string
	closesOn: string
	applyUrl: string
	normsUrl: string
}

export function applicationWindowOpened({
	markName,
	year,
	closesOn,
	applyUrl,
	normsUrl,
}: WindowOpenedData): EmailContent {
	return layout({
		subject: `U kunt het ${markName} ${year} nu aanvragen`,
		markName,
		preheader: `Aanvragen kan tot en met ${closesOn}.`,
		body: html`<p>Beste lezer,</p>
			<p>
				De aanvraagperiode voor het ${markName} ${year} is geopend. U kunt het keurmerk aanvragen tot en met
				${closesOn}. Na de aanvraag ontvangt u de overeenkomst om te ondertekenen.
			</p>
			${button(applyUrl, 'Keurmerk aanvragen')}
			<p>Werkt de knop niet? Ga dan naar <a href="${applyUrl}">${applyUrl}</a>.</p>
			<p>De normen voor ${year} leest u op <a href="${normsUrl}">${normsUrl}</a>.</p>
			<p>Dit was het bericht waar u om vroeg. Wij hebben uw e-mailadres nu verwijderd.</p>`,
		text: `Beste lezer,

De aanvraagperiode voor het ${markName} ${year} is geopend. U kunt het keurmerk aanvragen tot en met ${closesOn}:

${applyUrl}

De normen voor ${year}: ${normsUrl}

Dit was het bericht waar u om vroeg. Wij hebben uw e-mailadres nu verwijderd.`,
	})
}

/** Why an accepted application was not taken (the applicant only learns this by mail). */
export type ApplicationNotTakenReason = 'already_applied' | 'provider_has_account' | 'staff_address'

export interface ApplicationNotTakenData {
	reason: ApplicationNotTakenReason
	name: string
	markName: string
	year: number
	organisationName: string
	kvkNumber: string
	loginUrl: string
	resetUrl: string
}

export function applicationNotTaken(data: ApplicationNotTakenData): EmailContent {
	const { markName, year, organisationName, kvkNumber, loginUrl, resetUrl } = data
	const opening = `Wij ontvingen een aanvraag voor het ${markName} ${year} voor ${organisationName} (KvK-nummer ${kvkNumber}), met dit e-mailadres als contactpersoon.`
	const explanation: Record<ApplicationNotTakenReason, string[]> = {
		already_applied: [
			`Voor deze organisatie is al een aanvraag voor ${year} ontvangen; wij hebben geen tweede aanvraag aangemaakt.`,
			'Bent u al lid van de organisatie in het Keurmerkportaal? Log dan in: de overeenkomst en de zelfevaluatie vindt u op de pagina van uw organisatie. Bent u nog geen lid, vraag dan een collega met toegang u uit te nodigen (Team). Weet u uw wachtwoord niet meer, vraag dan een nieuw aan.',
		],
		provider_has_account: [
			'Deze organisatie heeft al een account in het Keurmerkportaal; wij hebben geen tweede organisatie aangemaakt.',
			'Bent u lid van de organisatie, log dan in en vraag het keurmerk aan vanuit het portaal (met hetzelfde KvK-nummer). Bent u nog geen lid, vraag dan een collega met toegang u uit te nodigen (Team), of neem contact op met het bedrijfsbureau.',
		],
		staff_address: [
			'Dit is het adres van een medewerker van KiBG. Een medewerkersaccount kan geen contactpersoon van een zorgaanbieder zijn; wij hebben niets opgeslagen.',
			'Vraagt u aan namens een zorgaanbieder, gebruik dan een ander e-mailadres. Heeft u deze aanvraag niet gedaan, dan hoeft u niets te doen.',
		],
	}
	const [what, next] = explanation[data.reason]
	const closing = 'Heeft u deze aanvraag niet zelf gedaan? Dan hoeft u niets te doen.'
	return layout({
		subject: `Uw aanvraag voor het ${markName} ${year}`,
		markName,
		body: html`<p>Beste ${data.name},</p>
			<p>${opening}</p>
			<p>${what}</p>
			<p>${next}</p>
			${data.reason === 'staff_address' ? '' : button(loginUrl, 'Inloggen')}
			${data.reason === 'staff_address' ? '' : html`<p>Inloggen: <a href="${loginUrl}">${loginUrl}</a></p>`}
			${data.reason === 'staff_address' ? '' : html`<p>Wachtwoord vergeten? <a href="${resetUrl}">${resetUrl}</a></p>`}
			${data.reason === 'staff_address' ? '' : html`<p>${closing}</p>`}`,
		text: `Beste ${data.name},

${opening}

${what}

${next}
${data.reason === 'staff_address' ? '' : `\nInloggen: ${loginUrl}\nWachtwoord vergeten: ${resetUrl}\n\n${closing}`}`,
	})
}
