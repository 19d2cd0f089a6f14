// The fields of a withdrawal (issue 12 §5), shared by the withdrawal page and its letter preview.
import { z } from 'zod'
import { isCalendarDate } from '#app/domain/amsterdam-time.ts'

export const withdrawFields = z.object({
	reason: z.enum(['unpaid_fee', 'incorrect_qualification', 'provider_request'], 'staff.errorReasonRequired'),
	effectiveOn: z.string().refine(isCalendarDate, 'staff.errorDateRequired'),
	explanation: z.string().trim().min(10, 'staff.errorExplanationRequired').max(5000),
})

/** The chosen values as URL parameters of the preview step (and of the letter's PDF). */
export function withdrawQuery(values: { reason: string; effectiveOn: string; explanation: string }) {
	return new URLSearchParams({ stap: 'controleren', ...values }).toString()
}
