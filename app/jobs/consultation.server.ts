// Consultation mails (issue 18): when a consultation's window has opened, every party that may
// react is invited (carriers at their addresses, invited organisations at theirs); a week before
// it closes, every party that has not sent a reaction is reminded once. Dedupe keys per
// consultation, kind and address make the run idempotent; a party that joins later (a new carrier,
// a newly invited organisation) is invited by the next run.
import { href } from 'react-router'
import { formatCalendarDay } from '#app/i18n/format.ts'
import { isConsultationOpen, isReminderDue } from '#app/domain/consultation.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { absoluteUrl } from '#app/services/auth.server.ts'
import { inRegisterAt } from '#app/services/carriers.server.ts'
import { toView } from '#app/services/consultation.server.ts'
import { enqueueEmail } from '#app/services/mail/outbox.server.ts'
import { participationRecipients } from '#app/services/participation-mail.server.ts'
import { forEach } from './each.server.ts'
import type { Job, JobSummary } from './types.ts'

interface Recipient {
	partyKey: string
	providerId: string | null
	name: string
	addresses: { address: string; name: string | null }[]
}

async function recipients(tx: Tx, consultation: ReturnType<typeof toView>, at: Date): Promise<Recipient[]> {
	const list: Recipient[] = []
	if (consultation.openToCarriers) {
		const carriers = await tx.provider.findMany({
			where: { participations: { some: inRegisterAt(at) } },
			select: { id: true, name: true },
			orderBy: { name: 'asc' },
		})
		for (const carrier of carriers)
			list.push({
				partyKey: `provider:${carrier.id}`,
				providerId: carrier.id,
				name: carrier.name,
				addresses: await participationRecipients(tx, carrier.id),
			})
	}
	if (consultation.openToOrganisations) {
		const organisations = await tx.user.findMany({
			where: { kind: 'organisation', active: true, organisationType: { not: null } },
			select: { id: true, email: true, name: true, organisationName: true },
		})
		for (const user of organisations)
			list.push({
				partyKey: `user:${user.id}`,
				providerId: null,
				name: user.organisationName ?? user.name,
				addresses: [{ address: user.email, name: user.name }],
			})
	}
	return list
}

export const consultationMails: Job = {
	name: 'consultation-mails',
	title: 'consultation.jobMails',
	description: 'consultation.jobMailsHelp',
	async run(at) {
		const summary: JobSummary = {}
		const rows = await db.consultation.findMany({ where: { adoptedAt: null } })
		for (const row of rows) {
			const consultation = toView(row, at)
			if (!isConsultationOpen(consultation, at)) continue
			const reminding = isReminderDue(consultation, at)
			const markName = (await db.markYear.findUniqueOrThrow({ where: { year: row.year } })).markName
			const parties = await db.$transaction((tx) => recipients(tx, consultation, at))
			const responses = await db.consultationResponse.findMany({
				where: { consultationId: row.id },
				select: { partyKey: true, status: true },
			})
			const status = new Map(responses.map((response) => [response.partyKey, response.status]))
			await forEach(
				parties.map((party) => party.partyKey),
				summary,
				(partyKey) =>
					db.$transaction(async (tx) => {
						const party = parties.find((candidate) => candidate.partyKey === partyKey) as Recipient
						const base = {
							providerName: party.name,
							markName,
							year: row.year,
							portalUrl: absoluteUrl(href('/consultatie/:year', { year: String(row.year) })),
						}
						let queued = 0
						for (const to of party.addresses) {
							const address = to.address.toLowerCase()
							const invited = await enqueueEmail(tx, {
								template: 'consultation_invitation',
								to,
								providerId: party.providerId,
								dedupeKey: `consultation_invitation:${row.id}:${address}`,
								data: {
									...base,
									opensOn: formatCalendarDay(consultation.opensOn, 'nl'),
									closesOn: formatCalendarDay(consultation.closesOn, 'nl'),
									introduction: consultation.introduction,
								},
							})
							if (invited) queued += 1
							if (!reminding || status.get(partyKey) === 'submitted') continue
							const reminded = await enqueueEmail(tx, {
								template: 'consultation_reminder',
								to,
								providerId: party.providerId,
								dedupeKey: `consultation_reminder:${row.id}:${address}`,
								data: {
									...base,
									closesOn: formatCalendarDay(consultation.closesOn, 'nl'),
									hasDraft: status.get(partyKey) === 'draft',
								},
							})
							if (reminded) queued += 1
						}
						return queued > 0 ? (reminding ? 'reminded' : 'invited') : null
					}),
			)
			if (!row.invitationsSentAt)
				await db.consultation.update({ where: { id: row.id }, data: { invitationsSentAt: at } })
		}
		return summary
	},
}
