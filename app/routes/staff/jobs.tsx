import { data, Form, href } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/jobs'
import { DataTable, type DataTableColumn } from '#app/components/data-table/data-table.tsx'
import { pageWindow, parseTableQuery, type TableSpec } from '#app/lib/table-query.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { SubmitButton } from '#app/components/forms.tsx'
import type { Locale, MessageKey } from '#app/i18n/catalogue.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { translate, type Translate } from '#app/i18n/translate.ts'
import { jobList } from '#app/jobs/index.server.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { JOB_NAMES, type JobError } from '#app/jobs/types.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { parseForm, readForm } from '#app/lib/forms.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { countJobRuns, jobRunPage, latestJobRuns } from '#app/services/job-runs.server.ts'

const RUN_STATUSES = ['running', 'succeeded', 'failed'] as const

// The run history on the shared DataTable: job and status facets, sort and paging in the URL.
const historySpec: TableSpec = {
	sortable: ['at', 'job', 'status'],
	defaultSort: [{ id: 'at', desc: true }],
	filters: [
		{ id: 'taak', kind: 'options', values: JOB_NAMES },
		{ id: 'status', kind: 'options', values: RUN_STATUSES },
	],
	columns: ['at', 'job', 'status', 'summary'],
	alwaysVisible: ['at'],
	pageSizes: [25, 50, 100],
	defaultPageSize: 25,
}

const runSchema = z.object({ job: z.enum(JOB_NAMES) })

type Summary = Record<string, number | JobError[]>

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const query = parseTableQuery(new URL(request.url).searchParams, historySpec)
	const where: Prisma.JobRunWhereInput = {
		...(query.filters.taak ? { job: { in: query.filters.taak } } : {}),
		...(query.filters.status
			? { status: { in: RUN_STATUSES.filter((status) => query.filters.status?.includes(status)) } }
			: {}),
	}
	const direction = (desc: boolean): 'asc' | 'desc' => (desc ? 'desc' : 'asc')
	const orderBy: Prisma.JobRunOrderByWithRelationInput[] = [
		...query.sort.map((key) =>
			key.id === 'job'
				? { job: direction(key.desc) }
				: key.id === 'status'
					? { status: direction(key.desc) }
					: { startedAt: direction(key.desc) },
		),
		{ startedAt: 'desc' },
	]
	const [total, latest] = await Promise.all([countJobRuns(where), latestJobRuns(JOB_NAMES)])
	const { skip, take, page } = pageWindow(query, total)
	const history = await jobRunPage(where, orderBy, skip, take)
	const present = (run: (typeof history)[number]) => ({
		id: run.id,
		job: run.job,
		at: run.at,
		startedAt: run.startedAt,
		finishedAt: run.finishedAt,
		status: run.status,
		byHand: run.runKey.includes(':hand:'),
		summary: (run.summary ?? {}) as Summary,
		error: run.error,
	})
	return {
		jobs: jobList.map((job, index) => {
			const last = latest[index]
			return { name: job.name, title: job.title, description: job.description, last: last ? present(last) : null }
		}),
		history: history.map(present),
		spec: historySpec,
		query: { ...query, page },
		total,
		schedulerOn: getEnv().KEURMERK_SCHEDULER === 'on',
		isAdmin: user.staffRole === 'admin',
	}
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const form = parseForm(runSchema, await readForm(request))
	if (!form.success) return data(form, { status: 400 })
	// Audited inside runJob (job.run, with the staff member as actor).
	const outcome = await runJob(form.data.job, { trigger: 'manual', actor: { type: 'staff', userId: user.id } })
	return redirectWithToast(`${href('/medewerkers/taken')}?taak=${form.data.job}`, {
		type: outcome.run.status === 'succeeded' ? 'success' : 'error',
		key: outcome.run.status === 'succeeded' ? 'mail.jobRan' : 'mail.jobFailed',
		// Issue 12 §7: the job by its name in the reader's language, never its code.
		params: { job: translate(user.locale, jobList.find((job) => job.name === form.data.job)!.title) },
	})
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.jobs', 'meta.staff'])

function SummaryList({ summary }: { summary: Summary }) {
	const t = useT()
	const entries = Object.entries(summary).filter(([key]) => key !== 'errors' && key !== 'durationMs')
	const errors = Array.isArray(summary.errors) ? summary.errors : []
	if (entries.length === 0 && errors.length === 0) return <>{t('mail.nothingToDo')}</>
	return (
		<>
			{entries.map(([key, value]) => `${summaryLabel(t, key)}: ${String(value)}`).join(' · ')}
			{errors.length > 0 ? (
				<ul>
					{errors.map((error) => (
						<li key={`${error.id}:${error.message}`}>
							<code>{error.id}</code>: {error.message}
						</li>
					))}
				</ul>
			) : null}
		</>
	)
}

