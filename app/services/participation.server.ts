// The one way a participation changes state. Loads the snapshot, asks the domain's state machine
// (app/domain/participation.ts) at the server clock, and — only when it agrees — stores the new
// state, the timeline entry, the audit event and every effect (mail, rounds, certificate,
// register window) in the caller's transaction. Routes, services and scheduled runs all come here.
import { href } from 'react-router'
import type { Participation, ParticipationState, Prisma } from '#app/generated/prisma/client.ts'
import { endOfDay } from '#app/domain/amsterdam-time.ts'
import { refusal, refusalError } from '#app/domain/errors.ts'
import { formatCertificateNumber } from '#app/domain/fees.ts'
import {
	type Effect,
	type ParticipationEvent,
	type ParticipationSnapshot,
	type ParticipationStart,
	type Refusal,
	startParticipation,
	transition,
} from '#app/domain/participation.ts'
import { registerWindow } from '#app/domain/register.ts'
import type { YearSettings } from '#app/domain/year-settings.ts'
import { formatDate } from '#app/i18n/format.ts'
import { defaultWithdrawalExplanation } from '#app/i18n/labels.ts'
import { translate } from '#app/i18n/translate.ts'
import { now } from '#app/lib/clock.server.ts'
import { storeFile } from '#app/lib/storage.server.ts'
import { certificatePdf } from '#templates/certificate.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { lockParticipation } from '#app/lib/db/lock.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { absoluteUrl } from './auth.server.ts'
import { createFollowUpsOnQualification } from './follow-ups.server.ts'
import { sendParticipationMail } from './participation-mail.server.ts'
import { OFFICE_SIGNATURE, storeWithdrawalLetter } from './withdrawal-letter.server.ts'
import { requireYearSettings, toYearSettings } from './years.server.ts'

export type EventResult =
	{ ok: true; changed: boolean; participation: Participation; effects: Effect[] } | { ok: false; refusal: Refusal }

/** What `snapshotOf` needs loaded with a participation (also used by the public register). */
export const withHistory = {
	rounds: { select: { number: true, status: true, outcome: true }, orderBy: { number: 'asc' } },
	withdrawals: { where: { undoneAt: null }, orderBy: { decidedAt: 'desc' }, take: 1 },
	markYear: true,
} as const satisfies Prisma.ParticipationInclude

type ParticipationWithHistory = Prisma.ParticipationGetPayload<{ include: typeof withHistory }>

/** withHistory with the rounds' ids: a caller of loadSnapshot may act on a round (submitRound). */
const withHistoryAndRoundIds = {
	...withHistory,
	rounds: { select: { ...withHistory.rounds.select, id: true }, orderBy: withHistory.rounds.orderBy },
} as const satisfies Prisma.ParticipationInclude

/** What the state machine needs to know, read from the stored participation. */
export function snapshotOf(participation: ParticipationWithHistory): ParticipationSnapshot {
	const submitted = participation.rounds.filter((round) => round.status === 'submitted')
	// While 'submitted', the last round awaits its decision: an outcome stored on it is a proposal
	// (written just before the event, or waiting for a second assessor), not yet part of the state.
	const decided = participation.state === 'submitted' ? submitted.slice(0, -1) : submitted
	const assessed = decided.filter((round) => round.outcome)
	const withdrawal = participation.state === 'withdrawn' ? participation.withdrawals[0] : undefined
	return {
		state: participation.state,
		isReapplicant: participation.isReapplicant,
		listedAt: participation.listedFrom,
		roundsSubmitted: submitted.length,
		revisionsUsed: participation.revisionsUsed,
		revisionDueAt: participation.revisionDueAt,
		latestRoundOutcome: assessed.at(-1)?.outcome ?? null,
		qualifiedAt: participation.qualifiedAt,
		withdrawal: withdrawal
			? { reason: withdrawal.reason, effectiveAt: withdrawal.effectiveAt, decidedAt: withdrawal.decidedAt }
			: null,
		stateBeforeWithdrawal: participation.stateBeforeWithdrawal,
	}
}

