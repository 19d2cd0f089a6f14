// The messages a participation's state changes send (DOMAIN.md §8): the effect `send_mail` of the
// state machine becomes one outbox message per recipient, in the transaction of the change. The
// mails are Dutch documents: dates and labels are formatted with locale 'nl' here, the words are
// in the templates (emails/templates/participation.ts).
import { href } from 'react-router'
import { type Participation, Prisma } from '#app/generated/prisma/client.ts'
import { AppError } from '#app/domain/errors.ts'
import { listingAt, qualificationDeadlineAt, withdrawalAt } from '#app/domain/calendar.ts'
import type { Effect } from '#app/domain/participation.ts'
import type { YearSettings } from '#app/domain/year-settings.ts'
import { formatCalendarDay, formatDate } from '#app/i18n/format.ts'
import { withdrawalReasonLabel } from '#app/i18n/labels.ts'
import type { Tx } from '#app/lib/db.server.ts'
import { absoluteUrl } from './auth.server.ts'
import { enqueueEmail } from './mail/outbox.server.ts'

/** The people a message about a participation goes to: the organisation's address and its primary contacts. */
export async function participationRecipients(
	tx: Tx,
	providerId: string,
): Promise<{ address: string; name: string | null }[]> {
	return (await providerAndRecipients(tx, providerId)).recipients
}

/**
 * The provider's name and the recipients, in one statement: messages are written in the
 * transaction of their state change, which on the embedded database holds the engine for everyone
 * (a submission at the deadline rush, issue 17), where Prisma's nested select took three.
 */
async function providerAndRecipients(tx: Tx, providerId: string) {
	const rows = await tx.$queryRaw<
		{ providerName: string; providerEmail: string; userEmail: string | null; userName: string | null }[]
	>(Prisma.sql`
		SELECT p."name" AS "providerName", p."email" AS "providerEmail", u."email" AS "userEmail", u."name" AS "userName"
		FROM "Provider" AS p
		LEFT JOIN "Membership" AS m ON m."providerId" = p.id AND m."isPrimaryContact"
		LEFT JOIN "User" AS u ON u.id = m."userId" AND u."active"
		WHERE p.id = ${providerId}
		ORDER BY m."createdAt", m.id`)
	const provider = rows[0]
	if (!provider) throw new AppError('not_found')
	const recipients = new Map<string, { address: string; name: string | null }>()
	recipients.set(provider.providerEmail.toLowerCase(), { address: provider.providerEmail, name: provider.providerName })
	for (const row of rows) {
		if (row.userEmail) recipients.set(row.userEmail.toLowerCase(), { address: row.userEmail, name: row.userName })
	}
	return { providerName: provider.providerName, recipients: [...recipients.values()] }
}

