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
	const labels = await auditLabelsFor(rows)
	return {
		rows: rows.map((row) => ({ ...row, id: row.id.toString(), labels: labels(row) })),
		total,
		page,
	}
}

/** What a row's raw ids and keys mean to a person; the raw values stay in the row for support. */
export interface AuditRowLabels {
	/** The object in words: a user's or provider's name; null when only its type can be said. */
	entity: string | null
	/** The year of the participation the event belongs to. */
	year: number | null
	/** Ids (of people, providers, participations) and criterion keys in the before/after, by label. */
	names: Record<string, string>
	/** Criterion keys in the before/after: their code and norm in the year's norm set. */
	criteria: Record<string, { code: string; normCode: string; normTitle: string }>
}

/** What the labels are read from: any list of audit events (the log, a participation's trail). */
type LabelSource = Pick<AuditRow, 'entityType' | 'entityId' | 'participationId' | 'before' | 'after'>

// A cuid (every id of the schema): only such strings are looked up, so text is never mistaken for one.
const idPattern = /^c[a-z0-9]{20,31}$/

/** Strings in a stored before/after (nested objects and arrays), and the keys under `verdicts`. */
function collect(value: unknown, strings: Set<string>, criterionKeys: Set<string>, parent = ''): void {
	if (typeof value === 'string') strings.add(value)
	else if (Array.isArray(value)) for (const item of value) collect(item, strings, criterionKeys)
	else if (value && typeof value === 'object')
		for (const [key, inner] of Object.entries(value)) {
			if (parent === 'verdicts') criterionKeys.add(key)
			collect(inner, strings, criterionKeys, key)
		}
}

/**
 * Issue 12 §7 for the audit log: the people, providers, participations and criteria that a page of
 * events names by id or key, resolved for the whole page at once — five queries however many rows
 * (never one per row) — and handed back per row.
 */
export async function auditLabelsFor<Row extends LabelSource>(
	rows: readonly Row[],
): Promise<(row: Row) => AuditRowLabels> {
	const ids = new Set<string>()
	const criterionKeys = new Set<string>()
	for (const row of rows) {
		ids.add(row.entityId)
		if (row.participationId) ids.add(row.participationId)
		collect(row.before, ids, criterionKeys)
		collect(row.after, ids, criterionKeys)
	}
	const lookups = [...ids].filter((id) => idPattern.test(id))
	const [users, providers, participations, interviews] = lookups.length
		? await Promise.all([
				db.user.findMany({ where: { id: { in: lookups } }, select: { id: true, name: true } }),
				db.provider.findMany({ where: { id: { in: lookups } }, select: { id: true, name: true } }),
				db.participation.findMany({
					where: { id: { in: lookups } },
					select: { id: true, year: true, provider: { select: { name: true } } },
				}),
				// A sample interview (the basis of a withdrawal proposal, issue 17) by its carrier and year.
				db.interview.findMany({
					where: { id: { in: lookups } },
					select: {
						id: true,
						sampleMember: {
							select: { participation: { select: { year: true, provider: { select: { name: true } } } } },
						},
					},
				}),
			])
		: [[], [], [], []]
	const yearOf = new Map(participations.map((participation) => [participation.id, participation.year]))
	const years = [...new Set(rows.flatMap((row) => (row.participationId ? [yearOf.get(row.participationId)] : [])))]
	const criteria = criterionKeys.size
		? await db.criterion.findMany({
				where: {
					key: { in: [...criterionKeys] },
					normSet: { year: { in: years.filter((year) => year !== undefined) } },
				},
				select: {
					key: true,
					code: true,
					normSet: { select: { year: true } },
					norm: { select: { code: true, title: true } },
				},
			})
		: []
	const names = new Map<string, string>([
		...users.map((user): [string, string] => [user.id, user.name]),
		...providers.map((provider): [string, string] => [provider.id, provider.name]),
		...participations.map((participation): [string, string] => [
			participation.id,
			`${participation.provider.name} ${participation.year}`,
		]),
		...interviews.map(({ id, sampleMember: { participation } }): [string, string] => [
			id,
			`${participation.provider.name} ${participation.year}`,
		]),
	])
	const criterionOf = new Map(
		criteria.map((criterion) => [
			`${criterion.normSet.year}:${criterion.key}`,
			{ code: criterion.code, normCode: criterion.norm.code, normTitle: criterion.norm.title },
		]),
	)
	return (row) => {
		const strings = new Set<string>()
		const keys = new Set<string>()
		collect(row.before, strings, keys)
		collect(row.after, strings, keys)
		const year = row.participationId ? (yearOf.get(row.participationId) ?? null) : null
		const rowCriteria: AuditRowLabels['criteria'] = {}
		for (const key of keys) {
			const criterion = year === null ? undefined : criterionOf.get(`${year}:${key}`)
			if (criterion) rowCriteria[key] = criterion
		}
		const entity = row.entityType === 'User' || row.entityType === 'Provider' ? (names.get(row.entityId) ?? null) : null
		return {
			entity,
			year,
			names: Object.fromEntries(
				[...strings].flatMap((value) => (names.has(value) ? [[value, names.get(value)!]] : [])),
			),
			criteria: rowCriteria,
		}
	}
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
