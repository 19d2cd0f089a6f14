// The one factory for a mark year in tests (integration tests import it, end-to-end tests reach it
// through /__test/fixtures/mark-year): the year's settings (defaults, or changed ones) and the
// 2022 norms, published on 1 April of the year before (`withNormSet: false` leaves the year
// without norms, as a year whose set is still to be made). Idempotent: a year that exists is kept
// (and gets its norm set if it had none and one is asked for), so fixtures can share a year.
import { z } from 'zod'
import type { MarkYear } from '#app/generated/prisma/client.ts'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { assertNormSet, type NormSet } from '#app/domain/norm-set.ts'
import { defaultYearSettings, type YearSettings } from '#app/domain/year-settings.ts'
import { importNormSet } from '#app/services/norm-sets.server.ts'
import { markYearData } from '#app/services/years.server.ts'
import normSet2018Json from '#prisma/norm-sets/2018.json' with { type: 'json' }
import normSet2022 from '#prisma/norm-sets/2022.json' with { type: 'json' }
import { db } from '../db.server.ts'
import type { Fixture } from './types.ts'

/** The 2018 norms as published (Handboek 2018). */
export const normSet2018: NormSet = assertNormSet(normSet2018Json)

/** The 2022 norms, for another year (KiBG's account of changes belongs to 2022 alone). */
export function normSetFor(year: number): NormSet {
	return assertNormSet({ ...normSet2022, year, ...(year === 2022 ? {} : { changes: undefined }) })
}

export type MarkYearOptions = Partial<Omit<YearSettings, 'year'>> & {
	fourEyesNegative?: boolean
	withNormSet?: boolean
	/** The norms to publish (default: the 2022 norms for this year). */
	normSet?: NormSet
}

export async function ensureMarkYear(year: number, options: MarkYearOptions = {}): Promise<MarkYear> {
	const { fourEyesNegative = false, withNormSet = true, normSet, ...changes } = options
	const row =
		(await db.markYear.findUnique({ where: { year } })) ??
		(await db.markYear.create({
			data: { ...markYearData({ ...defaultYearSettings(year), ...changes }), fourEyesNegative },
		}))
	if (withNormSet && !(await db.normSet.findUnique({ where: { year }, select: { id: true } }))) {
		await db.$transaction((tx) =>
			importNormSet(tx, normSet ?? normSetFor(year), { publishedAt: amsterdamInstant(`${year - 1}-04-01`) }),
		)
	}
	return row
}

const yearInput = z.object({
	year: z.number().int().min(2000).max(2100),
	fourEyesNegative: z.boolean().optional(),
	// A moved deadline (KiBG moved dates before): pages must show the year's own.
	qualificationDeadline: z.iso.date().optional(),
})

export const yearFixtures: Record<string, Fixture> = {
	async 'mark-year'(input) {
		const { year, fourEyesNegative, qualificationDeadline } = yearInput.parse(input)
		await ensureMarkYear(year, { fourEyesNegative, ...(qualificationDeadline ? { qualificationDeadline } : {}) })
		return { year }
	},
}
