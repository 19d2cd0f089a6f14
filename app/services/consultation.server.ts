// The consultation of concept norms (issue 18, DOMAIN.md §9): staff open it on a draft norm set,
// carriers, invited organisations and (optionally) anyone with a verified address react per norm,
// per criterion and in general, staff weigh every reaction per point. Reactions are never public
// during the window and a party only ever sees its own. Adoption (with the norm set's publication)
// lives in consultation-document.server.ts.
import { href } from 'react-router'
import type { Prisma, PrismaClient, ReactorType } from '#app/generated/prisma/client.ts'
import { type CalendarDate, amsterdamDateOf, isCalendarDate } from '#app/domain/amsterdam-time.ts'
import {
	assertConsultationOpen,
	type ConsultationPhase,
	consultationPhase,
	isRating,
	type Meeting,
	type PointTarget,
	QUALITIES,
	type Quality,
	type Ratings,
	resolveTarget,
	summariseRatings,
	targetKey,
	validateWindow,
} from '#app/domain/consultation.ts'
import { AppError } from '#app/domain/errors.ts'
import { type NormSetDiff, diffNormSets } from '#app/domain/norm-set-diff.ts'
import type { NormSet } from '#app/domain/norm-set.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import type { SessionUser } from '#app/lib/session.server.ts'
import { recordStoredFile, type StagedFile, withStagedFiles } from '#app/lib/storage.server.ts'
import type { AcceptedUpload } from '#app/lib/uploads.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { absoluteUrl } from './auth.server.ts'
import { carriersAmong } from './carriers.server.ts'
import { enqueueEmail } from './mail/outbox.server.ts'
import { loadNormSet } from './norm-sets.server.ts'

type Client = Tx | PrismaClient

// `@db.Date` columns arrive as UTC midnight of the calendar day.
const toCalendarDate = (value: Date): CalendarDate => value.toISOString().slice(0, 10)
const fromCalendarDate = (value: CalendarDate): Date => new Date(`${value}T00:00:00.000Z`)

export interface ConsultationSettings {
	opensOn: CalendarDate
	closesOn: CalendarDate
	introduction: string
	openToCarriers: boolean
	openToOrganisations: boolean
	openToPublic: boolean
	organisationsInvited: number | null
	processText: string | null
	summary: string | null
	meetings: Meeting[]
}

export interface ConsultationView extends ConsultationSettings {
	id: string
	year: number
	phase: ConsultationPhase
	adoptedAt: Date | null
	invitationsSentAt: Date | null
	hasDocument: boolean
	version: number
}

type ConsultationRow = Prisma.ConsultationGetPayload<object>

export function toView(row: ConsultationRow, at: Date = now()): ConsultationView {
	const window = { opensOn: toCalendarDate(row.opensOn), closesOn: toCalendarDate(row.closesOn) }
	return {
		id: row.id,
		year: row.year,
		...window,
		introduction: row.introduction,
		openToCarriers: row.openToCarriers,
		openToOrganisations: row.openToOrganisations,
		openToPublic: row.openToPublic,
		organisationsInvited: row.organisationsInvited,
		processText: row.processText,
		summary: row.summary,
		meetings: parseMeetings(row.meetings),
		phase: consultationPhase({ ...window, adoptedAt: row.adoptedAt }, at),
		adoptedAt: row.adoptedAt,
		invitationsSentAt: row.invitationsSentAt,
		hasDocument: row.document !== null,
		version: row.version,
	}
}

function parseMeetings(value: Prisma.JsonValue): Meeting[] {
	if (!Array.isArray(value)) return []
	return value.flatMap((entry) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return []
		const { date, title, participants } = entry as Record<string, unknown>
		if (!isCalendarDate(date) || typeof title !== 'string') return []
		return [{ date, title, participants: typeof participants === 'number' ? participants : null }]
	})
}

export async function getConsultation(year: number, client: Client = db): Promise<ConsultationView | null> {
	const row = await client.consultation.findUnique({ where: { year } })
	return row ? toView(row) : null
}

async function requireConsultationRow(year: number, client: Client) {
	const row = await client.consultation.findUnique({ where: { year } })
	if (!row) throw new AppError('consultation_missing', { year })
	return row
}

// --- staff: opening and keeping the consultation ---

