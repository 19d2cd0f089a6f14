// The benchmark of the spiegelrapportage (DOMAIN.md §9), computed in the database over the
// submitted values, never in a loop over providers:
// - `refreshBenchmark` recomputes a year in one transaction: the distribution per indicator and
//   comparison group (all / provider type / province) with percentile_cont over GROUPING SETS, and
//   every value's mid-rank percentile per group with window functions (definitions in
//   app/domain/benchmark.ts, held equal by test/integration/benchmark-query.test.ts). It runs when a
//   delivery is submitted or reopened, so reading a report is a handful of indexed lookups.
// - the readers below apply the year's minimum group size (visibleGroups) before anything leaves
//   this module, and never return another carrier's name or value — except `outliers`, for staff.
import type { Indicator as IndicatorRow, ProviderType } from '#app/generated/prisma/client.ts'
import {
	type Distribution,
	isGroupShown,
	outlierFences,
	type Position,
	positionOf,
	visibleGroups,
} from '#app/domain/benchmark.ts'
import { type IndicatorDefinition } from '#app/domain/benchmark-indicators.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { toDefinition } from './benchmark-indicators.server.ts'

export type GroupKind = 'all' | 'type' | 'province'

export interface GroupDistribution extends Distribution {
	kind: GroupKind
	/** '' for all, the provider type, or the province. */
	value: string
}

/**
 * Recomputes the statistics and positions of `year` from the submitted deliveries. Serialised per
 * year by a lock on the indicator set, so two submissions at once cannot interleave their writes.
 */
export async function refreshBenchmark(tx: Tx, year: number): Promise<void> {
	await tx.$queryRaw`SELECT id FROM "IndicatorSet" WHERE year = ${year} FOR UPDATE`
	const at = now()
	await tx.$executeRaw`DELETE FROM "BenchmarkStatistic" WHERE year = ${year}`
	await tx.$executeRaw`
		INSERT INTO "BenchmarkStatistic"
			(id, year, "indicatorId", "groupKind", "groupValue", n, min, p10, p25, p50, p75, p90, max, mean, "computedAt")
		SELECT gen_random_uuid()::text, ${year}::int, "indicatorId", kind, value, n, min, q[1], q[2], q[3], q[4], q[5], max, mean, ${at}
		FROM (
			SELECT v."indicatorId",
				CASE WHEN GROUPING(d."providerType") = 0 THEN 'type' WHEN GROUPING(d.province) = 0 THEN 'province' ELSE 'all' END AS kind,
				CASE WHEN GROUPING(d."providerType") = 0 THEN d."providerType"::text WHEN GROUPING(d.province) = 0 THEN d.province ELSE '' END AS value,
				count(*)::int AS n,
				min(v.value) AS min,
				percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]::float8[]) WITHIN GROUP (ORDER BY v.value) AS q,
				max(v.value) AS max,
				avg(v.value) AS mean
			FROM "IndicatorValue" v
			JOIN "BenchmarkDelivery" d ON d.id = v."deliveryId"
			WHERE d.year = ${year} AND d.status = 'submitted' AND v.value IS NOT NULL
			GROUP BY GROUPING SETS ((v."indicatorId"), (v."indicatorId", d."providerType"), (v."indicatorId", d.province))
			HAVING (GROUPING(d."providerType") = 1 AND GROUPING(d.province) = 1)
				OR (GROUPING(d."providerType") = 0 AND d."providerType" IS NOT NULL)
				OR (GROUPING(d.province) = 0 AND d.province IS NOT NULL)
		) AS groups`
	// Mid-rank percentile: 100·(L + E/2)/n, L = rank − 1 values below, E = values equal (itself included).
	await tx.$executeRaw`
		UPDATE "IndicatorValue" AS target
		SET "percentileAll" = ranked.pa, "percentileType" = ranked.pt, "percentileProvince" = ranked.pp
		FROM (
			SELECT v.id,
				100 * ((rank() OVER (PARTITION BY v."indicatorId" ORDER BY v.value) - 1)
					+ (count(*) OVER (PARTITION BY v."indicatorId", v.value))::float8 / 2)
					/ (count(*) OVER (PARTITION BY v."indicatorId"))::float8 AS pa,
				CASE WHEN d."providerType" IS NULL THEN NULL ELSE
				100 * ((rank() OVER (PARTITION BY v."indicatorId", d."providerType" ORDER BY v.value) - 1)
					+ (count(*) OVER (PARTITION BY v."indicatorId", d."providerType", v.value))::float8 / 2)
					/ (count(*) OVER (PARTITION BY v."indicatorId", d."providerType"))::float8 END AS pt,
				CASE WHEN d.province IS NULL THEN NULL ELSE
				100 * ((rank() OVER (PARTITION BY v."indicatorId", d.province ORDER BY v.value) - 1)
					+ (count(*) OVER (PARTITION BY v."indicatorId", d.province, v.value))::float8 / 2)
					/ (count(*) OVER (PARTITION BY v."indicatorId", d.province))::float8 END AS pp
			FROM "IndicatorValue" v
			JOIN "BenchmarkDelivery" d ON d.id = v."deliveryId"
			WHERE d.year = ${year} AND d.status = 'submitted' AND v.value IS NOT NULL
		) AS ranked
		WHERE target.id = ranked.id`
	await tx.$executeRaw`
		UPDATE "IndicatorValue" AS v
		SET "percentileAll" = NULL, "percentileType" = NULL, "percentileProvince" = NULL
		FROM "BenchmarkDelivery" d
		WHERE d.id = v."deliveryId" AND d.year = ${year}
			AND (d.status <> 'submitted' OR v.value IS NULL)
			AND (v."percentileAll" IS NOT NULL OR v."percentileType" IS NOT NULL OR v."percentileProvince" IS NOT NULL)`
}

