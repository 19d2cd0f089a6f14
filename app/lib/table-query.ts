// The state of a DataTable (page, page size, sorting, filters, search, visible columns) lives in
// the URL's search params, so the loader does the work (server-side paging), links are shareable
// and everything works without JavaScript. This module is shared by server and browser: it parses
// the params against a table's spec (unknown values are dropped, never trusted) and builds links.

export interface FilterSpec {
	/** The search param, e.g. 'state'. Repeated for several values: ?state=listed&state=submitted. */
	id: string
	/** `options`: a checkbox list of known values; `text`: a free text (e.g. a city). */
	kind: 'options' | 'text'
	/** Allowed values for `options` (the labels live with the component). */
	values?: readonly string[]
}

export interface TableSpec {
	/** Column ids the user may sort by (the loader maps them to an ORDER BY). */
	sortable: readonly string[]
	defaultSort: SortKey[]
	filters: readonly FilterSpec[]
	/** Every column id; the column chooser may hide all but `alwaysVisible`. */
	columns: readonly string[]
	defaultHidden?: readonly string[]
	alwaysVisible?: readonly string[]
	pageSizes?: readonly number[]
	defaultPageSize?: number
}

export interface SortKey {
	id: string
	desc: boolean
}

export interface TableQuery {
	/** 1-based, as in the URL. */
	page: number
	pageSize: number
	sort: SortKey[]
	filters: Record<string, string[]>
	search: string
	/** Visible column ids, in spec order. */
	columns: string[]
}

export const PAGE_SIZES = [25, 50, 100] as const
const MAX_SEARCH = 200
// Control characters never belong in a search or filter; NUL in a query made PostgreSQL refuse it
// (a 500 on every staff list, found by the fuzz run of issue 15).
// eslint-disable-next-line no-control-regex -- finding these is the point
const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/g

/** A search or filter text as typed: without control characters, trimmed, capped. */
function searchText(value: string): string {
	return value.replace(controlCharacters, '').trim().slice(0, MAX_SEARCH)
}

/** Reads the table state from the URL. Everything unknown falls back to the spec's defaults. */
export function parseTableQuery(params: URLSearchParams, spec: TableSpec): TableQuery {
	const pageSizes = spec.pageSizes ?? PAGE_SIZES
	const defaultSize = spec.defaultPageSize ?? pageSizes[0] ?? 25
	const size = Number(params.get('per'))
	const pageSize = pageSizes.includes(size) ? size : defaultSize
	const page = Math.max(1, Math.min(1_000_000, Math.trunc(Number(params.get('pagina'))) || 1))

	const sort = (params.get('sort') ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => ({ id: part.replace(/^-/, ''), desc: part.startsWith('-') }))
		.filter((key) => spec.sortable.includes(key.id))
		.slice(0, 3)

	const filters: Record<string, string[]> = {}
	for (const filter of spec.filters) {
		const raw = params.getAll(filter.id).map(searchText).filter(Boolean)
		const values = filter.kind === 'options' ? raw.filter((value) => filter.values?.includes(value)) : raw.slice(0, 1)
		if (values.length > 0) filters[filter.id] = [...new Set(values)]
	}

	const chosen = params.getAll('kolom').filter((id) => spec.columns.includes(id))
	const columns =
		chosen.length > 0
			? spec.columns.filter((id) => chosen.includes(id) || spec.alwaysVisible?.includes(id))
			: spec.columns.filter((id) => !spec.defaultHidden?.includes(id))

	return {
		page,
		pageSize,
		sort: sort.length > 0 ? sort : spec.defaultSort,
		filters,
		search: searchText(params.get('q') ?? ''),
		columns,
	}
}

/** The search params for a table state; defaults are left out so links stay short. */
export function tableSearchParams(query: TableQuery, spec: TableSpec, extra?: URLSearchParams): URLSearchParams {
	const params = new URLSearchParams(extra)
	for (const name of ['q', 'pagina', 'per', 'sort', 'kolom', ...spec.filters.map((filter) => filter.id)])
		params.delete(name)
	if (query.search) params.set('q', query.search)
	for (const [id, values] of Object.entries(query.filters)) for (const value of values) params.append(id, value)
	const sort = query.sort.map((key) => `${key.desc ? '-' : ''}${key.id}`).join(',')
	if (sort !== spec.defaultSort.map((key) => `${key.desc ? '-' : ''}${key.id}`).join(',')) params.set('sort', sort)
	const defaultColumns = spec.columns.filter((id) => !spec.defaultHidden?.includes(id))
	if (query.columns.join(',') !== defaultColumns.join(',')) for (const id of query.columns) params.append('kolom', id)
	if (query.pageSize !== (spec.defaultPageSize ?? (spec.pageSizes ?? PAGE_SIZES)[0]))
		params.set('per', String(query.pageSize))
	if (query.page > 1) params.set('pagina', String(query.page))
	return params
}

/** `?…` for the table state with some changes; a change of filter, search or sort returns to page 1. */
export function tableHref(
	query: TableQuery,
	spec: TableSpec,
	changes: Partial<TableQuery>,
	extra?: URLSearchParams,
): string {
	const resetsPage = 'filters' in changes || 'search' in changes || 'sort' in changes || 'pageSize' in changes
	const next: TableQuery = { ...query, ...changes, page: changes.page ?? (resetsPage ? 1 : query.page) }
	const search = tableSearchParams(next, spec, extra).toString()
	return search ? `?${search}` : '?'
}

/** The sort after clicking a column header: ascending, then descending, then back to the default. */
export function nextSort(query: TableQuery, spec: TableSpec, id: string): SortKey[] {
	const current = query.sort[0]
	if (current?.id !== id) return [{ id, desc: false }]
	if (!current.desc) return [{ id, desc: true }]
	return spec.defaultSort
}

export function pageCount(total: number, pageSize: number): number {
	return Math.max(1, Math.ceil(total / pageSize))
}

/** Offset and limit for the database; a page beyond the end shows the last page. */
export function pageWindow(query: TableQuery, total: number): { skip: number; take: number; page: number } {
	const page = Math.min(query.page, pageCount(total, query.pageSize))
	return { skip: (page - 1) * query.pageSize, take: query.pageSize, page }
}

/** The allowed values of an options filter (the loader's spec is the single source). */
export function filterValues(spec: TableSpec, id: string): readonly string[] {
	return spec.filters.find((filter) => filter.id === id)?.values ?? []
}
