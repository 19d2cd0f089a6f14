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
	/** Indicator codes in the before/after (a delivery's values, a set's list): their name in the year's set. */
	indicators: Record<string, { nl: string; en: string }>
}

/** What the labels are read from: any list of audit events (the log, a participation's trail). */
type LabelSource = Pick<AuditRow, 'entityType' | 'entityId' | 'participationId' | 'before' | 'after'>

// A cuid (every id of the schema): only such strings are looked up, so text is never mistaken for one.
const idPattern = /^c[a-z0-9]{20,31}$/

interface Found {
	strings: Set<string>
	criterionKeys: Set<string>
	indicatorCodes: Set<string>
}

const found = (): Found => ({ strings: new Set(), criterionKeys: new Set(), indicatorCodes: new Set() })

/**
 * Strings in a stored before/after (nested objects and arrays), the criterion keys under
 * `verdicts`, and the indicator codes: the keys under `values` (a delivery) and the items of
 * `indicators` (a set).
 */
function collect(value: unknown, into: Found, parent = ''): void {
	if (typeof value === 'string') {
		into.strings.add(value)
		if (parent === 'indicators') into.indicatorCodes.add(value)
	} else if (Array.isArray(value)) for (const item of value) collect(item, into, parent)
	else if (value && typeof value === 'object')
		for (const [key, inner] of Object.entries(value)) {
			if (parent === 'verdicts') into.criterionKeys.add(key)
			if (parent === 'values') into.indicatorCodes.add(key)
			collect(inner, into, key)
		}
}

/** The year an event speaks of: its participation's, else the `year` its record names (indicator sets, deliveries). */
function recordYear(row: LabelSource, participationYear: number | undefined): number | null {
	if (participationYear !== undefined) return participationYear
	for (const side of [row.after, row.before])
		if (side && typeof side === 'object' && !Array.isArray(side)) {
			const year = (side as Record<string, unknown>).year
			if (typeof year === 'number' && Number.isInteger(year)) return year
		}
	return null
}

/**
 * Issue 12 §7 for the audit log: the people, providers, participations, interviews, criteria and
 * indicators that a page of events names by id, key or code, resolved for the whole page at once —
 * one query per kind however many rows (never one per row) — and handed back per row.
 */
export async function auditLabelsFor<Row extends LabelSource>(
	rows: readonly Row[],
): Promise<(row: Row) => AuditRowLabels> {
	const all = found()
	for (const row of rows) {
		all.strings.add(row.entityId)
		if (row.participationId) all.strings.add(row.participationId)
		collect(row.before, all)
		collect(row.after, all)
	}
	const { criterionKeys, indicatorCodes } = all
	const lookups = [...all.strings].filter((id) => idPattern.test(id))
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
	const yearOfRow = (row: Row) => recordYear(row, row.participationId ? yearOf.get(row.participationId) : undefined)
	const indicatorYears = [...new Set(rows.map(yearOfRow))].filter((year) => year !== null)
	const indicators =
		indicatorCodes.size && indicatorYears.length
			? await db.indicator.findMany({
					where: { code: { in: [...indicatorCodes] }, indicatorSet: { year: { in: indicatorYears } } },
					select: { code: true, labelNl: true, labelEn: true, indicatorSet: { select: { year: true } } },
				})
			: []
	const indicatorOf = new Map(
		indicators.map((indicator) => [
			`${indicator.indicatorSet.year}:${indicator.code}`,
			{ nl: indicator.labelNl, en: indicator.labelEn },
		]),
	)
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
		const own = found()
		collect(row.before, own)
		collect(row.after, own)
		const year = row.participationId ? (yearOf.get(row.participationId) ?? null) : null
		const rowCriteria: AuditRowLabels['criteria'] = {}
		for (const key of own.criterionKeys) {
			const criterion = year === null ? undefined : criterionOf.get(`${year}:${key}`)
			if (criterion) rowCriteria[key] = criterion
		}
		const indicatorYear = yearOfRow(row)
		const rowIndicators: AuditRowLabels['indicators'] = {}
		for (const code of own.indicatorCodes) {
			const indicator = indicatorYear === null ? undefined : indicatorOf.get(`${indicatorYear}:${code}`)
			if (indicator) rowIndicators[code] = indicator
		}
		const entity = row.entityType === 'User' || row.entityType === 'Provider' ? (names.get(row.entityId) ?? null) : null
		return {
			entity,
			year,
			names: Object.fromEntries(
				[...own.strings].flatMap((value) => (names.has(value) ? [[value, names.get(value)!]] : [])),
			),
			criteria: rowCriteria,
			indicators: rowIndicators,
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
