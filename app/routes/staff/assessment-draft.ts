// The assessment form's autosave (issue 12): the whole form as a draft, JSON in and out. 200 with
// the new version; 409 when the version is stale (someone saved or autosaved meanwhile: nothing is
// written, the page says who) or the round is no longer open; 400 for bad input.
import type { Route } from './+types/assessment-draft'
import { parseAssessmentForm } from './assessment-form.ts'
import { translate } from '#app/i18n/translate.ts'
import { translateError } from '#app/i18n/errors.ts'
import { attempt, readForm } from '#app/lib/forms.ts'
import { notFound } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { saveAssessmentDraft } from '#app/services/assessment-form.server.ts'
import { loadAssessment } from '#app/services/assessment.server.ts'

export type AssessmentDraftResponse =
	| { ok: true; version: number; savedAt: string }
	| { ok: false; reason: 'conflict'; version: number; by: string | null; at: string | null }
	| { ok: false; reason: 'closed' | 'invalid'; message: string }

function reply(body: AssessmentDraftResponse, status = 200): Response {
	return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })
}

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	notFound()
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request)
	const number = Number(params.round)
	if (!Number.isInteger(number) || number < 1) notFound()
	const assessment = await loadAssessment(params.participationId, number)
	if (!assessment) notFound()
	const keys = assessment.groups.flatMap((group) => group.criteria.map((criterion) => criterion.key))
	const form = parseAssessmentForm(await readForm(request), keys, { draft: true })
	if (!form.success)
		return reply({ ok: false, reason: 'invalid', message: translate(user.locale, 'workbench.draftInvalid') }, 400)
	const result = await attempt(() =>
		saveAssessmentDraft(
			{ type: 'staff', userId: user.id },
			{
				participationId: params.participationId,
				round: number,
				expectedVersion: form.data.version,
				form: { verdicts: form.data.verdicts, message: form.data.message, notes: form.data.notes },
			},
		),
	)
	if (!result.ok)
		return reply(
			{ ok: false, reason: 'closed', message: translateError(result.error, user.locale) },
			result.error.status === 400 ? 400 : 409,
		)
	const saved = result.value
	if (saved.ok) return reply({ ok: true, version: saved.version, savedAt: saved.savedAt.toISOString() })
	return reply(
		{ ok: false, reason: 'conflict', version: saved.version, by: saved.by, at: saved.at?.toISOString() ?? null },
		409,
	)
}
