// /aanbieder/:providerId: the provider's dashboard — the year's timeline with where it stands,
// the next deadline with days left, what to do now, earlier years and downloads.
import { Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/dashboard'
import { ProviderErrorBoundary } from '#app/components/provider/ui.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { InputField } from '#app/components/forms.tsx'
import { StateBadge } from '#app/components/status-badge.tsx'
import { formatCalendarDay } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { applicationWindow } from '#app/services/application.server.ts'
import { calendarFeedUrl, resetCalendarToken } from '#app/services/calendar-feed.server.ts'
import { providerDashboard } from '#app/services/provider-dashboard.server.ts'
import { providerUnread } from '#app/services/conversation.server.ts'
import { calendarMomentLabel, nextDeadlineLabel } from '#app/i18n/labels.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { readForm } from '#app/lib/forms.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, membership } = await requireProviderMember(request, params.providerId)
	const dashboard = await providerDashboard(params.providerId)
	const { open } = await applicationWindow()
	const appliedYears = new Set([dashboard.current?.year, ...dashboard.history.map((row) => row.year)])
	const todos = dashboard.todos.map(({ deadline, settings, ...todo }) => ({
		...todo,
		label: nextDeadlineLabel(deadline, settings, user.locale),
	}))
	const shown = dashboard.current
	const current = shown && {
		...shown,
		timeline: shown.timeline.map((moment) => ({
			...moment,
			label: calendarMomentLabel(moment.key, shown.settings, user.locale),
		})),
	}
	return {
		...dashboard,
		current,
		todos,
		next: todos[0] ?? null,
		canSign: membership.canSign,
		applyYear: open && !appliedYears.has(open.year) ? open.year : null,
		calendarUrl: await calendarFeedUrl(params.providerId),
		// Issue 12 §4: messages of KiBG this member has not read, per year.
		unread: (await providerUnread(params.providerId, user.id)).byYear,
	}
}

const actionSchema = z.object({ intent: z.literal('reset-calendar') })

// The feed's URL is a secret: a signing member can replace it when it has been shared too widely.
export async function action({ request, params }: Route.ActionArgs) {
	const { user } = await requireProviderMember(request, params.providerId, { signing: true })
	const form = actionSchema.safeParse(Object.fromEntries(await readForm(request)))
	if (!form.success) throw new Response('Onbekende actie', { status: 400 })
	await resetCalendarToken(params.providerId, { type: 'provider', userId: user.id })
	return redirectWithToast(`${href('/aanbieder/:providerId', { providerId: params.providerId })}#agenda-title`, {
		type: 'success',
		key: 'provider.calendarResetToast',
	})
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [args.loaderData ? { text: args.loaderData.provider.name } : 'meta.provider'])

