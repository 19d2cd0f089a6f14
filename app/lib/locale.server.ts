// The reader's language: the account's preference when signed in, else a cookie set by the
// language switch, else Dutch (the portal is Dutch first).
import { createCookie } from 'react-router'
import { defaultLocale, isLocale, type Locale } from '#app/i18n/catalogue.ts'
import type { SessionUser } from './session.server.ts'

const localeCookie = createCookie('lang', { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 60 * 60, httpOnly: true })

export async function getLocale(request: Request, user?: SessionUser | null): Promise<Locale> {
	if (user) return user.locale
	const value: unknown = await localeCookie.parse(request.headers.get('cookie'))
	return isLocale(value) ? value : defaultLocale
}

export function serializeLocaleCookie(locale: Locale): Promise<string> {
	return localeCookie.serialize(locale)
}
