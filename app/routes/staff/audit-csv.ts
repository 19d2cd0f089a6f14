import type { Route } from './+types/audit-csv'
import { csvResponse } from '#app/lib/csv.ts'
import { parseTableQuery } from '#app/lib/table-query.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { auditCsv, auditFacets, auditTableSpec } from '#app/services/audit-log.server.ts'

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const facets = await auditFacets()
	const query = parseTableQuery(new URL(request.url).searchParams, auditTableSpec(facets.actions, facets.entityTypes))
	return csvResponse('auditlog.csv', await auditCsv(query))
}
