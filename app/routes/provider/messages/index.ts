import { href, redirect } from 'react-router'
import type { Route } from './+types/index'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { currentYearOf } from '#app/services/self-evaluation.server.ts'

// /aanbieder/:providerId/berichten: the conversation of the year that matters now.
export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	const year = await currentYearOf(params.providerId)
	if (year === null) return redirect(href('/aanbieder/:providerId', { providerId: params.providerId }))
	return redirect(href('/aanbieder/:providerId/berichten/:year', { providerId: params.providerId, year: String(year) }))
}