export interface ConsultationSummary {
	year: number
	phase: ConsultationPhase
	opensOn: CalendarDate
	closesOn: CalendarDate
	submitted: number
	drafts: number
	adoptedAt: Date | null
}

export async function listConsultations(): Promise<ConsultationSummary[]> {
	const rows = await db.consultation.findMany({ orderBy: { year: 'desc' } })
	const counts = await db.consultationResponse.groupBy({
		by: ['consultationId', 'status'],
		_count: { _all: true },
	})
	const at = now()
	return rows.map((row) => {
		const view = toView(row, at)
		const count = (status: 'draft' | 'submitted') =>
			counts.find((entry) => entry.consultationId === row.id && entry.status === status)?._count._all ?? 0
		return {
			year: row.year,
			phase: view.phase,
			opensOn: view.opensOn,
			closesOn: view.closesOn,
			submitted: count('submitted'),
			drafts: count('draft'),
			adoptedAt: row.adoptedAt,
		}
	})
}

/** Years with a draft norm set and no consultation yet: what staff can open one on. */
export async function consultableYears(): Promise<number[]> {
	const sets = await db.normSet.findMany({
		where: { status: 'draft', markYear: { consultation: null } },
		select: { year: true },
		orderBy: { year: 'asc' },
	})
	return sets.map((set) => set.year)
}

function settingsData(settings: ConsultationSettings) {
	validateWindow(settings)
	return {
		opensOn: fromCalendarDate(settings.opensOn),
		closesOn: fromCalendarDate(settings.closesOn),
		introduction: settings.introduction,
		openToCarriers: settings.openToCarriers,
		openToOrganisations: settings.openToOrganisations,
		openToPublic: settings.openToPublic,
		organisationsInvited: settings.organisationsInvited,
		processText: settings.processText,
		summary: settings.summary,
		meetings: settings.meetings as unknown as Prisma.InputJsonValue,
	}
}

export async function openConsultation(
	actor: Actor & { userId: string },
	year: number,
	settings: ConsultationSettings,
): Promise<void> {
	await db.$transaction(async (tx) => {
		const set = await tx.normSet.findUnique({ where: { year }, select: { status: true } })
		if (!set) throw new AppError('consultation_norm_set_missing', { year })
		if (set.status === 'published') throw new AppError('consultation_norm_set_published', { year })
		if (await tx.consultation.findUnique({ where: { year }, select: { id: true } }))
			throw new AppError('consultation_exists', { year })
		const row = await tx.consultation.create({
			data: { year, ...settingsData(settings), createdById: actor.userId },
		})
		await recordAudit(tx, {
			actor,
			action: 'consultation.open',
			entityType: 'Consultation',
			entityId: row.id,
			after: { year, opensOn: settings.opensOn, closesOn: settings.closesOn },
		})
	})
}

export async function updateConsultation(
	actor: Actor & { userId: string },
	year: number,
	settings: ConsultationSettings,
	expectedVersion: number,
): Promise<void> {
	await db.$transaction(async (tx) => {
		const row = await requireConsultationRow(year, tx)
		if (row.adoptedAt) throw new AppError('consultation_adopted', { year })
		const updated = await tx.consultation.updateMany({
			where: { id: row.id, version: expectedVersion },
			data: { ...settingsData(settings), version: { increment: 1 } },
		})
		if (updated.count !== 1) throw new AppError('conflict')
		await recordAudit(tx, {
			actor,
			action: 'consultation.update',
			entityType: 'Consultation',
			entityId: row.id,
			before: { ...toView(row), phase: undefined },
			after: settings,
		})
	})
}

// --- the concept as readers see it ---

export interface Concept {
	consultation: ConsultationView
	normSet: NormSet
	/** The published year the concept is compared with, and what changed (the norm-set diff). */
	previous: { year: number; diff: NormSetDiff } | null
	/** The current year's norms, to show a changed criterion's earlier wording. */
	previousSet: NormSet | null
}

/** The latest published norm set before `year`: "the current year" a concept is compared with. */
async function previousPublished(year: number, client: Client) {
	const row = await client.normSet.findFirst({
		where: { status: 'published', year: { lt: year } },
		orderBy: { year: 'desc' },
		select: { year: true },
	})
	return row ? loadNormSet(row.year, client) : null
}

