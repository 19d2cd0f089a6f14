// The end of every successful login (password, reset link, invitation): a new session, a
// toast, and the user's home page (or the page they were on their way to).
import { redirect } from 'react-router'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { safeRedirectPath } from './http.server.ts'
import { homePathFor } from './permissions.server.ts'
import { createSession, getSessionUserById } from './session.server.ts'
import { serializeToast } from './toast.server.ts'

export async function signInAndRedirect(
	request: Request,
	userId: string,
	{ ip, toast, redirectTo }: { ip: string; toast: MessageKey; redirectTo?: string },
): Promise<Response> {
	const headers = new Headers()
	headers.append('Set-Cookie', await createSession(userId, request, ip))
	headers.append('Set-Cookie', await serializeToast({ type: 'success', key: toast }))
	const home = homePathFor(await getSessionUserById(userId))
	return redirect(safeRedirectPath(redirectTo, home), { headers })
}
