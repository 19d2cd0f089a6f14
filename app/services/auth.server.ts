// Accounts: login, password reset, invitations, password change. Messages never reveal whether
// an e-mail address has an account (issue 2).
import { href } from 'react-router'
import type { PrismaClient, TokenPurpose } from '#app/generated/prisma/client.ts'
import { AppError } from '#app/domain/errors.ts'
import { now } from '#app/lib/clock.server.ts'
import { hashToken, randomToken } from '#app/lib/crypto.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { hashPassword, verifyPassword } from '#app/lib/password.server.ts'
import { loginPolicy } from '#app/domain/throttle-policy.ts'
import {
	claimLoginAttempt,
	clearLoginPair,
	consumeRateLimit,
	loginAddressKey,
	loginPairKey,
	peekRateLimit,
} from '#app/lib/rate-limit.server.ts'
import { destroyUserSessions } from '#app/lib/session.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { enqueueEmail } from './mail/outbox.server.ts'
import { markNameAt } from './years.server.ts'

const minute = 60_000
export const resetValidMinutes = 60
export const invitationValidDays = 14

export type LoginResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }

/**
 * Checks a password, throttled per (account, address) pair with growing delays and per address
 * with a limit an office cannot reach (docs/decisions/009). Nobody at another address can delay
 * the real user; a successful login clears the pair and never counts.
 */
export async function login(email: string, password: string, ip: string): Promise<LoginResult> {
	const address = await peekRateLimit(loginAddressKey(ip), loginPolicy.addressFailures)
	if (!address.allowed) return { ok: false, reason: 'rate_limited', retryAfterSeconds: address.retryAfterSeconds }
	const pairKey = loginPairKey(email, ip)
	const pair = await claimLoginAttempt(pairKey)
	if (!pair.allowed) return { ok: false, reason: 'rate_limited', retryAfterSeconds: pair.retryAfterSeconds }
	const user = await db.user.findUnique({
		where: { email },
		select: { id: true, passwordHash: true, active: true },
	})
	// Always verify, against a dummy hash for unknown addresses: equal work, equal time.
	const valid = await verifyPassword(user?.passwordHash ?? null, password)
	if (!user || !valid || !user.active) {
		await consumeRateLimit(loginAddressKey(ip), loginPolicy.addressFailures)
		return { ok: false, reason: 'invalid' }
	}
	await clearLoginPair(pairKey)
	return { ok: true, userId: user.id }
}

async function issueToken(
	tx: Tx | PrismaClient,
	userId: string,
	purpose: TokenPurpose,
	validMs: number,
	providerId?: string | null,
): Promise<string> {
	const token = randomToken()
	await storeToken(tx, userId, purpose, hashToken(token), validMs, providerId)
	return token
}

async function storeToken(
	tx: Tx | PrismaClient,
	userId: string,
	purpose: TokenPurpose,
	tokenHash: string,
	validMs: number,
	providerId?: string | null,
): Promise<void> {
	// One live token per purpose: a new link replaces the previous one.
	await tx.userToken.deleteMany({ where: { userId, purpose, usedAt: null } })
	await tx.userToken.create({
		data: {
			userId,
			purpose,
			providerId: providerId ?? null,
			tokenHash,
			expiresAt: new Date(Date.now() + validMs),
		},
	})
}

/**
 * Issue 15, finding 6: the answer to a reset request must not tell whether the address has an
 * account, not even by its time. Both paths do the same look-ups and make and hash a token; the
 * writes of a known address (token, outbox, audit) are then hidden under a floor: the request
 * takes at least KEURMERK_RESET_FLOOR_MS (250 ms), whichever path it took. Measured:
 * scripts/measure-reset-timing.ts, figures in docs/security.md.
 */
/** Queues a reset link if the address has an active account; silent otherwise. */
export async function requestPasswordReset(email: string, ip: string): Promise<void> {
	const started = performance.now()
	try {
		await resetWork(email, ip)
	} finally {
		const left = started + getEnv().KEURMERK_RESET_FLOOR_MS - performance.now()
		if (left > 0) await new Promise((resolve) => setTimeout(resolve, left))
	}
}

async function resetWork(email: string, ip: string): Promise<void> {
	const limit = await consumeRateLimit(`reset:email:${email}`, { limit: 3, windowMs: 60 * minute })
	if (!limit.allowed) return
	const user = await db.user.findUnique({
		where: { email },
		select: { id: true, name: true, active: true, passwordHash: true },
	})
	// The token's cost for every address: unknown ones throw theirs away.
	const token = randomToken()
	const tokenHash = hashToken(token)
	if (!user?.active) return
	await db.$transaction(async (tx) => {
		// An account that never accepted its invitation gets a fresh invitation instead.
		const purpose: TokenPurpose = user.passwordHash ? 'password_reset' : 'invitation'
		if (purpose === 'invitation') {
			await sendInvitation(tx, { userId: user.id, invitedBy: null, providerId: null })
			return
		}
		await storeToken(tx, user.id, purpose, tokenHash, resetValidMinutes * minute)
		await enqueueEmail(tx, {
			template: 'password_reset',
			to: { address: email, name: user.name },
			data: {
				name: user.name,
				resetUrl: absoluteUrl(href('/wachtwoord-herstellen/:token', { token })),
				validMinutes: resetValidMinutes,
				markName: await markNameAt(now(), tx),
			},
		})
		await recordAudit(tx, {
			actor: { type: 'public', userId: null, ip },
			action: 'user.password_reset_requested',
			entityType: 'User',
			entityId: user.id,
		})
	})
}

