// /medewerkers/spiegelrapportage — the benchmark for the office: the indicator lists per year,
// who of the year's carriers delivered, the field's distributions (groups of at least the minimum
// size) and the outliers to look at in the sample; the aggregates as CSV.
import { href, Link } from 'react-router'
import type { Route } from './+types/overview'
import { distributionSvg } from '#app/components/charts/benchmark-svg.ts'
import { formatIndicatorValue, groupLabel, indicatorLabel } from '#app/i18n/benchmark-report.ts'
import { useT } from '#app/i18n/react.tsx'
import { translate } from '#app/i18n/translate.ts'
import { now } from '#app/lib/clock.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { indicatorYears } from '#app/services/benchmark-indicators.server.ts'
import { benchmarkYears, deliveryProgress, fieldDistributions, outliers } from '#app/services/benchmark.server.ts'
import { runningYearAt } from '#app/services/years.server.ts'
import { DateTime, StaffErrorBoundary, YearPicker } from '../ui.tsx'
import stylesheet from '../../provider/benchmark/benchmark.css?url'
import { pageMeta } from '#app/i18n/meta.ts'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const locale = await getLocale(request, user)
	const years = await benchmarkYears()
	const asked = Number(new URL(request.url).searchParams.get('jaar'))
	// Deliveries are about a finished year: last year's by default.
	const fallback = years.includes(runningYearAt(now()) - 1) ? runningYearAt(now()) - 1 : (years[0] ?? null)
	const year = years.includes(asked) ? asked : fallback
	const lists = await indicatorYears()
	if (year === null) return { year, years, lists, progress: null, distributions: null, outliers: [] }
	const [progress, distributions, found] = await Promise.all([
		deliveryProgress(year),
		fieldDistributions(year),
		outliers(year),
	])
	const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
		translate(locale, key, params)
	return {
		year,
		years,
		lists,
		progress,
		distributions: distributions && {
			minGroupSize: distributions.minGroupSize,
			computedAt: distributions.computedAt,
			indicators: distributions.indicators.map((indicator) => {
				const format = (value: number) => formatIndicatorValue(indicator, value, locale)
				const label = indicatorLabel(indicator, locale)
				return {
					code: indicator.code,
					label,
					groups: indicator.groups.map((group) => ({
						label: groupLabel(group, locale),
						n: group.n,
						cells: [group.min, group.p10, group.p25, group.p50, group.p75, group.p90, group.max].map(format),
					})),
					svg: indicator.groups.length
						? distributionSvg({
								title: t('benchmark.chartDistributionTitle', { label }),
								description: t('benchmark.staffChartDescription', { label, groups: indicator.groups.length }),
								rows: indicator.groups.map((group) => ({ ...group, label: groupLabel(group, locale) })),
								own: null,
								ownLabel: '',
								medianLabel: t('benchmark.legendBox'),
								bounds: { min: indicator.minValue, max: indicator.maxValue },
								locale,
							})
						: null,
				}
			}),
		},
		outliers: found.map((row) => {
			const indicator = distributions?.indicators.find((candidate) => candidate.code === row.code)
			const format = (value: number) => (indicator ? formatIndicatorValue(indicator, value, locale) : String(value))
			return {
				key: `${row.code}:${row.providerId}`,
				providerId: row.providerId,
				name: row.name,
				indicator: indicator ? indicatorLabel(indicator, locale) : row.code,
				value: format(row.value),
				median: format(row.median),
				side: row.side,
			}
		}),
	}
}

