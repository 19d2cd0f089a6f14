// PostgreSQL advisory locks on a connection of their own, for work that must not run twice at
// once across instances. The lock dies with the connection, so a crashed process frees it.
import pg from 'pg'

/** Our namespace for advisory locks ('KB'), so the keys cannot collide with anyone else's. */
export const LOCK_NAMESPACE = 0x4b42

/**
 * Waits for the lock, runs the work, frees the lock. Without a connection string (PGlite: one
 * process per database) the work simply runs.
 */
export async function whileHolding<T>(connectionString: string | undefined, name: string, work: () => Promise<T>) {
	if (!connectionString) return work()
	const client = new pg.Client({ connectionString, application_name: `keurmerk:${name}` })
	await client.connect()
	try {
		await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, name])
		return await work()
	} finally {
		await client.end() // closing the session frees the lock
	}
}
