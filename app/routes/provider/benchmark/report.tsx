// /aanbieder/:providerId/spiegelrapportage/:year — the carrier's position against the field per
// indicator: the reading in words, the charts (server-rendered SVG, the same as in the PDF), the
// numbers as a table (the charts' text alternative) and the trend over the years. Only the
// carrier's own values and groups of at least the minimum size ever reach this page.
import { data, Form, href, Link, redirect } from 'react-router'
import type { Route } from './+types/report'
import { buildReportView, type IndicatorView } from '#app/i18n/benchmark-report.ts'
import { distributionSvg, trendSvg } from '#app/components/charts/benchmark-svg.ts'
import { ErrorSummary, SubmitButton } from '#app/components/forms.tsx'
import { ProviderErrorBoundary } from '#app/components/provider/ui.tsx'
import { isAppError } from '#app/domain/errors.ts'
import { translateError } from '#app/i18n/errors.ts'
import { useT } from '#app/i18n/react.tsx'
import { notFound } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { attachReportToSelfEvaluation, reflectionTarget } from '#app/services/benchmark-report.server.ts'
import { carrierReport } from '#app/services/benchmark.server.ts'
import { hasPublishedIndicatorSet } from '#app/services/benchmark-indicators.server.ts'
import { actorOf, parseYear } from './context.server.ts'
import stylesheet from './benchmark.css?url'
import { readForm } from '#app/lib/forms.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user } = await requireProviderMember(request, params.providerId)
	const year = parseYear(params.year)
	const [report, target, locale] = await Promise.all([
		carrierReport(params.providerId, year),
		reflectionTarget(params.providerId),
		getLocale(request, user),
	])
	if (!report) {
		// Not submitted (yet): the delivery page explains what to do, if there is one.
		if (await hasPublishedIndicatorSet(year))
			throw redirect(
				href('/aanbieder/:providerId/spiegelrapportage/:year/aanleveren', {
					providerId: params.providerId,
					year: String(year),
				}),
			)
		notFound()
	}
	return {
		providerId: params.providerId,
		year,
		view: buildReportView(report, locale),
		attach: target ? { year: target.year, normCode: target.normCode } : null,
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user } = await requireProviderMember(request, params.providerId)
	const year = parseYear(params.year)
	const locale = await getLocale(request, user)
	const formData = await readForm(request)
	if (formData.get('intent') !== 'attach') notFound()
	try {
		const attached = await attachReportToSelfEvaluation(actorOf(user), { providerId: params.providerId, year, locale })
		return redirectWithToast(
			`${href('/aanbieder/:providerId/zelfevaluatie/:year/norm/:normCode', { providerId: params.providerId, year: String(attached.year), normCode: attached.normCode })}#vraag-${attached.evidenceKey}`,
			{ type: 'success', key: 'benchmark.toastAttached' },
		)
	} catch (error) {
		// Nothing to attach (no report, no round of this provider): a 404, not a server error.
		if (isAppError(error) && error.status === 404) notFound()
		if (isAppError(error)) return data({ formErrors: [translateError(error, locale)] }, { status: error.status })
		throw error
	}
}

