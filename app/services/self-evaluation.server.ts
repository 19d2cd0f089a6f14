// The provider's side of the self-evaluation (DOMAIN.md §5): the draft round (created on first
// visit, prefilled from last year), saving answers with optimistic concurrency, template
// documents, submission through the participation state machine, and reading earlier rounds with
// their feedback. Every query is scoped by the provider of the URL: another provider's year,
// round or file simply does not exist here.
import { Prisma } from '#app/generated/prisma/client.ts'
import type { ParticipationState, PrismaClient, RoundStatus } from '#app/generated/prisma/client.ts'
import { AppError, refusalError } from '#app/domain/errors.ts'
import { transition } from '#app/domain/participation.ts'
import { qualificationDeadlineAt } from '#app/domain/calendar.ts'
import { type EvidenceItem, type NormSet, findEvidence } from '#app/domain/norm-set.ts'
import { type Answers, checkCompleteness } from '#app/domain/self-evaluation.ts'
import type { ProviderProfile } from '#app/domain/types.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { newId } from '#app/lib/ids.server.ts'
import { jsonRow } from '#app/lib/db/json-row.server.ts'
import { type StagedFile, recordStoredFile, storeFile, storedFileRow, withStagedFile } from '#app/lib/storage.server.ts'
import type { AcceptedUpload } from '#app/lib/uploads.server.ts'
import { guardedWrite, type WriteGuard } from '#app/lib/write-guard.server.ts'
import { roundAnswers } from './assessment.server.ts'
import type { Actor } from './audit.server.ts'
import {
	type LoadedNormSet,
	heldNormSet,
	heldVersionStillCurrent,
	loadNormSet,
	normSetVersion,
} from './norm-sets.server.ts'
import { applyEventToLoaded, loadSnapshot, snapshotOf, withHistory } from './participation.server.ts'
import { runningYearAt, toYearSettings } from './years.server.ts'

/** States in which the provider works on a draft round. */
const EDITABLE_STATES: readonly ParticipationState[] = ['agreement_signed', 'listed', 'revision_requested']
/** States in which a first draft may be started. */
const STARTABLE_STATES: readonly ParticipationState[] = ['agreement_signed', 'listed']

export type SelfEvaluationContext = NonNullable<Awaited<ReturnType<typeof findParticipation>>>

/** The provider's participation in `year`, or null (also for another provider's). */
export async function findParticipation(providerId: string, year: number, client: Tx | PrismaClient = db) {
	if (!Number.isInteger(year)) return null
	return client.participation.findUnique({
		where: { providerId_year: { providerId, year } },
		include: {
			markYear: true,
			provider: { select: { id: true, name: true, type: true } },
			rounds: { orderBy: { number: 'asc' } },
			certificate: { select: { number: true, validUntil: true, fileId: true, issuedAt: true } },
		},
	})
}

export function profileOf(participation: {
	offersChronicEchelon: boolean
	provider: Pick<SelfEvaluationContext['provider'], 'type'>
}): ProviderProfile {
	return { type: participation.provider.type, offersChronicEchelon: participation.offersChronicEchelon }
}

/** The round the provider edits now, if any. */
export function draftRoundOf<Round extends { status: RoundStatus }>(participation: {
	state: ParticipationState
	rounds: Round[]
}): Round | null {
	if (!EDITABLE_STATES.includes(participation.state)) return null
	return participation.rounds.find((round) => round.status === 'draft') ?? null
}

/** The deadline of the round that is open now: the revision's own due date, or 31 March. */
export function deadlineOf(participation: SelfEvaluationContext): Date {
	if (participation.state === 'revision_requested' && participation.revisionDueAt) return participation.revisionDueAt
	return qualificationDeadlineAt(toYearSettings(participation.markYear))
}

/** The most recent year the provider takes part in, preferring the running one. */
export async function currentYearOf(providerId: string): Promise<number | null> {
	const year = runningYearAt(now())
	const participations = await db.participation.findMany({
		where: { providerId },
		select: { year: true },
		orderBy: { year: 'desc' },
	})
	if (participations.some((p) => p.year === year)) return year
	return participations.find((p) => p.year <= year)?.year ?? participations[0]?.year ?? null
}

