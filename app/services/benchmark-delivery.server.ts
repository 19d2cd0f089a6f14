// A carrier's delivery of the year's indicators (DOMAIN.md §9): values saved one by one with
// optimistic concurrency (as the self-evaluation's answers: a stale version is a conflict, never an
// overwrite), a whole file at once (all or nothing), submission (which fixes the carrier's type and
// province and refreshes the year's benchmark) and, for staff, reopening. Every query is scoped by
// the provider of the URL.
import { href } from 'react-router'
import { Prisma, type PrismaClient } from '#app/generated/prisma/client.ts'
import { deliveryPhase, type IndicatorDefinition } from '#app/domain/benchmark-indicators.ts'
import { AppError } from '#app/domain/errors.ts'
import { registerProvince } from '#app/domain/province.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { toDefinition, toDeliverySettings } from './benchmark-indicators.server.ts'
import { refreshBenchmark } from './benchmark.server.ts'
import { absoluteUrl } from './auth.server.ts'
import { enqueueEmail } from './mail/outbox.server.ts'
import { participationRecipients } from './participation-mail.server.ts'
import { toYearSettings } from './years.server.ts'

type Client = Tx | PrismaClient

/** The provider was a carrier in `year`: it was in the register at some moment of that year. */
async function wasCarrier(client: Client, providerId: string, year: number): Promise<boolean> {
	const participation = await client.participation.findUnique({
		where: { providerId_year: { providerId, year } },
		select: { listedFrom: true },
	})
	return Boolean(participation?.listedFrom)
}

/**
 * What the delivery screens read: the published list of `year`, the settings, the delivery (if
 * started) with its values and versions. Null when the provider was no carrier that year or the
 * list is not published: the screens answer 404.
 */
export async function loadDelivery(providerId: string, year: number) {
	if (!Number.isInteger(year)) return null
	const [set, carrier, delivery] = await Promise.all([
		db.indicatorSet.findUnique({
			where: { year },
			include: { indicators: { orderBy: { position: 'asc' } }, markYear: { select: { markName: true } } },
		}),
		wasCarrier(db, providerId, year),
		db.benchmarkDelivery.findUnique({
			where: { providerId_year: { providerId, year } },
			include: { values: { include: { updatedBy: { select: { name: true } } } } },
		}),
	])
	if (!set || set.status !== 'published' || !carrier) return null
	const settings = toDeliverySettings(set)
	const values = Object.fromEntries(
		set.indicators.map((indicator) => {
			const row = delivery?.values.find((value) => value.indicatorId === indicator.id)
			return [
				indicator.code,
				{
					value: row?.value ?? null,
					version: row?.version ?? 0,
					updatedAt: row?.updatedAt ?? null,
					updatedBy: row?.updatedBy?.name ?? null,
				},
			]
		}),
	)
	return {
		year,
		markName: set.markYear.markName,
		settings,
		phase: deliveryPhase(settings, now()),
		indicators: set.indicators.map(toDefinition),
		delivery: delivery
			? {
					id: delivery.id,
					status: delivery.status,
					submittedAt: delivery.submittedAt,
					reopenedAt: delivery.reopenedAt,
					reopenReason: delivery.reopenReason,
					source: delivery.source,
				}
			: null,
		values,
		missing: set.indicators.filter((indicator) => values[indicator.code]?.value === null).map((i) => i.code),
	}
}

export type LoadedDelivery = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>

/** The years a provider can deliver for or read a report of, newest first. */
export async function deliveryYears(providerId: string) {
	const rows = await db.indicatorSet.findMany({
		where: {
			status: 'published',
			markYear: { participations: { some: { providerId, listedFrom: { not: null } } } },
		},
		select: { year: true, deliveries: { where: { providerId }, select: { status: true } } },
		orderBy: { year: 'desc' },
	})
	return rows.map((row) => ({ year: row.year, status: row.deliveries[0]?.status ?? null }))
}

/**
 * The editable draft of the provider's delivery (created on the first save), locked for the rest of
 * the transaction. Refused before the window opens and once submitted.
 */
async function lockDraft(tx: Tx, actor: Actor, providerId: string, year: number) {
	const set = await tx.indicatorSet.findUnique({
		where: { year },
		include: { indicators: { orderBy: { position: 'asc' } } },
	})
	if (!set || set.status !== 'published' || !(await wasCarrier(tx, providerId, year))) throw new AppError('not_found')
	const settings = toDeliverySettings(set)
	if (deliveryPhase(settings, now()) === 'not_open')
		throw new AppError('delivery_not_open', { year, opensOn: { date: settings.deliveryOpensOn } })
	// A concurrent first save of two colleagues: the loser finds the winner's row.
	await tx.benchmarkDelivery.createMany({
		data: [{ providerId, year, indicatorSetId: set.id, createdAt: now() }],
		skipDuplicates: true,
	})
	const [locked] = await tx.$queryRaw<{ id: string }[]>`
		SELECT id FROM "BenchmarkDelivery" WHERE "providerId" = ${providerId} AND year = ${year} FOR UPDATE`
	const delivery = await tx.benchmarkDelivery.findUniqueOrThrow({
		where: { id: locked!.id },
		include: { values: true },
	})
	if (delivery.status === 'submitted') throw new AppError('delivery_submitted', { year })
	void actor
	return { set, settings, delivery }
}

