// A scheduled run: what makes the yearly cycle go without a person remembering the dates. Every job
// is idempotent — run twice at the same moment it changes nothing the second time and sends no
// second mail — so it is safe to run late, twice, by hand or by the in-process scheduler.
import type { MessageKey } from '#app/i18n/catalogue.ts'

export const JOB_NAMES = [
	'list-carriers',
	'qualification-deadline',
	'revision-overdue',
	'offer-agreements',
	'application-window-opened',
	'agreement-reminders',
	'qualification-reminders',
	'follow-up-reminders',
	'fee-rate-published',
	'turnover-reminders',
	'benchmark-reminders',
	'consultation-mails',
	'issue-invoices',
	'overdue-invoices',
	'purge-sessions',
	'nightly-backup',
] as const

export type JobName = (typeof JOB_NAMES)[number]

export function isJobName(value: unknown): value is JobName {
	return typeof value === 'string' && (JOB_NAMES as readonly string[]).includes(value)
}

/** What a run did, for the history: counts, and the items that failed (each item runs on its own). */
export interface JobSummary {
	[count: string]: number | JobError[] | undefined
	errors?: JobError[]
}

export interface JobError {
	id: string
	message: string
}

export interface Job {
	name: JobName
	title: MessageKey
	description: MessageKey
	run(at: Date): Promise<JobSummary>
}
