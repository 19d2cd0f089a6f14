// Where a missing piece lives on the norm page (issue 13): the check page links to the very control
// (`…/norm/3#field-<key>:text`), and the norm page marks that control with aria-invalid and a
// note it points at with aria-describedby. The ids are the ones EvidenceInputs and UploadForm give.
import type { EvidenceItem } from '#app/domain/norm-set.ts'
import type { EvidenceIssue } from '#app/domain/self-evaluation.ts'
import { fieldName } from './answer-fields.ts'

/** The control an issue is about: a field of the item, or one of its checkboxes (by option). */
export type IssueTarget =
	{ field: 'text' | 'number' | 'url' | 'declared' | 'upload' } | { field: 'checked'; option: string | null }

export function issueTarget(issue: EvidenceIssue): IssueTarget {
	switch (issue.code) {
		case 'text_missing':
		case 'text_too_short':
			return { field: 'text' }
		case 'choices_too_few':
		case 'choices_too_many':
			return { field: 'checked', option: null }
		case 'upload_missing':
			return { field: 'upload' }
		case 'element_unconfirmed':
			return { field: 'checked', option: issue.element }
		case 'number_missing':
		case 'number_invalid':
		case 'number_below_min':
		case 'number_above_max':
		case 'number_not_whole':
		case 'number_too_many_decimals':
			return { field: 'number' }
		case 'url_missing':
		case 'url_invalid':
			return { field: 'url' }
		case 'checklist_unconfirmed':
			return { field: 'checked', option: issue.point }
		case 'declaration_unconfirmed':
			return { field: 'declared' }
	}
}

/** The options of an item's checkboxes, in page order. */
export function checkboxOptions(item: EvidenceItem): readonly string[] {
	if (item.kind === 'template_upload') return item.requiredElements
	if (item.kind === 'url') return item.checklist
	if (item.kind === 'explanation' && item.choices) return item.choices.options
	return []
}

export const checkboxId = (key: string, index: number) => `field-${fieldName(key, 'checked')}-${index}`
export const uploadInputId = (key: string) => `upload-${key}`
export const missingNoteId = (key: string) => `ontbreekt-${key}`

/** The id of the control to land on for an issue (the first checkbox when no option is named). */
export function controlId(item: EvidenceItem, issue: EvidenceIssue | undefined): string {
	if (!issue) return `vraag-${item.key}`
	const target = issueTarget(issue)
	switch (target.field) {
		case 'upload':
			return uploadInputId(item.key)
		case 'checked': {
			const index = target.option === null ? 0 : checkboxOptions(item).indexOf(target.option)
			return checkboxId(item.key, Math.max(index, 0))
		}
		default:
			return `field-${fieldName(item.key, target.field)}`
	}
}

/** Whether a control is named by any of the issues: it then carries aria-invalid. */
export function isMarked(issues: readonly EvidenceIssue[], field: IssueTarget['field'], option?: string): boolean {
	return issues.some((issue) => {
		const target = issueTarget(issue)
		if (target.field !== field) return false
		if (target.field !== 'checked') return true
		return target.option === null || target.option === option
	})
}
