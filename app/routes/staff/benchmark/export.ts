// The field's aggregated figures of a year as CSV (Dutch Excel): one row per indicator and
// comparison group of at least the minimum size. No carrier appears in it.
import type { Route } from './+types/export'
import { csvResponse, toCsv } from '#app/components/data-table/csv.ts'
import { notFound } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { aggregateCsvColumns } from '#app/services/benchmark-open-data.server.ts'
import { aggregateRows } from '#app/services/benchmark.server.ts'

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const year = Number(new URL(request.url).searchParams.get('jaar'))
	if (!Number.isInteger(year) || year < 2000 || year > 2100) notFound()
	const aggregates = await aggregateRows(year)
	if (!aggregates) notFound()
	return csvResponse(`spiegelrapportage-${year}-cijfers.csv`, toCsv(aggregateCsvColumns(true), aggregates.rows))
}
