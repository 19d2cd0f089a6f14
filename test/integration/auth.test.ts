// Accounts at the level a user meets them: login, reset, invitation, sessions, permissions.
import { describe, expect, it } from 'vitest'
import { action as loginAction } from '#app/routes/auth/login.tsx'
import { action as logoutAction } from '#app/routes/auth/logout.ts'
import { action as forgotAction } from '#app/routes/auth/forgot-password.tsx'
import { action as resetAction, loader as resetLoader } from '#app/routes/auth/reset-password.tsx'
import { action as invitationAction } from '#app/routes/auth/invitation.tsx'
import { loader as dashboardLoader } from '#app/routes/provider/dashboard.tsx'
import { loader as staffLoader } from '#app/routes/staff/overview.tsx'
import { db } from '#app/lib/db.server.ts'
import { getCurrentSession } from '#app/lib/session.server.ts'
import { inviteUser, login } from '#app/services/auth.server.ts'
import { loginPairKey, loginPairState } from '#app/lib/rate-limit.server.ts'
import { openSealedContent } from '#app/services/mail/outbox.server.ts'
import { createProviderWithMember, createUser, testPassword } from '#test/fixtures/factories.ts'
import {
	cookiesFrom,
	dataOf,
	formRequest,
	getRequest,
	routeArgs,
	sessionCookieFor,
	settle,
} from '#test/fixtures/requests.ts'

type Failure = {
	success: false
	fieldErrors: Record<string, string[]>
	formErrors: string[]
	values: Record<string, unknown>
}

async function linkFromOutbox(address: string, pattern: RegExp): Promise<string> {
	const message = await db.outboxEmail.findFirstOrThrow({
		where: { toAddress: address },
		orderBy: { createdAt: 'desc' },
	})
	// The stored text is redacted ("[persoonlijke link]"); the recipient gets the sealed real one.
	expect(message.text).not.toMatch(pattern)
	const text = message.sealedContent ? openSealedContent(message.sealedContent)?.text : undefined
	const match = pattern.exec(text ?? '')
	if (!match) throw new Error(`geen link in: ${text}`)
	return match[0]
}

