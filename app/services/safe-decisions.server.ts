// Safe decisions (issue 12 §5): every irreversible staff step — an assessment decision, a
// withdrawal, a sample outcome — is first shown on a confirmation page with exactly what will
// happen. "Exactly" is meant literally: the preview runs the real use case in a transaction that is
// rolled back, and reports the participation before and after, the outbox messages it wrote (the
// mail as the provider will receive it) and the documents it rendered (the withdrawal letter, the
// certificate). So the preview cannot drift from the act. Files written during the dry run are
// removed again; their rows rolled back with the transaction.
//
// Four-eyes for withdrawals (the year's `fourEyesWithdrawal`, on by default): the first staff
// member's confirmation records a proposal; a second, different one approves it from the list of
// pending withdrawals (which performs the withdrawal) or rejects it. Every step is audited. A sample
// interview that finds the qualification incorrect proposes its withdrawal the same way (issue 17).
import { amsterdamDateOf, type CalendarDate, isCalendarDate } from '#app/domain/amsterdam-time.ts'
import { AppError, refusalError } from '#app/domain/errors.ts'
import { eventForRoundOutcome } from '#app/domain/participation.ts'
import type { FileKind, ParticipationState } from '#app/generated/prisma/client.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { discardStoredBytes, readStoredFile } from '#app/lib/storage.server.ts'
import { type DecisionInput, decideRoundIn } from './assessment.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { unpaidInvoices } from './money-in-view.server.ts'
import { applyParticipationEvent } from './participation.server.ts'
import {
	closeSampleAfterRejectedWithdrawalIn,
	type InterviewOutcomeInput,
	recordInterviewOutcomeIn,
	withdrawForIncorrectQualificationIn,
} from './sample.server.ts'
import { fourEyesForWithdrawal, proposeWithdrawalIn } from './withdrawal-proposal.server.ts'
import { type WithdrawalInput, withdrawParticipationIn } from './withdrawal.server.ts'

/** Thrown to roll a dry run back; never leaves this module. */
class DryRunRollback extends Error {}

export interface ParticipationFacts {
	state: ParticipationState
	listedFrom: Date | null
	listedUntil: Date | null
	revisionDueAt: Date | null
	certificateNumber: string | null
	agreementDissolvedAt: Date | null
	withdrawal: { reason: string; effectiveAt: Date } | null
}

export interface PreviewMail {
	toAddress: string
	toName: string | null
	subject: string
	html: string
	text: string
	attachments: string[]
}

export interface PreviewDocument {
	kind: FileKind
	name: string
	mimeType: string
	bytes: Uint8Array
}

export interface EffectPreview {
	before: ParticipationFacts
	after: ParticipationFacts
	mails: PreviewMail[]
	documents: PreviewDocument[]
}

async function factsOf(tx: Tx, participationId: string): Promise<ParticipationFacts> {
	const participation = await tx.participation.findUniqueOrThrow({
		where: { id: participationId },
		select: {
			state: true,
			listedFrom: true,
			listedUntil: true,
			revisionDueAt: true,
			certificate: { select: { number: true } },
			agreements: { orderBy: { offeredAt: 'desc' }, take: 1, select: { dissolvedAt: true } },
			withdrawals: {
				where: { undoneAt: null },
				orderBy: { decidedAt: 'desc' },
				take: 1,
				select: { reason: true, effectiveAt: true },
			},
		},
	})
	return {
		state: participation.state,
		listedFrom: participation.listedFrom,
		listedUntil: participation.listedUntil,
		revisionDueAt: participation.revisionDueAt,
		certificateNumber: participation.certificate?.number ?? null,
		agreementDissolvedAt: participation.agreements[0]?.dissolvedAt ?? null,
		withdrawal: participation.withdrawals[0] ?? null,
	}
}

/**
 * Runs `work` (a use case inside a transaction) and rolls it back, reporting what it did. A refusal
 * of the use case (an AppError) is thrown as it is: the confirmation page shows it.
 */
