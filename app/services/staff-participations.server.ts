// The staff's participations table: one query for the page, the count and the CSV, so the export
// holds exactly the rows the filters show. Paging, sorting and filtering happen in the database
// (indexed on year/state; see bench/participations.md for the timings with 2,000 rows).
import { amsterdamDateOf } from '#app/domain/amsterdam-time.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { nextDeadline } from '#app/domain/next-deadline.ts'
import { PARTICIPATION_STATES, PROVIDER_TYPES } from '#app/domain/types.ts'
import { pageWindow, type TableQuery, type TableSpec } from '#app/lib/table-query.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { snapshotOf } from './participation.server.ts'
import { toYearSettings } from './years.server.ts'

export const OVERDUE_KINDS = ['revision', 'invoice', 'first_submission'] as const

export function participationsTableSpec(assessorIds: readonly string[]): TableSpec {
	return {
		columns: [
			'provider',
			'year',
			'state',
			'type',
			'city',
			'assessor',
			'stateChangedAt',
			'revisionDueAt',
			'listedUntil',
			'kvk',
		],
		alwaysVisible: ['provider'],
		defaultHidden: ['kvk', 'listedUntil'],
		sortable: [
			'provider',
			'year',
			'state',
			'type',
			'city',
			'assessor',
			'stateChangedAt',
			'revisionDueAt',
			'listedUntil',
		],
		defaultSort: [{ id: 'provider', desc: false }],
		filters: [
			{ id: 'state', kind: 'options', values: PARTICIPATION_STATES },
			{ id: 'type', kind: 'options', values: PROVIDER_TYPES },
			{ id: 'city', kind: 'text' },
			{ id: 'assessor', kind: 'options', values: ['none', ...assessorIds] },
			{ id: 'overdue', kind: 'options', values: OVERDUE_KINDS },
		],
	}
}

export function participationWhere(query: TableQuery, year: number | null, at: Date): Prisma.ParticipationWhereInput {
	const and: Prisma.ParticipationWhereInput[] = []
	if (year !== null) and.push({ year })
	const f = query.filters
	// An empty choice is no filter (an `in: []` would match nothing: issue 12 §8's counts of 0).
	if (f.state?.length) and.push({ state: { in: f.state as (typeof PARTICIPATION_STATES)[number][] } })
	if (f.type?.length) and.push({ provider: { type: { in: f.type as (typeof PROVIDER_TYPES)[number][] } } })
	if (f.city?.[0]) and.push({ provider: { city: { contains: f.city[0], mode: 'insensitive' } } })
	if (f.assessor?.length) {
		const ids = f.assessor.filter((id) => id !== 'none')
		and.push({
			OR: [
				...(ids.length ? [{ assessorId: { in: ids } }] : []),
				...(f.assessor.includes('none') ? [{ assessorId: null }] : []),
			],
		})
	}
	if (f.overdue?.length) {
		and.push({
			OR: [
				...(f.overdue.includes('revision')
					? [{ state: 'revision_requested' as const, revisionDueAt: { lt: at } }]
					: []),
				...(f.overdue.includes('invoice')
					? [{ invoices: { some: { status: 'open' as const, dueAt: { lt: at } } } }]
					: []),
				// DOMAIN.md §3: not submitted by the year's first-submission day (a flag, not a withdrawal).
				...(f.overdue.includes('first_submission')
					? [
							{
								state: { in: ['agreement_signed' as const, 'listed' as const] },
								markYear: { firstSubmissionDeadline: { lt: new Date(`${amsterdamDateOf(at)}T00:00:00.000Z`) } },
							},
						]
					: []),
			],
		})
	}
	if (query.search) {
		const q = query.search
		and.push({
			OR: [
				{ provider: { name: { contains: q, mode: 'insensitive' } } },
				{ provider: { city: { contains: q, mode: 'insensitive' } } },
				{ provider: { kvkNumber: { startsWith: q.replace(/\s/g, '') } } },
				{ provider: { agbCode: { startsWith: q.replace(/\s/g, '') } } },
				{ provider: { email: { contains: q, mode: 'insensitive' } } },
			],
		})
	}
	return and.length ? { AND: and } : {}
}

function participationOrder(query: TableQuery): Prisma.ParticipationOrderByWithRelationInput[] {
	const order = query.sort.map((key): Prisma.ParticipationOrderByWithRelationInput => {
		const direction = key.desc ? 'desc' : 'asc'
		switch (key.id) {
			case 'provider':
				return { provider: { name: direction } }
			case 'city':
				return { provider: { city: direction } }
			case 'type':
				return { provider: { type: direction } }
			case 'assessor':
				return { assessor: { name: direction } }
			case 'revisionDueAt':
				return { revisionDueAt: { sort: direction, nulls: 'last' } }
			case 'listedUntil':
				return { listedUntil: { sort: direction, nulls: 'last' } }
			case 'year':
				return { year: direction }
			case 'state':
				return { state: direction }
			default:
				return { stateChangedAt: direction }
		}
	})
	// A stable order, so paging never shows a row twice.
	return [...order, { id: 'asc' }]
}

