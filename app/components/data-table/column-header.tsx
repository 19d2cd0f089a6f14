import { Link } from 'react-router'
import { useT } from '#app/i18n/react.tsx'
import { nextSort, type TableQuery, type TableSpec, tableHref } from '#app/lib/table-query.ts'

/** A header cell; sortable columns are links that cycle ascending → descending → default. */
export function ColumnHeader({
	id,
	label,
	spec,
	query,
	extra,
	className,
}: {
	id: string
	label: string
	spec: TableSpec
	query: TableQuery
	extra: URLSearchParams
	className?: string
}) {
	const t = useT()
	const sorted = query.sort[0]?.id === id ? (query.sort[0].desc ? 'descending' : 'ascending') : undefined
	if (!spec.sortable.includes(id)) {
		return (
			<th scope="col" className={className}>
				{label}
			</th>
		)
	}
	return (
		<th scope="col" className={className} aria-sort={sorted ?? 'none'}>
			<Link
				to={tableHref(query, spec, { sort: nextSort(query, spec, id) }, extra)}
				className="data-table__sort"
				preventScrollReset
			>
				{label}
				<span aria-hidden="true" className="data-table__sort-icon">
					{sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
				</span>
				<span className="visually-hidden">
					{sorted === 'ascending'
						? t('staff.tableSortedAscending')
						: sorted === 'descending'
							? t('staff.tableSortedDescending')
							: t('staff.tableSortable')}
				</span>
			</Link>
		</th>
	)
}
