// The append-only audit trail (DOMAIN.md §2): who did what, when, to what, why, and the state
// before and after. Written inside the transaction of the change itself.
import type { ActorType, Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import { now } from '#app/lib/clock.server.ts'
import type { Tx } from '#app/lib/db.server.ts'

export interface Actor {
	type: ActorType
	userId: string | null
	ip?: string | null
}

export const systemActor: Actor = { type: 'system', userId: null }

export interface AuditInput {
	actor: Actor
	action: string
	entityType: string
	entityId: string
	providerId?: string | null
	participationId?: string | null
	before?: unknown
	after?: unknown
	reason?: string | null
	at?: Date
}

export async function recordAudit(tx: Tx | PrismaClient, input: AuditInput): Promise<void> {
	await tx.auditEvent.create({
		data: {
			at: input.at ?? now(),
			actorType: input.actor.type,
			actorUserId: input.actor.userId,
			ip: input.actor.ip ?? null,
			action: input.action,
			entityType: input.entityType,
			entityId: input.entityId,
			providerId: input.providerId ?? null,
			participationId: input.participationId ?? null,
			before: toJson(input.before),
			after: toJson(input.after),
			reason: input.reason ?? null,
		},
	})
}

// BigInt and Date are not JSON: store them as strings so the record stays readable.
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
	if (value === undefined || value === null) return undefined
	return JSON.parse(
		JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner)),
	) as Prisma.InputJsonValue
}
