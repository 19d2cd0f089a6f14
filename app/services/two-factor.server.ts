// Two-factor sign-in with a time-based code (TOTP, RFC 6238, by @epic-web/totp) and one-time
// recovery codes, for every account (issue 15; docs/security-authentication.md).
// - The secret rests sealed (AES-256-GCM, app/lib/seal.server.ts, bound to the user), never readable.
// - A code is accepted once: the last accepted 30-second step is kept (a code seen over a
//   shoulder or in a proxy log cannot be replayed in the same minute).
// - Recovery codes are stored as SHA-256 hashes and shown once.
// - Attempts are throttled like passwords: per (account, address) pair with growing delays.
// - Enabling, disabling, using a recovery code and new codes are audited.
import { randomBytes } from 'node:crypto'
import { generateTOTP, getTOTPAuthUri, verifyTOTP } from '@epic-web/totp'
import { toString as qrSvg } from 'qrcode'
import { AppError } from '#app/domain/errors.ts'
import { hashToken } from '#app/lib/crypto.server.ts'
import { db } from '#app/lib/db.server.ts'
import { verifyPassword } from '#app/lib/password.server.ts'
import { claimLoginAttempt, clearLoginPair, type RateLimitResult } from '#app/lib/rate-limit.server.ts'
import { seal, unseal } from '#app/lib/seal.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'

const period = 30
const digits = 6
const algorithm = 'SHA-1' // what every authenticator app understands
const recoveryCodeCount = 10
const issuer = 'Keurmerkportaal'

const sealPurpose = (userId: string) => `totp:${userId}`
const pendingPurpose = (userId: string) => `totp-pending:${userId}`

export interface Enrolment {
	/** The base32 key, for typing into an app by hand. */
	secret: string
	/** The key as a QR code (SVG markup, made here from our own data). */
	qrSvg: string
	/** The key sealed for the confirmation form: it is stored only once a code proves the app has it. */
	pending: string
}

/** A new key for the user to add to an authenticator app; nothing is stored yet. */
export async function startEnrolment(user: { id: string; email: string }): Promise<Enrolment> {
	// 20 random bytes (160 bits, RFC 4226's recommended length) rather than the library's default 10.
	const { secret } = await generateTOTP({
		period,
		digits,
		algorithm,
		secret: base32(randomBytes(20)),
	})
	const uri = getTOTPAuthUri({ period, digits, algorithm, secret, accountName: user.email, issuer })
	return {
		secret,
		qrSvg: await qrSvg(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
		pending: seal(pendingPurpose(user.id), secret),
	}
}

/** Unseals a pending key again (to show the same key after a mistyped code). */
export async function reopenEnrolment(user: { id: string; email: string }, pending: string): Promise<Enrolment | null> {
	const secret = unseal(pendingPurpose(user.id), pending)
	if (!secret) return null
	const uri = getTOTPAuthUri({ period, digits, algorithm, secret, accountName: user.email, issuer })
	return { secret, qrSvg: await qrSvg(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }), pending }
}

/**
 * Turns 2FA on once the code from the app matches the pending key. Returns the recovery codes,
 * shown once. Throws `two_factor_code_invalid` for a wrong code.
 */
export async function confirmEnrolment(actor: Actor & { userId: string }, pending: string, code: string) {
	const secret = unseal(pendingPurpose(actor.userId), pending)
	if (!secret) throw new AppError('two_factor_code_invalid')
	const step = await matchingStep(secret, code)
	if (step === null) throw new AppError('two_factor_code_invalid')
	const codes = newRecoveryCodes()
	await db.$transaction(async (tx) => {
		await tx.user.update({
			where: { id: actor.userId },
			data: {
				totpSecretSealed: seal(sealPurpose(actor.userId), secret),
				totpEnabledAt: new Date(),
				totpLastStep: step,
			},
		})
		await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } })
		await tx.recoveryCode.createMany({
			data: codes.map((recovery) => ({ userId: actor.userId, codeHash: hashRecoveryCode(recovery) })),
		})
		await recordAudit(tx, { actor, action: 'user.two_factor_enabled', entityType: 'User', entityId: actor.userId })
	})
	return codes
}

/** Turns 2FA off after the password is given again. */
export async function disableTwoFactor(actor: Actor & { userId: string }, password: string): Promise<void> {
	const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } })
	if (!(await verifyPassword(user.passwordHash, password))) throw new AppError('two_factor_password_wrong')
	await db.$transaction(async (tx) => {
		await tx.user.update({
			where: { id: actor.userId },
			data: { totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null },
		})
		await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } })
		await recordAudit(tx, { actor, action: 'user.two_factor_disabled', entityType: 'User', entityId: actor.userId })
	})
}