export async function loadConcept(year: number, client: Client = db): Promise<Concept | null> {
	const row = await client.consultation.findUnique({ where: { year } })
	if (!row) return null
	const [loaded, previous] = await Promise.all([loadNormSet(year, client), previousPublished(year, client)])
	if (!loaded) return null
	return {
		consultation: toView(row),
		normSet: loaded.normSet,
		previous: previous ? { year: previous.year, diff: diffNormSets(previous.normSet, loaded.normSet) } : null,
		previousSet: previous?.normSet ?? null,
	}
}

// --- reactors: who may react for whom ---

export interface Party {
	partyKey: string
	reactorType: ReactorType
	providerId: string | null
	organisationName: string
}

/**
 * The parties `user` may react for on this consultation: each provider it is a member of that is a
 * carrier now (carriers react as their organisation), or itself as an organisation account.
 * Staff read but do not react.
 */
export async function partiesOf(
	user: SessionUser,
	consultation: Pick<ConsultationView, 'openToCarriers' | 'openToOrganisations' | 'openToPublic'>,
	at: Date = now(),
	client: Client = db,
): Promise<Party[]> {
	if (user.staffRole) return []
	if (user.kind === 'organisation') {
		const row = await client.user.findUnique({
			where: { id: user.id },
			select: { organisationType: true, organisationName: true },
		})
		// An invited organisation has a type; a person who registered for a public consultation has none.
		const invited = row?.organisationType != null
		if (invited ? !consultation.openToOrganisations : !consultation.openToPublic) return []
		return [
			{
				partyKey: `user:${user.id}`,
				reactorType: invited ? 'organisation' : 'public',
				providerId: null,
				organisationName: row?.organisationName ?? user.name,
			},
		]
	}
	if (!consultation.openToCarriers) return []
	const carriers = await carriersAmong(
		user.memberships.map((membership) => membership.providerId),
		at,
		client,
	)
	return user.memberships
		.filter((membership) => carriers.has(membership.providerId))
		.map((membership) => ({
			partyKey: `provider:${membership.providerId}`,
			reactorType: 'carrier' as const,
			providerId: membership.providerId,
			organisationName: membership.providerName,
		}))
}

export interface ReactionView {
	target: string
	text: string
	ratings: Ratings
	attachment: { id: string; name: string } | null
}

export interface ResponseView {
	id: string | null
	status: 'draft' | 'submitted'
	organisationName: string
	quoteConsent: boolean
	submittedAt: Date | null
	version: number
	reactions: Record<string, ReactionView>
}

/** The party's own response (never another party's), or an empty draft. */
export async function loadOwnResponse(
	consultationId: string,
	party: Party,
	client: Client = db,
): Promise<ResponseView> {
	const row = await client.consultationResponse.findUnique({
		where: { consultationId_partyKey: { consultationId, partyKey: party.partyKey } },
		include: { reactions: { include: { attachment: { select: { id: true, originalName: true } } } } },
	})
	if (!row)
		return {
			id: null,
			status: 'draft',
			organisationName: party.organisationName,
			quoteConsent: false,
			submittedAt: null,
			version: 0,
			reactions: {},
		}
	return {
		id: row.id,
		status: row.status,
		organisationName: row.organisationName,
		quoteConsent: row.quoteConsent,
		submittedAt: row.submittedAt,
		version: row.version,
		reactions: Object.fromEntries(
			row.reactions.map((reaction) => [
				reaction.target,
				{
					target: reaction.target,
					text: reaction.text,
					ratings: ratingsOf(reaction),
					attachment: reaction.attachment
						? { id: reaction.attachment.id, name: reaction.attachment.originalName }
						: null,
				},
			]),
		),
	}
}

function ratingsOf(row: Record<Quality, number | null>): Ratings {
	return Object.fromEntries(QUALITIES.map((quality) => [quality, row[quality]])) as Ratings
}

export interface ReactionInput {
	target: string
	text: string
	ratings?: Partial<Ratings>
	attachment?: AcceptedUpload | null
	removeAttachment?: boolean
}

/**
 * Saves the party's reactions as a draft (only while the window is open and before sending). An
 * empty reaction (no text, no rating, no attachment) is removed. `expectedVersion` 0 means "there
 * was no draft yet"; a stale version is a conflict, never an overwrite.
 */
