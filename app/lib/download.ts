// Every file the portal hands out as a download goes through here (issue 15, finding 7): uploads
// of providers and staff, stored letters and certificates, generated PDFs and CSV exports. A file
// is never rendered as a page of ours: `attachment`, its type never sniffed, and a sandboxing CSP
// in case a browser shows it anyway (no script, no same-origin, nothing loaded).

/** The Content-Security-Policy of every download: a sandbox that may load nothing. */
export const DOWNLOAD_CSP = "sandbox; default-src 'none'"

/** RFC 5987 attr-char: everything else is percent-encoded (encodeURIComponent leaves `'()*!`). */
function encodeRfc5987(value: string): string {
	return encodeURIComponent(value).replace(
		/['()*]/g,
		(character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
	)
}

/** The name without folders, control characters or a leading dot; never empty. */
export function safeFileName(name: string): string {
	const base = name.split(/[/\\]/).pop() ?? ''
	// C0 and C1 control characters: a header can hold none of them.
	// eslint-disable-next-line no-control-regex
	const printable = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
	const cleaned = printable.trim().replace(/^\.+/, '')
	return cleaned.slice(0, 200) || 'download'
}

/**
 * `attachment; filename="<ASCII>"; filename*=UTF-8''<encoded>` (RFC 6266 with RFC 5987): the
 * quoted name for old clients has no quote, backslash or non-ASCII character; the encoded one
 * keeps the real name (an accent, a euro sign).
 */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
	const safe = safeFileName(name)
	const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_')
	return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`
}

export interface DownloadOptions {
	name: string
	type: string
	/** Bytes, when known: sent as Content-Length. */
	size?: number
	/** Private and never stored unless a public document says otherwise. */
	cacheControl?: string
	/** Only for a preview that must show in the browser (a PDF); still sandboxed. */
	disposition?: 'attachment' | 'inline'
}

export function downloadHeaders({
	name,
	type,
	size,
	cacheControl = 'private, no-store',
	disposition = 'attachment',
}: DownloadOptions): Headers {
	const headers = new Headers({
		'Content-Type': type,
		'Content-Disposition': contentDisposition(name, disposition),
		'Cache-Control': cacheControl,
		'X-Content-Type-Options': 'nosniff',
		'Content-Security-Policy': DOWNLOAD_CSP,
	})
	if (size !== undefined) headers.set('Content-Length', String(size))
	return headers
}

export function downloadResponse(
	body: ReadableStream<Uint8Array> | Uint8Array | string,
	options: DownloadOptions,
): Response {
	const size = options.size ?? (body instanceof Uint8Array ? body.byteLength : undefined)
	return new Response(body as BodyInit, { headers: downloadHeaders({ ...options, size }) })
}
