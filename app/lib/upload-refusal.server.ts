// How a refused upload is answered. A file that is wrong (too large, empty, of the wrong type,
// active PDF content, a zip bomb) is the sender's to fix: 400. A file that could not be checked
// (the upload-check thread full, dead or out of time: upload-check-pool.server.ts) is not: it is
// the portal's, for a moment, so 503 with Retry-After, and the form shows the same message
// (`selfEvaluation.uploadNotChecked`: "try again in a minute"). Nothing is stored either way.

/** The minute the message asks the sender to wait (RFC 9110 §10.2.3: seconds). */
export const UPLOAD_NOT_CHECKED_RETRY_SECONDS = 60

export type RefusedUploadInit = { status: number; headers?: Record<string, string> }

/** Status (and headers) of an answer that refuses a form for these messages (`status` if no upload was left unchecked). */
export function refusedUploadInit(keys: Iterable<string>, status = 400): RefusedUploadInit {
	for (const key of keys)
		if (key === 'selfEvaluation.uploadNotChecked')
			return { status: 503, headers: { 'Retry-After': String(UPLOAD_NOT_CHECKED_RETRY_SECONDS) } }
	return { status }
}