export async function saveReactions(
	user: SessionUser,
	year: number,
	partyKey: string,
	input: { reactions: ReactionInput[]; expectedVersion: number; organisationName?: string },
): Promise<{ version: number }> {
	const at = now()
	// The attachments' bytes go into the store first, outside the transaction (issue 17).
	const uploads = input.reactions.flatMap((reaction) => (reaction.attachment ? [reaction.attachment] : []))
	return withStagedFiles(uploads, (stagedFiles) =>
		db.$transaction(async (tx) => {
			const { row, party } = await requireParty(tx, user, year, partyKey, at)
			assertConsultationOpen({ opensOn: toCalendarDate(row.opensOn), closesOn: toCalendarDate(row.closesOn) }, at)
			const concept = await loadNormSet(year, tx)
			if (!concept) throw new AppError('consultation_norm_set_missing', { year })
			const targets = input.reactions.map((reaction) => {
				const target = resolveTarget(concept.normSet, reaction.target)
				if (!target) throw new AppError('invalid_input')
				return { reaction, target }
			})
			let response = await tx.consultationResponse.findUnique({
				where: { consultationId_partyKey: { consultationId: row.id, partyKey } },
			})
			if (response?.status === 'submitted') throw new AppError('response_submitted')
			if ((response?.version ?? 0) !== input.expectedVersion) throw new AppError('conflict')
			const organisationName = cleanName(input.organisationName, party)
			if (!response) {
				response = await tx.consultationResponse.create({
					data: {
						consultationId: row.id,
						partyKey,
						reactorType: party.reactorType,
						providerId: party.providerId,
						authorId: user.id,
						organisationName,
						createdAt: at,
					},
				})
			} else {
				const updated = await tx.consultationResponse.updateMany({
					where: { id: response.id, version: input.expectedVersion },
					data: { authorId: user.id, organisationName, version: { increment: 1 } },
				})
				if (updated.count !== 1) throw new AppError('conflict')
			}
			const staged = new Map(stagedFiles.map((file) => [file.content, file]))
			for (const { reaction, target } of targets) {
				const attachment = reaction.attachment ? (staged.get(reaction.attachment) ?? null) : null
				await upsertReaction(tx, response.id, party, user, reaction, target, attachment)
			}
			return { version: response.version + (input.expectedVersion === 0 ? 0 : 1) }
		}),
	)
}

function cleanName(value: string | undefined, party: Party): string {
	// Carriers react under their registered name; organisations may name their organisation.
	if (party.reactorType === 'carrier') return party.organisationName
	const name = value?.trim().slice(0, 200)
	return name ? name : party.organisationName
}

async function upsertReaction(
	tx: Tx,
	responseId: string,
	party: Party,
	user: SessionUser,
	input: ReactionInput,
	target: PointTarget,
	attachment: StagedFile | null,
) {
	const key = targetKey(target)
	const existing = await tx.consultationReaction.findUnique({
		where: { responseId_target: { responseId, target: key } },
	})
	// Only a norm is rated on the four qualities; other points carry text.
	const ratings = Object.fromEntries(
		QUALITIES.map((quality) => {
			const value = target.kind === 'norm' ? input.ratings?.[quality] : null
			if (value !== null && value !== undefined && !isRating(value)) throw new AppError('invalid_input')
			return [quality, value ?? null]
		}),
	) as Ratings
	let attachmentFileId = input.removeAttachment ? null : (existing?.attachmentFileId ?? null)
	if (attachment) {
		const file = await recordStoredFile(tx, attachment, {
			kind: 'consultation_attachment',
			providerId: party.providerId,
			uploadedById: user.id,
		})
		attachmentFileId = file.id
	}
	const text = input.text.trim().slice(0, 10_000)
	const empty = !text && QUALITIES.every((quality) => ratings[quality] === null) && !attachmentFileId
	if (empty) {
		if (existing) await tx.consultationReaction.delete({ where: { id: existing.id } })
		return
	}
	const data = {
		text,
		...ratings,
		attachmentFileId,
		normKey: target.kind === 'general' ? null : target.normKey,
		criterionKey: target.kind === 'criterion' ? target.criterionKey : null,
	}
	if (existing) await tx.consultationReaction.update({ where: { id: existing.id }, data })
	else await tx.consultationReaction.create({ data: { responseId, target: key, ...data } })
}

