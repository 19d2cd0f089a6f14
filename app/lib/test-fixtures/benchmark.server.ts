// Fixtures for the spiegelrapportage (issue 14), reached through /__test/fixtures/<name> and used
// by the integration tests: a year with a published indicator list and a field of carriers that
// submitted plausible figures, and a provider that is a carrier of that year.
import { z } from 'zod'
import { addDays, amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { defaultDeliverySettings } from '#app/domain/benchmark-indicators.ts'
import { registerProvince } from '#app/domain/province.ts'
import { createIndicatorSet } from '#app/services/benchmark-indicators.server.ts'
import { refreshBenchmark } from '#app/services/benchmark.server.ts'
import { systemActor } from '#app/services/audit.server.ts'
import { plausibleIndicatorValues } from '#prisma/seed/benchmark-values.ts'
import { setClock } from '../clock.server.ts'
import { db } from '../db.server.ts'
import type { Fixture } from './index.server.ts'
import { ensureStaffYear } from './staff.server.ts'

// Postcodes in three provinces, so the province groups have something to show.
const PLACES = [
	{ city: 'Utrecht', postcode: '3511 AB' },
	{ city: 'Amersfoort', postcode: '3811 CD' },
	{ city: 'Zwolle', postcode: '8011 EF' },
	{ city: 'Deventer', postcode: '7411 GH' },
	{ city: 'Groningen', postcode: '9711 JK' },
]

/** The year's mark year, norm set and published indicator list (created once). */
export async function ensureBenchmarkYear(year: number) {
	await ensureStaffYear(year)
	const existing = await db.indicatorSet.findUnique({ where: { year } })
	if (existing) return existing
	return createIndicatorSet(systemActor, year, { status: 'published' })
}

/** A carrier of `year`: a participation that was in the register (the fields that matter here). */
export async function makeCarrier(providerId: string, year: number) {
	const listedFrom = amsterdamInstant(`${year}-01-01`)
	return db.participation.upsert({
		where: { providerId_year: { providerId, year } },
		create: {
			providerId,
			year,
			state: 'qualified',
			stateChangedAt: amsterdamInstant(`${year}-02-01`),
			appliedAt: amsterdamInstant(`${year - 1}-06-15`),
			qualifiedAt: amsterdamInstant(`${year}-02-01`),
			listedFrom,
		},
		update: { listedFrom },
	})
}

/**
 * `count` carriers that submitted plausible figures for `year` (seeded by `seed`), written directly
 * and then refreshed as a submission would. Returns the providers with their values.
 */
export async function seedBenchmarkField({
	year,
	count,
	seed = 'veld',
}: {
	year: number
	count: number
	seed?: string
}) {
	const set = await ensureBenchmarkYear(year)
	const indicators = await db.indicator.findMany({ where: { indicatorSetId: set.id } })
	const field = []
	for (let index = 0; index < count; index++) {
		const type = index % 3 === 0 ? 'institution' : 'independent_practice'
		const place = PLACES[index % PLACES.length]!
		const key = `${seed}-${year}-${index}`
		const provider = await db.provider.create({
			data: {
				name: `Veldaanbieder ${key}`,
				slug: `veld-${key}-${Math.random().toString(36).slice(2, 8)}`,
				type,
				kvkNumber: String(10_000_000 + Math.floor(Math.random() * 89_999_999)),
				agbCode: String(10_000_000 + index),
				street: 'Veldweg',
				houseNumber: String(index + 1),
				postcode: place.postcode,
				city: place.city,
				email: `veld-${key}@example.nl`,
			},
		})
		await makeCarrier(provider.id, year)
		const values = plausibleIndicatorValues(key, year, type)
		await db.benchmarkDelivery.create({
			data: {
				providerId: provider.id,
				year,
				indicatorSetId: set.id,
				status: 'submitted',
				submittedAt: amsterdamInstant(`${year + 1}-01-10`),
				providerType: type,
				province: registerProvince(null, place.postcode),
				values: {
					create: indicators.map((indicator) => ({ indicatorId: indicator.id, value: values[indicator.code] ?? null })),
				},
			},
		})
		field.push({ providerId: provider.id, type, province: registerProvince(null, place.postcode), values })
	}
	await db.$transaction((tx) => refreshBenchmark(tx, year))
	return field
}

export const benchmarkFixtures: Record<string, Fixture> = {
	/** A provider that was a carrier of `year`, a field of `field` carriers that delivered, and the clock in the window. */
	'benchmark-carrier': async (input) => {
		const { year, providerId, field } = z
			.object({
				year: z.number().int().min(2000).max(2100),
				providerId: z.string(),
				field: z.number().int().min(0).max(200).default(12),
			})
			.parse(input)
		await ensureBenchmarkYear(year)
		await makeCarrier(providerId, year)
		if (field > 0) await seedBenchmarkField({ year, count: field, seed: `e2e-${providerId}` })
		// Three weeks into the delivery window.
		setClock(amsterdamInstant(addDays(defaultDeliverySettings(year).deliveryOpensOn, 19), { hour: 10 }))
		return { year }
	},
}
