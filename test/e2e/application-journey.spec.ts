import type { Page } from '@playwright/test'
import { expectEnglish } from './english.ts'
import { expect, expectAccessible, test, uniqueId, uniqueKvk } from './fixtures.ts'

// Issue 13, applying, in Dutch and in English (chosen with the language switch) on a phone:
// outside the window what to prepare and "mail me when it opens" with its unsubscribe link; inside
// it the error summary in the form's order, the check-your-answers step, and an earlier participant
// applying again with its details filled in, the withdrawal explanation asked only after a
// withdrawal. Axe on every page; no Dutch on the English ones.

const TEXT = {
	nl: {
		apply: 'Keurmerk aanvragen',
		closed: (year: number) =>
			`Het keurmerk ${year} kunt u aanvragen van 1 juni ${year - 1} tot en met 31 oktober ${year - 1}.`,
		prepare: (year: number) => `Voorbereiden op de aanvraag ${year}`,
		normsLink: (year: number) => `Lees de normen voor ${year}`,
		subscribeEmail: 'Uw e-mailadres',
		subscribe: 'Mail mij',
		subscribed: 'U krijgt één e-mail wanneer de aanvraag opent.',
		unsubscribe: 'Afmelden en mijn adres verwijderen',
		unsubscribed: 'U bent afgemeld.',
		toCheck: 'Verder naar controleren',
		errors: 'Het formulier bevat 14 fouten.',
		kvk: 'KvK-nummer',
		name: 'Naam van de organisatie',
		independent: 'Vrijgevestigde aanbieder',
		agb: 'AGB-code',
		street: 'Straat',
		houseNumber: 'Huisnummer',
		postcode: 'Postcode',
		city: 'Plaats',
		email: 'E-mailadres van de organisatie',
		chronic: /echelon GBGGZ Chronisch/,
		no: 'Nee',
		contactName: 'Naam',
		contactFunction: 'Functie',
		contactEmail: 'E-mailadres',
		never: 'Nee, dit is de eerste aanvraag',
		carrier: 'Ja, wij zijn keurmerkdrager (geweest)',
		withdrawn: 'Ja, maar het keurmerk is ingetrokken',
		explanation: 'Toelichting bij de intrekking',
		explanationError: 'Licht toe wanneer en waarom het keurmerk is ingetrokken.',
		checkTitle: 'Controleer uw aanvraag',
		change: 'Wijzigen: Postcode',
		send: 'Aanvraag versturen',
		received: 'Aanvraag ontvangen',
		receivedToast: 'Uw aanvraag is ontvangen.',
		knownTitle: (name: string) => `Aanvraag voor ${name}`,
		knownWithdrawn: (year: number) => `Het keurmerk van uw organisatie voor ${year} is ingetrokken.`,
		knownCarrier: (year: number) => `Uw organisatie was keurmerkdrager in ${year}.`,
	},
	en: {
		apply: 'Apply for the mark',
		closed: (year: number) =>
			`You can apply for the ${year} mark from 1 June ${year - 1} up to and including 31 October ${year - 1}.`,
		prepare: (year: number) => `Preparing for the ${year} application`,
		normsLink: (year: number) => `Read the norms for ${year}`,
		subscribeEmail: 'Your e-mail address',
		subscribe: 'E-mail me',
		subscribed: 'You will receive one e-mail when applications open.',
		unsubscribe: 'Unsubscribe and delete my address',
		unsubscribed: 'You have been unsubscribed.',
		toCheck: 'Continue to check your answers',
		errors: 'The form has 14 errors.',
		kvk: 'Chamber of Commerce number',
		name: 'Name of the organisation',
		independent: 'Independent practice',
		agb: 'AGB code',
		street: 'Street',
		houseNumber: 'House number',
		postcode: 'Postcode',
		city: 'City',
		email: 'E-mail address of the organisation',
		chronic: /chronic echelon/,
		no: 'No',
		contactName: 'Name',
		contactFunction: 'Job title',
		contactEmail: 'E-mail address',
		never: 'No, this is our first application',
		carrier: 'Yes, we are (or were) a carrier',
		withdrawn: 'Yes, but the mark was withdrawn',
		explanation: 'Explanation of the withdrawal',
		explanationError: 'Explain when and why the mark was withdrawn.',
		checkTitle: 'Check your application',
		change: 'Change: Postcode',
		send: 'Send application',
		received: 'Application received',
		receivedToast: 'Your application has been received.',
		knownTitle: (name: string) => `Application for ${name}`,
		knownWithdrawn: (year: number) => `The mark of your organisation for ${year} was withdrawn.`,
		knownCarrier: (year: number) => `Your organisation was a carrier in ${year}.`,
	},
} as const

type Locale = keyof typeof TEXT

// Content an English page may show as it is: the mark's and the portal's names, places, people.
const CONTENT = [
	'Keurmerk Kortdurende Generalistische GGZ',
	'Keurmerk Basis GGZ',
	'GBGGZ Chronisch',
	'Utrecht',
	'Test Lid',
	'Anna de Vries',
]

