// /normen/:year/wijzigingen.pdf — the published document of changes and considerations (public).
import type { Route } from './+types/changes-pdf'
import { notFound } from '#app/lib/http.server.ts'
import { readStoredFile } from '#app/lib/storage.server.ts'
import { changesDocumentFile } from '#app/services/consultation-document.server.ts'
import { parseYear } from './reader.server.ts'

export async function loader({ params }: Route.LoaderArgs) {
	const file = await changesDocumentFile(parseYear(params.year))
	if (!file) notFound()
	const bytes = await readStoredFile(file)
	return new Response(new Uint8Array(bytes), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Length': String(bytes.byteLength),
			'Content-Disposition': `attachment; filename="${file.originalName}"`,
			'Cache-Control': 'public, max-age=300',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
