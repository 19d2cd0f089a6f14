import { Form, isRouteErrorResponse, Link, useSearchParams } from 'react-router'
import type { Route } from './+types/mail'
import {
	OUTBOX_STATUSES,
	type OutboxRow,
	outboxColumns,
	parseOutboxSearch,
	templateKeys,
	templateLabel,
} from './mail.columns.tsx'
import { ErrorPage } from '#app/components/error-page.tsx'
import { SubmitButton } from '#app/components/forms.tsx'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { getEnv } from '#app/lib/env.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { listOutbox } from '#app/services/mail/outbox-view.server.ts'
import { retryAllFailedEmails } from '#app/services/mail/worker.server.ts'

const PAGE_SIZE = 50

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const search = parseOutboxSearch(new URL(request.url).searchParams)
	const { rows, total, counts } = await listOutbox(
		{ status: search.status, template: search.sjabloon, q: search.q },
		{ page: search.pagina, pageSize: PAGE_SIZE },
	)
	const env = getEnv()
	return {
		rows: rows satisfies OutboxRow[],
		total,
		counts,
		search,
		page: search.pagina,
		pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		// Without SMTP (demo) nothing leaves the portal; with the scheduler off, no worker sends.
		delivery: !env.SMTP_URL
			? ('none' as const)
			: env.KEURMERK_SCHEDULER === 'off'
				? ('manual' as const)
				: ('smtp' as const),
		isAdmin: user.staffRole === 'admin',
	}
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const count = await retryAllFailedEmails({ type: 'staff', userId: user.id })
	return redirectWithToast('/medewerkers/mail', { type: 'success', key: 'mail.retriedAll', params: { count } })
}

export const meta: Route.MetaFunction = () => [{ title: 'E-mail · Medewerkers · Keurmerkportaal' }]

export default function Outbox({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const [searchParams] = useSearchParams()
	const { rows, total, counts, search, page, pageCount, delivery, isAdmin } = loaderData
	const columns = outboxColumns(t, locale)
	const pageLink = (target: number) => {
		const next = new URLSearchParams(searchParams)
		if (target > 1) next.set('pagina', String(target))
		else next.delete('pagina')
		return `?${next.toString()}`
	}
	return (
		<div className="stack">
			<h1>{t('mail.outboxTitle')}</h1>
			<p>{t('mail.outboxIntro')}</p>
			{delivery !== 'smtp' ? (
				<div className="panel panel--info" role="note">
					<p>{t(delivery === 'none' ? 'mail.noSmtp' : 'mail.workerOff')}</p>
				</div>
			) : null}
			<ul className="inline-list" aria-label={t('mail.countsLabel')}>
				{OUTBOX_STATUSES.map((status) => (
					<li key={status}>
						<Link to={`?status=${status}`}>
							{t(`mail.status_${status}`)}: {counts[status]}
						</Link>
					</li>
				))}
			</ul>
			{isAdmin && counts.failed > 0 ? (
				<Form method="post" className="panel panel--danger">
					<p>{t('mail.failedExplanation', { count: counts.failed })}</p>
					<SubmitButton>{t('mail.retryAll')}</SubmitButton>
				</Form>
			) : null}
			<Form method="get" className="form form--inline" aria-label={t('mail.filterOutbox')}>
				<div className="field">
					<label htmlFor="filter-status" className="field__label">
						{t('mail.columnStatus')}
					</label>
					<select id="filter-status" name="status" className="input input--select" defaultValue={search.status ?? ''}>
						<option value="">{t('mail.allStatuses')}</option>
						{OUTBOX_STATUSES.map((status) => (
							<option key={status} value={status}>
								{t(`mail.status_${status}`)}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="filter-template" className="field__label">
						{t('mail.columnTemplate')}
					</label>
					<select
						id="filter-template"
						name="sjabloon"
						className="input input--select"
						defaultValue={search.sjabloon ?? ''}
					>
						<option value="">{t('mail.allTemplates')}</option>
						{Object.keys(templateKeys).map((template) => (
							<option key={template} value={template}>
								{templateLabel(t, template)}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="filter-q" className="field__label">
						{t('mail.filterSearch')}
					</label>
					<input id="filter-q" name="q" type="search" className="input" defaultValue={search.q ?? ''} />
				</div>
				<button type="submit" className="button">
					{t('common.filter')}
				</button>
			</Form>
			<p role="status">{t('mail.resultCount', { count: total })}</p>
			{rows.length === 0 ? (
				<p className="empty-state">{t('mail.noMessages')}</p>
			) : (
				<div className="table-wrapper">
					<table className="table">
						<caption className="visually-hidden">{t('mail.outboxTitle')}</caption>
						<thead>
							<tr>
								{columns.map((column) => (
									<th key={column.id} scope="col" className={column.className}>
										{column.header}
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{rows.map((row) => (
								<tr key={row.id}>
									{columns.map((column) => (
										<td key={column.id} className={column.className}>
											{column.cell({ row: { original: row } })}
										</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			{pageCount > 1 ? (
				<nav aria-label={t('mail.pagination')} className="button-row">
					{page > 1 ? (
						<Link to={pageLink(page - 1)} className="button button--small" rel="prev">
							{t('common.previous')}
						</Link>
					) : null}
					<span>{t('mail.pageOf', { page, count: pageCount })}</span>
					{page < pageCount ? (
						<Link to={pageLink(page + 1)} className="button button--small" rel="next">
							{t('common.next')}
						</Link>
					) : null}
				</nav>
			) : null}
		</div>
	)
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
	return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />
}
