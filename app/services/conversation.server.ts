// The conversation per submission (issue 12 §4): provider and KiBG exchange messages on one
// participation, with attachments under the same upload rules as the self-evaluation's documents.
// Messages are never edited or deleted. Each message is stored, audited (the message and every
// attachment) and announced by mail in one transaction: to every active member of the provider when
// KiBG writes, to the assessor of the submission (or the office's mailbox when it has none) when the
// provider writes. The mail is a notification with a link, never the message itself.
//
// Who may read is decided before anything here is called: the provider's routes pass the provider
// of the URL (its members only, `requireProviderMember`), so a thread is always looked up by
// (providerId, year) on that side and another provider's thread is simply not found.
import { href } from 'react-router'
import {
	isUnread,
	MESSAGE_MAX_ATTACHMENTS,
	MESSAGE_MAX_CHARS,
	type MessageSide,
	messageMoment,
	unreadCount,
} from '#app/domain/conversation.ts'
import { AppError } from '#app/domain/errors.ts'
import type { StoredFile } from '#app/generated/prisma/client.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { lockParticipation } from '#app/lib/db/lock.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { recordStoredFile, withStagedFiles } from '#app/lib/storage.server.ts'
import type { AcceptedUpload } from '#app/lib/uploads.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { absoluteUrl } from './auth.server.ts'
import { enqueueEmail } from './mail/outbox.server.ts'

export interface Reader {
	userId: string
	side: MessageSide
}

export interface ThreadMessage {
	id: string
	side: MessageSide
	authorName: string | null
	body: string
	createdAt: Date
	unread: boolean
	attachments: { id: string; name: string; sizeBytes: number; mimeType: string }[]
}

/** The participation of a provider in a year, or null (another provider's year is not found). */
export async function providerParticipation(providerId: string, year: number) {
	return db.participation.findUnique({
		where: { providerId_year: { providerId, year } },
		select: { id: true, year: true, state: true, providerId: true },
	})
}

/** What the staff's thread page names: the provider and the year; null when there is no such participation. */
export async function staffThreadHeading(participationId: string) {
	return db.participation.findUnique({
		where: { id: participationId },
		select: { id: true, year: true, state: true, provider: { select: { name: true } } },
	})
}

/**
 * Every message of the thread, oldest first, with what `reader` had not read yet; then, unless
 * `markRead` is false, the reader's marker moves to the last message: opening the thread reads it.
 */
export async function openThread(
	participationId: string,
	reader: Reader,
	{ markRead = true }: { markRead?: boolean } = {},
): Promise<{ messages: ThreadMessage[]; unread: number }> {
	const [rows, read] = await Promise.all([
		db.participationMessage.findMany({
			where: { participationId },
			orderBy: { createdAt: 'asc' },
			select: {
				id: true,
				side: true,
				body: true,
				createdAt: true,
				author: { select: { name: true } },
				attachments: {
					orderBy: { file: { originalName: 'asc' } },
					select: { file: { select: { id: true, originalName: true, sizeBytes: true, mimeType: true } } },
				},
			},
		}),
		db.conversationRead.findUnique({
			where: { participationId_userId: { participationId, userId: reader.userId } },
			select: { readAt: true },
		}),
	])
	const messages = rows.map((row) => ({
		id: row.id,
		side: row.side,
		authorName: row.author?.name ?? null,
		body: row.body,
		createdAt: row.createdAt,
		unread: isUnread(row, reader.side, read?.readAt),
		attachments: row.attachments.map(({ file }) => ({
			id: file.id,
			name: file.originalName,
			sizeBytes: file.sizeBytes,
			mimeType: file.mimeType,
		})),
	}))
	const last = rows.at(-1)
	if (markRead && last && (!read || read.readAt < last.createdAt))
		await markReadUpTo(db, participationId, reader.userId, last.createdAt)
	return { messages, unread: unreadCount(rows, reader.side, read?.readAt) }
}

async function markReadUpTo(client: Tx | typeof db, participationId: string, userId: string, at: Date): Promise<void> {
	// Never backwards: a slower request that read fewer messages must not undo a later read.
	await client.$executeRaw`
		INSERT INTO "ConversationRead" ("participationId", "userId", "readAt") VALUES (${participationId}, ${userId}, ${at})
		ON CONFLICT ("participationId", "userId") DO UPDATE SET "readAt" = GREATEST("ConversationRead"."readAt", EXCLUDED."readAt")`
}

/** Unread messages from KiBG for one member, per year of the provider's participations. */
export async function providerUnread(
	providerId: string,
	userId: string,
): Promise<{ total: number; byYear: Record<number, number> }> {
	const participations = await db.participation.findMany({
		where: { providerId, messages: { some: { side: 'staff' } } },
		select: {
			year: true,
			messages: { where: { side: 'staff' }, select: { side: true, createdAt: true } },
			conversationReads: { where: { userId }, select: { readAt: true } },
		},
	})
	const byYear: Record<number, number> = {}
	let total = 0
	for (const participation of participations) {
		const count = unreadCount(participation.messages, 'provider', participation.conversationReads[0]?.readAt)
		if (count > 0) byYear[participation.year] = count
		total += count
	}
	return { total, byYear }
}

/** Unread messages from the provider for one staff member on one participation. */
export async function staffUnread(participationId: string, userId: string): Promise<number> {
	const [messages, read] = await Promise.all([
		db.participationMessage.findMany({
			where: { participationId, side: 'provider' },
			select: { side: true, createdAt: true },
		}),
		db.conversationRead.findUnique({
			where: { participationId_userId: { participationId, userId } },
			select: { readAt: true },
		}),
	])
	return unreadCount(messages, 'staff', read?.readAt)
}

