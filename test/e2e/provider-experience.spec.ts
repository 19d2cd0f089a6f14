import { readFileSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import type { Page } from '@playwright/test'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { expect, expectAccessible, test } from './fixtures.ts'

// Issue 13, "Done when": a carrier's year in Dutch and English, on a desktop (1280 px) and a phone
// (390 px). It takes over last year's answers (…/overnemen), follows the check page to every field
// that is still missing (each link lands on the field, focused and in view), uploads a document
// with a visible progress bar, submits through the check page and downloads the whole
// self-evaluation as a PDF, which is read back. No autosave of the journey may answer 409: one
// person's own saves never conflict with each other.
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
		submitConfirm: 'Na het indienen kunt u deze ronde niet meer wijzigen.',
		submit: 'Zelfevaluatie indienen',
		submitted: 'Uw zelfevaluatie is ingediend.',
		statusSubmitted: /^Ingediend op .+; wacht op beoordeling$/,
		pdfLink: 'Hele zelfevaluatie downloaden (PDF)',
		pdfTitle: 'Zelfevaluatie',
		pdfSubmitted: 'Ingediend op',
		pdfDraft: 'Concept',
		pdfDeclared: 'Verklaard',
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
		submitConfirm: 'After submitting you can no longer change this round.',
		submit: 'Submit self-evaluation',
		submitted: 'Your self-evaluation has been submitted.',
		statusSubmitted: /^Submitted on .+; awaiting assessment$/,
		pdfLink: 'Download the whole self-evaluation (PDF)',
		pdfTitle: 'Self-evaluation',
		pdfSubmitted: 'Submitted on',
		pdfDraft: 'Draft',
		pdfDeclared: 'Declared',
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

/** Chromium's network emulation (CDP) for this page, and the way back to a normal connection. */
async function slowNetwork(page: Page, conditions: { latency?: number; uploadThroughput?: number }) {
	const cdp = await page.context().newCDPSession(page)
	await cdp.send('Network.enable')
	const emulate = (set: typeof conditions) =>
		cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: 0,
			downloadThroughput: -1,
			uploadThroughput: -1,
			...set,
		})
	await emulate(conditions)
	return { restore: () => emulate({}) }
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

/** This year's own words: at least the 100 characters an explanation asks, found again in the PDF. */
const OWN_TEXT =
	'Eigen antwoord van dit jaar: wij bespreken dit met iedere cliënt bij de intake en leggen de afspraken vast in het dossier.'
/** Last year's words (the submitted-participation fixture), taken over and found again in the PDF. */
const TAKEN_OVER_TEXT = 'Onze werkwijze: wij bespreken dit met de cliënt en leggen het vast in het dossier.'

/**
 * Completes a norm page as a person would (texts shorter than asked, addresses, numbers, every
 * tick), lets every answer's autosave settle (its visible status, not the network) and saves.
 */
async function completeNormPage(page: Page, save: RegExp) {
	for (const area of await page.locator('textarea').all()) {
		if ((await area.inputValue()).length < 100) await area.fill(OWN_TEXT)
	}
	for (const input of await page.locator('input[inputmode="url"]').all())
		if (!(await input.inputValue())) await input.fill('https://www.praktijk-voorbeeld.nl/werkwijze')
	for (const input of await page.locator('input[inputmode="decimal"], input[inputmode="numeric"]').all())
		if (!(await input.inputValue())) await input.fill('80')
	for (const box of await page.locator('input[type="checkbox"]').all()) await box.check()
	await expectSettled(page)
	for (const box of await page.locator('input[type="checkbox"]').all()) await expect(box).toBeChecked()
	const before = new URL(page.url()).pathname
	await page.getByRole('button', { name: save }).click()
	// Saved: the form goes on to the next norm (its toast may be gone before it is looked for).
	await page.waitForURL((url) => url.pathname !== before)
}

