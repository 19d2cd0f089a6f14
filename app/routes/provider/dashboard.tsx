import type { Route } from './+types/dashboard'
import { StateBadge } from '#app/components/status-badge.tsx'
import { useT } from '#app/i18n/react.tsx'
import { db } from '#app/lib/db.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	const provider = await db.provider.findUniqueOrThrow({
		where: { id: params.providerId },
		select: {
			id: true,
			name: true,
			city: true,
			type: true,
			participations: { orderBy: { year: 'desc' }, select: { id: true, year: true, state: true } },
		},
	})
	return { provider }
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.provider.name ?? 'Aanbieder'} · Keurmerkportaal` }]

export default function ProviderDashboard({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const { provider } = loaderData
	return (
		<div className="stack">
			<h1>{provider.name}</h1>
			<p>
				{t(`states.${provider.type}`)} · {provider.city}
			</p>
			<ul className="card-list">
				{provider.participations.map((participation) => (
					<li key={participation.id} className="card">
						<span className="card__title">{participation.year}</span>
						<StateBadge state={participation.state} />
					</li>
				))}
			</ul>
		</div>
	)
}
