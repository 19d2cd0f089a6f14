// What staff see of the outbox: every message with its state, failures with their error, and the
// message itself (in demo mode, without SMTP, this is where mail can be read).
//
// Account mails (reset, invitation) are stored redacted anyway; their bodies are for admins only,
// not assessors (issue 15, finding 1), and the sealed real message never leaves the service.
import { isAccountMail } from '#emails/index.ts'
import type { OutboxStatus, Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/lib/db.server.ts'

export interface OutboxFilters {
	/** Any of these statuses / templates. */
	status?: OutboxStatus | readonly OutboxStatus[]
	template?: string | readonly string[]
	/** Recipient address or subject. */
	q?: string
}

function outboxWhere({ status, template, q }: OutboxFilters): Prisma.OutboxEmailWhereInput {
	return {
		...(status?.length ? { status: { in: typeof status === 'string' ? [status] : [...status] } } : {}),
		...(template?.length ? { template: { in: typeof template === 'string' ? [template] : [...template] } } : {}),
		...(q
			? {
					OR: [
						{ toAddress: { contains: q, mode: 'insensitive' } },
						{ subject: { contains: q, mode: 'insensitive' } },
						{ provider: { name: { contains: q, mode: 'insensitive' } } },
					],
				}
			: {}),
	}
}

export async function listOutbox(
	filters: OutboxFilters,
	{
		page,
		pageSize,
		orderBy = [{ createdAt: 'desc' }],
	}: { page: number; pageSize: number; orderBy?: Prisma.OutboxEmailOrderByWithRelationInput[] },
) {
	const where = outboxWhere(filters)
	const [rows, total, byStatus] = await Promise.all([
		db.outboxEmail.findMany({
			where,
			orderBy: [...orderBy, { id: 'desc' }],
			skip: (page - 1) * pageSize,
			take: pageSize,
			select: {
				id: true,
				template: true,
				toAddress: true,
				toName: true,
				subject: true,
				status: true,
				attempts: true,
				lastError: true,
				nextAttemptAt: true,
				sentAt: true,
				createdAt: true,
				provider: { select: { name: true } },
			},
		}),
		db.outboxEmail.count({ where }),
		db.outboxEmail.groupBy({ by: ['status'], _count: { _all: true } }),
	])
	const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 }
	for (const row of byStatus) counts[row.status] = row._count._all
	return { rows, total, counts }
}

/** One message for a staff member; null (a 404) when it does not exist, or when it is an account
 * mail and the reader is not an admin. */
export async function outboxMessage(id: string, reader: { staffRole: 'assessor' | 'admin' }) {
	const found = await db.outboxEmail.findUnique({
		where: { id },
		include: { provider: { select: { id: true, name: true } }, participation: { select: { id: true, year: true } } },
	})
	if (!found) return null
	if (isAccountMail(found.template) && reader.staffRole !== 'admin') return null
	const { sealedContent: _sealed, ...message } = found
	const attachments = Array.isArray(message.attachments)
		? (message.attachments as { filename?: string; fileId?: string }[])
		: []
	return {
		...message,
		attachments: attachments.map((item) => ({
			filename: String(item.filename ?? ''),
			fileId: String(item.fileId ?? ''),
		})),
	}
}
