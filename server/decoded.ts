// A path or one of its segments percent-decoded, for matching against known names. A malformed
// escape (`%E0%A4%A`, sent by scanners) makes decodeURIComponent throw; such a path names nothing
// the portal has, so the caller gets `fallback` (the text as it came, unless said otherwise).
export function decodedOr(text: string, fallback: string = text): string {
	try {
		return decodeURIComponent(text)
	} catch {
		return fallback
	}
}
