import { Link } from 'react-router'
import { useT } from '#app/i18n/react.tsx'
import { pageCount, type TableQuery, type TableSpec, tableHref } from '#app/lib/table-query.ts'

export function Pagination({
	spec,
	query,
	total,
	extra,
}: {
	spec: TableSpec
	query: TableQuery
	total: number
	extra: URLSearchParams
}) {
	const t = useT()
	const pages = pageCount(total, query.pageSize)
	const page = Math.min(query.page, pages)
	if (pages <= 1) return null
	const link = (target: number, label: string, rel?: string) =>
		target < 1 || target > pages || target === page ? (
			<span className="data-table__page data-table__page--disabled" aria-disabled="true">
				{label}
			</span>
		) : (
			<Link to={tableHref(query, spec, { page: target }, extra)} className="data-table__page" rel={rel}>
				{label}
			</Link>
		)
	return (
		<nav className="data-table__pagination" aria-label={t('staff.tablePagination')}>
			{link(1, t('staff.tableFirst'))}
			{link(page - 1, t('staff.tablePrevious'), 'prev')}
			<span aria-current="page">{t('staff.tablePageOf', { page, pages })}</span>
			{link(page + 1, t('staff.tableNext'), 'next')}
			{link(pages, t('staff.tableLast'))}
		</nav>
	)
}
