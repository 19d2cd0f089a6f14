import { expect, expectAccessible, test, uniqueId } from './fixtures.ts'

// An existing carrier's year in Chromium (a new provider's journey is provider-journey.spec.ts).

test('a carrier sees next year’s agreement, reports turnover, keeps its details and invites a colleague', async ({
	page,
	hooks,
}) => {
	const next = 2094 // years 2092–2094 belong to this test alone (years are shared by the whole e2e run)
	const { email, providerId, name } = await hooks.createProvider({ name: `Praktijk Drager ${uniqueId()}` })
	await hooks.post('fixtures/mark-year', { year: next })
	await hooks.post('fixtures/provider-carrier', { providerId, qualifiedYears: [next - 2, next - 1] })
	// May of next-1: current carriers are offered next year's agreement (003 §3.1).
	await hooks.setClock(`${next - 1}-05-02T09:00:00+02:00`)
	await hooks.post('fixtures/provider-run-job', { name: 'offer-agreements' })
	await hooks.signIn(page, email)

	await page.goto(`/aanbieder/${providerId}`)
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
	await expect(page.getByRole('link', { name: `Onderteken de overeenkomst ${next}` })).toBeVisible()
	await expect(page.getByRole('link', { name: `Geef de omzet over ${next - 2} op` })).toBeVisible()
	await expect(page.getByRole('heading', { name: `Keurmerkjaar ${next - 1}` })).toBeVisible()
	await expectAccessible(page)

	await page.getByRole('link', { name: `Onderteken de overeenkomst ${next}` }).click()
	await expect(page.getByRole('heading', { level: 1, name: `Overeenkomst ${next}` })).toBeVisible()
	await expect(page.getByRole('button', { name: 'Overeenkomst ondertekenen' })).toBeVisible()
	await expect(page.getByRole('link', { name: `Overeenkomst ${next - 1}` })).toBeVisible()
	await expectAccessible(page)

	await page.goto(`/aanbieder/${providerId}/omzet`)
	await expect(page.getByRole('heading', { level: 1, name: 'Omzet en afdracht' })).toBeVisible()
	const amount = page.getByLabel(`Omzet monodisciplinaire GGZ ${next - 2} in euro`)
	await amount.fill('54010.00')
	await page.getByRole('button', { name: 'Omzet opgeven' }).click()
	await expect(page.getByRole('alert')).toContainText('Gebruik een komma voor de centen')
	await expect(amount).toHaveValue('54010.00')
	await expectAccessible(page)
	await amount.fill('54.010,00')
	await page.getByRole('button', { name: 'Omzet opgeven' }).click()
	await expect(page.getByRole('status')).toHaveText('De omzet is opgeslagen.')
	const year = page.getByRole('region', { name: `Keurmerkjaar ${next - 2}` })
	await expect(year).toContainText('€ 54.010,00')
	await expect(year).toContainText('€ 918,17') // 54 010,00 × 1,70 %
	await expectAccessible(page)

	// Once a year or less: behind "Meer" in the menu (test/e2e/provider-menu.spec.ts); its summary
	// also names the current page when that is one of them ("Meer: Omzet en facturen").
	const menu = page.getByRole('navigation', { name: 'Hoofdmenu' })
	await menu.locator('.main-nav__more summary').click()
	await menu.getByRole('link', { name: 'Organisatiegegevens' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Gegevens van de organisatie' })).toBeVisible()
	await page.getByLabel('Telefoonnummer').fill('030 765 4321')
	await page.getByLabel('Postcode').fill('35 11')
	await page.getByRole('button', { name: 'Opslaan' }).click()
	await expect(page.getByRole('alert')).toContainText('Vul een postcode in zoals 1234 AB.')
	await expect(page.getByLabel('Telefoonnummer')).toHaveValue('030 765 4321')
	await page.getByLabel('Postcode').fill('3511 ab')
	await page
		.getByRole('group', { name: /echelon GBGGZ Chronisch/ })
		.getByLabel('Ja', { exact: true })
		.check()
	await page.getByRole('button', { name: 'Opslaan' }).click()
	await expect(page.getByRole('status')).toHaveText('De gegevens zijn opgeslagen.')
	await expect(page.getByLabel('Postcode')).toHaveValue('3511 AB')
	await expectAccessible(page)

	await menu.locator('.main-nav__more summary').click()
	await menu.getByRole('link', { name: 'Team', exact: true }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible()
	const colleague = `bram-${uniqueId()}@praktijk.test`
	await page.getByLabel('Naam', { exact: true }).fill('Bram Collega')
	await page.getByLabel('E-mailadres', { exact: true }).fill(colleague)
	await page.getByRole('button', { name: 'Uitnodiging versturen' }).click()
	await expect(page.getByRole('status')).toHaveText(`Uitnodiging verstuurd naar ${colleague}.`)
	await expect(page.getByRole('row', { name: /Bram Collega/ })).toContainText('Uitgenodigd')
	await page.getByRole('button', { name: 'Bram Collega tekenbevoegd maken' }).click()
	await expect(page.getByRole('row', { name: /Bram Collega/ })).toContainText('Tekenbevoegd')
	await expectAccessible(page)
	const mails = await hooks.get<{ template: string }[]>(`outbox?to=${encodeURIComponent(colleague)}`)
	expect(mails.map((mail) => mail.template)).toEqual(['invitation'])
})
