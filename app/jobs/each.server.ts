// Jobs handle many participations or invoices; each item runs in its own transaction, so one
// broken item is reported in the run's summary instead of stopping the others.
import type { JobError, JobSummary } from './types.ts'

const MAX_ERRORS_KEPT = 20

/** Runs `work` for every id; the outcome it returns is counted in the summary (null: not counted). */
export async function forEach(
	ids: readonly string[],
	summary: JobSummary,
	work: (id: string) => Promise<string | null>,
): Promise<JobSummary> {
	summary.checked = (typeof summary.checked === 'number' ? summary.checked : 0) + ids.length
	for (const id of ids) {
		try {
			const outcome = await work(id)
			if (outcome) summary[outcome] = (typeof summary[outcome] === 'number' ? summary[outcome] : 0) + 1
		} catch (error) {
			const errors: JobError[] = (summary.errors ??= [])
			if (errors.length < MAX_ERRORS_KEPT)
				errors.push({ id, message: error instanceof Error ? error.message : String(error) })
			summary.failed = (typeof summary.failed === 'number' ? summary.failed : 0) + 1
		}
	}
	return summary
}
