// The spiegelrapportage in the demo world (DOMAIN.md §9): the indicator lists of the demo's years,
// and — as steps in time, through the real delivery service — most carriers delivering plausible,
// reproducible figures for every finished year (prisma/seed/benchmark-values.ts), in January and
// February after the year. So at the demo moment (20 March 2027) the reports of 2025 and 2026
// exist, and GGZ Rivierenland's (instelling@aanbieder.demo) shows a trend.
import { addDays, amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { systemActor } from '#app/services/audit.server.ts'
import { saveValues, submitDelivery } from '#app/services/benchmark-delivery.server.ts'
import { createIndicatorSet } from '#app/services/benchmark-indicators.server.ts'
import { delivers, plausibleIndicatorValues } from './benchmark-values.ts'

interface Step {
	at: Date
	order: number
	run: () => Promise<void>
}

/**
 * The indicator lists of `years`, each a copy of the one before (the first: the standard list),
 * published on 15 November of the year — or still a draft when that lies after the demo's now.
 */
export async function createDemoIndicatorSets(years: number[], demoNow: Date) {
	try {
		for (const year of [...years].sort((a, b) => a - b)) {
			const publishedAt = amsterdamInstant(`${year}-11-15`, { hour: 9 })
			setClock(publishedAt <= demoNow ? publishedAt : demoNow)
			await createIndicatorSet(systemActor, year, { status: publishedAt <= demoNow ? 'published' : 'draft' })
		}
	} finally {
		setClock(null)
	}
}

/** Demo carriers that always deliver, whatever the dice say: the README's accounts. */
const ALWAYS = new Set(['instelling@aanbieder.demo', 'praktijk@aanbieder.demo'])

export function planBenchmarkDeliveries(
	steps: Step[],
	providers: {
		id: string
		name: string
		type: 'independent_practice' | 'institution'
		contactUserId: string
		email: string
	}[],
	years: number[],
) {
	providers.forEach((provider, index) => {
		for (const year of years) {
			if (!ALWAYS.has(provider.email) && !delivers(provider.name, year)) continue
			steps.push({
				at: amsterdamInstant(addDays(`${year + 1}-01-06`, (index * 7) % 50), { hour: 11 }),
				order: index,
				run: async () => {
					// Only a carrier of that year delivers (it was in the register at some moment).
					const participation = await db.participation.findUnique({
						where: { providerId_year: { providerId: provider.id, year } },
						select: { listedFrom: true },
					})
					if (!participation?.listedFrom) return
					const actor = { type: 'provider' as const, userId: provider.contactUserId }
					const values = plausibleIndicatorValues(provider.name, year, provider.type)
					await saveValues(actor, {
						providerId: provider.id,
						year,
						values: Object.entries(values).map(([code, value]) => ({ code, expectedVersion: 0, value })),
					})
					await submitDelivery(actor, { providerId: provider.id, year })
				},
			})
		}
	})
}
