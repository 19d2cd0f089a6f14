// Messages about a provider's participation in a mark year (DOMAIN.md §8), sent by the effects of
// the participation state machine. Every one names the provider, the year and the relevant dates.
import { html, type SafeHtml } from '../html.ts'
import { button, type EmailContent, layout } from '../layout.ts'

export interface ParticipationMailBase {
	providerName: string
	year: number
	markName: string
	/** The provider's dashboard in the portal. */
	portalUrl: string
}

function message(
	base: ParticipationMailBase,
	{ subject, preheader, paragraphs, cta }: { subject: string; preheader?: string; paragraphs: (string | SafeHtml)[]; cta?: string },
): EmailContent {
	const body = html`<p>Beste ${base.providerName},</p>
${paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}
${cta ? button(base.portalUrl, cta) : ''}
<p>Met vriendelijke groet,<br>Bedrijfsbureau Stichting KiBG</p>`
	const text = [
		`Beste ${base.providerName},`,
		...paragraphs.map((paragraph) => stripTags(String(paragraph))),
		cta ? `${cta}: ${base.portalUrl}` : '',
		'Met vriendelijke groet,\nBedrijfsbureau Stichting KiBG',
	]
		.filter(Boolean)
		.join('\n\n')
	return layout({ subject, preheader, body, text, markName: base.markName })
}

function stripTags(value: string): string {
	return value
		.replace(/<[^>]+>/g, '')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
}

