// The fields of a sample interview's outcome (issue 12 §5), shared by the confirmation page and
// its letter preview. An incorrect qualification withdraws the mark: its effective day is chosen,
// never assumed to be today.
import { z } from 'zod'
import { isCalendarDate } from '#app/domain/amsterdam-time.ts'

export const sampleOutcomeFields = z
	.object({
		outcome: z.enum(['confirmed', 'incorrect_qualification'], 'staff.errorOutcomeRequired'),
		version: z.coerce.number().int(),
		notes: z.string().trim().max(5000).default(''),
		effectiveOn: z.string().trim().optional(),
	})
	.superRefine((value, context) => {
		if (value.outcome === 'incorrect_qualification' && !isCalendarDate(value.effectiveOn ?? ''))
			context.addIssue({ code: 'custom', path: ['effectiveOn'], message: 'staff.errorDateRequired' })
	})
	.transform((value) => ({
		...value,
		effectiveOn: value.outcome === 'incorrect_qualification' ? (value.effectiveOn ?? null) : null,
	}))

export type SampleOutcomeFields = z.infer<typeof sampleOutcomeFields>

/** The chosen values as URL parameters of the preview step (and of the letter's PDF). */
export function sampleOutcomeQuery(values: SampleOutcomeFields) {
	return new URLSearchParams({
		stap: 'controleren',
		outcome: values.outcome,
		version: String(values.version),
		notes: values.notes,
		...(values.effectiveOn ? { effectiveOn: values.effectiveOn } : {}),
	}).toString()
}
