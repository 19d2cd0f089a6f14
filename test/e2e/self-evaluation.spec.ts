import { readFileSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import { docx } from '../fixtures/office-files.ts'
import { pdfText } from '../fixtures/mail-smtp.ts'
import { expect, expectAccessible, test, uniqueId } from './fixtures.ts'
import type { Page } from '@playwright/test'

// Issue 4 journeys in Chromium: a listed carrier fills in its self-evaluation (autosave, uploads,
// completeness), submits, revises on request and downloads its certificate; and the deadline of
// 31 March 23:59:59 Amsterdam, enforced by the server's clock.

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

const LONG_TEXT =
	'Wij bespreken dit bij de intake met iedere cliënt, leggen de afspraken vast in het dossier en evalueren ze halverwege en aan het einde van de behandeling.'

/** Fills every text, address and checkbox of the norm page and saves it through the page's form. */
async function fillNormPage(page: Page, nextLabel: RegExp) {
	for (const area of await page.locator('textarea').all()) {
		if (!(await area.inputValue())) await area.fill(LONG_TEXT)
	}
	for (const input of await page.locator('input[inputmode="url"]').all()) await input.fill('https://www.praktijk-voorbeeld.nl/werkwijze')
	for (const box of await page.locator('input[type="checkbox"]').all()) await box.check()
	await page.getByRole('button', { name: nextLabel }).click()
	await expect(page.getByText('Antwoorden opgeslagen.')).toBeVisible()
}

test('a carrier fills in, autosaves, uploads, submits, revises and downloads its certificate', async ({ page, hooks, browser }) => {
	test.setTimeout(480_000) // a long journey; the shared machine is sometimes slow
	const year = 2082
	const provider = await hooks.createProvider({ name: `Praktijk Zelfevaluatie ${uniqueId()}` })
	await hooks.post('fixtures/self-evaluation-listed', { year, providerId: provider.providerId })
	await hooks.signIn(page, provider.email)

	await page.goto(`/aanbieder/${provider.providerId}`)
	await page.getByRole('link', { name: 'Zelfevaluatie', exact: true }).first().click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Zelfevaluatie ${year}`)
	await expect(page.getByText(`Indienen uiterlijk 31 maart ${year}`)).toBeVisible()
	await expect(page.getByText(/^0 van \d+ onderdelen volledig$/).first()).toBeVisible()
	await expectAccessible(page)

	// Norm 1: autosave without pressing save; a reload keeps the text.
	await page.getByRole('link', { name: /^Norm 1:/ }).first().click()
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
	await criterion12.getByLabel(/^Document toevoegen/).setInputFiles({ name: 'behandelplan.pdf', mimeType: 'application/pdf', buffer: await realPdf('Leeg format behandelplan') })
	await criterion12.getByRole('button', { name: 'Uploaden' }).click()
	await expect(page.getByText('Document geüpload.')).toBeVisible()
	await page.locator('#criterium-1\\.2').getByLabel(/^Document toevoegen/).setInputFiles({ name: 'intakeverslag.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(docx('Leeg intakeverslag')) })
	await page.locator('#criterium-1\\.2').getByRole('button', { name: 'Uploaden' }).click()
	await expect(page.locator('#criterium-1\\.2').getByRole('link', { name: 'intakeverslag.docx' })).toBeVisible()
	await expect(page.locator('#criterium-1\\.2').getByRole('link', { name: 'behandelplan.pdf' })).toBeVisible()
	await expect(page.locator('#criterium-1\\.2').getByText(/kB, geüpload op/).first()).toBeVisible()
	// A wrong type is refused with a Dutch message next to the field.
	await page.locator('#criterium-1\\.2').getByLabel(/^Document toevoegen/).setInputFiles({ name: 'plaatje.pdf', mimeType: 'application/pdf', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]) })
	await page.locator('#criterium-1\\.2').getByRole('button', { name: 'Uploaden' }).click()
	await expect(page.getByText('Dit bestandstype is niet toegestaan.').first()).toBeVisible()
	// Too large: the browser warns before sending 20 MB (the server refuses it as well).
	const big = Buffer.alloc(20 * 1024 * 1024 + 1)
	big.write('%PDF-1.4\n')
	await page.locator('#criterium-1\\.2').getByLabel(/^Document toevoegen/).setInputFiles({ name: 'groot.pdf', mimeType: 'application/pdf', buffer: big })
	await page.locator('#criterium-1\\.2').getByRole('button', { name: 'Uploaden' }).click()
	await expect(page.getByText('Het bestand is groter dan 20 MB.').first()).toBeVisible()
	await expect(page.locator('#criterium-1\\.2').getByRole('link', { name: /\.pdf$|\.docx$/ })).toHaveCount(2)

	// The completeness list before everything is filled in.
	await page.goto(`/aanbieder/${provider.providerId}/zelfevaluatie/${year}/controle`)
	await expect(page.getByRole('heading', { name: /Nog niet volledig/ })).toBeVisible()
	await expect(page.getByRole('link', { name: /Norm 3, criterium 3\.1 \(Adres \(URL\) van de webpagina\): vul het adres van de webpagina in|Norm 3, criterium 3\.1: vul het adres van de webpagina in/ })).toBeVisible()
	await expect(page.getByRole('button', { name: 'Zelfevaluatie indienen' })).toBeDisabled()
	await expectAccessible(page)

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
	await staff.getByRole('button', { name: 'Besluit vastleggen: aanpassing gevraagd' }).click()
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
	await revised.getByRole('textbox').fill(`${LONG_TEXT} Tijdens de wachttijd bieden wij psycho-educatie en een online module aan.`)
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
	await staff.getByRole('button', { name: 'Besluit vastleggen: gekwalificeerd' }).click()
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
})

test('submission is refused from 1 April 00:00 Amsterdam, by the server clock', async ({ page, hooks }) => {
	const year = 2027
	const early = await hooks.createProvider({ name: `Praktijk Op Tijd ${uniqueId()}` })
	const late = await hooks.createProvider({ name: `Praktijk Te Laat ${uniqueId()}` })
	const { qualificationDeadline } = await hooks.post<{ qualificationDeadline: string }>('fixtures/self-evaluation-complete', { year, providerId: early.providerId })
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
	await expect(page.getByText(/De kwalificatieperiode is verstreken/)).toBeVisible()
	await expectAccessible(page)
	await page.goto(`/aanbieder/${late.providerId}/zelfevaluatie/${year}`)
	await expect(page.getByText('Concept: nog niet ingediend')).toBeVisible()
	await expect(page.getByText('De termijn is verstreken.')).toBeVisible()
})

test('two colleagues editing the same answer get a conflict, never an overwrite', async ({ page, hooks, browser }) => {
	const year = 2083
	const provider = await hooks.createProvider({ name: `Praktijk Collega's ${uniqueId()}` })
	await hooks.post('fixtures/self-evaluation-listed', { year, providerId: provider.providerId })
	const colleagueEmail = `collega-${uniqueId()}@praktijk.test`
	await hooks.post('fixtures/self-evaluation-colleague', { providerId: provider.providerId, email: colleagueEmail })
	const otherContext = await browser.newContext()
	const colleague = await otherContext.newPage()
	await hooks.signIn(page, provider.email)
	await hooks.signIn(colleague, colleagueEmail)
	const url = `/aanbieder/${provider.providerId}/zelfevaluatie/${year}/norm/1`
	await page.goto(url)
	await colleague.goto(url)

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
	await otherContext.close()
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
	await page.locator('#criterium-1\\.2').getByLabel(/^Document toevoegen/).setInputFiles({ name: 'format.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(docx()) })
	await page.locator('#criterium-1\\.2').getByRole('button', { name: 'Uploaden' }).click()
	await expect(page.locator('#criterium-1\\.2').getByRole('link', { name: 'format.docx' })).toBeVisible()
	// (axe needs JavaScript; the same screen is checked with it in the journeys above.)
	await context.close()
})

async function participationIdOf(hooks: { post<T>(path: string, body: unknown): Promise<T> }, providerId: string, year: number) {
	const { participationId } = await hooks.post<{ participationId: string }>('fixtures/self-evaluation-participation', { providerId, year })
	return participationId
}

async function assessRound(page: Page, insufficient: string | null) {
	const forms = () => page.locator('form').filter({ has: page.locator('input[name="intent"][value="assess"]') })
	const count = await forms().count()
	expect(count).toBeGreaterThan(10)
	for (let index = 0; index < count; index++) {
		const form = forms().nth(index)
		const button = form.getByRole('button')
		const code = ((await button.textContent()) ?? '').replace(/^Oordeel (\S+) opslaan$/, '$1')
		if (code === insufficient) {
			await form.getByLabel('Onvoldoende').check()
			await form.getByLabel(`Feedback bij ${code}`).fill('Beschrijf concreet hoe u de wachttijd benut.')
		} else {
			await form.getByLabel('Voldoende', { exact: true }).check()
		}
		await button.click()
		await expect(page.getByRole('status').filter({ hasText: 'Oordeel opgeslagen.' })).toBeVisible()
	}
}
