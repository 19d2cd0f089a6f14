// The withdrawal letter (003 §3.3, DOMAIN.md §3): rendered and stored for every withdrawal, the
// automatic ones of the scheduled runs included. It states the reason, the effective date and how
// to object (bezwaar) within the year's `objectionPeriodDays`. Used by the participation service
// (automatic withdrawals, "not qualified") and by the staff withdrawal and sample services.
import { addDays, amsterdamDateOf, formatDutchDate } from '#app/domain/amsterdam-time.ts'
import { UNSIGNED_STATES } from '#app/domain/participation-states.ts'
import { WITHDRAWAL_REASON_LABELS, type WithdrawalReason } from '#app/domain/types.ts'
import { now } from '#app/lib/clock.server.ts'
import type { Tx } from '#app/lib/db.server.ts'
import { storeFile } from '#app/lib/storage.server.ts'
import { withdrawalLetterPdf } from '#templates/withdrawal-letter.ts'

/** Who signs a letter of a scheduled run (no person decided it). */
export const OFFICE_SIGNATURE = 'Het bedrijfsbureau van Stichting KiBG'

/** Renders and stores the letter for a withdrawal about to be (or just) recorded. */
export async function storeWithdrawalLetter(
	tx: Tx,
	participationId: string,
	{
		reason,
		effectiveAt,
		explanation,
		decidedBy,
	}: { reason: WithdrawalReason; effectiveAt: Date; explanation: string; decidedBy: string },
) {
	const participation = await tx.participation.findUniqueOrThrow({
		where: { id: participationId },
		include: {
			provider: true,
			markYear: { select: { markName: true, objectionPeriodDays: true } },
			certificate: { select: { number: true } },
		},
	})
	const { provider } = participation
	const at = now()
	const letterDay = amsterdamDateOf(at)
	// Before a withdrawal is recorded its state is the current one; after, the one it had.
	const effectiveState = participation.state === 'withdrawn' ? participation.stateBeforeWithdrawal : participation.state
	const pdf = await withdrawalLetterPdf({
		markName: participation.markYear.markName,
		year: participation.year,
		providerName: provider.name,
		providerAddress: [`${provider.street} ${provider.houseNumber}`, `${provider.postcode} ${provider.city}`],
		kvkNumber: provider.kvkNumber,
		reasonLabel: WITHDRAWAL_REASON_LABELS[reason],
		effectiveOn: formatDutchDate(amsterdamDateOf(effectiveAt)),
		letterDate: formatDutchDate(letterDay),
		explanation,
		certificateNumber: participation.certificate?.number ?? null,
		agreementSigned: !effectiveState || !UNSIGNED_STATES.includes(effectiveState),
		objectionPeriodDays: participation.markYear.objectionPeriodDays,
		objectionBy: formatDutchDate(addDays(letterDay, participation.markYear.objectionPeriodDays)),
		decidedBy,
		createdAt: at,
	})
	return storeFile(
		{
			kind: 'withdrawal_letter',
			providerId: provider.id,
			originalName: `intrekking-${participation.year}-${provider.slug}.pdf`,
			mimeType: 'application/pdf',
			bytes: pdf,
		},
		tx,
	)
}
