import type { Route } from './+types/certificate'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { fileResponse } from '#app/lib/storage.server.ts'
import { findCertificate } from '#app/services/self-evaluation.server.ts'
import { parseYear } from './context.server.ts'

// The certificate PDF the participation service stored on qualification (templates/certificate.ts).
export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	const year = parseYear(params.year)
	const certificate = await findCertificate(params.providerId, year)
	invariantResponse(certificate?.file, 'Niet gevonden')
	return fileResponse(certificate.file)
}
