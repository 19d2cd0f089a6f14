// /aanbieder/:providerId/facturen/:invoiceId/pdf (?document=creditnota): a provider downloads its
// own invoice or credit note. Anyone else — another provider's member included — gets a 404.
import type { Route } from './+types/invoice-pdf'
import { notFound } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { fileResponse } from '#app/lib/storage.server.ts'
import { invoiceFile } from '#app/services/invoice-queries.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	const document = new URL(request.url).searchParams.get('document') === 'creditnota' ? 'credit_note' : 'invoice'
	const found = await invoiceFile(params.invoiceId, document)
	if (!found || found.providerId !== params.providerId) notFound()
	return fileResponse(found.file)
}