export default function ProviderDashboard({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { provider, current, next, todos, history, downloads, applyYear, calendarUrl, canSign, unread } = loaderData
	const unreadYears = Object.entries(unread)
		.map(([year, count]) => ({ year: Number(year), count }))
		.sort((a, b) => b.year - a.year)
	const base = href('/aanbieder/:providerId', { providerId: provider.id })
	const noDownloads = downloads.agreements.length + downloads.certificates.length + downloads.invoices.length === 0
	return (
		<div className="stack">
			<h1>{provider.name}</h1>
			<p>
				{t(`states.${provider.type}`)} · {provider.city} · {t('provider.fieldKvk')} {provider.kvkNumber}
			</p>

			{next ? (
				<section
					className={`panel ${next.overdue ? 'panel--danger' : next.daysLeft <= 14 ? 'panel--warning' : 'panel--info'}`}
					aria-labelledby="next-title"
				>
					<h2 id="next-title">{t('provider.nextDeadline')}</h2>
					<p>
						<strong>{next.label}</strong>
					</p>
					<p>
						{next.overdue
							? t('provider.overdue')
							: next.daysLeft === 0
								? t('provider.dueToday')
								: t('provider.daysLeft', { count: next.daysLeft })}
					</p>
				</section>
			) : null}

			{unreadYears.length > 0 ? (
				<section className="panel panel--info" aria-labelledby="messages-title">
					<h2 id="messages-title">{t('conversation.dashboardTitle')}</h2>
					<ul>
						{unreadYears.map(({ year, count }) => (
							<li key={year}>
								<Link
									to={href('/aanbieder/:providerId/berichten/:year', { providerId: provider.id, year: String(year) })}
								>
									{t('conversation.dashboardLink', { year })}
								</Link>{' '}
								<span className="badge badge--warning">{t('conversation.unread', { count })}</span>
							</li>
						))}
					</ul>
				</section>
			) : null}

			<section className="stack" aria-labelledby="todo-title">
				<h2 id="todo-title">{t('provider.whatNow')}</h2>
				{todos.length === 0 && !applyYear ? <p className="empty-state">{t('provider.nothingToDo')}</p> : null}
				<ul className="card-list">
					{applyYear ? (
						<li className="card">
							<Link to="/aanmelden" className="card__title">
								{t('provider.todoApply', { year: applyYear })}
							</Link>
						</li>
					) : null}
					{todos.map((todo) => (
						<li key={`${todo.year}-${todo.kind}`} className="card">
							<Link to={todo.path} className="card__title">
								{t(`provider.todo_${todo.kind}`, { year: todo.year })}
							</Link>
							<p>{todo.label}</p>
						</li>
					))}
				</ul>
			</section>

			{current ? (
				<section className="panel stack" aria-labelledby="year-title">
					<h2 id="year-title">{t('provider.yearTitle', { year: current.year })}</h2>
					<p>
						{t('provider.yourState')} <StateBadge state={current.state} />{' '}
						{/* The state "listed" says it already; for every other state the register is news. */}
						{current.state === 'listed' ? null : current.inRegister ? (
							<span className="badge badge--success">{t('provider.inRegister')}</span>
						) : (
							<span className="badge badge--neutral">{t('provider.notInRegister')}</span>
						)}
					</p>
					{current.isReapplicant ? (
						<p className="field__hint">
							{t('provider.reapplicantNote', { date: formatCalendarDay(current.reapplicantListingOn, locale) })}
						</p>
					) : null}
					{current.withdrawal ? (
						<p className="panel panel--danger">
							{t('provider.withdrawnNote', { reason: t(`states.reason_${current.withdrawal.reason}`) })}{' '}
							<DateTime value={current.withdrawal.effectiveAt} dateOnly />
						</p>
					) : null}
					<ol className="timeline">
						{current.timeline.map((moment) => (
							<li key={moment.key} className={moment.passed ? 'timeline__item timeline__item--done' : 'timeline__item'}>
								<DateTime value={moment.at} dateOnly /> — {moment.label}
								{moment.passed ? <span className="visually-hidden"> ({t('provider.passed')})</span> : null}
							</li>
						))}
					</ol>
				</section>
			) : (
				<p className="empty-state">{t('provider.noParticipation')}</p>
			)}

			<section className="stack" aria-labelledby="downloads-title">
				<h2 id="downloads-title">{t('provider.downloads')}</h2>
				{noDownloads ? <p className="empty-state">{t('provider.noDownloads')}</p> : null}
				<ul>
					{downloads.agreements.map((item) => (
						<li key={item.path}>
							<a href={item.path}>{t('provider.downloadSigned', { year: item.year })}</a>
						</li>
					))}
					{downloads.certificates.map((item) => (
						<li key={item.path}>
							<a href={item.path}>{t('provider.downloadCertificate', { year: item.year, number: item.number })}</a>
						</li>
					))}
					{downloads.invoices.map((item) => (
						<li key={item.id}>
							<a href={item.path}>{t('provider.invoiceLink', { number: item.number })}</a> ({item.year})
						</li>
					))}
				</ul>
			</section>

			<section className="stack" aria-labelledby="agenda-title">
				<h2 id="agenda-title">{t('provider.calendarTitle')}</h2>
				<p>{t('provider.calendarIntro')}</p>
				<InputField
					id="calendar-url"
					name="calendarUrl"
					label={t('provider.calendarUrl')}
					className="mono"
					readOnly
					value={calendarUrl}
					onFocus={(event) => event.currentTarget.select()}
				/>
				{canSign ? (
					<Form method="post" className="stack">
						<input type="hidden" name="intent" value="reset-calendar" />
						<p className="field__hint">{t('provider.calendarResetHint')}</p>
						<button type="submit" className="button">
							{t('provider.calendarReset')}
						</button>
					</Form>
				) : null}
			</section>

			{history.length > 0 ? (
				<section className="stack" aria-labelledby="history-title">
					<h2 id="history-title">{t('provider.history')}</h2>
					<ul className="card-list">
						{history.map((row) => (
							<li key={row.year} className="card">
								<span className="card__title">{row.year}</span> <StateBadge state={row.state} />
								{row.certificateNumber ? ` · ${row.certificateNumber}` : ''}
								{row.withdrawal ? ` · ${t(`states.reason_${row.withdrawal.reason}`)}` : ''}{' '}
								<Link to={`${base}/overeenkomst/${row.year}`}>
									{t('provider.agreementTitleYear', { year: row.year })}
								</Link>
							</li>
						))}
					</ul>
				</section>
			) : null}
		</div>
	)
}

export const ErrorBoundary = ProviderErrorBoundary
