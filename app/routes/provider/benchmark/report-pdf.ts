// The PDF "Spiegelrapportage <jaar>" of the provider in the URL (404 for anyone else, or before
// the delivery is submitted).
import { downloadResponse } from '#app/lib/download.ts'
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
	return downloadResponse(new Uint8Array(bytes), { name: reportFileName(year), type: 'application/pdf' })
}
