// The reader's language: the account's preference when signed in, else a cookie set by the
// language switch, else Dutch (the portal is Dutch first).
import { createCookie } from 'react-router'
import { defaultLocale, isLocale, type Locale } from '#app/i18n/catalogue.ts'
import type { SessionUser } from './session.server.ts'

import { getEnv } from './env.server.ts'

// Secure whenever the portal runs on https, like every other cookie (issue 15, finding 7).
function localeCookie() {
	return createCookie('lang', {
		path: '/',
		sameSite: 'lax',
		maxAge: 365 * 24 * 60 * 60,
		httpOnly: true,
		secure: getEnv().APP_URL.startsWith('https:'),
	})
}

export async function getLocale(request: Request, user?: SessionUser | null): Promise<Locale> {
	if (user) return user.locale
	const value: unknown = await localeCookie().parse(request.headers.get('cookie'))
	return isLocale(value) ? value : defaultLocale
}

export function serializeLocaleCookie(locale: Locale): Promise<string> {
	return localeCookie().serialize(locale)
}