/**
 * Creates round 1 when the provider may start and has none yet. It starts empty: last year's
 * answers are offered as an explicit choice with a review per criterion
 * (self-evaluation-reuse.server.ts; issue 13: nothing is copied silently). Safe to call on every
 * visit: a concurrent second create loses on the unique (participation, number) and is ignored.
 */
export async function ensureFirstRound(participation: SelfEvaluationContext, _loaded: LoadedNormSet): Promise<boolean> {
	if (participation.rounds.length > 0 || !STARTABLE_STATES.includes(participation.state)) return false
	try {
		await db.selfEvaluationRound.create({
			data: { participationId: participation.id, number: 1, prefilledFromYear: null, createdAt: now() },
		})
		return true
	} catch (error) {
		if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return false
		throw error
	}
}

/** The provider's last submitted round of an earlier year, with its norm set and answers. */
export async function previousYearAnswers(
	tx: Tx,
	providerId: string,
	year: number,
): Promise<{ year: number; normSet: NormSet; answers: Answers } | null> {
	const round = await tx.selfEvaluationRound.findFirst({
		where: { status: 'submitted', participation: { providerId, year: { lt: year } } },
		orderBy: [{ participation: { year: 'desc' } }, { number: 'desc' }],
		include: { participation: { select: { year: true } } },
	})
	if (!round) return null
	const loaded = await loadNormSet(round.participation.year, tx)
	if (!loaded) return null
	return { year: round.participation.year, normSet: loaded.normSet, answers: await roundAnswers(round.id, loaded, tx) }
}

/** Everything the screens read: participation, norm set, the shown round, its answers and progress. */
export async function loadSelfEvaluation(providerId: string, year: number) {
	let participation = await findParticipation(providerId, year)
	if (!participation) return null
	const loaded = await loadNormSet(year)
	if (!loaded || loaded.status !== 'published') return null
	if (await ensureFirstRound(participation, loaded)) participation = (await findParticipation(providerId, year))!
	const draft = draftRoundOf(participation)
	const shown = draft ?? participation.rounds.at(-1) ?? null
	const answers = shown ? await roundAnswers(shown.id, loaded) : {}
	const report = checkCompleteness(loaded.normSet, profileOf(participation), answers)
	return { participation, loaded, draft, shown, answers, report }
}

export type LoadedSelfEvaluation = NonNullable<Awaited<ReturnType<typeof loadSelfEvaluation>>>

/** The stored rows behind the answers of a round: versions, prefill flags, document details. */
export async function answerRows(roundId: string, loaded: LoadedNormSet) {
	const rows = await db.answer.findMany({
		where: { roundId },
		include: {
			documents: {
				orderBy: { addedAt: 'asc' },
				include: { file: { select: { id: true, originalName: true, sizeBytes: true, createdAt: true } } },
			},
			updatedBy: { select: { name: true } },
		},
	})
	return Object.fromEntries(
		rows.flatMap((row) => {
			const key = loaded.evidenceKeys.get(row.evidenceItemId)
			if (!key) return []
			return [
				[
					key,
					{
						version: row.version,
						prefill: row.prefill,
						updatedAt: row.updatedAt,
						updatedBy: row.updatedBy?.name ?? null,
						documents: row.documents.map((document) => ({
							id: document.file.id,
							name: document.file.originalName,
							sizeBytes: document.file.sizeBytes,
							addedAt: document.addedAt,
						})),
					},
				],
			]
		}),
	)
}

/** The verdicts of a round, only once its decision took effect (a proposal is not feedback yet). */
export async function decidedFeedback(round: { id: string; decidedAt: Date | null }, loaded: LoadedNormSet) {
	if (!round.decidedAt) return {}
	const rows = await db.criterionAssessment.findMany({ where: { roundId: round.id } })
	return Object.fromEntries(
		rows.map((row) => [
			loaded.criterionKeys.get(row.criterionId) ?? row.criterionId,
			{ verdict: row.verdict, feedback: row.feedback },
		]),
	)
}

// --- saving answers ---

/** What the provider can put into one evidence item (documents are added separately). */
export interface AnswerInput {
	text?: string | null
	number?: number | null
	url?: string | null
	checkedElements?: string[]
	declared?: boolean | null
}

