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
import { urlEncodedPairs } from './url-encoded.ts'

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

/** The largest body a form post (anything but an upload) may have: far above any real form, far
 * below what could hurt the server (issue 15, finding 2). Uploads have their own cap
 * (app/lib/uploads.server.ts); server/body-limit.ts refuses a larger declared length earlier. */
export const MAX_FORM_BODY_BYTES = 1024 * 1024

/** Longest value a failed submission echoes back to the browser (the schemas cap each field). */
const MAX_ECHO_CHARS = 20_000

/**
 * The form of a request, read through the one entry every action uses (lint forbids
 * `request.formData()` in routes): the body is read with a cap, so a large or endless body is cut
 * off after MAX_FORM_BODY_BYTES (413, the Dutch error page) instead of being buffered whole; a body
 * that is no form at all is a 400, not a crash. The values are then cleaned (`acceptedFormData`).
 * A request whose body a server handler hands on itself (`setBodySource`) is read from there, with
 * the same cap and the same parsing.
 */
export async function readForm(request: Request, maxBytes = MAX_FORM_BODY_BYTES): Promise<FormData> {
	const body = new FormBody(request.headers.get('content-length'), maxBytes)
	const source = bodySources.get(request)
	if (source) {
		bodySources.delete(request)
		await source(body)
	} else {
		const reader = request.body?.getReader()
		if (reader) {
			for (;;) {
				const { done, value } = await reader.read()
				if (done) break
				if (!body.accepts(value)) {
					// The rest is not read: Node discards it once our answer is sent.
					reader.releaseLock()
					throw bodyTooLarge()
				}
			}
		}
	}
	return acceptedFormData(await body.formData(request.headers.get('content-type')))
}

/**
 * Where a request's body comes from when not from its own stream: server/autosave-route.ts reads
 * the autosave's body straight from the Node request (issue 17: a web stream around it, and the
 * Fetch body machinery, cost more CPU than the reading). The source feeds `body.accepts` and
 * rejects with `body.refusal()` once it says no; readForm calls it when the action asks for its
 * form, so the action's own order (permission first) stays as it was.
 */
export type BodySource = (body: FormBody) => Promise<void>

const bodySources = new WeakMap<Request, BodySource>()

/** Hands readForm the body of `request` (a Fetch request made without one). */
export function setBodySource(request: Request, source: BodySource) {
	bodySources.set(request, source)
}

/** `application/x-www-form-urlencoded`, as the Fetch body parser recognises it (its MIME type's
 * essence, any parameters); a header it reads otherwise (a list, a quoted comma) goes its way. */
const urlEncoded = /^application\/x-www-form-urlencoded[\t ]*(;[^,]*)?$/i

/**
 * A form's body as it arrives, under its cap: a declared length over the cap is refused before a
 * byte is read (413), a body that grows past it as soon as it does.
 */
export class FormBody {
	private readonly chunks: Uint8Array[] = []
	private total = 0

	constructor(
		declaredLength: string | null | undefined,
		private readonly maxBytes = MAX_FORM_BODY_BYTES,
	) {
		const declared = Number(declaredLength ?? 'NaN')
		if (Number.isFinite(declared) && declared > maxBytes) throw bodyTooLarge()
	}

	/** Takes the next piece; false once the body is over the cap (stop reading, answer `refusal()`). */
	accepts(chunk: Uint8Array): boolean {
		this.total += chunk.byteLength
		if (this.total > this.maxBytes) return false
		this.chunks.push(chunk)
		return true
	}

	/** The answer to a body over the cap: 413, the connection closed. */
	refusal(): Response {
		return bodyTooLarge()
	}

