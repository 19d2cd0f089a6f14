import type { Route } from './+types/autosave'
import { notFound } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { AUTOSAVE_REPLY_HEADERS, autosave } from './autosave.server.ts'

// Autosave of one answer (fetcher, JSON-ish data): the save and its answers are in
// ./autosave.server.ts. At the deadline rush, server/autosave-route.ts answers this URL from Express.
export type { AutosaveResponse } from './autosave.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	notFound()
}

export async function action(args: Route.ActionArgs) {
	const { status, body } = await autosave(args)
	return Response.json(body, { status, headers: AUTOSAVE_REPLY_HEADERS })
}
