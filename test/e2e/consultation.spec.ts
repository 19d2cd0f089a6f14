import { pdfText } from '../fixtures/mail-smtp.ts'
import { expect, expectAccessible, test, uniqueId } from './fixtures.ts'

// Issue 18 in Chromium. (a) The office opens a consultation on the 2028 draft, a carrier and an
// invited insurer react per norm and criterion, the office records considerations and decisions
// and publishes the norms: "Wijzigingen en overwegingen" appears under /normen/2028, as a page and
// a PDF. (b) Two carriers join the kennisnetwerk; one finds the other for a theme and sends a
// request, which the other's contact receives by mail; a third carrier that did not join is never
// shown. Axe on every screen.

const year = 2028
const norm = 'short-generalist-treatment'

test('(a) consultation on the 2028 draft: reactions, decisions, and the changes document', async ({
	page,
	hooks,
	browser,
}) => {
	test.setTimeout(240_000) // one long journey through three accounts; the machine is sometimes shared
	await hooks.post('fixtures/consultation-years', { year, at: '2027-02-20T10:00:00+01:00' })
	const admin = await hooks.createStaff('admin')
	await hooks.signIn(page, admin.email)

	// The office opens the consultation.
	await page.goto('/medewerkers/consultaties')
	await expect(page.getByRole('heading', { name: 'Consultaties', level: 1 })).toBeVisible()
	await expectAccessible(page)
	await page.getByLabel('Conceptnormen van').selectOption(String(year))
	await page.getByLabel('Open vanaf').fill('2027-03-01')
	await page.getByLabel('Open tot en met').fill('2027-03-31')
	await page.getByLabel('Inleiding').fill('Het concept legt meer nadruk op kortdurend en generalistisch behandelen.')
	await page.getByLabel('Aantal organisaties dat het concept ontving').fill('400')
	await page.getByLabel('Bijeenkomsten').fill('2027-03-15 | online werkconferentie | 30')
	await page.getByRole('button', { name: 'Consultatie aanmaken' }).click()
	await expect(page.getByText('De consultatie is aangemaakt.')).toBeVisible()
	await expect(
		page.getByRole('heading', { name: `Consultatie conceptnormen Keurmerk Kortdurende Generalistische GGZ ${year}` }),
	).toBeVisible()
	await expectAccessible(page)

	// …and invites an insurer by e-mail.
	const insurerEmail = `inkoop-${uniqueId()}@verzekeraar.test`
	await page.goto('/medewerkers/consultaties/organisaties')
	await page.getByLabel('Naam van de organisatie').fill('Zorgverzekeraar Zuid')
	await page.getByLabel('Soort organisatie').selectOption('insurer')
	await page.getByLabel('Contactpersoon', { exact: true }).fill('Ina Inkoop')
	await page.getByLabel('E-mailadres van de contactpersoon').fill(insurerEmail)
	await page.getByRole('button', { name: 'Uitnodiging versturen' }).click()
	await expect(page.getByText(`Uitnodiging verstuurd naar ${insurerEmail}.`)).toBeVisible()
	await expectAccessible(page)
	const invitation = await hooks.get<{ template: string }[]>(`outbox?to=${encodeURIComponent(insurerEmail)}`)
	expect(invitation.map((mail) => mail.template)).toContain('invitation')

	// A carrier reacts in the window: the four qualities and a text per criterion, then sends.
	await hooks.setClock('2027-03-10T10:00:00+01:00')
	const carrier = await hooks.createProvider({ name: `Praktijk Consultatie ${uniqueId()}` })
	await hooks.post('fixtures/consultation-carrier', { providerId: carrier.providerId, year: year - 1 })
	const carrierContext = await browser.newContext()
	const carrierPage = await carrierContext.newPage()
	await hooks.signIn(carrierPage, carrier.email)
	await carrierPage.goto('/consultatie')
	await carrierPage.getByRole('link', { name: `Conceptnormen ${year}` }).click()
	await expect(carrierPage.getByRole('heading', { level: 1 })).toContainText(`Conceptnormen`)
	await expect(carrierPage.getByRole('row', { name: /Norm 2\./ }).getByText('Gewijzigd t.o.v. 2027')).toBeVisible()
	await expectAccessible(carrierPage)
	await carrierPage.getByRole('link', { name: /^Norm 2\./ }).click()
	await expectAccessible(carrierPage)
	await carrierPage.getByRole('group', { name: 'Duidelijkheid' }).getByLabel('2', { exact: true }).check()
	await carrierPage.getByRole('group', { name: 'Werkbaarheid' }).getByLabel('4', { exact: true }).check()
	await carrierPage
		.getByLabel('Toelichting op norm 2')
		.fill('De 800 minuten zijn helder; de evaluatie vraagt extra registratie.')
	await carrierPage.getByLabel('Uw reactie op criterium 2.1').fill('Graag ook in sessies uitdrukken.')
	// Typed but not saved: a reload (as after a closed browser) puts it back and says so.
	await carrierPage.reload()
	await expect(carrierPage.getByText(/nog niet opsloeg, is teruggezet/)).toBeVisible()
	await expect(carrierPage.getByLabel('Uw reactie op criterium 2.1')).toHaveValue('Graag ook in sessies uitdrukken.')
	await expect(carrierPage.getByRole('group', { name: 'Werkbaarheid' }).getByLabel('4', { exact: true })).toBeChecked()
	await carrierPage.getByRole('button', { name: 'Opslaan als concept' }).click()
	await expect(carrierPage.getByText('Opgeslagen.')).toBeVisible()
	await expect(carrierPage.getByLabel('Uw reactie op criterium 2.1')).toHaveValue('Graag ook in sessies uitdrukken.')
	// Saved: the draft is spent; a reload shows the saved text without a notice.
	await carrierPage.reload()
	await expect(carrierPage.getByText(/is teruggezet/)).toHaveCount(0)
	await expect(carrierPage.getByLabel('Uw reactie op criterium 2.1')).toHaveValue('Graag ook in sessies uitdrukken.')
	await carrierPage.getByRole('link', { name: /Terug naar de conceptnormen/ }).click()
	await carrierPage.getByLabel(/KiBG mag mijn reactie/).check()
	await carrierPage.getByRole('button', { name: 'Reactie versturen' }).click()
	await expect(carrierPage.getByText('Uw reactie is verstuurd.')).toBeVisible()
	await expectAccessible(carrierPage)
	const receipt = await hooks.get<{ template: string }[]>(`outbox?to=${encodeURIComponent(carrier.email)}`)
	expect(receipt.map((mail) => mail.template)).toContain('consultation_receipt')

	// The invited insurer reacts too, and sees nothing but consultations.
	const insurerContext = await browser.newContext()
	const insurerPage = await insurerContext.newPage()
	await hooks.signIn(insurerPage, insurerEmail)
	await insurerPage.goto('/')
	await insurerPage.goto('/consultatie')
	await expect(insurerPage.getByText('Welkom, Zorgverzekeraar Zuid.')).toBeVisible()
	await expect(
		insurerPage.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Consultatie' }),
	).toBeVisible()
	await insurerPage.goto(`/consultatie/${year}/norm/${norm}`)
	// The carrier's draft and sent texts are not in the insurer's page.
	await expect(insurerPage.getByText('Graag ook in sessies uitdrukken.')).toHaveCount(0)
	await insurerPage.getByLabel('Uw reactie op criterium 2.1').fill('Als inkoper steunen wij de 800 minuten.')
	await insurerPage.getByRole('button', { name: 'Opslaan als concept' }).click()
	await expect(insurerPage.getByText('Opgeslagen.')).toBeVisible()
	await insurerPage.goto(`/consultatie/${year}`)
	await insurerPage.getByRole('button', { name: 'Reactie versturen' }).click()
	await expect(insurerPage.getByText('Uw reactie is verstuurd.')).toBeVisible()
	const providerPage = await insurerPage.goto(`/aanbieder/${carrier.providerId}`)
	expect(providerPage?.status()).toBe(404)
	const staffPage = await insurerPage.goto('/medewerkers')
	expect(staffPage?.status()).toBe(404)
	await insurerContext.close()
	await carrierContext.close()

	// After the window the office weighs the reactions and records its decision.
	await hooks.setClock('2027-04-05T10:00:00+02:00')
	await page.goto(`/medewerkers/consultaties/${year}/reacties?punt=${encodeURIComponent(`norm:${norm}`)}`)
	await expect(page.getByText('De 800 minuten zijn helder; de evaluatie vraagt extra registratie.')).toBeVisible()
	await expect(page.getByText('Als inkoper steunen wij de 800 minuten.')).toBeVisible()
	await expectAccessible(page)
	const normPoint = page.locator(`section[id="punt-norm:${norm}"]`)
	await normPoint
		.getByLabel('Overweging')
		.fill('De meeste reacties steunen de 800 minuten; de evaluatie blijft jaarlijks.')
	await normPoint.getByLabel('Besluit').selectOption('changed')
	await normPoint.getByLabel('Nieuwe tekst').fill('Generalistisch, kortdurend behandelen')
	await normPoint.getByRole('button', { name: 'Vastleggen' }).click()
	await expect(page.getByText('Overweging en besluit vastgelegd.')).toBeVisible()
	await page
		.locator(`section[id="punt-norm:${norm}"]`)
		.getByRole('button', { name: 'Citeren in het overzicht' })
		.click()
	await expect(page.getByText('Citaat bijgewerkt.')).toBeVisible()
	const criterionPoint = page.locator('section[id="punt-criterion:treatment-800-minutes"]')
	await criterionPoint.getByLabel('Overweging').fill('Sessies overwegen we voor volgend jaar; de minuten blijven.')
	await criterionPoint.getByRole('button', { name: 'Vastleggen' }).click()
	await expect(page.getByText('Overweging en besluit vastgelegd.')).toBeVisible()

	// The editor shows the reactions beside each criterion; publishing adopts the document.
	await page.goto(`/medewerkers/normen/${year}?norm=${norm}`)
	await expect(page.getByRole('complementary', { name: 'Reacties uit de consultatie' }).first()).toBeVisible()
	await expect(page.getByText('Graag ook in sessies uitdrukken.')).toBeVisible()
	await expectAccessible(page)
	await page.goto(`/medewerkers/normen/${year}`)
	await page.getByRole('button', { name: 'Normenset publiceren' }).click()
	await expect(page.getByText('Gepubliceerd', { exact: true }).first()).toBeVisible()

	await page.goto(`/normen/${year}`)
	await page.getByRole('link', { name: `Lees de wijzigingen en overwegingen ${year}` }).click()
	await expect(page).toHaveURL(new RegExp(`/normen/${year}/wijzigingen$`))
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`Wijzigingen en overwegingen`)
	await expect(page.getByText(/naar ongeveer 400 organisaties/)).toBeVisible()
	await expect(
		page.getByText('De meeste reacties steunen de 800 minuten; de evaluatie blijft jaarlijks.'),
	).toBeVisible()
	await expect(page.getByText('“De 800 minuten zijn helder; de evaluatie vraagt extra registratie.”')).toBeVisible()
	await expectAccessible(page)
	const pdf = await page.request.get(`/normen/${year}/wijzigingen.pdf`)
	expect(pdf.headers()['content-type']).toBe('application/pdf')
	const words = pdfText(await pdf.body()).replace(/\s+/g, ' ')
	expect(words).toContain('1. Consultatietraject')
	expect(words).toContain('De meeste reacties steunen de 800 minuten')
	expect(words).toContain('Nieuwe tekst: Generalistisch, kortdurend behandelen')
})

