// The autosave's save and answer (the route app/routes/provider/self-evaluation/autosave.ts, and
// server/autosave-route.ts, which answers it straight from Express at the deadline rush).
import type { Route } from './+types/autosave'
import { findEvidence } from '#app/domain/norm-set.ts'
import { formatTime } from './time.ts'
import { translate } from '#app/i18n/translate.ts'
import { translateError } from '#app/i18n/errors.ts'
import { attempt, readForm } from '#app/lib/forms.ts'
import { notFound } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { writeGuardOf } from '#app/lib/write-guard.server.ts'
import { type LoadedNormSet, heldNormSet, loadNormSet } from '#app/services/norm-sets.server.ts'
import { type StoredAnswer, saveAnswer } from '#app/services/self-evaluation.server.ts'
import { parseAnswerFields } from './answer-fields.ts'
import { actorOf, parseYear } from './context.server.ts'

// Autosave of one answer (fetcher, JSON-ish data). 200 saved; 409 with the current answer when
// the version was stale (a colleague saved meanwhile) or the round is frozen; 400 for bad input;
// 401 when the session is gone.
export type AutosaveResponse =
	| { ok: true; version: number; savedTime: string }
	| { ok: false; reason: 'conflict'; current: StoredAnswer }
	| { ok: false; reason: 'frozen' | 'invalid'; message: string }
	// 401 from requireProviderMember(…, { json: true }): the session ended, expired or was revoked.
	| { ok: false; reason: 'session'; code: 'session_ended'; message: string }

/** The answer as data: the route's action (autosave.ts) makes it a Response, server/autosave-route.ts writes it itself. */
export interface AutosaveReply {
	status: 200 | 400 | 409
	body: AutosaveResponse
}

/** Besides `Content-Type: application/json`: a save's answer is never kept by a cache. */
export const AUTOSAVE_REPLY_HEADERS = { 'Cache-Control': 'no-store' } as const

function reply(body: AutosaveResponse, status: AutosaveReply['status'] = 200): AutosaveReply {
	return { status, body }
}

/**
 * The save and its answer. A refusal before the form is read (no session: 401 in JSON; no such
 * provider or year: 404; a body too large: 413) is thrown as a Response, as React Router expects.
 */
export async function autosave({ request, params }: Route.ActionArgs): Promise<AutosaveReply> {
	// A script calls this: no session is a 401 in JSON, not a redirect to the login page.
	const { user } = await requireProviderMember(request, params.providerId, { json: true })
	const year = parseYear(params.year)
	// No participation of this provider in this year: saveAnswer answers not_found (404) below.
	// The norm set this process holds, without a round trip (issue 17): the save writes with it
	// only while it is current (see saveAnswer); a question it does not know is looked up afresh.
	let held = heldNormSet(year)
	let loaded = held?.loaded ?? (await loadNormSet(year))
	if (!loaded) notFound()
	const formData = await readForm(request)
	const key = formData.get('evidenceKey')
	const find = (set: LoadedNormSet) => findEvidence(set.normSet, key)?.item
	let item = find(loaded)
	if (!item && held) {
		held = null
		loaded = await loadNormSet(year)
		if (!loaded) notFound()
		item = find(loaded)
	}
	if (!item)
		return reply(
			{ ok: false, reason: 'invalid', message: translate(user.locale, 'selfEvaluation.unknownQuestion') },
			400,
		)
	const parsed = parseAnswerFields(formData, item)
	if (parsed.ok === 'absent')
		return reply(
			{ ok: false, reason: 'invalid', message: translate(user.locale, 'selfEvaluation.versionMissing') },
			400,
		)
	if (!parsed.ok) return reply({ ok: false, reason: 'invalid', message: translate(user.locale, parsed.error) }, 400)
	const attempted = await attempt(() =>
		saveAnswer(
			actorOf(user),
			{
				providerId: params.providerId,
				year,
				evidenceKey: item.key,
				expectedVersion: parsed.expectedVersion,
				value: parsed.value,
			},
			loaded,
			held?.version,
			writeGuardOf(request),
		),
	)
	if (!attempted.ok) {
		if (attempted.error.status === 404) notFound()
		return reply({ ok: false, reason: 'frozen', message: translateError(attempted.error, user.locale) }, 409)
	}
	const result = attempted.value
	if (result.ok) return reply({ ok: true, version: result.version, savedTime: formatTime(result.savedAt) })
	return reply({ ok: false, reason: 'conflict', current: result.current }, 409)
}
