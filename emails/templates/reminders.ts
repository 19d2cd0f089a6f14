// Reminders the scheduled runs send (DOMAIN.md §8): the unsigned agreement, the qualification
// deadline (only to carriers that have not submitted) and the turnover report. Each names what is
// missing, the last day, and what happens after it.
import { html } from '../html.ts'
import type { EmailContent } from '../layout.ts'
import { providerMessage } from '../message.ts'
import type { ParticipationMailBase } from './participation.ts'

export interface AgreementReminderData extends ParticipationMailBase {
	kind: 'follow_up' | 'before_listing' | 'last_call'
	offeredOn: string
	/** The last day that counts for this reminder (Dutch date). */
	signBy: string
	/** Whether `signBy` is the last day for a listing per `listingOn`. */
	forListing: boolean
	listingOn: string
	/** The qualification deadline: the agreement cannot be signed after it. */
	deadline: string
	/** The day an unsigned application lapses. */
	lapsesOn: string
}

export function agreementReminder(data: AgreementReminderData): EmailContent {
	const consequence = data.forListing
		? html`Onderteken de overeenkomst <strong>uiterlijk ${data.signBy}</strong>, dan staat uw organisatie per
				${data.listingOn} als keurmerkdrager in het Keurmerkregister.`
		: html`Onderteken de overeenkomst <strong>uiterlijk ${data.signBy}</strong>. Daarna kan de overeenkomst niet meer
				worden ondertekend en vervalt uw aanvraag per ${data.lapsesOn}.`
	const subject = {
		follow_up: `Herinnering: overeenkomst ${data.markName} ${data.year} nog niet ondertekend`,
		before_listing: `Nog één week: onderteken de overeenkomst ${data.year} voor opname per ${data.listingOn}`,
		last_call: `Laatste herinnering: overeenkomst ${data.markName} ${data.year} uiterlijk ${data.signBy} ondertekenen`,
	}[data.kind]
	return providerMessage(data, {
		subject,
		preheader: `Onderteken uiterlijk ${data.signBy}.`,
		blocks: [
			`Op ${data.offeredOn} hebben wij u de overeenkomst voor het ${data.markName} ${data.year} aangeboden. Wij hebben uw ondertekening nog niet ontvangen.`,
			consequence,
			...(data.kind === 'last_call'
				? [
						`Let op: ook de zelfevaluatie moet uiterlijk ${data.deadline} zijn ingediend. Na ondertekening kunt u direct beginnen.`,
					]
				: []),
			'Alleen een medewerker met tekenbevoegdheid kan de overeenkomst ondertekenen. Wilt u niet meer deelnemen? Dan kunt u de overeenkomst in het portaal afwijzen; u ontvangt dan geen herinneringen meer.',
		],
		cta: 'Overeenkomst bekijken en ondertekenen',
	})
}

export interface QualificationReminderData extends ParticipationMailBase {
	/** The reminder's offset: days between the day it is sent and the deadline day. */
	daysBefore: number
	deadline: string
	/** The day of the withdrawal (or lapse) if nothing is submitted. */
	withdrawalOn: string
	/** False for a re-applicant: it is listed only after qualifying. */
	listed: boolean
	/**
	 * Set when `deadline` is the year's first-submission deadline (DOMAIN.md §3): the qualification
	 * deadline stays later, and missing the first one withdraws nothing.
	 */
	qualificationDeadline?: string
}

