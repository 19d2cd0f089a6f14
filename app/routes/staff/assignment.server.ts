// Claim and assign, shared by the participation page and the workbench queues: an assessor claims
// an unassigned submission (intent `claim`); only an administrator assigns, reassigns or releases
// one (intent `assign`, a 404 for anyone else, as every admin action).
import { data } from 'react-router'
import { z } from 'zod'
import { attempt, parseForm, refusalData } from '#app/lib/forms.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { assignAssessor, claimSubmission } from '#app/services/workbench.server.ts'

const claimSchema = z.object({ intent: z.literal('claim'), participationId: z.string().min(1).max(64) })
const assignSchema = z.object({
	intent: z.literal('assign'),
	participationId: z.string().min(1).max(64),
	assessorId: z.string().max(64).optional(),
})

/** Handles intent `claim` or `assign`; null for any other intent. `back` is where to return. */
export async function handleAssignment(request: Request, formData: FormData, back: string) {
	const intent = formData.get('intent')
	if (intent === 'claim') {
		const user = await requireStaff(request)
		const form = parseForm(claimSchema, formData)
		if (!form.success) return data({ ...form, intent: 'claim' }, { status: 400 })
		const result = await attempt(() => claimSubmission({ type: 'staff', userId: user.id }, form.data.participationId))
		if (!result.ok) return refusalData(result.error, user.locale, { extra: { intent: 'claim' } })
		return redirectWithToast(back, { type: 'success', key: 'workbench.toastClaimed' })
	}
	if (intent === 'assign') {
		const user = await requireStaff(request, 'admin')
		const form = parseForm(assignSchema, formData)
		if (!form.success) return data({ ...form, intent: 'assign' }, { status: 400 })
		const result = await attempt(() =>
			assignAssessor({ type: 'staff', userId: user.id }, form.data.participationId, form.data.assessorId || null),
		)
		if (!result.ok) return refusalData(result.error, user.locale, { extra: { intent: 'assign' } })
		return redirectWithToast(back, { type: 'success', key: 'staff.toastAssigned' })
	}
	return null
}