test('(b) kennisnetwerk: a match, a request by mail, and a carrier that did not join stays invisible', async ({
	page,
	hooks,
	browser,
}) => {
	const networkYear = 2061
	const learner = await hooks.createProvider({ name: `Praktijk Leergierig ${uniqueId()}` })
	const teacher = await hooks.createProvider({ name: `Praktijk Leermeester ${uniqueId()}` })
	const outsider = await hooks.createProvider({ name: `Praktijk Buitenstaander ${uniqueId()}` })
	await hooks.post('fixtures/network-carrier', {
		providerId: learner.providerId,
		year: networkYear,
		learn: ['Groepsbehandeling'],
		teach: ['Samen beslissen'],
		postcode: '3511 AB',
	})
	await hooks.post('fixtures/network-carrier', {
		providerId: teacher.providerId,
		year: networkYear,
		learn: ['Samen beslissen'],
		teach: ['Groepsbehandeling'],
		postcode: '3811 CD',
	})
	await hooks.post('fixtures/network-carrier', {
		providerId: outsider.providerId,
		year: networkYear,
		learn: ['Samen beslissen'],
		teach: ['Groepsbehandeling'],
		postcode: '3512 AA',
	})

	const join = async (target: typeof learner, targetPage: typeof page) => {
		await hooks.signIn(targetPage, target.email)
		await targetPage.goto(`/aanbieder/${target.providerId}`)
		await targetPage.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kennisnetwerk' }).click()
		await expect(targetPage.getByRole('heading', { name: 'Kennisnetwerk', level: 1 })).toBeVisible()
		await expectAccessible(targetPage)
		await targetPage.getByRole('button', { name: 'Meedoen' }).click()
		await expect(targetPage.getByText('Uw deelname aan het kennisnetwerk is opgeslagen.')).toBeVisible()
	}
	const teacherContext = await browser.newContext()
	const teacherPage = await teacherContext.newPage()
	await join(teacher, teacherPage)
	await join(learner, page)

	// The learner sees the teacher for group treatment, and never the carrier that did not join.
	const group = page
		.getByRole('article')
		.filter({ has: page.getByRole('heading', { name: 'U wilt leren: Groepsbehandeling' }) })
	await expect(group.getByText(teacher.name)).toBeVisible()
	await expect(page.getByText(outsider.name)).toHaveCount(0)
	await expectAccessible(page)
	await group.getByText('Verzoek sturen').click()
	await group.getByLabel('Uw bericht').fill('Wij starten een groepstraining en horen graag hoe u dat aanpakt.')
	await group.getByRole('button', { name: 'Verstuur verzoek' }).click()
	await expect(page.getByText('Uw verzoek is verstuurd.')).toBeVisible()
	await expectAccessible(page)

	// The teacher's contact gets the mail; the learner's contact is not in it.
	const mails = await hooks.get<{ template: string; text: string }[]>(`outbox?to=${encodeURIComponent(teacher.email)}`)
	const request = mails.find((mail) => mail.template === 'network_request')
	expect(request?.text).toContain(learner.name)
	expect(request?.text).toContain('Wij starten een groepstraining')
	expect(request?.text).not.toContain(learner.email)

	// The teacher accepts; then both see each other's contact.
	await teacherPage.reload()
	await expect(teacherPage.getByText(outsider.name)).toHaveCount(0)
	await teacherPage.getByRole('button', { name: 'Aannemen en contactgegevens delen' }).click()
	await expect(teacherPage.getByText('Uw antwoord is verstuurd.')).toBeVisible()
	await expectAccessible(teacherPage)
	await page.reload()
	await expect(page.getByText(new RegExp(`Contactpersoon: .*${teacher.email.replace(/[.]/g, '\\.')}`))).toBeVisible()
	await teacherContext.close()

	// The carrier that did not join sees nobody.
	const outsiderContext = await browser.newContext()
	const outsiderPage = await outsiderContext.newPage()
	await hooks.signIn(outsiderPage, outsider.email)
	await outsiderPage.goto(`/aanbieder/${outsider.providerId}/kennisnetwerk`)
	await expect(outsiderPage.getByRole('heading', { name: 'Meedoen aan het kennisnetwerk' })).toBeVisible()
	await expect(outsiderPage.getByText(teacher.name)).toHaveCount(0)
	await expect(outsiderPage.getByText(learner.name)).toHaveCount(0)
	await outsiderContext.close()
})