async function requireParty(tx: Tx, user: SessionUser, year: number, partyKey: string, at: Date) {
	const row = await requireConsultationRow(year, tx)
	if (row.adoptedAt) throw new AppError('consultation_adopted', { year })
	const party = (await partiesOf(user, toView(row, at), at, tx)).find((candidate) => candidate.partyKey === partyKey)
	// Reacting for a party one does not belong to looks like a missing page (DOMAIN.md §2: 404).
	if (!party) throw new AppError('not_found')
	return { row, party }
}

/** Sends the response: it can no longer be changed, staff see it, and the author gets a receipt. */
export async function sendResponse(
	user: SessionUser,
	year: number,
	partyKey: string,
	input: { quoteConsent: boolean; expectedVersion: number },
): Promise<void> {
	const at = now()
	await db.$transaction(async (tx) => {
		const { row, party } = await requireParty(tx, user, year, partyKey, at)
		assertConsultationOpen({ opensOn: toCalendarDate(row.opensOn), closesOn: toCalendarDate(row.closesOn) }, at)
		const response = await tx.consultationResponse.findUnique({
			where: { consultationId_partyKey: { consultationId: row.id, partyKey } },
			include: { _count: { select: { reactions: true } } },
		})
		if (response?.status === 'submitted') throw new AppError('response_submitted')
		if (!response || response._count.reactions === 0) throw new AppError('response_empty')
		const updated = await tx.consultationResponse.updateMany({
			where: { id: response.id, version: input.expectedVersion, status: 'draft' },
			data: {
				status: 'submitted',
				submittedAt: at,
				authorId: user.id,
				quoteConsent: input.quoteConsent,
				version: { increment: 1 },
			},
		})
		if (updated.count !== 1) throw new AppError('conflict')
		const markName = (await tx.markYear.findUniqueOrThrow({ where: { year }, select: { markName: true } })).markName
		await enqueueEmail(tx, {
			template: 'consultation_receipt',
			to: { address: user.email, name: user.name },
			providerId: party.providerId,
			dedupeKey: `consultation_receipt:${response.id}`,
			data: {
				providerName: party.organisationName,
				markName,
				year,
				portalUrl: absoluteUrl(href('/consultatie/:year', { year: String(year) })),
				reactions: response._count.reactions,
				sentAt: amsterdamDateOf(at),
				quoteConsent: input.quoteConsent,
			},
		})
		await recordAudit(tx, {
			actor: { type: party.reactorType === 'carrier' ? 'provider' : 'public', userId: user.id },
			action: 'consultation.response_sent',
			entityType: 'ConsultationResponse',
			entityId: response.id,
			providerId: party.providerId,
			after: { year, reactions: response._count.reactions, quoteConsent: input.quoteConsent },
		})
	})
}

/** An attachment of the party's own response (for its own download), or null. */
export async function ownAttachment(user: SessionUser, year: number, fileId: string) {
	const consultation = await getConsultation(year)
	if (!consultation) return null
	const parties = await partiesOf(user, consultation)
	const reaction = await db.consultationReaction.findFirst({
		where: {
			attachmentFileId: fileId,
			response: { consultationId: consultation.id, partyKey: { in: parties.map((party) => party.partyKey) } },
		},
		include: { attachment: true },
	})
	return reaction?.attachment ?? null
}

// --- staff: reading, weighing and exporting the reactions ---

export interface StaffReaction {
	id: string
	target: string
	normKey: string | null
	criterionKey: string | null
	text: string
	ratings: Ratings
	attachment: { id: string; name: string } | null
	quoted: boolean
	organisationName: string
	reactorType: ReactorType
	quoteConsent: boolean
	submittedAt: Date | null
}

export interface ReactionFilters {
	/** 'general', 'norm:<key>' (the norm and its criteria) or a criterion target. */
	target?: string | null
	reactorType?: ReactorType | null
	text?: string | null
}

