// The end of every successful login (password, reset link, invitation). Without two-factor
// sign-in: a new session, a toast, and the user's home page (or the page they were on their way
// to). With it: no session yet, but a short-lived sealed cookie naming the user, and the code step
// (/inloggen/tweestapsverificatie) — so a reset link or an invitation never bypasses the second
// factor. An administrator who must use 2FA and has not set it up lands on its set-up page.
import { createCookie, href, redirect } from 'react-router'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { adminTwoFactorRequired, getEnv } from './env.server.ts'
import { safeRedirectPath } from './http.server.ts'
import { homePathFor } from './permissions.server.ts'
import { seal, unseal } from './seal.server.ts'
import { createSession, getSessionUserById } from './session.server.ts'
import { serializeToast } from './toast.server.ts'

const pendingMinutes = 10
const pendingPurpose = '2fa-login'

let cookie: ReturnType<typeof createCookie> | undefined

function pendingCookie() {
	const env = getEnv()
	cookie ??= createCookie('__2fa', {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: env.APP_URL.startsWith('https:'),
		secrets: [env.SESSION_SECRET],
		maxAge: pendingMinutes * 60,
	})
	return cookie
}

interface PendingLogin {
	userId: string
	expiresAt: number
	redirectTo?: string
	toast: MessageKey
}

export async function signInAndRedirect(
	request: Request,
	userId: string,
	{ ip, toast, redirectTo }: { ip: string; toast: MessageKey; redirectTo?: string },
): Promise<Response> {
	const user = await getSessionUserById(userId)
	if (user.twoFactorEnabled) {
		const pending: PendingLogin = { userId, expiresAt: Date.now() + pendingMinutes * 60_000, redirectTo, toast }
		const value = seal(pendingPurpose, JSON.stringify(pending))
		return redirect(href('/inloggen/tweestapsverificatie'), {
			headers: { 'Set-Cookie': await pendingCookie().serialize(value) },
		})
	}
	return completeSignIn(request, userId, { ip, toast, redirectTo })
}

/** The user waiting for the code step, or null (none, expired, tampered with). */
export async function pendingLogin(request: Request): Promise<PendingLogin | null> {
	const value: unknown = await pendingCookie().parse(request.headers.get('cookie'))
	if (typeof value !== 'string') return null
	const opened = unseal(pendingPurpose, value)
	if (!opened) return null
	try {
		const pending = JSON.parse(opened) as PendingLogin
		return typeof pending.userId === 'string' && pending.expiresAt > Date.now() ? pending : null
	} catch {
		return null
	}
}

export async function clearPendingLogin(): Promise<string> {
	return pendingCookie().serialize('', { maxAge: 0, expires: new Date(0) })
}

/** Creates the session and sends the user on. */
export async function completeSignIn(
	request: Request,
	userId: string,
	{ ip, toast, redirectTo }: { ip: string; toast: MessageKey; redirectTo?: string },
): Promise<Response> {
	const headers = new Headers()
	headers.append('Set-Cookie', await createSession(userId, request, ip))
	const user = await getSessionUserById(userId)
	if (user.staffRole === 'admin' && !user.twoFactorEnabled && adminTwoFactorRequired()) {
		headers.append('Set-Cookie', await serializeToast({ type: 'info', key: 'auth.twoFactorRequiredToast' }))
		return redirect(href('/account/tweestapsverificatie'), { headers })
	}
	headers.append('Set-Cookie', await serializeToast({ type: 'success', key: toast }))
	return redirect(safeRedirectPath(redirectTo, homePathFor(user)), { headers })
}
