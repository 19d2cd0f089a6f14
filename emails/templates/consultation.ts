// Messages of the consultation of concept norms (issue 18): the invitation when the window opens,
// one reminder a week before it closes, the receipt of a sent reaction, and the publication of the
// document of changes and considerations to everyone who reacted.
import { html } from '../html.ts'
import type { EmailContent } from '../layout.ts'
import { type ProviderMailBase, providerMessage } from '../message.ts'

export interface ConsultationMailBase extends ProviderMailBase {
	year: number
}

export function consultationInvitation(
	data: ConsultationMailBase & { opensOn: string; closesOn: string; introduction: string },
): EmailContent {
	return providerMessage(data, {
		subject: `Consultatie conceptnormen ${data.markName} ${data.year}`,
		preheader: `Reageren kan tot en met ${data.closesOn}.`,
		blocks: [
			`KiBG legt de conceptnormen van het ${data.markName} ${data.year} ter consultatie voor. Wij horen graag wat u ervan vindt: zijn de normen volledig, duidelijk, werkbaar en vooruitstrevend genoeg?`,
			data.introduction,
			html`U kunt per norm, per criterium en in het algemeen reageren, van ${data.opensOn}
				<strong>tot en met ${data.closesOn}</strong>. Uw reactie wordt als concept bewaard tot u haar verstuurt.
				Reacties zijn tijdens de consultatie niet openbaar.`,
		],
		cta: 'Naar de consultatie',
	})
}

export function consultationReminder(
	data: ConsultationMailBase & { closesOn: string; hasDraft: boolean },
): EmailContent {
	return providerMessage(data, {
		subject: `Nog een week: consultatie conceptnormen ${data.markName} ${data.year}`,
		preheader: `Reageren kan tot en met ${data.closesOn}.`,
		blocks: [
			html`De consultatie over de conceptnormen van het ${data.markName} ${data.year} sluit op
				<strong>${data.closesOn}</strong>.`,
			data.hasDraft
				? 'Uw reactie staat nog als concept klaar en is nog niet verstuurd. Vergeet niet haar te versturen: alleen verstuurde reacties worden meegewogen.'
				: 'Wij hebben nog geen reactie van u ontvangen. Ook een korte reactie op één norm helpt ons.',
		],
		cta: 'Naar de consultatie',
	})
}

export function consultationReceipt(
	data: ConsultationMailBase & { reactions: number; sentAt: string; quoteConsent: boolean },
): EmailContent {
	return providerMessage(data, {
		subject: `Reactie ontvangen: conceptnormen ${data.markName} ${data.year}`,
		blocks: [
			`Dank u wel voor uw reactie op de conceptnormen van het ${data.markName} ${data.year}. Wij hebben haar op ${data.sentAt} ontvangen.`,
			{
				facts: [
					['Aantal punten', String(data.reactions)],
					['Citeren toegestaan', data.quoteConsent ? 'ja' : 'nee'],
				],
			},
			'Het bedrijfsbureau weegt alle reacties. Na de vaststelling door het bestuur publiceren wij de normen met een overzicht van de belangrijkste wijzigingen en overwegingen; u krijgt dan bericht.',
		],
		cta: 'Uw reactie bekijken',
	})
}

export function consultationPublished(data: ConsultationMailBase & { reactions: number }): EmailContent {
	return providerMessage(data, {
		subject: `Vastgesteld: ${data.markName} ${data.year}, met wijzigingen en overwegingen`,
		blocks: [
			`De normen van het ${data.markName} ${data.year} zijn vastgesteld en gepubliceerd. U heeft gereageerd op de conceptnormen: dank u wel.`,
			`In het document "Wijzigingen en overwegingen" leest u hoe de ${data.reactions} schriftelijke reacties zijn gewogen en wat er per norm is gewijzigd.`,
		],
		cta: 'Wijzigingen en overwegingen lezen',
	})
}