export function applicationReceived(data: ParticipationMailBase & { agreementOffered: boolean }): EmailContent {
	return message(data, {
		subject: `Aanvraag ${data.markName} ${data.year} ontvangen`,
		paragraphs: [
			`Wij hebben uw aanvraag voor het ${data.markName} ${data.year} ontvangen. Dank u wel.`,
			data.agreementOffered
				? 'De overeenkomst voor dit keurmerkjaar staat klaar in het Keurmerkportaal. Een tekenbevoegde medewerker van uw organisatie kan de overeenkomst daar lezen en ondertekenen.'
				: 'Het bedrijfsbureau neemt uw aanvraag in behandeling. U ontvangt bericht zodra de overeenkomst klaarstaat.',
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

export function agreementOffered(data: ParticipationMailBase & { signBy: string | null }): EmailContent {
	return message(data, {
		subject: `Overeenkomst ${data.markName} ${data.year} staat klaar`,
		paragraphs: [
			`De overeenkomst voor het ${data.markName} ${data.year} staat voor u klaar in het Keurmerkportaal.`,
			`Organisaties die de getekende overeenkomst hebben geretourneerd, worden per 1 januari ${data.year} opgenomen in het Keurmerkregister.${data.signBy ? ` Wij vragen u de overeenkomst vóór ${data.signBy} te ondertekenen.` : ''}`,
		],
		cta: 'Overeenkomst bekijken en ondertekenen',
	})
}

export function agreementSigned(data: ParticipationMailBase & { signerName: string; signedAt: string }): EmailContent {
	return message(data, {
		subject: `Getekende overeenkomst ${data.markName} ${data.year}`,
		paragraphs: [
			`${data.signerName} heeft op ${data.signedAt} de overeenkomst voor het ${data.markName} ${data.year} ondertekend. De getekende overeenkomst vindt u in het Keurmerkportaal.`,
			`U wordt per 1 januari ${data.year} opgenomen in het Keurmerkregister, tenzij het keurmerk eerder is ingetrokken: dan volgt opname nadat u zich tijdig heeft gekwalificeerd.`,
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

export function listed(data: ParticipationMailBase & { deadline: string }): EmailContent {
	return message(data, {
		subject: `Opgenomen in het Keurmerkregister ${data.year}`,
		paragraphs: [
			`Uw organisatie staat als keurmerkdrager ${data.year} in het Keurmerkregister.`,
			html`Om het keurmerk te behouden toont u <strong>uiterlijk ${data.deadline}</strong> met de zelfevaluatie aan dat u aan alle normen van ${data.year} voldoet. Lukt dat niet op tijd, dan wordt het keurmerk per 1 april ingetrokken.`,
		],
		cta: 'Zelfevaluatie invullen',
	})
}

export function selfEvaluationReceived(data: ParticipationMailBase & { round: number; submittedAt: string }): EmailContent {
	const what = data.round > 1 ? 'aangepaste zelfevaluatie' : 'zelfevaluatie'
	return message(data, {
		subject: `${data.round > 1 ? 'Aangepaste zelfevaluatie' : 'Zelfevaluatie'} ${data.year} ontvangen`,
		paragraphs: [
			`Wij hebben uw ${what} voor het ${data.markName} ${data.year} ontvangen op ${data.submittedAt}. De ingediende versie ligt vast en is in het Keurmerkportaal te lezen.`,
			'Het bedrijfsbureau beoordeelt de zelfevaluatie per kwalificatiecriterium. U ontvangt bericht zodra de beoordeling klaar is.',
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

export function revisionRequested(
	data: ParticipationMailBase & { dueAt: string; insufficient: { code: string; feedback: string }[] },
): EmailContent {
	return message(data, {
		subject: `Aanpassing van uw zelfevaluatie ${data.year} gevraagd (uiterlijk ${data.dueAt})`,
		paragraphs: [
			`Wij hebben uw zelfevaluatie voor het ${data.markName} ${data.year} beoordeeld. Nog niet alle kwalificatiecriteria zijn voldoende toegelicht:`,
			html`<ul>${data.insufficient.map((item) => html`<li><strong>Criterium ${item.code}</strong>: ${item.feedback}</li>`)}</ul>`,
			html`U kunt een aangepaste zelfevaluatie indienen tot en met <strong>${data.dueAt}</strong>. De aangepaste versie begint als kopie van de vorige; de criteria die aanpassing nodig hebben zijn gemarkeerd.`,
		],
		cta: 'Zelfevaluatie aanpassen',
	})
}

export function qualified(data: ParticipationMailBase & { certificateNumber: string; validUntil: string }): EmailContent {
	return message(data, {
		subject: `Gekwalificeerd voor het ${data.markName} ${data.year}`,
		paragraphs: [
			`Gefeliciteerd: uw organisatie heeft zich gekwalificeerd voor het ${data.markName} ${data.year}.`,
			`Uw keurmerkcertificaat heeft nummer ${data.certificateNumber} en is geldig tot en met ${data.validUntil}. U kunt het certificaat downloaden in het Keurmerkportaal. Wij sturen u ook een deursticker en folders voor cliënten.`,
			'KiBG voert gesprekken over de zelfevaluatie met een steekproef van gekwalificeerde keurmerkdragers; als uw organisatie wordt geselecteerd, hoort u dat van ons.',
		],
		cta: 'Certificaat downloaden',
	})
}

export function sampled(data: ParticipationMailBase): EmailContent {
	return message(data, {
		subject: `Uw organisatie is geselecteerd voor een gesprek (${data.markName} ${data.year})`,
		paragraphs: [
			`Uw organisatie is geselecteerd in de steekproef van keurmerkdragers ${data.year}. KiBG voert met een willekeurige steekproef van gekwalificeerde keurmerkdragers een gesprek over de ingediende zelfevaluatie.`,
			'Het bedrijfsbureau neemt contact met u op om het gesprek in te plannen.',
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

export function withdrawal(
	data: ParticipationMailBase & { signed: boolean; reason: string; effectiveAt: string; explanation: string | null },
): EmailContent {
	if (!data.signed) {
		// The 1 April run also ends participations whose agreement was never signed.
		return message(data, {
			subject: `Aanvraag ${data.markName} ${data.year} vervallen`,
			paragraphs: [
				`Uw aanvraag voor het ${data.markName} ${data.year} is vervallen per ${data.effectiveAt}: de overeenkomst is niet ondertekend en de kwalificatieperiode is voorbij.`,
				'U kunt het keurmerk voor een volgend jaar opnieuw aanvragen.',
			],
			cta: 'Naar het Keurmerkportaal',
		})
	}
	return message(data, {
		subject: `Intrekking ${data.markName} ${data.year}`,
		paragraphs: [
			html`Het ${data.markName} ${data.year} van uw organisatie wordt ingetrokken per <strong>${data.effectiveAt}</strong>. Reden: ${data.reason}.`,
			...(data.explanation ? [data.explanation] : []),
			'Vanaf die datum staat uw organisatie niet meer als keurmerkdrager in het Keurmerkregister en is de overeenkomst ontbonden. U kunt het keurmerk voor een volgend jaar opnieuw aanvragen; u wordt dan opgenomen nadat u zich tijdig heeft gekwalificeerd.',
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

export function withdrawalUndone(data: ParticipationMailBase): EmailContent {
	return message(data, {
		subject: `Intrekking ${data.markName} ${data.year} ongedaan gemaakt`,
		paragraphs: [
			`De eerder gemelde intrekking van het ${data.markName} ${data.year} van uw organisatie is ongedaan gemaakt. Onze excuses voor het ongemak.`,
		],
		cta: 'Naar het Keurmerkportaal',
	})
}
