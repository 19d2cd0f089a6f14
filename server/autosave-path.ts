// The autosave's URL (server/autosave-route.ts), known to the write limit too: on this path the
// limit's statement also reads the session and hands it to the route (server/rate-limit-tiers.ts).
export const AUTOSAVE_PATH = /^\/aanbieder\/([^/]+)\/zelfevaluatie\/([^/]+)\/antwoord$/

export function isAutosave(req: { method: string; path: string }): boolean {
	return req.method === 'POST' && AUTOSAVE_PATH.test(req.path)
}

/**
 * The provider and year of an autosave's path, decoded; null for another path or a malformed
 * escape (React Router answers those). The request tiers and the route read it alike.
 */
export function autosaveParams(path: string): { providerId: string; year: string } | null {
	const match = AUTOSAVE_PATH.exec(path)
	if (!match) return null
	try {
		return { providerId: decodeURIComponent(match[1] ?? ''), year: decodeURIComponent(match[2] ?? '') }
	} catch {
		return null
	}
}
