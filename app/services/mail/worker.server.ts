// The outbox worker (docs/decisions/004-outbox-mail.md): claims due messages atomically, sends
// them over SMTP and records the outcome. A claim is one UPDATE … WHERE id IN (SELECT … FOR UPDATE
// SKIP LOCKED): two workers never claim the same row, so a message is never sent twice, and a row
// claimed by a worker that crashed comes back once its lock has expired, so none is lost.
//
// All times are the portal's clock (`now()`): messages are written at that clock, so a demo that
// runs in next March sends them in next March's order.
import nodemailer, { type Transporter } from 'nodemailer'
import { Prisma } from '#app/generated/prisma/client.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { log } from '#app/lib/log.server.ts'
import { type Repeating, repeatEvery } from '#app/lib/repeat.server.ts'
import { beat, stopBeating } from '#app/lib/heartbeat.server.ts'
import { readStoredFile } from '#app/lib/storage.server.ts'
import { type Actor, recordAudit } from '../audit.server.ts'
import { openSealedContent } from './outbox.server.ts'

/** After this many failed attempts a message is `failed`: visible to staff, retried only by hand. */
export const MAX_ATTEMPTS = 12
/** How long a claim holds; a worker that crashed releases its messages after this. */
export const CLAIM_LOCK_MS = 5 * 60_000
const BACKOFF_BASE_MS = 60_000
const BACKOFF_MAX_MS = 4 * 60 * 60_000

/** The wait before attempt `attempts + 1`: 1, 2, 4 … minutes, at most 4 hours (about 16 hours in all). */
export function backoffMs(attempts: number): number {
	return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1))
}

export type MailTransport = Pick<Transporter, 'sendMail'>

/** A nodemailer SMTP transport for `smtp://user:pass@host:587` or `smtps://…`. */
export function createMailTransport(url: string): Transporter {
	// Short timeouts: a hanging server must fail this attempt well within the claim's lock.
	return nodemailer.createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 })
}

interface ClaimedEmail {
	id: string
	template: string
	toAddress: string
	toName: string | null
	subject: string
	html: string
	text: string
	sealedContent: string | null
	attachments: Prisma.JsonValue
	attempts: number
}

/** Claims up to `limit` due messages at `at` (pending and due, or sending with an expired lock). */
export async function claimDueEmails(at: Date, limit: number, toAddress?: string): Promise<ClaimedEmail[]> {
	const lockedUntil = new Date(at.getTime() + CLAIM_LOCK_MS)
	const onlyTo = toAddress === undefined ? Prisma.empty : Prisma.sql`AND "toAddress" = ${toAddress}`
	return db.$queryRaw<ClaimedEmail[]>`
		UPDATE "OutboxEmail" SET status = 'sending', "lockedUntil" = ${lockedUntil}
		WHERE id IN (
			SELECT id FROM "OutboxEmail"
			WHERE ((status = 'pending' AND "nextAttemptAt" <= ${at})
				OR (status = 'sending' AND "lockedUntil" < ${at})) ${onlyTo}
			ORDER BY "nextAttemptAt", "createdAt", id
			LIMIT ${limit}
			FOR UPDATE SKIP LOCKED
		)
		RETURNING id, template, "toAddress", "toName", subject, html, text, "sealedContent", attachments, attempts`
}

export interface DrainResult {
	sent: number
	retried: number
	failed: number
}

export interface DrainOptions {
	from?: string
	batchSize?: number
	/** Stop after this many batches (a worker tick); default: until nothing is due. */
	maxBatches?: number
	/** Only messages to this address (end-to-end tests send one person's mail). */
	toAddress?: string
}

/** Sends every due message once. Safe to run in several processes at the same time. */
export async function drainOutbox(transport: MailTransport, options: DrainOptions = {}): Promise<DrainResult> {
	const { batchSize = 20, maxBatches = Number.POSITIVE_INFINITY } = options
	const from = options.from ?? getEnv().MAIL_FROM
	const result: DrainResult = { sent: 0, retried: 0, failed: 0 }
	for (let batch = 0; batch < maxBatches; batch++) {
		const claimed = await claimDueEmails(now(), batchSize, options.toAddress)
		if (claimed.length === 0) break
		for (const email of claimed) {
			const outcome = await deliver(transport, from, email)
			result[outcome] += 1
		}
	}
	return result
}

async function deliver(transport: MailTransport, from: string, email: ClaimedEmail): Promise<keyof DrainResult> {
	const attempt = email.attempts + 1
	try {
		const content = contentToSend(email)
		const info = (await transport.sendMail({
			from,
			to: { name: email.toName ?? '', address: email.toAddress },
			subject: email.subject,
			html: content.html,
			text: content.text,
			attachments: await resolveAttachments(email.attachments),
			// Our own Message-ID: should a crash ever make us send a message again, the receiver sees the same ID.
			messageId: `<${email.id}@${messageIdDomain()}>`,
			headers: { 'Auto-Submitted': 'auto-generated', 'X-Keurmerk-Template': email.template },
		})) as { messageId?: string }
		await db.outboxEmail.updateMany({
			where: { id: email.id, status: 'sending' },
			data: {
				status: 'sent',
				sentAt: now(),
				// Sent: the personal link no longer needs to rest anywhere, not even sealed.
				sealedContent: null,
				messageId: info.messageId ?? null,
				attempts: attempt,
				lockedUntil: null,
				lastError: null,
			},
		})
		return 'sent'
	} catch (error) {
		const permanent = isPermanent(error)
		const giveUp = permanent || attempt >= MAX_ATTEMPTS
		const message = describeError(error)
		await db.outboxEmail.updateMany({
			where: { id: email.id, status: 'sending' },
			data: {
				status: giveUp ? 'failed' : 'pending',
				attempts: attempt,
				lockedUntil: null,
				lastError: message,
				nextAttemptAt: giveUp ? undefined : new Date(now().getTime() + backoffMs(attempt)),
			},
		})
		log.warn(`mail ${email.id} (${email.template}) poging ${attempt}: ${message}${giveUp ? ' — opgegeven' : ''}`)
		return giveUp ? 'failed' : 'retried'
	}
}