/** A participation as a transition reads it, locked in its transaction (loadSnapshot). */
export interface LoadedSnapshot {
	participation: Prisma.ParticipationGetPayload<{ include: typeof withHistoryAndRoundIds }>
	snapshot: ParticipationSnapshot
	settings: YearSettings
}

export async function loadSnapshot(tx: Tx, participationId: string): Promise<LoadedSnapshot> {
	// On PostgreSQL two transitions of one participation must not interleave: lock the row.
	await lockParticipation(tx, participationId)
	const participation = await tx.participation.findUniqueOrThrow({
		where: { id: participationId },
		include: withHistoryAndRoundIds,
	})
	return { participation, snapshot: snapshotOf(participation), settings: toYearSettings(participation.markYear) }
}

export interface EventOptions {
	/** Why (shown in the timeline and the audit trail; the letter's explanation for a withdrawal). */
	reason?: string | null
	/** Optimistic concurrency: refuse when somebody else changed the participation meanwhile. */
	expectedVersion?: number
	/** A withdrawal letter (PDF, already stored) to keep with the withdrawal and attach to its mail. */
	letterFileId?: string
}

/**
 * Applies a domain event inside `tx`. Refusals write nothing. A sweep event that does not apply
 * returns `changed: false` and writes nothing either (the scheduled runs are idempotent).
 */
export async function applyParticipationEvent(
	tx: Tx,
	participationId: string,
	event: ParticipationEvent,
	actor: Actor,
	options: EventOptions = {},
): Promise<EventResult> {
	return applyEventToLoaded(tx, await loadSnapshot(tx, participationId), event, actor, options)
}

/**
 * applyParticipationEvent on a participation its caller has loaded and locked already in `tx`
 * (loadSnapshot), to decide something of its own first without reading it twice (submitRound).
 */
export async function applyEventToLoaded(
	tx: Tx,
	{ participation, snapshot, settings }: LoadedSnapshot,
	event: ParticipationEvent,
	actor: Actor,
	options: EventOptions = {},
): Promise<EventResult> {
	const participationId = participation.id
	if (options.expectedVersion !== undefined && options.expectedVersion !== participation.version) {
		return { ok: false, refusal: refusal('conflict') }
	}
	const at = now()
	const result = transition(snapshot, event, at, settings)
	if (!result.ok) return result
	if (!result.changed) return { ok: true, changed: false, participation, effects: [] }

	const next = result.next
	const updated = await tx.participation.update({
		where: { id: participationId },
		data: {
			...participationFields(next, settings),
			stateChangedAt: next.state === participation.state ? participation.stateChangedAt : at,
			version: { increment: 1 },
		},
	})
	await recordWithdrawalChange(tx, participation, snapshot, next, actor, options, at)
	await tx.participationTransition.create({
		data: {
			participationId,
			fromState: participation.state,
			toState: next.state,
			event: event.type,
			note: options.reason ?? null,
			actorUserId: actor.userId,
			at,
		},
	})
	await recordAudit(tx, {
		actor,
		action: `participation.${event.type}`,
		entityType: 'Participation',
		entityId: participationId,
		providerId: participation.providerId,
		participationId,
		before: snapshot,
		after: next,
		reason: options.reason ?? null,
		at,
	})
	await performEffects(tx, updated, result.effects, actor, at, settings)
	return { ok: true, changed: true, participation: updated, effects: result.effects }
}

/** Like applyParticipationEvent, but throws the refusal as an AppError. */
export async function requireParticipationEvent(
	tx: Tx,
	participationId: string,
	event: ParticipationEvent,
	actor: Actor,
	options: EventOptions = {},
): Promise<Extract<EventResult, { ok: true }>> {
	const result = await applyParticipationEvent(tx, participationId, event, actor, options)
	if (!result.ok) throw refusalError(result.refusal)
	return result
}

