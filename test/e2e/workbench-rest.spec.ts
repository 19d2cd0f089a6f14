import { expect, expectAccessible, test, uniqueId } from './fixtures.ts'

// Issue 12 in Chromium (years 2036–2040 belong to this file): the round comparison of a revised
// round, the sample outcome through its confirmation page, a sample left open by a rejected
// withdrawal proposal closed from the sample page, and the participations table at 1280 px.

test('a revised round shows the changes marked, the earlier feedback, and folds what is unchanged', async ({
	page,
	hooks,
}) => {
	test.setTimeout(180_000)
	const year = 2036
	const provider = await hooks.createProvider({ name: `Praktijk Vergelijking ${uniqueId()}` })
	const { participationId } = await hooks.post<{ participationId: string }>('fixtures/submitted-participation', {
		year,
		providerId: provider.providerId,
	})
	const assessor = await hooks.createStaff('assessor')
	await hooks.signIn(page, assessor.email)
	await page.goto(`/medewerkers/deelnames/${participationId}/beoordeling/1`)
	await page.getByRole('group', { name: 'Oordeel over 1.1' }).getByLabel('Onvoldoende').check()
	await page.getByRole('textbox', { name: 'Feedback bij 1.1' }).fill('Beschrijf de afspraken met de huisarts.')
	await page.getByRole('button', { name: 'Alle overige voldoende' }).click()
	await page.getByRole('button', { name: 'Beoordeling opslaan' }).first().click()
	await expect(page.getByRole('status').filter({ hasText: 'Beoordeling opgeslagen.' })).toBeVisible()
	await page.getByRole('link', { name: 'Bekijk de gevolgen en bevestig' }).click()
	await page.getByRole('button', { name: 'Bevestigen: aanpassing gevraagd' }).click()
	await expect(page.getByText('Besluit: aanpassing gevraagd.')).toBeVisible()

	await hooks.post('fixtures/resubmit-revision', {
		participationId,
		text: 'Onze werkwijze: wij bespreken dit schriftelijk met de huisarts en leggen het vast in het dossier.',
	})
	await page.goto(`/medewerkers/deelnames/${participationId}/beoordeling/2`)
	const summary = page.getByTestId('round-comparison')
	await expect(summary.getByRole('heading', { name: 'Vergelijking met ronde 1' })).toBeVisible()
	await expect(summary).toContainText('1 van de 19 criteria is gewijzigd.')
	await expect(summary).toContainText('18 criteria zijn ongewijzigd en waren voldoende')

	// 1.1: the feedback it got, and the changed words marked (<ins>/<del>, with spoken words).
	const changed = page.locator('#criterium-waiting-time-use')
	await expect(changed.getByText('Onvoldoende: Beschrijf de afspraken met de huisarts.')).toBeVisible()
	await expect(changed.locator('ins').filter({ hasText: 'schriftelijk' })).toBeVisible()
	await expect(changed.locator('ins').first()).toContainText('[toegevoegd:')
	await expect(changed.locator('del').first()).toContainText('[verwijderd:')
	await changed.getByText('Antwoord in ronde 1 lezen').click()
	await expect(changed.locator('.diff-previous p')).toContainText('Onze werkwijze')

	// 1.2 is unchanged and was sufficient: folded, and it opens.
	const folded = page.locator('details.criterion-collapsed')
	await expect(folded).toHaveCount(18)
	const plan = folded.filter({ hasText: '1.2' })
	await expect(plan.getByRole('group', { name: 'Oordeel over 1.2' })).toBeHidden()
	await plan.locator('summary').click()
	await expect(plan.getByRole('group', { name: 'Oordeel over 1.2' })).toBeVisible()
	await expectAccessible(page)

	// The folded verdicts still count: "alle overige voldoende" and one save judge all 19.
	await page.getByRole('button', { name: 'Alle overige voldoende' }).click()
	await page.getByRole('button', { name: 'Beoordeling opslaan' }).first().click()
	await expect(page.getByRole('status').filter({ hasText: 'Beoordeling opgeslagen.' })).toBeVisible()
	await page.getByRole('link', { name: 'Bekijk de gevolgen en bevestig' }).click()
	await page.getByRole('button', { name: 'Bevestigen: gekwalificeerd' }).click()
	await expect(page.getByText('Besluit: gekwalificeerd.')).toBeVisible()
})