export interface StoredAnswer {
	text: string | null
	number: number | null
	url: string | null
	checkedElements: string[]
	declared: boolean | null
	version: number
}

/** A stale version is an outcome, not an error: the caller shows both versions. Refusals throw. */
export type SaveResult =
	| { ok: true; version: number; savedAt: Date; changed: boolean }
	| { ok: false; reason: 'conflict'; current: StoredAnswer }

/** Only the fields the item's kind uses, restricted to the item's own options. */
export function normaliseInput(item: EvidenceItem, input: AnswerInput): Required<AnswerInput> {
	const only = (allowed: readonly string[]) => [
		...new Set((input.checkedElements ?? []).filter((value) => allowed.includes(value))),
	]
	const empty = { text: null, number: null, url: null, checkedElements: [] as string[], declared: null }
	switch (item.kind) {
		case 'explanation':
			return { ...empty, text: input.text ?? null, checkedElements: item.choices ? only(item.choices.options) : [] }
		case 'example':
			return { ...empty, text: input.text ?? null }
		case 'template_upload':
			return { ...empty, checkedElements: only(item.requiredElements) }
		case 'number':
			return { ...empty, number: input.number ?? null }
		case 'url':
			return { ...empty, url: input.url ?? null, checkedElements: only(item.checklist) }
		case 'declaration':
			return { ...empty, declared: input.declared ?? null }
	}
}

function sameAnswer(a: Required<AnswerInput>, b: StoredAnswer): boolean {
	return (
		(a.text ?? '') === (b.text ?? '') &&
		a.number === b.number &&
		(a.url ?? '') === (b.url ?? '') &&
		a.declared === b.declared &&
		[...a.checkedElements].sort().join('\u0000') === [...b.checkedElements].sort().join('\u0000')
	)
}

function isEmptyAnswer(answer: StoredAnswer): boolean {
	return (
		!answer.text?.trim() &&
		!answer.url?.trim() &&
		answer.number === null &&
		answer.declared === null &&
		answer.checkedElements.length === 0
	)
}

function storedOf(
	row: {
		text: string | null
		number: number | null
		url: string | null
		checkedElements: string[]
		declared: boolean | null
		version: number
	} | null,
): StoredAnswer {
	return {
		text: row?.text ?? null,
		number: row?.number ?? null,
		url: row?.url ?? null,
		checkedElements: row?.checkedElements ?? [],
		declared: row?.declared ?? null,
		version: row?.version ?? 0,
	}
}

/**
 * The conditions both one-statement saves write under, on `r` (the round) and `p` (its
 * participation): the draft round of an editable participation of this provider and year, while
 * the norm set the process holds (`heldVersion`, when given) is still the current one.
 */
function editableDraftRound(input: { providerId: string; year: number }, heldVersion: string | undefined): Prisma.Sql {
	return Prisma.sql`p."providerId" = ${input.providerId} AND p."year" = ${input.year}
		AND p."state"::text IN (${Prisma.join([...EDITABLE_STATES])})
		AND r."status" = 'draft'
		AND ${heldVersion === undefined ? Prisma.sql`TRUE` : heldVersionStillCurrent(heldVersion)}`
}

/**
 * The common autosave in one statement (issue 17: 300 members saving every 2 s at the deadline):
 * the answer exists, its version is the expected one, the text differs, and it belongs to the draft
 * round of an editable participation of this provider and year. Null when any of that is not so:
 * the caller then decides the slow way (create, unchanged, conflict, frozen, not found), so the
 * answers are the same as before. Conditions and write are one UPDATE, so nothing can slip between
 * a check and the write that the transaction below would not also let through.
 */