/** Applies an event in its own transaction. */
export function runParticipationEvent(
	participationId: string,
	event: ParticipationEvent,
	actor: Actor,
	options: EventOptions = {},
): Promise<EventResult> {
	return db.$transaction((tx) => applyParticipationEvent(tx, participationId, event, actor, options))
}

/** Starts a provider's participation in a year: through the application form, or as a renewal. */
export async function createParticipation(
	tx: Tx,
	{
		providerId,
		year,
		start,
		actor,
		applicationData,
	}: {
		providerId: string
		year: number
		start: ParticipationStart
		actor: Actor
		applicationData?: Prisma.InputJsonValue
	},
): Promise<EventResult> {
	const settings = await requireYearSettings(year, tx)
	// The profile of this year: a later change to the provider does not alter which norms applied.
	const profile = await tx.provider.findUniqueOrThrow({
		where: { id: providerId },
		select: { offersChronicEchelon: true },
	})
	const at = now()
	const result = startParticipation(start, at, settings)
	if (!result.ok) return result
	const next = result.next
	const participation = await tx.participation.create({
		data: {
			providerId,
			year,
			offersChronicEchelon: profile.offersChronicEchelon,
			...participationFields(next, settings),
			stateChangedAt: at,
			appliedAt: at,
			applicationData: applicationData ?? undefined,
		},
	})
	await tx.participationTransition.create({
		data: {
			participationId: participation.id,
			fromState: null,
			toState: next.state,
			event: start.origin === 'application' ? 'apply' : 'renewal',
			actorUserId: actor.userId,
			at,
		},
	})
	await recordAudit(tx, {
		actor,
		action: start.origin === 'application' ? 'participation.apply' : 'participation.renewal',
		entityType: 'Participation',
		entityId: participation.id,
		providerId,
		participationId: participation.id,
		after: next,
		at,
	})
	await performEffects(tx, participation, result.effects, actor, at, settings)
	return { ok: true, changed: true, participation, effects: result.effects }
}

function participationFields(s: ParticipationSnapshot, settings: YearSettings) {
	// The register is one indexed query: listed while listedFrom <= now < listedUntil. The window
	// already holds the ends the clock will bring (1 April, 31 December), so it is right between runs.
	const window = registerWindow(s, settings)
	return {
		state: s.state,
		isReapplicant: s.isReapplicant,
		stateBeforeWithdrawal: s.stateBeforeWithdrawal,
		revisionsUsed: s.revisionsUsed,
		revisionDueAt: s.revisionDueAt,
		qualifiedAt: s.qualifiedAt,
		listedFrom: window?.from ?? null,
		listedUntil: window?.until ?? null,
	}
}

async function recordWithdrawalChange(
	tx: Tx,
	participation: Participation,
	before: ParticipationSnapshot,
	after: ParticipationSnapshot,
	actor: Actor,
	{ reason = null, letterFileId }: EventOptions,
	at: Date,
) {
	if (after.withdrawal && !before.withdrawal) {
		// The record is a Dutch document (the letter and the mail quote it).
		const explanation = reason ?? defaultWithdrawalExplanation(after.withdrawal.reason, 'nl')
		// DOMAIN.md §3: every withdrawal gets a letter, the automatic ones of the 1 April run and a
		// "not qualified" decision too. Staff withdrawals bring the letter they rendered themselves.
		const letterId =
			letterFileId ??
			(
				await storeWithdrawalLetter(tx, participation.id, {
					reason: after.withdrawal.reason,
					effectiveAt: after.withdrawal.effectiveAt,
					explanation,
					decidedBy: await signatureOf(tx, actor),
				})
			).id
		await tx.withdrawal.create({
			data: {
				participationId: participation.id,
				reason: after.withdrawal.reason,
				effectiveAt: after.withdrawal.effectiveAt,
				decidedAt: after.withdrawal.decidedAt,
				decidedById: actor.type === 'staff' ? actor.userId : null,
				explanation,
				letterFileId: letterId,
			},
		})
		// An offer that was never signed ends with the participation (a signed agreement is
		// dissolved by the 'dissolve_agreement' effect).
		await tx.agreement.updateMany({
			where: { participationId: participation.id, status: 'offered' },
			data: { status: 'lapsed', dissolvedAt: after.withdrawal.effectiveAt },
		})
	} else if (before.withdrawal && !after.withdrawal) {
		await tx.withdrawal.updateMany({
			where: { participationId: participation.id, undoneAt: null },
			data: { undoneAt: at, undoneById: actor.userId, undoReason: reason },
		})
		// The undo restores what the withdrawal ended: the agreement is in force (or on offer) again.
		await tx.agreement.updateMany({
			where: { participationId: participation.id, status: 'dissolved' },
			data: { status: 'signed', dissolvedAt: null },
		})
		await tx.agreement.updateMany({
			where: { participationId: participation.id, status: 'lapsed' },
			data: { status: 'offered', dissolvedAt: null },
		})
	}
}

