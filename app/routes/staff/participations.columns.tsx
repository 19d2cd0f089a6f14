import { Link } from 'react-router'
import { DateTime } from './ui.tsx'
import type { DataTableColumn } from '#app/components/data-table/data-table.tsx'
import { StateBadge } from '#app/components/status-badge.tsx'
import type { Translate } from '#app/i18n/translate.ts'
import type { ParticipationRow } from '#app/services/staff-participations.server.ts'

type Row = Omit<ParticipationRow, 'stateChangedAt' | 'revisionDueAt' | 'listedFrom' | 'listedUntil'> & {
	stateChangedAt: Date | string
	revisionDueAt: Date | string | null
	listedUntil: Date | string | null
}

export function participationColumns(t: Translate): DataTableColumn<Row>[] {
	return [
		{
			id: 'provider',
			header: t('staff.columnProvider'),
			cell: ({ row }) => <Link to={`/medewerkers/deelnames/${row.original.id}`}>{row.original.provider.name}</Link>,
		},
		{ id: 'year', header: t('staff.year'), className: 'numeric', cell: ({ row }) => row.original.year },
		{ id: 'state', header: t('staff.columnState'), cell: ({ row }) => <StateBadge state={row.original.state} /> },
		{ id: 'type', header: t('staff.columnType'), cell: ({ row }) => t(`states.${row.original.provider.type}`) },
		{ id: 'city', header: t('staff.columnCity'), cell: ({ row }) => row.original.provider.city },
		{ id: 'assessor', header: t('staff.columnAssessor'), cell: ({ row }) => row.original.assessor?.name ?? '–' },
		{
			id: 'stateChangedAt',
			header: t('staff.columnStateSince'),
			cell: ({ row }) => <DateTime value={row.original.stateChangedAt} dateOnly />,
		},
		{
			id: 'revisionDueAt',
			header: t('staff.columnRevisionDue'),
			cell: ({ row }) => <DateTime value={row.original.revisionDueAt} dateOnly />,
		},
		{
			id: 'listedUntil',
			header: t('staff.columnListedUntil'),
			cell: ({ row }) => (
				// The window ends exclusively: the last day in the register (issue 16).
				<DateTime
					value={row.original.listedUntil ? new Date(new Date(row.original.listedUntil).getTime() - 1) : null}
					dateOnly
				/>
			),
		},
		{ id: 'kvk', header: t('staff.columnKvk'), cell: ({ row }) => row.original.provider.kvkNumber },
	]
}
