import { expect, expectAccessible, test, uniqueId } from './fixtures.ts'
import { colleaguesOnNorm1, LONG_TEXT } from './journeys/self-evaluation.ts'

// A colleague's real conflict on the norm page's own form ("Opslaan en naar norm 2"), not only in
// the autosave (self-evaluation.spec.ts): two members of one provider, two browsers, the same
// answer. The second person's page-form post is refused with 409; the page says so in Dutch, shows
// what the colleague saved and keeps what was typed — also after the page's data is reloaded in
// the background (an autosave of another answer revalidates the loaders, which drops actionData).

test('a colleague’s conflict on the page form is shown and stays shown; nothing typed is lost', async ({
	page,
	hooks,
	browser,
}) => {
	const { colleague, context, url } = await colleaguesOnNorm1(page, hooks, browser, {
		year: 2049,
		name: `Praktijk Paginaformulier ${uniqueId()}`,
	})

	// Anna saves first.
	const annas = `${LONG_TEXT} Versie van Anna.`
	await page.locator('#criterium-1\\.1').getByRole('textbox').fill(annas)
	await expect(page.locator('#criterium-1\\.1').getByRole('status')).toContainText('Opgeslagen om')

	// Bram's page still holds the old version. He types and goes on with the page's own button.
	const brams = `${LONG_TEXT} Versie van Bram.`
	const bram = colleague.locator('#criterium-1\\.1')
	await bram.getByRole('textbox').fill(brams)
	const pagePost = colleague.waitForResponse(
		(response) => response.request().method() === 'POST' && response.url().includes('/norm/1'),
	)
	await colleague.getByRole('button', { name: 'Opslaan en naar norm 2' }).click()
	expect((await pagePost).status()).toBe(409)

	const summary = colleague.getByText(
		'Niet alles is opgeslagen: een collega heeft intussen 1 antwoord gewijzigd. Uw tekst staat nog in het formulier.',
	)
	const onPage = bram.getByText('Een collega heeft dit antwoord intussen gewijzigd. Hierboven staat uw tekst')
	await expect(colleague).toHaveURL(new RegExp(`${url}$`))
	await expect(summary).toBeVisible()
	await expect(onPage).toBeVisible()
	await expect(bram.locator('.conflict__theirs').last()).toContainText('Versie van Anna.')
	await expect(bram.getByRole('textbox')).toHaveValue(brams)
	await expectAccessible(colleague)

	// Bram goes on with another answer of the page; its autosave reloads the page's data when he
	// leaves it. The conflict he has not resolved must not vanish with that reload.
	const other = colleague.locator('textarea').nth(1)
	await other.fill(`${LONG_TEXT} Een ander antwoord.`)
	const reload = colleague.waitForResponse(
		(response) => response.request().method() === 'GET' && response.url().includes('.data'),
	)
	await expect(other.locator('xpath=ancestor::fieldset[1]').getByRole('status')).toContainText('Opgeslagen om')
	await colleague.locator('h1').click()
	await reload
	await expect(summary).toBeVisible()
	await expect(onPage).toBeVisible()
	await expect(bram.locator('.conflict__theirs').last()).toContainText('Versie van Anna.')
	await expect(bram.getByRole('textbox')).toHaveValue(brams)

	// Nothing of Anna's was overwritten.
	await page.reload()
	await expect(page.locator('#criterium-1\\.1').getByRole('textbox')).toHaveValue(annas)

	// Bram decides: he keeps his version. Once it is stored, the page no longer calls it a conflict.
	await bram.getByRole('button', { name: 'Mijn versie opslaan' }).click()
	await expect(bram.getByRole('status')).toContainText('Opgeslagen om')
	await expect(summary).toHaveCount(0)
	await expect(onPage).toHaveCount(0)
	await page.reload()
	await expect(page.locator('#criterium-1\\.1').getByRole('textbox')).toHaveValue(brams)
	await context.close()
})
