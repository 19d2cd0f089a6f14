import type { Route } from './+types/participations'
import { participationColumns } from './participations.columns.tsx'
import { StaffErrorBoundary, YearPicker } from './ui.tsx'
import { chosenYear } from './year-param.server.ts'
import { DataTable } from '#app/components/data-table/data-table.tsx'
import { filterValues, parseTableQuery } from '#app/components/data-table/table-query.ts'
import { PARTICIPATION_STATES, PROVIDER_TYPES } from '#app/domain/types.ts'
import { useT } from '#app/i18n/react.tsx'
import { requireStaff } from '#app/lib/permissions.server.ts'
import {
	listParticipations,
	participationsTableSpec,
	participationYears,
	staffMembers,
	stateCounts,
} from '#app/services/staff-participations.server.ts'

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const url = new URL(request.url)
	const [years, staff] = await Promise.all([participationYears(), staffMembers()])
	const year = chosenYear(url, years)
	const spec = participationsTableSpec(staff.map((member) => member.id))
	const query = parseTableQuery(url.searchParams, spec)
	const [{ rows, total, page }, counts] = await Promise.all([listParticipations(query, year), stateCounts(query, year)])
	return {
		spec,
		query: { ...query, page },
		rows,
		total,
		counts,
		years,
		year,
		staff: staff.map(({ id, name }) => ({ id, name })),
	}
}

export const meta: Route.MetaFunction = () => [{ title: 'Deelnames · Medewerkers · Keurmerkportaal' }]

export default function Participations({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const { spec, query, rows, total, counts, years, year, staff } = loaderData
	const columns = participationColumns(t)
	return (
		<div className="stack">
			<h1>{t('staff.participationsTitle')}</h1>
			<YearPicker years={years} year={year} allYears />
			<DataTable
				caption={t('staff.participationsTitle')}
				spec={spec}
				query={query}
				columns={columns}
				data={rows}
				total={total}
				getRowId={(row) => row.id}
				searchLabel={t('staff.participationsSearch')}
				csvPath="/medewerkers/deelnames/csv"
				keep={['jaar']}
				filters={[
					{
						id: 'state',
						label: t('staff.columnState'),
						options: PARTICIPATION_STATES.map((state) => ({
							value: state,
							label: t(`states.${state}`),
							count: counts[state] ?? 0,
						})),
					},
					{
						id: 'type',
						label: t('staff.columnType'),
						options: PROVIDER_TYPES.map((type) => ({ value: type, label: t(`states.${type}`) })),
					},
					{ id: 'city', label: t('staff.columnCity') },
					{
						id: 'assessor',
						label: t('staff.columnAssessor'),
						options: [
							{ value: 'none', label: t('staff.noAssessor') },
							...staff.map((member) => ({ value: member.id, label: member.name })),
						],
					},
					{
						id: 'overdue',
						label: t('staff.filterOverdue'),
						options: filterValues(spec, 'overdue').map((kind) => ({
							value: kind,
							label: t(
								kind === 'revision'
									? 'staff.overdueRevision'
									: kind === 'invoice'
										? 'staff.overdueInvoice'
										: 'staff.overdueFirstSubmission',
							),
						})),
					},
				]}
			/>
		</div>
	)
}

export const ErrorBoundary = StaffErrorBoundary