/** Every answer on the page says it is saved (or untouched): nothing waiting, saving or in conflict. */
async function expectSettled(page: Page) {
	await expect(page.locator('.autosave[data-state="dirty"], .autosave[data-state="saving"]')).toHaveCount(0, {
		timeout: 30_000,
	})
	await expect(page.locator('.autosave[data-state="conflict"], .autosave[data-state="error"]')).toHaveCount(0)
	await expect(page.getByRole('alert')).toHaveCount(0)
}

for (const { locale, width, height, year } of combinations) {
	test(`a carrier takes over last year, follows the check page to every field, uploads with progress, submits and downloads the PDF (${locale}, ${width} px)`, async ({
		page,
		hooks,
	}) => {
		test.setTimeout(300_000)
		const w = words[locale]
		const autosaves: number[] = []
		page.on('response', (response) => {
			if (new URL(response.url()).pathname.endsWith('/antwoord')) autosaves.push(response.status())
		})
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
		await expectAccessible(page)
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
		const network = await slowNetwork(page, { latency: 20, uploadThroughput: 150 * 1024 })
		await criterion.getByRole('button', { name: w.upload, exact: true }).click()
		await expect(criterion.getByRole('progressbar', { name: w.progress })).toBeVisible()
		await expect(criterion.getByRole('status').filter({ hasText: w.uploaded })).toBeVisible({ timeout: 30_000 })
		await network.restore()
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
		// A taken-over answer rewritten this year (its label is the norm's own Dutch text).
		await page.getByRole('textbox', { name: /^Hoe dit uitgangspunt is geborgd/ }).fill(OWN_TEXT)
		await completeNormPage(page, w.save)
		await page.goto(`${base}/controle`)
		await expect(page.getByRole('heading', { level: 1 })).toContainText(w.checkTitle)
		await expect(page.getByRole('link', { name: w.formatMissing })).toHaveCount(0)
		await expect(page.getByRole('link', { name: w.declarationMissing })).toHaveCount(0)

		// Everything else the check page points at (the format's elements, the website's checklist,
		// the themes): each link lands on its field, the page is completed and saved, until nothing
		// is missing. Bounded: a line that never goes away fails here, not by a timeout.
		const missing = page.locator('.missing-list a')
		for (let step = 0; ; step++) {
			await expectAccessible(page)
			if ((await missing.count()) === 0) break
			expect(step, `still missing: ${(await missing.allTextContents()).join(' | ')}`).toBeLessThan(8)
			const href = (await missing.first().getAttribute('href')) ?? ''
			await missing.first().click()
			await expect(page).toHaveURL((url) => `${url.pathname}${url.hash}` === href)
			const landed = page.locator(':is(input, textarea, select):focus')
			await expect(landed).toHaveCount(1)
			await expect(landed).toHaveAttribute('id', decodeURIComponent(href.split('#')[1] ?? ''))
			await expect(landed).toBeInViewport()
			await expectAccessible(page)
			await completeNormPage(page, w.save)
			await page.goto(`${base}/controle`)
			await expect(page.getByRole('heading', { level: 1 })).toContainText(w.checkTitle)
		}

		// Submitted through the check page: it says what submitting means, and confirms.
		await expect(page.getByText(w.complete)).toBeVisible()
		await expect(page.getByText(w.submitConfirm)).toBeVisible()
		await page.getByRole('button', { name: w.submit }).click()
		await expect(page.getByRole('status').filter({ hasText: w.submitted })).toBeVisible()
		await expect(page).toHaveURL(new RegExp(`${base}$`))
		await expect(page.getByText(w.statusSubmitted)).toBeVisible()
		await expectAccessible(page)

		// The whole self-evaluation as a PDF, read back: the provider, the submission, this year's
		// and last year's words, the website, the declaration and the uploaded document.
		const downloading = page.waitForEvent('download')
		await page.getByRole('link', { name: w.pdfLink }).click()
		const download = await downloading
		expect(download.suggestedFilename()).toBe(`zelfevaluatie-${year}-ronde-1.pdf`)
		const text = pdfText(readFileSync((await download.path()) as string)).replace(/\s+/g, ' ')
		expect(text).toContain(`${w.pdfTitle} ${year}`)
		expect(text).toContain(provider.name)
		expect(text).toContain(w.pdfSubmitted)
		expect(text).not.toContain(w.pdfDraft)
		expect(text).toContain(TAKEN_OVER_TEXT)
		expect(text).toContain(OWN_TEXT)
		expect(text).toContain('https://www.example.nl/werkwijze')
		expect(text).toContain('behandelplan.pdf')
		expect(text).toContain(w.pdfDeclared)

		// One person's own saves never conflicted with each other along the way.
		expect(autosaves.filter((status) => status === 409)).toEqual([])
	})
}

