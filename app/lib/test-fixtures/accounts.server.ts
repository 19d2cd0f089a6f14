// Data builders for end-to-end tests, reached through /__test/fixtures/<name>. Each creates just
// what one test needs, with unique names, so tests never depend on each other or on demo data.
import { z } from 'zod'
import { hashPassword } from '../password.server.ts'
import { db } from '../db.server.ts'

import type { Fixture } from './types.ts'

const userInput = z.object({
	email: z.email(),
	name: z.string().default('Testgebruiker'),
	password: z.string().min(12),
	staffRole: z.enum(['assessor', 'admin']).nullable().default(null),
})

const providerInput = z.object({
	name: z.string(),
	kvkNumber: z.string().regex(/^\d{8}$/),
	city: z.string().default('Utrecht'),
	type: z.enum(['independent_practice', 'institution']).default('independent_practice'),
	member: userInput.omit({ staffRole: true }).extend({ canSign: z.boolean().default(true) }),
})

export const accountFixtures: Record<string, Fixture> = {
	async user(input) {
		const data = userInput.parse(input)
		const user = await db.user.create({
			data: {
				email: data.email.toLowerCase(),
				name: data.name,
				staffRole: data.staffRole,
				passwordHash: await hashPassword(data.password),
			},
		})
		return { userId: user.id }
	},
	async provider(input) {
		const data = providerInput.parse(input)
		const provider = await db.provider.create({
			data: {
				name: data.name,
				slug: `${data.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${data.kvkNumber}`,
				type: data.type,
				kvkNumber: data.kvkNumber,
				agbCode: data.kvkNumber,
				street: 'Teststraat',
				houseNumber: '1',
				postcode: '3511 AA',
				city: data.city,
				email: data.member.email.toLowerCase(),
				memberships: {
					create: {
						canSign: data.member.canSign,
						isPrimaryContact: true,
						user: {
							create: {
								email: data.member.email.toLowerCase(),
								name: data.member.name,
								passwordHash: await hashPassword(data.member.password),
							},
						},
					},
				},
			},
		})
		return { providerId: provider.id }
	},
}
