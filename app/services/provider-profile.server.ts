// The organisation's details as the provider keeps them. The KvK number identifies the provider
// and is not editable here. Two members editing at once: the second save is a conflict (version).
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import type { ProfileInput } from '#app/services/provider-forms.ts'
import { type Actor, recordAudit } from './audit.server.ts'

export function providerProfile(providerId: string) {
	return db.provider.findUniqueOrThrow({
		where: { id: providerId },
		select: {
			id: true,
			name: true,
			type: true,
			kvkNumber: true,
			agbCode: true,
			street: true,
			houseNumber: true,
			postcode: true,
			city: true,
			website: true,
			email: true,
			phone: true,
			offersChronicEchelon: true,
			version: true,
			updatedAt: true,
		},
	})
}

export type ProfileResult = { ok: true } | { ok: false; conflict: true }

export async function updateProviderProfile(
	providerId: string,
	input: ProfileInput,
	actor: Actor,
): Promise<ProfileResult> {
	const { version, ...fields } = input
	return db.$transaction(async (tx) => {
		const before = await tx.provider.findUniqueOrThrow({ where: { id: providerId } })
		const updated = await tx.provider.updateMany({
			where: { id: providerId, version },
			// "Bijgewerkt op" is business time: the portal clock (decision 005).
			data: { ...fields, updatedAt: now(), version: { increment: 1 } },
		})
		if (updated.count === 0) return { ok: false, conflict: true }
		// Typed as the profile's own fields, so the audit log knows their names (test/unit/audit-fields.test.ts).
		const changed: Partial<typeof fields> = Object.fromEntries(
			Object.entries(fields).filter(([key, value]) => before[key as keyof typeof before] !== value),
		)
		await recordAudit(tx, {
			actor,
			action: 'provider.update_profile',
			entityType: 'Provider',
			entityId: providerId,
			providerId,
			before: Object.fromEntries(
				Object.keys(changed).map((key) => [key, before[key as keyof typeof before]]),
			) as Partial<typeof fields>,
			after: changed,
		})
		return { ok: true }
	})
}
