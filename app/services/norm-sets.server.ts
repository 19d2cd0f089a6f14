// Norm sets between the database (relational, for answers and assessments to refer to) and the
// domain (one NormSet value, for every rule).
import { Prisma, type PrismaClient } from '#app/generated/prisma/client.ts'
import type { EvidenceItem, NormSet } from '#app/domain/norm-set.ts'
import { withYearThemes } from '#app/domain/network.ts'
import { assertNormSet } from '#app/domain/norm-set.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { registerCacheEnabled } from './register-cache.server.ts'

/** A norm set as the domain sees it, plus the database ids behind its keys. */
export interface LoadedNormSet {
	id: string
	year: number
	status: 'draft' | 'published'
	publishedAt: Date | null
	normSet: NormSet
	criterionIds: Map<string, string>
	evidenceIds: Map<string, string>
	/** Evidence key by database id (answers are stored by id). */
	evidenceKeys: Map<string, string>
	criterionKeys: Map<string, string>
}

// Kind-specific fields of an evidence item live in `config`.
function evidenceConfig(item: EvidenceItem): Prisma.InputJsonObject {
	const { key: _key, label: _label, help: _help, required: _required, kind: _kind, ...config } = item
	return JSON.parse(JSON.stringify(config)) as Prisma.InputJsonObject
}

/** Writes a norm set (as parsed by the domain) for its year. The year must exist. */
export async function importNormSet(
	tx: Tx,
	normSet: NormSet,
	{
		status = 'published',
		publishedAt = null,
		basedOnYear = null,
	}: { status?: 'draft' | 'published'; publishedAt?: Date | null; basedOnYear?: number | null } = {},
): Promise<string> {
	const set = await tx.normSet.create({
		data: {
			year: normSet.year,
			status,
			title: normSet.title,
			source: normSet.source,
			textStatus: normSet.status,
			notes: normSet.notes ?? [],
			changes: normSet.changes ?? undefined,
			basedOnYear,
			publishedAt: status === 'published' ? (publishedAt ?? now()) : null,
		},
	})
	for (const [themeIndex, theme] of normSet.themes.entries()) {
		const themeRow = await tx.theme.create({
			data: {
				normSetId: set.id,
				key: theme.key,
				position: themeIndex,
				title: theme.title,
				introduction: theme.introduction ?? null,
			},
		})
		for (const [normIndex, norm] of theme.norms.entries()) {
			const normRow = await tx.norm.create({
				data: {
					normSetId: set.id,
					themeId: themeRow.id,
					key: norm.key,
					code: norm.code,
					position: normIndex,
					title: norm.title,
					explanation: norm.explanation,
					safeguards: norm.safeguards,
					clientPromise: norm.clientPromise ?? null,
					appliesTo: norm.appliesTo,
					notes: norm.notes ?? [],
				},
			})
			for (const [criterionIndex, criterion] of norm.criteria.entries()) {
				const criterionRow = await tx.criterion.create({
					data: {
						normSetId: set.id,
						normId: normRow.id,
						key: criterion.key,
						code: criterion.code,
						position: criterionIndex,
						group: criterion.group,
						text: criterion.text,
						guidance: criterion.guidance ?? null,
						frameMet: criterion.assessmentFrame.met,
						frameNotMet: criterion.assessmentFrame.notMet,
						frameSource: criterion.frameSource,
						appliesTo: criterion.appliesTo ?? null,
						followUp: criterion.followUp ?? undefined,
					},
				})
				await tx.evidenceItem.createMany({
					data: criterion.evidence.map((item, itemIndex) => ({
						normSetId: set.id,
						criterionId: criterionRow.id,
						key: item.key,
						position: itemIndex,
						kind: item.kind,
						label: item.label,
						help: item.help ?? null,
						required: item.required,
						config: evidenceConfig(item),
					})),
				})
			}
		}
	}
	return set.id
}

// Every autosave needs the year's norm set (which questions exist, their kinds and limits): read
// and checked once per version of the norm sets' content (triggers in migration
// norm_set_content_version bump it at the commit of any change to a norm set), not six queries and
// a full parse per save. Not the register's version: every submission bumps that one, and at the
// deadline each made every save in flight take the slow path and the norm set be read again.
const normSetCache = new Map<
	number,
	{ version: string; loaded: Promise<LoadedNormSet | null>; settled?: LoadedNormSet | null }
>()

/**
 * The norm set of a year, or null when the year has none. Outside a transaction the answer is
 * shared between requests: frozen, callers must not change it.
 */
export async function loadNormSet(year: number, client: Tx | PrismaClient = db): Promise<LoadedNormSet | null> {
	if (client !== db || !registerCacheEnabled()) return readNormSet(year, client)
	const version = await normSetVersion()
	const cached = normSetCache.get(year)
	if (cached?.version === version) return cached.loaded
	const loaded = readNormSet(year, db).then((result) => (result ? deepFreeze(result) : result))
	const entry: { version: string; loaded: Promise<LoadedNormSet | null>; settled?: LoadedNormSet | null } = {
		version,
		loaded,
	}
	normSetCache.set(year, entry)
	void loaded.then(
		(result) => (entry.settled = result),
		() => undefined,
	)
	loaded.catch(() => {
		if (normSetCache.get(year)?.loaded === loaded) normSetCache.delete(year)
	})
	return loaded
}

