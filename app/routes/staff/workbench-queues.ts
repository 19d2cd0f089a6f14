import type { Queue } from '#app/domain/workbench.ts'

/** The queue in the URL (`?wachtrij=`), Dutch like every URL of the portal. */
export const QUEUE_SLUGS: Record<Queue, string> = {
	mine: 'mijn',
	unassigned: 'vrij',
	overdue: 'te-lang',
	revision_due: 'herziening',
	interviews: 'gesprekken',
}
