// Database-backed sessions. The cookie holds a random token (signed with SESSION_SECRET); the
// database holds only its hash, the user and the expiry. Logging out deletes the row, so a
// stolen cookie stops working at once (DOMAIN.md §2, issue 2).
import { createCookie } from 'react-router'
import { type AccountKind, type Locale, Prisma, type StaffRole } from '#app/generated/prisma/client.ts'
import { hashToken, randomToken } from './crypto.server.ts'
import { now } from './clock.server.ts'
import { db, directRows } from './db.server.ts'
import { getEnv } from './env.server.ts'

const sessionDays = 14
const dayMs = 24 * 60 * 60 * 1000
// Activity extends the session, but writes at most once an hour per session.
const touchIntervalMs = 60 * 60 * 1000

export interface SessionMembership {
	providerId: string
	providerName: string
	canSign: boolean
	isPrimaryContact: boolean
}

export interface SessionUser {
	id: string
	email: string
	name: string
	staffRole: StaffRole | null
	/** 'organisation': an account that takes part in consultations only (issue 18). */
	kind: AccountKind
	organisationName: string | null
	locale: Locale
	/** Two-factor sign-in is set up (docs/security-authentication.md). */
	twoFactorEnabled: boolean
	memberships: SessionMembership[]
}

export interface CurrentSession {
	sessionId: string
	user: SessionUser
}

let cookie: ReturnType<typeof createCookie> | undefined

function sessionCookie() {
	const env = getEnv()
	cookie ??= createCookie('__session', {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: env.APP_URL.startsWith('https:'),
		secrets: [env.SESSION_SECRET],
		maxAge: sessionDays * 24 * 60 * 60,
	})
	return cookie
}

/** Creates a session and returns the Set-Cookie header value. */
export async function createSession(userId: string, request: Request, ip?: string): Promise<string> {
	const token = randomToken()
	await db.session.create({
		data: {
			id: hashToken(token),
			userId,
			expiresAt: new Date(Date.now() + sessionDays * dayMs),
			userAgent: request.headers.get('user-agent')?.slice(0, 300) ?? null,
			ip: ip ?? null,
		},
	})
	// "Laatst ingelogd" is shown beside other business times: the portal clock (decision 005). The
	// session's expiry above stays on real time (security mechanics).
	await db.user.update({ where: { id: userId }, data: { lastLoginAt: now() } })
	return sessionCookie().serialize(token)
}

// Several loaders of one request ask for the session: look it up once per Request.
const perRequest = new WeakMap<Request, Promise<CurrentSession | null>>()

export function getCurrentSession(request: Request): Promise<CurrentSession | null> {
	let pending = perRequest.get(request)
	if (!pending) {
		pending = lookup(request)
		perRequest.set(request, pending)
	}
	return pending
}

// Checking the cookie's signature (React Router's cookies: WebCrypto, a key import and an HMAC
// each time) was 10 % of the server's CPU at the deadline rush, twice per write (the write limit,
// then the session). The answer is a pure function of the Cookie header and the secret, so the
// session id of a header that verified is kept (bounded, the oldest goes). It says nothing about
// whether the session is still live: that is asked of the database on every request, as before.
const verifiedHeaders = new Map<string, string>()
const MAX_VERIFIED_HEADERS = 2_000
const MAX_KEPT_HEADER_LENGTH = 1_024

/** The stored id (hash) of the session a Cookie header names, or null (no, or no valid, cookie). */
async function sessionIdOfHeader(cookieHeader: string | null | undefined): Promise<string | null> {
	if (!cookieHeader) return null
	const known = verifiedHeaders.get(cookieHeader)
	if (known !== undefined) return known
	const token: unknown = await sessionCookie().parse(cookieHeader)
	if (typeof token !== 'string' || token.length < 20) return null
	const sessionId = hashToken(token)
	if (cookieHeader.length <= MAX_KEPT_HEADER_LENGTH) {
		if (verifiedHeaders.size >= MAX_VERIFIED_HEADERS) verifiedHeaders.delete(verifiedHeaders.keys().next().value ?? '')
		verifiedHeaders.set(cookieHeader, sessionId)
	}
	return sessionId
}

async function lookup(request: Request): Promise<CurrentSession | null> {
	const sessionId = await sessionIdOfHeader(request.headers.get('cookie'))
	if (!sessionId) return null
	const rows = await directRows<SessionRow>(sessionRowSql(sessionId))
	return currentSessionOf(sessionId, rows[0])
}