test.use({ viewport: { width: 390, height: 844 } })

/** The visitor's own way to English: the switch behind the phone's menu button. */
async function chooseLanguage(page: Page, locale: Locale) {
	await page.goto('/')
	if (locale === 'nl') return
	await page.getByRole('button', { name: 'Menu' }).click()
	await page.getByRole('button', { name: 'English' }).click()
	await expect(page.locator('html')).toHaveAttribute('lang', 'en')
}

async function openApplication(page: Page, locale: Locale) {
	// After the language switch the menu is still open (the page stayed the same).
	const menu = page.getByRole('button', { name: 'Menu' })
	if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click()
	await page.getByRole('link', { name: TEXT[locale].apply }).click()
	await expect(page).toHaveURL(/\/aanmelden$/)
}

async function checkPage(page: Page, locale: Locale, content: readonly string[] = []) {
	await expectAccessible(page)
	if (locale === 'en') await expectEnglish(page, [...CONTENT, ...content])
}

// The mark year of this file's applications (its window: June–October 2078) and the year before
// it, in which the earlier participants took part. Shared with register-journey.spec.ts (2079).
const YEAR = 2079

for (const locale of ['nl', 'en'] as const) {
	const w = TEXT[locale]

	test(`${locale}, phone: before the window a visitor prepares and asks for a mail; inside it applies through the check step`, async ({
		page,
		hooks,
	}) => {
		test.setTimeout(240_000)
		const year = YEAR
		await hooks.post('fixtures/mark-year', { year })
		await hooks.setClock(`${year - 1}-05-10T10:00:00+02:00`)
		await chooseLanguage(page, locale)
		await openApplication(page, locale)

		// Outside the window: when it opens, what to prepare, and "mail me when it opens".
		await expect(page.getByText(w.closed(year))).toBeVisible()
		await expect(page.getByRole('heading', { name: w.prepare(year) })).toBeVisible()
		await expect(page.getByRole('link', { name: w.normsLink(year) })).toHaveAttribute('href', `/normen/${year}`)
		await checkPage(page, locale)
		const waiting = `wacht-${uniqueId()}@praktijk.test`
		await page.getByLabel(w.subscribeEmail).fill(waiting)
		await page.getByRole('button', { name: w.subscribe, exact: true }).click()
		await expect(page.getByText(w.subscribed)).toBeVisible()
		await checkPage(page, locale, [waiting])

		// The confirmation's unsubscribe link shows a button (a mail scanner unsubscribes nobody).
		const outbox = await hooks.get<{ template: string; text: string }[]>(`outbox?to=${encodeURIComponent(waiting)}`)
		const link = outbox
			.find((mail) => mail.template === 'application_window_subscribed')
			?.text.match(/https?:\/\/\S+(\/aanmelden\/afmelden\/[A-Za-z0-9_-]+)/)?.[1]
		expect(link).toBeTruthy()
		await page.goto(link!)
		await checkPage(page, locale)
		await page.getByRole('button', { name: w.unsubscribe }).click()
		await expect(page.getByText(w.unsubscribed)).toBeVisible()
		// Anything that cannot be such a link is not found.
		expect((await page.request.get(`${link!}x`)).status()).toBe(404)
		expect((await page.request.get('/aanmelden/afmelden/kort')).status()).toBe(404)

		// Inside the window: an empty form is answered with every error, in the form's order.
		await hooks.setClock(`${year - 1}-07-01T10:00:00+02:00`, 'running')
		await page.goto('/aanmelden')
		await page.getByRole('button', { name: w.toCheck }).click()
		const summary = page.getByRole('alert')
		await expect(summary).toContainText(w.errors)
		await expect(summary).toBeFocused()
		const anchors = await summary.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
		expect(anchors).toHaveLength(14)
		const fields = await page
			.locator('form.application-form')
			.evaluate((form: HTMLFormElement) => [...form.elements].map((field) => `#field-${field.getAttribute('name')}`))
		expect(anchors).toEqual([...new Set(fields)].filter((anchor) => anchors.includes(anchor)))
		await checkPage(page, locale)

		// Filled in on the phone; the withdrawal explanation only when the mark was withdrawn.
		const id = uniqueId()
		const name = `Praktijk Reis ${id}`
		const contactEmail = `anna-${id}@praktijk.test`
		await page.getByLabel(w.kvk).fill(uniqueKvk())
		await page.getByLabel(w.name).fill(name)
		await page.getByLabel(w.independent).check()
		await page.getByLabel(w.agb).fill('94001234')
		await page.getByLabel(w.street).fill('Lindelaan')
		await page.getByLabel(w.houseNumber).fill('12')
		await page.getByLabel(w.postcode).fill('3511ab')
		await page.getByLabel(w.city, { exact: true }).fill('Utrecht')
		await page.getByLabel(w.email).fill(`info-${id}@praktijk.test`)
		await page.getByRole('group', { name: w.chronic }).getByLabel(w.no, { exact: true }).check()
		await page.getByLabel(w.contactName, { exact: true }).fill('Anna de Vries')
		await page.getByLabel(w.contactFunction, { exact: true }).fill('Director')
		await page.getByLabel(w.contactEmail, { exact: true }).fill(contactEmail)
		await expect(page.getByLabel(w.explanation)).toBeHidden()
		await page.getByLabel(w.withdrawn).check()
		await expect(page.getByLabel(w.explanation)).toBeVisible()
		await page.getByLabel(w.never).check()
		await expect(page.getByLabel(w.explanation)).toBeHidden()
		await page.getByRole('button', { name: w.toCheck }).click()

		// Check your answers; "change" brings the form back at that field.
		await expect(page.getByRole('heading', { level: 1, name: w.checkTitle })).toBeVisible()
		await expect(page.getByRole('definition').filter({ hasText: '3511ab' })).toBeVisible()
		await checkPage(page, locale, [name, contactEmail, `info-${id}@praktijk.test`, 'Lindelaan', 'Director'])
		await page.getByRole('button', { name: w.change }).click()
		// The field itself (the check step's "change" button carries the same label).
		const postcode = page.getByRole('textbox', { name: w.postcode, exact: true })
		await expect(postcode).toBeFocused()
		await postcode.fill('3511 AB')
		await page.getByRole('button', { name: w.toCheck }).click()
		await expect(page.getByRole('definition').filter({ hasText: '3511 AB' })).toBeVisible()
		await page.getByRole('button', { name: w.send }).click()
		await expect(page.getByRole('heading', { level: 1, name: w.received })).toBeVisible()
		await checkPage(page, locale)
	})

	test(`${locale}, phone: an earlier participant applies again, the withdrawal explained only after a withdrawal`, async ({
		page,
		hooks,
	}) => {
		test.setTimeout(240_000)
		const year = YEAR
		await hooks.post('fixtures/mark-year', { year })
		await hooks.setClock(`${year - 1}-07-01T10:00:00+02:00`, 'running')

		// A carrier of last year: its details filled in, "carrier" chosen, no explanation asked.
		const carrier = await hooks.createProvider({ name: `Praktijk Eerder ${uniqueId()}` })
		await hooks.post('fixtures/provider-carrier', { providerId: carrier.providerId, qualifiedYears: [year - 1] })
		await hooks.signIn(page, carrier.email)
		await chooseLanguage(page, locale)
		await page.goto('/aanmelden')
		await expect(page.getByRole('heading', { name: w.knownTitle(carrier.name) })).toBeVisible()
		await expect(page.getByText(w.knownCarrier(year - 1))).toBeVisible()
		await expect(page.getByLabel(w.name)).toHaveValue(carrier.name)
		await expect(page.getByLabel(w.carrier)).toBeChecked()
		await expect(page.getByLabel(w.explanation)).toBeHidden()
		await checkPage(page, locale, [carrier.name, carrier.email])
		await page.context().clearCookies()

		// Withdrawn last year: the form says so and asks the explanation, which is required.
		const withdrawn = await hooks.createProvider({ name: `Praktijk Ingetrokken ${uniqueId()}` })
		await hooks.post('fixtures/provider-carrier', {
			providerId: withdrawn.providerId,
			qualifiedYears: [],
			withdrawnYears: [year - 1],
		})
		await hooks.signIn(page, withdrawn.email)
		await chooseLanguage(page, locale)
		await page.goto('/aanmelden')
		await expect(page.getByRole('heading', { name: w.knownTitle(withdrawn.name) })).toBeVisible()
		await expect(page.getByText(w.knownWithdrawn(year - 1))).toBeVisible()
		await expect(page.getByLabel(w.withdrawn)).toBeChecked()
		await expect(page.getByLabel(w.explanation)).toBeVisible()
		await page.getByLabel(w.contactFunction, { exact: true }).fill('Director')
		await page.getByRole('button', { name: w.toCheck }).click()
		const summary = page.getByRole('alert')
		await expect(summary.getByRole('link')).toHaveText([w.explanationError])
		await checkPage(page, locale, [withdrawn.name, withdrawn.email])
		await page.getByLabel(w.explanation).fill('We changed our intake and now submit the self-evaluation in time.')
		await page.getByRole('button', { name: w.toCheck }).click()
		await expect(page.getByRole('heading', { level: 1, name: w.checkTitle })).toBeVisible()
		await expect(page.getByText('We changed our intake')).toBeVisible()
		await checkPage(page, locale, [
			withdrawn.name,
			withdrawn.email,
			'We changed our intake and now submit the self-evaluation in time.',
			'Teststraat',
			'Director',
		])
		await page.getByRole('button', { name: w.send }).click()
		// A member applying for its own organisation goes on to the agreement.
		await expect(page).toHaveURL(new RegExp(`/aanbieder/${withdrawn.providerId}/overeenkomst`))
		await expect(page.getByText(w.receivedToast)).toBeVisible()
	})
}
