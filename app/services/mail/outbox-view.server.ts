// What staff see of the outbox: every message with its state, failures with their error, and the
// message itself (in demo mode, without SMTP, this is where mail can be read).
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

export async function outboxMessage(id: string) {
	const message = await db.outboxEmail.findUnique({
		where: { id },
		include: { provider: { select: { id: true, name: true } }, participation: { select: { id: true, year: true } } },
	})
	if (!message) return null
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
