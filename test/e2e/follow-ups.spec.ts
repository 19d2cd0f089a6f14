import { expect, expectAccessible, password, test, uniqueId, uniqueKvk } from './fixtures.ts'

// Issue 16 item 9: a promised later delivery (2018 norm 1 NB, the CQ scale score) in Chromium.
// The provider sees it with its due date and delivers it; the office sees it, flagged while
// overdue, and accepts the delivery. Axe on both screens.
test('the provider delivers a promised score and the office accepts it', async ({ page, hooks }) => {
	const year = 2046
	const email = `toezegging-${uniqueId()}@praktijk.test`
	const providerName = `Praktijk Toezegging ${uniqueId()}`
	const { providerId } = await hooks.post<{ providerId: string }>('fixtures/follow-up', {
		year,
		providerName,
		kvkNumber: uniqueKvk(),
		member: { email, password },
	})
	// After the due day: overdue.
	await hooks.setClock(`${year}-09-03T10:00:00+02:00`)
	const admin = await hooks.createStaff('admin')
	await hooks.signIn(page, admin.email)
	await page.goto(`/medewerkers/toezeggingen?jaar=${year}`)
	const row = page.getByRole('row').filter({ hasText: providerName })
	await expect(row).toContainText('Te laat')
	await expectAccessible(page)

	await hooks.signIn(page, email)
	await page.goto(`/aanbieder/${providerId}/toezeggingen`)
	await expect(page.getByRole('heading', { name: `Criterium 1.3 (${year})` })).toBeVisible()
	await expect(page.getByText('31 augustus')).toBeVisible()
	await page.getByLabel('Waarde').fill('drie')
	await page.getByRole('button', { name: 'Aanleveren' }).click()
	await expect(page.getByText('Vul een getal in, bijvoorbeeld 3,42.').first()).toBeVisible()
	await page.getByLabel('Waarde').fill('3,42')
	await page.getByRole('button', { name: 'Aanleveren' }).click()
	await expect(page.getByText('Aangeleverd, wordt beoordeeld')).toBeVisible()
	await expectAccessible(page)

	await hooks.signIn(page, admin.email)
	await page.goto(`/medewerkers/toezeggingen?jaar=${year}`)
	await row.getByRole('button', { name: 'Accepteren' }).click()
	await expect(page.getByRole('row').filter({ hasText: providerName })).toContainText('Geaccepteerd')
})
