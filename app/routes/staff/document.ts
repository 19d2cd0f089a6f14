import type { Route } from './+types/document'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { fileResponse } from '#app/lib/storage.server.ts'
import { findStoredFile } from '#app/services/documents.server.ts'

// Any stored file (uploads, agreements, certificates, invoices, letters), for staff only.
export async function loader({ request, params }: Route.LoaderArgs) {
	await requireStaff(request)
	const file = await findStoredFile(params.fileId)
	invariantResponse(file, 'Niet gevonden')
	// An attachment for staff too (issue 15): an uploaded PDF opens in the reader, not in our origin.
	return fileResponse(file)
}
