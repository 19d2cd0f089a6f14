// Fixtures for the provider journey (application, agreement, team), reached by end-to-end tests
// through /__test/fixtures/<name>. They set up years and run the scheduled jobs at the moment the
// test chose; everything a provider does, the test does through the UI.
import { z } from 'zod'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { isJobName } from '#app/jobs/types.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { createQualifiedParticipation } from './fees.server.ts'
import { db } from '../db.server.ts'
import type { Fixture } from './types.ts'
import { ensureMarkYear } from './years.server.ts'

export const providerFixtures: Record<string, Fixture> = {
	/**
	 * A carrier: qualified participations in `qualifiedYears`, and in `withdrawnYears` qualified ones
	 * withdrawn on 10 March (mark years created as needed).
	 */
	async 'provider-carrier'(input) {
		const years = z.array(z.number().int().min(2000).max(2100))
		const { providerId, qualifiedYears, withdrawnYears } = z
			.object({ providerId: z.string(), qualifiedYears: years, withdrawnYears: years.default([]) })
			.parse(input)
		for (const year of [...qualifiedYears, ...withdrawnYears]) {
			// Past years of a carrier: no norm set needed (and none made, so a test that shares the
			// year can still start its norm set as a copy).
			await ensureMarkYear(year, { withNormSet: false })
			const participation = await createQualifiedParticipation({ providerId, year })
			if (withdrawnYears.includes(year)) {
				const withdrawnAt = amsterdamInstant(`${year}-03-10`)
				await db.participation.update({
					where: { id: participation.id },
					data: {
						state: 'withdrawn',
						stateBeforeWithdrawal: 'qualified',
						stateChangedAt: withdrawnAt,
						listedUntil: withdrawnAt,
					},
				})
			}
		}
		return { providerId }
	},
	/** Runs a scheduled job now (at the test clock), as the scheduler would (e.g. the 1 January listing). */
	async 'provider-run-job'(input) {
		const { name } = z.object({ name: z.string().refine(isJobName) }).parse(input)
		if (!isJobName(name)) throw new Error(`Onbekende taak ${name}`)
		const outcome = await runJob(name, { trigger: 'manual' })
		return { ran: outcome.ran, summary: outcome.ran ? outcome.summary : null }
	},
}
