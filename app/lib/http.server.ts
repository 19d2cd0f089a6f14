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

/** A request no form of ours can have sent (a broken multipart body): a 400, never a 500. */
export function badRequest(message = 'Ongeldig verzoek'): Response {
	return new Response(message, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/**
 * Only same-site paths may be redirect targets (issue 15, finding 5). Browsers read a Location
 * leniently: they drop tabs and newlines anywhere and treat a backslash as a slash, so
 * '/\t/evil.example' and '/\\evil.example' both become '//evil.example', another host. Refused: anything
 * that does not start with a single '/', any whitespace or control character, any backslash, and
 * anything the URL parser (the browser's algorithm) resolves to another origin. The fallback is used
 * instead; nothing is ever thrown, so a strange target is never a 500.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
	if (typeof to !== 'string' || to.length > 2000) return fallback
	if (!to.startsWith('/') || to.startsWith('//')) return fallback
	// eslint-disable-next-line no-control-regex -- control characters are what is refused here
	if (/[\s\u0000-\u001F\u007F-\u009F\\]/.test(to)) return fallback
	const base = 'https://portaal.invalid'
	let resolved: URL
	try {
		resolved = new URL(to, base)
	} catch {
		return fallback
	}
	if (resolved.origin !== base) return fallback
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
