import { pdfText } from '../fixtures/mail-smtp.ts'
import { attemptYear, expect, expectAccessible, password, test, uniqueId, uniqueKvk } from './fixtures.ts'

// Issue 5 journeys in Chromium: assessment with a revision and its diff up to the certificate;
// a reproducible sample; a withdrawal that ends the register window at its effective date.

test('an assessor assesses, requests a revision, assesses the revision with its diff and qualifies', async ({
	page,
	hooks,
}) => {
	test.setTimeout(180_000)
	const year = 2081
	const provider = await hooks.createProvider({ name: `Praktijk Beoordeling ${uniqueId()}` })
	const { participationId } = await hooks.post<{ participationId: string }>('fixtures/submitted-participation', {
		year,
		providerId: provider.providerId,
	})
	const assessor = await hooks.createStaff('assessor')
	await hooks.signIn(page, assessor.email)

	await page.goto(`/medewerkers/deelnames?jaar=${year}&q=${encodeURIComponent(provider.name)}`)
	await page.getByRole('link', { name: provider.name }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText(provider.name)
	await page.getByRole('link', { name: 'beoordeling ronde 1' }).click()
	await expectAccessible(page)

	// The assessment form (issue 12): the exceptions, "alle overige voldoende", one save.
	const assessRound = async (insufficient: string | null) => {
		if (insufficient) {
			await page
				.getByRole('group', { name: `Oordeel over ${insufficient}` })
				.getByLabel('Onvoldoende')
				.check()
			await page
				.getByRole('textbox', { name: `Feedback bij ${insufficient}` })
				.fill('Beschrijf concreet hoe u met de huisarts samenwerkt.')
		}
		await page.getByRole('button', { name: 'Alle overige voldoende' }).click()
		await page.getByRole('button', { name: 'Beoordeling opslaan' }).first().click()
		await expect(page.getByRole('status').filter({ hasText: 'Beoordeling opgeslagen.' })).toBeVisible()
	}

	await assessRound('1.1')
	// Issue 12 §5: the decision is confirmed after its preview.
	await page.getByRole('link', { name: 'Bekijk de gevolgen en bevestig' }).click()
	await expect(page.getByTestId('effect-facts')).toBeVisible()
	await page.getByRole('button', { name: 'Bevestigen: aanpassing gevraagd' }).click()
	await expect(page.getByText('Het besluit is vastgelegd en de zorgaanbieder krijgt bericht.')).toBeVisible()
	await expect(page.getByText('Besluit: aanpassing gevraagd.')).toBeVisible()

	// The provider revises (issue 4's screens; here through a fixture) and submits round 2.
	await hooks.post('fixtures/resubmit-revision', {
		participationId,
		text: 'Wij hebben nu een schriftelijke werkafspraak met de huisartsen in de regio.',
	})
	await page.goto(`/medewerkers/deelnames/${participationId}/beoordeling/2`)
	await expect(page.getByRole('heading', { level: 1 })).toContainText('ronde 2')
	// The diff against round 1 and the earlier feedback.
	await expect(page.getByText('Gewijzigd t.o.v. vorige ronde')).toHaveCount(1)
	await expect(page.getByText('Gewijzigd: tekst')).toBeVisible()
	await expect(page.getByText('schriftelijke werkafspraak')).toBeVisible()
	await expect(page.getByText('Onvoldoende: Beschrijf concreet hoe u met de huisarts samenwerkt.')).toBeVisible()
	await expectAccessible(page)

	await assessRound(null)
	// Issue 12 §5: the decision is confirmed after its preview.
	await page.getByRole('link', { name: 'Bekijk de gevolgen en bevestig' }).click()
	await expect(page.getByTestId('effect-facts')).toBeVisible()
	await page.getByRole('button', { name: 'Bevestigen: gekwalificeerd' }).click()
	await expect(page.getByText('Besluit: gekwalificeerd.')).toBeVisible()
	await page.goto(`/medewerkers/deelnames/${participationId}`)
	await expect(page.getByText(`KBG-${year}-`).first()).toBeVisible()

	// The provider sees the qualification and the certificate.
	await page.context().clearCookies()
	await hooks.signIn(page, provider.email)
	await page.goto(`/aanbieder/${provider.providerId}`)
	await expect(page.getByText('Gekwalificeerd')).toBeVisible()
	const certificate = await page.request.get(`/aanbieder/${provider.providerId}/certificaat/${year}`)
	expect(certificate.status()).toBe(200)
	expect(certificate.headers()['content-type']).toBe('application/pdf')
	expect(pdfText(await certificate.body())).toMatch(new RegExp(`KBG-${year}-\\d{4}`))
})

test('an admin draws the sample twice with the same seed and gets the same carriers', async ({
	page,
	hooks,
}, testInfo) => {
	test.setTimeout(180_000)
	// The page counts the year's qualified carriers; a retry's year has no drawn sample yet either.
	const year = attemptYear(testInfo, [2082, 2093])
	const prefix = `Steekproef ${uniqueId()}`
	await hooks.post('fixtures/qualified-participations', { year, count: 8, prefix })
	const admin = await hooks.createStaff('admin')
	await hooks.signIn(page, admin.email)
	await page.goto(`/medewerkers/steekproef?jaar=${year}`)
	await expect(page.getByText('8 gekwalificeerde keurmerkdragers')).toBeVisible()

	const trial = page.locator('form').filter({ has: page.locator('input[name="voorbeeld"]') })
	await trial.getByLabel('Aantal', { exact: true }).check()
	await trial.getByLabel('Percentage of aantal').fill('3')
	await trial.getByLabel('Seed (optioneel)').fill('kibg-2082')
	await trial.getByRole('button', { name: 'Proeftrekking tonen' }).click()
	await expect(page.getByTestId('preview-carriers').locator('li')).toHaveCount(3)
	const first = await page.getByTestId('preview-carriers').locator('li').allTextContents()
	// Again with the same seed (the shareable URL, loaded afresh): the same carriers.
	await page.goto(page.url())
	await expect(page.getByTestId('preview-seed')).toHaveText('kibg-2082')
	expect(await page.getByTestId('preview-carriers').locator('li').allTextContents()).toEqual(first)

	const draw = page.locator('form').filter({ has: page.getByRole('button', { name: 'Steekproef trekken' }) })
	await draw.getByLabel('Aantal', { exact: true }).check()
	await draw.getByLabel('Percentage of aantal').fill('3')
	await draw.getByLabel('Seed (optioneel)').fill('kibg-2082')
	await draw.getByRole('button', { name: 'Steekproef trekken' }).click()
	await expect(page.getByText('Steekproef getrokken: 3 keurmerkdragers.')).toBeVisible()
	await expect(page.getByTestId('sample-carriers').locator('tbody tr')).toHaveCount(3)
	const drawn = await page.getByTestId('sample-carriers').locator('tbody tr td:first-child').allTextContents()
	expect([...drawn].sort()).toEqual([...first].sort())
	await expect(page.getByText('Reproduceerbaar')).toBeVisible()
	await expectAccessible(page)
})

test('a withdrawal ends the register window at its effective date, with a letter', async ({ page, hooks }) => {
	// Two people and four pages with axe: slow on a busy machine.
	test.setTimeout(300_000)
	const year = 2083
	const prefix = `Intrekking ${uniqueId()}`
	const { participationIds } = await hooks.post<{ participationIds: string[] }>('fixtures/qualified-participations', {
		year,
		count: 1,
		prefix,
	})
	const id = participationIds[0] as string
	await hooks.setClock(`${year}-05-04T10:00:00+02:00`)
	const admin = await hooks.createStaff('admin')
	await hooks.signIn(page, admin.email)
	await page.goto(`/medewerkers/deelnames/${id}`)
	// The last day in the register, inclusive (issue 16).
	await expect(page.getByTestId('listed-until')).toContainText(`31 december ${year}`)
	// Issue 12 §5: the withdrawal goes through its confirmation page; no date is chosen for you.
	await page.getByRole('link', { name: 'Keurmerk intrekken…' }).click()
	await expect(page.getByLabel('Ingangsdatum')).toHaveValue('')
	// No overdue invoice: "Afdracht niet betaald" is not offered.
	await expect(page.getByLabel('Reden').locator('option[value="unpaid_fee"]')).toHaveCount(0)
	await page.getByLabel('Reden').selectOption('provider_request')
	await page.getByLabel('Ingangsdatum').fill(`${year}-05-11`)
	await page.getByLabel('Toelichting (komt in de brief)').fill('De praktijk stopt en vraagt de intrekking zelf aan.')
	await page.getByRole('button', { name: 'Bekijk de gevolgen' }).click()
	await expect(page.getByTestId('effect-facts')).toContainText(`verdwijnt uit het register per 11 mei ${year}`)
	await expect(page.getByTestId('preview-mail')).toContainText('intrekking')
	const previewLetter = await page.request.get((await page.getByTestId('preview-letter').getAttribute('href')) ?? '')
	expect(previewLetter.headers()['content-type']).toBe('application/pdf')
	await expectAccessible(page)
	await page.getByRole('button', { name: 'Bevestigen: intrekking voorstellen' }).click()
	await expect(
		page.getByText('De intrekking is voorgesteld en wacht op goedkeuring door een tweede medewerker.'),
	).toBeVisible()
	await expect(page.getByTestId('listed-until')).toContainText(`31 december ${year}`)
	// Four-eyes: a second staff member approves from the list of pending withdrawals.
	const second = await hooks.createStaff('assessor')
	await hooks.signIn(page, second.email)
	await page.goto('/medewerkers/intrekkingen')
	await page
		.getByTestId('pending-proposals')
		.getByRole('link', { name: `${prefix} 01 · ${year}` })
		.click()
	await expectAccessible(page)
	await page.getByRole('button', { name: 'Goedkeuren: keurmerk intrekken en brief versturen' }).click()
	await expect(page.getByText('De intrekking is goedgekeurd en uitgevoerd.')).toBeVisible()
	await page.goto(`/medewerkers/deelnames/${id}`)
	await expect(page.getByTestId('listed-until')).toContainText(`10 mei ${year}`)
	await expect(page.getByText('Ingetrokken').first()).toBeVisible()
	const letter = page.getByRole('link', { name: 'Brief' })
	const response = await page.request.get((await letter.getAttribute('href')) ?? '')
	expect(response.headers()['content-type']).toBe('application/pdf')
	await page.goto(`/medewerkers/intrekkingen?jaar=${year}`)
	await expect(page.getByRole('link', { name: `${prefix} 01` })).toBeVisible()
	await expect(page.getByRole('cell', { name: 'Gaat nog in' })).toBeVisible()
	await expectAccessible(page)

	// The public register: a qualified carrier until 11 May, withdrawn (with its date) from that day.
	await page.goto(`/register?q=${encodeURIComponent(prefix)}`)
	await page.getByRole('link', { name: `${prefix} 01` }).click()
	await expect(page).toHaveURL(/\/register\/[^?]+$/)
	const carrierPage = page.url()
	await expect(page.getByText('Gekwalificeerd', { exact: true }).first()).toBeVisible()
	await expect(page.getByText(`Ingetrokken per 11 mei ${year}`)).toHaveCount(0)
	await hooks.setClock(`${year}-05-11T00:00:00+02:00`)
	await page.goto(carrierPage)
	await expect(page.getByText(`Ingetrokken per 11 mei ${year}`).first()).toBeVisible()
	await page.goto(`/register?q=${encodeURIComponent(prefix)}&status=qualified`)
	await expect(page.getByRole('link', { name: `${prefix} 01` })).toHaveCount(0)
})

test('a provider member gets 404 on every staff URL; an assessor on admin screens', async ({ page, hooks }) => {
	const provider = await hooks.createProvider()
	await hooks.signIn(page, provider.email)
	for (const path of [
		'/medewerkers',
		'/medewerkers/deelnames',
		'/medewerkers/deelnames/csv',
		'/medewerkers/deelnames/x',
		'/medewerkers/deelnames/x/beoordeling/1',
		'/medewerkers/steekproef',
		'/medewerkers/intrekkingen',
		'/medewerkers/jaren',
		'/medewerkers/jaren/2030',
		'/medewerkers/normen/2030',
		'/medewerkers/gebruikers',
		'/medewerkers/audit',
		'/medewerkers/audit/csv',
		'/medewerkers/documenten/x',
	]) {
		expect((await page.goto(path))?.status(), path).toBe(404)
	}
	await page.context().clearCookies()
	const assessor = await hooks.createStaff('assessor')
	await hooks.signIn(page, assessor.email)
	expect((await page.goto('/medewerkers/gebruikers'))?.status()).toBe(404)
	expect((await page.request.post('/medewerkers/jaren', { form: {} })).status()).toBe(404)
})

test('every staff screen passes axe', async ({ page, hooks }) => {
	test.setTimeout(240_000)
	const year = 2091
	const provider = await hooks.createProvider({ name: `Praktijk Toegankelijk ${uniqueId()}` })
	const { participationId } = await hooks.post<{ participationId: string }>('fixtures/submitted-participation', {
		year,
		providerId: provider.providerId,
	})
	// The next year has an invoice (and its mail) but no norm set yet: the editor starts as a copy.
	const { invoiceId } = await hooks.post<{ invoiceId: string }>('fixtures/fees-invoice', {
		year: year + 1,
		providerName: `Praktijk Factuur ${uniqueId()}`,
		kvkNumber: uniqueKvk(),
		member: { email: `axe-${uniqueId()}@praktijk.test`, password },
		turnoverCents: 20_000_00,
	})
	const admin = await hooks.createStaff('admin')
	await hooks.signIn(page, admin.email)

	const screens = [
		'/medewerkers',
		`/medewerkers/deelnames?jaar=${year}`,
		`/medewerkers/deelnames/${participationId}`,
		`/medewerkers/deelnames/${participationId}/beoordeling/1`,
		`/medewerkers/steekproef?jaar=${year}`,
		'/medewerkers/intrekkingen',
		'/medewerkers/jaren',
		`/medewerkers/jaren/${year}`,
		`/medewerkers/normen/${year}`,
		'/medewerkers/facturen',
		`/medewerkers/facturen/${invoiceId}`,
		'/medewerkers/mail',
		'/medewerkers/taken',
		'/medewerkers/gebruikers',
		'/medewerkers/audit',
	]
	for (const path of screens) {
		await test.step(path, async () => {
			expect((await page.goto(path))?.status(), path).toBe(200)
			await expectAccessible(page)
		})
	}
	await test.step('a mail message', async () => {
		await page.goto('/medewerkers/mail')
		await page.getByRole('region', { name: 'E-mail' }).locator('a[href^="/medewerkers/mail/"]').first().click()
		await expect(page).toHaveURL(/\/medewerkers\/mail\/[^/?]+$/)
		await expectAccessible(page)
	})
	await test.step('the published norm set, read-only', async () => {
		await page.goto(`/medewerkers/normen/${year}`)
		await page
			.getByRole('link', { name: /^Norm 1/ })
			.first()
			.click()
		await expect(page.getByText('Deze normenset is gepubliceerd en alleen nog te lezen.')).toBeVisible()
		await expect(page.getByLabel('Vraag aan de aanbieder').first()).toBeDisabled()
		await expectAccessible(page)
	})
	await test.step('the draft norm-set editor with form fields per evidence kind', async () => {
		await page.goto(`/medewerkers/normen/${year + 1}`)
		const copy = page.getByRole('button', { name: `Beginnen als kopie van ${year}` })
		if (await copy.isVisible()) await copy.click()
		await page
			.getByRole('link', { name: /^Norm 1/ })
			.first()
			.click()
		await expect(page.getByRole('button', { name: 'Norm opslaan' })).toBeVisible()
		const first = page.locator('fieldset.criterion-fields').first()
		await first.getByRole('button', { name: 'Bewijsstuk toevoegen: Getal' }).click()
		await expect(first.getByLabel('Eenheid')).toBeVisible()
		await first.getByLabel('Vraag aan de aanbieder').last().fill('Percentage ROM-metingen')
		await first.getByLabel('Maximum (optioneel)').fill('120')
		await page.getByRole('button', { name: 'Norm opslaan' }).click()
		await expect(page.getByRole('alert')).toContainText('Een percentage ligt tussen 0 en 100.')
		// Nothing typed is lost.
		await expect(first.getByLabel('Vraag aan de aanbieder').last()).toHaveValue('Percentage ROM-metingen')
		await expectAccessible(page)
		await first.getByLabel('Maximum (optioneel)').fill('100')
		await page.getByRole('button', { name: 'Norm opslaan' }).click()
		await expect(page.getByRole('status').filter({ hasText: /opgeslagen/i })).toBeVisible()
		await expect(first.getByLabel('Vraag aan de aanbieder').last()).toHaveValue('Percentage ROM-metingen')
	})
})
