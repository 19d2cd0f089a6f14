// An attachment of the reader's own reaction (404 for anyone else; staff use their own route).
import type { Route } from './+types/attachment'
import { notFound } from '#app/lib/http.server.ts'
import { requireUser } from '#app/lib/permissions.server.ts'
import { fileResponse } from '#app/lib/storage.server.ts'
import { ownAttachment } from '#app/services/consultation.server.ts'
import { parseYear } from './reader.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const year = parseYear(params.year)
	const file = await ownAttachment(user, year, params.fileId)
	if (!file) notFound()
	return fileResponse(file)
}