async function signatureOf(tx: Tx, actor: Actor): Promise<string> {
	if (actor.type !== 'staff' || !actor.userId) return OFFICE_SIGNATURE
	const user = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } })
	return user?.name ?? OFFICE_SIGNATURE
}

/** 003 §3.3: "de overeenkomst wordt ontbonden" — the signed agreement ends at the withdrawal. */
async function dissolveAgreement(tx: Tx, participation: Participation, effectiveAt: Date, actor: Actor, at: Date) {
	const signed = await tx.agreement.findMany({
		where: { participationId: participation.id, status: 'signed' },
		select: { id: true },
	})
	for (const agreement of signed) {
		await tx.agreement.update({
			where: { id: agreement.id },
			data: { status: 'dissolved', dissolvedAt: effectiveAt },
		})
		await recordAudit(tx, {
			actor,
			action: 'agreement.dissolve',
			entityType: 'Agreement',
			entityId: agreement.id,
			providerId: participation.providerId,
			participationId: participation.id,
			before: { status: 'signed' },
			after: { status: 'dissolved', dissolvedAt: effectiveAt },
			// The audit trail is a Dutch record.
			reason: translate('nl', 'staff.auditAgreementDissolved'),
			at,
		})
	}
}

async function performEffects(
	tx: Tx,
	participation: Participation,
	effects: Effect[],
	actor: Actor,
	at: Date,
	settings: YearSettings,
) {
	for (const effect of effects) {
		switch (effect.type) {
			case 'freeze_round':
				await freezeRound(tx, participation.id, effect.round, actor, at)
				break
			case 'open_revision_round':
				await openRevisionRound(tx, participation.id, effect.round, at)
				break
			case 'issue_certificate':
				await issueCertificate(tx, participation, at, settings)
				// Issue 16 item 9: what the carrier promised to deliver later is tracked from now on.
				await createFollowUpsOnQualification(tx, participation, actor, at)
				break
			case 'plan_interview':
				await tx.interview.createMany({
					data: (
						await tx.sampleMember.findMany({
							where: { participationId: participation.id, interview: null },
							select: { id: true },
						})
					).map((member) => ({ sampleMemberId: member.id })),
				})
				break
			case 'send_mail':
				await sendParticipationMail(tx, participation, effect, settings, at)
				break
			case 'dissolve_agreement':
				await dissolveAgreement(tx, participation, effect.at, actor, at)
				break
			// The register window (listedFrom/listedUntil) and the certificate's status follow from the
			// stored snapshot and the withdrawal.
			case 'add_to_register':
			case 'remove_from_register':
			case 'revoke_certificate':
			case 'reinstate_certificate':
				break
		}
	}
	if (participation.state === 'agreement_offered') await ensureAgreementOffered(tx, participation, settings, at)
}

// A submitted round is frozen: the self-evaluation service saved its content; this marks it.
async function freezeRound(tx: Tx, participationId: string, number: number, actor: Actor, at: Date) {
	const frozen = await tx.selfEvaluationRound.updateMany({
		where: { participationId, number, status: 'draft' },
		data: { status: 'submitted', submittedAt: at, submittedById: actor.userId },
	})
	if (frozen.count !== 1)
		throw new Error(`Round ${number} of participation ${participationId} is not a draft to submit`)
}

