import { Form, Link } from 'react-router'
import type { Route } from './+types/mail'
import {
	OUTBOX_STATUSES,
	type OutboxRow,
	outboxColumns,
	outboxTableSpec,
	templateKeys,
	templateLabel,
} from './mail.columns.tsx'
import { DataTable } from '#app/components/data-table/data-table.tsx'
import { pageCount, parseTableQuery, type TableQuery } from '#app/lib/table-query.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { SubmitButton } from '#app/components/forms.tsx'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { getEnv } from '#app/lib/env.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { listOutbox } from '#app/services/mail/outbox-view.server.ts'
import { retryAllFailedEmails } from '#app/services/mail/worker.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

/** The table's sort as Prisma order. */
function outboxOrderBy(query: TableQuery): Prisma.OutboxEmailOrderByWithRelationInput[] {
	const byColumn: Record<string, (direction: 'asc' | 'desc') => Prisma.OutboxEmailOrderByWithRelationInput> = {
		createdAt: (direction) => ({ createdAt: direction }),
		to: (direction) => ({ toAddress: direction }),
		subject: (direction) => ({ subject: direction }),
		template: (direction) => ({ template: direction }),
		status: (direction) => ({ status: direction }),
		attempts: (direction) => ({ attempts: direction }),
	}
	return query.sort.flatMap((key) => byColumn[key.id]?.(key.desc ? 'desc' : 'asc') ?? [])
}

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const query = parseTableQuery(new URL(request.url).searchParams, outboxTableSpec)
	const filters = {
		status: OUTBOX_STATUSES.filter((status) => query.filters.status?.includes(status)),
		template: query.filters.sjabloon ?? [],
		q: query.search || undefined,
	}
	const list = (page: number) => listOutbox(filters, { page, pageSize: query.pageSize, orderBy: outboxOrderBy(query) })
	const first = await list(query.page)
	// A page beyond the end (an old link) shows the last page.
	const page = Math.min(query.page, pageCount(first.total, query.pageSize))
	const { rows, total, counts } = page === query.page ? first : await list(page)
	const env = getEnv()
	return {
		spec: outboxTableSpec,
		query: { ...query, page },
		rows: rows satisfies OutboxRow[],
		total,
		counts,
		page,
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

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.mail', 'meta.staff'])

export default function Outbox({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { spec, query, rows, total, counts, delivery, isAdmin } = loaderData
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
			<DataTable
				caption={t('mail.outboxTitle')}
				spec={spec}
				query={query}
				columns={outboxColumns(t, locale)}
				data={rows}
				total={total}
				getRowId={(row) => row.id}
				searchLabel={t('mail.filterSearch')}
				emptyText={t('mail.noMessages')}
				filters={[
					{
						id: 'status',
						label: t('mail.columnStatus'),
						options: OUTBOX_STATUSES.map((status) => ({
							value: status,
							label: t(`mail.status_${status}`),
							count: counts[status],
						})),
					},
					{
						id: 'sjabloon',
						label: t('mail.columnTemplate'),
						options: Object.keys(templateKeys).map((template) => ({
							value: template,
							label: templateLabel(t, template),
						})),
					},
				]}
			/>
		</div>
	)
}

export const ErrorBoundary = RouteErrorBoundary