export default function BenchmarkOverview({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const { year, years, lists, progress, distributions, outliers: found } = loaderData
	return (
		<div className="stack benchmark">
			<h1>{t('benchmark.staffTitle')}</h1>
			<p className="lead">{t('benchmark.staffLead')}</p>
			<section aria-labelledby="lists-title" className="stack">
				<h2 id="lists-title">{t('benchmark.listsTitle')}</h2>
				<table className="table table--compact">
					<thead>
						<tr>
							<th scope="col">{t('benchmark.tableYear')}</th>
							<th scope="col">{t('benchmark.tableStatus')}</th>
							<th scope="col" className="numeric">
								{t('benchmark.tableIndicators')}
							</th>
						</tr>
					</thead>
					<tbody>
						{lists.map((list) => (
							<tr key={list.year}>
								<th scope="row">
									<Link to={href('/medewerkers/spiegelrapportage/indicatoren/:year', { year: String(list.year) })}>
										{t('benchmark.listLink', { year: list.year })}
									</Link>
								</th>
								<td>
									{t(
										list.status === 'published'
											? 'benchmark.listPublished'
											: list.status === 'draft'
												? 'benchmark.listDraft'
												: 'benchmark.listNone',
									)}
								</td>
								<td className="numeric">{list.count}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			{year === null ? (
				<p className="empty-state">{t('benchmark.staffNoYears')}</p>
			) : (
				<>
					<YearPicker years={years} year={year} />
					{progress ? (
						<section aria-labelledby="progress-title" className="stack">
							<h2 id="progress-title">{t('benchmark.progressTitle', { year })}</h2>
							<p>
								{t('benchmark.progressSummary', {
									submitted: progress.counts.submitted,
									carriers: progress.counts.carriers,
									draft: progress.counts.draft,
									none: progress.counts.none,
								})}
							</p>
							<progress
								max={Math.max(progress.counts.carriers, 1)}
								value={progress.counts.submitted}
								aria-label={t('benchmark.progressLabel')}
							/>
							<p>
								<a href={`${href('/medewerkers/spiegelrapportage/csv')}?jaar=${year}`} download>
									{t('benchmark.exportCsv')}
								</a>
							</p>
							<details>
								<summary>{t('benchmark.progressTable', { count: progress.rows.length })}</summary>
								<table className="table table--compact">
									<thead>
										<tr>
											<th scope="col">{t('benchmark.tableProvider')}</th>
											<th scope="col">{t('benchmark.tableStatus')}</th>
											<th scope="col">{t('benchmark.tableSubmittedAt')}</th>
										</tr>
									</thead>
									<tbody>
										{progress.rows.map((row) => (
											<tr key={row.providerId}>
												<th scope="row">
													{row.deliveryId ? (
														<Link
															to={href('/medewerkers/spiegelrapportage/aanlevering/:deliveryId', {
																deliveryId: row.deliveryId,
															})}
														>
															{row.name}
														</Link>
													) : (
														row.name
													)}
												</th>
												<td>
													{t(
														row.status === 'submitted'
															? 'benchmark.statusLabelSubmitted'
															: row.status === 'draft'
																? 'benchmark.statusLabelDraft'
																: 'benchmark.statusLabelNone',
													)}
												</td>
												<td>{row.submittedAt ? <DateTime value={row.submittedAt} /> : '—'}</td>
											</tr>
										))}
									</tbody>
								</table>
							</details>
						</section>
					) : null}
					<section aria-labelledby="distributions-title" className="stack">
						<h2 id="distributions-title">{t('benchmark.distributionsTitle')}</h2>
						{distributions ? (
							<p className="field__hint">{t('benchmark.distributionsHint', { min: distributions.minGroupSize })}</p>
						) : null}
						{distributions?.indicators.map((indicator) => (
							<div key={indicator.code} className="stack benchmark__indicator">
								<h3>{indicator.label}</h3>
								{indicator.groups.length === 0 ? (
									<p className="empty-state">{t('benchmark.distributionEmpty')}</p>
								) : (
									<>
										{indicator.svg ? (
											<figure className="benchmark__chart">
												<div dangerouslySetInnerHTML={{ __html: indicator.svg }} />
											</figure>
										) : null}
										<div className="table-scroll">
											<table className="table table--compact">
												<caption className="visually-hidden">
													{t('benchmark.tableCaption', { label: indicator.label })}
												</caption>
												<thead>
													<tr>
														<th scope="col">{t('benchmark.tableGroup')}</th>
														<th scope="col" className="numeric">
															{t('benchmark.tableN')}
														</th>
														{['Min', 'P10', 'P25', t('benchmark.tableMedian'), 'P75', 'P90', 'Max'].map((label) => (
															<th key={label} scope="col" className="numeric">
																{label}
															</th>
														))}
													</tr>
												</thead>
												<tbody>
													{indicator.groups.map((group) => (
														<tr key={group.label}>
															<th scope="row">{group.label}</th>
															<td className="numeric">{group.n}</td>
															{group.cells.map((cell, index) => (
																<td key={index} className="numeric">
																	{cell}
																</td>
															))}
														</tr>
													))}
												</tbody>
											</table>
										</div>
									</>
								)}
							</div>
						))}
					</section>
					<section aria-labelledby="outliers-title" className="stack">
						<h2 id="outliers-title">{t('benchmark.outliersTitle')}</h2>
						<p className="field__hint">{t('benchmark.outliersHint')}</p>
						{found.length === 0 ? (
							<p className="empty-state">{t('benchmark.outliersEmpty')}</p>
						) : (
							<table className="table table--compact">
								<thead>
									<tr>
										<th scope="col">{t('benchmark.tableIndicator')}</th>
										<th scope="col">{t('benchmark.tableProvider')}</th>
										<th scope="col" className="numeric">
											{t('benchmark.tableValue')}
										</th>
										<th scope="col" className="numeric">
											{t('benchmark.tableMedian')}
										</th>
										<th scope="col">{t('benchmark.tableSide')}</th>
									</tr>
								</thead>
								<tbody>
									{found.map((row) => (
										<tr key={row.key}>
											<td>{row.indicator}</td>
											<th scope="row">{row.name}</th>
											<td className="numeric">{row.value}</td>
											<td className="numeric">{row.median}</td>
											<td>{t(row.side === 'low' ? 'benchmark.outlierLow' : 'benchmark.outlierHigh')}</td>
										</tr>
									))}
								</tbody>
							</table>
						)}
					</section>
				</>
			)}
		</div>
	)
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.benchmark', 'meta.staff'])

export const ErrorBoundary = StaffErrorBoundary