async function saveExistingAnswer(
	actor: Actor & { userId: string },
	input: { providerId: string; year: number; expectedVersion: number },
	evidenceItemId: string,
	value: Required<AnswerInput>,
	heldVersion: string | undefined,
	guard: WriteGuard | undefined,
): Promise<SaveResult | null> {
	if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 1) return null
	const at = now()
	const checked = [...value.checkedElements].sort()
	const row = await guardedWrite<{ version: number }>(
		guard,
		(allowed) => Prisma.sql`
		UPDATE "Answer" AS a SET
			"text" = ${value.text}, "number" = ${value.number}::double precision, "url" = ${value.url},
			"checkedElements" = ${value.checkedElements}::text[], "declared" = ${value.declared}::boolean,
			"prefill" = 'none', "updatedById" = ${actor.userId}, "updatedAt" = ${at}, "version" = a."version" + 1
		FROM "SelfEvaluationRound" AS r JOIN "Participation" AS p ON p.id = r."participationId"
		WHERE ${editableDraftRound(input, heldVersion)} AND ${allowed}
			AND a."roundId" = r.id
			AND a."evidenceItemId" = ${evidenceItemId} AND a."version" = ${input.expectedVersion}
			AND (
				COALESCE(a."text", '') IS DISTINCT FROM ${value.text ?? ''}
				OR a."number" IS DISTINCT FROM ${value.number}::double precision
				OR COALESCE(a."url", '') IS DISTINCT FROM ${value.url ?? ''}
				OR a."declared" IS DISTINCT FROM ${value.declared}::boolean
				OR ARRAY(SELECT e FROM unnest(a."checkedElements") AS e ORDER BY e) IS DISTINCT FROM ${checked}::text[]
			)
		RETURNING a."version"`,
	)
	return row ? { ok: true, version: row.version, savedAt: at, changed: true } : null
}

/**
 * The first save of an answer in one statement (issue 17): at the deadline rush every member's
 * first save of a question made its answer in a transaction of four statements, and on the
 * embedded database, which runs one transaction at a time, 300 first saves at once queued past
 * Prisma's wait for a transaction (500s). The INSERT takes its round from the same conditions as
 * saveExistingAnswer (editableDraftRound) and
 * does nothing when the answer exists already (a colleague's first save, an upload's answer): then
 * null, and the caller decides the slow way, so the answers are the same as before.
 */
async function saveNewAnswer(
	actor: Actor & { userId: string },
	input: { providerId: string; year: number; expectedVersion: number },
	evidenceItemId: string,
	value: Required<AnswerInput>,
	heldVersion: string | undefined,
	guard: WriteGuard | undefined,
): Promise<SaveResult | null> {
	if (input.expectedVersion !== 0) return null
	const at = now()
	const row = await guardedWrite<{ version: number }>(
		guard,
		(allowed) => Prisma.sql`
		INSERT INTO "Answer" ("id", "roundId", "evidenceItemId", "text", "number", "url", "checkedElements",
			"declared", "updatedById", "updatedAt")
		SELECT ${newId()}, r.id, ${evidenceItemId}, ${value.text}, ${value.number}::double precision, ${value.url},
			${value.checkedElements}::text[], ${value.declared}::boolean, ${actor.userId}, ${at}
		FROM "SelfEvaluationRound" AS r JOIN "Participation" AS p ON p.id = r."participationId"
		WHERE ${editableDraftRound(input, heldVersion)} AND ${allowed}
		ORDER BY r."number"
		LIMIT 1
		ON CONFLICT ("roundId", "evidenceItemId") DO NOTHING
		RETURNING "version"`,
	)
	return row ? { ok: true, version: row.version, savedAt: at, changed: true } : null
}

/**
 * Saves one answer of the draft round when `expectedVersion` is still the stored one (0: no
 * answer yet). A stale version changes nothing and returns the current answer.
 */