export interface TokenOwner {
	tokenId: string
	userId: string
	email: string
	name: string
	providerName: string | null
}

/** The owner of a live (unused, unexpired) token of this purpose, or null. */
export async function findLiveToken(token: string, purpose: TokenPurpose): Promise<TokenOwner | null> {
	if (!token || token.length > 100) return null
	const row = await db.userToken.findUnique({
		where: { tokenHash: hashToken(token) },
		include: { user: { select: { email: true, name: true, active: true } }, provider: { select: { name: true } } },
	})
	if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt.getTime() <= Date.now() || !row.user.active) {
		return null
	}
	return {
		tokenId: row.id,
		userId: row.userId,
		email: row.user.email,
		name: row.user.name,
		providerName: row.provider?.name ?? null,
	}
}

/** Sets the password with a token; every other session of the user ends. */
export async function completeTokenFlow(
	token: string,
	purpose: TokenPurpose,
	password: string,
	name?: string,
): Promise<{ userId: string } | null> {
	const owner = await findLiveToken(token, purpose)
	if (!owner) return null
	const passwordHash = await hashPassword(password)
	const used = await db.$transaction(async (tx) => {
		// Claim the token atomically: of two parallel submissions only one succeeds.
		const claimed = await tx.userToken.updateMany({
			where: { id: owner.tokenId, usedAt: null },
			data: { usedAt: new Date() },
		})
		if (claimed.count !== 1) return false
		await tx.user.update({
			where: { id: owner.userId },
			data: { passwordHash, ...(name ? { name } : {}) },
		})
		await recordAudit(tx, {
			actor: { type: 'provider', userId: owner.userId },
			action: purpose === 'invitation' ? 'user.invitation_accepted' : 'user.password_reset',
			entityType: 'User',
			entityId: owner.userId,
		})
		return true
	})
	if (!used) return null
	await destroyUserSessions(owner.userId)
	return { userId: owner.userId }
}

export async function changePassword(
	userId: string,
	currentPassword: string,
	newPassword: string,
	keepSessionId: string,
): Promise<'ok' | 'wrong_password'> {
	const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })
	if (!(await verifyPassword(user.passwordHash, currentPassword))) return 'wrong_password'
	await db.$transaction(async (tx) => {
		await tx.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } })
		await recordAudit(tx, {
			actor: { type: 'provider', userId },
			action: 'user.password_changed',
			entityType: 'User',
			entityId: userId,
		})
	})
	await destroyUserSessions(userId, keepSessionId)
	return 'ok'
}

/**
 * Creates (or reuses) the account for `email` and queues an invitation. Used by the application
 * form, the provider's team page and the staff's user management.
 */
export async function inviteUser(
	tx: Tx,
	{
		email,
		name,
		invitedBy,
		providerId,
		staffRole,
		actor,
	}: {
		email: string
		name: string
		invitedBy: { id: string; name: string } | null
		providerId: string | null
		staffRole?: 'assessor' | 'admin' | null
		actor: Actor
	},
): Promise<{ userId: string; created: boolean }> {
	const existing = await tx.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, kind: true } })
	// An organisation account takes part in consultations only: never a member or staff (issue 18).
	if (existing?.kind === 'organisation' && (providerId || staffRole)) throw new AppError('organisation_account')
	const user =
		existing ??
		(await tx.user.create({
			data: { email, name, staffRole: staffRole ?? null },
			select: { id: true, passwordHash: true },
		}))
	if (!existing || !existing.passwordHash) {
		await sendInvitation(tx, { userId: user.id, invitedBy: invitedBy?.name ?? null, providerId })
	}
	await recordAudit(tx, {
		actor,
		action: 'user.invited',
		entityType: 'User',
		entityId: user.id,
		providerId,
		after: { email, name, providerId, staffRole: staffRole ?? null },
	})
	return { userId: user.id, created: !existing }
}

async function sendInvitation(
	tx: Tx,
	{ userId, invitedBy, providerId }: { userId: string; invitedBy: string | null; providerId: string | null },
) {
	const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } })
	const provider = providerId
		? await tx.provider.findUnique({ where: { id: providerId }, select: { name: true } })
		: null
	const token = await issueToken(tx, userId, 'invitation', invitationValidDays * 24 * 60 * minute, providerId)
	await enqueueEmail(tx, {
		template: 'invitation',
		to: { address: user.email, name: user.name },
		providerId,
		data: {
			name: user.name,
			invitedBy,
			providerName: provider?.name ?? null,
			acceptUrl: absoluteUrl(href('/uitnodiging/:token', { token })),
			validDays: invitationValidDays,
			markName: await markNameAt(now(), tx),
		},
	})
}

export function absoluteUrl(path: string): string {
	return new URL(path, getEnv().APP_URL).toString()
}
