// Work that must run on one instance at a time across every process on one PostgreSQL (the
// scheduled runs): a session-level advisory lock on a connection of its own, held while the work
// runs. If the process dies, PostgreSQL closes the connection and frees the lock, so another
// instance leads on its next try; nobody waits for a lock, a busy lock just means "someone else".
// PGlite is one process's database (the directory lock): that process always leads.
import pg from 'pg'
import { getDatabase } from '../db.server.ts'

/** Our namespace for advisory locks ('KB'), so the keys cannot collide with anyone else's. */
const NAMESPACE = 0x4b42

export type Led<T> = { led: true; value: T } | { led: false }

export async function withLeadership<T>(name: string, work: () => Promise<T>): Promise<Led<T>> {
	const database = getDatabase()
	if (!database.connectionString) return { led: true, value: await work() }
	const client = new pg.Client({ connectionString: database.connectionString, application_name: `keurmerk:${name}` })
	await client.connect()
	try {
		const { rows } = await client.query<{ locked: boolean }>(
			'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
			[NAMESPACE, name],
		)
		if (!rows[0]?.locked) return { led: false }
		try {
			return { led: true, value: await work() }
		} finally {
			await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [NAMESPACE, name])
		}
	} finally {
		await client.end()
	}
}