describe('login', () => {
	it('signs a user in with the right password and lands staff on the staff overview', async () => {
		const staff = await createUser({ staffRole: 'assessor' })
		const { response } = await settle(() =>
			loginAction(routeArgs(formRequest('/inloggen', { email: staff.email.toUpperCase(), password: testPassword }))),
		)
		expect(response?.status).toBe(302)
		expect(response?.headers.get('Location')).toBe('/medewerkers')
		const cookie = cookiesFrom(response as Response)
		const session = await getCurrentSession(getRequest('/', cookie))
		expect(session?.user.id).toBe(staff.id)
	})

	it('gives the same answer for a wrong password and an unknown address', async () => {
		const user = await createUser()
		const wrong = dataOf<Failure>(
			await loginAction(routeArgs(formRequest('/inloggen', { email: user.email, password: 'niet-het-wachtwoord' }))),
		)
		const unknown = dataOf<Failure>(
			await loginAction(
				routeArgs(formRequest('/inloggen', { email: 'bestaat-niet@example.nl', password: 'niet-het-wachtwoord' })),
			),
		)
		expect(wrong.status).toBe(400)
		expect(unknown.status).toBe(400)
		expect(wrong.data.formErrors).toEqual(['auth.loginFailed'])
		expect(unknown.data.formErrors).toEqual(wrong.data.formErrors)
	})

	it('shows Dutch field errors for bad input and never echoes the password', async () => {
		const result = dataOf<Failure>(
			await loginAction(routeArgs(formRequest('/inloggen', { email: 'geen-adres', password: '' }))),
		)
		expect(result.status).toBe(400)
		expect(result.data.fieldErrors.email).toEqual(['auth.errorEmailInvalid'])
		expect(result.data.fieldErrors.password).toEqual(['auth.errorPasswordRequired'])
		expect(result.data.values).toEqual({ email: 'geen-adres' })
	})

	it('throttles an (account, address) pair with growing delays, for known and unknown addresses alike', async () => {
		const user = await createUser()
		for (const email of [user.email, 'onbekend-limiet@example.nl']) {
			// Three free failures, then the pair waits: 5 s after the fourth.
			for (let attempt = 0; attempt < 4; attempt++) {
				expect(await login(email, 'fout-wachtwoord-123', '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' })
			}
			const blocked = await login(email, email === user.email ? testPassword : 'x', '10.0.0.1')
			expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited' })
			expect((blocked as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(5)
		}
		// The real user at their own address is not delayed by any of it.
		expect(await login(user.email, testPassword, '10.0.9.9')).toEqual({ ok: true, userId: user.id })
	})

	it('never counts a successful login, and a success clears the pair', async () => {
		const user = await createUser()
		for (let round = 0; round < 10; round++) {
			expect(await login(user.email, testPassword, '10.0.3.1')).toEqual({ ok: true, userId: user.id })
		}
		for (let attempt = 0; attempt < 3; attempt++) await login(user.email, 'fout-wachtwoord-123', '10.0.3.2')
		expect(await login(user.email, testPassword, '10.0.3.2')).toEqual({ ok: true, userId: user.id })
		expect(await loginPairState(loginPairKey(user.email, '10.0.3.2'))).toBeNull()
		// Three fresh free failures after the success: the typo allowance is back.
		for (let attempt = 0; attempt < 3; attempt++) {
			expect(await login(user.email, 'fout-wachtwoord-123', '10.0.3.2')).toEqual({ ok: false, reason: 'invalid' })
		}
	})

	it('lets parallel attempts of one pair through the delay only once', async () => {
		const user = await createUser()
		for (let attempt = 0; attempt < 3; attempt++) await login(user.email, 'fout-wachtwoord-123', '10.0.4.1')
		const results = await Promise.all(
			Array.from({ length: 6 }, () => login(user.email, 'fout-wachtwoord-123', '10.0.4.1')),
		)
		expect(results.filter((result) => result.ok === false && result.reason === 'invalid')).toHaveLength(1)
		expect(results.filter((result) => result.ok === false && result.reason === 'rate_limited')).toHaveLength(5)
	})

	it('refuses a deactivated account', async () => {
		const user = await createUser({ active: false })
		expect(await login(user.email, testPassword, '10.0.2.1')).toEqual({ ok: false, reason: 'invalid' })
	})

	it('ignores a redirect to another site', async () => {
		const user = await createUser({ staffRole: 'admin' })
		const { response } = await settle(() =>
			loginAction(
				routeArgs(
					formRequest('/inloggen', { email: user.email, password: testPassword, redirectTo: '//evil.example/x' }),
				),
			),
		)
		expect(response?.headers.get('Location')).toBe('/medewerkers')
	})
})

describe('sessions', () => {
	it('cannot be forged: an unsigned, re-signed or made-up cookie gives no user', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		expect((await getCurrentSession(getRequest('/', cookie)))?.user.id).toBe(user.id)
		const [name, value] = cookie.split('=') as [string, string]
		const decoded = decodeURIComponent(value)
		const tampered = `${name}=${encodeURIComponent(decoded.replace(/^.{4}/, 'AAAA'))}`
		expect(await getCurrentSession(getRequest('/', tampered))).toBeNull()
		expect(
			await getCurrentSession(
				getRequest('/', `${name}=${encodeURIComponent(btoa(JSON.stringify('made-up-token-value-123456')))}`),
			),
		).toBeNull()
		expect(await getCurrentSession(getRequest('/', '__session=garbage'))).toBeNull()
	})

	it('are revoked by logout: the old cookie stops working at once', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		const { response } = await settle(() => logoutAction(routeArgs(formRequest('/uitloggen', {}, cookie))))
		expect(response?.status).toBe(302)
		expect(await getCurrentSession(getRequest('/', cookie))).toBeNull()
	})

	it('end when they expire or the account is deactivated', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
		expect(await getCurrentSession(getRequest('/', cookie))).toBeNull()
		const other = await createUser()
		const otherCookie = await sessionCookieFor(other.id)
		await db.user.update({ where: { id: other.id }, data: { active: false } })
		expect(await getCurrentSession(getRequest('/', otherCookie))).toBeNull()
	})
})

