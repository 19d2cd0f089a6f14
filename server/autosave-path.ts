// The autosave's URL (server/autosave-route.ts), known to the write limit too: on this path the
// limit's statement also reads the session and hands it to the route (server/rate-limit-tiers.ts).
export const AUTOSAVE_PATH = /^\/aanbieder\/([^/]+)\/zelfevaluatie\/([^/]+)\/antwoord$/

export function isAutosave(req: { method: string; path: string }): boolean {
	return req.method === 'POST' && AUTOSAVE_PATH.test(req.path)
}

/** The provider id in an autosave's path (undecodable: the raw segment, which no membership has). */
export function autosaveProviderId(req: { path: string }): string {
	const segment = AUTOSAVE_PATH.exec(req.path)?.[1] ?? ''
	try {
		return decodeURIComponent(segment)
	} catch {
		return segment
	}
}
