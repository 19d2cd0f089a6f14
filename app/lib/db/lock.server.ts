// Row locks for use cases that read, decide and write one aggregate. On PostgreSQL two requests
// that change the same participation (or provider) must not interleave between the read and the
// write: the first takes the row lock, the second waits for its commit and then reads the new
// state. On PGlite queries already run one at a time; the lock costs nothing there.
import type { Tx } from '../db.server.ts'

/** Locks the participation row until the end of `tx`. */
export async function lockParticipation(tx: Tx, participationId: string): Promise<void> {
	await tx.$queryRaw`SELECT id FROM "Participation" WHERE id = ${participationId} FOR UPDATE`
}

/** Locks the provider row until the end of `tx` (team changes: never leave a provider without a signer). */
export async function lockProvider(tx: Tx, providerId: string): Promise<void> {
	await tx.$queryRaw`SELECT id FROM "Provider" WHERE id = ${providerId} FOR UPDATE`
}
