// Small response helpers for loaders and actions.
import { data, redirect } from 'react-router'
import type { z } from 'zod'

/** Throws a 404 (or the given status) when the condition is falsy: a user who may not see a
 * thing learns nothing about whether it exists. */
export function invariantResponse(
	condition: unknown,
	message = 'Niet gevonden',
	init: ResponseInit = { status: 404 },
): asserts condition {
	if (!condition) {
		throw new Response(message, { ...init, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...init.headers } })
	}
}

export function notFound(message = 'Niet gevonden'): never {
	throw new Response(message, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/** Only same-site paths may be redirect targets, never 'https://elders.example' or '//x'. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) {
		return fallback
	}
	return to
}

export function clientIp(request: Request, context?: { clientIp?: string }): string {
	return context?.clientIp ?? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'onbekend'
}

/** Route params read with a Zod schema; anything that does not fit is a 404, like a missing page. */
export function parseParams<Schema extends z.ZodType>(schema: Schema, params: unknown): z.output<Schema> {
	const parsed = schema.safeParse(params)
	if (!parsed.success) notFound()
	return parsed.data
}

export { data, redirect }