type StatisticRow = Awaited<ReturnType<typeof db.benchmarkStatistic.findMany>>[number]

function toGroup(row: StatisticRow): GroupDistribution {
	return {
		kind: row.groupKind as GroupKind,
		value: row.groupValue,
		n: row.n,
		min: row.min,
		p10: row.p10,
		p25: row.p25,
		p50: row.p50,
		p75: row.p75,
		p90: row.p90,
		max: row.max,
		mean: row.mean,
	}
}

// ─── The carrier's report ─────────────────────────────────────────────────────────────────────

export interface ReportGroup {
	kind: GroupKind
	value: string
	/** Carriers see p10–p90 as the spread, never min and max (single carriers' values). */
	n: number
	p10: number
	p25: number
	p50: number
	p75: number
	p90: number
	mean: number
	position: Position | null
}

export interface ReportIndicator extends IndicatorDefinition {
	value: number | null
	groups: ReportGroup[]
	/** The carrier's own value and the field's median per year, oldest first. */
	trend: { year: number; own: number | null; median: number | null }[]
}

export interface CarrierReport {
	year: number
	markName: string
	minGroupSize: number
	providerName: string
	providerType: ProviderType | null
	province: string | null
	submittedAt: Date
	indicators: ReportIndicator[]
}

const forCarrier = (group: GroupDistribution, position: Position | null): ReportGroup => ({
	kind: group.kind,
	value: group.value,
	n: group.n,
	p10: group.p10,
	p25: group.p25,
	p50: group.p50,
	p75: group.p75,
	p90: group.p90,
	mean: group.mean,
	position,
})

/**
 * The report of one carrier for `year`, or null when it has not submitted that year. Groups: the
 * whole field, the carrier's own provider type and its own province — each only when large enough.
 */
