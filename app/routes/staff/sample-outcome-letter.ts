// /medewerkers/steekproef/gesprek/:interviewId/brief?… — the withdrawal letter of an incorrect
// qualification as the provider would receive it (issue 12 §5): rendered by the same dry run as
// the confirmation page.
import type { Route } from './+types/sample-outcome-letter'
import { sampleOutcomeFields } from './sample-outcome-form.ts'
import { attempt, parseForm } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import {
	interviewOutcomeContext,
	interviewOutcomeInput,
	previewDocumentResponse,
	previewInterviewOutcome,
} from '#app/services/safe-decisions.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const context = await interviewOutcomeContext(params.interviewId)
	invariantResponse(context, 'Niet gevonden')
	const form = parseForm(sampleOutcomeFields, new URL(request.url).searchParams)
	invariantResponse(form.success, 'Niet gevonden')
	const preview = await attempt(() =>
		previewInterviewOutcome(
			{ type: 'staff', userId: user.id },
			context.participation.id,
			interviewOutcomeInput(context.interview.id, form.data, user),
		),
	)
	// A refused outcome has no letter: the confirmation page shows why.
	invariantResponse(preview.ok, 'Niet gevonden')
	const response = previewDocumentResponse(preview.value, 'withdrawal_letter')
	invariantResponse(response, 'Niet gevonden')
	return response
}
