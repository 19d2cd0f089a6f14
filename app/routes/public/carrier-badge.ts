import { z } from 'zod'
import type { Route } from './+types/carrier-badge'
import { formatDate } from '#app/i18n/format.ts'
import { translate } from '#app/i18n/translate.ts'
import type { Locale } from '#app/i18n/catalogue.ts'
import { now } from '#app/lib/clock.server.ts'
import { notFound } from '#app/lib/http.server.ts'
import { loadCarrier } from '#app/services/register.server.ts'
import { type BadgeInput, registerBadgeSvg } from '#templates/register-badge.ts'

// /register/:slug/badge.svg (issue 13): the badge a carrier embeds on its own website, linked to
// its page in the register (the snippet is on that page). It shows the status of this moment:
// a withdrawn carrier or a year that ended gives a badge that says there is no valid mark, never
// a stale "qualified". ?lang=en gives the English texts.
const slugParam = z
	.string()
	.max(200)
	.regex(/^[a-z0-9][a-z0-9-]*$/)

export async function loader({ params, request }: Route.LoaderArgs) {
	const slug = slugParam.safeParse(params.slug)
	if (!slug.success) notFound()
	const clock = now()
	const carrier = await loadCarrier(slug.data, clock)
	if (!carrier) notFound()
	const locale: Locale = new URL(request.url).searchParams.get('lang') === 'en' ? 'en' : 'nl'
	const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
		translate(locale, key, params)
	// The latest year, unless it is over (registerMoment is then its last moment, before `clock`):
	// its page shows it as it ended, a badge must not.
	const latest = carrier.years[0]
	const current = latest && latest.at.getTime() >= clock.getTime() ? latest : undefined
	let tone: BadgeInput['tone'] = 'invalid'
	let statusText = t('register.badgeStatusNone')
	if (current?.status.kind === 'qualified') {
		tone = 'qualified'
		statusText = t('register.badgeStatusQualified', { year: current.year })
	} else if (current?.status.kind === 'listed') {
		tone = 'listed'
		statusText = t('register.badgeStatusListed', { year: current.year })
	} else if (current?.status.kind === 'withdrawn') {
		statusText = t('register.badgeStatusWithdrawn', { date: formatDate(current.status.since, locale) })
	}
	const markName = latest?.markName ?? ''
	const svg = registerBadgeSvg({
		markName,
		carrierName: carrier.name,
		statusText,
		tone,
		title: t('register.badgeTitle', { mark: markName, name: carrier.name, status: statusText }),
	})
	return new Response(svg, {
		headers: {
			'Content-Type': 'image/svg+xml; charset=utf-8',
			// Live, but embedded on other sites: a few minutes of caching keeps them fast.
			'Cache-Control': 'public, max-age=300',
			'X-Content-Type-Options': 'nosniff',
			// Opened on its own, the SVG may not run or fetch anything.
			'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
			'Content-Language': locale,
		},
	})
}
