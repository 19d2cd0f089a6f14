// The audit log for staff: searchable and filterable in the DataTable, exported as CSV with the
// same query. The table itself is append-only (a trigger refuses UPDATE and DELETE).
import type { Prisma } from '#app/generated/prisma/client.ts'
import { addDays, isCalendarDate, startOfDay } from '#app/domain/amsterdam-time.ts'
import { type CsvColumn, toCsv } from '#app/lib/csv.ts'
import { pageWindow, type TableQuery, type TableSpec } from '#app/lib/table-query.ts'
import { db } from '#app/lib/db.server.ts'

export const ACTOR_TYPES = ['staff', 'provider', 'system', 'public'] as const

export function auditTableSpec(actions: readonly string[], entityTypes: readonly string[]): TableSpec {
	return {
		columns: ['at', 'actor', 'action', 'entity', 'provider', 'reason', 'changes'],
		alwaysVisible: ['at', 'action'],
		sortable: ['at', 'action', 'actor'],
		defaultSort: [{ id: 'at', desc: true }],
		filters: [
			{ id: 'action', kind: 'options', values: actions },
			{ id: 'actorType', kind: 'options', values: ACTOR_TYPES },
			{ id: 'entityType', kind: 'options', values: entityTypes },
			{ id: 'from', kind: 'text' },
			{ id: 'until', kind: 'text' },
		],
		pageSizes: [50, 100, 250],
	}
}

export async function auditFacets() {
	const [actions, entityTypes] = await Promise.all([
		db.auditEvent.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
		db.auditEvent.findMany({ distinct: ['entityType'], select: { entityType: true }, orderBy: { entityType: 'asc' } }),
	])
	return { actions: actions.map((row) => row.action), entityTypes: entityTypes.map((row) => row.entityType) }
}

// Days are Amsterdam days, like every date in the UI.
function dayStart(value: string | undefined): Date | undefined {
	return value && isCalendarDate(value) ? startOfDay(value) : undefined
}

export function auditWhere(query: TableQuery): Prisma.AuditEventWhereInput {
	const and: Prisma.AuditEventWhereInput[] = []
	const f = query.filters
	if (f.action) and.push({ action: { in: f.action } })
	if (f.actorType) and.push({ actorType: { in: f.actorType as (typeof ACTOR_TYPES)[number][] } })
	if (f.entityType) and.push({ entityType: { in: f.entityType } })
	const from = dayStart(f.from?.[0])
	const until = dayStart(f.until?.[0])
	if (from) and.push({ at: { gte: from } })
	if (until && f.until?.[0]) and.push({ at: { lt: startOfDay(addDays(f.until[0], 1)) } })
	if (query.search) {
		const q = query.search
		and.push({
			OR: [
				{ action: { contains: q, mode: 'insensitive' } },
				{ entityId: q },
				{ participationId: q },
				{ providerId: q },
				{ reason: { contains: q, mode: 'insensitive' } },
				{ actor: { name: { contains: q, mode: 'insensitive' } } },
				{ actor: { email: { contains: q, mode: 'insensitive' } } },
				{ provider: { name: { contains: q, mode: 'insensitive' } } },
			],
		})
	}
	return and.length ? { AND: and } : {}
}

function auditOrder(query: TableQuery): Prisma.AuditEventOrderByWithRelationInput[] {
	const order = query.sort.map((key): Prisma.AuditEventOrderByWithRelationInput => {
		const direction = key.desc ? 'desc' : 'asc'
		if (key.id === 'action') return { action: direction }
		if (key.id === 'actor') return { actor: { name: direction } }
		return { at: direction }
	})
	return [...order, { id: 'desc' }]
}

const select = {
	id: true,
	at: true,
	actorType: true,
	action: true,
	entityType: true,
	entityId: true,
	participationId: true,
	reason: true,
	before: true,
	after: true,
	ip: true,
	actor: { select: { name: true, email: true } },
	provider: { select: { id: true, name: true } },
} satisfies Prisma.AuditEventSelect

export async function listAuditEvents(query: TableQuery) {
	const where = auditWhere(query)
	const total = await db.auditEvent.count({ where })
	const { skip, take, page } = pageWindow(query, total)
	const rows = await db.auditEvent.findMany({ where, orderBy: auditOrder(query), skip, take, select })
	return { rows: rows.map((row) => ({ ...row, id: row.id.toString() })), total, page }
}

type AuditRow = Prisma.AuditEventGetPayload<{ select: typeof select }>

const csvColumns: CsvColumn<AuditRow>[] = [
	{ header: 'Tijdstip', value: (row) => row.at },
	{ header: 'Soort actor', value: (row) => row.actorType },
	{ header: 'Actor', value: (row) => row.actor?.name ?? '' },
	{ header: 'E-mail actor', value: (row) => row.actor?.email ?? '' },
	{ header: 'Actie', value: (row) => row.action },
	{ header: 'Object', value: (row) => `${row.entityType} ${row.entityId}` },
	{ header: 'Zorgaanbieder', value: (row) => row.provider?.name ?? '' },
	{ header: 'Reden', value: (row) => row.reason ?? '' },
	{ header: 'Voor', value: (row) => (row.before ? JSON.stringify(row.before) : '') },
	{ header: 'Na', value: (row) => (row.after ? JSON.stringify(row.after) : '') },
]

export async function auditCsv(query: TableQuery): Promise<string> {
	const rows = await db.auditEvent.findMany({
		where: auditWhere(query),
		orderBy: auditOrder(query),
		select,
		take: 50_000,
	})
	return toCsv(csvColumns, rows)
}
