// A one-time message that survives a redirect ("Opgeslagen", "U bent uitgelogd"). It carries a
// message key, not text, so it is shown in the reader's language.
import { createCookie, redirect } from 'react-router'
import { z } from 'zod'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { getEnv } from './env.server.ts'

export const toastSchema = z.object({
	type: z.enum(['success', 'info', 'error']).default('success'),
	key: z.string().max(100),
	params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
})
export type Toast = z.infer<typeof toastSchema> & { key: MessageKey }

let cookie: ReturnType<typeof createCookie> | undefined

function toastCookie() {
	const env = getEnv()
	cookie ??= createCookie('__toast', {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: env.APP_URL.startsWith('https:'),
		secrets: [env.SESSION_SECRET],
		maxAge: 60,
	})
	return cookie
}

export function serializeToast(toast: Toast): Promise<string> {
	return toastCookie().serialize(toast)
}

export async function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}): Promise<Response> {
	const headers = new Headers(init.headers)
	headers.append('Set-Cookie', await serializeToast(toast))
	return redirect(url, { ...init, headers })
}

/** Reads and clears the toast; the root loader adds the returned header to its response. */
export async function takeToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
	const raw: unknown = await toastCookie().parse(request.headers.get('cookie'))
	if (!raw) return { toast: null, setCookie: null }
	const parsed = toastSchema.safeParse(raw)
	return {
		toast: parsed.success ? (parsed.data as Toast) : null,
		setCookie: await toastCookie().serialize('', { maxAge: 0, expires: new Date(0) }),
	}
}
