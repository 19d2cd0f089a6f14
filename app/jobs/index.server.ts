// Every scheduled run, in the order the scheduler runs them on a day: transitions first (so the
// 1 April run has withdrawn before anyone is reminded), then offers and reminders, then fees.
import { agreementReminders, offerAgreements } from './agreements.server.ts'
import { applicationWindowOpened } from './application-window.server.ts'
import { benchmarkReminders } from './benchmark.server.ts'
import { consultationMails } from './consultation.server.ts'
import { feeRatePublished, issueInvoices, overdueInvoices } from './fees.server.ts'
import { nightlyBackup } from './backup.server.ts'
import { purgeSessions } from './maintenance.server.ts'
import { listCarriers, qualificationDeadline, revisionOverdue } from './participation-sweeps.server.ts'
import { followUpReminders, qualificationReminders, turnoverReminders } from './reminders.server.ts'
import { JOB_NAMES, type Job, type JobName } from './types.ts'

const all: Job[] = [
	listCarriers,
	qualificationDeadline,
	revisionOverdue,
	offerAgreements,
	applicationWindowOpened,
	agreementReminders,
	qualificationReminders,
	followUpReminders,
	feeRatePublished,
	turnoverReminders,
	benchmarkReminders,
	consultationMails,
	issueInvoices,
	overdueInvoices,
	purgeSessions,
	nightlyBackup,
]

export const jobs: Record<JobName, Job> = Object.fromEntries(all.map((job) => [job.name, job])) as Record<JobName, Job>

/** In scheduler order. */
export const jobList: readonly Job[] = JOB_NAMES.map((name) => jobs[name])
