import PDFDocument from 'pdfkit'
import type { Page } from '@playwright/test'
import { expect, expectAccessible, test } from './fixtures.ts'

// Issue 13, "Done when": a carrier's year in Dutch and English, on a desktop (1280 px) and a phone
// (390 px). It takes over last year's answers (…/overnemen), follows the check page to each field
// that is still missing (landing on the field, focused and in view), uploads a document with a
// visible progress bar. Submitting and the PDF export are not in this spec yet (/work/notes/exp-a.md).
// Years 2064–2067 belong to this file (one per combination; 2063–2066 are their previous years).

const words = {
	nl: {
		reuseLink: /^Antwoorden van \d{4} bekijken en overnemen$/,
		reuseSubmit: 'Aangevinkte antwoorden overnemen',
		checkTitle: 'Controleren en indienen',
		complete: 'Alles is ingevuld. U kunt de zelfevaluatie indienen.',
		save: /^Opslaan en (naar norm \d+|controleren)$/,
		uploadLabel: /^Document toevoegen/,
		upload: 'Uploaden',
		progress: 'Voortgang van de upload',
		uploaded: 'Document geüpload.',
		formatMissing: /^Norm 1, criterium 1\.2: upload het \(lege\) format/,
		declarationMissing: /^Norm 2, criterium 2\.1: Verklaring 800 minuten/,
	},
	en: {
		reuseLink: /^Review and take over the answers of \d{4}$/,
		reuseSubmit: 'Take over the ticked answers',
		checkTitle: 'Check and submit',
		complete: 'Everything is filled in. You can submit the self-evaluation.',
		save: /^Save and (go to norm \d+|check)$/,
		uploadLabel: /^Add a document/,
		upload: 'Upload',
		progress: 'Upload progress',
		uploaded: 'Document uploaded.',
		formatMissing: /^Norm 1, criterion 1\.2: upload the \(empty\) template/,
		declarationMissing: /^Norm 2, criterion 2\.1: /,
	},
} as const

const combinations = [
	{ locale: 'nl', width: 1280, height: 900, year: 2064 },
	{ locale: 'en', width: 1280, height: 900, year: 2065 },
	{ locale: 'nl', width: 390, height: 844, year: 2066 },
	{ locale: 'en', width: 390, height: 844, year: 2067 },
] as const

/** A real PDF of about `kilobytes` kB: large enough that a throttled upload shows its progress. */
function realPdf(kilobytes: number): Promise<Buffer> {
	return new Promise((resolve) => {
		const doc = new PDFDocument({ size: 'A4', compress: false })
		const chunks: Buffer[] = []
		doc.on('data', (chunk: Buffer) => chunks.push(chunk))
		doc.on('end', () => resolve(Buffer.concat(chunks)))
		const line = 'Leeg format behandelplan: hulpvraag, verwachte duur, vorm van de behandeling. '
		for (let kb = 0; kb < kilobytes; kb += 4) doc.fontSize(4).text(line.repeat(50))
		doc.end()
	})
}

async function chooseLanguage(page: Page, locale: 'nl' | 'en') {
	if (locale === 'nl') return
	const response = await page.request.post('/taal', {
		form: { locale, redirectTo: '/' },
		headers: { Origin: new URL(page.url()).origin },
		maxRedirects: 0,
	})
	expect(response.status()).toBeLessThan(400)
}

/** Fills what is still empty on a norm page (texts, addresses, numbers, ticks) and saves it. */
async function completeNormPage(page: Page, save: RegExp) {
	for (const area of await page.locator('textarea').all()) {
		if (!(await area.inputValue())) await area.fill('Wij bespreken dit met iedere cliënt en leggen het vast.')
	}
	for (const input of await page.locator('input[inputmode="url"]').all())
		if (!(await input.inputValue())) await input.fill('https://www.praktijk-voorbeeld.nl/werkwijze')
	for (const input of await page.locator('input[inputmode="decimal"], input[inputmode="numeric"]').all())
		if (!(await input.inputValue())) await input.fill('80')
	for (const box of await page.locator('input[type="checkbox"]').all()) await box.check()
	// Let the autosaves (and the page data they refresh) settle before the form is sent.
	await page.waitForLoadState('networkidle')
	for (const box of await page.locator('input[type="checkbox"]').all()) await expect(box).toBeChecked()
	const before = new URL(page.url()).pathname
	await page.getByRole('button', { name: save }).click()
	// Saved: the form goes on to the next norm (its toast may be gone before it is looked for).
	await page.waitForURL((url) => url.pathname !== before)
}

