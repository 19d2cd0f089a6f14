// /medewerkers/deelnames/:participationId/intrekken/brief?… — the withdrawal letter of the preview
// step as the provider would receive it (issue 12 §5): rendered by the same dry run as the preview.
import type { Route } from './+types/withdraw-letter'
import { withdrawFields } from './withdraw-form.ts'
import { attempt, parseForm } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { previewDocumentResponse, previewWithdrawal, withdrawalInput } from '#app/services/safe-decisions.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request, 'admin')
	const form = parseForm(withdrawFields, new URL(request.url).searchParams)
	invariantResponse(form.success, 'Niet gevonden')
	const preview = await attempt(() =>
		previewWithdrawal({ type: 'staff', userId: user.id }, withdrawalInput(params.participationId, form.data, user)),
	)
	// A refused withdrawal has no letter: the preview page shows why.
	invariantResponse(preview.ok, 'Niet gevonden')
	const response = previewDocumentResponse(preview.value, 'withdrawal_letter')
	invariantResponse(response, 'Niet gevonden')
	return response
}
