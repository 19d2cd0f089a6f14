// A withdrawal by staff produces a Dutch letter (PDF) that says to whom, why and from when; read
// back with pdftotext, served to staff only.
import { describe, expect, it } from 'vitest'
import * as documentRoute from '#app/routes/staff/document.ts'
import * as withdrawRoute from '#app/routes/staff/withdraw.tsx'
import { db } from '#app/lib/db.server.ts'
import { createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { createProvider, createUser } from '#test/fixtures/factories.ts'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'

describe('withdrawal letter', () => {
	it('names the provider, the reason, the effective date and the explanation', async () => {
		const year = 2073
		const provider = await createProvider({ name: 'Praktijk De Brief', city: 'Zwolle' })
		await db.membership.create({ data: { userId: (await createUser()).id, providerId: provider.id, canSign: true } })
		const participationId = await createSubmittedParticipation({ year, providerId: provider.id })
		const admin = await createUser({ staffRole: 'admin', name: 'Anne Beheer' })
		const cookie = await sessionCookieFor(admin.id)
		// Without four-eyes the confirmation page withdraws at once (safe-decisions.test.ts covers four-eyes).
		await db.markYear.update({ where: { year }, data: { fourEyesWithdrawal: false } })
		const path = `/medewerkers/deelnames/${participationId}/intrekken`
		const posted = await callAction(
			withdrawRoute,
			path,
			{ participationId },
			{
				reason: 'provider_request',
				effectiveOn: `${year}-03-01`,
				explanation: 'De praktijk stopt per 1 maart 2073 en vraagt de intrekking zelf aan.',
			},
			cookie,
		)
		expect(posted.response?.status).toBe(302)

		const withdrawal = await db.withdrawal.findFirstOrThrow({
			where: { participationId },
			include: { letterFile: true },
		})
		expect(withdrawal.letterFile?.mimeType).toBe('application/pdf')
		const { response } = await callLoader(
			documentRoute,
			`/medewerkers/documenten/${withdrawal.letterFileId}`,
			{ fileId: withdrawal.letterFileId! },
			cookie,
		)
		expect(response?.status).toBe(200)
		const text = pdfText(new Uint8Array(await response!.arrayBuffer())).replace(/\s+/g, ' ')
		expect(text).toContain('Praktijk De Brief')
		expect(text).toContain(`Betreft: intrekking`)
		expect(text).toContain('Reden Op verzoek van de zorgaanbieder')
		expect(text).toContain('Ingangsdatum 1 maart 2073')
		expect(text).toContain('ingetrokken met ingang van 1 maart 2073')
		expect(text).toContain('De praktijk stopt per 1 maart 2073 en vraagt de intrekking zelf aan.')
		expect(text).toContain('Anne Beheer')

		// The provider's own member cannot reach the staff document URL.
		const member = await db.membership.findFirstOrThrow({ where: { providerId: provider.id } })
		const denied = await callLoader(
			documentRoute,
			`/medewerkers/documenten/${withdrawal.letterFileId}`,
			{ fileId: withdrawal.letterFileId! },
			await sessionCookieFor(member.userId),
		)
		expect(denied.response?.status).toBe(404)
	})
})
