import type { Page } from '@playwright/test'
import { expectEnglish } from './english.ts'
import { expect, expectAccessible, type Hooks, test, uniqueId, uniqueKvk } from './fixtures.ts'
import {
	APPLICATION_TEXT,
	changePostcodeAndSend,
	expectClosedAndSubscribe,
	fillApplication,
} from './journeys/application-form.ts'

// Issue 13, applying, in Dutch and in English (chosen with the language switch) on a phone:
// outside the window what to prepare and "mail me when it opens" with its unsubscribe link; inside
// it the error summary in the form's order, the check-your-answers step, and an earlier participant
// applying again with its details filled in, the withdrawal explanation asked only after a
// withdrawal. Axe on every page; no Dutch on the English ones.

// What this spec reads beyond the form's own labels (APPLICATION_TEXT).
const TEXT = {
	nl: {
		...APPLICATION_TEXT.nl,
		unsubscribe: 'Afmelden en mijn adres verwijderen',
		unsubscribed: 'U bent afgemeld.',
		errors: 'Het formulier bevat 14 fouten.',
		explanationError: 'Licht toe wanneer en waarom het keurmerk is ingetrokken.',
		receivedToast: 'Uw aanvraag is ontvangen.',
		knownTitle: (name: string) => `Aanvraag voor ${name}`,
		knownWithdrawn: (year: number) => `Het keurmerk van uw organisatie voor ${year} is ingetrokken.`,
		knownCarrier: (year: number) => `Uw organisatie was keurmerkdrager in ${year}.`,
	},
	en: {
		...APPLICATION_TEXT.en,
		unsubscribe: 'Unsubscribe and delete my address',
		unsubscribed: 'You have been unsubscribed.',
		errors: 'The form has 14 errors.',
		explanationError: 'Explain when and why the mark was withdrawn.',
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

/**
 * A member of a provider with an earlier history (the provider-carrier fixture) signs in, chooses
 * the language and opens the application, which knows the organisation.
 */
async function openAsEarlierParticipant(
	page: Page,
	hooks: Hooks,
	locale: Locale,
	name: string,
	history: { qualifiedYears: number[]; withdrawnYears?: number[] },
) {
	const provider = await hooks.createProvider({ name })
	await hooks.post('fixtures/provider-carrier', { providerId: provider.providerId, ...history })
	await hooks.signIn(page, provider.email)
	await chooseLanguage(page, locale)
	await page.goto('/aanmelden')
	await expect(page.getByRole('heading', { name: TEXT[locale].knownTitle(provider.name) })).toBeVisible()
	return provider
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
		await checkPage(page, locale)
		const waiting = `wacht-${uniqueId()}@praktijk.test`
		await expectClosedAndSubscribe(page, locale, year, waiting)
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

		// Filled in on the phone; the withdrawal explanation only when the mark was withdrawn. Check
		// your answers; "change" brings the form back at that field.
		const id = uniqueId()
		const details = {
			kvk: uniqueKvk(),
			name: `Praktijk Reis ${id}`,
			postcode: '3511ab',
			organisationEmail: `info-${id}@praktijk.test`,
			contactEmail: `anna-${id}@praktijk.test`,
			contactFunction: 'Director',
		}
		await fillApplication(page, locale, details)
		await checkPage(page, locale, [
			details.name,
			details.contactEmail,
			details.organisationEmail,
			'Lindelaan',
			details.contactFunction,
		])
		await changePostcodeAndSend(page, locale, '3511 AB', details.name)
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
		const carrier = await openAsEarlierParticipant(page, hooks, locale, `Praktijk Eerder ${uniqueId()}`, {
			qualifiedYears: [year - 1],
		})
		await expect(page.getByText(w.knownCarrier(year - 1))).toBeVisible()
		await expect(page.getByLabel(w.name)).toHaveValue(carrier.name)
		await expect(page.getByLabel(w.carrier)).toBeChecked()
		await expect(page.getByLabel(w.explanation)).toBeHidden()
		await checkPage(page, locale, [carrier.name, carrier.email])
		await page.context().clearCookies()

		// Withdrawn last year: the form says so and asks the explanation, which is required.
		const withdrawn = await openAsEarlierParticipant(page, hooks, locale, `Praktijk Ingetrokken ${uniqueId()}`, {
			qualifiedYears: [],
			withdrawnYears: [year - 1],
		})
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