export async function dryRun(participationId: string, work: (tx: Tx) => Promise<unknown>): Promise<EffectPreview> {
	let preview: EffectPreview | undefined
	const written: { storageKey: string }[] = []
	try {
		await db.$transaction(
			async (tx) => {
				const participation = await tx.participation.findUnique({
					where: { id: participationId },
					select: { providerId: true },
				})
				if (!participation) throw new AppError('participation_not_found')
				const before = await factsOf(tx, participationId)
				const mailIds = new Set(
					(await tx.outboxEmail.findMany({ where: { participationId }, select: { id: true } })).map((row) => row.id),
				)
				const fileIds = new Set(
					(await tx.storedFile.findMany({ where: { providerId: participation.providerId }, select: { id: true } })).map(
						(row) => row.id,
					),
				)
				await work(tx)
				const after = await factsOf(tx, participationId)
				const mails = (
					await tx.outboxEmail.findMany({
						where: { participationId },
						orderBy: { toAddress: 'asc' },
						select: {
							id: true,
							toAddress: true,
							toName: true,
							subject: true,
							html: true,
							text: true,
							attachments: true,
						},
					})
				).filter((mail) => !mailIds.has(mail.id))
				const files = (
					await tx.storedFile.findMany({
						where: { providerId: participation.providerId },
						orderBy: { createdAt: 'asc' },
					})
				).filter((file) => !fileIds.has(file.id))
				written.push(...files)
				const documents: PreviewDocument[] = []
				for (const file of files) {
					documents.push({
						kind: file.kind,
						name: file.originalName,
						mimeType: file.mimeType,
						bytes: new Uint8Array(await readStoredFile(file, tx)),
					})
				}
				preview = {
					before,
					after,
					mails: mails.map((mail) => ({
						toAddress: mail.toAddress,
						toName: mail.toName,
						subject: mail.subject,
						html: mail.html,
						text: mail.text,
						attachments: Array.isArray(mail.attachments)
							? mail.attachments.flatMap((attachment) =>
									attachment && typeof attachment === 'object' && 'filename' in attachment
										? [String(attachment.filename)]
										: [],
								)
							: [],
					})),
					documents,
				}
				throw new DryRunRollback()
			},
			// Rendering a certificate or a letter on a busy machine takes a while.
			{ timeout: 30_000, maxWait: 10_000 },
		)
	} catch (error) {
		if (!(error instanceof DryRunRollback)) throw error
	} finally {
		for (const file of written) await discardStoredBytes(file)
	}
	if (!preview) throw new Error('dry run ended without a preview')
	return preview
}

// ─── Assessment decisions ────────────────────────────────────────────────────────────────

/**
 * What the decision would do. Under four-eyes a negative decision first waits for a second
 * assessor; the preview shows what happens once it is confirmed (the provider's mail then).
 */
export async function previewDecision(actor: Actor & { userId: string }, input: DecisionInput) {
	let waits = false
	const preview = await dryRun(input.participationId, async (tx) => {
		const { applied } = await decideRoundIn(tx, actor, input)
		if (!applied) {
			waits = true
			const result = await applyParticipationEvent(
				tx,
				input.participationId,
				eventForRoundOutcome(input.outcome),
				actor,
			)
			if (!result.ok) throw refusalError(result.refusal)
		}
	})
	return { ...preview, waitsForSecondAssessor: waits }
}

// ─── Sample outcomes ─────────────────────────────────────────────────────────────────────

/** What staff choose on the sample outcome page, and carry in the URL to its letter and in the confirmation. */
export interface InterviewOutcomeChoice {
	outcome: InterviewOutcomeInput['outcome']
	version: number
	notes: string
	effectiveOn: CalendarDate | null
}

/**
 * The one way from the page's choice to the use case's input: the preview, its letter and the
 * confirmation all build it here, so the letter previewed is the letter sent (signed by the
 * person who decides, carrying their notes and day).
 */
