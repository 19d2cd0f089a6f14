// An action's answer to a thrown error: a coded refusal (AppError) becomes a form failure in the
// reader's language that keeps what the user typed; a refusal that means "not yours" is a 404
// (DOMAIN.md §2: never confirm that a thing exists); anything else is a bug and is rethrown.
import { data } from 'react-router'
import { isAppError } from '#app/domain/errors.ts'
import type { Locale } from '#app/i18n/catalogue.ts'
import { type FormValues, refusalFailure } from './forms.ts'
import { notFound } from './http.server.ts'

export function answerRefusal(error: unknown, locale: Locale, values: FormValues = {}, field?: string) {
	if (!isAppError(error)) throw error
	if (error.status === 404) notFound()
	return data(refusalFailure(error, locale, values, field), { status: error.status })
}
