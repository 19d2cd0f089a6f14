// /consultatie — the consultations of concept norms: the open ones first, then the closed ones with
// their document of changes and considerations once the norms are adopted. Organisation accounts
// land here; a carrier's members find it from their dashboard.
import { href, Link } from 'react-router'
import type { Route } from './+types/index'
import { ConsultationErrorBoundary, PhaseBadge, WindowText } from './ui.tsx'
import { useT } from '#app/i18n/react.tsx'
import { getOptionalUser } from '#app/lib/permissions.server.ts'
import { listConsultations } from '#app/services/consultation.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await getOptionalUser(request)
	// A consultation that has not opened yet is the office's own business.
	const list = (await listConsultations()).filter((entry) => entry.phase !== 'scheduled' || user?.staffRole)
	return {
		organisation: user?.kind === 'organisation' ? (user.organisationName ?? user.name) : null,
		consultations: list.map(({ year, phase, opensOn, closesOn }) => ({ year, phase, opensOn, closesOn })),
	}
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.consultationNorms'])

export default function ConsultationIndex({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const { consultations, organisation } = loaderData
	return (
		<div className="stack">
			<h1>{t('consultation.title')}</h1>
			<p className="lead">{t('consultation.intro')}</p>
			{organisation ? (
				<p className="panel panel--info">{t('consultation.organisationWelcome', { name: organisation })}</p>
			) : null}
			{consultations.length === 0 ? (
				<p className="empty-state">{t('consultation.none')}</p>
			) : (
				<ul className="card-list">
					{consultations.map((entry) => (
						<li key={entry.year} className="card stack">
							<h2 className="card__title">
								<Link to={href('/consultatie/:year', { year: String(entry.year) })}>
									{t('consultation.listItem', { year: entry.year })}
								</Link>
							</h2>
							<p>
								<PhaseBadge phase={entry.phase} /> <WindowText opensOn={entry.opensOn} closesOn={entry.closesOn} />
							</p>
							{entry.phase === 'adopted' ? (
								<p>
									<Link to={href('/normen/:year/wijzigingen', { year: String(entry.year) })}>
										{t('consultation.readChanges', { year: entry.year })}
									</Link>
								</p>
							) : null}
						</li>
					))}
				</ul>
			)}
		</div>
	)
}

export const ErrorBoundary = ConsultationErrorBoundary
