import { expect, expectAccessible, password, test, uniqueId, uniqueKvk } from './fixtures.ts'

// Issue 12, "Done when": the staff workbench end to end in Chromium. An assessor claims a submission
// in the workbench, judges it with "alle overige voldoende" and two exceptions with feedback,
// previews and confirms the revision request; the provider answers in the conversation (with an
// attachment) and submits round 2; the assessor sees the round comparison and the unread reply, and
// qualifies. An administrator withdraws another carrier for an unpaid fee through the preview and a
// second assessor approves it (four-eyes). Axe on every new screen. Years 2031–2035 are this file's.

// A small, clean PDF (what a provider's note could be).
const NOTE_PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

test('claim, assess with exceptions, revision request, conversation, round 2 compared and qualified', async ({
	page,
	browser,
	hooks,
}) => {
	test.setTimeout(300_000)
	const year = 2031
	const provider = await hooks.createProvider({ name: `Praktijk Werkbank ${uniqueId()}` })
	// A complete round 1 (answers, ticks, uploaded formats), submitted by the provider in the portal.
	const { participationId } = await hooks.post<{ participationId: string }>('fixtures/self-evaluation-complete', {
		year,
		providerId: provider.providerId,
		at: `${year}-02-10T12:00:00+01:00`,
	})
	await hooks.signIn(page, provider.email)
	await page.goto(`/aanbieder/${provider.providerId}/zelfevaluatie/${year}/controle`)
	await page.getByRole('button', { name: 'Zelfevaluatie indienen' }).click()
	await expect(page.getByText('Uw zelfevaluatie is ingediend.')).toBeVisible()
	await page.context().clearCookies()
	const assessor = await hooks.createStaff('assessor')
	await hooks.signIn(page, assessor.email)

	// The workbench: the submission waits unassigned; the assessor claims it.
	await page.goto(`/medewerkers/werkbank?jaar=${year}&wachtrij=vrij`)
	await expectAccessible(page)
	const unassigned = page.getByRole('row', { name: new RegExp(provider.name) })
	await unassigned.getByRole('button', { name: `Oppakken ${provider.name}` }).click()
	await expect(page.getByRole('status').filter({ hasText: 'U beoordeelt deze inzending.' })).toBeVisible()
	await page.goto(`/medewerkers/werkbank?jaar=${year}&wachtrij=mijn`)
	const mine = page.getByRole('row', { name: new RegExp(provider.name) })
	await expect(mine).toContainText('Test assessor')
	await mine.getByRole('link', { name: 'Ronde 1' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('ronde 1')
	// The conversation sits beside the submission, still empty.
	await expect(page.getByRole('region', { name: 'Berichten met de zorgaanbieder' })).toContainText(
		'Nog geen berichten.',
	)
	await expectAccessible(page)

	// Two exceptions with feedback, the rest sufficient in one click, one save.
	for (const [code, feedback] of [
		['1.1', 'Beschrijf concreet hoe u met de huisarts samenwerkt.'],
		['2.1', 'Noem de signalen waarop u de behandeling bijstelt.'],
	] as const) {
		await page
			.getByRole('group', { name: `Oordeel over ${code}` })
			.getByLabel('Onvoldoende')
			.check()
		await page.getByRole('textbox', { name: `Feedback bij ${code}` }).fill(feedback)
	}
	await page.getByRole('button', { name: 'Alle overige voldoende' }).click()
	await page.getByRole('button', { name: 'Beoordeling opslaan' }).first().click()
	await expect(page.getByRole('status').filter({ hasText: 'Beoordeling opgeslagen.' })).toBeVisible()

	// The decision's preview, then the confirmation.
	await page.getByRole('link', { name: 'Bekijk de gevolgen en bevestig' }).click()
	await expect(page.getByTestId('effect-facts')).toBeVisible()
	await expectAccessible(page)
	await page.getByRole('button', { name: 'Bevestigen: aanpassing gevraagd' }).click()
	await expect(page.getByText('Besluit: aanpassing gevraagd.')).toBeVisible()

	// The assessor writes in the conversation from the assessment page and comes back to it.
	const panel = page.getByRole('region', { name: 'Berichten met de zorgaanbieder' })
	await panel.getByText('Nieuw bericht aan de zorgaanbieder', { exact: true }).first().click()
	await panel
		.getByLabel('Bericht', { exact: true })
		.fill('Bij 2.1 helpt een voorbeeld uit de praktijk. Vragen? Stel ze hier.')
	await panel.getByRole('button', { name: 'Bericht versturen' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'Uw bericht is verstuurd.' })).toBeVisible()
	await expect(page).toHaveURL(new RegExp(`/medewerkers/deelnames/${participationId}/beoordeling/1#bericht-`))
	await expect(panel).toContainText('Bij 2.1 helpt een voorbeeld uit de praktijk.')

	// The provider: an unread message in the menu, the thread, an answer with an attachment.
	const providerContext = await browser.newContext()
	const member = await providerContext.newPage()
	await hooks.signIn(member, provider.email)
	await member.goto(`/aanbieder/${provider.providerId}`)
	await expect(member.getByRole('link', { name: 'Berichten 1 ongelezen bericht' })).toBeVisible()
	await expect(member.getByRole('region', { name: 'Berichten van KiBG' })).toContainText('1 ongelezen bericht')
	await member.getByRole('link', { name: 'Berichten 1 ongelezen bericht' }).click()
	await expect(member.getByRole('heading', { level: 1 })).toHaveText(`Berichten over ${year}`)
	const fromKibg = member.getByRole('listitem').filter({ hasText: 'Bij 2.1 helpt een voorbeeld' })
	await expect(fromKibg.getByText('Nieuw', { exact: true })).toBeVisible()
	// Opened is read: the menu no longer counts it.
	await expect(member.getByRole('link', { name: 'Berichten', exact: true })).toBeVisible()
	await expectAccessible(member)
	// An empty message is refused on the form, with the reason in Dutch.
	await member.getByRole('button', { name: 'Bericht versturen' }).click()
	await expect(member.getByText('Schrijf een bericht.').first()).toBeVisible()
	await member
		.getByLabel('Bericht', { exact: true })
		.fill('Dank u. Wij voegen ons werkproces toe als voorbeeld bij 2.1 en passen 1.1 aan.')
	await member
		.getByLabel('Bijlagen (niet verplicht)')
		.setInputFiles({ name: 'werkproces.pdf', mimeType: 'application/pdf', buffer: NOTE_PDF })
	await member.getByRole('button', { name: 'Bericht versturen' }).click()
	await expect(member.getByRole('status').filter({ hasText: 'Uw bericht is verstuurd.' })).toBeVisible()
	await expect(member.getByRole('link', { name: 'werkproces.pdf' })).toBeVisible()
	await expectAccessible(member)

	// The provider starts round 2 in the portal (a copy of round 1, documents included), changes 1.1
	// (autosaved) and submits it through the check page.
	const revisedText =
		'Wij hebben nu een schriftelijke werkafspraak met de huisartsen in de regio en evalueren die elk kwartaal.'
	await member.goto(`/aanbieder/${provider.providerId}/zelfevaluatie/${year}`)
	await member.getByRole('link', { name: 'Aangepaste zelfevaluatie starten' }).click()
	const revised = member.locator('#criterium-1\\.1')
	await revised.getByRole('textbox').first().fill(revisedText)
	await expect(revised.getByRole('status').first()).toContainText('Opgeslagen om')
	await member.goto(`/aanbieder/${provider.providerId}/zelfevaluatie/${year}/controle`)
	await member.getByRole('button', { name: 'Aangepaste zelfevaluatie indienen' }).click()
	await expect(member.getByText('Uw zelfevaluatie is ingediend.')).toBeVisible()
	await member.goto(`/aanbieder/${provider.providerId}/zelfevaluatie/${year}`)
	await expect(member.getByText(/Ingediend op .*wacht op beoordeling/).first()).toBeVisible()
	await providerContext.close()

	// Back in the workbench: round 2 is in the assessor's queue with the unread reply.
	await page.goto(`/medewerkers/werkbank?jaar=${year}&wachtrij=mijn`)
	const again = page.getByRole('row', { name: new RegExp(provider.name) })
	await expect(again).toContainText('1 ongelezen')
	await again.getByRole('link', { name: 'Ronde 2' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('ronde 2')
	// The round comparison (issue 12 §3): what changed, next to the feedback that asked for it.
	await expect(page.getByText('Vergelijking met ronde 1').first()).toBeVisible()
	await expect(page.getByText(/1 van de \d+ criteria is gewijzigd\./).first()).toBeVisible()
	await expect(page.getByText('schriftelijke werkafspraak').first()).toBeVisible()
	await expect(page.getByText('Beschrijf concreet hoe u met de huisarts samenwerkt.').first()).toBeVisible()
	// The reply is new to the assessor, with its attachment.
	const reply = panel.getByRole('listitem').filter({ hasText: 'Wij voegen ons werkproces toe' })
	await expect(reply.getByText('Nieuw', { exact: true })).toBeVisible()
	const attachment = await page.request.get(
		(await reply.getByRole('link', { name: 'werkproces.pdf' }).getAttribute('href')) ?? '',
	)
	expect(attachment.status()).toBe(200)
	expect((await attachment.body()).subarray(0, 5).toString()).toBe('%PDF-')
	await expectAccessible(page)

	await page.getByRole('button', { name: 'Alle overige voldoende' }).click()
	await page.getByRole('button', { name: 'Beoordeling opslaan' }).first().click()
	await expect(page.getByRole('status').filter({ hasText: 'Beoordeling opgeslagen.' })).toBeVisible()
	await page.getByRole('link', { name: 'Bekijk de gevolgen en bevestig' }).click()
	await expect(page.getByTestId('effect-facts')).toBeVisible()
	await page.getByRole('button', { name: 'Bevestigen: gekwalificeerd' }).click()
	await expect(page.getByText('Besluit: gekwalificeerd.')).toBeVisible()

	// The whole thread on its own page, read; every message in the audit trail.
	await page.goto(`/medewerkers/deelnames/${participationId}/berichten`)
	await expect(page.getByRole('heading', { level: 1 })).toContainText(provider.name)
	await expect(page.getByText('Nieuw', { exact: true })).toHaveCount(0)
	await expectAccessible(page)
	await page.goto(`/medewerkers/deelnames/${participationId}`)
	await expect(page.getByText(`KBG-${year}-`).first()).toBeVisible()
	await expect(page.getByRole('region', { name: 'Audittrail' })).toContainText(
		/Bericht in het gesprek geplaatst|conversation\.message/,
	)
})

test('an admin withdraws a carrier for an unpaid fee through the preview; a second assessor approves', async ({
	page,
	hooks,
}) => {
	test.setTimeout(240_000)
	// The fee of 2032 was invoiced on 2 March 2033 and is still unpaid in mid-May (beyond the grace).
	const providerName = `Praktijk Achterstand ${uniqueId()}`
	const { providerId } = await hooks.post<{ providerId: string }>('fixtures/fees-invoice', {
		year: 2032,
		providerName,
		kvkNumber: uniqueKvk(),
		member: { email: `achterstand-${uniqueId()}@praktijk.test`, password },
		turnoverCents: 80_000_00,
	})
	const { participationId } = await hooks.post<{ participationId: string }>('fixtures/submitted-participation', {
		year: 2033,
		providerId,
	})
	await hooks.setClock('2033-05-15T10:00:00+02:00')
	const admin = await hooks.createStaff('admin')
	await hooks.signIn(page, admin.email)
	await page.goto(`/medewerkers/deelnames/${participationId}`)
	await page.getByRole('link', { name: 'Keurmerk intrekken…' }).click()
	// An overdue invoice makes the reason available, never pre-selected; no date is chosen for you.
	await expect(page.getByLabel('Reden')).toHaveValue('')
	await expect(page.getByLabel('Ingangsdatum')).toHaveValue('')
	await page.getByLabel('Reden').selectOption('unpaid_fee')
	await page.getByLabel('Ingangsdatum').fill('2033-05-22')
	await page
		.getByLabel('Toelichting (komt in de brief)')
		.fill('De factuur voor de afdracht over 2032 is ondanks herinneringen niet betaald.')
	await page.getByRole('button', { name: 'Bekijk de gevolgen' }).click()
	await expect(page.getByTestId('effect-facts')).toContainText('verdwijnt uit het register per 22 mei 2033')
	await expect(page.getByTestId('preview-mail')).toContainText('intrekking')
	await expectAccessible(page)
	await page.getByRole('button', { name: 'Bevestigen: intrekking voorstellen' }).click()
	await expect(
		page.getByText('De intrekking is voorgesteld en wacht op goedkeuring door een tweede medewerker.'),
	).toBeVisible()

	// Four-eyes: a second staff member approves.
	const second = await hooks.createStaff('assessor')
	await hooks.signIn(page, second.email)
	await page.goto('/medewerkers/intrekkingen')
	await page
		.getByTestId('pending-proposals')
		.getByRole('link', { name: `${providerName} · 2033` })
		.click()
	await expectAccessible(page)
	await page.getByRole('button', { name: 'Goedkeuren: keurmerk intrekken en brief versturen' }).click()
	await expect(page.getByText('De intrekking is goedgekeurd en uitgevoerd.')).toBeVisible()
	await page.goto(`/medewerkers/deelnames/${participationId}`)
	await expect(page.getByTestId('listed-until')).toContainText('21 mei 2033')
	await expect(page.getByText('Ingetrokken').first()).toBeVisible()
})

test('the conversation works without JavaScript: an error keeps the text, a message is sent', async ({
	browser,
	hooks,
}) => {
	test.setTimeout(120_000)
	const provider = await hooks.createProvider({ name: `Praktijk Zonder Script ${uniqueId()}` })
	await hooks.post('fixtures/submitted-participation', { year: 2034, providerId: provider.providerId })
	const context = await browser.newContext({ javaScriptEnabled: false })
	const page = await context.newPage()
	await hooks.signIn(page, provider.email)
	await page.goto(`/aanbieder/${provider.providerId}/berichten`)
	await expect(page).toHaveURL(new RegExp(`/aanbieder/${provider.providerId}/berichten/2034$`))
	// A control character is refused on the form, and what was typed comes back.
	await page.getByLabel('Bericht', { exact: true }).fill('Een vraag over norm 3\u0007 en de website.')
	await page.getByRole('button', { name: 'Bericht versturen' }).click()
	await expect(page.getByRole('alert')).toBeVisible()
	await expect(page.getByLabel('Bericht', { exact: true })).toHaveValue('Een vraag over norm 3 en de website.')
	// (axe needs scripts; the same page passed axe in the journey above)
	await page.getByLabel('Bericht', { exact: true }).fill('Een vraag over norm 3 en de website.')
	await page.getByRole('button', { name: 'Bericht versturen' }).click()
	await expect(page.getByText('Uw bericht is verstuurd.')).toBeVisible()
	await expect(page.getByRole('listitem').filter({ hasText: 'Een vraag over norm 3 en de website.' })).toBeVisible()
	await context.close()
})
