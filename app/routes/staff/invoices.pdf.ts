// /medewerkers/facturen/:invoiceId/pdf (?document=creditnota): the stored PDF, for staff.
import type { Route } from './+types/invoices.pdf'
import { notFound } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { fileResponse } from '#app/lib/storage.server.ts'
import { invoiceFile } from '#app/services/invoice-queries.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireStaff(request)
	const document = new URL(request.url).searchParams.get('document') === 'creditnota' ? 'credit_note' : 'invoice'
	const found = await invoiceFile(params.invoiceId, document)
	if (!found) notFound()
	return fileResponse(found.file)
}
