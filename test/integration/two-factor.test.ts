// Two-factor sign-in as a user meets it: set up with a code from the app, the code step after the
// password (and after a reset link), recovery codes once, replay refused, attempts throttled,
// switching off with the password, required for administrators outside demo mode, all audited.
import { generateTOTP } from '@epic-web/totp'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { action as loginAction } from '#app/routes/auth/login.tsx'
import { action as stepAction, loader as stepLoader } from '#app/routes/auth/two-factor-login.tsx'
import { action as manageAction } from '#app/routes/auth/two-factor.tsx'
import { loader as staffLoader } from '#app/routes/staff/overview.tsx'
import { db } from '#app/lib/db.server.ts'
import { initEnv } from '#app/lib/env.server.ts'
import { getCurrentSession } from '#app/lib/session.server.ts'
import { signInAndRedirect } from '#app/lib/sign-in.server.ts'
import { createUser, testPassword } from '#test/fixtures/factories.ts'
import {
	cookiesFrom,
	dataOf,
	formRequest,
	getRequest,
	routeArgs,
	sessionCookieFor,
	settle,
} from '#test/fixtures/requests.ts'
import { testEnv } from '#test/setup/test-env.ts'

type Failure = { success: false; fieldErrors: Record<string, string[]>; formErrors: string[] }

afterEach(() => {
	vi.useRealTimers()
	Object.assign(process.env, testEnv, { KEURMERK_DEMO: '' })
	initEnv()
})

/** The app's code for `secret`, `steps` × 30 s from now (the library reads the system clock). */
async function codeFor(secret: string, steps = 0): Promise<string> {
	if (steps === 0) return (await generateTOTP({ secret, period: 30, digits: 6, algorithm: 'SHA-1' })).otp
	vi.useFakeTimers({ toFake: ['Date'] })
	vi.setSystemTime(Date.now() + steps * 30_000)
	const { otp } = await generateTOTP({ secret, period: 30, digits: 6, algorithm: 'SHA-1' })
	vi.useRealTimers()
	return otp
}

/** Sets up 2FA through the account page; returns the key and the recovery codes. */
async function enrol(userId: string) {
	const cookie = await sessionCookieFor(userId)
	const started = (await manageAction(
		routeArgs(formRequest('/account/tweestapsverificatie', { intent: 'start' }, cookie)),
	)) as {
		enrolment: { secret: string; pending: string; qrSvg: string }
	}
	const { secret, pending, qrSvg } = started.enrolment
	expect(secret).toMatch(/^[A-Z2-7]{32}$/)
	expect(qrSvg).toContain('<svg')
	const wrong = dataOf<Failure>(
		await manageAction(
			routeArgs(formRequest('/account/tweestapsverificatie', { intent: 'confirm', pending, code: '000000' }, cookie)),
		),
	)
	expect(wrong.status).toBe(400)
	expect(wrong.data.fieldErrors.code?.[0]).toMatch(/klopt niet/)
	const confirmed = (await manageAction(
		routeArgs(
			formRequest('/account/tweestapsverificatie', { intent: 'confirm', pending, code: await codeFor(secret) }, cookie),
		),
	)) as { codes: string[] }
	return { secret, codes: confirmed.codes, cookie }
}

async function passwordStep(email: string, address = '10.20.0.1') {
	const { response } = await settle(() =>
		loginAction(routeArgs(formRequest('/inloggen', { email, password: testPassword }), {}, address)),
	)
	return response as Response
}

async function codeStep(pendingCookie: string, code: string, address = '10.20.0.1') {
	return settle(() =>
		stepAction(routeArgs(formRequest('/inloggen/tweestapsverificatie', { code }, pendingCookie), {}, address)),
	)
}

