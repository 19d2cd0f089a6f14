import type { Route } from './+types/upload'
import { translate } from '#app/i18n/translate.ts'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { notFound } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { findParticipation } from '#app/services/self-evaluation.server.ts'
import { parseYear } from './context.server.ts'
import { receiveUpload } from './upload.server.ts'

// A document upload sent by script (XMLHttpRequest, so the page can show upload progress; issue
// 13). The same checks and service as the norm page's plain form post, answered in JSON:
// 200 { ok, fileId } or 4xx { ok: false, message } with the Dutch (or English) message for the field
// (503 with Retry-After when the file could not be checked just now).
export type UploadResponse = { ok: true; fileId: string } | { ok: false; message: string }

function reply(body: UploadResponse, status = 200, headers: Record<string, string> = {}): Response {
	return Response.json(body, { status, headers: { ...headers, 'Cache-Control': 'no-store' } })
}

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	notFound()
}

export async function action({ request, params }: Route.ActionArgs) {
	// A script calls this: no session is a 401 in JSON, not a redirect to the login page.
	const { user } = await requireProviderMember(request, params.providerId, { json: true })
	const year = parseYear(params.year)
	if (!(await findParticipation(params.providerId, year))) notFound()
	const uploadKey = new URL(request.url).searchParams.get('upload')
	const outcome = await receiveUpload(request, { user, providerId: params.providerId, year, uploadKey })
	if (outcome.ok) return reply({ ok: true, fileId: outcome.fileId })
	if (outcome.status === 404) notFound()
	const message = outcome.error.startsWith('selfEvaluation.')
		? translate(user.locale, outcome.error as MessageKey)
		: outcome.error
	return reply({ ok: false, message }, outcome.status, outcome.headers)
}
