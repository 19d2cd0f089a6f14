import { docx } from '../fixtures/office-files.ts'
import { expect, expectAccessible, test, uniqueId } from './fixtures.ts'
import { colleaguesOnNorm1, LONG_TEXT } from './journeys/self-evaluation.ts'

// The self-evaluation's edges in Chromium: the deadline of 31 March 23:59:59 Amsterdam, enforced by
// the server's clock; colleagues editing the same answer; the page without JavaScript. The journey
// from application to certificate is provider-journey.spec.ts.

test('submission is refused from 1 April 00:00 Amsterdam, by the server clock', async ({ page, hooks }) => {
	const year = 2027
	const early = await hooks.createProvider({ name: `Praktijk Op Tijd ${uniqueId()}` })
	const late = await hooks.createProvider({ name: `Praktijk Te Laat ${uniqueId()}` })
	const { qualificationDeadline } = await hooks.post<{ qualificationDeadline: string }>(
		'fixtures/self-evaluation-complete',
		{ year, providerId: early.providerId },
	)
	await hooks.post('fixtures/self-evaluation-complete', { year, providerId: late.providerId })
	// The year's own setting; 28 March 2027 is the switch to summer time, so 31 March is +02:00.
	expect(qualificationDeadline).toBe('2027-03-31')

	await hooks.setClock('2027-03-31T23:59:59+02:00')
	await hooks.signIn(page, early.email)
	await page.goto(`/aanbieder/${early.providerId}/zelfevaluatie/${year}/controle`)
	await expect(page.getByText('vandaag is de laatste dag')).toBeVisible()
	await page.getByRole('button', { name: 'Zelfevaluatie indienen' }).click()
	await expect(page.getByText('Uw zelfevaluatie is ingediend.')).toBeVisible()

	await hooks.signIn(page, late.email)
	await page.goto(`/aanbieder/${late.providerId}/zelfevaluatie/${year}/controle`)
	await expect(page.getByText('Alles is ingevuld. U kunt de zelfevaluatie indienen.')).toBeVisible()
	// The page was loaded in time; the click arrives at 1 April 00:00:00.
	await hooks.setClock('2027-04-01T00:00:00+02:00')
	await page.getByRole('button', { name: 'Zelfevaluatie indienen' }).click()
	await expect(page.getByText(/De kwalificatieperiode is verstreken/).first()).toBeVisible()
	await expectAccessible(page)
	// Issue 13: loaded at 00:00 the page no longer says "Alles is ingevuld. U kunt … indienen." next to
	// "De termijn is verstreken": it says why, and offers no button that cannot work.
	await page.reload()
	await expect(page.getByText('De termijn is verstreken.')).toBeVisible()
	await expect(page.getByText('Alles is ingevuld. U kunt de zelfevaluatie indienen.')).toHaveCount(0)
	await expect(page.getByText('Indienen is niet (meer) mogelijk.')).toBeVisible()
	await expect(page.getByRole('button', { name: 'Zelfevaluatie indienen' })).toHaveCount(0)
	await expectAccessible(page)
	await page.goto(`/aanbieder/${late.providerId}/zelfevaluatie/${year}`)
	await expect(page.getByText('Concept: nog niet ingediend')).toBeVisible()
	await expect(page.getByText('De termijn is verstreken.')).toBeVisible()
})

