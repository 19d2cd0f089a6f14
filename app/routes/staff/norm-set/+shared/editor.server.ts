// What both screens of the norm-set editor share on the server: the refusal as lines of text, and
// the words a new norm starts with (the norm set is a Dutch document, like the handbook).
import type { AppError } from '#app/domain/errors.ts'
import type { NewNormText } from '#app/domain/norm-set-edits.ts'
import type { Locale } from '#app/i18n/catalogue.ts'
import { translateError } from '#app/i18n/errors.ts'
import { translateNormSetIssue } from '#app/i18n/norm-set-issues.ts'
import { translate } from '#app/i18n/translate.ts'

/** A refusal of the editor as lines: the refusal, or each problem the domain found in the set. */
export function editorErrors(error: AppError, locale: Locale): string[] {
	if (error.code !== 'norm_set_invalid') return [translateError(error, locale)]
	return error.details.map((detail) => translateNormSetIssue(String(detail.params?.issue ?? ''), locale))
}

export const newNormText: NewNormText = {
	title: (code) => translate('nl', 'staff.newNormTitle', { code }),
	explanation: translate('nl', 'staff.newNormExplanation'),
	criterionText: translate('nl', 'staff.newCriterionText'),
	frameMet: translate('nl', 'staff.newFrameMet'),
	frameNotMet: translate('nl', 'staff.newFrameNotMet'),
	evidenceLabel: translate('nl', 'staff.newEvidenceLabel'),
}

/** The audit trail's summary of an edit (a Dutch record). */
export function editSummary(
	key: 'summaryThemeEdited' | 'summaryNormAdded' | 'summaryNormRemoved' | 'summaryNormEdited',
	params: Record<string, string>,
): string {
	return translate('nl', `staff.${key}`, params)
}