// DOMAIN.md §5: a revision starts as a copy of the previous round (answers and documents).
async function openRevisionRound(tx: Tx, participationId: string, number: number, at: Date) {
	const previous = await tx.selfEvaluationRound.findFirstOrThrow({
		where: { participationId, number: number - 1 },
		include: { answers: { include: { documents: true } } },
	})
	const round = await tx.selfEvaluationRound.create({
		data: { participationId, number, status: 'draft', copiedFromRoundId: previous.id, createdAt: at },
	})
	for (const answer of previous.answers) {
		await tx.answer.create({
			data: {
				roundId: round.id,
				evidenceItemId: answer.evidenceItemId,
				text: answer.text,
				number: answer.number,
				url: answer.url,
				checkedElements: answer.checkedElements,
				declared: answer.declared,
				prefill: 'none',
				updatedById: answer.updatedById,
				updatedAt: answer.updatedAt, // a copy: last edited when the original was
				documents: {
					create: answer.documents.map((document) => ({ fileId: document.fileId, addedAt: document.addedAt })),
				},
			},
		})
	}
}

async function issueCertificate(tx: Tx, participation: Participation, at: Date, settings: YearSettings) {
	const existing = await tx.certificate.findUnique({ where: { participationId: participation.id } })
	if (existing) return
	const last = await tx.certificate.aggregate({ where: { year: participation.year }, _max: { sequence: true } })
	const sequence = (last._max.sequence ?? 0) + 1
	const number = formatCertificateNumber(participation.year, sequence)
	// DOMAIN.md §7: valid until 31 December of the year, unless withdrawn.
	const validUntil = endOfDay(`${settings.year}-12-31`)
	const provider = await tx.provider.findUniqueOrThrow({
		where: { id: participation.providerId },
		select: { name: true, city: true },
	})
	const pdf = await certificatePdf({
		number,
		markName: settings.markName,
		year: settings.year,
		providerName: provider.name,
		providerCity: provider.city,
		// The certificate is a Dutch document.
		issuedOn: formatDate(at, 'nl'),
		validUntil: formatDate(validUntil, 'nl'),
		verificationUrl: certificateVerificationUrl(number),
		issuedAt: at,
	})
	const file = await storeFile(
		{
			kind: 'certificate',
			providerId: participation.providerId,
			originalName: `keurmerkcertificaat-${number}.pdf`,
			mimeType: 'application/pdf',
			bytes: pdf,
		},
		tx,
	)
	await tx.certificate.create({
		data: {
			participationId: participation.id,
			year: participation.year,
			sequence,
			number,
			issuedAt: at,
			validUntil,
			fileId: file.id,
		},
	})
}

/** Where the QR code on a certificate leads: the public verification page (issue 6). */
export function certificateVerificationUrl(number: string): string {
	return absoluteUrl(href('/verifieer/:number?', { number: encodeURIComponent(number) }))
}

async function ensureAgreementOffered(tx: Tx, participation: Participation, settings: YearSettings, at: Date) {
	const open = await tx.agreement.findFirst({ where: { participationId: participation.id, status: 'offered' } })
	if (open) return
	await tx.agreement.create({
		data: {
			participationId: participation.id,
			status: 'offered',
			offeredAt: at,
			// The conditions as they were when offered: the PDF and the signature refer to these.
			terms: {
				year: settings.year,
				markName: settings.markName,
				feeRateBp: settings.feeRateBp,
				minimumFeeCents: settings.minimumFeeCents,
				turnoverLabel: settings.turnoverLabel,
				listingOn: settings.listingOn,
				qualificationDeadline: settings.qualificationDeadline,
				maxRevisions: settings.maxRevisions,
				revisionGraceDays: settings.revisionGraceDays,
			},
		},
	})
}

export type { ParticipationState }
