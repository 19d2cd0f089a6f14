// Messages of the kennisnetwerk (issue 18): a carrier asks another to share knowledge on a theme;
// the request goes to the contact person the other chose, and nothing about either is disclosed
// until the other side answers. On acceptance both hear who their contact is.
import { html } from '../html.ts'
import type { EmailContent } from '../layout.ts'
import { type ProviderMailBase, providerMessage } from '../message.ts'

export interface NetworkRequestData extends ProviderMailBase {
	fromName: string
	theme: string
	/** 'learn': the sender wants to learn the theme from the receiver; 'teach': it offers to teach it. */
	direction: 'learn' | 'teach'
	message: string
}

export function networkRequest(data: NetworkRequestData): EmailContent {
	const what =
		data.direction === 'learn'
			? html`${data.fromName} wil graag van u leren over <strong>${data.theme}</strong>.`
			: html`${data.fromName} biedt aan u iets te leren over <strong>${data.theme}</strong>.`
	return providerMessage(data, {
		subject: `Kennisnetwerk: verzoek van ${data.fromName} over ${data.theme}`,
		blocks: [
			what,
			{ facts: [['Bericht', data.message]] },
			'Wilt u contact? Geef in het Keurmerkportaal antwoord. Pas als u het verzoek aanneemt, krijgen u en de andere keurmerkdrager elkaars contactpersoon te zien.',
		],
		cta: 'Verzoek beantwoorden',
	})
}

export interface NetworkAnswerData extends ProviderMailBase {
	otherName: string
	theme: string
	accepted: boolean
	answerMessage: string | null
	/** Only after acceptance: the other side's contact person. */
	contact: { name: string; email: string } | null
}

export function networkAnswer(data: NetworkAnswerData): EmailContent {
	return providerMessage(data, {
		subject: data.accepted
			? `Kennisnetwerk: contact met ${data.otherName} over ${data.theme}`
			: `Kennisnetwerk: verzoek over ${data.theme} niet aangenomen`,
		blocks: data.accepted
			? [
					`Het verzoek over ${data.theme} is aangenomen. U kunt contact opnemen met de contactpersoon van ${data.otherName}:`,
					{
						facts: [
							['Contactpersoon', data.contact?.name ?? ''],
							['E-mail', data.contact?.email ?? ''],
							...(data.answerMessage ? ([['Bericht', data.answerMessage]] as [string, string][]) : []),
						],
					},
				]
			: [
					`${data.otherName} heeft het verzoek over ${data.theme} op dit moment niet aangenomen.`,
					'In het kennisnetwerk vindt u mogelijk andere keurmerkdragers met hetzelfde thema.',
				],
		cta: 'Naar het kennisnetwerk',
	})
}
