import type { Page } from '@playwright/test'
import { expectEnglish } from './english.ts'
import { expect, expectAccessible, test, uniqueId } from './fixtures.ts'

// Issue 13, done when: a visitor finds a carrier with a typo and a place's other name, in Dutch and
// in English (chosen with the language switch, as a visitor does), at 1280 and 390 px. The first
// result is within the first screen, the filters fold, the carrier page shows its location, what
// "Keurmerkdrager" and "Gekwalificeerd" mean, the live certificate check and the badge; axe on
// every page, and on the English pages no Dutch word, Dutch date or wrong plural.

const YEAR = 2079

const TEXT = {
	nl: {
		nav: 'Hoofdmenu',
		register: 'Keurmerkregister',
		title: `Keurmerkregister ${YEAR} · Keurmerkportaal`,
		query: 'Naam of plaats',
		search: 'Zoeken',
		found: '1 aanbieder gevonden',
		filters: 'Filters en sortering',
		type: 'Soort aanbieder',
		alias: 'den bosch',
		qualified: 'Gekwalificeerd',
		qualifiedText: `Gekwalificeerd voor ${YEAR} op 10 februari ${YEAR}`,
		legend: 'Wat betekenen Keurmerkdrager en Gekwalificeerd?',
		// The year's own deadline (a setting), inclusive: never a fixed "vóór 1 april".
		legendListed: `zich uiterlijk 31 maart ${YEAR} kwalificeren`,
		location: 'Vestiging',
		others: "Andere keurmerkdragers in 's-Hertogenbosch",
		verify: (number: string) => `Certificaat ${number} controleren`,
		valid: (number: string) => `Certificaat ${number}: Geldig`,
		validUntil: `31 december ${YEAR}`,
		snippet: 'HTML-code om op uw website te plakken',
		badgeStatus: `Gekwalificeerd ${YEAR}`,
	},
	en: {
		nav: 'Main menu',
		register: 'Quality mark register',
		title: `Quality mark register ${YEAR} · Quality Mark Portal`,
		query: 'Name or city',
		search: 'Search',
		found: '1 provider found',
		filters: 'Filters and sorting',
		type: 'Type of provider',
		alias: 'the hague',
		qualified: 'Qualified',
		qualifiedText: `Qualified for ${YEAR} on 10 February ${YEAR}`,
		legend: 'What do Carrier and Qualified mean?',
		legendListed: `qualify with a self-evaluation by 31 March ${YEAR}`,
		location: 'Location',
		others: "Other carriers in 's-Hertogenbosch",
		verify: (number: string) => `Verify certificate ${number}`,
		valid: (number: string) => `Certificate ${number}: Valid`,
		validUntil: `31 December ${YEAR}`,
		snippet: 'HTML code to paste into your website',
		badgeStatus: `Qualified ${YEAR}`,
	},
} as const

const VIEWPORTS = [
	{ name: 'desktop', width: 1280, height: 800 },
	{ name: 'phone', width: 390, height: 844 },
] as const

/** On a phone the menu (and the language switch with it) folds behind one button. */
async function openMenu(page: Page, phone: boolean) {
	if (!phone) return
	const menu = page.getByRole('button', { name: 'Menu' })
	if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click()
	await expect(menu).toHaveAttribute('aria-expanded', 'true')
}