	/**
	 * The form, parsed as the Fetch body parser (`Response.formData()`) parses it: URL-encoded text
	 * directly (its own steps, without a Response around the bytes), anything else (multipart) by
	 * the parser itself. No form at all is a 400. Not yet cleaned (readForm does that).
	 */
	async formData(contentType: string | null): Promise<FormData> {
		const type = contentType ?? 'application/x-www-form-urlencoded'
		const bytes = this.chunks.length === 1 ? (this.chunks[0] as Uint8Array) : concatenated(this.chunks, this.total)
		if (urlEncoded.test(type)) {
			const formData = new FormData()
			for (const [name, value] of urlEncodedPairs(bytes)) formData.append(name, value)
			return formData
		}
		try {
			return await new Response(bytes as BlobPart, { headers: { 'Content-Type': type } }).formData()
		} catch {
			throw new Response('Ongeldig verzoek: geen formulier.', {
				status: 400,
				headers: { 'Content-Type': 'text/plain; charset=utf-8' },
			})
		}
	}
}

function concatenated(chunks: Uint8Array[], total: number): Uint8Array {
	const bytes = new Uint8Array(total)
	let offset = 0
	for (const chunk of chunks) {
		bytes.set(chunk, offset)
		offset += chunk.byteLength
	}
	return bytes
}

function bodyTooLarge(): Response {
	return new Response('Te veel gegevens verstuurd.', {
		status: 413,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' },
	})
}

/**
 * Control characters no form needs and PostgreSQL or a reader may choke on (NUL above all, which
 * text pasted from a PDF can hold): C0 except tab, newline and carriage return, DEL and C1. Tab
 * and newline are allowed in every field (a one-line input cannot hold a newline in the browser, and
 * the schemas trim).
 */
// eslint-disable-next-line no-control-regex -- finding these is the point
const forbiddenCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g

/** Per form read: the names of the fields that held a forbidden control character. */
const refusedFields = new WeakMap<FormData | URLSearchParams, string[]>()

/**
 * Every form is read through here (by `readForm`, `parseForm`, `parseSubmission`): the one place
 * where submitted input is cleaned before a schema or a handler reads it. Forbidden control
 * characters are taken out of the values (so nothing that forgets to look can store one), and the
 * fields that held one are remembered: the parsers then refuse the whole submission with a Dutch
 * message on those fields (`controlCharacterFields`), so nothing is stored silently changed either.
 * Idempotent.
 */
export function acceptedFormData<Data extends FormData | URLSearchParams>(formData: Data): Data {
	if (refusedFields.has(formData)) return formData
	const entries = [...formData.entries()] as [string, FormDataEntryValue][]
	const refused = new Set<string>()
	for (const [name, value] of entries) {
		forbiddenCharacters.lastIndex = 0
		if (forbiddenCharacters.test(name) || (typeof value === 'string' && hasForbidden(value))) refused.add(name)
	}
	if (refused.size > 0) {
		for (const name of new Set(entries.map(([name]) => name))) formData.delete(name)
		for (const [name, value] of entries) {
			const cleanName = name.replace(forbiddenCharacters, '')
			if (typeof value === 'string') formData.append(cleanName, value.replace(forbiddenCharacters, ''))
			else (formData as FormData).append(cleanName, value)
		}
	}
	refusedFields.set(
		formData,
		[...refused].map((name) => name.replace(forbiddenCharacters, '')),
	)
	return formData
}

function hasForbidden(value: string): boolean {
	forbiddenCharacters.lastIndex = 0
	return forbiddenCharacters.test(value)
}

/** The fields of this form that held a forbidden control character (empty when clean). */
export function controlCharacterFields(formData: FormData | URLSearchParams): string[] {
	return refusedFields.get(acceptedFormData(formData)) ?? []
}

/** The value text, as a failed submission may send it back: no more than MAX_ECHO_CHARS. */
function echoed(value: string | string[]): string | string[] {
	return Array.isArray(value) ? value.map((item) => item.slice(0, MAX_ECHO_CHARS)) : value.slice(0, MAX_ECHO_CHARS)
}

/**
 * What a failed submission sends back to the browser: only the form's own fields (the schema's
 * keys), each cut to a sane length, never a password. A post with invented fields or megabytes of
 * text is not echoed (issue 15, finding 2).
 */
export function echoValues(schema: z.ZodType, formData: FormData | URLSearchParams): FormValues {
	const known = knownNames(schema)
	const echo = echoFields(formData, (name) => !known || known.has(name))
	// Each field at most twice its own maximum (so a text just over the limit comes back whole).
	const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {}
	for (const [name, value] of Object.entries(echo)) {
		const max = maxLengthOf(shape[name])
		if (max === null) continue
		const cap = Math.max(2 * max, 200)
		echo[name] = Array.isArray(value) ? value.map((item) => item.slice(0, cap)) : value.slice(0, cap)
	}
	return echo
}

