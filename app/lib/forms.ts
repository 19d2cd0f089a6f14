// Form parsing shared by actions (server) and components (field errors). One Zod schema per
// form. Error messages are message keys ('auth.errorEmailInvalid') where we wrote them, so they
// appear in the reader's language; Zod's own messages (Dutch locale) are the fallback.
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from 'react-router'
import { z } from 'zod'
import { nl as zodDutch } from 'zod/v4/locales'
import { type AppError, isAppError, type Refusal } from '#app/domain/errors.ts'
import type { Locale } from '#app/i18n/catalogue.ts'
import { translateError } from '#app/i18n/errors.ts'

z.config(zodDutch())

export type FieldErrors = Record<string, string[]>
export type FormValues = Record<string, string | string[]>

export type FormResult<T> =
	{ success: true; data: T } | { success: false; fieldErrors: FieldErrors; formErrors: string[]; values: FormValues }

/** FormData to a plain object; repeated names (checkbox groups) become arrays. Files are
 * left out: upload routes read them separately. */
export function formDataToValues(formData: FormData | URLSearchParams): FormValues {
	const values: FormValues = {}
	for (const [name, value] of formData.entries()) {
		if (typeof value !== 'string') continue
		const existing = values[name]
		if (existing === undefined) values[name] = value
		else values[name] = Array.isArray(existing) ? [...existing, value] : [existing, value]
	}
	return values
}

/**
 * Every form is read through here or through `parseSubmission` (Conform forms): the one place where
 * submitted input is accepted before a schema reads it, so whatever cleaning the input needs
 * applies to both.
 */
export function acceptedFormData<Data extends FormData | URLSearchParams>(formData: Data): Data {
	return formData
}

export function parseForm<Schema extends z.ZodType>(
	schema: Schema,
	formData: FormData | URLSearchParams,
): FormResult<z.output<Schema>> {
	const values = formDataToValues(acceptedFormData(formData))
	const result = schema.safeParse(values)
	if (result.success) return { success: true, data: result.data }
	const fieldErrors: FieldErrors = {}
	const formErrors: string[] = []
	for (const issue of result.error.issues) {
		const path = issue.path.map(String).join('.')
		if (!path) formErrors.push(issue.message)
		else (fieldErrors[path] ??= []).push(issue.message)
	}
	// Never send a password back to the browser.
	for (const name of Object.keys(values)) if (/password/i.test(name)) delete values[name]
	return { success: false, fieldErrors, formErrors, values }
}

/**
 * A Conform form (nested lists, intents to add and remove items) read with its Zod schema. Values
 * stay text (no automatic coercion): the schema decides how to read each field, so a failed
 * submission comes back exactly as typed.
 */
export function parseSubmission<Schema extends z.ZodType>(formData: FormData | URLSearchParams, schema: Schema) {
	return parseWithZod(acceptedFormData(formData), { schema, disableAutoCoercion: true })
}

export function errorCount(result: { fieldErrors?: FieldErrors; formErrors?: string[] } | undefined): number {
	if (!result) return 0
	return (
		Object.values(result.fieldErrors ?? {}).reduce((sum, list) => sum + list.length, 0) +
		(result.formErrors?.length ?? 0)
	)
}

// Reusable field schemas.
const trimmed = z.string().trim()

export const emailField = trimmed
	.min(1, 'auth.errorEmailRequired')
	.max(254, 'auth.errorEmailInvalid')
	.pipe(z.email('auth.errorEmailInvalid'))
	.transform((email) => email.toLowerCase())

export const newPasswordField = z.string().min(12, 'auth.errorPasswordTooShort').max(200, 'auth.errorPasswordTooLong')

export const checkboxField = z
	.union([z.literal('on'), z.literal('true'), z.literal('1'), z.literal('')])
	.optional()
	.transform((value) => value === 'on' || value === 'true' || value === '1')

export type FormFailure = Extract<FormResult<never>, { success: false }>

/** A failure decided after parsing (wrong password, expired link): same shape as a parse failure. */
export function formFailure({
	formErrors = [],
	fieldErrors = {},
	values = {},
}: {
	formErrors?: string[]
	fieldErrors?: FieldErrors
	values?: FormValues
}): FormFailure {
	return { success: false, fieldErrors, formErrors, values }
}

/** A coded refusal (AppError or Refusal) as a form failure in the reader's language, keeping what
 * the user typed. */
export function refusalFailure(
	error: AppError | Refusal,
	locale: Locale,
	values: FormValues = {},
	field?: string,
): FormFailure {
	const message = translateError(error, locale)
	field ??= 'field' in error ? error.field : undefined
	return field
		? formFailure({ fieldErrors: { [field]: [message] }, values })
		: formFailure({ formErrors: [message], values })
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: AppError }

/**
 * Runs a use case. A coded refusal (AppError) it throws comes back as `{ ok: false, error }`, so the
 * action can answer with a form failure; anything else is a bug and is rethrown.
 */
export async function attempt<T>(run: () => Promise<T> | T): Promise<Attempt<T>> {
	try {
		return { ok: true, value: await run() }
	} catch (error) {
		if (isAppError(error)) return { ok: false, error }
		throw error
	}
}

/**
 * An action's answer to a refusal: the form failure in the reader's language (keeping what the user
 * typed), with the HTTP status of the code and any extra fields the component needs (an `intent`).
 */
export function refusalData<Extra extends Record<string, unknown> = Record<string, never>>(
	error: AppError,
	locale: Locale,
	{ values, field, extra, status }: { values?: FormValues; field?: string; extra?: Extra; status?: number } = {},
) {
	return data(
		{ ...refusalFailure(error, locale, values, field), ...(extra as Extra) },
		{ status: status ?? error.status },
	)
}
