// Shared by every self-evaluation route: the member check first, then the year of the URL, which
// must be a participation of the provider in the URL (anything else is a 404).
import { z } from 'zod'
import { notFound } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { loadSelfEvaluation } from '#app/services/self-evaluation.server.ts'

const yearParam = z.coerce.number().int().min(2000).max(2100)

export function parseYear(raw: string | undefined): number {
	const parsed = yearParam.safeParse(raw)
	if (!parsed.success || !/^\d{4}$/.test(raw ?? '')) notFound()
	return parsed.data
}

export async function requireSelfEvaluation(request: Request, params: { providerId?: string; year?: string }) {
	const { user } = await requireProviderMember(request, params.providerId)
	const year = parseYear(params.year)
	const loaded = await loadSelfEvaluation(params.providerId as string, year)
	if (!loaded) notFound()
	// A norm that does not apply to this provider (2018 norm 4 without the chronic echelon, DOMAIN.md
	// §5) is not shown at all: not in the overview, the navigation or the progress (issue 16).
	const report = { ...loaded.report, norms: loaded.report.norms.filter((norm) => norm.applicable) }
	return { user, year, providerId: params.providerId as string, ...loaded, report }
}

export function actorOf(user: { id: string }) {
	return { type: 'provider' as const, userId: user.id }
}