for (const locale of ['nl', 'en'] as const)
	for (const viewport of VIEWPORTS) {
		test(`${locale}, ${viewport.width} px: a visitor finds a carrier with a typo and a place's other name`, async ({
			page,
			hooks,
		}) => {
			test.setTimeout(240_000)
			const w = TEXT[locale]
			const phone = viewport.name === 'phone'
			await page.setViewportSize({ width: viewport.width, height: viewport.height })
			const prefix = `Reis ${uniqueId()}`
			const scenario = await hooks.post<{ qualified: { slug: string; name: string; certificateNumber: string }[] }>(
				'fixtures/register-year',
				{
					year: YEAR,
					prefix,
					qualified: [
						{ name: `${prefix} Praktijk Visser`, city: 'Utrecht', postcode: '3511 AX', type: 'independent_practice' },
						{ name: `${prefix} Perspectief`, city: "'s-Hertogenbosch", postcode: '5211 KH', type: 'institution' },
						{ name: `${prefix} Hofstad`, city: 'Den Haag', postcode: '2511 CV', type: 'independent_practice' },
					],
				},
			)
			const [visser, perspectief, hofstad] = scenario.qualified
			if (!visser || !perspectief || !hofstad) throw new Error('scenario')
			// Carrier names, places and the mark's name are content: they stay as they are in English.
			const content = [prefix, 'Praktijk Visser', 'Perspectief', 'Hofstad', "'s-Hertogenbosch", 'Den Haag']
			content.push('Utrecht', 'Noord-Brabant', 'Zuid-Holland', 'Keurmerk Kortdurende Generalistische GGZ')
			await hooks.setClock(`${YEAR}-05-01T10:00:00Z`)

			// The home page; an English visitor chooses English with the switch in the header.
			await page.goto('/')
			if (phone) {
				// The menu: one button instead of rows of links, a disclosure that Escape closes.
				const menu = page.getByRole('button', { name: 'Menu' })
				await expect(menu).toHaveAttribute('aria-expanded', 'false')
				await expect(page.getByRole('navigation', { name: TEXT.nl.nav })).toBeHidden()
				await menu.focus()
				await page.keyboard.press('Enter')
				await expect(menu).toHaveAttribute('aria-expanded', 'true')
				await expectAccessible(page)
				await page.keyboard.press('Escape')
				await expect(menu).toHaveAttribute('aria-expanded', 'false')
				await expect(menu).toBeFocused()
			}
			if (locale === 'en') {
				await openMenu(page, phone)
				await page.getByRole('button', { name: 'English' }).click()
				await expect(page.locator('html')).toHaveAttribute('lang', 'en')
				await expectEnglish(page, content)
			}
			await openMenu(page, phone)
			await page.getByRole('navigation', { name: w.nav }).getByRole('link', { name: w.register }).click()
			await expect(page).toHaveURL(/\/register$/)
			await expect(page).toHaveTitle(w.title)

			// A typo: "Visr" (with the prefix, the other tests' carriers stay out of this search).
			await page.getByLabel(w.query).fill(`${prefix} Visr`)
			await page.getByRole('button', { name: w.search, exact: true }).click()
			await expect(page.getByText(w.found, { exact: true })).toBeVisible()
			const first = page.getByRole('link', { name: visser.name })
			await expect(first).toBeVisible()
			// Near the top: within the first screen, on a phone too.
			const box = await first.boundingBox()
			expect(box?.y ?? Infinity).toBeLessThan(viewport.height)
			// The filters fold away (shut while none is set) and unfold on demand.
			const filters = page.getByText(w.filters, { exact: true })
			const type = page.getByLabel(w.type)
			await expect(type).toBeHidden()
			await filters.click()
			await expect(type).toBeVisible()
			await expectAccessible(page)
			await filters.click()
			await expect(type).toBeHidden()
			if (locale === 'en') await expectEnglish(page, content)

			// A place's other name: an English visitor's "the hague" finds Den Haag …
			await page.getByLabel(w.query).fill(`${prefix} ${w.alias}`)
			await page.getByRole('button', { name: w.search, exact: true }).click()
			await expect(page.getByText(w.found, { exact: true })).toBeVisible()
			await expect(page.getByRole('link', { name: locale === 'en' ? hofstad.name : perspectief.name })).toBeVisible()
			// … and "den bosch" finds 's-Hertogenbosch, in either language.
			if (locale === 'en') {
				await page.getByLabel(w.query).fill(`${prefix} den bosch`)
				await page.getByRole('button', { name: w.search, exact: true }).click()
				await expect(page.getByText(w.found, { exact: true })).toBeVisible()
			}
			await expect(page.getByText("'s-Hertogenbosch").first()).toBeVisible()
			await expectAccessible(page)

			// The carrier page: status with its date, what the statuses mean, location, certificate, badge.
			await page.getByRole('link', { name: perspectief.name }).click()
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(perspectief.name)
			await expect(page).toHaveTitle(new RegExp(`^${perspectief.name} · ${w.register}`))
			await expect(page.getByText(w.qualifiedText)).toBeVisible()
			const legend = page.getByText(w.legend, { exact: true })
			await legend.click()
			await expect(page.getByText(w.legendListed)).toBeVisible()
			const location = page.getByRole('region', { name: w.location })
			await expect(location).toContainText("5211 KH 's-Hertogenbosch")
			await expect(location).toContainText('Noord-Brabant')
			await expect(location.getByRole('link', { name: w.others })).toBeVisible()
			const snippet = await page.getByLabel(w.snippet).inputValue()
			expect(snippet).toContain(`/register/${perspectief.slug}/badge.svg${locale === 'en' ? '?lang=en' : ''}"`)
			const badge = await page.request.get(
				`/register/${perspectief.slug}/badge.svg${locale === 'en' ? '?lang=en' : ''}`,
			)
			expect(await badge.text()).toContain(w.badgeStatus)
			await expectAccessible(page)
			if (locale === 'en') await expectEnglish(page, content)

			// The live certificate check, from the carrier page.
			await page.getByRole('link', { name: w.verify(perspectief.certificateNumber) }).click()
			await expect(page.getByRole('heading', { level: 2, name: w.valid(perspectief.certificateNumber) })).toBeVisible()
			await expect(page.getByText(w.validUntil).first()).toBeVisible()
			await expectAccessible(page)
			if (locale === 'en') await expectEnglish(page, [...content, perspectief.certificateNumber])
		})
	}