const rowSelect = {
	id: true,
	year: true,
	state: true,
	stateChangedAt: true,
	revisionDueAt: true,
	listedFrom: true,
	listedUntil: true,
	isReapplicant: true,
	provider: { select: { id: true, name: true, city: true, type: true, kvkNumber: true } },
	assessor: { select: { id: true, name: true } },
} satisfies Prisma.ParticipationSelect

export type ParticipationRow = Prisma.ParticipationGetPayload<{ select: typeof rowSelect }>

export async function listParticipations(query: TableQuery, year: number | null) {
	const where = participationWhere(query, year, now())
	const total = await db.participation.count({ where })
	const { skip, take, page } = pageWindow(query, total)
	const rows = await db.participation.findMany({
		where,
		orderBy: participationOrder(query),
		skip,
		take,
		select: rowSelect,
	})
	return { rows, total, page }
}

/** Counts per state for the filter (over the year, ignoring the state filter itself). */
/**
 * Per state, the rows that match every filter except the state filter itself (a facet's counts say
 * what ticking that state would add), so they stay right while states are being ticked.
 */
export async function stateCounts(query: TableQuery, year: number | null) {
	const { state: _state, ...filters } = query.filters
	const where = participationWhere({ ...query, filters }, year, now())
	const groups = await db.participation.groupBy({ by: ['state'], where, _count: { _all: true } })
	return Object.fromEntries(groups.map((group) => [group.state, group._count._all])) as Record<string, number>
}

/** Every row that matches the filters (no paging), in the table's order: what the CSV holds. */
export function participationsForExport(query: TableQuery, year: number | null): Promise<ParticipationRow[]> {
	return db.participation.findMany({
		where: participationWhere(query, year, now()),
		orderBy: participationOrder(query),
		select: rowSelect,
	})
}

export async function staffMembers() {
	return db.user.findMany({
		where: { staffRole: { not: null } },
		orderBy: { name: 'asc' },
		select: { id: true, name: true, staffRole: true, active: true },
	})
}

export async function participationYears(): Promise<number[]> {
	const years = await db.markYear.findMany({ select: { year: true }, orderBy: { year: 'desc' } })
	return years.map((row) => row.year)
}

/** What the provider must do next and by when (null while the ball is with KiBG or it is closed). */
export async function participationNextDeadline(participationId: string, at: Date = now()) {
	const row = await db.participation.findUnique({
		where: { id: participationId },
		include: {
			rounds: { select: { number: true, status: true, outcome: true }, orderBy: { number: 'asc' } },
			withdrawals: { where: { undoneAt: null }, orderBy: { decidedAt: 'desc' }, take: 1 },
			markYear: true,
		},
	})
	if (!row) return null
	const turnoverReported = (await db.turnoverReport.count({ where: { participationId, supersededAt: null } })) > 0
	const next = nextDeadline(snapshotOf(row), toYearSettings(row.markYear), at, { turnoverReported })
	return next ? { kind: next.kind, dueAt: next.dueAt, daysLeft: next.daysLeft, overdue: next.overdue } : null
}

// The staff overview of a year: counts per state and the lists that need attention.
const overviewSelect = {
	id: true,
	state: true,
	stateChangedAt: true,
	revisionDueAt: true,
	provider: { select: { name: true } },
	assessor: { select: { name: true } },
} as const

export async function staffOverview(year: number, at: Date) {
	const row = await db.markYear.findUniqueOrThrow({ where: { year } })
	const [groups, notSubmitted, notSubmittedCount, waiting, overdue] = await Promise.all([
		db.participation.groupBy({ by: ['state'], where: { year }, _count: { _all: true } }),
		db.participation.findMany({
			where: { year, state: { in: ['listed', 'agreement_signed'] } },
			select: overviewSelect,
			orderBy: { provider: { name: 'asc' } },
			take: 10,
		}),
		db.participation.count({ where: { year, state: { in: ['listed', 'agreement_signed'] } } }),
		db.participation.findMany({
			where: { year, state: 'submitted' },
			select: overviewSelect,
			orderBy: { stateChangedAt: 'asc' },
			take: 20,
		}),
		db.participation.findMany({
			where: { year, state: 'revision_requested', revisionDueAt: { lt: at } },
			select: overviewSelect,
			orderBy: { revisionDueAt: 'asc' },
			take: 20,
		}),
	])
	return { row, groups, notSubmitted, notSubmittedCount, waiting, overdue }
}
