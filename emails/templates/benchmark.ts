// The spiegelrapportage's reminder (DOMAIN.md §9): a carrier that has not submitted its indicators
// hears so on the days set for the year, with the due date and what it gets back.
import { html } from '../html.ts'
import type { EmailContent } from '../layout.ts'
import { providerMessage } from '../message.ts'
import type { ParticipationMailBase } from './participation.ts'

export interface BenchmarkReminderData extends ParticipationMailBase {
	daysBefore: number
	dueOn: string
}

export function benchmarkReminder(data: BenchmarkReminderData): EmailContent {
	const when = data.daysBefore === 0 ? 'Vandaag' : data.daysBefore === 1 ? 'Morgen' : `Over ${data.daysBefore} dagen`
	return providerMessage(data, {
		subject: `${when}: indicatoren ${data.year} voor de spiegelrapportage aanleveren`,
		preheader: `Graag uiterlijk ${data.dueOn}.`,
		blocks: [
			html`Wij hebben de indicatoren van uw organisatie over ${data.year} nog niet ontvangen. Wilt u ze
				<strong>uiterlijk ${data.dueOn}</strong> aanleveren? Dat kan in het portaal of met het sjabloon (CSV of Excel).`,
			'Na het indienen ziet u direct uw spiegelrapportage: uw positie ten opzichte van de andere keurmerkdragers, per indicator, ook als PDF. Die kunt u gebruiken bij de reflectie op uw gegevens in de zelfevaluatie (norm 4).',
			'Cijfers van uw organisatie worden nooit afzonderlijk aan anderen getoond.',
		],
		cta: 'Indicatoren aanleveren',
	})
}

export interface BenchmarkReopenedData extends ParticipationMailBase {
	reason: string
}

/** Staff reopened a submitted delivery: the carrier hears why, and that its figures are out of the comparison until it submits again. */
export function benchmarkReopened(data: BenchmarkReopenedData): EmailContent {
	return providerMessage(data, {
		subject: `Indicatoren ${data.year} heropend: graag opnieuw indienen`,
		preheader: 'Tot u opnieuw indient, tellen uw cijfers niet mee in de spiegelrapportage.',
		blocks: [
			`KiBG heeft de aanlevering van uw indicatoren over ${data.year} heropend, zodat u die kunt corrigeren.`,
			{ facts: [['Reden', data.reason]] },
			'Tot u opnieuw indient, tellen uw cijfers niet mee in de vergelijking en ziet u geen spiegelrapportage. Uw eerder ingevulde waarden staan klaar; pas aan wat nodig is en dien opnieuw in.',
		],
		cta: 'Indicatoren aanpassen',
	})
}
