import { Form, href, Link } from 'react-router'
import type { Route } from './+types/register'
import { PublicErrorBoundary, RegisterStatusBadge, StatusLegend } from './register-ui.tsx'
import { InputField, SelectField } from '#app/components/forms.tsx'
import { PROVINCES } from '#app/domain/province.ts'
import {
	parseRegisterQuery,
	REGISTER_SORTS,
	REGISTER_STATUSES,
	type RegisterParam,
	type RegisterQuery,
	registerSearchString,
} from '#app/domain/register-search.ts'
import { PROVIDER_TYPES } from '#app/domain/types.ts'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { useT } from '#app/i18n/react.tsx'
import { now } from '#app/lib/clock.server.ts'
import { cachedRegisterAnswer } from '#app/services/register-cache.server.ts'
import { defaultRegisterYear, searchRegister } from '#app/services/register.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

// The public Keurmerkregister: search and filters live in the URL (a GET form), so a search is a
// link to share and works without JavaScript; the database filters, counts and pages.
export async function loader({ request }: Route.LoaderArgs) {
	const { query, ignored } = parseRegisterQuery(new URL(request.url).searchParams)
	// One answer per (register version, moment, query): see app/services/register-cache.server.ts.
	const result = await cachedRegisterAnswer(`search:${JSON.stringify(query)}`, now(), (at) => searchRegister(query, at))
	return {
		query: { ...query, year: result.year, page: result.pagination.page } satisfies RegisterQuery,
		ignored: result.unknownYear ? [...ignored, 'year' as const] : ignored,
		year: result.year,
		years: result.years,
		qualificationDeadline: result.qualificationDeadline,
		total: result.total,
		statusCounts: result.statusCounts,
		pagination: result.pagination,
		entries: result.entries,
		activeFilters: activeFilterCount(query, defaultRegisterYear(result.years)),
	}
}

/**
 * Filters the visitor set in the URL: they keep the filters unfolded. The form submits every field,
 * so the year counts only when it is not the default one, the sort only when not by name.
 */
