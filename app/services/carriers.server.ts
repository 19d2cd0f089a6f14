// Who is a carrier at a moment: a provider with a participation whose materialised register window
// (listedFrom ≤ at < listedUntil) holds. Used by the consultation (carriers react) and the
// kennisnetwerk (only carriers take part).
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { db, type Tx } from '#app/lib/db.server.ts'

export function inRegisterAt(at: Date) {
	return {
		listedFrom: { lte: at },
		OR: [{ listedUntil: null }, { listedUntil: { gt: at } }],
	}
}

export async function isCarrierAt(providerId: string, at: Date, client: Tx | PrismaClient = db): Promise<boolean> {
	const row = await client.participation.findFirst({
		where: { providerId, ...inRegisterAt(at) },
		select: { id: true },
	})
	return row !== null
}

/** The ids of the providers among `providerIds` that are carriers at `at`. */
export async function carriersAmong(
	providerIds: readonly string[],
	at: Date,
	client: Tx | PrismaClient = db,
): Promise<Set<string>> {
	if (providerIds.length === 0) return new Set()
	const rows = await client.participation.findMany({
		where: { providerId: { in: [...providerIds] }, ...inRegisterAt(at) },
		select: { providerId: true },
	})
	return new Set(rows.map((row) => row.providerId))
}
