// ANALYZE for the embedded database, which has no autovacuum (issue 17): only the tables whose
// planner statistics are stale, by autovacuum's own rule — more rows changed since the table's last
// ANALYZE than autovacuum_analyze_threshold + autovacuum_analyze_scale_factor × its rows (50 + 10 %
// by default) — and every table not analysed since the statistics counters began.
//
// The counters (pg_stat_user_tables) work in PGlite, but live in memory: a restart forgets them, and
// with them every table's last ANALYZE. So the first run after a start analyses every table (what
// every run did before), and the runs after it only what changed. What a table's statistics say
// (pg_class.reltuples) does survive a restart: it is what the threshold is measured against.
import { db } from '../db.server.ts'

type Client = Pick<typeof db, '$queryRawUnsafe' | '$executeRawUnsafe'>

/** The tables ANALYZE would change something for now, schema-qualified and quoted, in name order. */
export async function staleTables(client: Client = db): Promise<string[]> {
	// This connection's counts of the last second are not in the shared counters yet: they are sent
	// at the end of this statement, so the next one reads them.
	await client.$executeRawUnsafe('SELECT pg_stat_force_next_flush()')
	const rows = await client.$queryRawUnsafe<{ name: string }[]>(`
		SELECT format('%I.%I', s.schemaname, s.relname) AS name
		FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
		WHERE (s.last_analyze IS NULL AND s.last_autoanalyze IS NULL)
			OR c.reltuples < 0
			OR s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8
				+ current_setting('autovacuum_analyze_scale_factor')::float8 * c.reltuples
		ORDER BY s.schemaname, s.relname`)
	return rows.map((row) => row.name)
}

/** ANALYZEs the stale tables (one statement) and names them. */
export async function analyzeStaleTables(client: Client = db): Promise<string[]> {
	const tables = await staleTables(client)
	if (tables.length > 0) await client.$executeRawUnsafe(`ANALYZE ${tables.join(', ')}`)
	return tables
}
