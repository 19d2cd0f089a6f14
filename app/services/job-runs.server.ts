// The record of scheduled runs (app/jobs/runner.server.ts writes it) as staff read it.
import type { Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/lib/db.server.ts'

export function countJobRuns(where: Prisma.JobRunWhereInput): Promise<number> {
	return db.jobRun.count({ where })
}

/** The latest run of every job, in the order of `jobs` (null for a job that never ran). */
export function latestJobRuns(jobs: readonly string[]) {
	return Promise.all(jobs.map((job) => db.jobRun.findFirst({ where: { job }, orderBy: { startedAt: 'desc' } })))
}

export function jobRunPage(
	where: Prisma.JobRunWhereInput,
	orderBy: Prisma.JobRunOrderByWithRelationInput[],
	skip: number,
	take: number,
) {
	return db.jobRun.findMany({ where, orderBy, skip, take })
}
