// The norm-set editor for administrators (DOMAIN.md §5): a year's set starts as a copy of the last,
// is edited as a draft (the whole set is validated by the domain's parseNormSet before every save),
// compared with last year (diffNormSets) and published — after which every write is refused.
import { diffNormSets } from '#app/domain/norm-set-diff.ts'
import { type NormSet, parseNormSet } from '#app/domain/norm-set.ts'
import { AppError } from '#app/domain/errors.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { adoptConsultation } from './consultation-document.server.ts'
import { importNormSet, loadNormSet } from './norm-sets.server.ts'

/** The domain's problems with a set as one refusal; the editor lists them (translateNormSetIssue). */
function invalidNormSet(errors: readonly string[]): AppError {
	return new AppError(
		'norm_set_invalid',
		{ count: errors.length },
		{ details: errors.map((issue) => ({ path: '', code: 'norm_set_issue', params: { issue } })) },
	)
}

/** The latest norm set of an earlier year: what a new year starts from and is compared with. */
export async function previousNormSet(year: number, client: Tx | typeof db = db) {
	const previous = await client.normSet.findFirst({
		where: { year: { lt: year } },
		orderBy: { year: 'desc' },
		select: { year: true },
	})
	return previous ? loadNormSet(previous.year, client) : null
}

export async function loadEditor(year: number) {
	const [current, previous, row] = await Promise.all([
		loadNormSet(year),
		previousNormSet(year),
		db.normSet.findUnique({ where: { year }, select: { version: true, basedOnYear: true } }),
	])
	return {
		current,
		version: row?.version ?? 0,
		basedOnYear: row?.basedOnYear ?? null,
		previousYear: previous?.year ?? null,
		diff: current && previous ? diffNormSets(previous.normSet, current.normSet) : null,
	}
}

export async function startFromPrevious(actor: Actor & { userId: string }, year: number): Promise<void> {
	return db.$transaction(async (tx) => {
		const markYear = await tx.markYear.findUnique({ where: { year } })
		if (!markYear) throw new AppError('norm_set_year_missing')
		if (await tx.normSet.findUnique({ where: { year } })) throw new AppError('norm_set_exists')
		const previous = await previousNormSet(year, tx)
		if (!previous) throw new AppError('norm_set_no_previous')
		// KiBG's account of changes belongs to the year it was written for: never copied on.
		const { changes: _changes, ...rest } = previous.normSet
		const copy = { ...rest, year, markName: markYear.markName }
		const parsed = parseNormSet(copy)
		if (!parsed.ok) throw invalidNormSet(parsed.errors)
		const id = await importNormSet(tx, parsed.normSet, { status: 'draft', basedOnYear: previous.year })
		await recordAudit(tx, {
			actor,
			action: 'norm_set.copy',
			entityType: 'NormSet',
			entityId: id,
			after: { year, basedOnYear: previous.year },
		})
	})
}

/**
 * Replaces the draft with `next` after the domain has validated the whole set. Refused when the
 * set is published, when somebody else saved meanwhile, or when answers already refer to it.
 */
export async function saveNormSet(
	actor: Actor & { userId: string },
	year: number,
	next: NormSet,
	expectedVersion: number,
	summary: string,
): Promise<void> {
	const parsed = parseNormSet({ ...next, year })
	if (!parsed.ok) throw invalidNormSet(parsed.errors)
	return db.$transaction(async (tx) => {
		const row = await tx.normSet.findUnique({ where: { year } })
		if (!row) throw new AppError('norm_set_missing')
		if (row.status === 'published') throw new AppError('norm_set_published')
		if (row.version !== expectedVersion) throw new AppError('norm_set_conflict')
		if (await tx.answer.count({ where: { evidenceItem: { normSetId: row.id } } }))
			throw new AppError('norm_set_answered')
		const before = await loadNormSet(year, tx)
		await tx.normSet.delete({ where: { id: row.id } })
		const id = await importNormSet(tx, parsed.normSet, { status: 'draft', basedOnYear: row.basedOnYear })
		await tx.normSet.update({ where: { id }, data: { version: row.version + 1 } })
		const diff = before ? diffNormSets(before.normSet, parsed.normSet) : null
		await recordAudit(tx, {
			actor,
			action: 'norm_set.update',
			entityType: 'NormSet',
			entityId: id,
			before: { version: row.version },
			after: {
				version: row.version + 1,
				changed: diff
					? {
							norms: diff.norms.changed.map((n) => n.key),
							criteria: diff.criteria.changed.map((c) => c.key),
							added: diff.criteria.added.map((c) => c.key),
							removed: diff.criteria.removed.map((c) => c.key),
						}
					: null,
			},
			reason: summary,
		})
	})
}

export async function publishNormSet(actor: Actor & { userId: string }, year: number): Promise<void> {
	return db.$transaction(
		async (tx) => {
			const row = await tx.normSet.findUnique({ where: { year } })
			if (!row) throw new AppError('norm_set_missing')
			if (row.status === 'published') throw new AppError('norm_set_published')
			const loaded = await loadNormSet(year, tx)
			const parsed = parseNormSet(loaded?.normSet)
			if (!parsed.ok) throw invalidNormSet(parsed.errors)
			const at = now()
			await tx.normSet.update({
				where: { id: row.id },
				data: { status: 'published', publishedAt: at, version: { increment: 1 } },
			})
			await recordAudit(tx, {
				actor,
				action: 'norm_set.publish',
				entityType: 'NormSet',
				entityId: row.id,
				before: { status: 'draft' },
				after: { status: 'published', publishedAt: at },
				at,
			})
			// A year that was consulted on publishes its changes document with it (issue 18).
			await adoptConsultation(tx, actor, year, at)
		},
		{ timeout: 30_000 },
	)
}
