// Security regressions of issue 15 (findings 1, 2, 4, 5, 6, 7), at the HTTP level against the real
// production server of the end-to-end suite: requests as an attacker sends them, no browser needed
// (except where the browser's reading of a URL is the point).
import type { APIRequestContext } from '@playwright/test'
import { startTestSmtp } from '#test/fixtures/mail-smtp.ts'
import { expect, test, uniqueId } from './fixtures.ts'

/** A personal link with its token, in any form a page could show it. */
const tokenLink = /\/(wachtwoord-herstellen|uitnodiging)\/[A-Za-z0-9_-]{20,}/

async function sessionCookie(hooks: { post<T>(path: string, body: unknown): Promise<T> }, email: string) {
	const { cookie } = await hooks.post<{ cookie: string }>('session', { email })
	return cookie
}

async function get(request: APIRequestContext, path: string, cookie: string) {
	const response = await request.get(path, { headers: { cookie }, maxRedirects: 0 })
	return { status: response.status(), body: await response.text(), headers: response.headers() }
}

test.describe('finding 1: personal links never rest readable in the outbox', () => {
	test('an assessor cannot take over the admin account through the outbox; the real recipient can reset', async ({
		request,
		hooks,
	}) => {
		const admin = await hooks.createStaff('admin')
		const assessor = await hooks.createStaff('assessor')

		// Anonymous: ask a reset for the admin.
		const asked = await request.post('/wachtwoord-vergeten', { form: { email: admin.email } })
		expect(asked.status()).toBe(200)

		// As assessor: every view of the outbox.
		const assessorCookie = await sessionCookie(hooks, assessor.email)
		const list = await get(request, `/medewerkers/mail?q=${encodeURIComponent(admin.email)}`, assessorCookie)
		expect(list.status).toBe(200)
		expect(list.body).not.toMatch(tokenLink)
		const ids = [...new Set([...list.body.matchAll(/\/medewerkers\/mail\/([a-z0-9]{20,})/g)].map((match) => match[1]))]
		expect(ids.length).toBeGreaterThan(0)
		for (const id of ids) {
			for (const path of [
				`/medewerkers/mail/${id}`,
				`/medewerkers/mail/${id}.data`,
				`/medewerkers/mail/${id}/html`,
				`/medewerkers/mail/${id}/html.data`,
			]) {
				const response = await get(request, path, assessorCookie)
				expect(response.body, path).not.toMatch(tokenLink)
				// Account mails are admin-only: the assessor learns nothing of the message.
				if (!path.endsWith('.data')) expect(response.status, path).toBe(404)
				else expect(response.body, path).not.toContain('persoonlijke link')
			}
		}
		const listData = await get(request, `/medewerkers/mail.data?q=${encodeURIComponent(admin.email)}`, assessorCookie)
		expect(listData.body).not.toMatch(tokenLink)

		// As admin: the body is readable, redacted.
		const adminCookie = await sessionCookie(hooks, admin.email)
		for (const id of ids) {
			const message = await get(request, `/medewerkers/mail/${id}`, adminCookie)
			expect(message.status).toBe(200)
			expect(message.body).toContain('[persoonlijke link]')
			expect(message.body).not.toMatch(tokenLink)
			const html = await get(request, `/medewerkers/mail/${id}/html`, adminCookie)
			expect(html.status).toBe(200)
			expect(html.body).not.toMatch(tokenLink)
		}

		// The real recipient gets a working link over SMTP (the worker opens the sealed message).
		const smtp = await startTestSmtp()
		try {
			await hooks.post('fixtures/send-mail', { smtpUrl: smtp.url, to: admin.email })
			const mail = smtp.received.find((item) => item.to.includes(admin.email.toLowerCase()))
			expect(mail?.template).toBe('password_reset')
			const link = tokenLink.exec(mail?.mail.text ?? '')?.[0]
			expect(link).toBeTruthy()
			expect(mail?.mail.html).toContain(link)
			const page = await request.get(link as string)
			expect(page.status()).toBe(200)
			const newPassword = 'een-nieuw-wachtwoord-voor-beheer'
			const reset = await request.post(link as string, {
				form: { password: newPassword, confirmPassword: newPassword },
				maxRedirects: 0,
			})
			expect(reset.status()).toBe(302)
			const login = await request.post('/inloggen', {
				form: { email: admin.email, password: newPassword },
				maxRedirects: 0,
			})
			expect(login.status()).toBe(302)
			expect(login.headers().location).toBe('/medewerkers')
		} finally {
			await smtp.stop()
		}

		// Once sent, not even the admin's view holds the link (the sealed copy is cleared).
		for (const id of ids) {
			const html = await get(request, `/medewerkers/mail/${id}/html`, adminCookie)
			expect(html.body).not.toMatch(tokenLink)
		}
	})

	test('a team invitation is redacted for staff and admin-only', async ({ request, hooks }) => {
		const provider = await hooks.createProvider()
		const memberCookie = await sessionCookie(hooks, provider.email)
		const colleague = `collega-${uniqueId()}@praktijk.test`
		const invited = await request.post(`/aanbieder/${provider.providerId}/team`, {
			headers: { cookie: memberCookie },
			form: { intent: 'invite', name: 'Collega Test', email: colleague },
			maxRedirects: 0,
		})
		expect(invited.status()).toBeLessThan(400)

		const assessor = await hooks.createStaff('assessor')
		const admin = await hooks.createStaff('admin')
		const assessorCookie = await sessionCookie(hooks, assessor.email)
		const adminCookie = await sessionCookie(hooks, admin.email)
		const list = await get(request, `/medewerkers/mail?q=${encodeURIComponent(colleague)}`, adminCookie)
		const ids = [...new Set([...list.body.matchAll(/\/medewerkers\/mail\/([a-z0-9]{20,})/g)].map((match) => match[1]))]
		expect(ids).toHaveLength(1)
		const id = ids[0] as string
		expect((await get(request, `/medewerkers/mail/${id}`, assessorCookie)).status).toBe(404)
		expect((await get(request, `/medewerkers/mail/${id}/html`, assessorCookie)).status).toBe(404)
		const asAdmin = await get(request, `/medewerkers/mail/${id}`, adminCookie)
		expect(asAdmin.body).toContain('[persoonlijke link]')
		expect(asAdmin.body).not.toMatch(tokenLink)

		// The colleague's mail, as the worker sends it, has the live link.
		const smtp = await startTestSmtp()
		try {
			await hooks.post('fixtures/send-mail', { smtpUrl: smtp.url, to: colleague })
			const link = tokenLink.exec(smtp.received[0]?.mail.text ?? '')?.[0]
			expect(link).toMatch(/^\/uitnodiging\//)
			expect((await request.get(link as string)).status()).toBe(200)
		} finally {
			await smtp.stop()
		}
	})
})
