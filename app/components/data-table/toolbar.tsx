import { type ReactNode, useEffect, useRef } from 'react'
import { Form, Link, useSubmit } from 'react-router'
import { useT } from '#app/i18n/react.tsx'
import { PAGE_SIZES, type TableQuery, type TableSpec } from '#app/lib/table-query.ts'

export interface FacetedFilter {
	id: string
	label: string
	/** For `options` filters: the values with their labels (and optionally counts). */
	options?: { value: string; label: string; count?: number }[]
}

/**
 * Ticks in quick succession are one choice: the form is submitted this long after the last change,
 * as it is then. (Submitting at every tick lost the second of two quick ticks, issue 12 §8.)
 */
const CHOICE_PAUSE_MS = 450

/**
 * Search, faceted filters, column chooser and page size in one GET form: submitting it is a
 * navigation to the new URL ("Toepassen" without JavaScript). With JavaScript, a change of a box
 * or a select submits the whole form after a short pause.
 */
export function Toolbar({
	spec,
	query,
	filters,
	searchLabel,
	columns,
	extra,
	csvHref,
	children,
}: {
	spec: TableSpec
	query: TableQuery
	filters: FacetedFilter[]
	searchLabel?: string
	columns: { id: string; label: string }[]
	extra: URLSearchParams
	csvHref?: string
	children?: ReactNode
}) {
	const t = useT()
	const submit = useSubmit()
	const form = useRef<HTMLFormElement>(null)
	const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
	useEffect(() => () => clearTimeout(pending.current), [])
	// An open facet is a dropdown over the toolbar: a click elsewhere or Escape closes it, as a
	// menu would (without JavaScript it stays a disclosure that the summary closes).
	useEffect(() => {
		const closeFacets = (except?: EventTarget | null) => {
			for (const facet of form.current?.querySelectorAll<HTMLDetailsElement>('details.data-table__facet[open]') ?? []) {
				if (!(except instanceof Node && facet.contains(except))) facet.open = false
			}
		}
		const onClick = (event: MouseEvent) => closeFacets(event.target)
		const onKey = (event: KeyboardEvent) => {
			if (event.key !== 'Escape') return
			const open = form.current?.querySelector<HTMLDetailsElement>('details.data-table__facet[open]')
			if (!open) return
			closeFacets()
			open.querySelector('summary')?.focus()
		}
		document.addEventListener('click', onClick)
		document.addEventListener('keydown', onKey)
		return () => {
			document.removeEventListener('click', onClick)
			document.removeEventListener('keydown', onKey)
		}
	}, [])
	const active = Object.keys(query.filters).length > 0 || query.search !== ''
	const sort = query.sort.map((key) => `${key.desc ? '-' : ''}${key.id}`).join(',')
	const keepSearch = new URLSearchParams(extra)
	return (
		<Form
			ref={form}
			method="get"
			className="data-table__toolbar"
			preventScrollReset
			onChange={(event) => {
				// Text fields wait for Enter or the button; boxes and selects apply after a pause,
				// reading every box of the form at that moment.
				const type = (event.target as unknown as HTMLInputElement).type
				if (type === 'search' || type === 'text') return
				clearTimeout(pending.current)
				pending.current = setTimeout(() => {
					if (form.current) void submit(form.current, { preventScrollReset: true, replace: true })
				}, CHOICE_PAUSE_MS)
			}}
			onSubmit={() => clearTimeout(pending.current)}
		>
			{[...keepSearch.entries()].map(([name, value]) => (
				<input key={`${name}=${value}`} type="hidden" name={name} value={value} />
			))}
			{sort ? <input type="hidden" name="sort" value={sort} /> : null}
			<div className="data-table__search field">
				<label htmlFor="table-search" className="field__label">
					{searchLabel ?? t('staff.tableSearch')}
				</label>
				<input id="table-search" type="search" name="q" className="input" defaultValue={query.search} />
			</div>
			{filters.map((filter) => {
				const spec_ = spec.filters.find((candidate) => candidate.id === filter.id)
				const chosen = query.filters[filter.id] ?? []
				if (spec_?.kind === 'text') {
					return (
						<div key={filter.id} className="field data-table__text-filter">
							<label htmlFor={`filter-${filter.id}`} className="field__label">
								{filter.label}
							</label>
							<input
								id={`filter-${filter.id}`}
								type="text"
								name={filter.id}
								className="input"
								defaultValue={chosen[0] ?? ''}
							/>
						</div>
					)
				}
				return (
					<details key={filter.id} className="data-table__facet" open={chosen.length > 0 ? undefined : undefined}>
						<summary>
							{filter.label}
							{chosen.length > 0 ? <span className="badge badge--info">{chosen.length}</span> : null}
						</summary>
						<fieldset>
							<legend className="visually-hidden">{filter.label}</legend>
							{filter.options?.map((option) => (
								<label key={option.value} className="data-table__option">
									<input
										type="checkbox"
										name={filter.id}
										value={option.value}
										defaultChecked={chosen.includes(option.value)}
									/>
									{option.label}
									{option.count !== undefined ? <span className="data-table__option-count">{option.count}</span> : null}
								</label>
							))}
						</fieldset>
					</details>
				)
			})}
			<details className="data-table__facet">
				<summary>{t('staff.tableColumns')}</summary>
				<fieldset>
					<legend className="visually-hidden">{t('staff.tableColumns')}</legend>
					{columns.map((column) => (
						<label key={column.id} className="data-table__option">
							<input
								type="checkbox"
								name="kolom"
								value={column.id}
								defaultChecked={query.columns.includes(column.id)}
								disabled={spec.alwaysVisible?.includes(column.id)}
							/>
							{column.label}
						</label>
					))}
					{spec.alwaysVisible?.map((id) => (
						<input key={id} type="hidden" name="kolom" value={id} />
					))}
				</fieldset>
			</details>
			<div className="field data-table__page-size">
				<label htmlFor="table-per" className="field__label">
					{t('staff.tablePageSize')}
				</label>
				<select id="table-per" name="per" className="input input--select" defaultValue={String(query.pageSize)}>
					{(spec.pageSizes ?? PAGE_SIZES).map((size) => (
						<option key={size} value={size}>
							{size}
						</option>
					))}
				</select>
			</div>
			<div className="button-row data-table__actions">
				<button type="submit" className="button button--small">
					{t('staff.tableApply')}
				</button>
				{active ? (
					<Link to={`?${keepSearch.toString()}`} className="button button--small">
						{t('staff.tableReset')}
					</Link>
				) : null}
				{csvHref ? (
					<a href={csvHref} className="button button--small" download>
						{t('staff.tableCsv')}
					</a>
				) : null}
				{children}
			</div>
		</Form>
	)
}
