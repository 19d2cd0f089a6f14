// Fixtures for the consultation and the kennisnetwerk (issue 18), reached through
// /__test/fixtures/<name> and used by the integration tests: a year with published norms and the
// next year's draft (one norm reworded, so the diff has something to show), a carrier of a year,
// and a carrier's learn and teach themes as its self-evaluation answers.
import { z } from 'zod'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { networkItems } from '#app/domain/network.ts'
import { assertNormSet } from '#app/domain/norm-set.ts'
import normSet2022 from '#prisma/norm-sets/2022.json' with { type: 'json' }
import { importNormSet, loadNormSet } from '#app/services/norm-sets.server.ts'
import { setClock } from '../clock.server.ts'
import { db } from '../db.server.ts'
import { makeCarrier } from './benchmark.server.ts'
import type { Fixture } from './types.ts'
import { ensureMarkYear } from './years.server.ts'

/** Year `year - 1` published, year `year` a draft that rewords norm 2 and criterion 2.1. */
export async function ensureConsultationYears(year: number) {
	await ensureMarkYear(year - 1)
	if (await db.markYear.findUnique({ where: { year } })) return
	await ensureMarkYear(year, { withNormSet: false })
	const draft = assertNormSet({ ...normSet2022, year })
	const norm = draft.themes[0]!.norms[1]!
	norm.title = `${norm.title} (concept ${year})`
	norm.criteria[0]!.text = `${norm.criteria[0]!.text} De aanbieder beschrijft ook hoe hij dit evalueert.`
	await db.$transaction((tx) => importNormSet(tx, draft, { status: 'draft', basedOnYear: year - 1 }))
}

/** Answers on 5.2 (learn) and 6.2 (teach) in a draft round of the provider's participation of `year`. */
export async function giveThemes(providerId: string, year: number, themes: { learn: string[]; teach: string[] }) {
	const participation = await makeCarrier(providerId, year)
	const loaded = await loadNormSet(year)
	if (!loaded) throw new Error(`Geen normen voor ${year}`)
	const round =
		(await db.selfEvaluationRound.findFirst({ where: { participationId: participation.id, number: 1 } })) ??
		(await db.selfEvaluationRound.create({ data: { participationId: participation.id, number: 1 } }))
	for (const item of networkItems(loaded.normSet)) {
		const evidenceItemId = loaded.evidenceIds.get(item.key) as string
		const checkedElements = item.direction === 'learn' ? themes.learn : themes.teach
		await db.answer.upsert({
			where: { roundId_evidenceItemId: { roundId: round.id, evidenceItemId } },
			create: { roundId: round.id, evidenceItemId, checkedElements },
			update: { checkedElements },
		})
	}
	return participation
}

export const consultationFixtures: Record<string, Fixture> = {
	/** The published year before `year` and the draft of `year`; the clock on `at`. */
	'consultation-years': async (input) => {
		const { year, at } = z
			.object({ year: z.number().int().min(2000).max(2100), at: z.iso.datetime({ offset: true }) })
			.parse(input)
		await ensureConsultationYears(year)
		setClock(new Date(at))
		return { year }
	},
	/** The provider is a carrier of `year` (in the register from 1 January). */
	'consultation-carrier': async (input) => {
		const { providerId, year } = z.object({ providerId: z.string(), year: z.number().int() }).parse(input)
		await ensureMarkYear(year)
		await makeCarrier(providerId, year)
		return { providerId }
	},
	/** The provider is a carrier of `year` with these learn and teach themes in its self-evaluation. */
	'network-carrier': async (input) => {
		const { providerId, year, learn, teach, postcode } = z
			.object({
				providerId: z.string(),
				year: z.number().int(),
				learn: z.array(z.string()),
				teach: z.array(z.string()),
				postcode: z.string().optional(),
			})
			.parse(input)
		await ensureMarkYear(year)
		if (postcode) await db.provider.update({ where: { id: providerId }, data: { postcode, province: null } })
		await giveThemes(providerId, year, { learn, teach })
		setClock(amsterdamInstant(`${year}-03-02`, { hour: 10 }))
		return { providerId }
	},
}
