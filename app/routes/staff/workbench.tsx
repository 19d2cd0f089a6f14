import { href, Link } from 'react-router'
import type { Route } from './+types/workbench'
import { AssessorControl } from './assessor-control.tsx'
import { handleAssignment } from './assignment.server.ts'
import { DateTime, StaffErrorBoundary, YearPicker } from './ui.tsx'
import { chosenYear } from './year-param.server.ts'
import { ErrorSummary } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { pageMeta } from '#app/i18n/meta.ts'
import { readForm } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { participationYears, staffMembers } from '#app/services/staff-participations.server.ts'
import { type Queue, QUEUES } from '#app/domain/workbench.ts'
import { workbenchQueues } from '#app/services/workbench.server.ts'
import { QUEUE_SLUGS } from './workbench-queues.ts'

// The workbench (issue 12): the season's work as queues — mine, unassigned, waiting too long,
// revisions due soon, sample interviews to plan — each with its assessor and how long it waited.

function queueOf(url: URL): Queue {
	const slug = url.searchParams.get('wachtrij')
	return QUEUES.find((queue) => QUEUE_SLUGS[queue] === slug) ?? 'mine'
}

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const url = new URL(request.url)
	const years = await participationYears()
	const year = chosenYear(url, years)
	invariantResponse(year !== null, 'Niet gevonden')
	const queue = queueOf(url)
	const [{ queues, counts, assessmentDays }, staff] = await Promise.all([
		workbenchQueues(year, user.id),
		staffMembers(),
	])
	return {
		year,
		years,
		queue,
		counts,
		assessmentDays,
		rows: queues[queue],
		staff: staff.filter((member) => member.active).map(({ id, name }) => ({ id, name })),
	}
}

export async function action({ request }: Route.ActionArgs) {
	// Permission first: an anonymous visitor goes to the login page whatever the intent (issue 15).
	await requireStaff(request)
	const formData = await readForm(request)
	const url = new URL(request.url)
	const back = `${href('/medewerkers/werkbank')}${url.search}`
	const result = await handleAssignment(request, formData, back)
	invariantResponse(result, 'Niet gevonden')
	return result
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.workbench', 'meta.staff'])

export default function Workbench({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { year, years, queue, counts, rows, staff, assessmentDays } = loaderData
	const link = (target: Queue) => `${href('/medewerkers/werkbank')}?jaar=${year}&wachtrij=${QUEUE_SLUGS[target]}`
	const errors = actionData && 'success' in actionData && !actionData.success ? actionData : undefined
	return (
		<div className="stack">
			<h1>{t('workbench.title')}</h1>
			<YearPicker years={years} year={year} />
			<ErrorSummary formErrors={errors?.formErrors} fieldErrors={errors?.fieldErrors} />
			<nav aria-label={t('workbench.queuesNav')}>
				<ul className="queue-tabs">
					{QUEUES.map((candidate) => (
						<li key={candidate}>
							<Link to={link(candidate)} aria-current={candidate === queue ? 'page' : undefined}>
								{t(`workbench.queue_${candidate}`)} <span className="badge badge--neutral">{counts[candidate]}</span>
							</Link>
						</li>
					))}
				</ul>
			</nav>
			<section aria-labelledby="queue-title" className="stack">
				<h2 id="queue-title">
					{t(`workbench.queue_${queue}`)} ({counts[queue]})
				</h2>
				<p className="field__hint">{t(`workbench.queueHint_${queue}`, { days: assessmentDays })}</p>
				{rows.length === 0 ? (
					<p className="empty-state">{t('workbench.queueEmpty')}</p>
				) : (
					<div className="table-wrapper">
						<table className="table">
							<thead>
								<tr>
									<th scope="col">{t('workbench.columnProvider')}</th>
									<th scope="col">{t('workbench.columnRound')}</th>
									<th scope="col">
										{queue === 'revision_due'
											? t('workbench.columnRevisionDue')
											: queue === 'interviews'
												? t('workbench.columnInterview')
												: t('workbench.columnWaiting')}
									</th>
									<th scope="col">{t('workbench.columnMessages')}</th>
									<th scope="col">{t('staff.columnAssessor')}</th>
								</tr>
							</thead>
							<tbody>
								{rows.map((row) => (
									<tr key={row.participationId}>
										<th scope="row">
											<Link
												to={href('/medewerkers/deelnames/:participationId', { participationId: row.participationId })}
											>
												{row.providerName}
											</Link>
										</th>
										<td>
											{row.round ? (
												<Link
													to={href('/medewerkers/deelnames/:participationId/beoordeling/:round', {
														participationId: row.participationId,
														round: String(row.round),
													})}
												>
													{t('staff.roundN', { round: row.round })}
												</Link>
											) : (
												'–'
											)}
										</td>
										<td>
											{queue === 'revision_due' ? (
												<DateTime value={row.revisionDueAt} dateOnly />
											) : queue === 'interviews' ? (
												<Link to={`${href('/medewerkers/steekproef')}?jaar=${year}`}>
													{t('workbench.planInterview')}
												</Link>
											) : (
												<>
													{t('workbench.waitingDays', { count: row.waitingDays ?? 0 })}{' '}
													<span className="field__hint">
														({t('workbench.submittedOn')} <DateTime value={row.submittedAt} dateOnly />)
													</span>{' '}
													{row.overdue ? <span className="badge badge--danger">{t('workbench.overdue')}</span> : null}
												</>
											)}
										</td>
										<td>
											{row.unread ? (
												<span className="badge badge--warning">{t('workbench.unread', { count: row.unread })}</span>
											) : (
												'–'
											)}
										</td>
										<td>
											<AssessorControl
												participationId={row.participationId}
												assessor={row.assessor}
												staff={staff}
												claimable={row.state === 'submitted'}
												label={row.providerName}
											/>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
			</section>
		</div>
	)
}

export const ErrorBoundary = StaffErrorBoundary
