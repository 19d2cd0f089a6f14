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