test('two colleagues editing the same answer get a conflict, never an overwrite', async ({ page, hooks, browser }) => {
	const { colleague, context } = await colleaguesOnNorm1(page, hooks, browser, {
		year: 2083,
		name: `Praktijk Collega's ${uniqueId()}`,
	})

	const mine = `${LONG_TEXT} Versie van Anna.`
	const theirs = `${LONG_TEXT} Versie van Bram.`
	await page.locator('#criterium-1\\.1').getByRole('textbox').fill(mine)
	await expect(page.locator('#criterium-1\\.1').getByRole('status')).toContainText('Opgeslagen om')

	// Bram's page still has the old version: his autosave is refused and he sees Anna's text.
	const bram = colleague.locator('#criterium-1\\.1')
	await bram.getByRole('textbox').fill(theirs)
	await expect(bram.getByRole('alert')).toContainText('Een collega heeft dit antwoord intussen gewijzigd')
	await expect(bram.getByRole('alert')).toContainText('Versie van Anna.')
	await expect(bram.getByRole('textbox')).toHaveValue(theirs)
	await expectAccessible(colleague)
	await page.reload()
	await expect(page.locator('#criterium-1\\.1').getByRole('textbox')).toHaveValue(mine)

	// Bram chooses deliberately: he keeps his own version.
	await bram.getByRole('button', { name: 'Mijn versie opslaan' }).click()
	await expect(bram.getByRole('status')).toContainText('Opgeslagen om')
	await page.reload()
	await expect(page.locator('#criterium-1\\.1').getByRole('textbox')).toHaveValue(theirs)
	await context.close()
})

test('without JavaScript the page form saves and uploads', async ({ hooks, browser }) => {
	const year = 2086
	const provider = await hooks.createProvider({ name: `Praktijk Zonder Script ${uniqueId()}` })
	await hooks.post('fixtures/self-evaluation-listed', { year, providerId: provider.providerId })
	const context = await browser.newContext({ javaScriptEnabled: false })
	const page = await context.newPage()
	await hooks.signIn(page, provider.email)
	await page.goto(`/aanbieder/${provider.providerId}/zelfevaluatie/${year}/norm/1`)
	await page.locator('#criterium-1\\.1').getByRole('textbox').fill(LONG_TEXT)
	await page.getByRole('button', { name: 'Opslaan', exact: true }).click()
	await expect(page.getByText('Antwoorden opgeslagen.')).toBeVisible()
	await expect(page.locator('#criterium-1\\.1').getByRole('textbox')).toHaveValue(LONG_TEXT)
	await page
		.locator('#criterium-1\\.2')
		.getByLabel(/^Document toevoegen/)
		.setInputFiles({
			name: 'format.docx',
			mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			buffer: Buffer.from(docx()),
		})
	await page.locator('#criterium-1\\.2').getByRole('button', { name: 'Uploaden' }).click()
	await expect(page.locator('#criterium-1\\.2').getByRole('link', { name: 'format.docx' })).toBeVisible()
	// (axe needs JavaScript; the same screen is checked with it in the journeys above.)
	await context.close()
})

test('a norm page opened with a malformed hash shows the page, and a well-formed one still lands on its field', async ({
	page,
	hooks,
}) => {
	const year = 2095
	const provider = await hooks.createProvider({ name: `Praktijk Met Anker ${uniqueId()}` })
	await hooks.post('fixtures/self-evaluation-listed', { year, providerId: provider.providerId })
	await hooks.signIn(page, provider.email)
	const errors: string[] = []
	page.on('pageerror', (error) => errors.push(error.message))
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text())
	})
	const norm = `/aanbieder/${provider.providerId}/zelfevaluatie/${year}/norm/1`
	// A hand-typed or truncated escape: decodeURIComponent throws on it, and the page focused its
	// target with it in an effect, which took the whole page to its error boundary once React ran.
	await page.goto(`${norm}#%E0%A4%A`)
	// The autosave's status appears only once React runs (in the commit after the focus's effect).
	await expect(page.locator('#criterium-1\\.1 .autosave')).toHaveCount(1)
	await expect(page.locator('#error-title')).toHaveCount(0)
	// Opened afresh (not a jump within the page) with a well-formed escape, the field is focused.
	await page.goto('about:blank')
	await page.goto(`${norm}#criterium-1%2E1`)
	await expect(page.locator('#criterium-1\\.1').getByRole('textbox')).toBeFocused()
	expect(errors.filter((text) => text.includes('URI'))).toEqual([])
})
