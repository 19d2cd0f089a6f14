// The indicator list of a year (DOMAIN.md §9), kept by staff like the norm set: a year starts as a
// copy of the latest earlier list (or of the standard list in prisma/indicator-sets/), is edited as
// a draft and published, after which the indicators are fixed (deliveries refer to them). The
// delivery settings of the year (window, due date, minimum group size, reminders) stay editable.
// Every change is audited and guarded by the set's version.
import type { IndicatorSet, Indicator as IndicatorRow, PrismaClient } from '#app/generated/prisma/client.ts'
import { type CalendarDate } from '#app/domain/amsterdam-time.ts'
import {
	defaultDeliverySettings,
	type DeliverySettings,
	type IndicatorDefinition,
	indicatorDefinitionSchema,
} from '#app/domain/benchmark-indicators.ts'
import { AppError } from '#app/domain/errors.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import standardList from '#prisma/indicator-sets/standard.json' with { type: 'json' }
import { type Actor, recordAudit } from './audit.server.ts'

type Client = Tx | PrismaClient

const day = (value: Date): CalendarDate => value.toISOString().slice(0, 10)
const dateColumn = (value: CalendarDate) => new Date(`${value}T00:00:00.000Z`)

export function toDeliverySettings(row: IndicatorSet): DeliverySettings {
	return {
		year: row.year,
		deliveryOpensOn: day(row.deliveryOpensOn),
		deliveryDueOn: day(row.deliveryDueOn),
		minGroupSize: row.minGroupSize,
		reminderDaysBefore: [...row.reminderDaysBefore],
	}
}

export function toDefinition(row: IndicatorRow): IndicatorDefinition {
	return {
		code: row.code,
		labelNl: row.labelNl,
		labelEn: row.labelEn,
		helpNl: row.helpNl,
		helpEn: row.helpEn,
		unit: row.unit,
		minValue: row.minValue,
		maxValue: row.maxValue,
		decimals: row.decimals,
		better: row.better,
		normCode: row.normCode,
		normNote: row.normNote,
	}
}

/** The standard list, validated like a staff entry (a broken data file fails loudly). */
export function standardIndicators(): IndicatorDefinition[] {
	return standardList.indicators.map((entry) => indicatorDefinitionSchema.parse(entry) as IndicatorDefinition)
}

export async function loadIndicatorSet(year: number, client: Client = db) {
	return client.indicatorSet.findUnique({
		where: { year },
		include: { indicators: { orderBy: { position: 'asc' } }, markYear: { select: { markName: true } } },
	})
}

export type LoadedIndicatorSet = NonNullable<Awaited<ReturnType<typeof loadIndicatorSet>>>

/** Every mark year with the state of its indicator list, newest first. */
export async function indicatorYears() {
	const years = await db.markYear.findMany({
		orderBy: { year: 'desc' },
		select: { year: true, indicatorSet: { select: { status: true, _count: { select: { indicators: true } } } } },
	})
	return years.map((row) => ({
		year: row.year,
		status: row.indicatorSet?.status ?? null,
		count: row.indicatorSet?._count.indicators ?? 0,
	}))
}

/** Creates `year`'s list as a draft: a copy of the latest earlier list, else the standard list. */
export async function createIndicatorSet(
	actor: Actor,
	year: number,
	options: { status?: 'draft' | 'published'; settings?: Partial<DeliverySettings> } = {},
	client?: Tx,
) {
	const run = async (tx: Tx) => {
		const markYear = await tx.markYear.findUnique({ where: { year }, select: { year: true } })
		if (!markYear) throw new AppError('not_found')
		if (await tx.indicatorSet.findUnique({ where: { year }, select: { id: true } }))
			throw new AppError('indicator_set_exists', { year })
		const previous = await tx.indicatorSet.findFirst({
			where: { year: { lt: year } },
			orderBy: { year: 'desc' },
			include: { indicators: { orderBy: { position: 'asc' } } },
		})
		const definitions = previous ? previous.indicators.map(toDefinition) : standardIndicators()
		const settings = { ...defaultDeliverySettings(year), ...options.settings }
		const published = options.status === 'published'
		const set = await tx.indicatorSet.create({
			data: {
				year,
				status: options.status ?? 'draft',
				publishedAt: published ? now() : null,
				basedOnYear: previous?.year ?? null,
				deliveryOpensOn: dateColumn(settings.deliveryOpensOn),
				deliveryDueOn: dateColumn(settings.deliveryDueOn),
				minGroupSize: settings.minGroupSize,
				reminderDaysBefore: settings.reminderDaysBefore,
				indicators: { create: definitions.map((definition, position) => ({ ...definition, position })) },
			},
		})
		await recordAudit(tx, {
			actor,
			action: 'indicator_set.create',
			entityType: 'IndicatorSet',
			entityId: set.id,
			after: {
				year,
				basedOnYear: previous?.year ?? null,
				indicators: definitions.map((d) => d.code),
				status: set.status,
			},
		})
		return set
	}
	return client ? run(client) : db.$transaction(run)
}