/** A string field's `.max()`, through optional/default/nullable wrappers; null when it has none. */
function maxLengthOf(field: z.ZodType | undefined): number | null {
	let inner: unknown = field
	while (inner && typeof inner === 'object' && !('maxLength' in inner) && 'unwrap' in inner)
		inner = (inner as { unwrap(): unknown }).unwrap()
	const max = (inner as { maxLength?: number | null } | undefined)?.maxLength
	return typeof max === 'number' ? max : null
}

/**
 * The same for a form that is not one Zod object (fields named after norms, indicators…): only the
 * names `isOwn` accepts, each cut to MAX_ECHO_CHARS, never a password (issue 15).
 */
export function echoFields(formData: FormData | URLSearchParams, isOwn: (name: string) => boolean): FormValues {
	const echo: FormValues = {}
	for (const [name, value] of Object.entries(formDataToValues(acceptedFormData(formData)))) {
		if (!isOwn(name) || /password/i.test(name)) continue
		echo[name] = echoed(value)
	}
	return echo
}

/** One submitted value as text a page may show again beside a form (an id, a theme): capped. */
export function echoField(formData: FormData | URLSearchParams, name: string, max = 200): string {
	const value = acceptedFormData(formData).get(name)
	return typeof value === 'string' ? value.slice(0, max) : ''
}

/** The names a schema knows (an object's keys), or null when it cannot say (a union, a pipe). */
function knownNames(schema: z.ZodType): Set<string> | null {
	return schema instanceof z.ZodObject ? new Set(Object.keys(schema.shape as Record<string, unknown>)) : null
}

export function parseForm<Schema extends z.ZodType>(
	schema: Schema,
	formData: FormData | URLSearchParams,
): FormResult<z.output<Schema>> {
	const values = formDataToValues(acceptedFormData(formData))
	const known = knownNames(schema)
	const echo = echoValues(schema, formData)
	const refused = controlCharacterFields(formData)
	if (refused.length > 0) {
		const fieldErrors: FieldErrors = {}
		for (const name of refused) if (!known || known.has(name)) fieldErrors[name] = ['errors.controlCharacter']
		return { success: false, fieldErrors, formErrors: ['errors.controlCharacterForm'], values: echo }
	}
	const result = schema.safeParse(values)
	if (result.success) return { success: true, data: result.data }
	const fieldErrors: FieldErrors = {}
	const formErrors: string[] = []
	for (const issue of result.error.issues) {
		const path = issue.path.map(String).join('.')
		if (!path) formErrors.push(issue.message)
		else (fieldErrors[path] ??= []).push(issue.message)
	}
	return { success: false, fieldErrors, formErrors, values: echo }
}

/**
 * A Conform form (nested lists, intents to add and remove items) read with its Zod schema. Values
 * stay text (no automatic coercion): the schema decides how to read each field, so a failed
 * submission comes back exactly as typed.
 */
export function parseSubmission<Schema extends z.ZodType>(formData: FormData | URLSearchParams, schema: Schema) {
	const refused = controlCharacterFields(formData)
	// A forbidden control character: the whole submission is refused, the message on each field
	// that held one and on the form (nothing is saved).
	const checked =
		refused.length === 0
			? schema
			: (z.any().superRefine((_value, context) => {
					context.addIssue({ code: 'custom', message: 'errors.controlCharacterForm', path: [] })
					for (const name of refused)
						context.addIssue({ code: 'custom', message: 'errors.controlCharacter', path: namePath(name) })
				}) as unknown as Schema)
	return parseWithZod(acceptedFormData(formData), { schema: checked, disableAutoCoercion: true })
}

/** A Conform field name ('criteria[0].text') as a path (['criteria', 0, 'text']). */
function namePath(name: string): (string | number)[] {
	return [...name.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
		match[2] === undefined ? (match[1] as string) : Number(match[2]),
	)
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