/**
 * The session lookup as one statement: session, user and memberships with the carrier's name
 * (one round trip instead of one query per relation, issue 17). Also a part of the write limit's
 * statement on the autosave path (app/lib/rate-limit.server.ts), which hands the row on with
 * `adoptSessionRead`.
 */
export function sessionRowSql(sessionId: string): Prisma.Sql {
	return Prisma.sql`
		SELECT s."expiresAt", s."lastSeenAt", u.id, u.email, u.name, u."staffRole"::text AS "staffRole",
			u.kind::text AS kind, u."organisationName", u.locale::text AS locale, u.active,
			(u."totpEnabledAt" IS NOT NULL) AS "twoFactorEnabled",
			coalesce((
				SELECT json_agg(json_build_object(
					'providerId', m."providerId", 'providerName', p.name,
					'canSign', m."canSign", 'isPrimaryContact', m."isPrimaryContact") ORDER BY p.name, m.id)
				FROM "Membership" m JOIN "Provider" p ON p.id = m."providerId"
				WHERE m."userId" = u.id
			), '[]'::json) AS memberships
		FROM "Session" s JOIN "User" u ON u.id = s."userId"
		WHERE s.id = ${sessionId}`
}

/**
 * The session of this request as a statement of this same request already read it from the
 * database (the write limit on the autosave path, server/rate-limit-tiers.ts): the route's
 * `getCurrentSession` then does not ask again. Liveness is still the database's answer of this
 * request — the row was read a moment ago, in the same request, not kept from an earlier one.
 */
export function adoptSessionRead(request: Request, sessionId: string | null, row: SessionRow | null | undefined): void {
	perRequest.set(request, sessionId ? currentSessionOf(sessionId, row ?? undefined) : Promise.resolve(null))
}

// The session rows this process read for autosaves in the last minute (issue 17: at the deadline
// each member saves every 2 s). A kept row is never taken as the database's word on the session:
// an autosave that uses one writes under app/lib/write-guard.server.ts, whose statement checks in
// the write itself that the session is live, its account active and a member of the provider, and
// refuses otherwise (401/404, the kept row forgotten). The row gives the route what it shows and
// decides before that write (the user, the locale); a row is not kept past the moment its session
// is due for its hourly touch, so an active session is still extended (currentSessionOf). A change
// to what a kept row shows (setUserLocale) or a sign-out everywhere forgets a user's rows.
const recentRows = new Map<string, { row: SessionRow; until: number }>()
const RECENT_ROW_MS = 60_000
const MAX_RECENT_ROWS = 10_000
/** Moves at every forgetUserSessionRows: a row read before it is not kept after it. */
let forgets = 0

/** Take before reading a session row that may be kept (rememberSessionRow's `readAt`). */
export function sessionRowEpoch(): number {
	return forgets
}

/**
 * Keeps `row`, just read from the database for `sessionId` (a live session's), unless a user's rows
 * were forgotten since `readAt` (sessionRowEpoch before the read): the read may have come before
 * that change committed (a language switched while an autosave was on its way), and keeping it
 * would bring back what was just forgotten.
 */
export function rememberSessionRow(sessionId: string, row: SessionRow | null | undefined, readAt: number): void {
	const at = Date.now()
	if (readAt !== forgets) return
	if (!row || !row.active || new Date(row.expiresAt).getTime() <= at) return
	const until = Math.min(at + RECENT_ROW_MS, new Date(row.lastSeenAt).getTime() + touchIntervalMs)
	if (until <= at) return
	recentRows.delete(sessionId)
	if (recentRows.size >= MAX_RECENT_ROWS) recentRows.delete(recentRows.keys().next().value ?? '')
	recentRows.set(sessionId, { row, until })
}

/** The row kept for `sessionId` within the last minute (see above), if any. */
export function recentSessionRow(sessionId: string): SessionRow | undefined {
	const kept = recentRows.get(sessionId)
	if (!kept) return undefined
	if (kept.until > Date.now() && new Date(kept.row.expiresAt).getTime() > Date.now()) return kept.row
	recentRows.delete(sessionId)
	return undefined
}

export function forgetSessionRow(sessionId: string): void {
	recentRows.delete(sessionId)
}

