import { expect, expectAccessible, password, test, uniqueId, uniqueKvk } from './fixtures.ts'

// The office's fee, mail and job pages in Chromium: an overdue invoice is found, paid and its
// mail read; a job is run by hand; the provider downloads its own invoice and nobody else can.

async function invoiceFixture(
	hooks: { post<T>(path: string, body: unknown): Promise<T> },
	year: number,
	turnoverCents: number,
) {
	const email = `factuur-${uniqueId()}@praktijk.test`
	const providerName = `Praktijk Factuur ${uniqueId()}`
	const created = await hooks.post<{ providerId: string; invoiceId: string; invoiceNumber: string }>(
		'fixtures/fees-invoice',
		{
			year,
			providerName,
			kvkNumber: uniqueKvk(),
			member: { email, password },
			turnoverCents,
		},
	)
	return { ...created, email, providerName }
}

test('staff find an overdue invoice, record the payment and read its mail', async ({ page, hooks }) => {
	const { invoiceNumber, providerName } = await invoiceFixture(hooks, 2044, 54_010_00)
	// Due 1 April 2045; in mid-May it is overdue beyond the 30 days' grace.
	await hooks.setClock('2045-05-15T10:00:00+02:00')
	const admin = await hooks.createStaff('admin')
	await hooks.signIn(page, admin.email)

	await page.goto('/medewerkers/facturen')
	await expect(page.getByRole('heading', { level: 1, name: 'Facturen' })).toBeVisible()
	// The shared DataTable: a status facet (applies at once), then a search (Enter applies it).
	await page.getByText('Status', { exact: true }).first().click()
	await page.getByRole('checkbox', { name: /^Vervallen/ }).check()
	await expect(page).toHaveURL(/status=overdue/)
	// Escape closes the open facet, like a menu.
	await page.keyboard.press('Escape')
	await expect(page.getByRole('checkbox', { name: /^Vervallen/ })).toBeHidden()
	await page.getByLabel('Zoeken (aanbieder, KvK- of factuurnummer)').fill(providerName)
	await page.getByLabel('Zoeken (aanbieder, KvK- of factuurnummer)').press('Enter')
	await expect(page).toHaveURL(/q=/)
	const row = page.getByRole('row', { name: new RegExp(invoiceNumber) })
	await expect(row).toContainText('Vervallen')
	await expect(row).toContainText('Intrekking mogelijk')
	await expect(row).toContainText('€ 918,17') // 54 010,00 × 1,70 %
	await expectAccessible(page)

	await row.getByRole('link', { name: invoiceNumber }).click()
	await expect(page.getByRole('heading', { level: 1, name: `Factuur ${invoiceNumber}` })).toBeVisible()
	await expect(page.getByRole('note').filter({ hasText: 'in aanmerking voor intrekking' })).toBeVisible()
	await expectAccessible(page)
	await page.getByLabel('Datum van ontvangst').fill('2045-05-14')
	await page.getByRole('button', { name: 'Markeren als betaald' }).click()
	await expect(page.getByRole('status')).toContainText(`Factuur ${invoiceNumber} is als betaald vastgelegd.`)
	await expect(page.getByRole('row', { name: /Status/ })).toContainText('Betaald')

	await page.getByRole('link', { name: 'Factuur', exact: true }).first().click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`Factuur ${invoiceNumber}`)
	await expect(page.getByText('Beste ' + providerName)).toBeVisible()
	const formatted = await page.request.get(
		(await page.getByRole('link', { name: /Opgemaakte versie openen/ }).getAttribute('href')) as string,
	)
	expect(formatted.headers()['content-security-policy']).toContain('sandbox')
	expect(await formatted.text()).toContain('Te betalen')
	await expectAccessible(page)

	await page.goto('/medewerkers/mail')
	await expect(page.getByRole('heading', { level: 1, name: 'E-mail' })).toBeVisible()
	await expect(page.getByRole('note').filter({ hasText: 'geen SMTP-server' })).toBeVisible()
	await expectAccessible(page)
})

test('an admin runs a job by hand; the run is in the history', async ({ page, hooks }) => {
	const admin = await hooks.createStaff('admin')
	await hooks.signIn(page, admin.email)
	await page.goto('/medewerkers/taken')
	await expect(page.getByRole('heading', { level: 1, name: 'Geplande taken' })).toBeVisible()
	await expectAccessible(page)
	await page.getByRole('button', { name: 'Nu uitvoeren (Opruimen)' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'De taak' })).toHaveText('De taak Opruimen is uitgevoerd.')
	await expect(page).toHaveURL(/taak=purge-sessions/)
	const history = page.getByRole('table', { name: 'Geschiedenis' })
	await expect(history.getByRole('row').nth(1)).toContainText('met de hand')
	await expect(history.getByRole('row').nth(1)).toContainText('Gelukt')
	await expectAccessible(page)

	const assessor = await hooks.createStaff('assessor')
	await page.context().clearCookies()
	await hooks.signIn(page, assessor.email)
	await page.goto('/medewerkers/taken')
	await expect(page.getByRole('button', { name: /Nu uitvoeren/ })).toHaveCount(0)
})

test('staff correct a turnover report; the page stays accessible', async ({ page, hooks }) => {
	const { providerName } = await invoiceFixture(hooks, 2046, 10_000_00)
	await hooks.setClock('2047-03-10T10:00:00+01:00')
	const admin = await hooks.createStaff('admin')
	await hooks.signIn(page, admin.email)
	await page.goto('/medewerkers/facturen/omzet?jaar=2046')
	await expectAccessible(page)
	await page.getByRole('link', { name: providerName }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText(providerName)
	await page.getByLabel('Omzet in euro').fill('12345.67')
	await page.getByLabel('Reden van de correctie').fill('Jaarrekening ontvangen')
	await page.getByRole('button', { name: 'Correctie opslaan' }).click()
	await expect(page.getByRole('alert')).toContainText('Gebruik een komma voor de centen')
	await expect(page.getByLabel('Reden van de correctie')).toHaveValue('Jaarrekening ontvangen')
	await expectAccessible(page)
	await page.getByLabel('Omzet in euro').fill('12.345,67')
	await page.getByRole('button', { name: 'Correctie opslaan' }).click()
	await expect(page.getByRole('status')).toContainText('De omzet is gecorrigeerd.')
	await expect(page.getByRole('note').filter({ hasText: 'andere omzet' })).toBeVisible()
})

test('a provider downloads its own invoice; another provider gets a 404', async ({ page, hooks }) => {
	const mine = await invoiceFixture(hooks, 2048, 3_000_00)
	const other = await hooks.createProvider()
	await hooks.signIn(page, mine.email)
	const own = await page.request.get(`/aanbieder/${mine.providerId}/facturen/${mine.invoiceId}/pdf`)
	expect(own.status()).toBe(200)
	expect(own.headers()['content-type']).toBe('application/pdf')
	expect((await own.body()).subarray(0, 5).toString()).toBe('%PDF-')
	await page.context().clearCookies()
	await hooks.signIn(page, other.email)
	expect((await page.request.get(`/aanbieder/${mine.providerId}/facturen/${mine.invoiceId}/pdf`)).status()).toBe(404)
	expect((await page.request.get(`/aanbieder/${other.providerId}/facturen/${mine.invoiceId}/pdf`)).status()).toBe(404)
	expect((await page.request.get('/medewerkers/facturen')).status()).toBe(404)
})