export interface ValueInput {
	code: string
	/** The version the editor started from (0: no value stored yet). */
	expectedVersion: number
	value: number | null
}

export type SaveValueResult =
	| { ok: true; code: string; version: number; savedAt: Date; changed: boolean }
	| { ok: false; code: string; reason: 'conflict'; current: { value: number | null; version: number } }

/**
 * Saves values of the draft (the form sends all, the autosave one). Saving what is stored is no
 * conflict whatever the version; anything else on a stale version is, and changes nothing of that
 * value. Throws AppError when the delivery cannot be edited at all.
 */
export async function saveValues(
	actor: Actor & { userId: string },
	input: { providerId: string; year: number; values: ValueInput[] },
): Promise<SaveValueResult[]> {
	const at = now()
	return db.$transaction(async (tx) => {
		const { set, delivery } = await lockDraft(tx, actor, input.providerId, input.year)
		const results: SaveValueResult[] = []
		for (const entry of input.values) {
			const indicator = set.indicators.find((candidate) => candidate.code === entry.code)
			if (!indicator) throw new AppError('not_found')
			const existing = delivery.values.find((value) => value.indicatorId === indicator.id)
			const current = { value: existing?.value ?? null, version: existing?.version ?? 0 }
			if (existing && current.value === entry.value) {
				results.push({
					ok: true,
					code: entry.code,
					version: current.version,
					savedAt: existing.updatedAt,
					changed: false,
				})
				continue
			}
			if (!existing && entry.value === null) {
				results.push({ ok: true, code: entry.code, version: 0, savedAt: at, changed: false })
				continue
			}
			if (current.version !== entry.expectedVersion) {
				results.push({ ok: false, code: entry.code, reason: 'conflict', current })
				continue
			}
			const saved = existing
				? await tx.indicatorValue.update({
						where: { id: existing.id },
						data: { value: entry.value, updatedById: actor.userId, version: { increment: 1 } },
					})
				: await tx.indicatorValue.create({
						data: { deliveryId: delivery.id, indicatorId: indicator.id, value: entry.value, updatedById: actor.userId },
					})
			results.push({ ok: true, code: entry.code, version: saved.version, savedAt: saved.updatedAt, changed: true })
		}
		if (results.some((result) => result.ok && result.changed))
			await tx.benchmarkDelivery.update({
				where: { id: delivery.id },
				data: { source: 'form', version: { increment: 1 } },
			})
		return results
	})
}

/**
 * Stores a whole file's values (already checked: app/domain/benchmark-file.ts) in one go. The file
 * is the carrier's deliberate "these are our figures": it replaces every value, colleagues' typing
 * included (their next autosave then sees a conflict instead of overwriting the file).
 */
export async function importValues(
	actor: Actor & { userId: string },
	input: { providerId: string; year: number; values: Record<string, number | null>; source: 'csv' | 'xlsx' },
) {
	return db.$transaction(async (tx) => {
		const { set, delivery } = await lockDraft(tx, actor, input.providerId, input.year)
		for (const indicator of set.indicators) {
			if (!(indicator.code in input.values)) continue
			const value = input.values[indicator.code] ?? null
			await tx.indicatorValue.upsert({
				where: { deliveryId_indicatorId: { deliveryId: delivery.id, indicatorId: indicator.id } },
				create: { deliveryId: delivery.id, indicatorId: indicator.id, value, updatedById: actor.userId },
				update: { value, updatedById: actor.userId, version: { increment: 1 } },
			})
		}
		await tx.benchmarkDelivery.update({
			where: { id: delivery.id },
			data: { source: input.source, version: { increment: 1 } },
		})
		await recordAudit(tx, {
			actor,
			action: 'benchmark_delivery.import',
			entityType: 'BenchmarkDelivery',
			entityId: delivery.id,
			providerId: input.providerId,
			after: { year: input.year, source: input.source, values: input.values },
		})
	})
}