/** New recovery codes (the old ones stop working), after the password is given again. */
export async function regenerateRecoveryCodes(actor: Actor & { userId: string }, password: string) {
	const user = await db.user.findUniqueOrThrow({
		where: { id: actor.userId },
		select: { passwordHash: true, totpEnabledAt: true },
	})
	if (!user.totpEnabledAt) throw new AppError('two_factor_not_enabled')
	if (!(await verifyPassword(user.passwordHash, password))) throw new AppError('two_factor_password_wrong')
	const codes = newRecoveryCodes()
	await db.$transaction(async (tx) => {
		await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } })
		await tx.recoveryCode.createMany({
			data: codes.map((recovery) => ({ userId: actor.userId, codeHash: hashRecoveryCode(recovery) })),
		})
		await recordAudit(tx, {
			actor,
			action: 'user.recovery_codes_renewed',
			entityType: 'User',
			entityId: actor.userId,
		})
	})
	return codes
}

export async function remainingRecoveryCodes(userId: string): Promise<number> {
	return db.recoveryCode.count({ where: { userId, usedAt: null } })
}

export type SecondFactorResult =
	{ ok: true } | { ok: false; reason: 'invalid' } | ({ ok: false; reason: 'rate_limited' } & RateLimitResult)

/**
 * The second step of a login: a code from the app, or a recovery code. Throttled per (account,
 * address) pair like the password (docs/decisions/008); a success clears the pair.
 */
export async function verifySecondFactor(userId: string, input: string, ip: string): Promise<SecondFactorResult> {
	const pairKey = `2fa:pair:${userId}|${ip}`
	const claim = await claimLoginAttempt(pairKey)
	if (!claim.allowed) return { ok: false, reason: 'rate_limited', ...claim }
	const user = await db.user.findUnique({
		where: { id: userId },
		select: { totpSecretSealed: true, totpLastStep: true, active: true, staffRole: true },
	})
	if (!user?.active || !user.totpSecretSealed) return { ok: false, reason: 'invalid' }
	const code = input.replace(/[\s-]/g, '')
	const actor: Actor = { type: user.staffRole ? 'staff' : 'provider', userId, ip }
	if (/^\d{6}$/.test(code)) {
		const secret = unseal(sealPurpose(userId), user.totpSecretSealed)
		const step = secret ? await matchingStep(secret, code) : null
		if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep))
			return { ok: false, reason: 'invalid' }
		// Accept each step once, also when two requests race: only one update matches.
		const claimed = await db.user.updateMany({
			where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
			data: { totpLastStep: step },
		})
		if (claimed.count !== 1) return { ok: false, reason: 'invalid' }
	} else {
		const used = await db.$transaction(async (tx) => {
			const claimed = await tx.recoveryCode.updateMany({
				where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
				data: { usedAt: new Date() },
			})
			if (claimed.count !== 1) return false
			await recordAudit(tx, { actor, action: 'user.recovery_code_used', entityType: 'User', entityId: userId })
			return true
		})
		if (!used) return { ok: false, reason: 'invalid' }
	}
	await clearLoginPair(pairKey)
	return { ok: true }
}

/** The 30-second step the code belongs to (now, or one step either side for clock drift), or null. */
async function matchingStep(secret: string, code: string): Promise<number | null> {
	const otp = code.replace(/\s/g, '')
	if (!/^\d{6}$/.test(otp)) return null
	const result = await verifyTOTP({ otp, secret, period, digits, algorithm, window: 1 })
	if (!result) return null
	return Math.floor(Date.now() / 1000 / period) + result.delta
}

function newRecoveryCodes(): string[] {
	// Ten characters of an unambiguous alphabet (no 0/o, 1/l/i): 50 bits each, shown as xxxxx-xxxxx.
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
	return Array.from({ length: recoveryCodeCount }, () => {
		const bytes = randomBytes(10)
		const chars = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('')
		return `${chars.slice(0, 5)}-${chars.slice(5)}`
	})
}

function hashRecoveryCode(code: string): string {
	return hashToken(`recovery:${code.toLowerCase().replace(/[\s-]/g, '')}`)
}

function base32(bytes: Buffer): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
	let bits = 0
	let value = 0
	let output = ''
	for (const byte of bytes) {
		value = (value << 8) | byte
		bits += 8
		while (bits >= 5) {
			output += alphabet[(value >>> (bits - 5)) & 31]
			bits -= 5
		}
	}
	if (bits > 0) output += alphabet[(value << (5 - bits)) & 31]
	return output
}
