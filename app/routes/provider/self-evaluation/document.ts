import type { Route } from './+types/document'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { fileResponse } from '#app/lib/storage.server.ts'
import { findDocument } from '#app/services/self-evaluation.server.ts'
import { parseYear } from './context.server.ts'

// A template document of the provider's own self-evaluation; another provider's file is a 404.
export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	const year = parseYear(params.year)
	const file = await findDocument(params.providerId, year, params.fileId)
	invariantResponse(file, 'Niet gevonden')
	return fileResponse(file)
}