/** Submitted reactions only: a draft is the party's own until it is sent. */
export async function staffReactions(year: number, filters: ReactionFilters = {}): Promise<StaffReaction[]> {
	const consultation = await db.consultation.findUnique({ where: { year }, select: { id: true } })
	if (!consultation) return []
	const target = filters.target ?? null
	const rows = await db.consultationReaction.findMany({
		where: {
			response: {
				consultationId: consultation.id,
				status: 'submitted',
				...(filters.reactorType ? { reactorType: filters.reactorType } : {}),
			},
			...(target?.startsWith('norm:') ? { normKey: target.slice('norm:'.length) } : target ? { target } : {}),
			...(filters.text ? { text: { contains: filters.text, mode: 'insensitive' as const } } : {}),
		},
		include: {
			response: { select: { organisationName: true, reactorType: true, quoteConsent: true, submittedAt: true } },
			attachment: { select: { id: true, originalName: true } },
		},
		orderBy: [{ response: { submittedAt: 'asc' } }],
	})
	return rows.map((row) => ({
		id: row.id,
		target: row.target,
		normKey: row.normKey,
		criterionKey: row.criterionKey,
		text: row.text,
		ratings: ratingsOf(row),
		attachment: row.attachment ? { id: row.attachment.id, name: row.attachment.originalName } : null,
		quoted: row.quoted,
		organisationName: row.response.organisationName,
		reactorType: row.response.reactorType,
		quoteConsent: row.response.quoteConsent,
		submittedAt: row.response.submittedAt,
	}))
}

export interface PointView {
	target: string
	consideration: string
	decision: 'kept' | 'changed' | 'dropped'
	changedText: string | null
	decidedAt: Date
	decidedBy: string
	version: number
}

export interface NormOverview {
	key: string
	code: string
	title: string
	reactions: number
	ratings: ReturnType<typeof summariseRatings>
	criteria: { key: string; code: string; text: string; reactions: number }[]
}

/** Per norm and criterion: how many reactions, and the four ratings per norm; plus every point. */
export async function staffOverview(year: number) {
	const concept = await loadConcept(year)
	if (!concept) return null
	const all = await staffReactions(year)
	const counts = new Map<string, number>()
	for (const reaction of all) counts.set(reaction.target, (counts.get(reaction.target) ?? 0) + 1)
	const norms: NormOverview[] = concept.normSet.themes.flatMap((theme) =>
		theme.norms.map((norm) => ({
			key: norm.key,
			code: norm.code,
			title: norm.title,
			reactions: all.filter((reaction) => reaction.normKey === norm.key).length,
			ratings: summariseRatings(
				all.filter((reaction) => reaction.target === `norm:${norm.key}`).map((reaction) => reaction.ratings),
			),
			criteria: norm.criteria.map((criterion) => ({
				key: criterion.key,
				code: criterion.code,
				text: criterion.text,
				reactions: counts.get(`criterion:${criterion.key}`) ?? 0,
			})),
		})),
	)
	const [points, responses] = await Promise.all([
		db.consultationPoint.findMany({
			where: { consultationId: concept.consultation.id },
			include: { decidedBy: { select: { name: true } } },
		}),
		db.consultationResponse.groupBy({
			by: ['status', 'reactorType'],
			where: { consultationId: concept.consultation.id },
			_count: { _all: true },
		}),
	])
	return {
		...concept,
		norms,
		general: counts.get('general') ?? 0,
		responses: responses.map((entry) => ({
			status: entry.status,
			reactorType: entry.reactorType,
			count: entry._count._all,
		})),
		points: Object.fromEntries(
			points.map((point) => [
				point.target,
				{
					target: point.target,
					consideration: point.consideration,
					decision: point.decision,
					changedText: point.changedText,
					decidedAt: point.decidedAt,
					decidedBy: point.decidedBy.name,
					version: point.version,
				} satisfies PointView,
			]),
		) as Record<string, PointView>,
	}
}

