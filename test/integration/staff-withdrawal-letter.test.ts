// A withdrawal by staff produces a Dutch letter (PDF) that says to whom, why and from when; read
// back with pdftotext, served to staff only.
import { describe, expect, it } from 'vitest'
import * as documentRoute from '#app/routes/staff/document.ts'
import * as participationRoute from '#app/routes/staff/participation.tsx'
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
		const path = `/medewerkers/deelnames/${participationId}`
		const posted = await callAction(
			participationRoute,
			path,
			{ participationId },
			{
				intent: 'withdraw',
				reason: 'unpaid_fee',
				effectiveOn: `${year}-03-01`,
				explanation: 'De afdracht over 2072 is na twee herinneringen niet betaald.',
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
		expect(text).toContain('Reden Afdracht niet betaald')
		expect(text).toContain('Ingangsdatum 1 maart 2073')
		expect(text).toContain('ingetrokken met ingang van 1 maart 2073')
		expect(text).toContain('De afdracht over 2072 is na twee herinneringen niet betaald.')
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
