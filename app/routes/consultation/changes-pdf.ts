// /normen/:year/wijzigingen.pdf — the published document of changes and considerations (public).
import type { Route } from './+types/changes-pdf'
import { notFound } from '#app/lib/http.server.ts'
import { fileResponse } from '#app/lib/storage.server.ts'
import { changesDocumentFile } from '#app/services/consultation-document.server.ts'
import { parseYear } from './reader.server.ts'

export async function loader({ params }: Route.LoaderArgs) {
	const file = await changesDocumentFile(parseYear(params.year))
	if (!file) notFound()
	// Public and the same for everyone: caches may keep it five minutes (a signed-in reader's copy
	// is no-store all the same: server/no-store.ts).
	return fileResponse(file, { cacheControl: 'public, max-age=300' })
}
