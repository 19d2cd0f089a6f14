// /aanbieder/:providerId/overeenkomst/:agreementId/pdf?versie=concept|getekend: the draft is drawn
// on demand from the terms snapshot; the signed copy is the stored file. Once an agreement is
// signed it is never handed out as a concept again, whatever the link asks (issue 16). Another
// provider's agreement is a 404.
import { downloadResponse } from '#app/lib/download.ts'
import type { Route } from './+types/agreement-pdf'
import { notFound } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { fileResponse } from '#app/lib/storage.server.ts'
import { findProviderAgreement, renderAgreementPdf } from '#app/services/agreement.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	const agreement = await findProviderAgreement(params.providerId, params.agreementId)
	if (!agreement) notFound()
	if (agreement.signedFile) return fileResponse(agreement.signedFile)
	if (new URL(request.url).searchParams.get('versie') === 'getekend') notFound()
	const pdf = await renderAgreementPdf(agreement.id)
	return downloadResponse(new Uint8Array(pdf), {
		name: `overeenkomst-${agreement.participation.year}-concept.pdf`,
		type: 'application/pdf',
	})
}
