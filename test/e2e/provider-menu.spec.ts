// Issue 13 (mobile and desktop navigation): ten provider items wrapped onto two rows at 1280 px;
// what is done once a year or less sits behind "Meer", as in the staff menu.
import { expect, expectAccessible, test } from './fixtures.ts'

test('the provider menu fits on one row at 1280 px and every item works', async ({ page, hooks }) => {
	await page.setViewportSize({ width: 1280, height: 800 })
	const provider = await hooks.createProvider()
	await hooks.signIn(page, provider.email)
	for (const language of ['nl', 'en']) {
		await page.goto(`/aanbieder/${provider.providerId}`)
		if (language === 'en') await page.getByRole('button', { name: 'English' }).click()
		const menu = page.getByRole('navigation', { name: language === 'nl' ? 'Hoofdmenu' : 'Main menu' })
		const bar = menu.locator('.main-nav__list > li')
		await expect(bar).toHaveCount(7)
		const boxes = await bar.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect()))
		const tops = new Set(boxes.map((box) => Math.round(box.top)))
		expect(tops.size, `${language}: rows at ${[...tops].join(', ')}`).toBe(1)
		expect(Math.max(...boxes.map((box) => box.right))).toBeLessThanOrEqual(1280)
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)
	}
	await expectAccessible(page)
	const menu = page.getByRole('navigation', { name: 'Main menu' })
	await menu.locator('.main-nav__more summary').click()
	await expect(menu.locator('.main-nav__more-list a')).toHaveCount(4)
	for (const link of await menu.locator('.main-nav__more-list a').all()) await expect(link).toBeVisible()
	const targets = await menu.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))
	expect(targets).toHaveLength(10)
	for (const target of targets) expect((await page.goto(target!))?.status(), target!).toBeLessThan(400)
})
