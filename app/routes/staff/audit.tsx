import { href, Link } from 'react-router'
import type { Route } from './+types/audit'
import { AuditDiff } from './audit-diff.tsx'
import { DateTime, StaffErrorBoundary } from './ui.tsx'
import { DataTable, type DataTableColumn } from '#app/components/data-table/data-table.tsx'
import { filterValues, parseTableQuery } from '#app/lib/table-query.ts'
import type { Locale } from '#app/i18n/catalogue.ts'
import { auditActionLabel, entityTypeLabel } from '#app/i18n/labels.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import type { Translate } from '#app/i18n/translate.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { auditFacets, auditTableSpec, listAuditEvents } from '#app/services/audit-log.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const facets = await auditFacets()
	const spec = auditTableSpec(facets.actions, facets.entityTypes)
	const query = parseTableQuery(new URL(request.url).searchParams, spec)
	const { rows, total, page } = await listAuditEvents(query)
	return { spec, query: { ...query, page }, rows, total, facets }
}

type Row = Route.ComponentProps['loaderData']['rows'][number]

function auditColumns(t: Translate, locale: Locale): DataTableColumn<Row>[] {
	return [
		{ id: 'at', header: t('staff.columnAt'), cell: ({ row }) => <DateTime value={row.original.at} /> },
		{
			id: 'actor',
			header: t('staff.columnActor'),
			cell: ({ row }) => row.original.actor?.name ?? t(`staff.actor_${row.original.actorType}`),
		},
		{
			id: 'action',
			header: t('staff.columnAction'),
			cell: ({ row }) => auditActionLabel(row.original.action, locale),
		},
		{
			id: 'entity',
			header: t('staff.columnEntity'),
			cell: ({ row }) => {
				// In words (the participation's year, a person's or provider's name); the raw id for
				// support in the tooltip.
				const { entityType, entityId, participationId, labels } = row.original
				const type = entityTypeLabel(entityType, locale)
				const text = labels.entity
					? t('staff.auditEntityNamed', { entity: type, name: labels.entity })
					: labels.year !== null
						? t('staff.auditEntityOfYear', { entity: type, year: labels.year })
						: `${type} ${entityId.slice(0, 10)}`
				const title = t('staff.auditRawId', { id: `${entityType} ${entityId}` })
				return participationId ? (
					<Link to={href('/medewerkers/deelnames/:participationId', { participationId })} title={title}>
						{text}
					</Link>
				) : (
					<span title={title}>{text}</span>
				)
			},
		},
		{
			id: 'provider',
			header: t('staff.columnProvider'),
			cell: ({ row }) =>
				row.original.provider ? (
					<span title={t('staff.auditRawId', { id: row.original.provider.id })}>{row.original.provider.name}</span>
				) : (
					'–'
				),
		},
		{ id: 'reason', header: t('staff.columnReason'), cell: ({ row }) => row.original.reason ?? '' },
		{
			id: 'changes',
			header: t('staff.columnChanges'),
			cell: ({ row }) => (
				<AuditDiff before={row.original.before} after={row.original.after} labels={row.original.labels} />
			),
		},
	]
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.audit', 'meta.staff'])

export default function AuditLog({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { spec, query, rows, total, facets } = loaderData
	return (
		<div className="stack">
			<h1>{t('staff.auditTitle')}</h1>
			<p>{t('staff.auditIntro')}</p>
			<DataTable
				caption={t('staff.auditTitle')}
				spec={spec}
				query={query}
				columns={auditColumns(t, locale)}
				data={rows}
				total={total}
				getRowId={(row) => row.id}
				searchLabel={t('staff.auditSearch')}
				csvPath="/medewerkers/audit/csv"
				filters={[
					{
						id: 'action',
						label: t('staff.columnAction'),
						options: facets.actions.map((action) => ({ value: action, label: auditActionLabel(action, locale) })),
					},
					{
						id: 'actorType',
						label: t('staff.columnActorType'),
						options: filterValues(spec, 'actorType').map((type) => ({
							value: type,
							label: t(`staff.actor_${type as 'staff'}`),
						})),
					},
					{
						id: 'entityType',
						label: t('staff.columnEntity'),
						options: facets.entityTypes.map((type) => ({ value: type, label: entityTypeLabel(type, locale) })),
					},
					{ id: 'from', label: t('staff.auditFrom') },
					{ id: 'until', label: t('staff.auditUntil') },
				]}
			/>
		</div>
	)
}

export const ErrorBoundary = StaffErrorBoundary
