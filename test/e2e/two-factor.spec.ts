// Two-factor sign-in in Chromium: a provider member sets it up from the account page (key read
// from the page, the code computed as an authenticator app would), keeps the recovery codes, and
// logs in again with the password and then a recovery code, and with a code from the app.
import { generateTOTP } from '@epic-web/totp'
import { expect, expectAccessible, password, test } from './fixtures.ts'

const appCode = async (secret: string) =>
	(await generateTOTP({ secret, period: 30, digits: 6, algorithm: 'SHA-1' })).otp

test('a member sets up two-step verification and logs in with a recovery code and an app code', async ({
	page,
	hooks,
}) => {
	test.setTimeout(120_000)
	const member = await hooks.createProvider()
	await hooks.signIn(page, member.email)
	await page.goto('/account')
	await page.getByRole('link', { name: 'Tweestapsverificatie beheren' }).click()
	await page.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click()
	await expect(page.getByRole('img', { name: 'QR-code met de sleutel voor uw authenticator-app' })).toBeVisible()
	await expectAccessible(page)
	const secret = (await page.getByTestId('totp-key').textContent())?.trim() ?? ''
	await page.getByLabel('Code uit de app').fill('000000')
	await page.getByRole('button', { name: 'Inschakelen' }).click()
	await expect(page.getByText('Deze code klopt niet of is al gebruikt').first()).toBeVisible()
	await page.getByLabel('Code uit de app').fill(await appCode(secret))
	await page.getByRole('button', { name: 'Inschakelen' }).click()
	await expect(page.getByRole('heading', { name: 'Uw herstelcodes' })).toBeVisible()
	const codes = await page.getByRole('list', { name: 'Uw herstelcodes' }).locator('code').allTextContents()
	expect(codes).toHaveLength(10)

	// Log out; the password alone is not enough any more.
	await page.context().clearCookies()
	await page.goto('/inloggen')
	await page.getByLabel('E-mailadres').fill(member.email)
	await page.getByLabel('Wachtwoord').fill(password)
	await page.getByRole('button', { name: 'Inloggen' }).click()
	await expect(page.getByRole('heading', { name: 'Tweestapsverificatie' })).toBeVisible()
	await expectAccessible(page)
	await page.getByLabel('Code uit de app of herstelcode').fill(codes[0] as string)
	await page.getByRole('button', { name: 'Bevestigen' }).click()
	await expect(page).toHaveURL(new RegExp(`/aanbieder/${member.providerId}`))

	// And with a code from the app, once the step used at set-up has passed.
	await page.context().clearCookies()
	await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500)
	await page.goto('/inloggen')
	await page.getByLabel('E-mailadres').fill(member.email)
	await page.getByLabel('Wachtwoord').fill(password)
	await page.getByRole('button', { name: 'Inloggen' }).click()
	await page.getByLabel('Code uit de app of herstelcode').fill(await appCode(secret))
	await page.getByRole('button', { name: 'Bevestigen' }).click()
	await expect(page).toHaveURL(new RegExp(`/aanbieder/${member.providerId}`))
})
