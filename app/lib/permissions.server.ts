// One helper per kind of page, called first in every loader and action. They throw: a redirect
// to the login page for anonymous visitors, a 404 for anything a signed-in user may not see (a
// 403 would confirm that the thing exists).
import type { StaffRole } from '#app/generated/prisma/client.ts'
import { translate } from '#app/i18n/translate.ts'
import { adminTwoFactorRequired } from './env.server.ts'
import { getLocale } from './locale.server.ts'
import { notFound, safeRedirectPath } from './http.server.ts'
import { type CurrentSession, getCurrentSession, type SessionMembership, type SessionUser } from './session.server.ts'
import { href, redirect } from 'react-router'

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
	return (await getCurrentSession(request))?.user ?? null
}

/**
 * `json`: for endpoints that scripts call (autosave, upload): without a session they answer
 * 401 `{ ok: false, reason: 'session', code: 'session_ended', message }` instead of a redirect,
 * which `fetch` would follow to the login page's HTML (issue 15: the page can then say so).
 */
export interface SessionOptions {
	json?: boolean
}

export const SESSION_ENDED_CODE = 'session_ended'

export async function requireSession(request: Request, { json = false }: SessionOptions = {}): Promise<CurrentSession> {
	const session = await getCurrentSession(request)
	if (!session) {
		if (json) throw await sessionEndedResponse(request)
		const url = new URL(request.url)
		const redirectTo = safeRedirectPath(`${url.pathname}${url.search}`)
		const search = redirectTo === '/' ? '' : `?${new URLSearchParams({ redirectTo })}`
		throw redirect(`${href('/inloggen')}${search}`)
	}
	return session
}

/** The 401 an endpoint that scripts call answers when the session is gone (see SessionOptions). */
export async function sessionEndedResponse(request: Request): Promise<Response> {
	const message = translate(await getLocale(request), 'auth.sessionEnded')
	return Response.json(
		{ ok: false, reason: 'session', code: SESSION_ENDED_CODE, message },
		{ status: 401, headers: { 'Cache-Control': 'no-store' } },
	)
}

export async function requireUser(request: Request, options: SessionOptions = {}): Promise<SessionUser> {
	return (await requireSession(request, options)).user
}

/** Staff of the KiBG office. `admin` includes everything an assessor may do. */
export async function requireStaff(
	request: Request,
	role: StaffRole = 'assessor',
): Promise<SessionUser & { staffRole: StaffRole }> {
	const user = await requireUser(request)
	if (!user.staffRole || user.kind === 'organisation') notFound()
	if (role === 'admin' && user.staffRole !== 'admin') notFound()
	// An administrator who must use two-factor sign-in sets it up before any staff page.
	if (user.staffRole === 'admin' && !user.twoFactorEnabled && adminTwoFactorRequired())
		throw redirect(href('/account/tweestapsverificatie'))
	return user as SessionUser & { staffRole: StaffRole }
}

/**
 * A member of the provider in the URL. `signing: true` also requires signing authority (sign
 * the agreement, manage the team).
 */
export async function requireProviderMember(
	request: Request,
	providerId: string | undefined,
	{ signing = false, json = false }: { signing?: boolean } & SessionOptions = {},
): Promise<{ user: SessionUser; membership: SessionMembership }> {
	const user = await requireUser(request, { json })
	// An organisation account never sees provider data, whatever rows may say (issue 18).
	if (user.kind === 'organisation') notFound()
	const membership = user.memberships.find((candidate) => candidate.providerId === providerId)
	if (!membership) notFound()
	if (signing && !membership.canSign) notFound()
	return { user, membership }
}

/**
 * An organisation account (insurer, branch body, a registered reactor): it may read and react to
 * consultations and nothing else (issue 18).
 */
export async function requireOrganisation(request: Request): Promise<SessionUser & { kind: 'organisation' }> {
	const user = await requireUser(request)
	if (user.kind !== 'organisation') notFound()
	return user as SessionUser & { kind: 'organisation' }
}

export async function requireAnonymous(request: Request): Promise<void> {
	const user = await getOptionalUser(request)
	if (user) throw redirect(homePathFor(user))
}

/** Where a user lands after logging in. */
export function homePathFor(user: SessionUser): string {
	if (user.kind === 'organisation') return '/consultatie'
	if (user.staffRole) return '/medewerkers'
	const [only, ...others] = user.memberships
	if (only && others.length === 0) return href('/aanbieder/:providerId', { providerId: only.providerId })
	return '/account'
}
