// One statement on the PostgreSQL server the instance tests run against (TEST_DATABASE_URL), on a
// connection of its own: creating and dropping each test's database.
import pg from 'pg'

export async function admin(adminUrl: string, sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: adminUrl })
	await client.connect()
	try {
		await client.query(sql)
	} finally {
		await client.end()
	}
}
