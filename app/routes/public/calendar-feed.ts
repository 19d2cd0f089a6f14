// /agenda/<token>.ics — a provider's deadlines as an iCalendar feed. No login (calendar apps cannot
// log in): the token in the URL is the secret, an unknown one is a 404.
import type { Route } from './+types/calendar-feed'
import { notFound } from '#app/lib/http.server.ts'
import { providerCalendar, providerIdForCalendarToken } from '#app/services/calendar-feed.server.ts'

export async function loader({ params }: Route.LoaderArgs) {
	const providerId = await providerIdForCalendarToken(params.token)
	if (!providerId) notFound()
	return new Response(await providerCalendar(providerId), {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': 'inline; filename="keurmerk.ics"',
			'Cache-Control': 'private, max-age=900',
			// The URL is a secret: never indexed, never passed on as a referrer.
			'X-Robots-Tag': 'noindex, nofollow',
			'Referrer-Policy': 'no-referrer',
		},
	})
}
