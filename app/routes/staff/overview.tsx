import { href, Link } from 'react-router'
import type { Route } from './+types/overview'
import { DateTime, StaffErrorBoundary, YearPicker } from './ui.tsx'
import { chosenYear } from './year-param.server.ts'
import { BarChart } from '#app/components/charts/bar-chart.tsx'
import { StateBadge } from '#app/components/status-badge.tsx'
import { daysLeft, yearCalendar } from '#app/domain/calendar.ts'
import { PARTICIPATION_STATES } from '#app/domain/types.ts'
import { useT } from '#app/i18n/react.tsx'
import { now } from '#app/lib/clock.server.ts'
import { calendarMomentLabel } from '#app/i18n/labels.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { participationYears, staffOverview } from '#app/services/staff-participations.server.ts'
import { QUEUES } from '#app/domain/workbench.ts'
import { workbenchQueues } from '#app/services/workbench.server.ts'
import { QUEUE_SLUGS } from './workbench-queues.ts'
import { toYearSettings } from '#app/services/years.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const at = now()
	const years = await participationYears()
	const year = chosenYear(new URL(request.url), years)
	if (year === null)
		return {
			year: null,
			years,
			counts: {},
			deadlines: [],
			notSubmitted: [],
			notSubmittedCount: 0,
			waiting: [],
			overdue: [],
			queueCounts: null,
		}
	const [{ row, groups, notSubmitted, notSubmittedCount, waiting, overdue }, workbench] = await Promise.all([
		staffOverview(year, at),
		workbenchQueues(year, user.id, at),
	])
	const settings = toYearSettings(row)
	const deadlines = yearCalendar(settings)
		.entries.filter((entry) => entry.at.getTime() >= at.getTime())
		.slice(0, 5)
		.map((entry) => ({
			key: entry.key,
			label: calendarMomentLabel(entry.key, settings, user.locale),
			at: entry.at,
			days: daysLeft(at, entry.at),
		}))
	return {
		year,
		years,
		counts: Object.fromEntries(groups.map((group) => [group.state, group._count._all])) as Record<string, number>,
		deadlines,
		notSubmitted,
		notSubmittedCount,
		waiting,
		overdue,
		queueCounts: workbench.counts,
	}
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.overview', 'meta.staff'])

export default function StaffOverview({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const { year, years, counts, deadlines, notSubmitted, notSubmittedCount, waiting, overdue, queueCounts } = loaderData
	if (year === null) return <p className="empty-state">{t('staff.noYears')}</p>
	const table = (state: string) => `${href('/medewerkers/deelnames')}?jaar=${year}&state=${state}`
	return (
		<div className="stack">
			<h1>{t('shell.navStaffOverview')}</h1>
			<YearPicker years={years} year={year} />
			{queueCounts ? (
				<section className="panel" aria-labelledby="workbench-title">
					<h2 id="workbench-title">{t('workbench.overviewTitle')}</h2>
					<ul className="queue-tabs">
						{QUEUES.map((queue) => (
							<li key={queue}>
								<Link to={`${href('/medewerkers/werkbank')}?jaar=${year}&wachtrij=${QUEUE_SLUGS[queue]}`}>
									{t(`workbench.queue_${queue}`)}: <strong>{queueCounts[queue]}</strong>
								</Link>
							</li>
						))}
					</ul>
				</section>
			) : null}
			<div className="staff-grid">
				<section className="panel" aria-labelledby="states-title">
					<h2 id="states-title">{t('staff.overviewStates', { year })}</h2>
					<BarChart
						title={t('staff.overviewStatesChart', { year })}
						valueLabel={t('staff.overviewAsTable')}
						bars={PARTICIPATION_STATES.map((state) => ({
							label: t(`states.${state}`),
							value: counts[state] ?? 0,
							href: table(state),
						}))}
					/>
				</section>
				<section className="panel" aria-labelledby="deadlines-title">
					<h2 id="deadlines-title">{t('staff.overviewDeadlines')}</h2>
					{deadlines.length === 0 ? <p className="empty-state">{t('staff.none')}</p> : null}
					<ul>
						{deadlines.map((deadline) => (
							<li key={deadline.key}>
								<strong>{deadline.label}</strong>: <DateTime value={deadline.at} dateOnly /> (
								{deadline.days === 0 ? t('common.today') : t('common.daysLeft', { count: deadline.days })})
							</li>
						))}
					</ul>
				</section>
			</div>
			<div className="staff-grid">
				<section className="panel" aria-labelledby="waiting-title">
					<h2 id="waiting-title">{t('staff.overviewWaiting', { count: counts.submitted ?? 0 })}</h2>
					<ul>
						{waiting.map((row) => (
							<li key={row.id}>
								<Link to={href('/medewerkers/deelnames/:participationId', { participationId: row.id })}>
									{row.provider.name}
								</Link>{' '}
								· <DateTime value={row.stateChangedAt} dateOnly /> · {row.assessor?.name ?? t('staff.noAssessor')}
							</li>
						))}
					</ul>
					<Link to={table('submitted')}>{t('staff.overviewAll')}</Link>
				</section>
				<section className="panel" aria-labelledby="overdue-title">
					<h2 id="overdue-title">{t('staff.overviewOverdue', { count: overdue.length })}</h2>
					{overdue.length === 0 ? <p className="empty-state">{t('staff.none')}</p> : null}
					<ul>
						{overdue.map((row) => (
							<li key={row.id}>
								<Link to={href('/medewerkers/deelnames/:participationId', { participationId: row.id })}>
									{row.provider.name}
								</Link>{' '}
								· {t('staff.columnRevisionDue')} <DateTime value={row.revisionDueAt} dateOnly />
							</li>
						))}
					</ul>
				</section>
				<section className="panel" aria-labelledby="not-submitted-title">
					<h2 id="not-submitted-title">{t('staff.overviewNotSubmitted', { count: notSubmittedCount })}</h2>
					<ul>
						{notSubmitted.map((row) => (
							<li key={row.id}>
								<Link to={href('/medewerkers/deelnames/:participationId', { participationId: row.id })}>
									{row.provider.name}
								</Link>{' '}
								<StateBadge state={row.state} />
							</li>
						))}
					</ul>
					<Link to={`${href('/medewerkers/deelnames')}?jaar=${year}&state=listed&state=agreement_signed`}>
						{t('staff.overviewAll')}
					</Link>
				</section>
			</div>
		</div>
	)
}

export const ErrorBoundary = StaffErrorBoundary
