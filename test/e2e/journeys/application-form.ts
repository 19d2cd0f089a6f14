import type { Page } from '@playwright/test'
import { expect } from '../fixtures.ts'

// The application form (/aanmelden) as a visitor fills it in, in Dutch or English: one set of
// steps for the provider journey (onboarding.ts) and the application journey in both languages
// (application-journey.spec.ts), so a change to the form is followed in one place.

export const APPLICATION_TEXT = {
	nl: {
		apply: 'Keurmerk aanvragen',
		closed: (year: number) =>
			`Het keurmerk ${year} kunt u aanvragen van 1 juni ${year - 1} tot en met 31 oktober ${year - 1}.`,
		prepare: (year: number) => `Voorbereiden op de aanvraag ${year}`,
		normsLink: (year: number) => `Lees de normen voor ${year}`,
		subscribeEmail: 'Uw e-mailadres',
		subscribe: 'Mail mij',
		subscribed: 'U krijgt één e-mail wanneer de aanvraag opent.',
		toCheck: 'Verder naar controleren',
		kvk: 'KvK-nummer',
		name: 'Naam van de organisatie',
		independent: 'Vrijgevestigde aanbieder',
		agb: 'AGB-code',
		street: 'Straat',
		houseNumber: 'Huisnummer',
		postcode: 'Postcode',
		city: 'Plaats',
		website: 'Website',
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
		checkTitle: 'Controleer uw aanvraag',
		change: 'Wijzigen: Postcode',
		send: 'Aanvraag versturen',
		received: 'Aanvraag ontvangen',
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
		toCheck: 'Continue to check your answers',
		kvk: 'Chamber of Commerce number',
		name: 'Name of the organisation',
		independent: 'Independent practice',
		agb: 'AGB code',
		street: 'Street',
		houseNumber: 'House number',
		postcode: 'Postcode',
		city: 'City',
		website: 'Website',
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
		checkTitle: 'Check your application',
		change: 'Change: Postcode',
		send: 'Send application',
		received: 'Application received',
	},
} as const

export type FormLocale = keyof typeof APPLICATION_TEXT

/** Outside the window: when it opens, what to prepare, and "mail me when it opens" for `email`. */
export async function expectClosedAndSubscribe(page: Page, locale: FormLocale, year: number, email: string) {
	const w = APPLICATION_TEXT[locale]
	await expect(page.getByText(w.closed(year))).toBeVisible()
	await expect(page.getByRole('heading', { name: w.prepare(year) })).toBeVisible()
	await expect(page.getByRole('link', { name: w.normsLink(year) })).toHaveAttribute('href', `/normen/${year}`)
	await page.getByLabel(w.subscribeEmail).fill(email)
	await page.getByRole('button', { name: w.subscribe, exact: true }).click()
	await expect(page.getByText(w.subscribed)).toBeVisible()
}

export interface ApplicationDetails {
	kvk: string
	name: string
	postcode: string
	organisationEmail: string
	contactEmail: string
	contactFunction: string
	website?: string
}

/**
 * Fills in every field for a new independent practice in Utrecht (the withdrawal explanation is
 * shown only while "withdrawn" is chosen) and goes on to the check step, which shows the postcode.
 */
export async function fillApplication(page: Page, locale: FormLocale, details: ApplicationDetails) {
	const w = APPLICATION_TEXT[locale]
	await page.getByLabel(w.kvk).fill(details.kvk)
	await page.getByLabel(w.name).fill(details.name)
	await page.getByLabel(w.independent).check()
	await page.getByLabel(w.agb).fill('94001234')
	await page.getByLabel(w.street).fill('Lindelaan')
	await page.getByLabel(w.houseNumber).fill('12')
	await page.getByLabel(w.postcode).fill(details.postcode)
	await page.getByLabel(w.city, { exact: true }).fill('Utrecht')
	if (details.website) await page.getByLabel(w.website).fill(details.website)
	await page.getByLabel(w.email).fill(details.organisationEmail)
	await page.getByRole('group', { name: w.chronic }).getByLabel(w.no, { exact: true }).check()
	await page.getByLabel(w.contactName, { exact: true }).fill('Anna de Vries')
	await page.getByLabel(w.contactFunction, { exact: true }).fill(details.contactFunction)
	await page.getByLabel(w.contactEmail, { exact: true }).fill(details.contactEmail)
	await expect(page.getByLabel(w.explanation)).toBeHidden()
	await page.getByLabel(w.withdrawn).check()
	await expect(page.getByLabel(w.explanation)).toBeVisible()
	await page.getByLabel(w.never).check()
	await expect(page.getByLabel(w.explanation)).toBeHidden()
	await page.getByRole('button', { name: w.toCheck }).click()
	await expect(page.getByRole('heading', { level: 1, name: w.checkTitle })).toBeVisible()
	await expect(page.getByRole('definition').filter({ hasText: details.postcode })).toBeVisible()
}

/**
 * On the check step: "change" brings the form back with the focus in the postcode and nothing
 * else lost (`name`); the corrected postcode shows on the check step, and the application is sent.
 */
export async function changePostcodeAndSend(page: Page, locale: FormLocale, postcode: string, name: string) {
	const w = APPLICATION_TEXT[locale]
	await page.getByRole('button', { name: w.change }).click()
	// As a textbox: while the check step is still leaving, its "change" button carries the same label.
	const field = page.getByRole('textbox', { name: w.postcode, exact: true })
	await expect(field).toBeFocused()
	await expect(page.getByRole('textbox', { name: w.name })).toHaveValue(name)
	await field.fill(postcode)
	await page.getByRole('button', { name: w.toCheck }).click()
	await expect(page.getByRole('definition').filter({ hasText: postcode })).toBeVisible()
	await page.getByRole('button', { name: w.send }).click()
	await expect(page.getByRole('heading', { level: 1, name: w.received })).toBeVisible()
}