export async function carrierReport(providerId: string, year: number): Promise<CarrierReport | null> {
	// Plain SQL for the one row the report hangs on: the nested include would be five queries.
	const [delivery] = await db.$queryRaw<
		{
			id: string
			status: string
			submittedAt: Date | null
			providerType: ProviderType | null
			province: string | null
			indicatorSetId: string
			setStatus: string
			minGroupSize: number
			providerName: string
			markName: string
		}[]
	>`
		SELECT d.id, d.status::text AS status, d."submittedAt", d."providerType"::text AS "providerType", d.province,
			d."indicatorSetId", s.status::text AS "setStatus", s."minGroupSize", p.name AS "providerName", m."markName"
		FROM "BenchmarkDelivery" d
		JOIN "Provider" p ON p.id = d."providerId"
		JOIN "IndicatorSet" s ON s.id = d."indicatorSetId"
		JOIN "MarkYear" m ON m.year = s.year
		WHERE d."providerId" = ${providerId} AND d.year = ${year}`
	if (!delivery || delivery.status !== 'submitted' || !delivery.submittedAt) return null
	const minGroupSize = delivery.minGroupSize
	const indicators = await indicatorsOf(delivery.indicatorSetId, delivery.setStatus === 'published')
	const codes = indicators.map((indicator) => indicator.code)
	const [values, statistics, history] = await Promise.all([
		db.indicatorValue.findMany({ where: { deliveryId: delivery.id } }),
		db.benchmarkStatistic.findMany({
			where: {
				year,
				indicatorId: { in: indicators.map((indicator) => indicator.id) },
				OR: [
					{ groupKind: 'all' },
					...(delivery.providerType ? [{ groupKind: 'type', groupValue: delivery.providerType }] : []),
					...(delivery.province ? [{ groupKind: 'province', groupValue: delivery.province }] : []),
				],
			},
		}),
		trendRows(providerId, codes, year),
	])
	const byIndicator = new Map<string, GroupDistribution[]>()
	for (const row of statistics)
		byIndicator.set(row.indicatorId, [...(byIndicator.get(row.indicatorId) ?? []), toGroup(row)])
	const order: GroupKind[] = ['all', 'type', 'province']
	return {
		year,
		markName: delivery.markName,
		minGroupSize,
		providerName: delivery.providerName,
		providerType: delivery.providerType,
		province: delivery.province,
		submittedAt: delivery.submittedAt,
		indicators: indicators.map((indicator) => {
			const own = values.find((value) => value.indicatorId === indicator.id)
			const percentile = { all: own?.percentileAll, type: own?.percentileType, province: own?.percentileProvince }
			const groups = visibleGroups(byIndicator.get(indicator.id) ?? [], minGroupSize)
				.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
				.map((group) => {
					const rank = percentile[group.kind]
					const ownValue = own?.value
					return forCarrier(
						group,
						ownValue !== null && ownValue !== undefined && rank !== null && rank !== undefined
							? positionOf(group, ownValue, rank)
							: null,
					)
				})
			return {
				...toDefinition(indicator),
				value: own?.value ?? null,
				groups,
				trend: history.get(indicator.code) ?? [],
			}
		}),
	}
}

// A published list never changes again (benchmark-indicators.server.ts refuses every write), so
// its indicators are kept in memory once read; a draft's are always read afresh.
const publishedIndicators = new Map<string, IndicatorRow[]>()

async function indicatorsOf(indicatorSetId: string, published: boolean): Promise<IndicatorRow[]> {
	const cached = published ? publishedIndicators.get(indicatorSetId) : undefined
	if (cached) return cached
	const rows = await db.indicator.findMany({ where: { indicatorSetId }, orderBy: { position: 'asc' } })
	if (published) {
		if (publishedIndicators.size > 50) publishedIndicators.clear()
		publishedIndicators.set(indicatorSetId, rows)
	}
	return rows
}

/**
 * Per indicator code: the carrier's submitted values and the field median of every year up to
 * `year` (a median only where the field was large enough that year).
 */
async function trendRows(providerId: string, codes: string[], year: number) {
	const rows = await db.$queryRaw<
		{ year: number; code: string; own: number | null; median: number | null; n: number | null; minGroupSize: number }[]
	>`
		SELECT s.year, i.code, own.value AS own, st.p50 AS median, st.n, s."minGroupSize"
		FROM "IndicatorSet" s
		JOIN "Indicator" i ON i."indicatorSetId" = s.id
		LEFT JOIN "BenchmarkStatistic" st ON st.year = s.year AND st."indicatorId" = i.id AND st."groupKind" = 'all' AND st."groupValue" = ''
		LEFT JOIN (
			SELECT v."indicatorId", v.value FROM "IndicatorValue" v
			JOIN "BenchmarkDelivery" d ON d.id = v."deliveryId"
			WHERE d."providerId" = ${providerId} AND d.status = 'submitted'
		) own ON own."indicatorId" = i.id
		WHERE s.year <= ${year} AND i.code = ANY(${codes})
		ORDER BY s.year`
	const trend = new Map<string, { year: number; own: number | null; median: number | null }[]>()
	for (const row of rows) {
		const median = row.median !== null && row.n !== null && isGroupShown(row.n, row.minGroupSize) ? row.median : null
		if (row.own === null && median === null) continue
		trend.set(row.code, [...(trend.get(row.code) ?? []), { year: row.year, own: row.own, median }])
	}
	return trend
}

// ─── Staff: progress, distributions, outliers, export; open data ────────────────────────────

