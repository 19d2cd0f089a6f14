import { describe, expect, it } from 'vitest'
import {
	type AnswerSeen,
	type AutosaveOutcome,
	classifyAutosaveAnswer,
	isRetryable,
	MAX_ATTEMPTS,
	RETRY_MAX_MS,
	retryAfterSeconds,
	retryDelayMs,
} from './autosave-answer.ts'

function seen(partial: Partial<AnswerSeen>): AnswerSeen {
	return { status: 200, redirectedTo: null, contentType: null, retryAfter: null, json: null, ...partial }
}
const json = (status: number, body: unknown) => seen({ status, contentType: 'application/json', json: body })

describe('classifyAutosaveAnswer', () => {
	it('reads the endpoint’s own JSON', () => {
		expect(classifyAutosaveAnswer(json(200, { ok: true, version: 3, savedTime: '10:15' }))).toEqual({
			kind: 'saved',
			version: 3,
			savedTime: '10:15',
		})
		const current = { text: 'x', number: null, url: null, checkedElements: [], declared: null, version: 4 }
		expect(classifyAutosaveAnswer(json(409, { ok: false, reason: 'conflict', current }))).toEqual({
			kind: 'conflict',
			current,
		})
		expect(classifyAutosaveAnswer(json(409, { ok: false, reason: 'frozen', message: 'Ingediend.' }))).toEqual({
			kind: 'refused',
			message: 'Ingediend.',
		})
		expect(classifyAutosaveAnswer(json(400, { ok: false, reason: 'invalid', message: 'Geen NUL.' }))).toEqual({
			kind: 'refused',
			message: 'Geen NUL.',
		})
	})

	it('knows a session that ended: a 401, its JSON, or a redirect that fetch followed to the login page', () => {
		expect(
			classifyAutosaveAnswer(json(401, { ok: false, reason: 'session', code: 'session_ended', message: 'm' })),
		).toEqual({ kind: 'session' })
		expect(classifyAutosaveAnswer(seen({ status: 401, contentType: 'text/plain' })).kind).toBe('session')
		expect(
			classifyAutosaveAnswer(
				seen({ status: 200, contentType: 'text/html', redirectedTo: 'https://portaal.test/inloggen?redirectTo=%2Fx' }),
			).kind,
		).toBe('session')
	})

	it('classifies answers that are not ours', () => {
		expect(classifyAutosaveAnswer(seen({ status: 413, contentType: 'text/html' }))).toEqual({ kind: 'too_large' })
		expect(classifyAutosaveAnswer(seen({ status: 422, contentType: 'text/html' }))).toEqual({
			kind: 'rejected',
			status: 422,
		})
		expect(classifyAutosaveAnswer(seen({ status: 429, contentType: 'text/plain', retryAfter: '12' }))).toEqual({
			kind: 'throttled',
			retryAfterSeconds: 12,
		})
		expect(classifyAutosaveAnswer(seen({ status: 500, contentType: 'text/html' }))).toEqual({
			kind: 'server',
			status: 500,
		})
		expect(classifyAutosaveAnswer(seen({ status: 502, contentType: 'text/html' }))).toEqual({
			kind: 'server',
			status: 502,
		})
		// A captive portal or proxy answering 200 with its own page is not a save.
		expect(classifyAutosaveAnswer(seen({ status: 200, contentType: 'text/html' }))).toEqual({
			kind: 'server',
			status: 200,
		})
		expect(classifyAutosaveAnswer(json(200, { ok: true }))).toEqual({ kind: 'server', status: 200 })
	})

	it('retries only what may succeed later', () => {
		const retryable: AutosaveOutcome[] = [
			{ kind: 'offline' },
			{ kind: 'server', status: 503 },
			{ kind: 'throttled', retryAfterSeconds: 5 },
		]
		const final: AutosaveOutcome[] = [
			{ kind: 'session' },
			{ kind: 'too_large' },
			{ kind: 'rejected', status: 400 },
			{ kind: 'refused', message: 'x' },
		]
		for (const outcome of retryable) expect(isRetryable(outcome), outcome.kind).toBe(true)
		for (const outcome of final) expect(isRetryable(outcome), outcome.kind).toBe(false)
	})
})

describe('backoff', () => {
	it('doubles from 2 s up to a minute, and waits at least as long as Retry-After', () => {
		const delays = Array.from({ length: MAX_ATTEMPTS }, (_, index) => retryDelayMs({ kind: 'offline' }, index + 1))
		expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000])
		expect(Math.max(...delays)).toBe(RETRY_MAX_MS)
		expect(retryDelayMs({ kind: 'throttled', retryAfterSeconds: 45 }, 1)).toBe(45_000)
		expect(retryDelayMs({ kind: 'throttled', retryAfterSeconds: 1 }, 3)).toBe(8_000)
	})

	it('reads Retry-After as seconds or as a date, within bounds', () => {
		expect(retryAfterSeconds('7')).toBe(7)
		expect(retryAfterSeconds(null)).toBe(30)
		expect(retryAfterSeconds('soon')).toBe(30)
		expect(retryAfterSeconds('99999')).toBe(600)
		const now = Date.parse('2026-12-06T01:00:00Z')
		expect(retryAfterSeconds('Sun, 06 Dec 2026 01:00:20 GMT', now)).toBe(20)
		expect(retryAfterSeconds('Sun, 06 Dec 2026 00:59:00 GMT', now)).toBe(1)
	})
})
