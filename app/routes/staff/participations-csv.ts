import type { Route } from './+types/participations-csv'
import { participationsCsv } from './participations-csv.server.ts'
import { chosenYear } from './year-param.server.ts'
import { csvResponse } from '#app/lib/csv.ts'
import { parseTableQuery } from '#app/lib/table-query.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { participationsTableSpec, participationYears, staffMembers } from '#app/services/staff-participations.server.ts'

// The CSV of exactly the rows the table's filters select (the same query string, no paging).
export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const url = new URL(request.url)
	const [years, staff] = await Promise.all([participationYears(), staffMembers()])
	const year = chosenYear(url, years)
	const query = parseTableQuery(url.searchParams, participationsTableSpec(staff.map((member) => member.id)))
	return csvResponse(`deelnames-${year ?? 'alle-jaren'}.csv`, await participationsCsv(query, year))
}