export function interviewOutcomeInput(
	interviewId: string,
	choice: InterviewOutcomeChoice,
	decider: { name: string },
): InterviewOutcomeInput {
	return {
		interviewId,
		outcome: choice.outcome,
		notes: choice.notes,
		expectedVersion: choice.version,
		decidedBy: decider.name,
		effectiveOn: choice.effectiveOn,
	}
}

/**
 * What recording the outcome does. Under four-eyes an incorrect qualification first waits for a
 * second staff member (issue 17); the preview then also runs the approval's withdrawal in the same
 * rolled-back transaction, so it shows what happens once approved — the letter and mail the
 * approval sends — and says that it waits (`waitsForSecondPerson`).
 */
export async function previewInterviewOutcome(
	actor: Actor & { userId: string },
	participationId: string,
	input: InterviewOutcomeInput,
) {
	let waits = false
	const preview = await dryRun(participationId, async (tx) => {
		const recorded = await recordInterviewOutcomeIn(tx, actor, input)
		if (!recorded.applied) {
			waits = true
			const proposal = await tx.withdrawalProposal.findUniqueOrThrow({
				where: { id: recorded.proposalId },
				include: { proposedBy: { select: { name: true } } },
			})
			await approveProposalIn(tx, actor, proposal)
		}
	})
	return { ...preview, waitsForSecondPerson: waits }
}

/**
 * What the sample outcome page shows before any preview (issue 12 §5): the interview, its carrier
 * and year, whether it has been held, and today's date (the earliest effective day).
 */
export async function interviewOutcomeContext(interviewId: string, at: Date = now()) {
	const interview = await db.interview.findUnique({
		where: { id: interviewId },
		select: {
			id: true,
			version: true,
			scheduledAt: true,
			mode: true,
			outcome: true,
			outcomeAt: true,
			notes: true,
			interviewer: { select: { name: true } },
			withdrawalProposal: {
				select: {
					id: true,
					status: true,
					effectiveOn: true,
					proposedBy: { select: { name: true } },
					decidedBy: { select: { name: true } },
					decidedAt: true,
					decisionNote: true,
				},
			},
			sampleMember: {
				select: {
					participation: {
						select: {
							id: true,
							year: true,
							state: true,
							provider: { select: { id: true, name: true } },
							markYear: { select: { fourEyesWithdrawal: true } },
						},
					},
				},
			},
		},
	})
	if (!interview) return null
	const { sampleMember, withdrawalProposal, ...rest } = interview
	const { markYear, ...participation } = sampleMember.participation
	return {
		interview: rest,
		participation,
		// Issue 17: an incorrect qualification then proposes the withdrawal; the page says so.
		fourEyes: markYear.fourEyesWithdrawal,
		proposal: withdrawalProposal,
		today: amsterdamDateOf(at),
	}
}

// ─── Withdrawals ─────────────────────────────────────────────────────────────────────────

/** What an administrator chooses on the withdrawal page (and carries to its letter and the confirmation). */
export interface WithdrawalChoice {
	reason: WithdrawalInput['reason']
	effectiveOn: CalendarDate
	explanation: string
}

/**
 * The one way from the withdrawal page's choice to the use case's input, for the preview, its
 * letter and the confirmation (or proposal) alike: the letter previewed is the letter sent. A
 * proposal keeps its proposer as the signer (`proposalInput`).
 */
export function withdrawalInput(
	participationId: string,
	choice: WithdrawalChoice,
	decider: { name: string },
): WithdrawalInput {
	return {
		participationId,
		reason: choice.reason,
		effectiveOn: choice.effectiveOn,
		explanation: choice.explanation,
		decidedBy: decider.name,
	}
}

export function previewWithdrawal(actor: Actor & { userId: string }, input: WithdrawalInput) {
	return dryRun(input.participationId, (tx) => withdrawParticipationIn(tx, actor, input))
}

/** Whether withdrawals of this participation's year need a second staff member. */
export async function withdrawalNeedsSecondPerson(participationId: string): Promise<boolean> {
	const participation = await db.participation.findUnique({
		where: { id: participationId },
		select: { markYear: { select: { fourEyesWithdrawal: true } } },
	})
	return participation?.markYear.fourEyesWithdrawal ?? true
}

