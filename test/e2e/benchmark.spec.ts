import { readFileSync } from 'node:fs'
import { pdfText } from '../fixtures/mail-smtp.ts'
import { attemptYear, expect, expectAccessible, test, uniqueId } from './fixtures.ts'

// The spiegelrapportage in Chromium: a carrier delivers its indicators (a file with errors is
// refused with every error shown, the form saves itself), sees its position with charts (also
// without JavaScript), downloads the PDF; staff see the delivery progress and the field.

const values: [string, string][] = [
	['Cliënten met een afgesloten behandeling in het jaar', '180'],
	['Gemiddelde behandelduur per afgesloten behandeling', '690'],
	['Aandeel behandelingen afgesloten binnen 800 minuten', '74,5'],
	['Aandeel cliënten met een ROM-voor- en nameting', '71'],
	['Weken van aanmelding tot start van de behandeling', '3,5'],
	['Cliëntervaringsscore', '8,3'],
	['Aandeel behandelingen van ten hoogste twee gesprekken', '9,5'],
]

test('a carrier delivers, reads its report with charts and downloads the PDF; staff see the progress', async ({
	page,
	hooks,
	browser,
}, testInfo) => {
	// Years no other spec uses: the staff page counts the year's carriers.
	const year = attemptYear(testInfo, [2084, 2085])
	const provider = await hooks.createProvider({ name: `Praktijk Spiegel ${uniqueId()}` })
	await hooks.post('fixtures/benchmark-carrier', { year, providerId: provider.providerId, field: 12 })
	await hooks.signIn(page, provider.email)

	await page.goto(`/aanbieder/${provider.providerId}`)
	await page.getByRole('link', { name: 'Spiegelrapportage' }).first().click()
	await expect(page.getByRole('heading', { name: 'Spiegelrapportage', level: 1 })).toBeVisible()
	await expectAccessible(page)
	await page.getByRole('link', { name: `Indicatoren ${year} aanleveren` }).click()
	await expect(page.getByRole('heading', { name: `Indicatoren ${year} aanleveren` })).toBeVisible()
	await expect(page.getByText('Nog in te vullen: 7.')).toBeVisible()
	await expectAccessible(page)

	// A file with errors: every error with its row and column, nothing stored.
	await page.getByLabel('Bestand met indicatoren').setInputFiles({
		name: 'indicatoren.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('code;waarde\nfinished-clients;veel\nonbekend;3\n'),
	})
	await page.getByRole('button', { name: 'Bestand opladen' }).click()
	await expect(page.getByRole('heading', { name: /Het bestand bevat \d+ fout/ })).toBeVisible()
	await expect(
		page.getByText('Rij 2, kolom B: Cliënten met een afgesloten behandeling in het jaar: Vul een getal in'),
	).toBeVisible()
	await expect(page.getByText('Rij 3, kolom A: Onbekende indicator "onbekend".')).toBeVisible()
	await expect(page.getByText('Er is niets opgeslagen.')).toBeVisible()
	await expectAccessible(page)

	// The form saves itself while typing.
	for (const [label, value] of values) await page.getByLabel(label).fill(value)
	await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen om' }).first()).toBeVisible()
	await page.getByRole('button', { name: 'Indienen' }).click()

	// The report: the reading in words, a chart per indicator, the numbers as tables.
	await expect(page.getByRole('heading', { name: `Spiegelrapportage ${year}`, level: 1 })).toBeVisible()
	await expect(page.getByText('Uw aanlevering is ingediend.')).toBeVisible()
	await expect(
		page
			.getByRole('paragraph')
			.filter({ hasText: /Uw gemiddelde behandelduur per afgesloten behandeling ligt (in het|precies op)/ }),
	).toBeVisible()
	await expect(page.getByText('Uw waarde: 690 minuten')).toBeVisible()
	await expect(page.locator('svg[role="img"]')).toHaveCount(7)
	await expect(page.getByRole('img', { name: 'Verdeling van Cliëntervaringsscore' })).toBeVisible()
	await expectAccessible(page)

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download als PDF' }).click(),
	])
	expect(download.suggestedFilename()).toBe(`spiegelrapportage-${year}.pdf`)
	const text = pdfText(readFileSync((await download.path())!)).replace(/\s+/g, ' ')
	expect(text).toContain(`Spiegelrapportage ${year}`)
	expect(text).toContain('Uw waarde: 690 minuten')

	// Without JavaScript the page is the same: the charts are rendered on the server.
	const noScript = await browser.newContext({ javaScriptEnabled: false })
	const plain = await noScript.newPage()
	await hooks.signIn(plain, provider.email)
	await plain.goto(`/aanbieder/${provider.providerId}/spiegelrapportage/${year}`)
	await expect(plain.locator('svg[role="img"]')).toHaveCount(7)
	await noScript.close()

	// Staff: the progress of the year, the field, the indicator list.
	const admin = await hooks.createStaff('admin')
	await hooks.signIn(page, admin.email)
	await page.goto('/medewerkers')
	// The admin menu keeps its less frequent items behind "Meer" (issue 12 §8).
	await page.getByRole('navigation').getByText('Meer', { exact: true }).click()
	await page.getByRole('navigation').getByRole('link', { name: 'Spiegelrapportage' }).click()
	await expect(page.getByRole('heading', { name: 'Spiegelrapportage', level: 1 })).toBeVisible()
	await page.getByLabel('Jaar', { exact: true }).selectOption(String(year))
	await page.getByRole('button', { name: 'Tonen' }).click()
	await expect(
		page.getByText('13 van de 13 keurmerkdragers hebben ingediend; 0 zijn begonnen, 0 nog niet.'),
	).toBeVisible()
	await expect(page.getByRole('heading', { name: 'Verdeling in het veld' })).toBeVisible()
	await expect(page.getByRole('link', { name: 'Cijfers van het veld downloaden (CSV)' })).toBeVisible()
	await expectAccessible(page)
	await page.getByRole('link', { name: `Indicatoren ${year}` }).click()
	await expect(page.getByText('Gepubliceerd: keurmerkdragers kunnen deze indicatoren aanleveren.')).toBeVisible()
	await expectAccessible(page)
})
