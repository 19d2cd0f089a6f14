// /medewerkers/intrekkingen/voorstel/:proposalId/brief — the letter the approval of a proposal
// sends, rendered by the same dry run as the approver's preview (issue 12 §5).
import type { Route } from './+types/withdrawal-proposal-letter'
import { attempt } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { previewDocumentResponse, previewWithdrawalProposal } from '#app/services/safe-decisions.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const preview = await attempt(() => previewWithdrawalProposal({ type: 'staff', userId: user.id }, params.proposalId))
	invariantResponse(preview.ok, 'Niet gevonden')
	const response = previewDocumentResponse(preview.value, 'withdrawal_letter')
	invariantResponse(response, 'Niet gevonden')
	return response
}
