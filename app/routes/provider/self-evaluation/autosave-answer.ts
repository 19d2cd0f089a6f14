// What an autosave's answer means, whatever came back (issue 15): the endpoint's own JSON, or a
// page that is not ours — the 413 of the body limit, a 429 of the rate limits (text), a proxy's
// 502 HTML, a login page after a redirect. Only what can succeed later is retried, with backoff;
// the rest stops with a message that says why. Pure: the component does the fetch and the timers.
import type { AutosaveResponse } from './autosave.ts'

type Current = Extract<AutosaveResponse, { reason: 'conflict' }>['current']

export type AutosaveOutcome =
	| { kind: 'saved'; version: number; savedTime: string }
	| { kind: 'conflict'; current: Current }
	/** The session ended, expired or was revoked: log in again, then save. */
	| { kind: 'session' }
	/** Refused for its content, with the server's own (translated) message: change the text. */
	| { kind: 'refused'; message: string }
	/** 413: the body limit. Retrying the same text cannot help. */
	| { kind: 'too_large' }
	/** Another 4xx without our JSON: retrying the same request cannot help. */
	| { kind: 'rejected'; status: number }
	/** 429: wait as long as the server asks. */
	| { kind: 'throttled'; retryAfterSeconds: number }
	/** 5xx, or an answer that is not ours (a proxy's page): try again later. */
	| { kind: 'server'; status: number }
	/** No answer at all (offline, connection reset). */
	| { kind: 'offline' }

export interface AnswerSeen {
	status: number
	/** `response.redirected` and `response.url`: fetch follows a redirect to the login page. */
	redirectedTo: string | null
	contentType: string | null
	retryAfter: string | null
	/** The parsed body when it was JSON, else null. */
	json: unknown
}

const RETRYABLE = new Set<AutosaveOutcome['kind']>(['throttled', 'server', 'offline'])

export function isRetryable(outcome: AutosaveOutcome): boolean {
	return RETRYABLE.has(outcome.kind)
}

function isAutosaveJson(value: unknown): value is AutosaveResponse {
	return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean'
}

export function classifyAutosaveAnswer(answer: AnswerSeen): AutosaveOutcome {
	const { status } = answer
	if (answer.redirectedTo && new URL(answer.redirectedTo, 'http://x').pathname === '/inloggen')
		return { kind: 'session' }
	if (status === 401) return { kind: 'session' }
	const body = isAutosaveJson(answer.json) ? answer.json : null
	if (body?.ok === true && status >= 200 && status < 300) {
		if (typeof body.version === 'number' && typeof body.savedTime === 'string')
			return { kind: 'saved', version: body.version, savedTime: body.savedTime }
		return { kind: 'server', status }
	}
	if (body && !body.ok) {
		if (body.reason === 'conflict') return { kind: 'conflict', current: body.current }
		if (body.reason === 'session') return { kind: 'session' }
		if (typeof body.message === 'string' && status >= 400 && status < 500 && status !== 429)
			return { kind: 'refused', message: body.message }
	}
	if (status === 413) return { kind: 'too_large' }
	if (status === 429) return { kind: 'throttled', retryAfterSeconds: retryAfterSeconds(answer.retryAfter) }
	if (status >= 400 && status < 500 && status !== 408) return { kind: 'rejected', status }
	// 5xx, 408, or a 2xx/3xx that is not our JSON (a captive portal, a proxy's page).
	return { kind: 'server', status }
}

/** Retry-After in seconds or as an HTTP date; a missing or odd value counts as 30 s, at most 10 minutes. */
export function retryAfterSeconds(header: string | null, nowMs: number = Date.now()): number {
	if (!header) return 30
	const trimmed = header.trim()
	const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : Math.ceil((Date.parse(trimmed) - nowMs) / 1000)
	if (!Number.isFinite(seconds)) return 30
	return Math.min(600, Math.max(1, seconds))
}

export const RETRY_BASE_MS = 2_000
export const RETRY_MAX_MS = 60_000
/** After this many retryable failures in a row the component stops and offers a button. */
export const MAX_ATTEMPTS = 8

/** Exponential backoff: 2, 4, 8, 16, 32, 60, 60… seconds; a throttle's Retry-After when longer. */
export function retryDelayMs(outcome: AutosaveOutcome, failuresInARow: number): number {
	const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failuresInARow - 1))
	if (outcome.kind === 'throttled') return Math.max(backoff, outcome.retryAfterSeconds * 1000)
	return backoff
}
