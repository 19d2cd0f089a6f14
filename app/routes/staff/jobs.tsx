import { data, Form, isRouteErrorResponse, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/jobs'
import { ErrorPage } from '#app/components/error-page.tsx'
import { SubmitButton } from '#app/components/forms.tsx'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import type { Translate } from '#app/i18n/translate.ts'
import { jobList } from '#app/jobs/index.server.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { JOB_NAMES, type JobError } from '#app/jobs/types.ts'
import { db } from '#app/lib/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { parseForm } from '#app/lib/forms.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'

const searchSchema = z.object({ taak: z.enum(JOB_NAMES).optional().catch(undefined) })
const runSchema = z.object({ job: z.enum(JOB_NAMES) })

type Summary = Record<string, number | JobError[]>

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const search = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const [history, latest] = await Promise.all([
		db.jobRun.findMany({ where: search.taak ? { job: search.taak } : {}, orderBy: { startedAt: 'desc' }, take: 100 }),
		Promise.all(JOB_NAMES.map((name) => db.jobRun.findFirst({ where: { job: name }, orderBy: { startedAt: 'desc' } }))),
	])
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
		search,
		schedulerOn: getEnv().KEURMERK_SCHEDULER === 'on',
		isAdmin: user.staffRole === 'admin',
	}
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const form = parseForm(runSchema, await request.formData())
	if (!form.success) return data(form, { status: 400 })
	// Audited inside runJob (job.run, with the staff member as actor).
	const outcome = await runJob(form.data.job, { trigger: 'manual', actor: { type: 'staff', userId: user.id } })
	return redirectWithToast(`/medewerkers/taken?taak=${form.data.job}`, {
		type: outcome.run.status === 'succeeded' ? 'success' : 'error',
		key: outcome.run.status === 'succeeded' ? 'mail.jobRan' : 'mail.jobFailed',
		params: { job: form.data.job },
	})
}

export const meta: Route.MetaFunction = () => [{ title: 'Geplande taken · Medewerkers · Keurmerkportaal' }]

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
	const { jobs, history, search, schedulerOn, isAdmin } = loaderData
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
				<table className="table">
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

			<section aria-labelledby="history">
				<h2 id="history">{t('mail.history')}</h2>
				<Form method="get" className="form form--inline" aria-label={t('mail.filterHistory')}>
					<div className="field">
						<label htmlFor="filter-job" className="field__label">
							{t('mail.columnJob')}
						</label>
						<select id="filter-job" name="taak" className="input input--select" defaultValue={search.taak ?? ''}>
							<option value="">{t('mail.allJobs')}</option>
							{jobs.map((job) => (
								<option key={job.name} value={job.name}>
									{t(job.title)}
								</option>
							))}
						</select>
					</div>
					<button type="submit" className="button">
						{t('common.filter')}
					</button>
					{search.taak ? <Link to="/medewerkers/taken">{t('mail.allJobs')}</Link> : null}
				</Form>
				{history.length === 0 ? (
					<p className="empty-state">{t('mail.noRuns')}</p>
				) : (
					<div className="table-wrapper">
						<table className="table">
							<caption className="visually-hidden">{t('mail.history')}</caption>
							<thead>
								<tr>
									<th scope="col">{t('mail.columnMoment')}</th>
									<th scope="col">{t('mail.columnJob')}</th>
									<th scope="col">{t('mail.columnStatus')}</th>
									<th scope="col">{t('mail.columnSummary')}</th>
								</tr>
							</thead>
							<tbody>
								{history.map((run) => {
									const job = jobs.find((candidate) => candidate.name === run.job)
									return (
										<tr key={run.id}>
											<td>
												{formatDateTime(run.at, locale)}
												<br />
												<span className="field__hint">{t(run.byHand ? 'mail.byHand' : 'mail.byScheduler')}</span>
											</td>
											<td>{job ? t(job.title) : run.job}</td>
											<td>
												<span className={`badge badge--${statusTone[run.status]}`}>{t(`mail.run_${run.status}`)}</span>
											</td>
											<td>
												<SummaryList summary={run.summary} />
												{run.error ? <p className="field__error">{run.error}</p> : null}
											</td>
										</tr>
									)
								})}
							</tbody>
						</table>
					</div>
				)}
			</section>
		</div>
	)
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
	return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />
}