export function qualificationReminder(data: QualificationReminderData): EmailContent {
	if (data.qualificationDeadline)
		return firstSubmissionReminder({ ...data, qualificationDeadline: data.qualificationDeadline })
	const when =
		data.daysBefore === 0
			? 'Vandaag is de laatste dag'
			: data.daysBefore === 1
				? `Morgen (${data.deadline}) is de laatste dag`
				: `Nog ${data.daysBefore} dagen`
	return providerMessage(data, {
		subject: `${when}: zelfevaluatie ${data.markName} ${data.year} indienen`,
		preheader: `Dien de zelfevaluatie in uiterlijk ${data.deadline}.`,
		blocks: [
			`${when} om de zelfevaluatie voor het ${data.markName} ${data.year} in te dienen: wij hebben die van uw organisatie nog niet ontvangen.`,
			html`U kunt de zelfevaluatie indienen tot en met <strong>${data.deadline} om 23.59 uur</strong>. Met de
				zelfevaluatie toont u aan dat u aan alle normen van ${data.year} voldoet.`,
			data.listed
				? `Dient u niet op tijd in, dan wordt het keurmerk per ${data.withdrawalOn} ingetrokken en staat uw organisatie niet langer in het Keurmerkregister.`
				: `Dient u niet op tijd in, dan vervalt uw deelname per ${data.withdrawalOn}. Na een tijdige kwalificatie wordt uw organisatie opgenomen in het Keurmerkregister.`,
			'In het portaal ziet u per norm wat nog ontbreekt. Uw antwoorden worden tussentijds bewaard, ook als u het invullen onderbreekt.',
		],
		cta: 'Zelfevaluatie invullen',
	})
}

function firstSubmissionReminder(data: QualificationReminderData & { qualificationDeadline: string }): EmailContent {
	return providerMessage(data, {
		subject: `Nog ${data.daysBefore} dagen: eerste zelfevaluatie ${data.markName} ${data.year} indienen`,
		preheader: `Dien de eerste zelfevaluatie in uiterlijk ${data.deadline}.`,
		blocks: [
			html`Wij vragen u de eerste zelfevaluatie voor het ${data.markName} ${data.year} in te dienen
				<strong>uiterlijk ${data.deadline}</strong>. Dan is er tijd om haar te beoordelen en, als dat nodig is, aan te
				passen vóór de kwalificatiedeadline van ${data.qualificationDeadline}.`,
			'In het portaal ziet u per norm wat nog ontbreekt. Uw antwoorden worden tussentijds bewaard.',
		],
		cta: 'Zelfevaluatie invullen',
	})
}

/** The first-submission deadline has passed without a submission (DOMAIN.md §3): a notice, no withdrawal yet. */
export function firstSubmissionOverdue(
	data: ParticipationMailBase & { firstDeadline: string; qualificationDeadline: string; withdrawalOn: string },
): EmailContent {
	return providerMessage(data, {
		subject: `Eerste zelfevaluatie ${data.markName} ${data.year} nog niet ontvangen`,
		blocks: [
			`Wij vroegen u de eerste zelfevaluatie voor het ${data.markName} ${data.year} in te dienen uiterlijk ${data.firstDeadline}, maar hebben haar nog niet ontvangen.`,
			html`Dien de zelfevaluatie zo snel mogelijk in, en in elk geval
				<strong>uiterlijk ${data.qualificationDeadline}</strong>: anders wordt het keurmerk per ${data.withdrawalOn}
				ingetrokken. Hoe later u indient, hoe minder tijd er is voor een aanpassing.`,
		],
		cta: 'Zelfevaluatie invullen',
	})
}

export interface TurnoverReminderData extends ParticipationMailBase {
	kind: 'upcoming' | 'overdue'
	turnoverLabel: string
	dueOn: string
}

export function turnoverReminder(data: TurnoverReminderData): EmailContent {
	return providerMessage(data, {
		subject:
			data.kind === 'upcoming'
				? `Omzetopgave ${data.year}: graag uiterlijk ${data.dueOn}`
				: `Herinnering: omzetopgave ${data.year} nog niet ontvangen`,
		blocks: [
			data.kind === 'upcoming'
				? html`Het keurmerkjaar ${data.year} is afgelopen. Wij vragen u de ${data.turnoverLabel} over ${data.year} op te
						geven, <strong>uiterlijk ${data.dueOn}</strong>.`
				: html`Wij hebben uw opgave van de ${data.turnoverLabel} over ${data.year} nog niet ontvangen. De opgave was
					uiterlijk ${data.dueOn} verwacht. Wilt u de omzet zo snel mogelijk opgeven?`,
			`Op basis van de opgave berekenen wij de afdracht voor het ${data.markName} ${data.year} en sturen wij u de factuur.`,
		],
		cta: 'Omzet opgeven',
	})
}
