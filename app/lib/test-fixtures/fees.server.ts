// Fixtures for the fee, mail and job tests (issue 7): a carrier that qualified in a year, its
// turnover report and an invoice, issued at a chosen moment. Reached by e2e tests through
// /__test/fixtures/<name>; integration tests import the builders directly.
import { z } from 'zod'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { amsterdamInstant, endOfDay } from '#app/domain/amsterdam-time.ts'
import { defaultYearSettings } from '#app/domain/year-settings.ts'
import { clockDescription, setClock } from '../clock.server.ts'
import { db, type Tx } from '../db.server.ts'
import { hashPassword } from '../password.server.ts'
import { systemActor } from '#app/services/audit.server.ts'
import { issueInvoice } from '#app/services/invoices.server.ts'
import { markYearData } from '#app/services/years.server.ts'
import type { Fixture } from './index.server.ts'

/** Mark year `year` with default settings (and `changes`), unless it exists. No norm set: fees need none. */
export async function ensureMarkYear(
	year: number,
	changes: Record<string, unknown> = {},
	client: Tx | PrismaClient = db,
) {
	const existing = await client.markYear.findUnique({ where: { year } })
	if (existing) return existing
	return client.markYear.create({ data: markYearData({ ...defaultYearSettings(year), ...changes }) })
}

/**
 * A participation that went the whole way in `year` — listed on 1 January, one round submitted in
 * February, qualified — written directly, as a consistent snapshot, without mail.
 */
export async function createQualifiedParticipation(
	{ providerId, year, isReapplicant = false }: { providerId: string; year: number; isReapplicant?: boolean },
	client: Tx | PrismaClient = db,
) {
	const listedAt = amsterdamInstant(`${year}-01-01`)
	const submittedAt = amsterdamInstant(`${year}-02-01`, { hour: 10 })
	const qualifiedAt = amsterdamInstant(`${year}-02-15`, { hour: 10 })
	const participation = await client.participation.create({
		data: {
			providerId,
			year,
			state: 'qualified',
			isReapplicant,
			stateChangedAt: qualifiedAt,
			appliedAt: amsterdamInstant(`${year - 1}-06-15`, { hour: 10 }),
			qualifiedAt,
			listedFrom: isReapplicant ? amsterdamInstant(`${year}-04-01`) : listedAt,
			listedUntil: amsterdamInstant(`${year + 1}-01-01`),
		},
	})
	await client.selfEvaluationRound.create({
		data: {
			participationId: participation.id,
			number: 1,
			status: 'submitted',
			submittedAt,
			outcome: 'qualified',
			decidedAt: qualifiedAt,
			createdAt: submittedAt,
		},
	})
	return participation
}

export async function reportTurnover(
	{
		participationId,
		amountCents,
		reportedById,
		at,
	}: { participationId: string; amountCents: bigint; reportedById: string; at: Date },
	client: Tx | PrismaClient = db,
) {
	return client.turnoverReport.create({
		data: { participationId, amountCents, source: 'provider', reportedAt: at, reportedById },
	})
}

// The e2e server's clock is shared: a fixture that needs another moment puts it back afterwards.
async function atMoment<T>(at: Date, work: () => Promise<T>): Promise<T> {
	const before = clockDescription()
	setClock(at)
	try {
		return await work()
	} finally {
		if (before.mode === 'real') setClock(null)
		else setClock(new Date(before.now), before.mode)
	}
}

const invoiceInput = z.object({
	year: z.number().int().min(2000).max(2100),
	providerName: z.string().min(1),
	kvkNumber: z.string().regex(/^\d{8}$/),
	member: z.object({ email: z.email(), name: z.string().default('Test Lid'), password: z.string().min(12) }),
	turnoverCents: z.number().int().min(0),
	/** When the invoice is issued (ISO); by default 2 March of the next year. */
	issuedAt: z.iso.datetime({ offset: true }).optional(),
})

export const feeFixtures: Record<string, Fixture> = {
	/**
	 * Issue 16 item 9: a qualified carrier of `year` with an open follow-up (the CQ scale score of
	 * 2018 norm 1 NB), due on 31 August of that year. Uses the invoice fixture's provider shape.
	 */
	async 'follow-up'(input) {
		const data = invoiceInput.pick({ year: true, providerName: true, kvkNumber: true, member: true }).parse(input)
		await ensureMarkYear(data.year)
		const provider = await db.provider.create({
			data: {
				name: data.providerName,
				slug: `${data.providerName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${data.kvkNumber}`,
				type: 'independent_practice',
				kvkNumber: data.kvkNumber,
				agbCode: data.kvkNumber,
				street: 'Scorestraat',
				houseNumber: '3',
				postcode: '3511 AB',
				city: 'Utrecht',
				email: data.member.email.toLowerCase(),
				memberships: {
					create: {
						canSign: true,
						isPrimaryContact: true,
						user: {
							create: {
								email: data.member.email.toLowerCase(),
								name: data.member.name,
								passwordHash: await hashPassword(data.member.password),
							},
						},
					},
				},
			},
		})
		const participation = await createQualifiedParticipation({ providerId: provider.id, year: data.year })
		const followUp = await db.followUp.create({
			data: {
				participationId: participation.id,
				criterionKey: 'cq-index-integration',
				criterionCode: '1.3',
				description: 'De schaalscore Samen Beslissen van de CQ-index (norm 1, NB).',
				deliver: 'number',
				dueAt: endOfDay(`${data.year}-08-31`),
				createdAt: amsterdamInstant(`${data.year}-02-15`, { hour: 10 }),
			},
		})
		return { providerId: provider.id, followUpId: followUp.id }
	},

	/** A provider with a member, a qualified participation in `year`, its turnover and an issued invoice. */
	async 'fees-invoice'(input) {
		const data = invoiceInput.parse(input)
		await ensureMarkYear(data.year)
		const provider = await db.provider.create({
			data: {
				name: data.providerName,
				slug: `${data.providerName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${data.kvkNumber}`,
				type: 'independent_practice',
				kvkNumber: data.kvkNumber,
				agbCode: data.kvkNumber,
				street: 'Factuurstraat',
				houseNumber: '7',
				postcode: '3511 AB',
				city: 'Utrecht',
				email: data.member.email.toLowerCase(),
				memberships: {
					create: {
						canSign: true,
						isPrimaryContact: true,
						user: {
							create: {
								email: data.member.email.toLowerCase(),
								name: data.member.name,
								passwordHash: await hashPassword(data.member.password),
							},
						},
					},
				},
			},
			include: { memberships: true },
		})
		const participation = await createQualifiedParticipation({ providerId: provider.id, year: data.year })
		const issuedAt = data.issuedAt ? new Date(data.issuedAt) : amsterdamInstant(`${data.year + 1}-03-02`, { hour: 9 })
		await reportTurnover({
			participationId: participation.id,
			amountCents: BigInt(data.turnoverCents),
			reportedById: provider.memberships[0]?.userId as string,
			at: new Date(issuedAt.getTime() - 86_400_000),
		})
		const result = await atMoment(issuedAt, () =>
			db.$transaction((tx) => issueInvoice(tx, participation.id, systemActor, issuedAt)),
		)
		if (!result.issued) throw new Error(result.reason)
		return {
			providerId: provider.id,
			participationId: participation.id,
			invoiceId: result.invoice.id,
			invoiceNumber: result.invoice.number,
		}
	},
}
