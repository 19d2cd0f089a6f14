import { expect, expectAccessible, type Hooks, password, uniqueId, uniqueKvk } from '../fixtures.ts'
import type { Page } from '@playwright/test'
import { changePostcodeAndSend, expectClosedAndSubscribe, fillApplication } from './application-form.ts'

// The first half of the provider's journey in Chromium: a new provider applies, follows the
// invitation link from the mail, sets a password, signs the agreement, and — once the clock
// reaches 1 January and the listing job has run — its dashboard shows it in the register.
// `year` must be a mark year of its own (the mark-year fixture creates it with its norms).
export async function applySignAndList(
	page: Page,
	hooks: Hooks,
	year: number,
): Promise<{ providerId: string; name: string; email: string }> {
	await hooks.post('fixtures/mark-year', { year: year })
	// Outside the window the form says when it opens.
	await hooks.setClock(`${year - 1}-05-10T10:00:00+02:00`)
	await page.goto('/aanmelden')
	// What to prepare, and "mail me when it opens" (issue 13).
	await expectAccessible(page)
	await expectClosedAndSubscribe(page, 'nl', year, `wacht-${uniqueId()}@praktijk.test`)

	await hooks.setClock(`${year - 1}-07-01T10:00:00+02:00`, 'running')
	const id = uniqueId()
	const kvk = uniqueKvk()
	const contactEmail = `anna-${id}@praktijk.test`
	const name = `Praktijk De Linde ${id}`
	await page.goto('/aanmelden')
	await expect(page.getByRole('heading', { level: 1, name: 'Keurmerk aanvragen' })).toBeVisible()
	await expectAccessible(page)
	// A draft survives a reload of the page.
	await page.getByLabel('Plaats').fill('Utrecht')
	await page.getByLabel('GGZ-instelling').check()
	await page.reload()
	await expect(page.getByLabel('Plaats')).toHaveValue('Utrecht')
	await expect(page.getByLabel('GGZ-instelling')).toBeChecked()

	await page.getByLabel('KvK-nummer').fill('1234')
	await page.getByLabel('Naam van de organisatie').fill(name)
	await page.getByRole('button', { name: 'Verder naar controleren' }).click()
	await expect(page.getByRole('alert')).toContainText('Vul een KvK-nummer van 8 cijfers in.')
	await expect(page.getByRole('alert')).toContainText('Vul een postcode in zoals 1234 AB.')
	await expect(page.getByRole('textbox', { name: 'Naam van de organisatie' })).toHaveValue(name)
	await expectAccessible(page)

	await fillApplication(page, 'nl', {
		kvk,
		name,
		postcode: '3511ab',
		website: 'www.praktijkdelinde.nl',
		organisationEmail: `info-${id}@praktijk.test`,
		contactEmail,
		contactFunction: 'Directeur',
	})
	// Check your answers: "wijzigen" brings the form back at that field, nothing lost.
	await expectAccessible(page)
	await changePostcodeAndSend(page, 'nl', '3511 AB', name)
	await expectAccessible(page)

	// The invitation mail carries the link to set a password.
	const outbox = await hooks.get<{ template: string; text: string }[]>(`outbox?to=${encodeURIComponent(contactEmail)}`)
	const invitation = outbox.find((mail) => mail.template === 'invitation')
	const link = invitation?.text.match(/https?:\/\/\S+\/uitnodiging\/[A-Za-z0-9_-]+/)?.[0]
	expect(link).toBeTruthy()
	await page.goto(new URL(link!).pathname)
	await page.getByLabel('Wachtwoord', { exact: true }).fill(password)
	await page.getByLabel('Herhaal het wachtwoord').fill(password)
	await page.getByRole('button', { name: 'Account activeren' }).click()
	await expect(page.getByRole('status')).toHaveText('Uw account is geactiveerd. Welkom!')

	// The dashboard: what to do now is signing the agreement.
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
	const providerId = /\/aanbieder\/([^/?#]+)/.exec(page.url())?.[1] ?? ''
	expect(providerId).not.toBe('')
	const deadline = page.getByRole('region', { name: 'Eerstvolgende deadline' })
	await expect(deadline).toContainText(`Onderteken de overeenkomst uiterlijk 31 december ${year - 1}`)
	await expect(deadline).toContainText(/Nog \d+ dagen\./)
	await expectAccessible(page)
	await page.getByRole('link', { name: `Onderteken de overeenkomst ${year}` }).click()

	await expect(page.getByRole('heading', { level: 1, name: `Overeenkomst ${year}` })).toBeVisible()
	await expect(page.getByText('1,70 %')).toBeVisible()
	await expect(page.getByText('€ 75,00')).toBeVisible()
	const draft = await page.request.get(
		(await page.getByRole('link', { name: `Overeenkomst ${year} (PDF)` }).getAttribute('href'))!,
	)
	expect(draft.headers()['content-type']).toBe('application/pdf')
	await expectAccessible(page)
	await page.getByRole('button', { name: 'Overeenkomst ondertekenen' }).click()
	await expect(page.getByRole('alert')).toContainText('Vink aan dat u akkoord gaat om te ondertekenen.')
	await page.getByLabel('Uw functie').fill('Directeur')
	await page.getByLabel(/ga namens .* akkoord met de overeenkomst/).check()
	await page.getByRole('button', { name: 'Overeenkomst ondertekenen' }).click()
	await expect(page.getByRole('status')).toHaveText('De overeenkomst is ondertekend.')
	await expect(page.getByText('Ondertekend door Anna de Vries (Directeur) op')).toBeVisible()
	const signed = await page.request.get(
		(await page.getByRole('link', { name: `Ondertekende overeenkomst ${year} (PDF)` }).getAttribute('href'))!,
	)
	expect(signed.ok()).toBeTruthy()
	expect(signed.headers()['content-type']).toBe('application/pdf')
	await expectAccessible(page)

	// 1 January: the listing job runs and the dashboard shows the provider in the register.
	await hooks.setClock(`${year}-01-01T06:00:00+01:00`)
	const run = await hooks.post<{ ran: boolean; summary: Record<string, number> }>('fixtures/provider-run-job', {
		name: 'list-carriers',
	})
	expect(run.ran).toBe(true)
	await page.getByRole('link', { name: 'Overzicht' }).first().click()
	await expect(page.getByRole('heading', { name: `Keurmerkjaar ${year}` })).toBeVisible()
	await expect(page.getByText('In het register', { exact: true })).toBeVisible()
	await expect(page.getByRole('region', { name: 'Eerstvolgende deadline' })).toContainText(
		`Dien de zelfevaluatie in uiterlijk 31 maart ${year}`,
	)
	await expect(page.getByRole('region', { name: 'Eerstvolgende deadline' })).toContainText('Nog 89 dagen.')
	await expect(page.getByRole('link', { name: `Vul de zelfevaluatie ${year} in en dien die in` })).toHaveAttribute(
		'href',
		/\/zelfevaluatie$/,
	)
	await expect(page.getByRole('link', { name: `Ondertekende overeenkomst ${year} (PDF)` })).toBeVisible()
	await expectAccessible(page)

	// The team page shows Anna as the signer; she cannot remove herself as the only one.
	await page.goto(page.url() + '/team')
	await expect(page.getByRole('row', { name: /Anna de Vries/ })).toContainText('Tekenbevoegd')
	await page.getByRole('button', { name: 'Anna de Vries uit het team verwijderen' }).click()
	await expect(page.getByRole('alert')).toContainText('Er moet altijd minstens één tekenbevoegde in het team blijven.')
	await expectAccessible(page)
	return { providerId, name, email: contactEmail }
}