/**
 * The confirmed withdrawal: performed at once, or under four-eyes recorded as a proposal that a
 * second staff member approves. A proposal is checked against the rules now (state, date, reason),
 * so the approver only sees proposals that could take effect.
 */
export async function requestWithdrawal(
	actor: Actor & { userId: string },
	input: WithdrawalInput,
): Promise<{ applied: true } | { applied: false; proposalId: string }> {
	return db.$transaction(async (tx) => {
		if (!(await fourEyesForWithdrawal(tx, input.participationId))) {
			const pending = await tx.withdrawalProposal.findFirst({
				where: { participationId: input.participationId, status: 'pending' },
				select: { id: true },
			})
			if (pending) throw new AppError('withdrawal_proposal_pending')
			await withdrawParticipationIn(tx, actor, input)
			return { applied: true as const }
		}
		return { applied: false as const, proposalId: await proposeWithdrawalIn(tx, actor, input) }
	})
}

const proposalInclude = {
	participation: { select: { id: true, year: true, state: true, provider: { select: { id: true, name: true } } } },
	proposedBy: { select: { id: true, name: true } },
	decidedBy: { select: { id: true, name: true } },
	// The basis of a proposal that follows from a sample interview (issue 17).
	interview: {
		select: {
			id: true,
			scheduledAt: true,
			mode: true,
			outcomeAt: true,
			interviewer: { select: { name: true } },
			recordedBy: { select: { name: true } },
		},
	},
} as const

export async function pendingWithdrawalProposals() {
	return db.withdrawalProposal.findMany({
		where: { status: 'pending' },
		orderBy: { proposedAt: 'asc' },
		include: proposalInclude,
	})
}

export async function withdrawalProposal(proposalId: string) {
	return db.withdrawalProposal.findUnique({ where: { id: proposalId }, include: proposalInclude })
}

interface ProposalFacts {
	participationId: string
	reason: WithdrawalInput['reason'] | 'not_qualified_in_time'
	effectiveOn: string
	explanation: string
	interviewId: string | null
	proposedBy: { name: string }
}

function proposalInput(proposal: ProposalFacts): WithdrawalInput {
	if (proposal.reason === 'not_qualified_in_time') throw new AppError('reason_not_allowed')
	// The letter is signed by the person who decided; the approval is in the audit trail.
	return withdrawalInput(
		proposal.participationId,
		{ reason: proposal.reason, effectiveOn: proposal.effectiveOn, explanation: proposal.explanation },
		proposal.proposedBy,
	)
}

/**
 * The withdrawal an approval performs. A proposal that follows from a sample interview runs the
 * interview's own withdrawal (issue 17: exactly what the outcome did without four-eyes, its letter
 * signed by the person who recorded it); any other the withdrawal page's.
 */
async function approveProposalIn(
	tx: Tx,
	actor: Actor & { userId: string },
	proposal: ProposalFacts,
): Promise<{ withdrawalId: string }> {
	if (proposal.interviewId) {
		if (!isCalendarDate(proposal.effectiveOn)) throw new AppError('invalid_effective_date')
		// The proposal keeps the letter's text (the notes, or the standard explanation): so it stays.
		return withdrawForIncorrectQualificationIn(tx, actor, {
			participationId: proposal.participationId,
			effectiveOn: proposal.effectiveOn,
			notes: proposal.explanation,
			decidedBy: proposal.proposedBy.name,
		})
	}
	return withdrawParticipationIn(tx, actor, proposalInput(proposal))
}

/** The approver's preview: the proposal as it would take effect now. */
export async function previewWithdrawalProposal(actor: Actor & { userId: string }, proposalId: string) {
	const proposal = await withdrawalProposal(proposalId)
	if (!proposal) throw new AppError('withdrawal_proposal_not_found')
	return dryRun(proposal.participationId, (tx) => approveProposalIn(tx, actor, proposal))
}

