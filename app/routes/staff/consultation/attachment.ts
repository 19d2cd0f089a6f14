// An attachment of a sent reaction, for staff (a draft's attachment stays the reactor's own).
import type { Route } from './+types/attachment'
import { notFound } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { fileResponse } from '#app/lib/storage.server.ts'
import { staffAttachment } from '#app/services/consultation.server.ts'
import { parseYear } from '#app/routes/consultation/reader.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireStaff(request)
	const file = await staffAttachment(parseYear(params.year), params.fileId)
	if (!file) notFound()
	return fileResponse(file)
}
