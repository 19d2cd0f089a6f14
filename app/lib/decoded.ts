// A path, one of its segments or a URL's hash percent-decoded, for matching against known names
// (on the server and in the browser). A malformed escape (`%E0%A4%A`, sent by scanners or typed
// by hand) makes decodeURIComponent throw; such text names nothing the portal has, so the caller
// gets `fallback` (the text as it came, unless said otherwise).
export function decodedOr(text: string, fallback: string = text): string {
	try {
		return decodeURIComponent(text)
	} catch {
		return fallback
	}
}
