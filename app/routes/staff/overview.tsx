import type { Route } from './+types/overview'
import { StateBadge } from '#app/components/status-badge.tsx'
import { useT } from '#app/i18n/react.tsx'
import { db } from '#app/lib/db.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const counts = await db.participation.groupBy({
		by: ['year', 'state'],
		_count: { _all: true },
		orderBy: [{ year: 'desc' }, { state: 'asc' }],
	})
	return { counts: counts.map((row) => ({ year: row.year, state: row.state, count: row._count._all })) }
}

export const meta: Route.MetaFunction = () => [{ title: 'Overzicht · Medewerkers · Keurmerkportaal' }]

export default function StaffOverview({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const years = [...new Set(loaderData.counts.map((row) => row.year))]
	return (
		<div className="stack">
			<h1>{t('shell.navStaffOverview')}</h1>
			{years.map((year) => (
				<section key={year} aria-labelledby={`year-${year}`} className="panel">
					<h2 id={`year-${year}`}>{year}</h2>
					<ul className="inline-list">
						{loaderData.counts
							.filter((row) => row.year === year)
							.map((row) => (
								<li key={row.state}>
									<StateBadge state={row.state} /> {row.count}
								</li>
							))}
					</ul>
				</section>
			))}
		</div>
	)
}
