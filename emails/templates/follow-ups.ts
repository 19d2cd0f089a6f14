// Follow-ups of a promised later delivery (issue 16 item 9; 003 norm 1 NB: the CQ scale score
// "vóór 1 september 2018"): reminders before the due day and a notice once it has passed.
import { html } from '../html.ts'
import type { EmailContent } from '../layout.ts'
import { providerMessage } from '../message.ts'
import type { ParticipationMailBase } from './participation.ts'

export interface FollowUpMailData extends ParticipationMailBase {
	criterionCode: string
	description: string
	/** Dutch date of the last day. */
	dueOn: string
}

export function followUpReminder(data: FollowUpMailData & { daysBefore: number }): EmailContent {
	return providerMessage(data, {
		subject: `Herinnering: levering bij criterium ${data.criterionCode} uiterlijk ${data.dueOn}`,
		preheader: `Nog ${data.daysBefore} dagen.`,
		blocks: [
			`Bij uw kwalificatie voor het ${data.markName} ${data.year} heeft u toegezegd later iets aan te leveren (criterium ${data.criterionCode}):`,
			{ list: [data.description] },
			html`Lever dit aan in het Keurmerkportaal, <strong>uiterlijk ${data.dueOn}</strong>.`,
		],
		cta: 'Nu aanleveren',
	})
}

export function followUpOverdue(data: FollowUpMailData): EmailContent {
	return providerMessage(data, {
		subject: `Levering bij criterium ${data.criterionCode} is te laat`,
		blocks: [
			`U had uiterlijk ${data.dueOn} het volgende moeten aanleveren voor het ${data.markName} ${data.year} (criterium ${data.criterionCode}):`,
			{ list: [data.description] },
			'Lever dit zo snel mogelijk aan in het Keurmerkportaal. Het bedrijfsbureau ziet welke leveringen te laat zijn en neemt zo nodig contact met u op.',
		],
		cta: 'Nu aanleveren',
	})
}
