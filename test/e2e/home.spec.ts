import type { Page } from '@playwright/test'
import { expectEnglish } from './english.ts'
import { expect, expectAccessible, test } from './fixtures.ts'

// The start page tells providers the qualification deadline ahead, read from the year's dates
// (KiBG has moved them; DOMAIN.md §3) at the server's clock in Europe/Amsterdam — not "before
// 1 April" as fixed text — and still makes sense when no year is set yet.

const providers = (page: Page, heading: string) => page.getByRole('region', { name: heading })

test('the start page names the year’s own qualification deadline, in Dutch and English', async ({ page, hooks }) => {
	const nl = 'Voor zorgaanbieders'
	// No year set for the running year or the next: no date, but what a provider does each year.
	await hooks.setClock('2053-06-01T10:00:00+02:00')
	await page.goto('/')
	await expect(providers(page, nl)).toContainText(
		'Vraag het keurmerk aan, teken de overeenkomst en vul elk jaar vóór de kwalificatiedeadline van dat jaar uw zelfevaluatie in.',
	)
	await expect(providers(page, nl)).not.toContainText('1 april')

	// 2050 moved its deadline to 14 April: the page says so, up to the last second of that day.
	await hooks.post('fixtures/mark-year', { year: 2050, qualificationDeadline: '2050-04-14' })
	await hooks.setClock('2050-02-01T10:00:00+01:00')
	await page.goto('/')
	await expect(providers(page, nl)).toContainText(
		'Vraag het keurmerk aan, teken de overeenkomst en vul uiterlijk 14 april 2050 uw zelfevaluatie in.',
	)
	await expectAccessible(page)
	await hooks.setClock('2050-04-14T23:59:59+02:00')
	await page.goto('/')
	await expect(providers(page, nl)).toContainText('uiterlijk 14 april 2050')

	// From 15 April 00:00 Amsterdam it has passed; 2051 is not set yet.
	await hooks.setClock('2050-04-15T00:00:00+02:00')
	await page.goto('/')
	await expect(providers(page, nl)).toContainText('vóór de kwalificatiedeadline van dat jaar')
	// Once 2051 is set, its deadline is the one ahead.
	await hooks.post('fixtures/mark-year', { year: 2051 })
	await page.goto('/')
	await expect(providers(page, nl)).toContainText('uiterlijk 31 maart 2051 uw zelfevaluatie in.')

	// The same in English, chosen with the switch in the header.
	await page.getByRole('button', { name: 'English' }).click()
	await expect(page.locator('html')).toHaveAttribute('lang', 'en')
	const en = 'For care providers'
	await expect(providers(page, en)).toContainText(
		'Apply for the mark, sign the agreement and submit your self-evaluation by 31 March 2051.',
	)
	await expectEnglish(page, ['Keurmerk Kortdurende Generalistische GGZ'])
	await hooks.setClock('2053-06-01T10:00:00+02:00')
	await page.goto('/')
	await expect(providers(page, en)).toContainText(
		"Apply for the mark, sign the agreement and submit your self-evaluation before each year's qualification deadline.",
	)
	await expectEnglish(page, ['Keurmerk Kortdurende Generalistische GGZ'])
})
