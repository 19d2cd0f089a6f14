// A multipart body that is no form (no boundary, a broken or truncated one) is the sender's error:
// the fuzz of bench/fuzz.ts found it a 500 on every form with uploads (issue 15). Now a 400, with
// nothing stored.
import { describe, expect, it } from 'vitest'
import * as threadRoute from '#app/routes/provider/messages/thread.tsx'
import * as staffThreadRoute from '#app/routes/staff/conversation.tsx'
import { db } from '#app/lib/db.server.ts'
import { createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { baseUrl, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'

const year = 2046

const broken: [string, string][] = [
	['multipart/form-data', '--x\r\nContent-Disposition: form-data; name="body"\r\n\r\nHallo\r\n--x--\r\n'],
	['multipart/form-data; boundary=', '--\r\n\r\n'],
	['multipart/form-data; boundary="', 'Hallo'],
	['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="body"\r\n'],
	['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="body"\r\n\r\nHallo'],
]

describe('broken multipart bodies', () => {
	it('are a 400 on the provider’s and the staff’s thread, and store nothing', async () => {
		await ensureMarkYear(year)
		const { provider, user } = await createProviderWithMember()
		const participationId = await createSubmittedParticipation({ year, providerId: provider.id })
		const staff = await createUser({ staffRole: 'assessor' })
		const targets: {
			module: { action: (args: never) => Promise<unknown> }
			path: string
			params: Record<string, string>
			cookie: string
		}[] = [
			{
				module: threadRoute,
				path: `/aanbieder/${provider.id}/berichten/${year}`,
				params: { providerId: provider.id, year: String(year) },
				cookie: await sessionCookieFor(user.id),
			},
			{
				module: staffThreadRoute,
				path: `/medewerkers/deelnames/${participationId}/berichten`,
				params: { participationId },
				cookie: await sessionCookieFor(staff.id),
			},
		]
		for (const target of targets)
			for (const [contentType, body] of broken) {
				const request = new Request(`${baseUrl}${target.path}`, {
					method: 'POST',
					body,
					headers: { cookie: target.cookie, 'Content-Type': contentType },
				})
				const answer = await settle(() => target.module.action(routeArgs(request, target.params) as never))
				expect(answer.response?.status, `${target.path} ${contentType}`).toBe(400)
			}
		expect(await db.participationMessage.count({ where: { participationId } })).toBe(0)
	})
})
