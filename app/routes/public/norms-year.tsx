import { Fragment } from 'react'
import { href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/norms-year'
import { PublicErrorBoundary } from './register-ui.tsx'
import type { Criterion, Norm } from '#app/domain/norm-set.ts'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { useT } from '#app/i18n/react.tsx'
import { notFound } from '#app/lib/http.server.ts'
import { publishedChangesDocument } from '#app/services/consultation-document.server.ts'
import { loadPublishedNormSet } from '#app/services/published-norms.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

// The norms of one year as published, and what changed since the year before (norm-set-diff).
const yearParam = z
	.string()
	.regex(/^\d{4}$/)
	.transform(Number)

export async function loader({ params }: Route.LoaderArgs) {
	const year = yearParam.safeParse(params.year)
	if (!year.success) notFound()
	const published = await loadPublishedNormSet(year.data)
	if (!published) notFound()
	// Issue 18: a year adopted after a consultation has its document of changes and considerations.
	return { ...published, consulted: (await publishedChangesDocument(year.data)) !== null }
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [args.loaderData ? ['meta.normsYear', { year: args.loaderData.normSet.year }] : 'meta.notFound'])

function groups(norm: Norm): Criterion[][] {
	const byGroup = new Map<number, Criterion[]>()
	for (const criterion of norm.criteria)
		byGroup.set(criterion.group, [...(byGroup.get(criterion.group) ?? []), criterion])
	return [...byGroup.entries()].sort(([a], [b]) => a - b).map(([, criteria]) => criteria)
}

export default function NormsYear({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const { normSet, previous, next } = loaderData
	const applies = (who: string) =>
		who === 'all' ? null : t('register.normsAppliesTo', { who: t(`register.applies_${who}` as MessageKey) })
	return (
		<div className="stack">
			<p className="button-row">
				<Link to="/normen">{t('register.normsTitle')}</Link>
				{previous ? (
					<Link to={href('/normen/:year', { year: String(previous.year) })}>
						{t('register.normsPrevious', { year: previous.year })}
					</Link>
				) : null}
				{next ? (
					<Link to={href('/normen/:year', { year: String(next) })}>{t('register.normsNext', { year: next })}</Link>
				) : null}
			</p>
			<h1>{t('register.normsYearTitle', { year: normSet.year })}</h1>
			<p className="lead">
				{normSet.markName}: {normSet.title}
			</p>
			{normSet.status === 'reconstructed' ? (
				<p className="panel panel--info">{t('register.normsReconstructed')}</p>
			) : null}

			{normSet.changes ? <ChangesStatement changes={normSet.changes} previousYear={previous?.year ?? null} /> : null}
			{loaderData.consulted ? (
				<p className="panel panel--info">
					<Link to={href('/normen/:year/wijzigingen', { year: String(normSet.year) })}>
						{t('consultation.readChanges', { year: normSet.year })}
					</Link>
				</p>
			) : null}
			<ChangesSince previous={previous} />

			{normSet.themes.map((theme) => (
				<section key={theme.key} aria-labelledby={`theme-${theme.key}`} className="stack">
					<h2 id={`theme-${theme.key}`}>{t('register.normsTheme', { title: theme.title })}</h2>
					{theme.introduction ? <p>{theme.introduction}</p> : null}
					{theme.norms.map((norm) => (
						<article
							key={norm.key}
							id={`norm-${norm.key}`}
							className="card stack"
							aria-labelledby={`norm-title-${norm.key}`}
						>
							<h3 id={`norm-title-${norm.key}`}>{t('register.normsNorm', { code: norm.code, title: norm.title })}</h3>
							{applies(norm.appliesTo) ? <p className="badge badge--info">{applies(norm.appliesTo)}</p> : null}
							<p>{norm.explanation}</p>
							{norm.clientPromise ? (
								<p>
									<strong>{t('register.normsClientPromise')}:</strong> {norm.clientPromise}
								</p>
							) : null}
							{norm.safeguards.length ? (
								<>
									<h4>{t('register.normsSafeguards')}</h4>
									<ul>
										{norm.safeguards.map((safeguard) => (
											<li key={safeguard}>{safeguard}</li>
										))}
									</ul>
								</>
							) : null}
							<h4>{t('register.normsCriteria')}</h4>
							<ul>
								{groups(norm).map((alternatives) => (
									<li key={alternatives[0]?.key}>
										{alternatives.map((criterion, index) => (
											<Fragment key={criterion.key}>
												{index > 0 ? (
													<p>
														<em>{t('register.normsAlternative')}</em>
													</p>
												) : null}
												<p id={`criterion-${criterion.key}`}>
													<strong>{criterion.code}</strong> {criterion.text}
													{criterion.appliesTo && applies(criterion.appliesTo)
														? ` (${applies(criterion.appliesTo)})`
														: ''}
												</p>
											</Fragment>
										))}
									</li>
								))}
							</ul>
						</article>
					))}
				</section>
			))}
		</div>
	)
}

/**
 * KiBG's own account of what changed (seed 004 §3 for 2022, against 2021): the year the norms were
 * written against, even when the portal does not hold it (issue 16 item 6).
 */
function ChangesStatement({
	changes,
	previousYear,
}: {
	changes: NonNullable<Route.ComponentProps['loaderData']['normSet']['changes']>
	previousYear: number | null
}) {
	const t = useT()
	return (
		<section aria-labelledby="norm-statement" className="panel panel--info stack" data-testid="norm-statement">
			<h2 id="norm-statement">{t('register.normsStatementTitle', { year: changes.since })}</h2>
			<p>{t('register.normsStatementSource', { source: changes.source })}</p>
			<ul>
				{changes.norms.map((norm) => (
					<li key={norm.code}>
						<strong>{t('register.normsNorm', { code: norm.code, title: norm.title })}</strong> (
						{t(`register.normsChange_${norm.change}`)}
						{norm.previousCode && norm.previousTitle && norm.previousTitle !== norm.title
							? `; ${t('register.normsStatementWas', { code: norm.previousCode, title: norm.previousTitle })}`
							: ''}
						): {norm.summary}
					</li>
				))}
			</ul>
			{previousYear !== null && previousYear < changes.since ? (
				<p>{t('register.normsStatementGap', { since: changes.since, year: previousYear })}</p>
			) : null}
		</section>
	)
}

function ChangesSince({ previous }: { previous: Route.ComponentProps['loaderData']['previous'] }) {
	const t = useT()
	if (!previous) {
		return (
			<section aria-labelledby="norm-changes" className="panel panel--muted">
				<h2 id="norm-changes">{t('register.normsFirstYearTitle')}</h2>
				<p>{t('register.normsFirstYear')}</p>
			</section>
		)
	}
	const { diff } = previous
	const normLists = [
		['register.normsAdded', diff.norms.added],
		['register.normsRemoved', diff.norms.removed],
		[
			'register.normsChanged',
			diff.norms.changed.map((change) => ({
				...change.next,
				title:
					change.matchedBy === 'content'
						? `${change.next.title} (${t('register.normsMatchedByContent')})`
						: change.next.title,
			})),
		],
	] as const
	const criterionLists = [
		['register.criteriaAdded', diff.criteria.added],
		['register.criteriaRemoved', diff.criteria.removed],
		['register.criteriaChanged', diff.criteria.changed.map((change) => change.next)],
		[
			'register.criteriaMoved',
			diff.criteria.moved.map((change) => ({ ...change.next, code: `${change.previous.code} → ${change.next.code}` })),
		],
	] as const
	const nothing =
		normLists.every(([, list]) => list.length === 0) && criterionLists.every(([, list]) => list.length === 0)
	return (
		<section aria-labelledby="norm-changes" className="panel panel--info stack">
			<h2 id="norm-changes">{t('register.normsChangesTitle', { year: previous.year })}</h2>
			{nothing ? <p>{t('register.normsNoChanges', { year: previous.year })}</p> : null}
			{normLists.map(([title, list]) =>
				list.length ? (
					<div key={title}>
						<h3>{t(title)}</h3>
						<ul>
							{list.map((norm) => (
								<li key={norm.key}>{t('register.normsNorm', { code: norm.code, title: norm.title })}</li>
							))}
						</ul>
					</div>
				) : null,
			)}
			{criterionLists.map(([title, list]) =>
				list.length ? (
					<div key={title}>
						<h3>{t(title)}</h3>
						<p>{list.map((criterion) => criterion.code).join(', ')}</p>
					</div>
				) : null,
			)}
			{diff.criteria.unchanged.length ? (
				<p>{t('register.criteriaUnchanged', { count: diff.criteria.unchanged.length })}</p>
			) : null}
		</section>
	)
}

export const ErrorBoundary = PublicErrorBoundary