export async function saveAnswer(
	actor: Actor & { userId: string },
	input: { providerId: string; year: number; evidenceKey: string; expectedVersion: number; value: AnswerInput },
	normSet?: LoadedNormSet | null,
	/**
	 * `normSet` is heldNormSet's (not checked against the database): the one-statement save
	 * writes only while the norm sets' content version is still this one; otherwise everything below is
	 * decided with the current norm set.
	 */
	heldVersion?: string,
	/** The autosave's write guard (app/lib/write-guard.server.ts), when its session row was a kept one. */
	guard?: WriteGuard,
): Promise<SaveResult> {
	// The route has read the norm set already (once per request: each read asks the content version).
	let loaded = Number.isInteger(input.year) ? (normSet ?? (await loadNormSet(input.year))) : null
	const find = (set: LoadedNormSet | null) => ({
		item: set ? findEvidence(set.normSet, input.evidenceKey)?.item : undefined,
		evidenceItemId: set?.evidenceIds.get(input.evidenceKey),
	})
	let { item, evidenceItemId } = find(loaded)
	if (item && evidenceItemId) {
		const value = normaliseInput(item, input.value)
		const saved =
			input.expectedVersion === 0
				? await saveNewAnswer(actor, input, evidenceItemId, value, heldVersion, guard)
				: await saveExistingAnswer(actor, input, evidenceItemId, value, heldVersion, guard)
		if (saved) return saved
	}
	// A guarded save (an autosave on a kept session row) that no guarded statement decided yet: the
	// count and the session read now, before anything below reads or writes.
	if (guard && !guard.settled) await guard.check()
	if (heldVersion !== undefined && loaded) {
		loaded = await loadNormSet(input.year)
		;({ item, evidenceItemId } = find(loaded))
	}
	// Everything else (no answer yet, the same answer again, a stale version, a frozen round, an
	// unknown provider or item) is decided below, as carefully as ever.
	// Only what a save needs (the state and the rounds), not the whole participation.
	const participation = loaded
		? await db.participation.findUnique({
				where: { providerId_year: { providerId: input.providerId, year: input.year } },
				select: { state: true, rounds: { select: { id: true, status: true }, orderBy: { number: 'asc' } } },
			})
		: null
	if (!participation || !loaded) throw new AppError('not_found')
	const draft = EDITABLE_STATES.includes(participation.state)
		? participation.rounds.find((round) => round.status === 'draft')
		: undefined
	if (!draft) throw new AppError('round_frozen')
	if (!item || !evidenceItemId) throw new AppError('evidence_not_in_norm_set')
	const value = normaliseInput(item, input.value)
	const at = now()
	try {
		return await db.$transaction(async (tx) => {
			// The round must still be a draft when the answer is written (a colleague may just have submitted).
			const round = await tx.selfEvaluationRound.findFirst({
				where: { id: draft.id, status: 'draft' },
				select: { id: true },
			})
			if (!round) throw new AppError('round_frozen')
			const existing = await tx.answer.findUnique({
				where: { roundId_evidenceItemId: { roundId: draft.id, evidenceItemId } },
			})
			const current = storedOf(existing)
			// Saving what is already stored is no conflict, whatever the version (the page form and an
			// autosave of the same text may cross); anything else on a stale version is.
			if (existing && sameAnswer(value, current))
				return { ok: true, version: current.version, savedAt: existing.updatedAt, changed: false } as const
			// An answer an upload made holds only documents (they never raise the version): a first
			// save on it overwrites nothing, so it is no conflict — the uploader's own ticks (issue 13).
			const base = input.expectedVersion === 0 && existing && isEmptyAnswer(current) ? current.version : null
			if (base === null && current.version !== input.expectedVersion)
				return { ok: false, reason: 'conflict', current } as const
			const expected = base ?? input.expectedVersion
			if (!existing) {
				const created = await tx.answer.create({
					data: { roundId: draft.id, evidenceItemId, ...value, updatedById: actor.userId, updatedAt: at },
				})
				return { ok: true, version: created.version, savedAt: at, changed: true } as const
			}
			const updated = await tx.answer.updateMany({
				where: { id: existing.id, version: expected },
				// A prefilled answer the provider edited is theirs now: the "check this" flag goes.
				data: { ...value, prefill: 'none', updatedById: actor.userId, updatedAt: at, version: { increment: 1 } },
			})
			if (updated.count === 0) {
				return {
					ok: false,
					reason: 'conflict',
					current: storedOf(await tx.answer.findUnique({ where: { id: existing.id } })),
				} as const
			}
			return { ok: true, version: expected + 1, savedAt: at, changed: true } as const
		})
	} catch (error) {
		// Two first saves of the same answer at once: the loser sees the winner's answer.
		if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
			const row = await db.answer.findUnique({
				where: { roundId_evidenceItemId: { roundId: draft.id, evidenceItemId } },
			})
			return { ok: false, reason: 'conflict', current: storedOf(row) }
		}
		throw error
	}
}

// --- documents ---

export interface DocumentResult {
	fileId: string
}

