// Issue 16 item 8, docs/decisions/005-one-clock.md: every business timestamp comes from the one
// clock. A stored file ("geüpload op") and "laatst ingelogd" showed the machine's time beside
// "Opgeslagen op" in demo time.
import { describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createSession } from '#app/lib/session.server.ts'
import { storeFile } from '#app/lib/storage.server.ts'
import { createProvider, createUser } from '#test/fixtures/factories.ts'
import { baseUrl } from '#test/fixtures/requests.ts'

describe('business timestamps follow the portal clock (decision 005)', () => {
	it('a stored file and the last login carry the clock time, not the machine time', async () => {
		const moment = amsterdamInstant('2081-02-10', { hour: 11 })
		setClock(moment)
		const provider = await createProvider()
		const file = await storeFile({
			kind: 'template_upload',
			providerId: provider.id,
			originalName: 'format.pdf',
			mimeType: 'application/pdf',
			bytes: new TextEncoder().encode('%PDF-1.4\n'),
		})
		expect(file.createdAt.toISOString()).toBe(moment.toISOString())

		const user = await createUser()
		await createSession(user.id, new Request(`${baseUrl}/inloggen`))
		const after = await db.user.findUniqueOrThrow({ where: { id: user.id } })
		expect(after.lastLoginAt?.toISOString()).toBe(moment.toISOString())
	})
})
