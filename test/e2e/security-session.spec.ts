// Issue 15 (finding 7, the rest) and issue 17 in Chromium and at the HTTP level against the
// production server: the session ends while a self-evaluation is open (the page says so, the text
// stays and is saved after a login in a new tab); autosave classifies what comes back and retries
// only what can succeed; the progress follows without a reload per save; downloads are sandboxed
// attachments; a signed-in response is never stored. Years 2087–2089 are this file's own.
import type { APIRequestContext, Page, Request } from '@playwright/test'
import PDFDocument from 'pdfkit'
import { expect, expectAccessible, type Hooks, password, test } from './fixtures.ts'
import { LONG_TEXT } from './journeys/self-evaluation.ts'

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3210}`

function realPdf(text: string): Promise<Buffer> {
	return new Promise((resolve) => {
		const doc = new PDFDocument({ size: 'A4' })
		const chunks: Buffer[] = []
		doc.on('data', (chunk: Buffer) => chunks.push(chunk))
		doc.on('end', () => resolve(Buffer.concat(chunks)))
		doc.text(text)
		doc.end()
	})
}

async function sessionCookieOf(page: Page): Promise<string> {
	const cookie = (await page.context().cookies(baseURL)).find((candidate) => candidate.name === '__session')
	expect(cookie).toBeTruthy()
	return `__session=${cookie!.value}`
}

/** A new provider whose self-evaluation of `year` is open (listed), with its paths. */
async function listedProvider(hooks: Hooks, year: number) {
	const provider = await hooks.createProvider()
	await hooks.post('fixtures/self-evaluation-listed', { year, providerId: provider.providerId })
	const selfEvaluation = `/aanbieder/${provider.providerId}/zelfevaluatie/${year}`
	return { ...provider, selfEvaluation, normOne: `${selfEvaluation}/norm/1` }
}

/** The same, signed in, on the page of norm 1 (where every browser test of this file types). */
async function onNormOne(page: Page, hooks: Hooks, year: number) {
	const provider = await listedProvider(hooks, year)
	await hooks.signIn(page, provider.email)
	await page.goto(provider.normOne)
	return provider
}

/** A session of the user, as the `Cookie` header value (`__session=…`), made through the test hooks. */
async function sessionOf(hooks: Hooks, email: string): Promise<string> {
	return (await hooks.post<{ cookie: string }>('session', { email })).cookie.split(';')[0]!
}

/** Logs the session out elsewhere (another device, "log out everywhere"): the browser keeps its cookie. */
async function revokeElsewhere(request: APIRequestContext, cookie: string) {
	const response = await request.post('/uitloggen', { headers: { cookie, origin: baseURL }, maxRedirects: 0 })
	expect(response.status()).toBe(302)
}

test('the session ends while typing: the page says so, keeps the text, and saves it after a login in a new tab', async ({
	page,
	hooks,
	request,
}) => {
	const provider = await onNormOne(page, hooks, 2087)
	const first = page.locator('#criterium-1\\.1')
	const third = page.locator('#criterium-1\\.3')
	await first.getByRole('textbox').fill(`${LONG_TEXT} Eerste versie.`)
	await expect(first.getByRole('status')).toContainText('Opgeslagen om')

	await revokeElsewhere(request, await sessionCookieOf(page))
	const mine = `${LONG_TEXT} Getypt nadat de sessie was beëindigd.`
	await first.getByRole('textbox').fill(mine)
	const alert = first.getByRole('alert')
	await expect(alert).toContainText('U bent niet meer ingelogd')
	await expect(alert).toContainText('staat nog in dit venster')
	await expect(first.getByRole('textbox')).toHaveValue(mine)
	// Typing on in another answer while logged out: kept as well.
	const more = `${LONG_TEXT} Ook dit mag niet verloren gaan.`
	await third.getByRole('textbox').fill(more)
	await expect(third.getByRole('alert')).toContainText('U bent niet meer ingelogd')
	await expectAccessible(page)

	// Log in again in a new tab; it lands on the small "logged in again" page.
	const [login] = await Promise.all([
		page.context().waitForEvent('page'),
		alert.getByRole('link', { name: 'Opnieuw inloggen (opent een nieuw tabblad)' }).click(),
	])
	await login.waitForLoadState()
	await login.getByLabel('E-mailadres').fill(provider.email)
	await login.getByLabel('Wachtwoord', { exact: true }).fill(password)
	await login.getByRole('button', { name: 'Inloggen' }).click()
	await expect(login.getByRole('heading', { level: 1 })).toHaveText('U bent weer ingelogd')
	await expect(login.getByText('U kunt dit tabblad sluiten')).toBeVisible()
	await expectAccessible(login)

	// The working tab heard it and saved both answers, without a click.
	await expect(first.getByRole('status')).toContainText('Opgeslagen om')
	await expect(third.getByRole('status')).toContainText('Opgeslagen om')
	await expect(first.getByRole('alert')).toHaveCount(0)
	await login.close()
	await page.reload()
	await expect(page.locator('#criterium-1\\.1').getByRole('textbox')).toHaveValue(mine)
	await expect(page.locator('#criterium-1\\.3').getByRole('textbox')).toHaveValue(more)
})

test('autosave classifies what comes back: retries a 500 and a 429 with backoff, stops at a 413 with a reason', async ({
	page,
	hooks,
}) => {
	await onNormOne(page, hooks, 2088)
	const answer = page.locator('#criterium-1\\.1')
	const status = answer.getByRole('status')

	// What a proxy or the body limit would send: pages, not our JSON.
	const answers: { status: number; body: string; contentType: string; headers?: Record<string, string> }[] = []
	let posts = 0
	await page.route('**/antwoord', async (route) => {
		posts += 1
		const next = answers.shift()
		if (!next) return route.continue()
		await route.fulfill({ status: next.status, body: next.body, contentType: next.contentType, headers: next.headers })
	})

	answers.push({ status: 500, body: '<html><body>Internal Server Error</body></html>', contentType: 'text/html' })
	await answer.getByRole('textbox').fill(`${LONG_TEXT} Na een serverfout.`)
	await expect(status).toContainText('fout 500')
	await expect(status).toContainText('opnieuw')
	// The retry (after 2 s) reaches the real endpoint and saves.
	await expect(status).toContainText('Opgeslagen om', { timeout: 15_000 })
	expect(posts).toBe(2)

	answers.push({
		status: 429,
		body: 'Te veel verzoeken. Probeer het over 1 seconden opnieuw.',
		contentType: 'text/plain',
		headers: { 'Retry-After': '1' },
	})
	posts = 0
	await answer.getByRole('textbox').fill(`${LONG_TEXT} Na een 429.`)
	await expect(status).toContainText('te veel verzoeken')
	await expect(status).toContainText('Opgeslagen om', { timeout: 15_000 })
	expect(posts).toBe(2)

	answers.push({ status: 413, body: '<html><body>Te veel gegevens verstuurd.</body></html>', contentType: 'text/html' })
	posts = 0
	await answer.getByRole('textbox').fill(`${LONG_TEXT} Te groot.`)
	await expect(status).toContainText('te groot om op te slaan')
	// Not retried: the same text cannot pass (a retry would have come after 2 s).
	await page.waitForTimeout(3_000)
	expect(posts).toBe(1)
	await expect(answer.getByRole('textbox')).toHaveValue(`${LONG_TEXT} Te groot.`)
	// The button tries again on purpose; this time the server takes it.
	await status.getByRole('button', { name: 'Opnieuw opslaan' }).click()
	await expect(status).toContainText('Opgeslagen om')
	await expectAccessible(page)
	await page.reload()
	await expect(page.locator('#criterium-1\\.1').getByRole('textbox')).toHaveValue(`${LONG_TEXT} Te groot.`)
})

test('the side navigation follows the answers without reloading the page after every save (issue 17)', async ({
	page,
	hooks,
}) => {
	await onNormOne(page, hooks, 2089)
	const navStatus = page.getByRole('navigation').locator('.norm-nav__status').first()
	await expect(navStatus).toHaveText(/^0 van \d+ volledig$/)
	const reloads: Request[] = []
	page.on('request', (request) => {
		if (request.method() === 'GET' && new URL(request.url()).pathname.endsWith('.data')) reloads.push(request)
	})

	const answer = page.locator('#criterium-1\\.1')
	for (const suffix of ['Eerste zin.', 'Tweede zin.', 'Derde zin.']) {
		await answer.getByRole('textbox').fill(`${LONG_TEXT} ${suffix}`)
		await expect(answer.getByRole('status')).toContainText('Opgeslagen om')
	}
	// Three saves while the cursor stays in the answer: no reload of the page's data yet.
	expect(reloads).toHaveLength(0)
	// Leaving the answer brings the progress up to date, with one reload.
	await page.keyboard.press('Tab')
	await expect(navStatus).toHaveText(/^1 van \d+ volledig$/)
	expect(reloads).toHaveLength(1)
})

test.describe('at the HTTP level', () => {
	test('the autosave endpoint refuses a revoked session with 401 JSON, never a redirect to HTML', async ({
		hooks,
		request,
	}) => {
		const provider = await listedProvider(hooks, 2087)
		const cookie = await sessionOf(hooks, provider.email)
		await revokeElsewhere(request, cookie)
		const response = await request.post(`${provider.selfEvaluation}/antwoord`, {
			form: { evidenceKey: 'x', 'x:version': '0' },
			headers: { cookie, origin: baseURL, accept: 'application/json' },
			maxRedirects: 0,
		})
		expect(response.status()).toBe(401)
		expect(response.headers()['content-type']).toContain('application/json')
		expect(response.headers()['cache-control']).toBe('no-store')
		expect(await response.json()).toMatchObject({ ok: false, reason: 'session', code: 'session_ended' })
	})

	test('uploads download as sandboxed attachments for the provider and for staff', async ({ hooks, request }) => {
		const provider = await listedProvider(hooks, 2088)
		const member = await sessionOf(hooks, provider.email)
		const base = provider.selfEvaluation
		const uploaded = await request.post(
			`${base}/document?upload=${encodeURIComponent('shared-decision-treatment-plan.format')}`,
			{
				multipart: {
					file: { name: 'plan "def" €.pdf', mimeType: 'application/pdf', buffer: await realPdf('Plan') },
				},
				headers: { cookie: member, origin: baseURL, accept: 'application/json' },
			},
		)
		expect(uploaded.status(), await uploaded.text()).toBe(200)
		const { fileId } = (await uploaded.json()) as { fileId: string }
		const staff = await hooks.createStaff('assessor')
		const assessor = await sessionOf(hooks, staff.email)

		for (const [path, cookie] of [
			[`${base}/documenten/${fileId}`, member],
			[`/medewerkers/documenten/${fileId}`, assessor],
		] as const) {
			const response = await request.get(path, { headers: { cookie } })
			expect(response.status(), path).toBe(200)
			const headers = response.headers()
			expect(headers['content-disposition'], path).toBe(
				`attachment; filename="plan _def_ _.pdf"; filename*=UTF-8''plan%20%22def%22%20%E2%82%AC.pdf`,
			)
			expect(headers['x-content-type-options'], path).toBe('nosniff')
			expect(headers['content-security-policy'], path).toContain("sandbox; default-src 'none'")
			expect(headers['cache-control'], path).toBe('no-store')
			expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-')
		}
	})

	test('a signed-in response is no-store even where the route caches; anonymous ones keep their caching', async ({
		hooks,
		request,
	}) => {
		// A carrier of 2088, seen in the middle of that year: the register and its open data exist.
		await hooks.setClock('2088-06-15T12:00:00+02:00')
		const provider = await hooks.createProvider()
		await hooks.post('fixtures/provider-carrier', { providerId: provider.providerId, qualifiedYears: [2088] })
		const path = '/open-data/v1/register.json?jaar=2088'
		const anonymous = await request.get(path)
		expect(anonymous.status(), await anonymous.text()).toBe(200)
		expect(anonymous.headers()['cache-control']).toBe('public, no-cache')
		expect(anonymous.headers()['etag']).toBeTruthy()
		const again = await request.get(path, { headers: { 'if-none-match': anonymous.headers()['etag']! } })
		expect(again.status()).toBe(304)

		const cookie = await sessionOf(hooks, provider.email)
		// The open data route sets `public, max-age=300` itself: the session must win.
		const signedIn = await request.get(path, { headers: { cookie } })
		expect(signedIn.status()).toBe(200)
		expect(signedIn.headers()['cache-control']).toBe('no-store')
		const page = await request.get('/register', { headers: { cookie } })
		expect(page.headers()['cache-control']).toBe('no-store')
	})
})