/** Staff record (or revise) the consideration and decision of one point, audited. */
export async function recordPoint(
	actor: Actor & { userId: string },
	year: number,
	input: {
		target: string
		consideration: string
		decision: 'kept' | 'changed' | 'dropped'
		changedText: string | null
		expectedVersion: number
	},
): Promise<void> {
	const at = now()
	await db.$transaction(async (tx) => {
		const row = await requireConsultationRow(year, tx)
		if (row.adoptedAt) throw new AppError('consultation_adopted', { year })
		const concept = await loadNormSet(year, tx)
		const target = concept ? resolveTarget(concept.normSet, input.target) : null
		if (!target) throw new AppError('invalid_input')
		const key = targetKey(target)
		const data = {
			consideration: input.consideration,
			decision: input.decision,
			changedText: input.decision === 'changed' ? input.changedText : null,
			decidedById: actor.userId,
			decidedAt: at,
		}
		const existing = await tx.consultationPoint.findUnique({
			where: { consultationId_target: { consultationId: row.id, target: key } },
		})
		if (existing) {
			const updated = await tx.consultationPoint.updateMany({
				where: { id: existing.id, version: input.expectedVersion },
				data: { ...data, version: { increment: 1 } },
			})
			if (updated.count !== 1) throw new AppError('conflict')
		} else {
			if (input.expectedVersion !== 0) throw new AppError('conflict')
			await tx.consultationPoint.create({
				data: {
					consultationId: row.id,
					target: key,
					normKey: target.kind === 'general' ? null : target.normKey,
					criterionKey: target.kind === 'criterion' ? target.criterionKey : null,
					...data,
				},
			})
		}
		await recordAudit(tx, {
			actor,
			action: 'consultation.point',
			entityType: 'Consultation',
			entityId: row.id,
			before: existing
				? { decision: existing.decision, consideration: existing.consideration, changedText: existing.changedText }
				: null,
			after: { target: key, decision: data.decision, consideration: data.consideration, changedText: data.changedText },
			at,
		})
	})
}

/** Staff mark a reaction as a quote for the published summary; only with the author's consent. */
export async function setQuoted(actor: Actor & { userId: string }, reactionId: string, quoted: boolean): Promise<void> {
	await db.$transaction(async (tx) => {
		const reaction = await tx.consultationReaction.findUnique({
			where: { id: reactionId },
			include: { response: { include: { consultation: true } } },
		})
		if (!reaction || reaction.response.status !== 'submitted') throw new AppError('not_found')
		if (reaction.response.consultation.adoptedAt)
			throw new AppError('consultation_adopted', { year: reaction.response.consultation.year })
		if (quoted && !reaction.response.quoteConsent) throw new AppError('quote_without_consent')
		await tx.consultationReaction.update({ where: { id: reactionId }, data: { quoted } })
		await recordAudit(tx, {
			actor,
			action: quoted ? 'consultation.quote' : 'consultation.unquote',
			entityType: 'ConsultationReaction',
			entityId: reactionId,
			after: { quoted },
		})
	})
}

/** A sent reaction's attachment, only under the consultation (year) it was sent to. */
export async function staffAttachment(year: number, fileId: string) {
	const reaction = await db.consultationReaction.findFirst({
		where: { attachmentFileId: fileId, response: { status: 'submitted', consultation: { year } } },
		include: { attachment: true },
	})
	return reaction?.attachment ?? null
}

export interface ReactionsBeside {
	year: number
	/** Per target ('norm:<key>', 'criterion:<key>'): the sent reactions and the recorded decision. */
	targets: Record<
		string,
		{ count: number; reactions: { organisationName: string; text: string }[]; decision: PointView['decision'] | null }
	>
}

/** For the norm-set editor: the sent reactions on a norm and its criteria, beside each criterion. */
export async function reactionsBeside(year: number, normKey: string): Promise<ReactionsBeside | null> {
	const consultation = await db.consultation.findUnique({ where: { year }, select: { id: true } })
	if (!consultation) return null
	const [reactions, points] = await Promise.all([
		db.consultationReaction.findMany({
			where: { normKey, response: { consultationId: consultation.id, status: 'submitted' } },
			select: { target: true, text: true, response: { select: { organisationName: true } } },
			orderBy: { response: { submittedAt: 'asc' } },
		}),
		db.consultationPoint.findMany({ where: { consultationId: consultation.id, normKey } }),
	])
	const targets: ReactionsBeside['targets'] = {}
	for (const reaction of reactions) {
		const entry = (targets[reaction.target] ??= { count: 0, reactions: [], decision: null })
		entry.count += 1
		if (reaction.text)
			entry.reactions.push({ organisationName: reaction.response.organisationName, text: reaction.text })
	}
	for (const point of points) {
		const entry = (targets[point.target] ??= { count: 0, reactions: [], decision: null })
		entry.decision = point.decision
	}
	return { year, targets }
}