function activeFilterCount(query: RegisterQuery, defaultYear: number): number {
	const set = [query.type, query.province, query.city, query.postcode, query.status]
	const year = query.year !== null && query.year !== defaultYear ? 1 : 0
	return set.filter((value) => value !== null && value !== '').length + year + (query.sort === 'name' ? 0 : 1)
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(
		args,
		[args.loaderData?.years.length ? ['meta.registerYear', { year: args.loaderData.year ?? '' }] : 'meta.register'],
		'meta.registerDescription',
	)

const PARAM_LABELS: Record<RegisterParam, MessageKey> = {
	q: 'register.searchQuery',
	type: 'register.searchType',
	province: 'register.searchProvince',
	city: 'register.searchCity',
	postcode: 'register.searchPostcode',
	status: 'register.searchStatus',
	year: 'register.searchYear',
	sort: 'register.searchSort',
	page: 'register.searchPage',
}

export default function Register({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const {
		query,
		ignored,
		year,
		years,
		qualificationDeadline,
		total,
		statusCounts,
		pagination,
		entries,
		activeFilters,
	} = loaderData
	const hasRegister = years.length > 0
	const countText = t('register.resultCount', { count: total })
	return (
		<div className="stack">
			<h1>{hasRegister ? t('register.searchTitle', { year }) : t('register.searchTitleNoYear')}</h1>
			<p className="lead">{t('register.searchLead', { year })}</p>
			{ignored.length ? (
				<p className="panel panel--warning" role="status">
					{t('register.searchIgnored', {
						fields: ignored.map((param) => t(PARAM_LABELS[param]).toLowerCase()).join(', '),
					})}
				</p>
			) : null}

			{/* A GET form: the search is a link to share and works without JavaScript. On a phone the
			    search field comes first and the filters fold away, so the first result is near the top. */}
			<Form
				method="get"
				action="/register"
				className="form register-search"
				role="search"
				aria-label={t('register.searchFormTitle')}
				key={registerSearchString(query)}
			>
				<div className="search-bar">
					<InputField
						name="q"
						type="search"
						label={t('register.searchQuery')}
						hint={t('register.searchQueryHint')}
						defaultValue={query.q}
						maxLength={100}
						autoComplete="off"
						className="search-bar__field"
					/>
					<button type="submit" className="button button--primary search-bar__button">
						{t('register.searchSubmit')}
					</button>
				</div>
				<details className="disclosure" open={activeFilters > 0 || undefined}>
					<summary>
						{activeFilters > 0 ? t('register.filtersActive', { count: activeFilters }) : t('register.filtersTitle')}
					</summary>
					<div className="disclosure__body">
						<div className="card-grid">
							<SelectField
								name="type"
								label={t('register.searchType')}
								defaultValue={query.type ?? ''}
								options={[
									{ value: '', label: t('register.searchTypeAll') },
									...PROVIDER_TYPES.map((type) => ({ value: type, label: t(`states.${type}`) })),
								]}
							/>
							<SelectField
								name="provincie"
								label={t('register.searchProvince')}
								defaultValue={query.province ?? ''}
								options={[
									{ value: '', label: t('register.searchProvinceAll') },
									...PROVINCES.map((province) => ({ value: province, label: province })),
								]}
							/>
							<InputField
								name="plaats"
								label={t('register.searchCity')}
								hint={t('register.searchCityHint')}
								defaultValue={query.city}
								maxLength={80}
								autoComplete="address-level2"
							/>
							<InputField
								name="postcode"
								label={t('register.searchPostcode')}
								hint={t('register.searchPostcodeHint')}
								defaultValue={query.postcode}
								maxLength={7}
								inputMode="numeric"
							/>
							<SelectField
								name="status"
								label={t('register.searchStatus')}
								defaultValue={query.status ?? ''}
								options={[
									{ value: '', label: t('register.searchStatusAll') },
									...REGISTER_STATUSES.map((status) => ({
										value: status,
										label: t(`register.statusFilter_${status}`, { count: statusCounts[status] }),
									})),
								]}
							/>
							{years.length > 0 ? (
								<SelectField
									name="jaar"
									label={t('register.searchYear')}
									defaultValue={String(year)}
									options={years.map((option) => ({ value: String(option), label: String(option) }))}
								/>
							) : null}
							<SelectField
								name="sorteer"
								label={t('register.searchSort')}
								defaultValue={query.sort}
								options={REGISTER_SORTS.map((sort) => ({
									value: sort,
									label: t(`register.sort${sort[0]?.toUpperCase()}${sort.slice(1)}` as MessageKey),
								}))}
							/>
						</div>
						<div className="button-row">
							<button type="submit" className="button">
								{t('register.filtersApply')}
							</button>
							<Link to="/register">{t('register.searchReset')}</Link>
						</div>
					</div>
				</details>
			</Form>

			<section aria-labelledby="register-results-title" className="stack">
				{/* The count below says it visibly; on a phone every line above the first result counts. */}
				<h2 id="register-results-title" className="visually-hidden">
					{t('register.resultsTitle')}
				</h2>
				<p role="status" id="register-count">
					<strong>{countText}</strong>
				</p>
				{entries.length === 0 ? (
					<p className="empty-state">{hasRegister ? t('register.resultsEmpty') : t('register.registerEmpty')}</p>
				) : (
					<ul className="card-list" aria-describedby="register-count">
						{entries.map((entry) => (
							<li key={entry.slug} className="card">
								<div className="stack">
									<h3 className="card__title">
										<Link to={href('/register/:slug', { slug: encodeURIComponent(entry.slug) })}>{entry.name}</Link>
									</h3>
									<p>
										{t(`states.${entry.type}`)} · <span className="nowrap">{entry.city}</span>
										{entry.province ? (
											<>
												{' · '}
												<span className="nowrap">{entry.province}</span>
											</>
										) : null}
									</p>
								</div>
								<RegisterStatusBadge status={entry.status} withdrawnAt={entry.withdrawnAt} />
							</li>
						))}
					</ul>
				)}
				{pagination.pageCount > 1 ? (
					<nav aria-label={t('register.pagination')} className="button-row">
						{pagination.page > 1 ? (
							<Link to={`${href('/register')}${registerSearchString(query, { page: pagination.page - 1 })}`} rel="prev">
								{t('register.pagePrevious')}
							</Link>
						) : null}
						<span aria-current="page">
							{t('register.pageOf', { page: pagination.page, count: pagination.pageCount })}
						</span>
						{pagination.page < pagination.pageCount ? (
							<Link to={`${href('/register')}${registerSearchString(query, { page: pagination.page + 1 })}`} rel="next">
								{t('register.pageNext')}
							</Link>
						) : null}
					</nav>
				) : null}
			</section>
			<StatusLegend qualificationDeadline={qualificationDeadline} />
			<p>
				<Link to="/open-data">{t('register.openDataLink')}</Link>
			</p>
		</div>
	)
}

export const ErrorBoundary = PublicErrorBoundary
