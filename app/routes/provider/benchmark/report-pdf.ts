// The PDF "Spiegelrapportage <jaar>" of the provider in the URL (404 for anyone else, or before
// the delivery is submitted).
import type { Route } from './+types/report-pdf'
import { notFound } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { reportFileName, reportPdf } from '#app/services/benchmark-report.server.ts'
import { parseYear } from './context.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user } = await requireProviderMember(request, params.providerId)
	const year = parseYear(params.year)
	const bytes = await reportPdf(params.providerId, year, await getLocale(request, user))
	if (!bytes) notFound()
	return new Response(new Uint8Array(bytes), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Length': String(bytes.byteLength),
			'Content-Disposition': `attachment; filename="${reportFileName(year)}"`,
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
