import { href, Link } from 'react-router'
import type { Route } from './+types/withdrawals'
import { DateTime, StaffErrorBoundary, YearPicker } from './ui.tsx'
import { chosenYear } from './year-param.server.ts'
import { DataTable, type DataTableColumn } from '#app/components/data-table/data-table.tsx'
import { filterValues, parseTableQuery } from '#app/lib/table-query.ts'
import { WITHDRAWAL_REASONS } from '#app/domain/types.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { formatCalendarDay } from '#app/i18n/format.ts'
import type { Translate } from '#app/i18n/translate.ts'
import { now } from '#app/lib/clock.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { participationYears } from '#app/services/staff-participations.server.ts'
import { pendingWithdrawalProposals } from '#app/services/safe-decisions.server.ts'
import { listWithdrawals, withdrawalsTableSpec } from '#app/services/withdrawal.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const url = new URL(request.url)
	const years = await participationYears()
	const year = chosenYear(url, years)
	const spec = withdrawalsTableSpec()
	const query = parseTableQuery(url.searchParams, spec)
	const [{ rows, total, page }, proposals] = await Promise.all([
		listWithdrawals(query, year),
		pendingWithdrawalProposals(),
	])
	return { spec, query: { ...query, page }, rows, total, years, year, now: now(), proposals }
}

type Row = Route.ComponentProps['loaderData']['rows'][number]

function columns(t: Translate, at: Date): DataTableColumn<Row>[] {
	return [
		{
			id: 'provider',
			header: t('staff.columnProvider'),
			cell: ({ row }) => (
				<Link to={href('/medewerkers/deelnames/:participationId', { participationId: row.original.participation.id })}>
					{row.original.participation.provider.name}
				</Link>
			),
		},
		{ id: 'year', header: t('staff.year'), className: 'numeric', cell: ({ row }) => row.original.participation.year },
		{ id: 'reason', header: t('staff.columnReason'), cell: ({ row }) => t(`states.reason_${row.original.reason}`) },
		{
			id: 'effectiveAt',
			header: t('staff.effectiveAt'),
			cell: ({ row }) => <DateTime value={row.original.effectiveAt} />,
		},
		{
			id: 'status',
			header: t('staff.columnStatus'),
			cell: ({ row }) =>
				row.original.undoneAt
					? t('staff.withdrawalStatus_undone')
					: new Date(row.original.effectiveAt) > at
						? t('staff.withdrawalStatus_pending')
						: t('staff.withdrawalStatus_effective'),
		},
		{
			id: 'decidedBy',
			header: t('staff.columnDecidedBy'),
			cell: ({ row }) => row.original.decidedBy?.name ?? t('staff.system'),
		},
		{
			id: 'letter',
			header: t('staff.letter'),
			cell: ({ row }) =>
				row.original.letterFile ? (
					<a href={href('/medewerkers/documenten/:fileId', { fileId: row.original.letterFile.id })}>PDF</a>
				) : (
					'–'
				),
		},
	]
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.withdrawals', 'meta.staff'])

export default function Withdrawals({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { spec, query, rows, total, years, year } = loaderData
	return (
		<div className="stack">
			<h1>{t('staff.withdrawalsTitle')}</h1>
			<p>{t('staff.withdrawalsIntro')}</p>
			<section className="panel" aria-labelledby="pending-proposals" data-testid="pending-proposals">
				<h2 id="pending-proposals">{t('decisions.proposalsTitle')}</h2>
				<p>{t('decisions.proposalsIntro')}</p>
				{loaderData.proposals.length === 0 ? (
					<p className="empty-state">{t('decisions.proposalsNone')}</p>
				) : (
					<ul className="card-list">
						{loaderData.proposals.map((proposal) => (
							<li key={proposal.id} className="card">
								<Link
									className="card__title"
									to={href('/medewerkers/intrekkingen/voorstel/:proposalId', { proposalId: proposal.id })}
								>
									{proposal.participation.provider.name} · {proposal.participation.year}
								</Link>
								<span>
									{t(`states.reason_${proposal.reason}`)} · {t('decisions.effectiveDay')}{' '}
									{formatCalendarDay(proposal.effectiveOn, locale)} · {t('decisions.columnProposedBy')}{' '}
									{proposal.proposedBy.name} · <DateTime value={proposal.proposedAt} />
								</span>
							</li>
						))}
					</ul>
				)}
			</section>
			<YearPicker years={years} year={year} allYears />
			<DataTable
				caption={t('staff.withdrawalsTitle')}
				spec={spec}
				query={query}
				columns={columns(t, new Date(loaderData.now))}
				data={rows}
				total={total}
				getRowId={(row) => row.id}
				keep={['jaar']}
				searchLabel={t('staff.participationsSearch')}
				filters={[
					{
						id: 'reason',
						label: t('staff.columnReason'),
						options: WITHDRAWAL_REASONS.map((reason) => ({ value: reason, label: t(`states.reason_${reason}`) })),
					},
					{
						id: 'status',
						label: t('staff.columnStatus'),
						options: filterValues(spec, 'status').map((status) => ({
							value: status,
							label: t(`staff.withdrawalStatus_${status as 'pending'}`),
						})),
					},
				]}
			/>
		</div>
	)
}

export const ErrorBoundary = StaffErrorBoundary