/**
 * The kept rows of one user, on this process: signed out everywhere, or a change to what a kept row
 * shows (the language the messages are in). Other instances keep theirs for at most a minute.
 */
export function forgetUserSessionRows(userId: string): void {
	forgets++
	for (const [sessionId, kept] of recentRows) if (kept.row.id === userId) recentRows.delete(sessionId)
}

/** A session row's memberships (a JSON text when read through row_to_json on some drivers). */
export function sessionMemberships(row: SessionRow): SessionMembership[] {
	return (typeof row.memberships === 'string' ? JSON.parse(row.memberships) : row.memberships) as SessionMembership[]
}

/** The current session from its row: null when absent, expired or of a deactivated account. */
async function currentSessionOf(sessionId: string, session: SessionRow | undefined): Promise<CurrentSession | null> {
	const now = Date.now()
	if (!session || new Date(session.expiresAt).getTime() <= now || !session.active) return null
	if (now - new Date(session.lastSeenAt).getTime() > touchIntervalMs) {
		await db.session.update({
			where: { id: sessionId },
			data: { lastSeenAt: new Date(now), expiresAt: new Date(now + sessionDays * dayMs) },
		})
	}
	const memberships = sessionMemberships(session)
	return {
		sessionId,
		user: {
			id: session.id,
			email: session.email,
			name: session.name,
			staffRole: session.staffRole,
			kind: session.kind,
			organisationName: session.organisationName,
			locale: session.locale,
			twoFactorEnabled: session.twoFactorEnabled,
			memberships: memberships.map((membership) => ({
				providerId: membership.providerId,
				providerName: membership.providerName,
				canSign: membership.canSign,
				isPrimaryContact: membership.isPrimaryContact,
			})),
		},
	}
}

/** One row of sessionRowSql (the times as dates, or as ISO strings when read through JSON). */
export interface SessionRow {
	expiresAt: Date | string
	lastSeenAt: Date | string
	id: string
	email: string
	name: string
	staffRole: StaffRole | null
	kind: AccountKind
	organisationName: string | null
	locale: Locale
	active: boolean
	twoFactorEnabled: boolean
	memberships: SessionMembership[] | string
}

/**
 * The stored id (hash) of the session a cookie names, without asking the database, for the per-user
 * write limit that runs before the route (server/rate-limit-tiers.ts, which checks that the session
 * is live in the same statement as the count); null without a well-formed cookie.
 */
export async function sessionIdFromCookie(cookieHeader: string | null | undefined): Promise<string | null> {
	if (!cookieHeader?.includes('__session=')) return null
	return sessionIdOfHeader(cookieHeader)
}

const userInclude = {
	memberships: {
		include: { provider: { select: { name: true } } },
		orderBy: { provider: { name: 'asc' } },
	},
} as const

type UserWithMemberships = NonNullable<
	Awaited<ReturnType<typeof db.user.findUnique<{ where: { id: string }; include: typeof userInclude }>>>
>

function toSessionUser(user: UserWithMemberships): SessionUser {
	return {
		id: user.id,
		email: user.email,
		name: user.name,
		staffRole: user.staffRole,
		kind: user.kind,
		organisationName: user.organisationName,
		locale: user.locale,
		twoFactorEnabled: user.totpEnabledAt !== null,
		memberships: user.memberships.map((membership) => ({
			providerId: membership.providerId,
			providerName: membership.provider.name,
			canSign: membership.canSign,
			isPrimaryContact: membership.isPrimaryContact,
		})),
	}
}

export async function getSessionUserById(userId: string): Promise<SessionUser> {
	return toSessionUser(await db.user.findUniqueOrThrow({ where: { id: userId }, include: userInclude }))
}

/** Deletes this request's session; returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
	const current = await getCurrentSession(request)
	if (current) {
		forgetSessionRow(current.sessionId)
		await db.session.deleteMany({ where: { id: current.sessionId } })
	}
	return sessionCookie().serialize('', { maxAge: 0, expires: new Date(0) })
}

/** Signs a user out everywhere (after a password change), optionally keeping one session. */
export async function destroyUserSessions(userId: string, exceptSessionId?: string): Promise<void> {
	forgetUserSessionRows(userId)
	await db.session.deleteMany({
		where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
	})
}

export async function purgeExpiredSessions(): Promise<number> {
	const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } })
	return count
}