for (const { locale, width, height, year } of combinations) {
	test(`a carrier takes over last year, follows the check page to the fields and uploads with progress (${locale}, ${width} px)`, async ({
		page,
		hooks,
	}) => {
		test.setTimeout(300_000)
		const w = words[locale]
		await page.setViewportSize({ width, height })
		const provider = await hooks.createProvider()
		await hooks.post('fixtures/submitted-participation', { year: year - 1, providerId: provider.providerId })
		await hooks.post('fixtures/self-evaluation-listed', { year, providerId: provider.providerId })
		await hooks.setClock(`${year}-01-15T10:00:00+01:00`)
		await hooks.signIn(page, provider.email)
		await page.goto('/')
		await chooseLanguage(page, locale)
		const base = `/aanbieder/${provider.providerId}/zelfevaluatie/${year}`

		// Last year's answers, offered per criterion and taken over.
		await page.goto(base)
		await page.getByRole('link', { name: w.reuseLink }).click()
		await expect(page).toHaveURL(new RegExp(`${base}/overnemen$`))
		await expectAccessible(page)
		await page.getByRole('button', { name: w.reuseSubmit }).click()
		await expect(page).not.toHaveURL(/\/overnemen$/)

		// The check page points at what is still missing (numbers and declarations are never taken
		// over); each link lands on the field itself.
		await page.goto(`${base}/controle`)
		await expect(page.getByRole('heading', { level: 1 })).toContainText(w.checkTitle)
		await expectAccessible(page)
		// The format of 1.2 is never taken over: the check page points at it, and it is uploaded with
		// its progress bar visible (the upload is throttled to make it last).
		await page.getByRole('link', { name: w.formatMissing }).click()
		await expect(page).toHaveURL(/\/norm\/1#/)
		const criterion = page.locator('#criterium-1\\.2')
		await criterion.getByLabel(w.uploadLabel).setInputFiles({
			name: 'behandelplan.pdf',
			mimeType: 'application/pdf',
			buffer: await realPdf(400),
		})
		const cdp = await page.context().newCDPSession(page)
		await cdp.send('Network.enable')
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: 20,
			downloadThroughput: -1,
			uploadThroughput: 150 * 1024,
		})
		await criterion.getByRole('button', { name: w.upload, exact: true }).click()
		await expect(criterion.getByRole('progressbar', { name: w.progress })).toBeVisible()
		await expect(criterion.getByRole('status').filter({ hasText: w.uploaded })).toBeVisible({ timeout: 30_000 })
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: 0,
			downloadThroughput: -1,
			uploadThroughput: -1,
		})
		await expect(criterion.getByRole('link', { name: 'behandelplan.pdf' })).toBeVisible()
		await expectAccessible(page)

		await page.goto(`${base}/controle`)
		// The next thing the check page points at (the declaration of 2.1, never taken over): the
		// link lands on the field itself, focused and in view; once saved it is no longer listed.
		const declaration = page.getByRole('link', { name: w.declarationMissing })
		await declaration.click()
		await expect(page).toHaveURL(/\/norm\/2#/)
		const field = page.locator(':is(input, textarea, select, fieldset):focus')
		await expect(field).toHaveCount(1)
		await expect(field).toBeInViewport()
		await completeNormPage(page, w.save)
		await page.goto(`${base}/controle`)
		await expect(page.getByRole('heading', { level: 1 })).toContainText(w.checkTitle)
		await expect(page.getByRole('link', { name: w.formatMissing })).toHaveCount(0)
		await expect(page.getByRole('link', { name: w.declarationMissing })).toHaveCount(0)
		await expectAccessible(page)
		// Not yet here (see /work/notes/exp-a.md): the remaining fixes, submitting and the PDF export;
		// ticking a checklist of a taken-over round lost its ticks to autosave conflicts in this run.
	})
}
