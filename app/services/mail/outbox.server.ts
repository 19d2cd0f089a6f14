// Mail is written to the outbox in the same transaction as the change it reports: if the change
// rolls back, so does the message; if it commits, the message will be sent (by the worker), once.
import { renderEmail, type EmailTemplateName, type EmailTemplates } from '#emails/index.ts'
import { now } from '#app/lib/clock.server.ts'
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
	const at = now()
	const values = {
		template: email.template,
		dedupeKey: email.dedupeKey ?? null,
		toAddress: email.to.address,
		toName: email.to.name ?? null,
		subject: content.subject,
		html: content.html,
		text: content.text,
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