/** Who of the year's carriers delivered: submitted, started (draft), not started. */
export async function deliveryProgress(year: number) {
	const carriers = await db.participation.findMany({
		where: { year, listedFrom: { not: null } },
		select: { providerId: true, provider: { select: { name: true, type: true } } },
		orderBy: { provider: { name: 'asc' } },
	})
	const deliveries = await db.benchmarkDelivery.findMany({
		where: { year },
		select: { id: true, providerId: true, status: true, submittedAt: true, reopenedAt: true, source: true },
	})
	const byProvider = new Map(deliveries.map((delivery) => [delivery.providerId, delivery]))
	const rows = carriers.map((carrier) => {
		const delivery = byProvider.get(carrier.providerId)
		return {
			providerId: carrier.providerId,
			name: carrier.provider.name,
			type: carrier.provider.type,
			deliveryId: delivery?.id ?? null,
			status: delivery ? delivery.status : ('none' as const),
			submittedAt: delivery?.submittedAt ?? null,
			reopenedAt: delivery?.reopenedAt ?? null,
			source: delivery?.source ?? null,
		}
	})
	return {
		rows,
		counts: {
			carriers: rows.length,
			submitted: rows.filter((row) => row.status === 'submitted').length,
			draft: rows.filter((row) => row.status === 'draft').length,
			none: rows.filter((row) => row.status === 'none').length,
		},
	}
}

/** The field's distributions of `year` per indicator, only groups of at least the minimum size. */
export async function fieldDistributions(year: number) {
	const set = await db.indicatorSet.findUnique({
		where: { year },
		include: { indicators: { orderBy: { position: 'asc' } } },
	})
	if (!set) return null
	const rows = await db.benchmarkStatistic.findMany({
		where: { year },
		orderBy: [{ groupKind: 'asc' }, { groupValue: 'asc' }],
	})
	return {
		minGroupSize: set.minGroupSize,
		computedAt: rows[0]?.computedAt ?? null,
		indicators: set.indicators.map((indicator) => ({
			...toDefinition(indicator),
			groups: visibleGroups(rows.filter((row) => row.indicatorId === indicator.id).map(toGroup), set.minGroupSize),
		})),
	}
}

/**
 * Values outside Tukey's fences of the whole field (app/domain/benchmark.ts), for staff to look at
 * in the sample: a typing error, or a practice that works very differently. Named: staff only.
 */
export async function outliers(year: number) {
	const set = await db.indicatorSet.findUnique({ where: { year }, select: { minGroupSize: true } })
	if (!set) return []
	const stats = await db.benchmarkStatistic.findMany({ where: { year, groupKind: 'all' } })
	const shown = stats.filter((row) => isGroupShown(row.n, set.minGroupSize))
	if (shown.length === 0) return []
	const fences = shown.map((row) => ({ indicatorId: row.indicatorId, median: row.p50, ...outlierFences(row) }))
	const rows = await db.$queryRaw<
		{
			providerId: string
			name: string
			code: string
			indicatorId: string
			value: number
			low: number
			high: number
			median: number
		}[]
	>`
		SELECT d."providerId", p.name, i.code, i.id AS "indicatorId", v.value, f.low, f.high, f.median
		FROM jsonb_to_recordset(${JSON.stringify(fences)}::jsonb) AS f("indicatorId" text, low float8, high float8, median float8)
		JOIN "IndicatorValue" v ON v."indicatorId" = f."indicatorId"
		JOIN "BenchmarkDelivery" d ON d.id = v."deliveryId" AND d.status = 'submitted' AND d.year = ${year}
		JOIN "Provider" p ON p.id = d."providerId"
		JOIN "Indicator" i ON i.id = v."indicatorId"
		WHERE v.value < f.low OR v.value > f.high
		ORDER BY i.position, p.name`
	return rows.map((row) => ({ ...row, side: row.value < row.low ? ('low' as const) : ('high' as const) }))
}

/** One row per indicator and visible group: the export for staff and the open data. */
export async function aggregateRows(year: number, { published = false }: { published?: boolean } = {}) {
	const set = await db.indicatorSet.findUnique({
		where: { year },
		include: { indicators: { orderBy: { position: 'asc' } } },
	})
	if (!set || (published && set.status !== 'published')) return null
	const rows = await db.benchmarkStatistic.findMany({ where: { year } })
	const order: GroupKind[] = ['all', 'type', 'province']
	return {
		minGroupSize: set.minGroupSize,
		rows: set.indicators.flatMap((indicator) =>
			visibleGroups(rows.filter((row) => row.indicatorId === indicator.id).map(toGroup), set.minGroupSize)
				.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.value.localeCompare(b.value))
				.map((group) => ({ year, indicator: toDefinition(indicator), group })),
		),
	}
}

/** Years with an indicator list, newest first (for pickers and the open data). */
export async function benchmarkYears({ published = false }: { published?: boolean } = {}) {
	const rows = await db.indicatorSet.findMany({
		where: published ? { status: 'published' } : {},
		select: { year: true },
		orderBy: { year: 'desc' },
	})
	return rows.map((row) => row.year)
}