/**
 * The answer a document hangs on, made when it is the item's first. Two colleagues uploading the
 * first document of one item at once both find no answer: a plain create made the second fail on
 * the unique (round, item) pair (a 500). INSERT … ON CONFLICT DO NOTHING waits for the other
 * transaction and then reads its row (read committed), so both uploads land on the one answer.
 */
async function answerRowFor(tx: Tx, roundId: string, evidenceItemId: string, userId: string) {
	const where = { roundId_evidenceItemId: { roundId, evidenceItemId } }
	const existing = await tx.answer.findUnique({ where, select: { id: true } })
	if (existing) return existing
	await tx.answer.createMany({
		data: [documentAnswerRow(roundId, evidenceItemId, userId, now())],
		skipDuplicates: true,
	})
	return tx.answer.findUniqueOrThrow({ where, select: { id: true } })
}

/**
 * The columns of the answer a document makes on an item that has none (it holds only documents: no
 * text, no ticks), for answerRowFor and addDocumentInOneStatement: one list for both.
 */
function documentAnswerRow(roundId: string, evidenceItemId: string, userId: string, at: Date) {
	return {
		roundId,
		evidenceItemId,
		checkedElements: [],
		updatedById: userId,
		updatedAt: at,
	} satisfies Prisma.AnswerCreateManyInput
}

/** Adds an accepted upload to a template item of the draft round, or replaces one of its documents. */
export async function addDocument(
	actor: Actor & { userId: string },
	input: {
		providerId: string
		year: number
		evidenceKey: string
		upload: AcceptedUpload
		replacesFileId?: string | null
	},
): Promise<DocumentResult> {
	// Only what a save needs (the state and the rounds), not the whole participation: autosaves
	// come every few seconds from every member at the deadline (issue 17).
	const participation = Number.isInteger(input.year)
		? await db.participation.findUnique({
				where: { providerId_year: { providerId: input.providerId, year: input.year } },
				select: { state: true, rounds: { select: { id: true, status: true }, orderBy: { number: 'asc' } } },
			})
		: null
	const loaded = participation ? await loadNormSet(input.year) : null
	if (!participation || !loaded) throw new AppError('not_found')
	const draft = EDITABLE_STATES.includes(participation.state)
		? participation.rounds.find((round) => round.status === 'draft')
		: undefined
	if (!draft) throw new AppError('round_frozen')
	const item = findEvidence(loaded.normSet, input.evidenceKey)?.item
	const evidenceItemId = loaded.evidenceIds.get(input.evidenceKey)
	if (item?.kind !== 'template_upload' || !evidenceItemId) throw new AppError('evidence_without_document')
	// The bytes go into the store first, outside the transaction; it only records the rows (issue 17).
	return withStagedFile(input.upload, async (staged) => {
		if (!input.replacesFileId) {
			const added = await addDocumentInOneStatement(actor, draft.id, evidenceItemId, input.providerId, staged)
			if (added) return added
		}
		return db.$transaction(async (tx) => {
			const round = await tx.selfEvaluationRound.findFirst({
				where: { id: draft.id, status: 'draft' },
				select: { id: true },
			})
			if (!round) throw new AppError('round_frozen')
			const answer = await answerRowFor(tx, draft.id, evidenceItemId, actor.userId)
			if (input.replacesFileId) {
				const removed = await tx.answerDocument.deleteMany({
					where: { answerId: answer.id, fileId: input.replacesFileId },
				})
				if (removed.count === 0) throw new AppError('document_replaced_gone')
			}
			const file = await recordStoredFile(tx, staged, {
				kind: 'template_upload',
				providerId: input.providerId,
				uploadedById: actor.userId,
			})
			await tx.answerDocument.create({ data: { answerId: answer.id, fileId: file.id, addedAt: now() } })
			return { fileId: file.id }
		})
	})
}

/**
 * A new document on an item of a draft round in one statement (issue 17): at the deadline every
 * upload's transaction of four to six statements held the embedded database, which runs one
 * transaction at a time, across as many turns of the server's event loop, while every save
 * waited. The statement makes the item's answer when it has none, records the file and links it,
 * only while the round is still a draft. Null when it wrote nothing (the round was frozen
 * meanwhile, or a colleague's first document of the item made the answer at the same moment): the
 * transaction in addDocument then decides, so the answers are the same as before.
 */