/** The draft set of `year`, locked, at the version the editor started from. */
async function lockDraft(tx: Tx, year: number, expectedVersion: number) {
	const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "IndicatorSet" WHERE year = ${year} FOR UPDATE`
	if (rows.length === 0) throw new AppError('indicator_set_missing', { year })
	const set = await tx.indicatorSet.findUniqueOrThrow({ where: { year } })
	if (set.version !== expectedVersion) throw new AppError('conflict')
	if (set.status === 'published') throw new AppError('indicator_set_published', { year })
	return set
}

async function bump(tx: Tx, id: string) {
	await tx.indicatorSet.update({ where: { id }, data: { version: { increment: 1 } } })
}

/** Adds an indicator (at the end) or replaces the one with `originalCode`. */
export async function saveIndicator(
	actor: Actor,
	input: { year: number; expectedVersion: number; originalCode: string | null; definition: IndicatorDefinition },
) {
	return db.$transaction(async (tx) => {
		const set = await lockDraft(tx, input.year, input.expectedVersion)
		const indicators = await tx.indicator.findMany({ where: { indicatorSetId: set.id }, orderBy: { position: 'asc' } })
		const existing = input.originalCode ? indicators.find((row) => row.code === input.originalCode) : undefined
		if (input.originalCode && !existing) throw new AppError('not_found')
		if (indicators.some((row) => row.code === input.definition.code && row.id !== existing?.id))
			throw new AppError('indicator_code_taken', { code: input.definition.code })
		const saved = existing
			? await tx.indicator.update({ where: { id: existing.id }, data: input.definition })
			: await tx.indicator.create({
					data: { ...input.definition, indicatorSetId: set.id, position: (indicators.at(-1)?.position ?? -1) + 1 },
				})
		await bump(tx, set.id)
		await recordAudit(tx, {
			actor,
			action: existing ? 'indicator.update' : 'indicator.create',
			entityType: 'Indicator',
			entityId: saved.id,
			before: existing ? toDefinition(existing) : undefined,
			after: { year: input.year, ...input.definition },
		})
		return saved
	})
}

export async function removeIndicator(actor: Actor, input: { year: number; expectedVersion: number; code: string }) {
	return db.$transaction(async (tx) => {
		const set = await lockDraft(tx, input.year, input.expectedVersion)
		const row = await tx.indicator.findUnique({
			where: { indicatorSetId_code: { indicatorSetId: set.id, code: input.code } },
		})
		if (!row) throw new AppError('not_found')
		await tx.indicator.delete({ where: { id: row.id } })
		await bump(tx, set.id)
		await recordAudit(tx, {
			actor,
			action: 'indicator.delete',
			entityType: 'Indicator',
			entityId: row.id,
			before: { year: input.year, ...toDefinition(row) },
		})
	})
}

export async function publishIndicatorSet(actor: Actor, input: { year: number; expectedVersion: number }) {
	return db.$transaction(async (tx) => {
		const set = await lockDraft(tx, input.year, input.expectedVersion)
		const count = await tx.indicator.count({ where: { indicatorSetId: set.id } })
		if (count === 0) throw new AppError('indicator_set_empty')
		await tx.indicatorSet.update({
			where: { id: set.id },
			data: { status: 'published', publishedAt: now(), version: { increment: 1 } },
		})
		await recordAudit(tx, {
			actor,
			action: 'indicator_set.publish',
			entityType: 'IndicatorSet',
			entityId: set.id,
			after: { year: input.year, indicators: count },
		})
	})
}

/** The delivery settings of the year; allowed after publication too (dates move, DOMAIN.md §3). */
export async function saveDeliverySettings(
	actor: Actor,
	input: { year: number; expectedVersion: number; settings: Omit<DeliverySettings, 'year'> },
) {
	return db.$transaction(async (tx) => {
		const rows = await tx.$queryRaw<
			{ id: string }[]
		>`SELECT id FROM "IndicatorSet" WHERE year = ${input.year} FOR UPDATE`
		if (rows.length === 0) throw new AppError('indicator_set_missing', { year: input.year })
		const set = await tx.indicatorSet.findUniqueOrThrow({ where: { year: input.year } })
		if (set.version !== input.expectedVersion) throw new AppError('conflict')
		const { deliveryOpensOn, deliveryDueOn, minGroupSize, reminderDaysBefore } = input.settings
		await tx.indicatorSet.update({
			where: { id: set.id },
			data: {
				deliveryOpensOn: dateColumn(deliveryOpensOn),
				deliveryDueOn: dateColumn(deliveryDueOn),
				minGroupSize,
				reminderDaysBefore,
				version: { increment: 1 },
			},
		})
		await recordAudit(tx, {
			actor,
			action: 'indicator_set.settings',
			entityType: 'IndicatorSet',
			entityId: set.id,
			before: toDeliverySettings(set),
			after: { year: input.year, ...input.settings },
		})
	})
}
