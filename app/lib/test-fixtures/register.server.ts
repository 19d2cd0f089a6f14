// Fixtures for the public register (issue 6): one mark year with carriers in every public status,
// made through the participation service (so the stored register window and the certificate are
// the real ones), for the e2e tests (/__test/fixtures/register-year) and the integration tests.
import { z } from 'zod'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import type { ProviderType } from '#app/domain/types.ts'
import type { Actor } from '#app/services/audit.server.ts'
import { createParticipation, requireParticipationEvent } from '#app/services/participation.server.ts'
import { clockDescription, setClock } from '../clock.server.ts'
import { db } from '../db.server.ts'
import type { Fixture } from './types.ts'
import { ensureMarkYear } from './years.server.ts'
import { createQualifiedParticipations } from './staff.server.ts'
import { refusalError } from '#app/domain/errors.ts'

const system: Actor = { type: 'system', userId: null }

export interface CarrierSpec {
	name: string
	city: string
	postcode: string
	type: ProviderType
	website?: string
}

export interface RegisterYearScenario {
	year: number
	/** Qualified on 10 February; the first has a certificate that stays valid. */
	qualified: { slug: string; name: string; certificateNumber: string }[]
	/** Qualified, then withdrawn on the provider's request per 10 March. */
	withdrawn: { slug: string; name: string; certificateNumber: string; withdrawnOn: string }
	/** Listed on 2 January without a submission: withdrawn by the rules per 1 April. */
	listedOnly: { slug: string; name: string }
	/** Applied, never listed: not in the register. */
	appliedOnly: { slug: string; name: string }
}

async function describeProvider(providerId: string, spec: CarrierSpec) {
	const slug = `${spec.name
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')}-${providerId.slice(-6)}`
	await db.provider.update({
		where: { id: providerId },
		data: {
			name: spec.name,
			city: spec.city,
			postcode: spec.postcode,
			type: spec.type,
			slug,
			website: spec.website ?? null,
			province: null,
		},
	})
	return slug
}

async function certificateOf(participationId: string) {
	return (await db.certificate.findUniqueOrThrow({ where: { participationId } })).number
}

async function plainProvider(spec: CarrierSpec) {
	const kvk = String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8)
	const provider = await db.provider.create({
		data: {
			name: spec.name,
			slug: `p-${kvk}`,
			type: spec.type,
			kvkNumber: kvk,
			agbCode: kvk,
			street: 'Registerstraat',
			houseNumber: '1',
			postcode: spec.postcode,
			city: spec.city,
			email: `info-${kvk}@register.test`,
		},
	})
	return { id: provider.id, slug: await describeProvider(provider.id, spec) }
}

/**
 * Mark year `year` with: qualified carriers (one per spec), one withdrawn on request, one listed
 * that never submitted, one that only applied. The clock is put back as it was.
 */
export async function createRegisterYear({
	year,
	prefix,
	qualified,
}: {
	year: number
	prefix: string
	qualified: CarrierSpec[]
}): Promise<RegisterYearScenario> {
	const before = clockDescription()
	try {
		await ensureMarkYear(year)
		const ids = await createQualifiedParticipations({ year, count: qualified.length + 1, prefix })
		const carriers: RegisterYearScenario['qualified'] = []
		for (const [index, spec] of qualified.entries()) {
			const participation = await db.participation.findUniqueOrThrow({ where: { id: ids[index] as string } })
			const slug = await describeProvider(participation.providerId, spec)
			carriers.push({ slug, name: spec.name, certificateNumber: await certificateOf(participation.id) })
		}

		const withdrawnId = ids[qualified.length] as string
		const withdrawnParticipation = await db.participation.findUniqueOrThrow({ where: { id: withdrawnId } })
		const withdrawnSpec: CarrierSpec = {
			name: `${prefix} Teruggetrokken`,
			city: 'Zwolle',
			postcode: '8011 AB',
			type: 'independent_practice',
		}
		const withdrawnSlug = await describeProvider(withdrawnParticipation.providerId, withdrawnSpec)
		const withdrawnAt = amsterdamInstant(`${year}-03-10`, { hour: 9 })
		setClock(withdrawnAt)
		const admin = await db.user.create({
			data: { email: `admin-${withdrawnId}@kibg.test`, name: 'Register Beheerder', staffRole: 'admin' },
		})
		await db.$transaction((tx) =>
			requireParticipationEvent(
				tx,
				withdrawnId,
				{ type: 'withdraw', reason: 'provider_request', effectiveAt: withdrawnAt },
				{ type: 'staff', userId: admin.id },
				{ reason: 'Op verzoek: de praktijk stopt.' },
			),
		)

		// Listed on 2 January, never submitted: the register window ends on 1 April by itself.
		const listed = await plainProvider({
			name: `${prefix} Alleen Opgenomen`,
			city: 'Utrecht',
			postcode: '3511 AB',
			type: 'institution',
		})
		setClock(amsterdamInstant(`${year - 1}-06-15`, { hour: 12 }))
		const started = await db.$transaction((tx) =>
			createParticipation(tx, {
				providerId: listed.id,
				year,
				start: { origin: 'application', isReapplicant: false },
				actor: system,
			}),
		)
		if (!started.ok) throw refusalError(started.refusal)
		await db.$transaction((tx) =>
			requireParticipationEvent(tx, started.participation.id, { type: 'offer_agreement' }, system),
		)
		await db.$transaction((tx) =>
			requireParticipationEvent(tx, started.participation.id, { type: 'sign_agreement' }, system),
		)
		setClock(amsterdamInstant(`${year}-01-02`, { hour: 9 }))
		await db.$transaction((tx) => requireParticipationEvent(tx, started.participation.id, { type: 'list' }, system))

		const applied = await plainProvider({
			name: `${prefix} Alleen Aangevraagd`,
			city: 'Utrecht',
			postcode: '3512 AB',
			type: 'independent_practice',
		})
		setClock(amsterdamInstant(`${year - 1}-06-16`, { hour: 12 }))
		const appliedStart = await db.$transaction((tx) =>
			createParticipation(tx, {
				providerId: applied.id,
				year,
				start: { origin: 'application', isReapplicant: false },
				actor: system,
			}),
		)
		if (!appliedStart.ok) throw refusalError(appliedStart.refusal)

		return {
			year,
			qualified: carriers,
			withdrawn: {
				slug: withdrawnSlug,
				name: withdrawnSpec.name,
				certificateNumber: await certificateOf(withdrawnId),
				withdrawnOn: `${year}-03-10`,
			},
			listedOnly: { slug: listed.slug, name: `${prefix} Alleen Opgenomen` },
			appliedOnly: { slug: applied.slug, name: `${prefix} Alleen Aangevraagd` },
		}
	} finally {
		if (before.mode === 'real') setClock(null)
		else setClock(new Date(before.now), before.mode)
	}
}

const carrierInput = z.object({
	name: z.string().min(1).max(120),
	city: z.string().min(1).max(80),
	postcode: z.string().regex(/^\d{4} [A-Z]{2}$/),
	type: z.enum(['independent_practice', 'institution']),
	website: z.string().url().optional(),
})

export const registerFixtures: Record<string, Fixture> = {
	async 'register-year'(input) {
		const data = z
			.object({
				year: z.number().int().min(2030).max(2099),
				prefix: z.string().min(1).max(60),
				qualified: z.array(carrierInput).min(1).max(10),
			})
			.parse(input)
		return createRegisterYear(data)
	},
}
