// /medewerkers/mail/:emailId/html — the stored HTML of a message, as the recipient's mail client
// shows it. Served in a sandbox (no scripts, no forms, no same-origin access), for staff only.
import type { Route } from './+types/mail.html'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { outboxMessage } from '#app/services/mail/outbox-view.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const message = await outboxMessage(params.emailId, user)
	invariantResponse(message, 'Bericht niet gevonden')
	return new Response(message.html, {
		headers: {
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
