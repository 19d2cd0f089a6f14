// The agreement of a participation: its PDF (drawn from the terms snapshot taken at the offer, so
// a later change of the year's settings never alters what was offered), signing and declining.
// State changes go through the participation service; the signed PDF is stored before the
// 'sign_agreement' event so that its mail carries the signed copy.
import { z } from 'zod'
import type { Agreement } from '#app/generated/prisma/client.ts'
import { AppError } from '#app/domain/errors.ts'
import { withdrawalDay } from '#app/domain/calendar.ts'
import { formatCalendarDay, formatDate, formatDateTime } from '#app/i18n/format.ts'
import { agreementConsentText } from '#app/i18n/labels.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { storeFile } from '#app/lib/storage.server.ts'
import { type AgreementSignature, agreementPdf } from '#templates/agreement.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { requireParticipationEvent } from './participation.server.ts'

/** The snapshot written by the participation service when it offers the agreement. */
export const agreementTermsSchema = z.object({
	year: z.number().int(),
	markName: z.string(),
	feeRateBp: z.number().int(),
	minimumFeeCents: z.number().int(),
	turnoverLabel: z.string(),
	listingOn: z.string(),
	qualificationDeadline: z.string(),
	maxRevisions: z.number().int(),
	// Offers made before the rename carry `revisionResponseDays`: the same rule (DOMAIN.md §3).
	revisionGraceDays: z.number().int(),
})
export type AgreementTerms = z.infer<typeof agreementTermsSchema>

export function agreementTerms(agreement: Pick<Agreement, 'terms'>): AgreementTerms {
	const terms = agreement.terms as Record<string, unknown> | null
	if (terms && typeof terms === 'object' && !('revisionGraceDays' in terms) && 'revisionResponseDays' in terms) {
		return agreementTermsSchema.parse({ ...terms, revisionGraceDays: terms.revisionResponseDays })
	}
	return agreementTermsSchema.parse(terms)
}

/**
 * The consent a signer gives explicitly; stored with the signature and printed on the PDF. The
 * agreement is a Dutch document, so the consent is Dutch whatever the signer's language.
 */
export function consentTextFor(providerName: string, year: number): string {
	return agreementConsentText(providerName, year, 'nl')
}

const agreementWithProvider = {
	participation: {
		select: {
			id: true,
			year: true,
			providerId: true,
			isReapplicant: true,
			provider: {
				select: {
					name: true,
					kvkNumber: true,
					agbCode: true,
					street: true,
					houseNumber: true,
					postcode: true,
					city: true,
					type: true,
				},
			},
		},
	},
} as const

/** The PDF of an agreement as offered (draft), or with `signature` as signed. */
export async function renderAgreementPdf(
	agreementId: string,
	signature: AgreementSignature | null = null,
	tx: Tx | typeof db = db,
): Promise<Buffer> {
	const agreement = await tx.agreement.findUniqueOrThrow({ where: { id: agreementId }, include: agreementWithProvider })
	const terms = agreementTerms(agreement)
	return agreementPdf({
		year: terms.year,
		markName: terms.markName,
		feeRateBp: terms.feeRateBp,
		minimumFeeCents: terms.minimumFeeCents,
		turnoverLabel: terms.turnoverLabel,
		// The agreement is a Dutch document.
		listingOn: formatCalendarDay(terms.listingOn, 'nl'),
		qualificationDeadline: formatCalendarDay(terms.qualificationDeadline, 'nl'),
		reapplicantListingOn: formatCalendarDay(withdrawalDay(terms.qualificationDeadline), 'nl'),
		maxRevisions: terms.maxRevisions,
		revisionGraceDays: terms.revisionGraceDays,
		offeredOn: formatDate(agreement.offeredAt, 'nl'),
		provider: agreement.participation.provider,
		isReapplicant: agreement.participation.isReapplicant,
		signature,
		createdAt: agreement.signedAt ?? agreement.offeredAt,
	})
}

/** An agreement of this provider (any other provider's id gives null: a 404 for the route). */
export function findProviderAgreement(providerId: string, agreementId: string) {
	return db.agreement.findFirst({
		where: { id: agreementId, participation: { providerId } },
		include: { signedFile: true, participation: { select: { year: true, providerId: true } } },
	})
}

