import { readFileSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import { pdfText } from '../../fixtures/mail-smtp.ts'
import { docx } from '../../fixtures/office-files.ts'
import { expect, expectAccessible, type Hooks, uniqueId } from '../fixtures.ts'
import type { Browser, BrowserContext, Page } from '@playwright/test'

// The second half of the provider's journey in Chromium: a listed carrier fills in its
// self-evaluation (autosave, uploads, completeness), submits, revises on request (the assessor works
// in the staff screens, in a browser of their own) and downloads its certificate.

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

export const LONG_TEXT =
	'Wij bespreken dit bij de intake met iedere cliënt, leggen de afspraken vast in het dossier en evalueren ze halverwege en aan het einde van de behandeling.'

/** Fills every text, address and checkbox of the norm page and saves it through the page's form. */
async function fillNormPage(page: Page, nextLabel: RegExp) {
	for (const area of await page.locator('textarea').all()) {
		if (!(await area.inputValue())) await area.fill(LONG_TEXT)
	}
	for (const input of await page.locator('input[inputmode="url"]').all())
		await input.fill('https://www.praktijk-voorbeeld.nl/werkwijze')
	for (const box of await page.locator('input[type="checkbox"]').all()) await box.check()
	await page.getByRole('button', { name: nextLabel }).click()
	await expect(page.getByText('Antwoorden opgeslagen.')).toBeVisible()
}

/** From the dashboard of a listed carrier (signed in on `page`) to its certificate. */
export async function selfEvaluateToCertificate(
	page: Page,
	hooks: Hooks,
	browser: Browser,
	provider: { providerId: string; name: string },
	year: number,
) {
	await page.goto(`/aanbieder/${provider.providerId}`)
	await page.getByRole('link', { name: 'Zelfevaluatie', exact: true }).first().click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Zelfevaluatie ${year}`)
	await expect(page.getByText(`Indienen uiterlijk 31 maart ${year}`)).toBeVisible()
	await expect(page.getByText(/^0 van \d+ onderdelen volledig$/).first()).toBeVisible()
	await expectAccessible(page)

	// Norm 1: autosave without pressing save; a reload keeps the text.
	await page
		.getByRole('link', { name: /^Norm 1:/ })
		.first()
		.click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Norm 1')
	const criterion11 = page.locator('#criterium-1\\.1')
	await criterion11.getByRole('textbox').fill(LONG_TEXT)
	await expect(criterion11.getByRole('status')).toContainText('Opgeslagen om')
	await page.reload()
	await expect(page.locator('#criterium-1\\.1').getByRole('textbox')).toHaveValue(LONG_TEXT)
	await expectAccessible(page)

	// Text typed and not yet saved survives closing the page: the local copy is restored and saved.
	const criterion13 = page.locator('#criterium-1\\.3')
	await page.evaluate(() => {
		// Stand in for a browser closed before the debounce fired: no request leaves the page.
		window.fetch = () => new Promise(() => undefined)
	})
	await criterion13.getByRole('textbox').fill(`${LONG_TEXT} (nog niet opgeslagen)`)
	await expect(criterion13.getByRole('status')).toContainText(/Niet opgeslagen|Bezig met opslaan/)
	await page.reload()
	await expect(page.locator('#criterium-1\\.3').getByRole('textbox')).toHaveValue(`${LONG_TEXT} (nog niet opgeslagen)`)
	await expect(page.locator('#criterium-1\\.3').getByRole('status')).toContainText('Opgeslagen om')
	await page.reload()
	await expect(page.locator('#criterium-1\\.3').getByRole('textbox')).toHaveValue(`${LONG_TEXT} (nog niet opgeslagen)`)

	// Uploads: a real PDF and a real DOCX, shown with name and size.
	const criterion12 = page.locator('#criterium-1\\.2')
	await criterion12.getByLabel(/^Document toevoegen/).setInputFiles({
		name: 'behandelplan.pdf',
		mimeType: 'application/pdf',
		buffer: await realPdf('Leeg format behandelplan'),
	})
	await criterion12.getByRole('button', { name: 'Uploaden' }).click()
	// With JavaScript the file goes by XHR (progress bar); the list follows and the input is cleared.
	await expect(criterion12.getByRole('status').filter({ hasText: 'Document geüpload.' })).toBeVisible()
	await expect(criterion12.getByRole('link', { name: 'behandelplan.pdf' })).toBeVisible()
	await expect(criterion12.getByLabel(/^Document toevoegen/)).toHaveValue('')
	await page
		.locator('#criterium-1\\.2')
		.getByLabel(/^Document toevoegen/)
		.setInputFiles({
			name: 'intakeverslag.docx',
			mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			buffer: Buffer.from(docx('Leeg intakeverslag')),
		})
	await page.locator('#criterium-1\\.2').getByRole('button', { name: 'Uploaden' }).click()
	await expect(page.locator('#criterium-1\\.2').getByRole('link', { name: 'intakeverslag.docx' })).toBeVisible()
	await expect(page.locator('#criterium-1\\.2').getByRole('link', { name: 'behandelplan.pdf' })).toBeVisible()
	await expect(
		page
			.locator('#criterium-1\\.2')
			.getByText(/kB, geüpload op/)
			.first(),
	).toBeVisible()
	// A wrong type is refused with a Dutch message next to the field.
	await page
		.locator('#criterium-1\\.2')
		.getByLabel(/^Document toevoegen/)
		.setInputFiles({
			name: 'plaatje.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
		})
	await page.locator('#criterium-1\\.2').getByRole('button', { name: 'Uploaden' }).click()
	await expect(page.getByText('Dit bestandstype is niet toegestaan.').first()).toBeVisible()
	// Too large: the browser warns before sending 20 MB (the server refuses it as well).
	const big = Buffer.alloc(20 * 1024 * 1024 + 1)
	big.write('%PDF-1.4\n')
	await page
		.locator('#criterium-1\\.2')
		.getByLabel(/^Document toevoegen/)
		.setInputFiles({ name: 'groot.pdf', mimeType: 'application/pdf', buffer: big })
	await page.locator('#criterium-1\\.2').getByRole('button', { name: 'Uploaden' }).click()
	await expect(page.getByText('Het bestand is groter dan 20 MB.').first()).toBeVisible()
	await expect(page.locator('#criterium-1\\.2').getByRole('link', { name: /\.pdf$|\.docx$/ })).toHaveCount(2)

	// The completeness list before everything is filled in.
	await page.goto(`/aanbieder/${provider.providerId}/zelfevaluatie/${year}/controle`)
	await expect(page.getByRole('heading', { name: /Nog niet volledig/ })).toBeVisible()
	// One line per criterion (issue 13), linking to the field itself.
	const addressLine = page.getByRole('link', { name: /^Norm 3, criterium 3\.1: .*vul het adres van de webpagina in/ })
	await expect(addressLine).toBeVisible()
	// The button is not disabled: it says why submitting cannot work yet.
	const submitButton = page.getByRole('button', { name: 'Zelfevaluatie indienen' })
	await expect(submitButton).toBeEnabled()
	await expect(submitButton).toHaveAccessibleDescription(/U kunt indienen zodra alles is ingevuld/)
	await expectAccessible(page)
	await addressLine.click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Norm 3')
	await expect(page.locator('#criterium-3\\.1').getByRole('textbox', { name: /Adres/ })).toBeFocused()
	await expect(page.locator('#criterium-3\\.1').getByRole('textbox', { name: /Adres/ })).toHaveAttribute(
		'aria-invalid',
		'true',
	)

	// Fill in every norm through the page's form.
	for (const code of ['1', '2', '3', '4', '5']) {
		await page.goto(`/aanbieder/${provider.providerId}/zelfevaluatie/${year}/norm/${code}`)
		await fillNormPage(page, new RegExp(`^Opslaan en naar norm ${Number(code) + 1}$`))
	}
	await page.goto(`/aanbieder/${provider.providerId}/zelfevaluatie/${year}/norm/6`)
	await fillNormPage(page, /^Opslaan en controleren$/)
	await expect(page.getByText('Alles is ingevuld. U kunt de zelfevaluatie indienen.')).toBeVisible()
	await page.getByRole('button', { name: 'Zelfevaluatie indienen' }).click()
	await expect(page.getByText('Uw zelfevaluatie is ingediend.')).toBeVisible()
	await expect(page.getByText(/Ingediend op .*wacht op beoordeling/)).toBeVisible()
	await expectAccessible(page)

	// Staff ask for a revision of 1.1 (the staff assessment screen, as an assessor).
	const participationId = await participationIdOf(hooks, provider.providerId, year)
	const staffContext = await browser.newContext()
	const staff = await staffContext.newPage()
	const assessor = await hooks.createStaff('assessor')
	await hooks.signIn(staff, assessor.email)
	await staff.goto(`/medewerkers/deelnames/${participationId}/beoordeling/1`)
	await assessRound(staff, '1.1')
	// Issue 12 §5: the decision is confirmed after its preview.
	await staff.getByRole('link', { name: 'Bekijk de gevolgen en bevestig' }).click()
	await expect(staff.getByTestId('effect-facts')).toBeVisible()
	await staff.getByRole('button', { name: 'Bevestigen: aanpassing gevraagd' }).click()
	await expect(staff.getByText('Besluit: aanpassing gevraagd.')).toBeVisible()

	// The provider sees the feedback and the due date, and starts the revised round.
	await page.goto(`/aanbieder/${provider.providerId}/zelfevaluatie/${year}`)
	await expect(page.getByRole('heading', { name: 'Aanpassing gevraagd' })).toBeVisible()
	await expect(page.getByText('Beschrijf concreet hoe u de wachttijd benut.')).toBeVisible()
	await expect(page.getByText(/Dien de aangepaste zelfevaluatie uiterlijk .* in\./)).toBeVisible()
	await expectAccessible(page)
	await page.getByRole('link', { name: 'Aangepaste zelfevaluatie starten' }).click()
	const revised = page.locator('#criterium-1\\.1')
	await expect(revised.getByText('Onvoldoende beoordeeld: pas dit aan')).toBeVisible()
	await expect(revised.getByText('Beschrijf concreet hoe u de wachttijd benut.')).toBeVisible()
	await expect(revised.getByRole('textbox')).toHaveValue(LONG_TEXT) // a copy of round 1
	await expectAccessible(page)
	await revised
		.getByRole('textbox')
		.fill(`${LONG_TEXT} Tijdens de wachttijd bieden wij psycho-educatie en een online module aan.`)
	await expect(revised.getByRole('status')).toContainText('Opgeslagen om')
	await page.goto(`/aanbieder/${provider.providerId}/zelfevaluatie/${year}/controle`)
	await page.getByRole('button', { name: 'Aangepaste zelfevaluatie indienen' }).click()
	await expect(page.getByText('Uw zelfevaluatie is ingediend.')).toBeVisible()

	// Round 1 stays readable and frozen, with its feedback.
	await page.getByRole('link', { name: 'Ronde 1 bekijken' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ronde 1 van ${year}`)
	await expect(page.getByText('Onvoldoende: Beschrijf concreet hoe u de wachttijd benut.')).toBeVisible()
	await expect(page.getByText('psycho-educatie')).toHaveCount(0)
	await expect(page.getByRole('textbox')).toHaveCount(0)
	await expectAccessible(page)

	// Staff qualify round 2.
	await staff.goto(`/medewerkers/deelnames/${participationId}/beoordeling/2`)
	await assessRound(staff, null)
	// Issue 12 §5: the decision is confirmed after its preview.
	await staff.getByRole('link', { name: 'Bekijk de gevolgen en bevestig' }).click()
	await expect(staff.getByTestId('effect-facts')).toBeVisible()
	await staff.getByRole('button', { name: 'Bevestigen: gekwalificeerd' }).click()
	await expect(staff.getByText('Besluit: gekwalificeerd.')).toBeVisible()
	await staffContext.close()

	// The provider downloads the certificate.
	await page.goto(`/aanbieder/${provider.providerId}/zelfevaluatie/${year}`)
	await expect(page.getByRole('heading', { name: 'Gekwalificeerd' })).toBeVisible()
	await expectAccessible(page)
	const downloading = page.waitForEvent('download')
	await page.getByRole('link', { name: 'Certificaat downloaden (PDF)' }).click()
	const download = await downloading
	const text = pdfText(readFileSync((await download.path()) as string))
	expect(text).toMatch(new RegExp(`KBG-${year}-\\d{4}`))
	expect(text).toContain(provider.name)
	expect(text).toContain(String(year))
	expect(text).toContain(`31 december ${year}`)
	expect(text).toContain('/verifieer/KBG-')
}

