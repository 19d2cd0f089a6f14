// The common part of every message a job sends about a participation.
import { href } from 'react-router'
import type { Tx } from '#app/lib/db.server.ts'
import { absoluteUrl } from '#app/services/auth.server.ts'
import { participationRecipients } from '#app/services/participation-mail.server.ts'
import { toYearSettings } from '#app/services/years.server.ts'

/** The participation, its year's settings, the greeting data and the recipients. `path` is below the provider's dashboard. */
export async function participationMailContext(tx: Tx, participationId: string, path = '') {
	const participation = await tx.participation.findUniqueOrThrow({
		where: { id: participationId },
		include: { provider: { select: { id: true, name: true } }, markYear: true },
	})
	const settings = toYearSettings(participation.markYear)
	const base = {
		providerName: participation.provider.name,
		year: participation.year,
		markName: settings.markName,
		portalUrl: absoluteUrl(`${href('/aanbieder/:providerId', { providerId: participation.providerId })}${path}`),
	}
	const recipients = await participationRecipients(tx, participation.providerId)
	return { participation, settings, base, recipients }
}