export interface NewMessage {
	participationId: string
	side: MessageSide
	body: string
	attachments: AcceptedUpload[]
}

/**
 * Posts a message. The route has checked who the actor is (a member of the participation's
 * provider, or staff) and read the input through the upload helpers; the limits are checked here
 * again so that no caller can store more. Returns the new message's id.
 */
export async function postMessage(actor: Actor & { userId: string }, input: NewMessage): Promise<{ id: string }> {
	const body = input.body.trim()
	if (body.length === 0 || [...body].length > MESSAGE_MAX_CHARS) throw new AppError('invalid_input')
	if (input.attachments.length > MESSAGE_MAX_ATTACHMENTS) throw new AppError('invalid_input')
	// The attachments' bytes go into the store first, outside the transaction (issue 17).
	return withStagedFiles(input.attachments, (staged) =>
		db.$transaction(async (tx) => {
			await lockParticipation(tx, input.participationId)
			const participation = await tx.participation.findUnique({
				where: { id: input.participationId },
				select: {
					id: true,
					year: true,
					providerId: true,
					provider: { select: { name: true } },
					markYear: { select: { markName: true } },
					assessor: { select: { id: true, email: true, name: true, locale: true, active: true } },
					messages: { orderBy: { createdAt: 'desc' }, take: 1, select: { createdAt: true } },
				},
			})
			if (!participation) throw new AppError('participation_not_found')
			const at = messageMoment(now(), participation.messages[0]?.createdAt)
			const files: StoredFile[] = []
			for (const upload of staged) {
				files.push(
					await recordStoredFile(tx, upload, {
						kind: 'message_attachment',
						providerId: participation.providerId,
						uploadedById: actor.userId,
					}),
				)
			}
			const message = await tx.participationMessage.create({
				data: {
					participationId: participation.id,
					side: input.side,
					authorId: actor.userId,
					body,
					createdAt: at,
					attachments: { create: files.map((file) => ({ fileId: file.id })) },
				},
				select: { id: true },
			})
			// The writer has read the thread up to the message they wrote.
			await markReadUpTo(tx, participation.id, actor.userId, at)
			const audited = { providerId: participation.providerId, participationId: participation.id, at }
			await recordAudit(tx, {
				actor,
				action: 'conversation.message',
				entityType: 'ParticipationMessage',
				entityId: message.id,
				...audited,
				after: { side: input.side, body, attachments: files.map((file) => file.id) },
			})
			for (const file of files) {
				await recordAudit(tx, {
					actor,
					action: 'conversation.attachment',
					entityType: 'StoredFile',
					entityId: file.id,
					...audited,
					after: {
						messageId: message.id,
						name: file.originalName,
						mimeType: file.mimeType,
						sizeBytes: file.sizeBytes,
						sha256: file.sha256,
					},
				})
			}
			await notify(tx, { ...participation, messageId: message.id, side: input.side, attachments: files.length })
			return message
		}),
	)
}

/** One notification per recipient, in the recipient's language; the message itself stays in the portal. */
async function notify(
	tx: Tx,
	thread: {
		id: string
		year: number
		providerId: string
		provider: { name: string }
		markYear: { markName: string }
		assessor: { id: string; email: string; name: string; locale: 'nl' | 'en'; active: boolean } | null
		messageId: string
		side: MessageSide
		attachments: number
	},
): Promise<void> {
	const common = {
		providerName: thread.provider.name,
		markName: thread.markYear.markName,
		year: thread.year,
		from: thread.side,
		attachments: thread.attachments,
	}
	const recipients: { address: string; name: string | null; language: 'nl' | 'en'; key: string }[] = []
	let threadUrl: string
	if (thread.side === 'staff') {
		threadUrl = absoluteUrl(
			href('/aanbieder/:providerId/berichten/:year', { providerId: thread.providerId, year: String(thread.year) }),
		)
		const members = await tx.membership.findMany({
			where: { providerId: thread.providerId, user: { active: true } },
			orderBy: { createdAt: 'asc' },
			select: { user: { select: { id: true, email: true, name: true, locale: true } } },
		})
		for (const { user } of members)
			recipients.push({ address: user.email, name: user.name, language: user.locale, key: user.id })
	} else {
		threadUrl = absoluteUrl(href('/medewerkers/deelnames/:participationId/berichten', { participationId: thread.id }))
		const assessor = thread.assessor?.active ? thread.assessor : null
		if (assessor)
			recipients.push({ address: assessor.email, name: assessor.name, language: assessor.locale, key: assessor.id })
		else recipients.push({ address: getEnv().STAFF_MAILBOX, name: null, language: 'nl', key: 'office' })
	}
	for (const recipient of recipients) {
		await enqueueEmail(tx, {
			template: 'conversation_message',
			data: { ...common, language: recipient.language, recipientName: recipient.name, threadUrl },
			to: { address: recipient.address, name: recipient.name },
			dedupeKey: `conversation:${thread.messageId}:${recipient.key}`,
			providerId: thread.providerId,
			participationId: thread.id,
		})
	}
}

/**
 * An attachment of the provider's own thread of `year`: null for a file of another provider, of
 * another year, or not attached to a message at all (the route answers 404).
 */
export async function providerMessageFile(
	providerId: string,
	year: number,
	fileId: string,
): Promise<StoredFile | null> {
	const attachment = await db.messageAttachment.findFirst({
		where: { fileId, message: { participation: { providerId, year } } },
		select: { file: true },
	})
	return attachment?.file ?? null
}
