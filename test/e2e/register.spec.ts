import fc from 'fast-check'
import { expect, expectAccessible, test, uniqueId } from './fixtures.ts'

// Issue 6 in Chromium: the public register — search by name, filter by city and type, open a
// carrier, verify its certificate, see a withdrawn carrier gone from the register (its own page says so) — with axe on every
// page; the search without JavaScript; and fuzzed URLs against the real server.

const YEAR = 2077

interface Scenario {
	qualified: { slug: string; name: string; certificateNumber: string }[]
	withdrawn: { slug: string; name: string; certificateNumber: string }
}

test('a visitor searches the register, filters, opens a carrier and verifies certificates', async ({ page, hooks }) => {
	test.setTimeout(180_000)
	const prefix = `Regtest ${uniqueId()}`
	const scenario = await hooks.post<Scenario>('fixtures/register-year', {
		year: YEAR,
		prefix,
		qualified: [
			{
				name: `${prefix} Praktijk Linde`,
				city: 'Zwolle',
				postcode: '8011 AB',
				type: 'independent_practice',
				website: 'https://linde.example.nl',
			},
			{ name: `${prefix} GGZ Instelling`, city: 'Zwolle', postcode: '8012 CD', type: 'institution' },
			{ name: `${prefix} Instelling Elders`, city: 'Utrecht', postcode: '3511 AB', type: 'institution' },
		],
	})
	const [linde, instelling] = scenario.qualified
	if (!linde || !instelling) throw new Error('scenario')
	await hooks.setClock(`${YEAR}-05-01T10:00:00Z`)

	// Search by name from the home page.
	await page.goto('/')
	await expectAccessible(page)
	await page.getByLabel('Naam of plaats').fill(linde.name)
	await page.getByRole('button', { name: 'Zoeken in het register' }).click()
	await expect(page).toHaveURL(/\/register\?q=/)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Keurmerkregister ${YEAR}`)
	await expect(page.getByText('1 aanbieder gevonden')).toBeVisible()
	await expect(page.getByRole('link', { name: linde.name })).toBeVisible()
	await expectAccessible(page)

	// Filter by city and type (the name prefix keeps other tests' carriers out).
	await page.goto('/register')
	await page.getByLabel('Naam of plaats').fill(prefix)
	// The filters fold away below the search field (issue 13: the results first on a phone).
	await page.getByText('Filters en sortering').click()
	await page.getByLabel('Plaats', { exact: true }).fill('Zwolle')
	await page.getByLabel('Soort aanbieder').selectOption('institution')
	await page.getByRole('button', { name: 'Zoeken', exact: true }).click()
	await expect(page).toHaveURL(/plaats=Zwolle/)
	await expect(page.getByText('1 aanbieder gevonden')).toBeVisible()
	const results = page.getByRole('list').filter({ has: page.getByRole('link', { name: instelling.name }) })
	await expect(results.getByRole('listitem')).toHaveCount(1)
	await expect(results).toContainText('Gekwalificeerd')
	await expectAccessible(page)

	// The carrier page, then its certificate.
	await page.getByRole('link', { name: instelling.name }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(instelling.name)
	await expect(page.getByText('GGZ-instelling', { exact: true })).toBeVisible()
	await expect(page.getByText('8012 CD Zwolle')).toBeVisible()
	await expect(page.getByText('Overijssel')).toBeVisible()
	// Issue 13: the badge for the carrier's own website, live, with the HTML to copy.
	const preview = page.getByRole('img', { name: new RegExp(`${instelling.name}: bekijk de actuele status`) })
	await expect(preview).toBeVisible()
	await expect
		.poll(() => preview.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0))
		.toBe(true)
	const snippet = await page.getByLabel('HTML-code om op uw website te plakken').inputValue()
	expect(snippet).toContain(`href="${new URL(page.url()).origin}/register/${instelling.slug}"`)
	expect(snippet).toContain(`/register/${instelling.slug}/badge.svg"`)
	await expectAccessible(page)
	await page.getByRole('link', { name: `Certificaat ${instelling.certificateNumber} controleren` }).click()
	await expect(page).toHaveURL(new RegExp(`/verifieer/${instelling.certificateNumber}$`))
	await expect(page.getByRole('heading', { name: `Certificaat ${instelling.certificateNumber}: Geldig` })).toBeVisible()
	await expect(page.getByText(`${instelling.name} in Zwolle is gekwalificeerd`)).toBeVisible()
	await expectAccessible(page)

	// The withdrawn carrier: verification through the form, as typed from paper.
	await page.getByLabel('Certificaatnummer').fill(` ${scenario.withdrawn.certificateNumber.toLowerCase()} `)
	await page.getByRole('button', { name: 'Controleren' }).click()
	await expect(
		page.getByRole('heading', { name: `Certificaat ${scenario.withdrawn.certificateNumber}: Ingetrokken` }),
	).toBeVisible()
	await expect(page.getByText(`per 10 maart ${YEAR} ingetrokken`)).toBeVisible()
	await expectAccessible(page)
	// … and not in the register any more (003 §3.3); its own page still says since when.
	await page.goto(`/register?q=${encodeURIComponent(prefix)}`)
	await expect(page.getByRole('link', { name: scenario.qualified[0]!.name })).toBeVisible()
	await expect(page.getByRole('link', { name: scenario.withdrawn.name })).toHaveCount(0)
	await page.goto(`/register/${scenario.withdrawn.slug}`)
	await expect(page.getByText(`Het keurmerk van deze aanbieder is per 10 maart ${YEAR} ingetrokken.`)).toBeVisible()
	await expectAccessible(page)

	// An unknown number.
	await page.goto(`/verifieer/KBG-${YEAR}-9876`)
	await expect(page.getByRole('heading', { name: `Certificaat KBG-${YEAR}-9876: Onbekend` })).toBeVisible()
	await expectAccessible(page)
})

