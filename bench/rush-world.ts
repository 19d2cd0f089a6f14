// The world of the autosave benches (bench/rush.ts, bench/autosave-cpu.ts): carriers with a listed
// participation in `year`, each with one or more members signed in (a session cookie), every member
// with a free-text answer of their own to type (nobody else of the carrier types it, so every save
// is theirs to find) and an upload item. Runs in the bench process on the database that
// openBenchDatabase opened.
import { allEvidence } from '#app/domain/norm-set.ts'
import { db } from '#app/lib/db.server.ts'
import { createSession } from '#app/lib/session.server.ts'
import { createListedParticipation, fillCompleteRound } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'

export interface CarrierGroup {
	carriers: number
	/** Members per carrier. */
	colleagues: number
	/** The round is complete (every required answer given), ready to submit. */
	complete: boolean
}

export interface WorldMember {
	/** 0, 1, 2, … over all groups in order. */
	index: number
	providerId: string
	/** `name=value` of the member's session, for a Cookie header. */
	cookie: string
	/** The free-text answer this member types. */
	textKey: string
	/** A template upload item of the norm set. */
	uploadKey: string
	/** The member's carrier is in a group with a complete round. */
	complete: boolean
	/** The stored version of the member's answer (a complete round has answers already). */
	version: number
}

export interface RushWorld {
	members: WorldMember[]
	/** The qualification deadline of `year` (Amsterdam date). */
	deadline: string
}

/**
 * Carriers and members, group after group. `name` keeps the slugs, e-mail addresses, KvK and AGB
 * numbers of one bench apart from another's (`numberBase`: the first KvK/AGB number).
 */
export async function seedRushWorld(options: {
	year: number
	name: string
	numberBase: number
	groups: readonly CarrierGroup[]
}): Promise<RushWorld> {
	const { year, name, numberBase, groups } = options
	const members: WorldMember[] = []
	let deadline = ''
	let carrier = 0
	for (const group of groups) {
		for (let n = 0; n < group.carriers; n++, carrier++) {
			const provider = await db.provider.create({
				data: {
					name: `Aanbieder ${name} ${carrier}`,
					slug: `${name}-${carrier}`,
					type: 'independent_practice',
					kvkNumber: String(numberBase + carrier),
					agbCode: String(numberBase + carrier),
					street: 'Straat',
					houseNumber: '1',
					postcode: '3511 AB',
					city: 'Utrecht',
					email: `${name}${carrier}@bench.test`,
				},
			})
			deadline = (await createListedParticipation({ year, providerId: provider.id })).qualificationDeadline
			if (group.complete) await fillCompleteRound({ providerId: provider.id, year })
			for (let colleague = 0; colleague < group.colleagues; colleague++) {
				const user = await db.user.create({
					data: {
						email: `lid${members.length}@${name}.bench`,
						name: `Lid ${members.length}`,
						memberships: { create: { providerId: provider.id, canSign: true } },
					},
				})
				const cookie = (await createSession(user.id, new Request('http://localhost'))).split(';')[0] as string
				members.push({
					index: members.length,
					providerId: provider.id,
					cookie,
					textKey: '',
					uploadKey: '',
					complete: group.complete,
					version: 0,
				})
			}
		}
	}

	const loaded = await loadNormSet(year)
	if (!loaded) throw new Error('Geen normen')
	// Free-text answers without required choices: a save keeps a complete round complete.
	const items = allEvidence(loaded.normSet).map(({ item }) => item)
	const texts = items.filter((item) => (item.kind === 'explanation' && !item.choices) || item.kind === 'example')
	const uploads = items.filter((item) => item.kind === 'template_upload')
	const most = Math.max(...groups.map((group) => group.colleagues))
	if (texts.length < most || uploads.length === 0) throw new Error('Te weinig vrije-tekstvragen')
	const byProvider = new Map<string, number>()
	for (const member of members) {
		const n = byProvider.get(member.providerId) ?? 0
		byProvider.set(member.providerId, n + 1)
		member.textKey = texts[n]?.key ?? ''
		member.uploadKey = uploads[n % uploads.length]?.key ?? ''
	}
	// The stored versions the members start from (a complete round has answers already).
	for (const member of members) {
		const answer = await db.answer.findFirst({
			where: {
				evidenceItemId: loaded.evidenceIds.get(member.textKey),
				round: { participation: { providerId: member.providerId, year } },
			},
			select: { version: true },
		})
		member.version = answer?.version ?? 0
	}
	// PGlite runs no autovacuum: without statistics the planner expects a few rows (nightly in production).
	await db.$executeRawUnsafe('ANALYZE')
	return { members, deadline }
}
