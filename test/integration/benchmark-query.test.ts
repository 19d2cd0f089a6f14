// The benchmark computed in the database (percentile_cont over grouping sets, window functions for
// the positions) equals the domain's definitions (app/domain/benchmark.ts) on PGlite and on
// PostgreSQL (TEST_DATABASE_URL); groups below the minimum size appear in no output.
import { describe, expect, it } from 'vitest'
import { distribution, isGroupShown, percentileRank, positionOf } from '#app/domain/benchmark.ts'
import { db } from '#app/lib/db.server.ts'
import { seedBenchmarkField } from '#app/lib/test-fixtures/benchmark.server.ts'
import { benchmarkOpenDataJson } from '#app/services/benchmark-open-data.server.ts'
import { reopenDelivery } from '#app/services/benchmark-delivery.server.ts'
import { saveDeliverySettings } from '#app/services/benchmark-indicators.server.ts'
import {
	aggregateRows,
	carrierReport,
	fieldDistributions,
	outliers,
	refreshBenchmark,
} from '#app/services/benchmark.server.ts'
import { systemActor } from '#app/services/audit.server.ts'

type Field = Awaited<ReturnType<typeof seedBenchmarkField>>

function expected(field: Field, code: string, filter: (entry: Field[number]) => boolean) {
	return field.filter(filter).map((entry) => entry.values[code] as number)
}