// Issue 13, a bug found on this journey: in a taken-over round, ticks of norm 3's website checklist
// were lost and autosaves answered 409. Two causes, both one person's own saves: (1) leaving the
// page (a link inside the app) while a tick waited for its autosave sent that save from a fieldset
// React had already detached, so it stored an EMPTY answer over the taken-over address and ticks;
// (2) the page form, sent while an autosave of the same answer was in flight, carried the same
// version with other content and was refused as a conflict. Year 2100 (2063 as last year).
test('one person’s own saves never conflict, and leaving a page keeps what was ticked', async ({ page, hooks }) => {
	test.setTimeout(180_000)
	const year = 2100
	const autosaves: number[] = []
	page.on('response', (response) => {
		if (new URL(response.url()).pathname.endsWith('/antwoord')) autosaves.push(response.status())
	})
	const provider = await hooks.createProvider()
	await hooks.post('fixtures/submitted-participation', { year: 2063, providerId: provider.providerId })
	await hooks.post('fixtures/self-evaluation-listed', { year, providerId: provider.providerId })
	await hooks.setClock(`${year}-01-15T10:00:00+01:00`)
	await hooks.signIn(page, provider.email)
	const base = `/aanbieder/${provider.providerId}/zelfevaluatie/${year}`
	await page.goto(`${base}/overnemen`)
	await page.getByRole('button', { name: words.nl.reuseSubmit }).click()
	await expect(page).toHaveURL(new RegExp(`${base}$`))

	const address = 'https://www.example.nl/werkwijze'
	const url = page.getByRole('textbox', { name: /^Adres \(URL\) van de webpagina/ })
	const boxes = page.locator('#criterium-3\\.1 input[type="checkbox"]')
	await page.goto(`${base}/norm/3`)
	await expect(url).toHaveValue(address)
	await expect(boxes).toHaveCount(12)
	// (1) A tick, and at once away to norm 4 inside the app (its autosave still waiting).
	await boxes.nth(0).check()
	await page.locator(`.norm-nav a[href$="/norm/4"]`).click()
	await expect(page).toHaveURL(new RegExp(`${base}/norm/4$`))
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Norm 4')
	await expect.poll(() => autosaves.length).toBeGreaterThan(0)
	await page.goto(`${base}/norm/3`)
	await expect(url).toHaveValue(address)
	await expect(boxes.nth(0)).toBeChecked()

	// (2) The page form while an autosave is in flight (a slow connection keeps it there).
	const network = await slowNetwork(page, { latency: 1_500 })
	const sent = page.waitForRequest((request) => new URL(request.url()).pathname.endsWith('/antwoord'))
	await boxes.nth(1).check()
	await sent
	for (let index = 2; index < 12; index++) await boxes.nth(index).check()
	await page.getByRole('button', { name: /^Opslaan en naar norm 4$/ }).click()
	await expect(page).toHaveURL(new RegExp(`${base}/norm/4$`), { timeout: 30_000 })
	await network.restore()
	await page.goto(`${base}/norm/3`)
	await expect(url).toHaveValue(address)
	for (let index = 0; index < 12; index++) await expect(boxes.nth(index)).toBeChecked()
	expect(autosaves.filter((status) => status === 409)).toEqual([])
	await expectAccessible(page)
})
