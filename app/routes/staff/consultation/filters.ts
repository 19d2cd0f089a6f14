// The filters of the staff's reaction list and its CSV, from the query string (untrusted).
import type { ReactionFilters } from '#app/services/consultation.server.ts'

const REACTORS = ['carrier', 'organisation', 'public'] as const

export function reactionFilters(
	search: URLSearchParams,
): ReactionFilters & { target: string | null; text: string | null } {
	const target = search.get('punt')
	const reactorType = search.get('soort')
	const text = search.get('zoek')?.trim().slice(0, 100) || null
	return {
		target: target && target.length <= 300 && /^(general|norm:|criterion:)/.test(target) ? target : null,
		reactorType: REACTORS.find((candidate) => candidate === reactorType) ?? null,
		text,
	}
}