/** Four-eyes: a second, different staff member approves; the withdrawal takes effect now. */
export async function decideWithdrawalProposal(
	actor: Actor & { userId: string },
	input: { proposalId: string; approve: boolean; note?: string },
): Promise<void> {
	await db.$transaction(async (tx) => {
		const proposal = await tx.withdrawalProposal.findUnique({
			where: { id: input.proposalId },
			include: { proposedBy: { select: { name: true } }, participation: { select: { providerId: true } } },
		})
		if (!proposal) throw new AppError('withdrawal_proposal_not_found')
		if (proposal.status !== 'pending') throw new AppError('withdrawal_proposal_decided')
		if (proposal.proposedById === actor.userId) throw new AppError('withdrawal_four_eyes')
		// A rejection keeps the mark: why is part of the record (issue 17).
		if (!input.approve && !input.note?.trim()) throw new AppError('rejection_reason_required')
		const at = now()
		let withdrawalId: string | null = null
		if (input.approve) withdrawalId = (await approveProposalIn(tx, actor, proposal)).withdrawalId
		const updated = await tx.withdrawalProposal.updateMany({
			where: { id: proposal.id, status: 'pending' },
			data: {
				status: input.approve ? 'approved' : 'rejected',
				decidedById: actor.userId,
				decidedAt: at,
				decisionNote: input.note?.trim() || null,
				withdrawalId,
			},
		})
		if (updated.count !== 1) throw new AppError('withdrawal_proposal_decided')
		await recordAudit(tx, {
			actor,
			action: input.approve ? 'withdrawal.approve' : 'withdrawal.reject_proposal',
			entityType: 'WithdrawalProposal',
			entityId: proposal.id,
			providerId: proposal.participation.providerId,
			participationId: proposal.participationId,
			before: {
				status: 'pending',
				proposedBy: proposal.proposedById,
				...(proposal.interviewId ? { interviewId: proposal.interviewId } : {}),
			},
			after: { status: input.approve ? 'approved' : 'rejected', withdrawalId },
			reason: input.note?.trim() || null,
			at,
		})
		// A rejected withdrawal that an interview proposed ends that carrier's sample (docs/decisions/011).
		if (!input.approve && proposal.interviewId)
			await closeSampleAfterRejectedWithdrawalIn(tx, actor, {
				participationId: proposal.participationId,
				reason: input.note!.trim(),
			})
	})
}

/** The preview as a screen shows it: documents by name (their bytes come from the PDF routes). */
export function previewForScreen<Preview extends EffectPreview>(preview: Preview) {
	return {
		...preview,
		documents: preview.documents.map(({ kind, name, mimeType }) => ({ kind, name, mimeType })),
	}
}

/** A rendered document of a preview as an inline PDF response (never cached). */
export function previewDocumentResponse(preview: EffectPreview, kind: FileKind): Response | null {
	const document = preview.documents.find((candidate) => candidate.kind === kind)
	if (!document) return null
	const asciiName = document.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
	return new Response(new Uint8Array(document.bytes), {
		headers: {
			'Content-Type': document.mimeType,
			'Content-Length': String(document.bytes.byteLength),
			'Content-Disposition': `inline; filename="voorbeeld-${asciiName}"`,
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}

/** What the withdrawal page shows before any preview: who, which year, the invoices, four-eyes. */
export async function withdrawalContext(participationId: string, at: Date = now()) {
	const participation = await db.participation.findUnique({
		where: { id: participationId },
		select: {
			id: true,
			year: true,
			state: true,
			provider: { select: { id: true, name: true } },
			markYear: { select: { fourEyesWithdrawal: true } },
			withdrawalProposals: { where: { status: 'pending' }, select: { id: true } },
		},
	})
	if (!participation) return null
	return {
		participation: {
			id: participation.id,
			year: participation.year,
			state: participation.state,
			provider: participation.provider,
		},
		fourEyes: participation.markYear.fourEyesWithdrawal,
		pendingProposalId: participation.withdrawalProposals[0]?.id ?? null,
		unpaid: await unpaidInvoices(participation.provider.id, at),
		today: amsterdamDateOf(at),
	}
}