test('a sample outcome is recorded through its confirmation page, with a chosen effective day; under four-eyes a second staff member approves the withdrawal', async ({
	page,
	hooks,
}) => {
	test.setTimeout(240_000)
	const year = 2039
	const prefix = `Steekproef Bevestiging ${uniqueId()}`
	await hooks.post('fixtures/qualified-participations', { year, count: 1, prefix })
	// The fixture leaves the clock on 10 February of the year.
	const admin = await hooks.createStaff('admin')
	await hooks.signIn(page, admin.email)
	await page.goto(`/medewerkers/steekproef?jaar=${year}`)
	const draw = page.locator('form').filter({ has: page.getByRole('button', { name: 'Steekproef trekken' }) })
	await draw.getByLabel('Aantal', { exact: true }).check()
	await draw.getByLabel('Percentage of aantal').fill('1')
	await draw.getByRole('button', { name: 'Steekproef trekken' }).click()
	const row = page.getByTestId('sample-carriers').locator('tr').filter({ hasText: prefix }).last()
	await row.getByText('Gesprek inplannen').click()
	await row.getByLabel('Datum').fill(`${year}-02-10`)
	await row.getByLabel('Tijd').fill('08:00')
	await row.getByRole('button', { name: 'Inplannen' }).click()
	await page
		.getByTestId('sample-carriers')
		.locator('tr')
		.filter({ hasText: prefix })
		.last()
		.getByRole('link', { name: /Uitkomst vastleggen/ })
		.click()

	await expect(page.getByRole('heading', { level: 1 })).toContainText('Uitkomst steekproefgesprek')
	// Four-eyes is on for the year (the default): the page says so before anything is chosen.
	await expect(page.getByTestId('four-eyes-intro')).toContainText(`Vier-ogenprincipe in ${year}`)
	await expectAccessible(page)
	await page.getByLabel('Onterechte kwalificatie (intrekken)').check()
	await page.getByRole('button', { name: 'Bekijk de gevolgen' }).click()
	// No day chosen: the form says so; today is never assumed.
	await expect(page.getByText('Vul een geldige datum in.').first()).toBeVisible()
	await page.getByLabel('Onterechte kwalificatie (intrekken)').check()
	await page.getByLabel(/Ingangsdatum van de intrekking/).fill(`${year}-02-20`)
	await page.getByLabel('Verslag').fill('Uit het gesprek bleek dat de werkafspraken ontbreken.')
	await page.getByRole('button', { name: 'Bekijk de gevolgen' }).click()
	// What happens once approved, and that it waits for a second staff member (issue 17).
	await expect(page.getByTestId('four-eyes-notice')).toContainText('een tweede medewerker moet het goedkeuren')
	const facts = page.getByTestId('effect-facts')
	await expect(facts).toContainText('Ingetrokken')
	await expect(facts).toContainText(`20 februari ${year}`)
	await expect(page.getByTestId('preview-mail')).toBeVisible()
	await expect(page.getByTestId('preview-letter')).toBeVisible()
	await expectAccessible(page)
	await page.getByRole('button', { name: 'Bevestigen: uitkomst vastleggen en intrekking voorstellen' }).click()
	await expect(
		page
			.getByRole('status')
			.filter({ hasText: 'Intrekkingsvoorstel aangemaakt; een tweede medewerker moet het goedkeuren.' }),
	).toBeVisible()
	await expect(page.getByTestId('sample-proposal')).toContainText('een tweede medewerker moet het goedkeuren')
	await expectAccessible(page)
	await page.getByRole('link', { name: 'Bekijk het intrekkingsvoorstel' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Voorstel tot intrekking')
	await expect(page).toHaveURL(/\/medewerkers\/intrekkingen\/voorstel\//)
	const proposalUrl = page.url()
	await expect(page.getByText('U hebt dit voorstel zelf gedaan.')).toBeVisible()
	await expect(page.getByRole('button', { name: /Goedkeuren/ })).toHaveCount(0)
	// The sample page still lists the carrier as waiting, not withdrawn.
	await page.goto(`/medewerkers/steekproef?jaar=${year}`)
	const waiting = page.getByTestId('sample-carriers').locator('tr').filter({ hasText: prefix }).last()
	await expect(waiting).toContainText('intrekkingsvoorstel wacht op goedkeuring')

	// A second staff member sees the interview as the basis and approves.
	const colleague = await hooks.createStaff('assessor')
	await hooks.signIn(page, colleague.email)
	await page.goto(proposalUrl)
	await expect(page.getByRole('link', { name: 'Bekijk het gesprek' })).toBeVisible()
	await expect(page.getByTestId('effect-facts')).toContainText('Ingetrokken')
	await expectAccessible(page)
	await page.getByRole('button', { name: 'Goedkeuren: keurmerk intrekken en brief versturen' }).click()
	await expect(
		page.getByRole('status').filter({ hasText: 'De intrekking is goedgekeurd en uitgevoerd.' }),
	).toBeVisible()
	await page.goto(`/medewerkers/steekproef?jaar=${year}`)
	const done = page.getByTestId('sample-carriers').locator('tr').filter({ hasText: prefix }).last()
	await expect(done).toContainText('Onterechte kwalificatie')
	await expect(done).toContainText('intrekking goedgekeurd')
})

test('a sample that a withdrawal proposal rejected before decision 011 left open is closed from the sample page', async ({
	page,
	hooks,
}) => {
	test.setTimeout(180_000)
	const year = 2038
	const prefix = `Steekproef Open ${uniqueId()}`
	const [proposer, rejecter] = [await hooks.createStaff('assessor'), await hooks.createStaff('admin')]
	const reason = 'De afspraken staan in het kwaliteitshandboek; het keurmerk blijft.'
	await hooks.post('fixtures/sample-left-open', {
		year,
		prefix,
		proposerId: proposer.userId,
		rejecterId: rejecter.userId,
		reason,
	})
	const assessor = await hooks.createStaff('assessor')
	await hooks.signIn(page, assessor.email)
	await page.goto(`/medewerkers/steekproef?jaar=${year}`)
	await expect(page.getByTestId('sample-progress')).toHaveText('Afgerond: 0 van 1')
	const row = page.getByTestId('sample-carriers').locator('tr').filter({ hasText: prefix }).last()
	await expect(row).toContainText('intrekkingsvoorstel afgewezen')
	// The confirmation: what closing does, and the rejection's reason it will carry.
	await row.getByText('Steekproef afsluiten…').click()
	await expect(row.getByTestId('sample-close')).toContainText(reason)
	await expect(row.getByTestId('sample-close')).toContainText('geen wijziging in het register')
	await expectAccessible(page)
	await row.getByRole('button', { name: 'Steekproef afsluiten' }).click()
	await expect(
		page.getByRole('status').filter({ hasText: 'Steekproef afgesloten: het keurmerk blijft.' }),
	).toBeVisible()
	await expect(page.getByTestId('sample-progress')).toHaveText('Afgerond: 1 van 1')
	const closed = page.getByTestId('sample-carriers').locator('tr').filter({ hasText: prefix }).last()
	await expect(closed).toContainText('Bevestigd na gesprek')
	await expect(closed.getByTestId('sample-close')).toHaveCount(0)
})

test('the participations table at 1280 px: right counts, two statuses ticked quickly, no clipped column, a nav that fits', async ({
	page,
	hooks,
}) => {
	test.setTimeout(180_000)
	const year = 2037
	const prefix = `Tabelbreedte met een heel lange naam voor de praktijk ${uniqueId()}`
	await hooks.post('fixtures/qualified-participations', { year, count: 3, prefix })
	const admin = await hooks.createStaff('admin')
	await hooks.signIn(page, admin.email)
	await page.setViewportSize({ width: 1280, height: 900 })
	const columns = [
		'provider',
		'year',
		'state',
		'type',
		'city',
		'assessor',
		'stateChangedAt',
		'revisionDueAt',
		'listedUntil',
		'kvk',
	]
	await page.goto(`/medewerkers/deelnames?jaar=${year}&${columns.map((id) => `kolom=${id}`).join('&')}`)

	// The admin navigation fits on one line.
	const tops = await page
		.locator('.main-nav__list > li')
		.evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)))
	expect(new Set(tops).size, `nav rows at ${tops.join(', ')}`).toBe(1)

	// Counts per state (issue 12 §8: they showed 0), "Ingetrokken" among the states.
	await page.getByText('Status', { exact: true }).first().click()
	await expect(page.getByRole('checkbox', { name: /^Gekwalificeerd/ })).toBeVisible()
	await expect(page.locator('label', { has: page.getByRole('checkbox', { name: /^Gekwalificeerd/ }) })).toContainText(
		'3',
	)
	await expect(page.locator('label', { has: page.getByRole('checkbox', { name: /^Ingetrokken/ }) })).toContainText('0')
	// Two ticks in quick succession: both count.
	await page.getByRole('checkbox', { name: /^Gekwalificeerd/ }).check()
	await page.getByRole('checkbox', { name: /^Ingetrokken/ }).check()
	await expect(page).toHaveURL(/state=qualified/)
	await expect(page).toHaveURL(/state=withdrawn/)
	await expect(page.getByRole('status').filter({ hasText: '3 resultaten' })).toBeVisible()
	await page.keyboard.press('Escape')

	// No column clipped: the page itself never scrolls sideways; the table scrolls inside its
	// labelled, focusable region, with the provider column kept in view.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)
	const region = page.getByRole('region', { name: 'Deelnames' })
	await expect(region).toHaveAttribute('tabindex', '0')
	await region.focus()
	await region.evaluate((element) => {
		element.scrollLeft = element.scrollWidth
	})
	const box = (await region.boundingBox())!
	const last = (await page.getByRole('columnheader', { name: /KvK/ }).boundingBox())!
	expect(last.x + last.width).toBeLessThanOrEqual(box.x + box.width + 1)
	const first = (await page.getByRole('columnheader', { name: /Zorgaanbieder/ }).boundingBox())!
	expect(Math.abs(first.x - box.x)).toBeLessThanOrEqual(2)
	await page.screenshot({ path: 'test-results/participations-1280.png', fullPage: false })
	await expectAccessible(page)
})
