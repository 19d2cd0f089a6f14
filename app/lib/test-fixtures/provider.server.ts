// Fixtures for the provider journey (application, agreement, team), reached by end-to-end tests
// through /__test/fixtures/<name>. They set up years and run the scheduled jobs at the moment the
// test chose; everything a provider does, the test does through the UI.
import { z } from 'zod'
import { isJobName } from '#app/jobs/types.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { createQualifiedParticipation, ensureMarkYear } from './fees.server.ts'
import type { Fixture } from './index.server.ts'
import { ensureStaffYear } from './staff.server.ts'

export const providerFixtures: Record<string, Fixture> = {
	/** Mark year `year` with default settings (application window 1 June – 31 October of year-1) and the 2022 norms. */
	async 'provider-year'(input) {
		const { year } = z.object({ year: z.number().int().min(2000).max(2100) }).parse(input)
		// With its norm set, so the provider can go on to the self-evaluation.
		const row = await ensureStaffYear(year)
		return { year: row.year }
	},
	/** A carrier: qualified participations in `qualifiedYears` (mark years created as needed). */
	async 'provider-carrier'(input) {
		const { providerId, qualifiedYears } = z
			.object({ providerId: z.string(), qualifiedYears: z.array(z.number().int().min(2000).max(2100)) })
			.parse(input)
		for (const year of qualifiedYears) {
			await ensureMarkYear(year)
			await createQualifiedParticipation({ providerId, year })
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