// The counts jobs report, in words; an unknown count is shown by its key.
const summaryKeys: Record<string, MessageKey> = {
	checked: 'mail.summary_checked',
	changed: 'mail.summary_changed',
	unchanged: 'mail.summary_unchanged',
	failed: 'mail.summary_failed',
	offered: 'mail.summary_offered',
	reminded: 'mail.summary_reminded',
	reminded_upcoming: 'mail.summary_reminded_upcoming',
	reminded_overdue: 'mail.summary_reminded_overdue',
	announced: 'mail.summary_announced',
	issued: 'mail.summary_issued',
	notified: 'mail.summary_notified',
	mails: 'mail.summary_mails',
	reapplicantsListed: 'mail.summary_reapplicantsListed',
	eligibleForWithdrawal: 'mail.summary_eligibleForWithdrawal',
	sessionsDeleted: 'mail.summary_sessionsDeleted',
	rateLimitsDeleted: 'mail.summary_rateLimitsDeleted',
	orphanFilesChecked: 'mail.summary_orphanFilesChecked',
	orphanFilesRemoved: 'mail.summary_orphanFilesRemoved',
	orphanBytesFreed: 'mail.summary_orphanBytesFreed',
	replacedFilesChecked: 'mail.summary_replacedFilesChecked',
	replacedFilesRemoved: 'mail.summary_replacedFilesRemoved',
	replacedBytesFreed: 'mail.summary_replacedBytesFreed',
	analyzed: 'mail.summary_analyzed',
}

function summaryLabel(t: Translate, key: string): string {
	const days = /^reminded(\d+)$/.exec(key)
	if (days) return t('mail.summary_remindedDays', { days: days[1] ?? '' })
	return Object.hasOwn(summaryKeys, key) ? t(summaryKeys[key] as MessageKey) : key
}

const statusTone = { running: 'info', succeeded: 'success', failed: 'danger' } as const

export default function Jobs({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { jobs, history, spec, query, total, schedulerOn, isAdmin } = loaderData
	return (
		<div className="stack">
			<h1>{t('mail.jobsTitle')}</h1>
			<p>{t('mail.jobsIntro')}</p>
			{!schedulerOn ? (
				<div className="panel panel--info" role="note">
					<p>{t('mail.schedulerOff')}</p>
				</div>
			) : null}
			<div className="table-wrapper">
				<table className="table table--stack">
					<caption className="visually-hidden">{t('mail.jobsTitle')}</caption>
					<thead>
						<tr>
							<th scope="col">{t('mail.columnJob')}</th>
							<th scope="col">{t('mail.columnLastRun')}</th>
							{isAdmin ? <th scope="col">{t('mail.columnAction')}</th> : null}
						</tr>
					</thead>
					<tbody>
						{jobs.map((job) => (
							<tr key={job.name}>
								<td>
									<strong>{t(job.title)}</strong>
									<br />
									<span className="field__hint">{t(job.description)}</span>
								</td>
								<td>
									{job.last ? (
										<>
											<span className={`badge badge--${statusTone[job.last.status]}`}>
												{t(`mail.run_${job.last.status}`)}
											</span>{' '}
											{formatDateTime(job.last.at, locale)}
										</>
									) : (
										t('mail.neverRan')
									)}
								</td>
								{isAdmin ? (
									<td>
										<Form method="post">
											<SubmitButton
												className="button button--small"
												name="job"
												value={job.name}
												pendingText={t('mail.running')}
											>
												{t('mail.runNow')}
												<span className="visually-hidden"> ({t(job.title)})</span>
											</SubmitButton>
										</Form>
									</td>
								) : null}
							</tr>
						))}
					</tbody>
				</table>
			</div>

			<section aria-labelledby="history" className="stack">
				<h2 id="history">{t('mail.history')}</h2>
				<DataTable
					caption={t('mail.history')}
					spec={spec}
					query={query}
					columns={historyColumns(t, locale, jobs)}
					data={history}
					total={total}
					getRowId={(run) => run.id}
					emptyText={t('mail.noRuns')}
					filters={[
						{
							id: 'taak',
							label: t('mail.columnJob'),
							options: jobs.map((job) => ({ value: job.name, label: t(job.title) })),
						},
						{
							id: 'status',
							label: t('mail.columnStatus'),
							options: RUN_STATUSES.map((status) => ({ value: status, label: t(`mail.run_${status}`) })),
						},
					]}
				/>
			</section>
		</div>
	)
}

type Run = Route.ComponentProps['loaderData']['history'][number]

function historyColumns(
	t: Translate,
	locale: Locale,
	jobs: { name: string; title: MessageKey }[],
): DataTableColumn<Run>[] {
	return [
		{
			id: 'at',
			header: t('mail.columnMoment'),
			cell: ({ row }) => (
				<>
					{formatDateTime(row.original.at, locale)}
					<br />
					<span className="field__hint">{t(row.original.byHand ? 'mail.byHand' : 'mail.byScheduler')}</span>
				</>
			),
		},
		{
			id: 'job',
			header: t('mail.columnJob'),
			cell: ({ row }) => {
				const job = jobs.find((candidate) => candidate.name === row.original.job)
				return job ? t(job.title) : row.original.job
			},
		},
		{
			id: 'status',
			header: t('mail.columnStatus'),
			cell: ({ row }) => (
				<span className={`badge badge--${statusTone[row.original.status]}`}>
					{t(`mail.run_${row.original.status}`)}
				</span>
			),
		},
		{
			id: 'summary',
			header: t('mail.columnSummary'),
			cell: ({ row }) => (
				<>
					<SummaryList summary={row.original.summary} />
					{row.original.error ? <p className="field__error">{row.original.error}</p> : null}
				</>
			),
		},
	]
}

export const ErrorBoundary = RouteErrorBoundary