/** Every agreement of the provider, newest year first, with what the page shows. */
export async function providerAgreements(providerId: string) {
	const participations = await db.participation.findMany({
		where: { providerId },
		orderBy: { year: 'desc' },
		select: {
			id: true,
			year: true,
			state: true,
			version: true,
			isReapplicant: true,
			agreements: { orderBy: { offeredAt: 'desc' }, include: { signedBy: { select: { name: true } } } },
		},
	})
	return participations.map((participation) => ({
		...participation,
		agreements: participation.agreements.map((agreement) => ({
			id: agreement.id,
			status: agreement.status,
			terms: agreementTerms(agreement),
			offeredAt: agreement.offeredAt,
			signedAt: agreement.signedAt,
			signerName: agreement.signerName,
			signerFunction: agreement.signerFunction,
			declinedAt: agreement.declinedAt,
			declineReason: agreement.declineReason,
			hasSignedFile: agreement.signedFileId !== null,
		})),
	}))
}

interface SignInput {
	providerId: string
	agreementId: string
	user: { id: string }
	signerName: string
	signerFunction: string
	ip: string
	userAgent: string | null
}

/**
 * Signs an offered agreement for the provider: stores the signer, the consent, the moment and the
 * address, and the signed PDF, then moves the participation on (which mails the signed copy and,
 * after 1 January, lists the carrier at once). Refusals throw an AppError; nothing is stored.
 */
export async function signAgreement(input: SignInput): Promise<void> {
	await db.$transaction(async (tx) => {
		const agreement = await openAgreement(tx, input.providerId, input.agreementId)
		const at = now()
		const provider = await tx.provider.findUniqueOrThrow({ where: { id: input.providerId }, select: { name: true } })
		const consentText = consentTextFor(provider.name, agreement.participation.year)
		const signature: AgreementSignature = {
			name: input.signerName,
			function: input.signerFunction,
			signedAt: formatDateTime(at, 'nl'),
			ip: input.ip,
			consentText,
		}
		await tx.agreement.update({
			where: { id: agreement.id },
			data: {
				status: 'signed',
				signedAt: at,
				signedById: input.user.id,
				signerName: input.signerName,
				signerFunction: input.signerFunction,
				signerIp: input.ip,
				signerUserAgent: input.userAgent?.slice(0, 500) ?? null,
				consentText,
			},
		})
		const pdf = await renderAgreementPdf(agreement.id, signature, tx)
		const file = await storeFile(
			{
				kind: 'agreement',
				providerId: input.providerId,
				originalName: `overeenkomst-${agreement.participation.year}-getekend.pdf`,
				mimeType: 'application/pdf',
				bytes: pdf,
				uploadedById: input.user.id,
			},
			tx,
		)
		await tx.agreement.update({ where: { id: agreement.id }, data: { signedFileId: file.id } })
		const actor: Actor = { type: 'provider', userId: input.user.id, ip: input.ip }
		await requireParticipationEvent(tx, agreement.participationId, { type: 'sign_agreement' }, actor)
		await recordAudit(tx, {
			actor,
			action: 'agreement.sign',
			entityType: 'Agreement',
			entityId: agreement.id,
			providerId: input.providerId,
			participationId: agreement.participationId,
			after: { signerName: input.signerName, signerFunction: input.signerFunction, ip: input.ip, at },
			at,
		})
	})
}

/** Declines an offered agreement: the participation ends as 'agreement_declined'. */
export async function declineAgreement(input: {
	providerId: string
	agreementId: string
	user: { id: string }
	reason: string | null
	ip: string
}): Promise<void> {
	await db.$transaction(async (tx) => {
		const agreement = await openAgreement(tx, input.providerId, input.agreementId)
		const at = now()
		await tx.agreement.update({
			where: { id: agreement.id },
			data: { status: 'declined', declinedAt: at, declineReason: input.reason },
		})
		const actor: Actor = { type: 'provider', userId: input.user.id, ip: input.ip }
		await requireParticipationEvent(tx, agreement.participationId, { type: 'decline_agreement' }, actor, {
			reason: input.reason,
		})
	})
}

async function openAgreement(tx: Tx, providerId: string, agreementId: string) {
	const agreement = await tx.agreement.findFirst({
		where: { id: agreementId, participation: { providerId } },
		include: { participation: { select: { year: true } } },
	})
	if (!agreement) throw new AppError('agreement_not_found')
	if (agreement.status !== 'offered') {
		throw new AppError(agreement.status === 'signed' ? 'agreement_already_signed' : 'agreement_closed')
	}
	return agreement
}

/** The provider's name and its members with signing authority (who may sign), oldest first. */
export async function agreementParties(providerId: string) {
	const [provider, signers] = await Promise.all([
		db.provider.findUniqueOrThrow({ where: { id: providerId }, select: { name: true } }),
		db.membership.findMany({
			where: { providerId, canSign: true },
			select: { user: { select: { name: true } } },
			orderBy: { createdAt: 'asc' },
		}),
	])
	return { provider, signers }
}
