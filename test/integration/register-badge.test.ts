// Issue 13: the badge a carrier embeds on its website shows the live state — qualified, carrier,
// or (after a withdrawal) no valid mark — and the carrier page offers the HTML to copy.
import { beforeAll, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { createRegisterYear, type RegisterYearScenario } from '#app/lib/test-fixtures/register.server.ts'
import { loader as badgeLoader } from '#app/routes/public/carrier-badge.ts'
import { loader as carrierLoader } from '#app/routes/public/carrier.tsx'
import { getRequest, routeArgs, settle } from '#test/fixtures/requests.ts'

const YEAR = 2078
let scenario: RegisterYearScenario
const february = amsterdamInstant(`${YEAR}-02-20`, { hour: 12 })
const may = amsterdamInstant(`${YEAR}-05-01`, { hour: 12 })

beforeAll(async () => {
	scenario = await createRegisterYear({
		year: YEAR,
		prefix: 'Beeldmerk',
		qualified: [{ name: 'Praktijk <Zoë> & Co', city: 'Zwolle', postcode: '8011 CE', type: 'independent_practice' }],
	})
}, 180_000)

async function badge(slug: string, query = ''): Promise<Response> {
	const { response } = await settle(() =>
		badgeLoader(routeArgs(getRequest(`/register/${slug}/badge.svg${query}`), { slug })),
	)
	if (!response) throw new Error('no response')
	return response
}

describe('register badge', () => {
	it('shows a qualified carrier as qualified, escaped, as an SVG image', async () => {
		setClock(may)
		const response = await badge(scenario.qualified[0]?.slug ?? '')
		expect(response.status).toBe(200)
		expect(response.headers.get('Content-Type')).toBe('image/svg+xml; charset=utf-8')
		expect(response.headers.get('Cache-Control')).toBe('public, max-age=300')
		const svg = await response.text()
		expect(svg).toContain(`Gekwalificeerd ${YEAR}`)
		expect(svg).toContain('Praktijk &#60;Zoë&#62; &#38; Co')
		expect(svg).not.toContain('<Zoë>')
		expect(await (await badge(scenario.qualified[0]?.slug ?? '', '?lang=en')).text()).toContain(`Qualified ${YEAR}`)
	})

	it('shows a carrier not yet qualified as carrier, and no valid mark once it is withdrawn', async () => {
		setClock(february)
		expect(await (await badge(scenario.listedOnly.slug)).text()).toContain(`Keurmerkdrager ${YEAR}`)
		setClock(may)
		// Withdrawn per 1 April (no submission) and on request per 10 March.
		for (const slug of [scenario.listedOnly.slug, scenario.withdrawn.slug]) {
			const svg = await (await badge(slug)).text()
			expect(svg, slug).toContain('Ingetrokken per')
			expect(svg, slug).not.toContain('Gekwalificeerd')
			expect(svg, slug).not.toContain('Keurmerkdrager')
			expect(svg, slug).toContain('#b3261e')
		}
		// After the year: no valid mark.
		setClock(amsterdamInstant(`${YEAR + 1}-06-01`))
		expect(await (await badge(scenario.qualified[0]?.slug ?? '')).text()).toContain('Geen geldig keurmerk')
	})

	it('answers 404 for a provider never listed or a malformed address', async () => {
		setClock(may)
		for (const slug of [scenario.appliedOnly.slug, 'bestaat-niet', '<svg>']) {
			expect((await badge(slug)).status, slug).toBe(404)
		}
	})

	it('offers the snippet on the carrier page with absolute links to the page and the image', async () => {
		setClock(may)
		const slug = scenario.qualified[0]?.slug ?? ''
		const loaded = await carrierLoader(routeArgs(getRequest(`/register/${slug}`), { slug }))
		expect(loaded.badge.page).toMatch(new RegExp(`^https?://[^/]+/register/${slug}$`))
		expect(loaded.badge.image).toBe(`${loaded.badge.page}/badge.svg`)
	})
})