describe('two-factor sign-in', () => {
	it('is set up with a code from the app; the key rests sealed and the recovery codes as hashes', async () => {
		const user = await createUser()
		const { secret, codes } = await enrol(user.id)
		expect(codes).toHaveLength(10)
		expect(new Set(codes).size).toBe(10)
		const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } })
		expect(stored.totpEnabledAt).not.toBeNull()
		expect(stored.totpSecretSealed).not.toContain(secret)
		const hashes = await db.recoveryCode.findMany({ where: { userId: user.id } })
		expect(hashes).toHaveLength(10)
		for (const code of codes) expect(JSON.stringify(hashes)).not.toContain(code.replace('-', ''))
		const audit = await db.auditEvent.findMany({ where: { entityId: user.id, action: 'user.two_factor_enabled' } })
		expect(audit).toHaveLength(1)
	})

	it('asks for the code after the password, and gives a session only for a right, unused code', async () => {
		const user = await createUser()
		const { secret } = await enrol(user.id)
		const afterPassword = await passwordStep(user.email)
		expect(afterPassword.status).toBe(302)
		expect(afterPassword.headers.get('Location')).toBe('/inloggen/tweestapsverificatie')
		const pending = cookiesFrom(afterPassword)
		expect(pending).toMatch(/^__2fa=/)
		// The password alone gives no session.
		expect(await getCurrentSession(getRequest('/', pending))).toBeNull()
		expect(
			(await settle(() => stepLoader(routeArgs(getRequest('/inloggen/tweestapsverificatie', pending))))).value,
		).toBeNull()

		// The code of the step used for enrolment is spent: a replay is refused.
		const replay = dataOf<Failure>((await codeStep(pending, await codeFor(secret))).value)
		expect(replay.status).toBe(400)
		expect(replay.data.formErrors).toEqual(['auth.twoFactorLoginFailed'])

		const next = await codeFor(secret, 1)
		vi.useFakeTimers({ toFake: ['Date'] })
		vi.setSystemTime(Date.now() + 30_000)
		const { response } = await codeStep(pending, next)
		expect(response?.status).toBe(302)
		const session = await getCurrentSession(getRequest('/', cookiesFrom(response as Response)))
		expect(session?.user.id).toBe(user.id)
		// The same code once more (another tab, a proxy log): refused.
		const again = await passwordStep(user.email)
		const second = dataOf<Failure>((await codeStep(cookiesFrom(again), next)).value)
		expect(second.status).toBe(400)
	})

	it('accepts each recovery code once, and audits its use', async () => {
		const user = await createUser()
		const { codes } = await enrol(user.id)
		const first = codes[0] as string
		const pending = cookiesFrom(await passwordStep(user.email, '10.20.1.1'))
		const { response } = await codeStep(pending, first.toUpperCase(), '10.20.1.1')
		expect(response?.status).toBe(302)
		const reused = dataOf<Failure>((await codeStep(pending, first, '10.20.1.1')).value)
		expect(reused.status).toBe(400)
		expect(await db.auditEvent.count({ where: { entityId: user.id, action: 'user.recovery_code_used' } })).toBe(1)
	})

	it('throttles wrong codes per (account, address) pair like passwords', async () => {
		const user = await createUser()
		await enrol(user.id)
		const pending = cookiesFrom(await passwordStep(user.email, '10.20.2.1'))
		const statuses: number[] = []
		for (let attempt = 0; attempt < 5; attempt++) {
			statuses.push(dataOf((await codeStep(pending, '123456', '10.20.2.1')).value).status)
		}
		expect(statuses).toEqual([400, 400, 400, 400, 429])
	})

	it('does not let a reset link bypass the second factor', async () => {
		const user = await createUser()
		await enrol(user.id)
		const response = await signInAndRedirect(getRequest('/wachtwoord-herstellen/x'), user.id, {
			ip: '10.20.3.1',
			toast: 'auth.resetDone',
		})
		expect(response.headers.get('Location')).toBe('/inloggen/tweestapsverificatie')
		expect(cookiesFrom(response)).not.toContain('__session')
	})

	it('is switched off only with the password, and that is audited', async () => {
		const user = await createUser()
		const { cookie } = await enrol(user.id)
		const refused = dataOf<Failure>(
			await manageAction(
				routeArgs(
					formRequest('/account/tweestapsverificatie', { intent: 'disable', password: 'niet-het-wachtwoord' }, cookie),
				),
			),
		)
		expect(refused.status).toBe(400)
		expect(refused.data.fieldErrors.password?.[0]).toMatch(/wachtwoord klopt niet/i)
		const { response } = await settle(() =>
			manageAction(
				routeArgs(formRequest('/account/tweestapsverificatie', { intent: 'disable', password: testPassword }, cookie)),
			),
		)
		expect(response?.status).toBe(302)
		const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } })
		expect([stored.totpSecretSealed, stored.totpEnabledAt]).toEqual([null, null])
		expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0)
		expect(await db.auditEvent.count({ where: { entityId: user.id, action: 'user.two_factor_disabled' } })).toBe(1)
		// Without 2FA the password signs in directly again.
		expect((await passwordStep(user.email, '10.20.4.1')).headers.get('Location')).not.toContain('tweestaps')
	})

	it('is required for administrators outside demo mode: no staff page before it is set up', async () => {
		Object.assign(process.env, { KEURMERK_ADMIN_2FA: 'required', KEURMERK_DEMO: '' })
		initEnv()
		const admin = await createUser({ staffRole: 'admin' })
		const assessor = await createUser({ staffRole: 'assessor' })
		const adminCookie = await sessionCookieFor(admin.id)
		const blocked = await settle(() => staffLoader(routeArgs(getRequest('/medewerkers', adminCookie))))
		expect(blocked.response?.headers.get('Location')).toBe('/account/tweestapsverificatie')
		// The password step sends the administrator to the set-up page.
		const afterPassword = await passwordStep(admin.email, '10.20.5.1')
		expect(afterPassword.headers.get('Location')).toBe('/account/tweestapsverificatie')
		// Assessors are not forced (their own choice).
		const assessorCookie = await sessionCookieFor(assessor.id)
		const assessorPage = await settle(() => staffLoader(routeArgs(getRequest('/medewerkers', assessorCookie))))
		expect(assessorPage.response?.headers.get('Location') ?? null).toBeNull()
		// Once set up, the staff pages open; it cannot be switched off while required.
		const { cookie } = await enrol(admin.id)
		const open = await settle(() => staffLoader(routeArgs(getRequest('/medewerkers', cookie))))
		expect(open.response?.headers.get('Location') ?? null).toBeNull()
		const disable = dataOf<Failure>(
			await manageAction(
				routeArgs(formRequest('/account/tweestapsverificatie', { intent: 'disable', password: testPassword }, cookie)),
			),
		)
		expect(disable.status).toBe(400)

		// Demo mode never requires it.
		Object.assign(process.env, { KEURMERK_DEMO: '1' })
		initEnv()
		const demoAdmin = await createUser({ staffRole: 'admin' })
		const demoCookie = await sessionCookieFor(demoAdmin.id)
		const demoPage = await settle(() => staffLoader(routeArgs(getRequest('/medewerkers', demoCookie))))
		expect(demoPage.response?.headers.get('Location') ?? null).toBeNull()
	})
})