describe('password reset', () => {
	it('mails a one-time link, sets the new password and signs out other sessions', async () => {
		const user = await createUser()
		const oldSession = await sessionCookieFor(user.id)
		const forgot = dataOf<{ success: true; email: string }>(
			await forgotAction(routeArgs(formRequest('/wachtwoord-vergeten', { email: user.email }))),
		)
		expect(forgot.data.success).toBe(true)
		const link = await linkFromOutbox(user.email, /http:\/\/localhost:3999\/wachtwoord-herstellen\/[\w-]+/)
		const token = link.split('/').pop() as string
		expect(await resetLoader(routeArgs(getRequest(`/wachtwoord-herstellen/${token}`), { token }))).toEqual({
			valid: true,
			email: user.email,
		})

		const mismatch = dataOf<Failure>(
			await resetAction(
				routeArgs(
					formRequest(`/wachtwoord-herstellen/${token}`, { password: 'nieuw-wachtwoord-1', confirmPassword: 'anders' }),
					{ token },
				),
			),
		)
		expect(mismatch.data.fieldErrors.confirmPassword).toEqual(['auth.errorPasswordMismatch'])

		const { response } = await settle(() =>
			resetAction(
				routeArgs(
					formRequest(`/wachtwoord-herstellen/${token}`, {
						password: 'nieuw-wachtwoord-1',
						confirmPassword: 'nieuw-wachtwoord-1',
					}),
					{ token },
				),
			),
		)
		expect(response?.status).toBe(302)
		expect(await login(user.email, 'nieuw-wachtwoord-1', '10.1.0.1')).toMatchObject({ ok: true })
		expect(await getCurrentSession(getRequest('/', oldSession))).toBeNull()

		const reused = dataOf<Failure>(
			await resetAction(
				routeArgs(
					formRequest(`/wachtwoord-herstellen/${token}`, {
						password: 'nog-een-wachtwoord',
						confirmPassword: 'nog-een-wachtwoord',
					}),
					{ token },
				),
			),
		)
		expect(reused.data.formErrors).toEqual(['auth.resetInvalid'])
	})

	it('answers the same for an unknown address and sends nothing', async () => {
		const before = await db.outboxEmail.count()
		const result = dataOf<{ success: true; email: string }>(
			await forgotAction(routeArgs(formRequest('/wachtwoord-vergeten', { email: 'niemand@example.nl' }))),
		)
		expect(result.data).toEqual({ success: true, email: 'niemand@example.nl' })
		expect(await db.outboxEmail.count()).toBe(before)
	})

	it('refuses an expired link', async () => {
		const user = await createUser()
		await forgotAction(routeArgs(formRequest('/wachtwoord-vergeten', { email: user.email })))
		const link = await linkFromOutbox(user.email, /http:\/\/localhost:3999\/wachtwoord-herstellen\/[\w-]+/)
		const token = link.split('/').pop() as string
		await db.userToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } })
		expect(await resetLoader(routeArgs(getRequest('/'), { token }))).toEqual({ valid: false, email: null })
	})
})

describe('invitation', () => {
	it('lets an invited person choose a name and password, once', async () => {
		const { provider, user: inviter } = await createProviderWithMember()
		const email = `nieuw-${Date.now()}@example.nl`
		await db.$transaction((tx) =>
			inviteUser(tx, {
				email,
				name: 'Nieuwe Collega',
				invitedBy: { id: inviter.id, name: inviter.name },
				providerId: provider.id,
				actor: { type: 'provider', userId: inviter.id },
			}),
		)
		const link = await linkFromOutbox(email, /http:\/\/localhost:3999\/uitnodiging\/[\w-]+/)
		const token = link.split('/').pop() as string
		const invalid = dataOf<Failure>(
			await invitationAction(
				routeArgs(formRequest(`/uitnodiging/${token}`, { name: '', password: 'kort', confirmPassword: 'kort' }), {
					token,
				}),
			),
		)
		expect(invalid.data.fieldErrors).toMatchObject({
			name: ['auth.errorNameRequired'],
			password: ['auth.errorPasswordTooShort'],
		})
		const { response } = await settle(() =>
			invitationAction(
				routeArgs(
					formRequest(`/uitnodiging/${token}`, {
						name: 'Nieuwe Collega',
						password: 'een-goed-wachtwoord',
						confirmPassword: 'een-goed-wachtwoord',
					}),
					{ token },
				),
			),
		)
		expect(response?.status).toBe(302)
		expect(await login(email, 'een-goed-wachtwoord', '10.2.0.1')).toMatchObject({ ok: true })
		const audit = await db.auditEvent.findMany({
			where: { action: { in: ['user.invited', 'user.invitation_accepted'] }, entityType: 'User' },
		})
		expect(audit.map((event) => event.action)).toEqual(
			expect.arrayContaining(['user.invited', 'user.invitation_accepted']),
		)
	})
})

describe('permissions', () => {
	it('gives a provider member a 404 on another provider, and on staff pages', async () => {
		const a = await createProviderWithMember()
		const b = await createProviderWithMember()
		const cookie = await sessionCookieFor(a.user.id)
		const own = await settle(() =>
			dashboardLoader(routeArgs(getRequest(`/aanbieder/${a.provider.id}`, cookie), { providerId: a.provider.id })),
		)
		expect(own.response).toBeUndefined()
		const other = await settle(() =>
			dashboardLoader(routeArgs(getRequest(`/aanbieder/${b.provider.id}`, cookie), { providerId: b.provider.id })),
		)
		expect(other.response?.status).toBe(404)
		const staff = await settle(() => staffLoader(routeArgs(getRequest('/medewerkers', cookie))))
		expect(staff.response?.status).toBe(404)
	})

	it('sends an anonymous visitor to the login page and back', async () => {
		const { response } = await settle(() => staffLoader(routeArgs(getRequest('/medewerkers?jaar=2027'))))
		expect(response?.status).toBe(302)
		expect(response?.headers.get('Location')).toBe('/inloggen?redirectTo=%2Fmedewerkers%3Fjaar%3D2027')
	})
})