async function addDocumentInOneStatement(
	actor: Actor & { userId: string },
	roundId: string,
	evidenceItemId: string,
	providerId: string,
	staged: StagedFile,
): Promise<DocumentResult | null> {
	const at = now()
	const newAnswer = jsonRow('Answer', { id: newId(), ...documentAnswerRow(roundId, evidenceItemId, actor.userId, at) })
	const file = jsonRow('StoredFile', {
		id: newId(),
		...storedFileRow(staged, { kind: 'template_upload', providerId, uploadedById: actor.userId }, at),
	})
	const rows = await db.$queryRaw<{ fileId: string }[]>`
		WITH round AS (
			SELECT r.id FROM "SelfEvaluationRound" AS r WHERE r.id = ${roundId} AND r."status" = 'draft'
		), existing AS (
			SELECT a.id FROM "Answer" AS a JOIN round ON a."roundId" = round.id WHERE a."evidenceItemId" = ${evidenceItemId}
		), created AS (
			INSERT INTO "Answer" (${newAnswer.columns})
			SELECT ${newAnswer.columns} FROM ${newAnswer.source}
			WHERE EXISTS (SELECT 1 FROM round) AND NOT EXISTS (SELECT 1 FROM existing)
			ON CONFLICT ("roundId", "evidenceItemId") DO NOTHING
			RETURNING "id"
		), answer AS (
			SELECT id FROM existing UNION ALL SELECT id FROM created
		), file AS (
			INSERT INTO "StoredFile" (${file.columns})
			SELECT ${file.columns} FROM ${file.source}
			WHERE EXISTS (SELECT 1 FROM answer)
			RETURNING "id"
		)
		INSERT INTO "AnswerDocument" ("id", "answerId", "fileId", "addedAt")
		SELECT ${newId()}, answer.id, file.id, ${at} FROM answer, file
		RETURNING "fileId"`
	const row = rows[0]
	return row ? { fileId: row.fileId } : null
}

/**
 * Attaches a document the portal made (the spiegelrapportage PDF, DOMAIN.md §9) to an answer of the
 * draft round, through the same answer–document link as an upload; an earlier document of the same
 * kind on that answer is replaced. Refused (null) when there is no draft or no such question.
 */
export async function attachGeneratedDocument(
	actor: Actor & { userId: string },
	input: {
		providerId: string
		year: number
		evidenceKey: string
		kind: 'benchmark_report'
		name: string
		bytes: Uint8Array
	},
): Promise<{ fileId: string; normCode: string } | null> {
	const participation = await findParticipation(input.providerId, input.year)
	const loaded = participation ? await loadNormSet(input.year) : null
	const draft = participation ? draftRoundOf(participation) : null
	const evidenceItemId = loaded?.evidenceIds.get(input.evidenceKey)
	const norm = loaded?.normSet.themes
		.flatMap((theme) => theme.norms)
		.find((candidate) =>
			candidate.criteria.some((criterion) => criterion.evidence.some((item) => item.key === input.evidenceKey)),
		)
	if (!draft || !evidenceItemId || !norm) return null
	return db.$transaction(async (tx) => {
		const round = await tx.selfEvaluationRound.findFirst({
			where: { id: draft.id, status: 'draft' },
			select: { id: true },
		})
		if (!round) return null
		const answer = await answerRowFor(tx, draft.id, evidenceItemId, actor.userId)
		await tx.answerDocument.deleteMany({ where: { answerId: answer.id, file: { kind: input.kind } } })
		const file = await storeFile(
			{
				kind: input.kind,
				providerId: input.providerId,
				originalName: input.name,
				mimeType: 'application/pdf',
				bytes: input.bytes,
				uploadedById: actor.userId,
			},
			tx,
		)
		await tx.answerDocument.create({ data: { answerId: answer.id, fileId: file.id, addedAt: now() } })
		return { fileId: file.id, normCode: norm.code }
	})
}

