import { expect, expectAccessible, password, test } from './fixtures.ts'

test('the Dutch home page is served and accessible, and switches to English', async ({ page }) => {
	await page.goto('/')
	// The name in force for the running year (issue 16): Keurmerk Basis GGZ, from 2023 Keurmerk
	// Kortdurende Generalistische GGZ.
	const markName = /^Keurmerk (Basis GGZ|Kortdurende Generalistische GGZ)$/
	await expect(page).toHaveTitle(/Keurmerk (Basis GGZ|Kortdurende Generalistische GGZ)/)
	await expect(page.getByRole('heading', { level: 1, name: markName })).toBeVisible()
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
	await expectAccessible(page)
	await page.getByRole('button', { name: 'English' }).click()
	await expect(page.locator('html')).toHaveAttribute('lang', 'en')
	await expect(page.getByRole('group', { name: 'Account' }).getByRole('link', { name: 'Log in' })).toBeVisible()
	await page.getByRole('button', { name: 'Nederlands' }).click()
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
})

test('an unknown page gives a Dutch 404 inside the portal frame', async ({ page }) => {
	const response = await page.goto('/bestaat-niet')
	expect(response?.status()).toBe(404)
	await expect(page.getByRole('heading', { name: 'Pagina niet gevonden' })).toBeVisible()
	await expect(page.getByRole('link', { name: 'Naar de startpagina' })).toBeVisible()
})

test('login through the form: errors in Dutch, then the staff overview', async ({ page, hooks }) => {
	const admin = await hooks.createStaff('admin')
	await page.goto('/inloggen')
	await expectAccessible(page)
	await page.getByRole('button', { name: 'Inloggen' }).click()
	await expect(page.getByRole('alert')).toContainText('Vul uw e-mailadres in.')
	await page.getByLabel('E-mailadres').fill(admin.email)
	await page.getByLabel('Wachtwoord', { exact: true }).fill('helemaal-verkeerd')
	await page.getByRole('button', { name: 'Inloggen' }).click()
	await expect(page.getByRole('alert')).toContainText('Het e-mailadres of wachtwoord klopt niet.')
	await page.getByLabel('Wachtwoord', { exact: true }).fill(password)
	await page.getByRole('button', { name: 'Inloggen' }).click()
	await expect(page).toHaveURL(/\/medewerkers$/)
	await expect(page.getByRole('status')).toHaveText('U bent ingelogd.')
	await expect(page.getByText('Beheerder KiBG')).toBeVisible()
	await page.getByRole('button', { name: 'Uitloggen' }).click()
	await expect(page.getByRole('status')).toHaveText('U bent uitgelogd.')
	await page.goto('/medewerkers')
	await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Fmedewerkers/)
})

test('each role lands on its own home page', async ({ page, hooks }) => {
	const assessor = await hooks.createStaff('assessor')
	await hooks.signIn(page, assessor.email)
	await page.goto('/inloggen')
	await expect(page).toHaveURL(/\/medewerkers$/)
	await expect(page.getByText('Beoordelaar KiBG')).toBeVisible()
	await page.context().clearCookies()

	const provider = await hooks.createProvider({ canSign: false })
	await hooks.signIn(page, provider.email)
	await page.goto('/inloggen')
	await expect(page).toHaveURL(new RegExp(`/aanbieder/${provider.providerId}$`))
	await expect(page.getByRole('heading', { level: 1, name: provider.name })).toBeVisible()
	await expect(page.getByText('Medewerker', { exact: true })).toBeVisible()
	await expectAccessible(page)
})

test('a provider member gets 404 on another provider and on staff pages', async ({ page, hooks }) => {
	const mine = await hooks.createProvider()
	const theirs = await hooks.createProvider()
	await hooks.signIn(page, mine.email)
	expect((await page.goto(`/aanbieder/${theirs.providerId}`))?.status()).toBe(404)
	expect((await page.goto('/medewerkers'))?.status()).toBe(404)
	expect((await page.goto(`/aanbieder/${mine.providerId}`))?.status()).toBe(200)
})
