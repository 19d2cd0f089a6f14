// Messages about a provider's participation in a mark year (DOMAIN.md §8), sent by the effects of
// the participation state machine. Every one names the provider, the year and the relevant dates.
import { html } from '../html.ts'
import type { EmailContent } from '../layout.ts'
import { type ProviderMailBase, providerMessage } from '../message.ts'

export interface ParticipationMailBase extends ProviderMailBase {
	year: number
}

export function applicationReceived(data: ParticipationMailBase & { agreementOffered: boolean }): EmailContent {
	return providerMessage(data, {
		subject: `Aanvraag ${data.markName} ${data.year} ontvangen`,
		preheader: data.agreementOffered ? 'De overeenkomst staat klaar om te ondertekenen.' : undefined,
		blocks: [
			`Wij hebben uw aanvraag voor het ${data.markName} ${data.year} ontvangen. Dank u wel.`,
			data.agreementOffered
				? 'De overeenkomst voor dit keurmerkjaar staat klaar in het Keurmerkportaal. Een tekenbevoegde medewerker van uw organisatie kan de overeenkomst daar lezen en ondertekenen.'
				: 'Het bedrijfsbureau neemt uw aanvraag in behandeling. U ontvangt bericht zodra de overeenkomst klaarstaat.',
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

/** `listingOn`: the year's listing day (Dutch), a setting of the year, never a fixed 1 January. */
export function agreementOffered(
	data: ParticipationMailBase & { signBy: string | null; listingOn: string },
): EmailContent {
	return providerMessage(data, {
		subject: `Overeenkomst ${data.markName} ${data.year} staat klaar`,
		preheader: data.signBy ? `Graag ondertekend uiterlijk ${data.signBy}.` : undefined,
		blocks: [
			`De overeenkomst voor het ${data.markName} ${data.year} staat voor u klaar in het Keurmerkportaal. Een medewerker met tekenbevoegdheid kan de overeenkomst daar lezen en ondertekenen.`,
			`Organisaties die de getekende overeenkomst vóór ${data.listingOn} hebben geretourneerd, worden per ${data.listingOn} opgenomen in het Keurmerkregister.${data.signBy ? ` Wij vragen u de overeenkomst uiterlijk ${data.signBy} te ondertekenen.` : ''}`,
		],
		cta: 'Overeenkomst bekijken en ondertekenen',
	})
}

/** Where the signature leaves the register listing (003 §3.2, §3.3). */
export type ListingAfterSigning =
	| { kind: 'on'; date: string } // an ordinary carrier, listed on the listing day
	| { kind: 'now' } // signed on or after the listing day: listed at once (a separate mail follows)
	| { kind: 'after_qualification' } // a re-applicant: listed once qualified in time

export function agreementSigned(
	data: ParticipationMailBase & { signerName: string | null; signedAt: string; listing: ListingAfterSigning },
): EmailContent {
	const listing = {
		on: (date: string) => `U wordt per ${date} opgenomen in het Keurmerkregister.`,
		now: () => 'U bent vanaf vandaag opgenomen in het Keurmerkregister; daarover ontvangt u een apart bericht.',
		after_qualification: () =>
			'Omdat het keurmerk eerder is ingetrokken, volgt opname in het Keurmerkregister nadat u zich tijdig heeft gekwalificeerd.',
	}
	return providerMessage(data, {
		subject: `Getekende overeenkomst ${data.markName} ${data.year}`,
		blocks: [
			`${data.signerName ?? 'Een tekenbevoegde'} heeft op ${data.signedAt} de overeenkomst voor het ${data.markName} ${data.year} ondertekend. De getekende overeenkomst vindt u in het Keurmerkportaal.`,
			data.listing.kind === 'on' ? listing.on(data.listing.date) : listing[data.listing.kind](),
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

/** `withdrawalOn`: the day after the year's deadline (Dutch), never a fixed 1 April. */
export function listed(data: ParticipationMailBase & { deadline: string; withdrawalOn: string }): EmailContent {
	return providerMessage(data, {
		subject: `Opgenomen in het Keurmerkregister ${data.year}`,
		preheader: `Dien de zelfevaluatie in uiterlijk ${data.deadline}.`,
		blocks: [
			`Uw organisatie staat als keurmerkdrager ${data.year} in het Keurmerkregister.`,
			html`Om het keurmerk te behouden toont u <strong>uiterlijk ${data.deadline}</strong> met de zelfevaluatie aan dat
				u aan alle normen van ${data.year} voldoet. Lukt dat niet op tijd, dan wordt het keurmerk per
				${data.withdrawalOn} ingetrokken.`,
		],
		cta: 'Zelfevaluatie invullen',
	})
}

export function selfEvaluationReceived(
	data: ParticipationMailBase & { round: number; submittedAt: string },
): EmailContent {
	const what = data.round > 1 ? 'aangepaste zelfevaluatie' : 'zelfevaluatie'
	return providerMessage(data, {
		subject: `${data.round > 1 ? 'Aangepaste zelfevaluatie' : 'Zelfevaluatie'} ${data.year} ontvangen`,
		blocks: [
			`Wij hebben uw ${what} voor het ${data.markName} ${data.year} ontvangen op ${data.submittedAt}. De ingediende versie ligt vast en is in het Keurmerkportaal te lezen.`,
			'Het bedrijfsbureau beoordeelt de zelfevaluatie per kwalificatiecriterium. U ontvangt bericht zodra de beoordeling klaar is.',
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

export function revisionRequested(
	data: ParticipationMailBase & {
		dueAt: string
		insufficient: { code: string; feedback: string }[]
		/** The assessor's general message (issue 12); absent in messages queued before it existed. */
		message?: string | null
	},
): EmailContent {
	return providerMessage(data, {
		subject: `Aanpassing van uw zelfevaluatie ${data.year} gevraagd (uiterlijk ${data.dueAt})`,
		preheader: `Dien de aangepaste zelfevaluatie in uiterlijk ${data.dueAt}.`,
		blocks: [
			`Wij hebben uw zelfevaluatie voor het ${data.markName} ${data.year} beoordeeld. Nog niet alle kwalificatiecriteria zijn voldoende toegelicht:`,
			{ list: data.insufficient.map((item) => html`<strong>Criterium ${item.code}</strong>: ${item.feedback}`) },
			...(data.message ? [{ facts: [['Toelichting van de beoordelaar', data.message]] as [string, string][] }] : []),
			html`U kunt een aangepaste zelfevaluatie indienen tot en met <strong>${data.dueAt}</strong>. De aangepaste versie
				begint als kopie van de vorige; de criteria die aanpassing nodig hebben zijn gemarkeerd.`,
			`Dient u de aangepaste zelfevaluatie niet op tijd in, dan wordt het keurmerk ${data.year} ingetrokken.`,
		],
		cta: 'Zelfevaluatie aanpassen',
	})
}

export function qualified(
	data: ParticipationMailBase & { certificateNumber: string; validUntil: string },
): EmailContent {
	return providerMessage(data, {
		subject: `Gekwalificeerd voor het ${data.markName} ${data.year}`,
		blocks: [
			`Gefeliciteerd: uw organisatie heeft zich gekwalificeerd voor het ${data.markName} ${data.year}.`,
			`Uw keurmerkcertificaat heeft nummer ${data.certificateNumber} en is geldig tot en met ${data.validUntil}. Het certificaat zit als PDF bij dit bericht en staat ook in het Keurmerkportaal. Wij sturen u ook een deursticker en folders voor cliënten.`,
			'KiBG voert gesprekken over de zelfevaluatie met een steekproef van gekwalificeerde keurmerkdragers; als uw organisatie wordt geselecteerd, hoort u dat van ons.',
		],
		cta: 'Certificaat downloaden',
	})
}

export function sampled(data: ParticipationMailBase): EmailContent {
	return providerMessage(data, {
		subject: `Uw organisatie is geselecteerd voor een gesprek (${data.markName} ${data.year})`,
		blocks: [
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
		return providerMessage(data, {
			subject: `Aanvraag ${data.markName} ${data.year} vervallen`,
			blocks: [
				`Uw aanvraag voor het ${data.markName} ${data.year} is vervallen per ${data.effectiveAt}: de overeenkomst is niet ondertekend en de kwalificatieperiode is voorbij.`,
				'U kunt het keurmerk voor een volgend jaar opnieuw aanvragen.',
			],
			cta: 'Naar het Keurmerkportaal',
		})
	}
	return providerMessage(data, {
		subject: `Intrekking ${data.markName} ${data.year}`,
		blocks: [
			html`Het ${data.markName} ${data.year} van uw organisatie wordt ingetrokken per
				<strong>${data.effectiveAt}</strong>. Reden: ${data.reason}.`,
			...(data.explanation ? [data.explanation] : []),
			'Vanaf die datum staat uw organisatie niet meer als keurmerkdrager in het Keurmerkregister en is de overeenkomst ontbonden. U kunt het keurmerk voor een volgend jaar opnieuw aanvragen; u wordt dan opgenomen nadat u zich tijdig heeft gekwalificeerd.',
			'Bent u het niet eens met dit besluit, neem dan contact op met het bedrijfsbureau via keurmerk@kibg.nl.',
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

export function withdrawalUndone(data: ParticipationMailBase): EmailContent {
	return providerMessage(data, {
		subject: `Intrekking ${data.markName} ${data.year} ongedaan gemaakt`,
		blocks: [
			`De eerder gemelde intrekking van het ${data.markName} ${data.year} van uw organisatie is ongedaan gemaakt. Onze excuses voor het ongemak.`,
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

/** A re-applicant that qualified before 1 April is listed from 1 April (003 §3.3); sent by the 1 April run. */
export function reapplicantListed(
	data: ParticipationMailBase & { listedOn: string; certificateNumber: string | null },
): EmailContent {
	return providerMessage(data, {
		subject: `Opgenomen in het Keurmerkregister ${data.year}`,
		blocks: [
			`Uw organisatie staat vanaf ${data.listedOn} als keurmerkdrager ${data.year} in het Keurmerkregister.`,
			data.certificateNumber
				? `Uw keurmerkcertificaat ${data.certificateNumber} is vanaf die datum te controleren in het openbare register.`
				: 'Uw keurmerkcertificaat staat in het Keurmerkportaal.',
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

/** Issue 16 item 12: the office moved the year's dates; what the carrier must do by when now. */
export function yearDatesChanged(
	data: ParticipationMailBase & {
		deadline: string
		previousDeadline: string
		revisionDueOn: string | null
		firstSubmissionOn: string | null
	},
): EmailContent {
	const moved = data.deadline !== data.previousDeadline
	return providerMessage(data, {
		subject: `Gewijzigde termijnen ${data.markName} ${data.year}`,
		preheader: data.revisionDueOn
			? `Uw aangepaste zelfevaluatie is nu uiterlijk ${data.revisionDueOn} welkom.`
			: `De kwalificatiedeadline is nu ${data.deadline}.`,
		blocks: [
			moved
				? html`Stichting KiBG heeft de kwalificatieperiode van ${data.year} gewijzigd: de zelfevaluatie moet nu
						<strong>uiterlijk ${data.deadline}</strong> zijn ingediend (was ${data.previousDeadline}).`
				: `Stichting KiBG heeft de termijnen van ${data.year} gewijzigd. De kwalificatiedeadline blijft ${data.deadline}.`,
			...(data.revisionDueOn
				? [html`Uw aangepaste zelfevaluatie kunt u indienen tot en met <strong>${data.revisionDueOn}</strong>.`]
				: []),
			...(data.firstSubmissionOn
				? [
						`Wij vragen u de eerste zelfevaluatie in te dienen uiterlijk ${data.firstSubmissionOn}, zodat er tijd is voor een aanpassing.`,
					]
				: []),
			'Herinneringen en de agenda in het Keurmerkportaal volgen de nieuwe data.',
		],
		cta: 'Naar het Keurmerkportaal',
	})
}
