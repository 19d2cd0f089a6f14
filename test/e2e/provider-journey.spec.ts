import { test } from './fixtures.ts'
import { applySignAndList } from './journeys/onboarding.ts'
import { selfEvaluateToCertificate } from './journeys/self-evaluation.ts'

// Issue 4, end to end in Chromium: a new provider applies → follows the invitation → signs the
// agreement → is listed on 1 January → fills in its self-evaluation with uploads → submits → revises
// on request → is qualified → downloads its certificate.
test('a new provider goes from application to certificate', async ({ page, hooks, browser }) => {
	test.setTimeout(600_000) // one long journey; the machine is sometimes shared
	const year = 2071
	const provider = await applySignAndList(page, hooks, year)
	await hooks.setClock(`${year}-01-15T10:00:00+01:00`)
	await selfEvaluateToCertificate(page, hooks, browser, provider, year)
})
