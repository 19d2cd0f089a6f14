// Mail is written to the outbox in the same transaction as the change it reports: if the change
// rolls back, so does the message; if it commits, the message will be sent (by the worker), once.
//
// Account mails (a password reset, an invitation) carry a personal link that signs its holder in.
// Those never rest readable: `html`/`text` hold the message with the link replaced by
// "[persoonlijke link]" (what staff may read), and the real message is sealed in `sealedContent`,
// which only the worker opens, at send time, and clears once sent (issue 15, finding 1).
import {
	renderEmail,
	renderRedactedEmail,
	type EmailContent,
	type EmailTemplateName,
	type EmailTemplates,
} from '#emails/index.ts'
import { now } from '#app/lib/clock.server.ts'
import { seal, unseal } from '#app/lib/seal.server.ts'
import type { Tx } from '#app/lib/db.server.ts'
import type { PrismaClient } from '#app/generated/prisma/client.ts'

export interface OutgoingEmail<Name extends EmailTemplateName> {
	template: Name
	data: EmailTemplates[Name]
	to: { address: string; name?: string | null }
	/** Same key, one message: scheduled runs use it so a second run sends nothing. */
	dedupeKey?: string
	providerId?: string | null
	participationId?: string | null
	attachments?: { filename: string; fileId: string }[]
}

/** Returns the outbox id, or null when a message with the same dedupeKey already exists. */
export async function enqueueEmail<Name extends EmailTemplateName>(
	tx: Tx | PrismaClient,
	email: OutgoingEmail<Name>,
): Promise<string | null> {
	const content = renderEmail(email.template, email.data)
	const redacted = renderRedactedEmail(email.template, email.data)
	const at = now()
	const values = {
		template: email.template,
		dedupeKey: email.dedupeKey ?? null,
		toAddress: email.to.address,
		toName: email.to.name ?? null,
		subject: content.subject,
		html: (redacted ?? content).html,
		text: (redacted ?? content).text,
		sealedContent: redacted ? sealContent(content) : null,
		attachments: email.attachments ?? [],
		providerId: email.providerId ?? null,
		participationId: email.participationId ?? null,
		nextAttemptAt: at,
		createdAt: at,
	}
	if (!email.dedupeKey) {
		const row = await tx.outboxEmail.create({ data: values, select: { id: true } })
		return row.id
	}
	// ON CONFLICT DO NOTHING, so a duplicate does not abort the surrounding transaction.
	const rows = await tx.outboxEmail.createManyAndReturn({ data: [values], skipDuplicates: true, select: { id: true } })
	return rows[0]?.id ?? null
}

const sealPurpose = 'outbox-content'

function sealContent(content: EmailContent): string {
	return seal(sealPurpose, JSON.stringify({ html: content.html, text: content.text }))
}

/** The real message of an account mail, for the worker only; null when it cannot be opened
 * (tampered with, or SESSION_SECRET changed since the message was queued). */
export function openSealedContent(sealed: string): { html: string; text: string } | null {
	const opened = unseal(sealPurpose, sealed)
	if (opened === null) return null
	const value = JSON.parse(opened) as { html?: unknown; text?: unknown }
	return typeof value.html === 'string' && typeof value.text === 'string'
		? { html: value.html, text: value.text }
		: null
}