/**
 * The norm set of a year as this process last read it, and the norm sets' content version it was read at,
 * without asking the database (each loadNormSet asks the version: one round trip per autosave,
 * issue 17); null when none is held. It may be out of date — another instance may just have
 * changed it — so a caller writes with it only on the condition `heldVersionStillCurrent(version)`
 * in the same statement, and decides anything else with loadNormSet.
 */
export function heldNormSet(year: number): { loaded: LoadedNormSet; version: string } | null {
	if (!registerCacheEnabled()) return null
	const entry = normSetCache.get(year)
	return entry?.settled ? { loaded: entry.settled, version: entry.version } : null
}

/**
 * SQL that is true while the norm sets' content version is still `version` (as normSetVersion() spells
 * it: the row's token and counter): the condition of a write made with heldNormSet's answer.
 */
export function heldVersionStillCurrent(version: string): Prisma.Sql {
	return Prisma.sql`(SELECT "token" || '.' || "version"::text FROM "NormSetVersion" WHERE "id" = 1) = ${version}`
}

/** The norm sets' content version: the row's token (new if the row is ever recreated) and its counter. */
export async function normSetVersion(): Promise<string> {
	const rows = await db.$queryRaw<{ version: string }[]>`
		SELECT "token" || '.' || "version"::text AS version FROM "NormSetVersion" WHERE "id" = 1`
	return rows[0]?.version ?? 'none'
}

function deepFreeze<T>(value: T): T {
	if (
		value &&
		typeof value === 'object' &&
		!(value instanceof Map) &&
		!(value instanceof Date) &&
		!Object.isFrozen(value)
	) {
		Object.freeze(value)
		for (const child of Object.values(value)) deepFreeze(child)
	}
	return value
}

async function readNormSet(year: number, client: Tx | PrismaClient): Promise<LoadedNormSet | null> {
	const set = await client.normSet.findUnique({
		where: { year },
		include: {
			markYear: { select: { markName: true } },
			themes: {
				orderBy: { position: 'asc' },
				include: {
					norms: {
						orderBy: { position: 'asc' },
						include: {
							criteria: {
								orderBy: { position: 'asc' },
								include: { evidence: { orderBy: { position: 'asc' } } },
							},
						},
					},
				},
			},
		},
	})
	if (!set) return null
	const criterionIds = new Map<string, string>()
	const evidenceIds = new Map<string, string>()
	const normSet = assertNormSet({
		year: set.year,
		markName: set.markYear.markName,
		title: set.title,
		source: set.source ?? '',
		status: set.textStatus,
		...(set.notes.length ? { notes: set.notes } : {}),
		...(set.changes ? { changes: set.changes } : {}),
		themes: set.themes.map((theme) => ({
			key: theme.key,
			title: theme.title,
			...(theme.introduction ? { introduction: theme.introduction } : {}),
			norms: theme.norms.map((norm) => ({
				key: norm.key,
				code: norm.code,
				title: norm.title,
				explanation: norm.explanation ?? '',
				safeguards: norm.safeguards,
				...(norm.clientPromise ? { clientPromise: norm.clientPromise } : {}),
				appliesTo: norm.appliesTo,
				...(norm.notes.length ? { notes: norm.notes } : {}),
				criteria: norm.criteria.map((criterion) => {
					criterionIds.set(criterion.key, criterion.id)
					return {
						key: criterion.key,
						code: criterion.code,
						group: criterion.group,
						text: criterion.text,
						...(criterion.guidance ? { guidance: criterion.guidance } : {}),
						assessmentFrame: { met: criterion.frameMet, notMet: criterion.frameNotMet },
						frameSource: criterion.frameSource,
						...(criterion.appliesTo ? { appliesTo: criterion.appliesTo } : {}),
						...(criterion.followUp ? { followUp: criterion.followUp } : {}),
						evidence: criterion.evidence.map((item) => {
							evidenceIds.set(item.key, item.id)
							return {
								key: item.key,
								kind: item.kind,
								label: item.label,
								...(item.help ? { help: item.help } : {}),
								required: item.required,
								...(item.config as Record<string, unknown>),
							}
						}),
					}
				}),
			})),
		})),
	})
	// 5.2 and 6.2 offer the year's kennisnetwerk themes as kept by staff (issue 18).
	const themes = await client.networkTheme.findMany({
		where: { year },
		orderBy: { position: 'asc' },
		select: { label: true },
	})
	return {
		id: set.id,
		year: set.year,
		status: set.status,
		publishedAt: set.publishedAt,
		normSet: withYearThemes(
			normSet,
			themes.map((theme) => theme.label),
		),
		criterionIds,
		evidenceIds,
		evidenceKeys: new Map([...evidenceIds].map(([key, id]) => [id, key])),
		criterionKeys: new Map([...criterionIds].map(([key, id]) => [id, key])),
	}
}