describe('benchmark query', () => {
	it('stores per indicator and group exactly the domain distribution, and every position', async () => {
		const year = 2081
		const field = await seedBenchmarkField({ year, count: 23, seed: 'query' })
		// Ties on purpose: three carriers with the same minutes.
		const tied = field.slice(0, 3)
		const minutes = await db.indicator.findFirstOrThrow({
			where: { code: 'treatment-minutes', indicatorSet: { year } },
		})
		for (const entry of tied) {
			entry.values['treatment-minutes'] = 777
			await db.indicatorValue.updateMany({
				where: { indicatorId: minutes.id, delivery: { providerId: entry.providerId } },
				data: { value: 777 },
			})
		}
		await db.$transaction((tx) => refreshBenchmark(tx, year))

		const statistics = await db.benchmarkStatistic.findMany({ where: { year }, include: { indicator: true } })
		const groups = [
			{ kind: 'all', value: '', filter: () => true },
			...['independent_practice', 'institution'].map((type) => ({
				kind: 'type',
				value: type,
				filter: (entry: Field[number]) => entry.type === type,
			})),
			...[...new Set(field.map((entry) => entry.province))].map((province) => ({
				kind: 'province',
				value: province as string,
				filter: (entry: Field[number]) => entry.province === province,
			})),
		]
		expect(statistics).toHaveLength(7 * groups.length)
		for (const row of statistics) {
			const group = groups.find((candidate) => candidate.kind === row.groupKind && candidate.value === row.groupValue)!
			const reference = distribution(expected(field, row.indicator.code, group.filter))!
			expect(row.n).toBe(reference.n)
			for (const key of ['min', 'p10', 'p25', 'p50', 'p75', 'p90', 'max', 'mean'] as const)
				expect(row[key], `${row.indicator.code} ${row.groupKind} ${row.groupValue} ${key}`).toBeCloseTo(
					reference[key],
					9,
				)
		}

		const values = await db.indicatorValue.findMany({
			where: { delivery: { year } },
			include: { indicator: true, delivery: true },
		})
		for (const value of values) {
			const entry = field.find((candidate) => candidate.providerId === value.delivery.providerId)!
			const code = value.indicator.code
			const own = entry.values[code] as number
			expect(value.percentileAll).toBeCloseTo(
				percentileRank(
					expected(field, code, () => true),
					own,
				),
				9,
			)
			expect(value.percentileType).toBeCloseTo(
				percentileRank(
					expected(field, code, (e) => e.type === entry.type),
					own,
				),
				9,
			)
			expect(value.percentileProvince).toBeCloseTo(
				percentileRank(
					expected(field, code, (e) => e.province === entry.province),
					own,
				),
				9,
			)
		}
		// The tied carriers share one percentile.
		const tiedRanks = values
			.filter((value) => value.indicator.code === 'treatment-minutes' && value.value === 777)
			.map((value) => value.percentileAll)
		expect(new Set(tiedRanks).size).toBe(1)

		// The carrier's report reads the same numbers, with the position of the domain.
		const report = await carrierReport(tied[0]!.providerId, year)
		const indicator = report!.indicators.find((candidate) => candidate.code === 'treatment-minutes')!
		const all = distribution(expected(field, 'treatment-minutes', () => true))!
		expect(indicator.groups[0]).toMatchObject({ kind: 'all', n: all.n })
		expect(indicator.groups[0]!.position).toEqual(
			positionOf(
				all,
				777,
				percentileRank(
					expected(field, 'treatment-minutes', () => true),
					777,
				),
			),
		)
		// No min or max of the field reaches a carrier.
		expect(indicator.groups[0]).not.toHaveProperty('min')
		expect(indicator.groups[0]).not.toHaveProperty('max')
	})

	it('never shows a group below the minimum size: report, staff view, export, open data', async () => {
		const year = 2082
		const field = await seedBenchmarkField({ year, count: 10, seed: 'klein' })
		// 10 carriers over 5 postcodes: provinces with 2–4 carriers; 10 × ⅓ institutions = 4.
		const set = await db.indicatorSet.findUniqueOrThrow({ where: { year } })
		await saveDeliverySettings(systemActor, {
			year,
			expectedVersion: set.version,
			settings: {
				deliveryOpensOn: `${year + 1}-01-01`,
				deliveryDueOn: `${year + 1}-03-01`,
				minGroupSize: 5,
				reminderDaysBefore: [14],
			},
		})
		const stored = await db.benchmarkStatistic.findMany({ where: { year } })
		expect(stored.some((row) => row.n < 5)).toBe(true) // small groups exist in the table …
		const report = await carrierReport(field[0]!.providerId, year)
		const distributions = await fieldDistributions(year)
		const aggregates = await aggregateRows(year)
		const open = benchmarkOpenDataJson(year, 5, aggregates!.rows, 'https://x')
		// … but in no output.
		for (const group of report!.indicators.flatMap((indicator) => indicator.groups))
			expect(group.n).toBeGreaterThanOrEqual(5)
		for (const group of distributions!.indicators.flatMap((indicator) => indicator.groups))
			expect(isGroupShown(group.n, 5)).toBe(true)
		for (const row of aggregates!.rows) expect(row.group.n).toBeGreaterThanOrEqual(5)
		for (const group of open.indicators.flatMap((indicator) => indicator.groups))
			expect(group.n).toBeGreaterThanOrEqual(5)
		expect(JSON.stringify(open)).not.toMatch(/"min"|"max"|Veldaanbieder/)
		// The whole field (10) is shown; the carrier's own small province is not, and it is told so.
		expect(report!.indicators[0]!.groups.map((group) => group.kind)).toContain('all')
		expect(report!.indicators[0]!.groups.some((group) => group.kind === 'province')).toBe(false)
	})

	it('a reopened delivery leaves the benchmark until it is submitted again; outliers are named for staff', async () => {
		const year = 2083
		const field = await seedBenchmarkField({ year, count: 12, seed: 'heropen' })
		const target = field[4]!
		const clients = await db.indicator.findFirstOrThrow({ where: { code: 'weeks-to-start', indicatorSet: { year } } })
		await db.indicatorValue.updateMany({
			where: { indicatorId: clients.id, delivery: { providerId: target.providerId } },
			data: { value: 99 },
		})
		await db.$transaction((tx) => refreshBenchmark(tx, year))
		const found = await outliers(year)
		expect(found).toContainEqual(
			expect.objectContaining({ providerId: target.providerId, code: 'weeks-to-start', side: 'high', value: 99 }),
		)

		const delivery = await db.benchmarkDelivery.findUniqueOrThrow({
			where: { providerId_year: { providerId: target.providerId, year } },
		})
		await expect(reopenDelivery(systemActor, { deliveryId: delivery.id, reason: ' ' })).rejects.toMatchObject({
			code: 'justification_required',
		})
		await reopenDelivery(systemActor, { deliveryId: delivery.id, reason: 'Tikfout in wachttijd' })
		const all = await db.benchmarkStatistic.findFirstOrThrow({
			where: { year, groupKind: 'all', indicatorId: clients.id },
		})
		expect(all.n).toBe(11)
		expect(all.max).toBeLessThan(99)
		const reopened = await db.indicatorValue.findFirstOrThrow({
			where: { indicatorId: clients.id, delivery: { providerId: target.providerId } },
		})
		expect(reopened.percentileAll).toBeNull()
		expect(await carrierReport(target.providerId, year)).toBeNull()
		const audit = await db.auditEvent.findFirstOrThrow({
			where: { action: 'benchmark_delivery.reopen', entityId: delivery.id },
		})
		expect(audit.reason).toBe('Tikfout in wachttijd')
		// The carrier hears it, with the reason, at its registered address.
		const provider = await db.provider.findUniqueOrThrow({ where: { id: target.providerId } })
		const mails = await db.outboxEmail.findMany({
			where: { template: 'benchmark_reopened', providerId: target.providerId },
		})
		expect(mails.map((mail) => mail.toAddress)).toContain(provider.email)
		expect(mails.every((mail) => mail.text.includes('Tikfout in wachttijd'))).toBe(true)
		await expect(reopenDelivery(systemActor, { deliveryId: delivery.id, reason: 'nogmaals' })).rejects.toMatchObject({
			code: 'delivery_not_submitted',
		})
	})
})
