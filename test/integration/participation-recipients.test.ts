// Who a message about a participation goes to (app/services/participation-mail.server.ts): the
// organisation's address and its active primary contacts, each address once whatever its case.
// Read in one statement since issue 17 (a submission's transaction at the deadline rush).
import { describe, expect, it } from 'vitest'
import { db } from '#app/lib/db.server.ts'
import { participationRecipients } from '#app/services/participation-mail.server.ts'
import { createProvider, createUser } from '#test/fixtures/factories.ts'

async function member(providerId: string, options: { primary: boolean; active?: boolean; email?: string }) {
	const user = await createUser({ email: options.email, active: options.active })
	await db.membership.create({ data: { userId: user.id, providerId, isPrimaryContact: options.primary } })
	return user
}

describe('participationRecipients', () => {
	it('is the organisation and its active primary contacts, each address once', async () => {
		const provider = await createProvider({ name: 'Praktijk De Ontvangers' })
		const first = await member(provider.id, { primary: true })
		await member(provider.id, { primary: false }) // a colleague, not a contact
		await member(provider.id, { primary: true, active: false }) // left the organisation
		const second = await member(provider.id, { primary: true })
		// The contact's own address is the organisation's (stored lower-cased, the provider's not).
		const sameAddress = provider.email.toLowerCase()
		await db.provider.update({ where: { id: provider.id }, data: { email: provider.email.toUpperCase() } })
		const shared = await member(provider.id, { primary: true, email: sameAddress })

		const recipients = await db.$transaction((tx) => participationRecipients(tx, provider.id))
		expect(recipients).toHaveLength(3)
		// One message to that address, in the organisation's place, addressed to the person.
		expect(recipients[0]).toEqual({ address: sameAddress, name: shared.name })
		expect(recipients.slice(1)).toEqual(
			expect.arrayContaining([
				{ address: first.email, name: first.name },
				{ address: second.email, name: second.name },
			]),
		)
	})

	it('is the organisation alone when it has no primary contact', async () => {
		const provider = await createProvider({ name: 'Praktijk Zonder Contact' })
		await member(provider.id, { primary: false })
		const recipients = await db.$transaction((tx) => participationRecipients(tx, provider.id))
		expect(recipients).toEqual([{ address: provider.email, name: 'Praktijk Zonder Contact' }])
	})
})