test('norms, open data and the menu', async ({ page, hooks, request }) => {
	await hooks.post('fixtures/mark-year', { year: YEAR })
	await page.goto('/normen')
	await expectAccessible(page)
	await page.getByRole('link', { name: `Normen ${YEAR}` }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Normen ${YEAR}`)
	await expect(page.getByRole('heading', { name: /Vergeleken met \d{4}|Wat is er veranderd/ }).first()).toBeVisible()
	await expectAccessible(page)

	await page.goto('/open-data')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open data: het Keurmerkregister')
	await expectAccessible(page)

	await page.getByRole('navigation').getByRole('link', { name: 'Certificaat controleren' }).click()
	await expect(page).toHaveURL(/\/verifieer$/)
	await expectAccessible(page)

	const json = await request.get(`/open-data/v1/register.json?jaar=${YEAR}`, {
		headers: { Origin: 'https://verzekeraar.example' },
	})
	expect(json.status()).toBeLessThan(500)
	expect(json.headers()['access-control-allow-origin']).toBe('*')
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })
	test('the search form and the verification form work', async ({ page }) => {
		await page.goto('/register')
		await page.getByLabel('Naam of plaats').fill('Regtest')
		await page.getByText('Filters en sortering').click()
		await page.getByLabel('Status').selectOption('qualified')
		await page.getByRole('button', { name: 'Zoeken', exact: true }).click()
		// Without JavaScript the browser submits every field, empty ones too: the loader ignores those.
		await expect(page).toHaveURL(/q=Regtest.*status=qualified/)
		await expect(page.getByRole('status').filter({ hasText: 'gevonden' })).toBeVisible()
		await page.goto('/verifieer')
		await page.getByLabel('Certificaatnummer').fill('geen nummer')
		await page.getByRole('button', { name: 'Controleren' }).click()
		await expect(page.getByText('Vul een certificaatnummer in zoals KBG-2026-0042.')).toBeVisible()
		await expect(page.getByLabel('Certificaatnummer')).toHaveValue('geen nummer')
	})
})

test('fuzzed URLs never give a 500 and never echo unescaped HTML', async ({ request }) => {
	test.setTimeout(240_000)
	const marker = '<x-fuzz onclick=alert(1)>'
	const value = fc.oneof(
		fc.string({ maxLength: 20 }),
		fc.string({ minLength: 300, maxLength: 2000 }),
		fc.constantFrom(
			"' OR '1'='1",
			'"; DROP TABLE "Provider"; --',
			'%',
			'_%_',
			'\\',
			'-1',
			'-99999',
			'0',
			'1e9',
			'NaN',
			'institution',
			'withdrawn',
			'2077',
			'</script><script>alert(1)</script>',
		),
		fc.string({ maxLength: 20 }).map((text) => `${text}${marker}`),
	)
	const names = fc.constantFrom(
		'q',
		'type',
		'provincie',
		'plaats',
		'postcode',
		'status',
		'jaar',
		'sorteer',
		'pagina',
		'nummer',
	)
	const paths = fc.constantFrom(
		'/register',
		'/verifieer',
		'/open-data/v1/register.json',
		'/open-data/v1/register.csv',
		'/normen',
		'/open-data',
	)
	const segments = fc.constantFrom('/register/', '/verifieer/', '/normen/')
	const samples = fc.sample(
		fc.oneof(
			fc
				.tuple(paths, fc.array(fc.tuple(names, value), { minLength: 1, maxLength: 5 }))
				.map(([path, pairs]) => `${path}?${new URLSearchParams(pairs).toString()}`),
			fc.tuple(segments, value).map(([path, segment]) => `${path}${encodeURIComponent(segment)}`),
		),
		{ numRuns: 160, seed: 6 },
	)
	const targeted = [
		`/register?q=${encodeURIComponent(marker)}`,
		`/register?plaats=${encodeURIComponent(marker)}`,
		`/register?pagina=-1&jaar=-2077&status=<b>`,
		`/verifieer?nummer=${encodeURIComponent(marker)}`,
		`/verifieer/${encodeURIComponent(marker)}`,
		`/register/${encodeURIComponent(marker)}`,
		`/normen/${encodeURIComponent(marker)}`,
		`/open-data/v1/register.json?jaar=${encodeURIComponent(marker)}`,
	]
	for (const url of [...targeted, ...samples]) {
		const response = await request.get(url, { maxRedirects: 0 })
		expect(response.status(), url).toBeLessThan(500)
		const body = await response.text()
		expect(body.includes('<x-fuzz'), url).toBe(false)
		expect(body.includes('<script>alert(1)'), url).toBe(false)
	}
})

test('the certificate check answers a returning browser 304, and /metrics labels it by its route', async ({
	request,
	hooks,
}) => {
	const year = 2070
	const prefix = `Metriek ${uniqueId()}`
	const scenario = await hooks.post<Scenario>('fixtures/register-year', {
		year,
		prefix,
		qualified: [{ name: `${prefix} Praktijk`, city: 'Assen', postcode: '9401 AB', type: 'independent_practice' }],
	})
	await hooks.setClock(`${year}-05-01T10:00:00Z`)
	const path = `/verifieer/${scenario.qualified[0]!.certificateNumber}`
	// Rendered from the lookup the middleware made (the load context): the right answer, an ETag.
	const first = await request.get(path)
	expect(first.status()).toBe(200)
	expect(await first.text()).toContain('Geldig')
	const etag = first.headers()['etag'] ?? ''
	expect(etag).toMatch(/^"r-/)
	const count = async (status: string) => {
		const text = await (await request.get('/metrics')).text()
		const line = text
			.split('\n')
			.find((candidate) =>
				candidate.startsWith(
					`keurmerk_http_request_duration_seconds_count{route="/verifieer/:number?",method="GET",status="${status}"}`,
				),
			)
		return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0
	}
	const before = await count('3xx')
	const again = await request.get(path, { headers: { 'if-none-match': etag } })
	expect(again.status()).toBe(304)
	// The 304 never reaches React Router, yet it is counted under the route's pattern (server/metrics.ts).
	await expect.poll(() => count('3xx')).toBe(before + 1)
})