class AttachmentMissing extends Error {}
class SealUnreadable extends Error {}

/** What goes out: the sealed real message of an account mail, opened only now, or the stored one. */
function contentToSend(email: ClaimedEmail): { html: string; text: string } {
	if (email.sealedContent === null) return { html: email.html, text: email.text }
	const opened = openSealedContent(email.sealedContent)
	// Sending the redacted body would mail a useless "[persoonlijke link]"; the user asks again.
	if (!opened) throw new SealUnreadable('sealed content cannot be opened (SESSION_SECRET changed?)')
	return opened
}

async function resolveAttachments(value: Prisma.JsonValue) {
	const list = Array.isArray(value) ? (value as { filename?: unknown; fileId?: unknown }[]) : []
	const attachments = []
	for (const item of list) {
		if (typeof item.fileId !== 'string') continue
		const file = await db.storedFile.findUnique({ where: { id: item.fileId } })
		if (!file) throw new AttachmentMissing(`attachment ${item.fileId} no longer exists`)
		attachments.push({
			filename: typeof item.filename === 'string' ? item.filename : file.originalName,
			content: await readStoredFile(file),
			contentType: file.mimeType,
		})
	}
	return attachments
}

// A 5xx reply (unknown mailbox, refused message) will not change by trying again; a missing
// attachment neither. Connection problems and 4xx replies are worth another attempt.
function isPermanent(error: unknown): boolean {
	if (error instanceof AttachmentMissing || error instanceof SealUnreadable) return true
	const code = (error as { responseCode?: unknown } | null)?.responseCode
	return typeof code === 'number' && code >= 500 && code < 600
}

function describeError(error: unknown): string {
	if (!(error instanceof Error)) return String(error)
	const details = error as Error & { code?: string; responseCode?: number; response?: string }
	const parts = [details.message]
	if (details.code && !details.message.includes(details.code)) parts.push(`(${details.code})`)
	return parts.join(' ').slice(0, 1000)
}

function messageIdDomain(): string {
	try {
		return new URL(getEnv().APP_URL).hostname || 'keurmerkportaal'
	} catch {
		return 'keurmerkportaal'
	}
}

// --- staff actions ---

/** Staff send a failed message again (a fresh series of attempts). Returns false if it was not failed. */
export async function retryEmail(id: string, actor: Actor): Promise<boolean> {
	return db.$transaction(async (tx) => {
		const retried = await tx.outboxEmail.updateMany({
			where: { id, status: 'failed' },
			data: { status: 'pending', attempts: 0, nextAttemptAt: now(), lockedUntil: null },
		})
		if (retried.count === 0) return false
		const email = await tx.outboxEmail.findUniqueOrThrow({
			where: { id },
			select: { providerId: true, participationId: true, lastError: true },
		})
		await recordAudit(tx, {
			actor,
			action: 'mail.retry',
			entityType: 'OutboxEmail',
			entityId: id,
			providerId: email.providerId,
			participationId: email.participationId,
			before: { status: 'failed', lastError: email.lastError },
			after: { status: 'pending' },
		})
		return true
	})
}

/** Every failed message at once, e.g. after the SMTP settings were fixed. Returns how many. */
export async function retryAllFailedEmails(actor: Actor): Promise<number> {
	const failed = await db.outboxEmail.findMany({ where: { status: 'failed' }, select: { id: true } })
	let count = 0
	for (const { id } of failed) if (await retryEmail(id, actor)) count += 1
	return count
}

// --- the in-process worker ---

export type RunningWorker = Repeating

/** Polls the outbox every `intervalMs`. Started by server/startup.ts when SMTP_URL is set. */
export function startMailWorker(
	transport: MailTransport,
	{ intervalMs = 15_000 }: { intervalMs?: number } = {},
): RunningWorker {
	beat('mail-worker', intervalMs)
	const running = repeatEvery(intervalMs, () => {
		beat('mail-worker', intervalMs)
		return drainOutbox(transport, { maxBatches: 10 })
			.then((result) => {
				if (result.sent || result.retried || result.failed)
					log.info(`mail: ${result.sent} sent, ${result.retried} to retry, ${result.failed} failed`)
			})
			.catch((error: unknown) => log.error(`mail: ${error instanceof Error ? error.message : String(error)}`))
	})
	return {
		tick: running.tick,
		async stop() {
			await running.stop()
			stopBeating('mail-worker')
		},
	}
}
