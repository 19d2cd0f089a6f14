// The assessment form's fields (issue 12): per criterion `verdict-<key>` (radio group) and
// `feedback-<key>`, then `message` (to the provider) and `notes` (internal), and the version the
// form was loaded with. One schema, built from the criteria this round assesses, reads both the
// save (action) and the autosave (resource route); the page uses the same names.
import { z } from 'zod'
import type { CriterionVerdict } from '#app/domain/types.ts'
import { parseForm } from '#app/lib/forms.ts'

export const verdictField = (key: string) => `verdict-${key}`
export const feedbackField = (key: string) => `feedback-${key}`

const MAX_TEXT = 5000

function formSchema(keys: readonly string[], { requireFeedback }: { requireFeedback: boolean }) {
	const shape: Record<string, z.ZodType> = {
		version: z.coerce.number().int().min(0),
		message: z.string().trim().max(MAX_TEXT, 'staff.errorTextTooLong').default(''),
		notes: z.string().trim().max(MAX_TEXT, 'staff.errorTextTooLong').default(''),
	}
	for (const key of keys) {
		shape[verdictField(key)] = z.enum(['sufficient', 'insufficient']).optional()
		shape[feedbackField(key)] = z.string().trim().max(MAX_TEXT, 'staff.errorTextTooLong').default('')
	}
	return z.object(shape).superRefine((value, context) => {
		if (!requireFeedback) return
		for (const key of keys) {
			if (value[verdictField(key)] === 'insufficient' && !value[feedbackField(key)])
				context.addIssue({ code: 'custom', path: [feedbackField(key)], message: 'staff.errorFeedbackRequired' })
		}
	})
}

export interface ParsedAssessment {
	version: number
	verdicts: Record<string, { verdict: CriterionVerdict | null; feedback: string }>
	message: string
	notes: string
}

/**
 * Reads the form for the criteria `keys`. A save needs feedback on every insufficient verdict; a
 * draft may be unfinished.
 */
export function parseAssessmentForm(formData: FormData, keys: readonly string[], options: { draft: boolean }) {
	const result = parseForm(formSchema(keys, { requireFeedback: !options.draft }), formData)
	if (!result.success) return result
	const value = result.data as Record<string, unknown>
	const verdicts: ParsedAssessment['verdicts'] = {}
	for (const key of keys) {
		const verdict = (value[verdictField(key)] as CriterionVerdict | undefined) ?? null
		const feedback = value[feedbackField(key)] as string
		// Nothing chosen and nothing typed: the criterion is not part of this save.
		if (verdict || feedback) verdicts[key] = { verdict, feedback }
	}
	return {
		success: true as const,
		data: {
			version: value.version as number,
			verdicts,
			message: value.message as string,
			notes: value.notes as string,
		} satisfies ParsedAssessment,
	}
}
