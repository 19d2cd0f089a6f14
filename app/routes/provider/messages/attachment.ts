import type { Route } from './+types/attachment'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { fileResponse } from '#app/lib/storage.server.ts'
import { providerMessageFile } from '#app/services/conversation.server.ts'
import { parseYear } from '../self-evaluation/context.server.ts'

// An attachment of a message in the provider's own conversation of that year, as a download;
// a file of another provider or year, or not attached to a message, is a 404.
export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	const year = parseYear(params.year)
	const file = await providerMessageFile(params.providerId, year, params.fileId)
	invariantResponse(file, 'Niet gevonden')
	return fileResponse(file)
}