async function participationIdOf(hooks: Hooks, providerId: string, year: number) {
	const { participationId } = await hooks.post<{ participationId: string }>('fixtures/self-evaluation-participation', {
		providerId,
		year,
	})
	return participationId
}

// The assessment form (issue 12): the exception, "alle overige voldoende", one save.
async function assessRound(page: Page, insufficient: string | null) {
	if (insufficient) {
		await page
			.getByRole('group', { name: `Oordeel over ${insufficient}` })
			.getByLabel('Onvoldoende')
			.check()
		await page
			.getByRole('textbox', { name: `Feedback bij ${insufficient}` })
			.fill('Beschrijf concreet hoe u de wachttijd benut.')
	}
	await page.getByRole('button', { name: 'Alle overige voldoende' }).click()
	await page.getByRole('button', { name: 'Beoordeling opslaan' }).first().click()
	await expect(page.getByRole('status').filter({ hasText: 'Beoordeling opgeslagen.' })).toBeVisible()
}

/**
 * Two members of one listed carrier of `year` in two browsers, both signed in on norm 1 of its
 * self-evaluation: the set-up of every "colleagues editing the same answer" test. `page` is Anna
 * (the provider's own account), `colleague` Bram in a context of his own; close `context` after.
 */
export async function colleaguesOnNorm1(
	page: Page,
	hooks: Hooks,
	browser: Browser,
	options: { year: number; name: string },
): Promise<{ colleague: Page; context: BrowserContext; url: string }> {
	const provider = await hooks.createProvider({ name: options.name })
	await hooks.post('fixtures/self-evaluation-listed', { year: options.year, providerId: provider.providerId })
	const colleagueEmail = `collega-${uniqueId()}@praktijk.test`
	await hooks.post('fixtures/self-evaluation-colleague', { providerId: provider.providerId, email: colleagueEmail })
	const context = await browser.newContext()
	const colleague = await context.newPage()
	await hooks.signIn(page, provider.email)
	await hooks.signIn(colleague, colleagueEmail)
	const url = `/aanbieder/${provider.providerId}/zelfevaluatie/${options.year}/norm/1`
	await page.goto(url)
	await colleague.goto(url)
	return { colleague, context, url }
}