/** Submits the draft: every indicator filled in; fixes type and province; refreshes the year. */
export async function submitDelivery(actor: Actor & { userId: string }, input: { providerId: string; year: number }) {
	return db.$transaction(async (tx) => {
		const { set, delivery } = await lockDraft(tx, actor, input.providerId, input.year)
		const missing = set.indicators.filter(
			(indicator) => (delivery.values.find((value) => value.indicatorId === indicator.id)?.value ?? null) === null,
		)
		if (missing.length) throw new AppError('delivery_incomplete', { count: missing.length })
		const provider = await tx.provider.findUniqueOrThrow({
			where: { id: input.providerId },
			select: { type: true, province: true, postcode: true },
		})
		const submittedAt = now()
		await tx.benchmarkDelivery.update({
			where: { id: delivery.id },
			data: {
				status: 'submitted',
				submittedAt,
				submittedById: actor.userId,
				providerType: provider.type,
				province: registerProvince(provider.province, provider.postcode),
				version: { increment: 1 },
			},
		})
		await refreshBenchmark(tx, input.year)
		await recordAudit(tx, {
			actor,
			action: 'benchmark_delivery.submit',
			entityType: 'BenchmarkDelivery',
			entityId: delivery.id,
			providerId: input.providerId,
			after: {
				year: input.year,
				values: Object.fromEntries(
					set.indicators.map((indicator) => [
						indicator.code,
						delivery.values.find((value) => value.indicatorId === indicator.id)?.value ?? null,
					]),
				),
			},
		})
		return { submittedAt }
	})
}

/** Staff reopen a submitted delivery: it leaves the benchmark until the carrier submits again. */
export async function reopenDelivery(actor: Actor, input: { deliveryId: string; reason: string }) {
	const reason = input.reason.trim()
	if (!reason) throw new AppError('justification_required')
	return db.$transaction(async (tx) => {
		const rows = await tx.$queryRaw<{ id: string }[]>`
			SELECT id FROM "BenchmarkDelivery" WHERE id = ${input.deliveryId} FOR UPDATE`
		if (rows.length === 0) throw new AppError('not_found')
		const delivery = await tx.benchmarkDelivery.findUniqueOrThrow({ where: { id: input.deliveryId } })
		if (delivery.status !== 'submitted') throw new AppError('delivery_not_submitted')
		const reopenedAt = now()
		await tx.benchmarkDelivery.update({
			where: { id: delivery.id },
			data: { status: 'draft', reopenedAt, reopenReason: reason, version: { increment: 1 } },
		})
		await mailReopened(tx, { ...delivery, reopenedAt }, reason)
		await refreshBenchmark(tx, delivery.year)
		await recordAudit(tx, {
			actor,
			action: 'benchmark_delivery.reopen',
			entityType: 'BenchmarkDelivery',
			entityId: delivery.id,
			providerId: delivery.providerId,
			before: { status: 'submitted', submittedAt: delivery.submittedAt },
			after: { status: 'draft', year: delivery.year },
			reason,
		})
		return delivery
	})
}

/** The carrier hears that its delivery was reopened and why (it no longer counts until resubmitted). */
async function mailReopened(
	tx: Tx,
	delivery: { id: string; providerId: string; year: number; reopenedAt: Date },
	reason: string,
) {
	const participation = await tx.participation.findFirst({
		where: { providerId: delivery.providerId, year: delivery.year },
		include: { provider: { select: { name: true } }, markYear: true },
	})
	if (!participation) return
	const base = {
		providerName: participation.provider.name,
		year: delivery.year,
		markName: toYearSettings(participation.markYear).markName,
		portalUrl: absoluteUrl(
			href('/aanbieder/:providerId/spiegelrapportage/:year/aanleveren', {
				providerId: delivery.providerId,
				year: String(delivery.year),
			}),
		),
	}
	for (const to of await participationRecipients(tx, delivery.providerId)) {
		await enqueueEmail(tx, {
			template: 'benchmark_reopened',
			to,
			providerId: delivery.providerId,
			participationId: participation.id,
			dedupeKey: `benchmark_reopened:${delivery.id}:${delivery.reopenedAt.getTime()}:${to.address.toLowerCase()}`,
			data: { ...base, reason },
		})
	}
}

/** A delivery for staff: the provider, the year's list and the values (staff see everything). */
export async function deliveryForStaff(deliveryId: string) {
	const delivery = await db.benchmarkDelivery.findUnique({
		where: { id: deliveryId },
		include: {
			provider: { select: { id: true, name: true } },
			indicatorSet: { include: { indicators: { orderBy: { position: 'asc' } } } },
			values: true,
		},
	})
	if (!delivery) return null
	return {
		...delivery,
		indicators: delivery.indicatorSet.indicators.map((indicator) => ({
			...toDefinition(indicator),
			value: delivery.values.find((value) => value.indicatorId === indicator.id)?.value ?? null,
		})),
	}
}

export function isUniqueViolation(error: unknown): boolean {
	return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'
}

export type { IndicatorDefinition }
