import type { errors as nl } from '../nl/errors.ts'

export const errors: Record<keyof typeof nl, string> = {
	notFoundTitle: 'Page not found',
	notFoundText: 'This page does not exist, or you do not have access to it.',
	forbiddenTitle: 'No access',
	forbiddenText: 'You do not have access to this page.',
	unexpectedTitle: 'Something went wrong',
	unexpectedText:
		'An unexpected error occurred. Please try again later; if it keeps happening, contact the KiBG office.',
	badRequestTitle: 'Invalid request',
	tooManyRequests: 'Too many attempts. Please try again in {minutes} minutes.',
	conflict:
		'Someone else changed this in the meantime. Your input has been kept; review the new version and try again.',
	tooLargeTitle: 'Too much data sent',
	tooLargeText:
		'What you sent is larger than the portal accepts (a form at most 1 MB, a file at most 20 MB). Go back, make the text or file smaller and try again.',
	controlCharacter:
		'This field contains an invisible control character (for example a NUL character from text pasted from a PDF). Remove it or type the text again.',
	controlCharacterForm:
		'The form contains an invisible control character (for example from text pasted from a PDF). Nothing was saved; remove the character and try again.',
	fieldTooLong: 'This text is too long.',
	goHome: 'Go to the home page',
	goBack: 'Back to the previous page',
	statusCode: 'Error code {status}',
}
