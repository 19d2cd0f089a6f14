// Issue 11: a refusal of the domain reaches the screen in the reader's language. The same refusal,
// through the same action, reads in English for an English-speaking admin and in Dutch for a Dutch
// one; the English text carries no Dutch, and its parameter (the state) is translated too.
import { describe, expect, it } from 'vitest'
import { createListedParticipationId } from '#app/lib/test-fixtures/staff.server.ts'
import { db } from '#app/lib/db.server.ts'
import * as participationRoute from '#app/routes/staff/participation.tsx'
import { catalogues } from '#app/i18n/translate.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { dataOf, sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction } from '#test/fixtures/staff-routes.ts'

const YEAR = 2097

function dutchOnlyWords(text: string): string[] {
	const words = (value: string) =>
		value
			.toLowerCase()
			.split(/[^a-zà-ÿ]+/)
			.filter((word) => word.length >= 3)
	const english = new Set(Object.values(catalogues.en).flatMap((namespace) => Object.values(namespace).flatMap(words)))
	const dutch = new Set(Object.values(catalogues.nl).flatMap((namespace) => Object.values(namespace).flatMap(words)))
	return words(text).filter((word) => dutch.has(word) && !english.has(word))
}

describe('a refusal in the reader’s language', () => {
	it('reads in English for an English admin and in Dutch for a Dutch one', async () => {
		const { provider } = await createProviderWithMember()
		const { id } = await createListedParticipationId({ year: YEAR, providerId: provider.id })
		const path = `/medewerkers/deelnames/${id}`
		// Undoing a withdrawal of a participation that is not withdrawn: the state machine refuses.
		const fields = { intent: 'undo', justification: 'Herstel na een vergissing van het bureau.' }

		const english = await createUser({ staffRole: 'admin' })
		await db.user.update({ where: { id: english.id }, data: { locale: 'en' } })
		const inEnglish = dataOf<{ formErrors: string[] }>(
			(await callAction(participationRoute, path, { participationId: id }, fields, await sessionCookieFor(english.id)))
				.value,
		)
		expect(inEnglish.status).toBe(409)
		expect(inEnglish.data.formErrors).toEqual([
			'This is not possible in the current status of the participation (In the register).',
		])
		expect(dutchOnlyWords(inEnglish.data.formErrors.join(' '))).toEqual([])

		const dutch = await createUser({ staffRole: 'admin' })
		const inDutch = dataOf<{ formErrors: string[] }>(
			(await callAction(participationRoute, path, { participationId: id }, fields, await sessionCookieFor(dutch.id)))
				.value,
		)
		expect(inDutch.data.formErrors).toEqual(['Dit kan niet in de huidige status van de deelname (In het register).'])
	})
})
