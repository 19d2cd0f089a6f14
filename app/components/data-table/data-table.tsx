// One table for every staff list (participations, withdrawals, users, audit log, and — after
// issue 7 — invoices, mail and scheduled runs). TanStack Table (v9) keeps the column model,
// visibility, sorting and paging state; the state itself comes from the URL (app/lib/table-query.ts), the
// loader pages on the server, and every control is a link or a GET form, so it works without
// JavaScript. Usage: README.md in this folder.
import {
	type ColumnDef,
	type RowData,
	columnVisibilityFeature,
	rowPaginationFeature,
	rowSortingFeature,
	tableFeatures,
	useTable,
} from '@tanstack/react-table'
import type { ReactNode } from 'react'
import { useLocation } from 'react-router'
import { useT } from '#app/i18n/react.tsx'
import { ColumnHeader } from './column-header.tsx'
import { Pagination } from './pagination.tsx'
import { type FacetedFilter, Toolbar } from './toolbar.tsx'
import type { TableQuery, TableSpec } from '#app/lib/table-query.ts'
import './data-table.css'

export const dataTableFeatures = tableFeatures({ columnVisibilityFeature, rowSortingFeature, rowPaginationFeature })
export type DataTableFeatures = typeof dataTableFeatures

/** A column: a TanStack column definition with an id and a plain-text header (also used by the column chooser). */
export type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData> & {
	id: string
	header: string
	/** Right-aligned numbers, dates in one line… */
	className?: string
}

export interface DataTableProps<TData extends RowData> {
	/** Names the table for screen readers (and is its visible caption). */
	caption: string
	spec: TableSpec
	query: TableQuery
	columns: DataTableColumn<TData>[]
	data: TData[]
	/** Rows matching the filters, over all pages. */
	total: number
	getRowId: (row: TData) => string
	filters?: FacetedFilter[]
	searchLabel?: string
	/** Where the CSV of exactly the filtered rows comes from (the same query string is added). */
	csvPath?: string
	/** Params that are not table state (e.g. the year) and must survive every link and form. */
	keep?: string[]
	emptyText?: string
	toolbarExtra?: ReactNode
}

export function DataTable<TData extends RowData>({
	caption,
	spec,
	query,
	columns,
	data,
	total,
	getRowId,
	filters = [],
	searchLabel,
	csvPath,
	keep = [],
	emptyText,
	toolbarExtra,
}: DataTableProps<TData>) {
	const t = useT()
	const location = useLocation()
	const current = new URLSearchParams(location.search)
	const extra = new URLSearchParams()
	for (const name of keep) for (const value of current.getAll(name)) extra.append(name, value)

	const table = useTable({
		features: dataTableFeatures,
		columns,
		data,
		getRowId,
		manualSorting: true,
		manualPagination: true,
		rowCount: total,
		state: {
			sorting: query.sort,
			columnVisibility: Object.fromEntries(spec.columns.map((id) => [id, query.columns.includes(id)])),
			pagination: { pageIndex: query.page - 1, pageSize: query.pageSize },
		},
	})
	const visible = table.getVisibleLeafColumns()
	const captionId = `${caption.replace(/\W+/g, '-').toLowerCase()}-caption`

	return (
		<div className="data-table stack">
			<Toolbar
				spec={spec}
				query={query}
				filters={filters}
				searchLabel={searchLabel}
				columns={columns.map((column) => ({ id: column.id, label: column.header }))}
				extra={extra}
				csvHref={csvPath ? `${csvPath}${location.search}` : undefined}
			>
				{toolbarExtra}
			</Toolbar>
			<p className="data-table__count" role="status">
				{t('staff.tableCount', { count: total })}
			</p>
			<div className="table-wrapper" tabIndex={0} role="region" aria-labelledby={captionId}>
				<table className="table table--compact">
					<caption id={captionId} className="visually-hidden">
						{caption}
					</caption>
					<thead>
						<tr>
							{visible.map((column) => (
								<ColumnHeader
									key={column.id}
									id={column.id}
									label={(column.columnDef as DataTableColumn<TData>).header}
									spec={spec}
									query={query}
									extra={extra}
									className={(column.columnDef as DataTableColumn<TData>).className}
								/>
							))}
						</tr>
					</thead>
					<tbody>
						{table.getRowModel().rows.map((row) => (
							<tr key={row.id}>
								{row.getVisibleCells().map((cell) => (
									<td key={cell.id} className={(cell.column.columnDef as DataTableColumn<TData>).className}>
										<table.FlexRender cell={cell} />
									</td>
								))}
							</tr>
						))}
						{data.length === 0 ? (
							<tr>
								<td colSpan={visible.length} className="empty-state">
									{emptyText ?? t('staff.tableEmpty')}
								</td>
							</tr>
						) : null}
					</tbody>
				</table>
			</div>
			<Pagination spec={spec} query={query} total={total} extra={extra} />
		</div>
	)
}
