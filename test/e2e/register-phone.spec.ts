import { expect, expectAccessible, test, uniqueId } from './fixtures.ts'

// Issue 13 on a phone (390 px): a visitor opens the menu, finds a carrier with a typo and another
// through a place's other name, and the first result is near the top; axe on every page.

const YEAR = 2079

test.use({ viewport: { width: 390, height: 844 } })

test('on a phone a visitor finds a carrier with a typo and a place alias', async ({ page, hooks }) => {
	test.setTimeout(180_000)
	const prefix = `Telefoon ${uniqueId()}`
	await hooks.post('fixtures/register-year', {
		year: YEAR,
		prefix,
		qualified: [
			{ name: `${prefix} Praktijk Visser`, city: 'Utrecht', postcode: '3511 AX', type: 'independent_practice' },
			{ name: `${prefix} Perspectief`, city: "'s-Hertogenbosch", postcode: '5211 KH', type: 'independent_practice' },
		],
	})
	await hooks.setClock(`${YEAR}-05-01T10:00:00Z`)

	// The menu: one button instead of rows of links, a disclosure that Escape closes.
	await page.goto('/')
	const menu = page.getByRole('button', { name: 'Menu' })
	await expect(menu).toHaveAttribute('aria-expanded', 'false')
	await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeHidden()
	await menu.focus()
	await page.keyboard.press('Enter')
	await expect(menu).toHaveAttribute('aria-expanded', 'true')
	await expectAccessible(page)
	await page.keyboard.press('Escape')
	await expect(menu).toHaveAttribute('aria-expanded', 'false')
	await expect(menu).toBeFocused()
	await menu.click()
	await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Keurmerkregister' }).click()
	await expect(page).toHaveURL(/\/register$/)
	await expect(menu).toHaveAttribute('aria-expanded', 'false')

	// A typo: "Visr" (with the year, the other tests' carriers stay out of this search).
	await page.getByLabel('Naam of plaats').fill(`${prefix} Visr`)
	await page.getByRole('button', { name: 'Zoeken', exact: true }).click()
	await expect(page.getByText('1 aanbieder gevonden')).toBeVisible()
	const first = page.getByRole('link', { name: `${prefix} Praktijk Visser` })
	await expect(first).toBeVisible()
	// Near the top: within the first screen of a phone.
	const box = await first.boundingBox()
	expect(box?.y ?? Infinity).toBeLessThan(844)
	await expectAccessible(page)

	// A place's other name: "den bosch" finds 's-Hertogenbosch.
	await page.getByLabel('Naam of plaats').fill(`${prefix} den bosch`)
	await page.getByRole('button', { name: 'Zoeken', exact: true }).click()
	await expect(page.getByText('1 aanbieder gevonden')).toBeVisible()
	await expect(page.getByText("'s-Hertogenbosch").first()).toBeVisible()
	await page.getByRole('link', { name: `${prefix} Perspectief` }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${prefix} Perspectief`)
	await expect(page.getByText("5211 KH 's-Hertogenbosch")).toBeVisible()
	await expectAccessible(page)
})