export async function sendParticipationMail(
	tx: Tx,
	participation: Participation,
	effect: Extract<Effect, { type: 'send_mail' }>,
	settings: YearSettings,
	at: Date,
) {
	const { providerName, recipients } = await providerAndRecipients(tx, participation.providerId)
	const base = {
		providerName,
		year: participation.year,
		markName: settings.markName,
		portalUrl: absoluteUrl(href('/aanbieder/:providerId', { providerId: participation.providerId })),
	}
	const day = (instant: Date) => formatDate(instant, 'nl')
	const attachments: { filename: string; fileId: string }[] = []
	const email = await (async () => {
		switch (effect.template) {
			case 'application_received':
				return {
					template: 'application_received' as const,
					data: { ...base, agreementOffered: participation.state === 'agreement_offered' },
				}
			case 'agreement_offered':
				return {
					template: 'agreement_offered' as const,
					data: {
						...base,
						signBy: formatCalendarDay(settings.applicationClosesOn, 'nl'),
						listingOn: formatCalendarDay(settings.listingOn, 'nl'),
					},
				}
			case 'agreement_signed': {
				const agreement = await tx.agreement.findFirst({
					where: { participationId: participation.id, status: 'signed' },
					orderBy: { signedAt: 'desc' },
				})
				if (agreement?.signedFileId)
					attachments.push({ filename: `overeenkomst-${participation.year}.pdf`, fileId: agreement.signedFileId })
				return {
					template: 'agreement_signed' as const,
					data: {
						...base,
						signerName: agreement?.signerName ?? null,
						signedAt: day(agreement?.signedAt ?? at),
						listing: participation.isReapplicant
							? { kind: 'after_qualification' as const }
							: participation.state === 'listed'
								? { kind: 'now' as const }
								: { kind: 'on' as const, date: day(listingAt(settings)) },
					},
				}
			}
			case 'listed':
				return {
					template: 'listed' as const,
					data: {
						...base,
						deadline: day(qualificationDeadlineAt(settings)),
						withdrawalOn: day(withdrawalAt(settings)),
					},
				}
			case 'self_evaluation_received': {
				const round = await tx.selfEvaluationRound.findFirstOrThrow({
					where: { participationId: participation.id, status: 'submitted' },
					orderBy: { number: 'desc' },
				})
				return {
					template: 'self_evaluation_received' as const,
					data: { ...base, round: round.number, submittedAt: day(round.submittedAt ?? at) },
				}
			}
			case 'revision_requested': {
				const assessed = await tx.selfEvaluationRound.findFirstOrThrow({
					where: { participationId: participation.id, status: 'submitted' },
					orderBy: { number: 'desc' },
					include: {
						assessments: {
							where: { verdict: 'insufficient' },
							include: {
								criterion: {
									select: {
										code: true,
										position: true,
										norm: { select: { position: true, theme: { select: { position: true } } } },
									},
								},
							},
						},
					},
				})
				const insufficient = assessed.assessments
					.sort(
						(a, b) =>
							a.criterion.norm.theme.position - b.criterion.norm.theme.position ||
							a.criterion.norm.position - b.criterion.norm.position ||
							a.criterion.position - b.criterion.position,
					)
					.map((assessment) => ({ code: assessment.criterion.code, feedback: assessment.feedback }))
				return {
					template: 'revision_requested' as const,
					data: {
						...base,
						dueAt: day(effect.dueAt ?? participation.revisionDueAt ?? at),
						insufficient,
						// The general message only: the round's internal notes are never mailed.
						message: assessed.assessmentMessage ?? null,
					},
				}
			}
			case 'qualified': {
				const certificate = await tx.certificate.findUniqueOrThrow({ where: { participationId: participation.id } })
				if (certificate.fileId)
					attachments.push({ filename: `keurmerkcertificaat-${certificate.number}.pdf`, fileId: certificate.fileId })
				return {
					template: 'qualified' as const,
					data: { ...base, certificateNumber: certificate.number, validUntil: day(certificate.validUntil) },
				}
			}
			case 'sampled':
				return { template: 'sampled' as const, data: base }
			case 'withdrawal': {
				const withdrawal = await tx.withdrawal.findFirst({
					where: { participationId: participation.id, undoneAt: null },
					orderBy: { decidedAt: 'desc' },
				})
				if (withdrawal?.letterFileId)
					attachments.push({ filename: `intrekking-${participation.year}.pdf`, fileId: withdrawal.letterFileId })
				return {
					template: 'withdrawal' as const,
					data: {
						...base,
						// The 1 April run also ends applications that were never signed: different words.
						signed: !['applied', 'agreement_offered'].includes(participation.stateBeforeWithdrawal ?? ''),
						reason: withdrawalReasonLabel(
							effect.reason ?? withdrawal?.reason ?? 'not_qualified_in_time',
							'nl',
						).toLowerCase(),
						effectiveAt: day(effect.effectiveAt ?? withdrawal?.effectiveAt ?? at),
						explanation: withdrawal?.explanation ?? null,
					},
				}
			}
			case 'withdrawal_undone':
				return { template: 'withdrawal_undone' as const, data: base }
		}
	})()
	for (const to of recipients) {
		await enqueueEmail(tx, {
			...email,
			to,
			providerId: participation.providerId,
			participationId: participation.id,
			attachments,
			// One message per recipient per state change, even if an effect is replayed.
			dedupeKey: `participation:${participation.id}:${effect.template}:v${participation.version}:${to.address.toLowerCase()}`,
		} as Parameters<typeof enqueueEmail>[1])
	}
}