export default function ReportPage({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { providerId, year, view, attach } = loaderData
	const base = href('/aanbieder/:providerId/spiegelrapportage/:year', { providerId, year: String(year) })
	return (
		<div className="stack benchmark">
			<p>
				<Link to={href('/aanbieder/:providerId/spiegelrapportage', { providerId })}>
					{t('benchmark.backToOverview')}
				</Link>
			</p>
			<h1>{view.title}</h1>
			<p className="lead">{view.lead}</p>
			<p className="field__hint">
				{view.submitted} {view.privacy}
			</p>
			<ErrorSummary formErrors={(actionData as { formErrors?: string[] } | undefined)?.formErrors} />
			<div className="button-row">
				<a className="button button--primary" href={`${base}/pdf`} download>
					{t('benchmark.downloadPdf')}
				</a>
				{attach ? (
					<Form method="post">
						<input type="hidden" name="intent" value="attach" />
						<SubmitButton className="button">
							{t('benchmark.attachButton', { year: attach.year, norm: attach.normCode })}
						</SubmitButton>
					</Form>
				) : null}
			</div>
			<nav aria-label={t('benchmark.indicatorsNav')} className="benchmark__toc">
				<ol>
					{view.indicators.map((indicator) => (
						<li key={indicator.code}>
							<a href={`#indicator-${indicator.code}`}>{indicator.label}</a>
						</li>
					))}
				</ol>
			</nav>
			{view.indicators.map((indicator) => (
				<IndicatorSection key={indicator.code} indicator={indicator} />
			))}
		</div>
	)
}

function IndicatorSection({ indicator }: { indicator: IndicatorView }) {
	const t = useT()
	const titleId = `indicator-${indicator.code}-title`
	return (
		<section id={`indicator-${indicator.code}`} className="benchmark__indicator stack" aria-labelledby={titleId}>
			<h2 id={titleId}>{indicator.label}</h2>
			{indicator.norm ? <p className="badge">{indicator.norm}</p> : null}
			{indicator.normNote ? <p className="field__hint">{indicator.normNote}</p> : null}
			<p className="benchmark__own">{t('benchmark.ownValue', { value: indicator.value })}</p>
			<p className="benchmark__reading">{indicator.reading}</p>
			{indicator.comparison ? <p>{indicator.comparison}</p> : null}
			{indicator.missingGroups ? <p className="field__hint">{indicator.missingGroups}</p> : null}
			{indicator.distributionChart ? (
				<figure className="benchmark__chart">
					<div dangerouslySetInnerHTML={{ __html: distributionSvg(indicator.distributionChart) }} />
				</figure>
			) : null}
			{indicator.groups.length || indicator.trend.length ? (
				<p className="field__hint">{t('benchmark.tableUnitNote', { unit: indicator.unit })}</p>
			) : null}
			{indicator.groups.length ? (
				<div className="table-scroll">
					<table className="table table--compact">
						<caption className="visually-hidden">{t('benchmark.tableCaption', { label: indicator.label })}</caption>
						<thead>
							<tr>
								<th scope="col">{t('benchmark.tableGroup')}</th>
								<th scope="col" className="numeric">
									{t('benchmark.tableN')}
								</th>
								<th scope="col" className="numeric">
									P10
								</th>
								<th scope="col" className="numeric">
									P25
								</th>
								<th scope="col" className="numeric">
									{t('benchmark.tableMedian')}
								</th>
								<th scope="col" className="numeric">
									P75
								</th>
								<th scope="col" className="numeric">
									P90
								</th>
								<th scope="col">{t('benchmark.tablePosition')}</th>
							</tr>
						</thead>
						<tbody>
							{indicator.groups.map((group) => (
								<tr key={group.label}>
									<th scope="row">{group.label}</th>
									<td className="numeric">{group.n}</td>
									<td className="numeric">{group.p10}</td>
									<td className="numeric">{group.p25}</td>
									<td className="numeric">{group.p50}</td>
									<td className="numeric">{group.p75}</td>
									<td className="numeric">{group.p90}</td>
									<td>{group.position ?? '—'}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			) : null}
			{indicator.trend.length ? (
				<div className="stack">
					<h3 className="h-small">{t('benchmark.trendTitle')}</h3>
					{indicator.trendChart ? (
						<figure className="benchmark__chart">
							<div dangerouslySetInnerHTML={{ __html: trendSvg(indicator.trendChart) }} />
						</figure>
					) : null}
					<table className="table table--compact">
						<caption className="visually-hidden">{t('benchmark.trendCaption', { label: indicator.label })}</caption>
						<thead>
							<tr>
								<th scope="col">{t('benchmark.tableYear')}</th>
								<th scope="col" className="numeric">
									{t('benchmark.tableOwn')}
								</th>
								<th scope="col" className="numeric">
									{t('benchmark.tableFieldMedian')}
								</th>
							</tr>
						</thead>
						<tbody>
							{indicator.trend.map((point) => (
								<tr key={point.year}>
									<th scope="row">{point.year}</th>
									<td className="numeric">{point.own}</td>
									<td className="numeric">{point.median}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			) : null}
		</section>
	)
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [args.loaderData ? { text: args.loaderData.view.title } : 'meta.benchmark'])

export const ErrorBoundary = ProviderErrorBoundary