/** Removes a document from the draft round (the stored file stays: earlier rounds may show it). */
export async function removeDocument(input: {
	providerId: string
	year: number
	fileId: string
}): Promise<DocumentResult> {
	const participation = await findParticipation(input.providerId, input.year)
	const draft = participation ? draftRoundOf(participation) : null
	if (!draft) throw new AppError('round_frozen')
	return db.$transaction(async (tx) => {
		const round = await tx.selfEvaluationRound.findFirst({
			where: { id: draft.id, status: 'draft' },
			select: { id: true },
		})
		if (!round) throw new AppError('round_frozen')
		const removed = await tx.answerDocument.deleteMany({
			where: { fileId: input.fileId, answer: { roundId: draft.id } },
		})
		if (removed.count === 0) throw new AppError('document_not_in_round')
		return { fileId: input.fileId }
	})
}

/** A document (upload or attached report) of the provider's self-evaluation of `year`, or null. */
export function findDocument(providerId: string, year: number, fileId: string) {
	return db.storedFile.findFirst({
		where: {
			id: fileId,
			providerId,
			kind: { in: ['template_upload', 'benchmark_report'] },
			answerDocuments: { some: { answer: { round: { participation: { providerId, year } } } } },
		},
	})
}

// --- submission ---

export interface SubmitResult {
	round: number
}

/**
 * Submits the draft round: complete, and accepted by the state machine at the server's clock
 * (the deadline, 31 March 23:59:59.999 Amsterdam, or the revision's own due date).
 */
export async function submitRound(
	actor: Actor & { userId: string },
	participation: Pick<SelfEvaluationContext, 'id' | 'year'> & {
		provider: Pick<SelfEvaluationContext['provider'], 'type'>
	},
): Promise<SubmitResult> {
	// On the embedded database every statement of a transaction holds the engine for everyone, and
	// at the deadline submissions come among hundreds of saves (issue 17): the transaction reads
	// the participation once (locked, as the transition reads it) and not the norm set at all while
	// the process holds the current one (its version is checked inside). Which participation and
	// the provider's type come from the caller's read (the route's, scoped by the URL's provider).
	const held = await heldOrLoadedNormSet(participation.year)
	return db.$transaction(async (tx) => {
		// The norm sets' content version read here is the one that counts.
		const loaded =
			held && (await normSetVersion(tx)) === held.version ? held.loaded : await loadNormSet(participation.year, tx)
		if (!loaded) throw new AppError('not_found')
		const current = await loadSnapshot(tx, participation.id)
		const locked = current.participation
		const draft = draftRoundOf(locked)
		if (!draft) throw new AppError('round_frozen')
		const profile = profileOf({ offersChronicEchelon: locked.offersChronicEchelon, provider: participation.provider })
		const report = checkCompleteness(loaded.normSet, profile, await roundAnswers(draft.id, loaded, tx))
		if (!report.complete) throw new AppError('self_evaluation_incomplete', { missing: report.missing.length })
		const result = await applyEventToLoaded(tx, current, { type: 'submit_self_evaluation' }, actor)
		if (!result.ok) throw refusalError(result.refusal)
		return { round: draft.number }
	})
}

/** The norm set of `year` this process holds, read first when it holds none. */
async function heldOrLoadedNormSet(year: number) {
	const held = heldNormSet(year)
	if (held) return held
	await loadNormSet(year)
	return heldNormSet(year)
}

/**
 * Why a submission would be refused right now by the state machine (deadline passed, revision
 * overdue, awaiting assessment…), or null when it would be accepted. The check page asks this
 * instead of comparing dates itself, so at 00:00 on 1 April it can never claim "you can submit"
 * while `submitRound` refuses: one rule, one clock (issue 13).
 */
export async function submissionRefusal(participationId: string): Promise<AppError | null> {
	const participation = await db.participation.findUnique({ where: { id: participationId }, include: withHistory })
	if (!participation) return new AppError('not_found')
	const result = transition(
		snapshotOf(participation),
		{ type: 'submit_self_evaluation' },
		now(),
		toYearSettings(participation.markYear),
	)
	return result.ok ? null : refusalError(result.refusal)
}

/** The certificate of the provider's year, while it is valid to show (not after a withdrawal). */
export async function findCertificate(providerId: string, year: number) {
	const participation = await db.participation.findUnique({
		where: { providerId_year: { providerId, year } },
		select: { state: true, certificate: { include: { file: true } } },
	})
	if (!participation?.certificate?.file) return null
	if (!['qualified', 'sampled', 'confirmed'].includes(participation.state)) return null
	return participation.certificate
}
