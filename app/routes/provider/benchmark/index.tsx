// /aanbieder/:providerId/spiegelrapportage — the years the provider delivers indicators for, with
// what is still to do and the reports so far.
import { href, Link } from 'react-router'
import type { Route } from './+types/index'
import { ProviderErrorBoundary } from '#app/components/provider/ui.tsx'
import { useT } from '#app/i18n/react.tsx'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { deliveryYears } from '#app/services/benchmark-delivery.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	return { providerId: params.providerId, years: await deliveryYears(params.providerId) }
}

export default function BenchmarkIndex({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const { providerId, years } = loaderData
	const base = href('/aanbieder/:providerId/spiegelrapportage', { providerId })
	return (
		<div className="stack">
			<h1>{t('benchmark.title')}</h1>
			<p className="lead">{t('benchmark.intro')}</p>
			{years.length === 0 ? (
				<p className="empty-state">{t('benchmark.noYears')}</p>
			) : (
				<table className="table">
					<caption className="visually-hidden">{t('benchmark.yearsCaption')}</caption>
					<thead>
						<tr>
							<th scope="col">{t('benchmark.tableYear')}</th>
							<th scope="col">{t('benchmark.tableStatus')}</th>
							<th scope="col">{t('benchmark.tableAction')}</th>
						</tr>
					</thead>
					<tbody>
						{years.map((entry) => (
							<tr key={entry.year}>
								<th scope="row">{entry.year}</th>
								<td>
									{t(
										entry.status === 'submitted'
											? 'benchmark.statusLabelSubmitted'
											: entry.status === 'draft'
												? 'benchmark.statusLabelDraft'
												: 'benchmark.statusLabelNone',
									)}
								</td>
								<td>
									{entry.status === 'submitted' ? (
										<Link to={`${base}/${entry.year}`}>{t('benchmark.viewReportYear', { year: entry.year })}</Link>
									) : (
										<Link to={`${base}/${entry.year}/aanleveren`}>
											{t('benchmark.deliverYear', { year: entry.year })}
										</Link>
									)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</div>
	)
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.benchmark'])

export const ErrorBoundary = ProviderErrorBoundary
