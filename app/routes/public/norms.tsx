import { Link } from 'react-router'
import type { Route } from './+types/norms'
import { PublicErrorBoundary } from './register-ui.tsx'
import { formatDate } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { listPublishedNormSets } from '#app/services/published-norms.server.ts'

// The published norms per mark year (drafts are never public).
export async function loader() {
	return { sets: await listPublishedNormSets() }
}

export const meta: Route.MetaFunction = () => [
	{ title: 'Normen · Keurmerkportaal' },
	{
		name: 'description',
		content: 'De gepubliceerde normen van het keurmerk per keurmerkjaar, met wat er veranderde.',
	},
]

export default function Norms({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	return (
		<div className="stack">
			<h1>{t('register.normsTitle')}</h1>
			<p className="lead">{t('register.normsLead')}</p>
			{loaderData.sets.length === 0 ? (
				<p className="empty-state">{t('register.normsEmpty')}</p>
			) : (
				<ul className="card-list">
					{loaderData.sets.map((set) => (
						<li key={set.year} className="card">
							<div className="stack">
								<h2 className="card__title">
									<Link to={`/normen/${set.year}`}>{t('register.normsYearLink', { year: set.year })}</Link>
								</h2>
								<p>
									{set.title} · {t('register.normsCounts', { themes: set.themeCount, norms: set.normCount })}
									{set.publishedAt
										? ` · ${t('register.normsPublishedOn', { date: formatDate(set.publishedAt, locale) })}`
										: ''}
								</p>
							</div>
						</li>
					))}
				</ul>
			)}
		</div>
	)
}

export const ErrorBoundary = PublicErrorBoundary
