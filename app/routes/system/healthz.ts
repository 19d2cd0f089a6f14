import { db, getDatabase } from '#app/lib/db.server.ts'

// For load balancers and the CI smoke test: the process runs and the database answers.
export async function loader() {
	try {
		await db.$queryRaw`SELECT 1`
		return Response.json({ status: 'ok', database: getDatabase().kind }, { headers: { 'Cache-Control': 'no-store' } })
	} catch {
		return Response.json({ status: 'error' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
	}
}
