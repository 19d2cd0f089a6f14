// The norm-set editor for administrators (DOMAIN.md §5): a year's set starts as a copy of the last,
// is edited as a draft (the whole set is validated by the domain's parseNormSet before every save),
// compared with last year (diffNormSets) and published — after which every write is refused.
import { diffNormSets } from '#app/domain/norm-set-diff.ts'
import { type NormSet, parseNormSet } from '#app/domain/norm-set.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { adoptConsultation } from './consultation-document.server.ts'
import { importNormSet, loadNormSet } from './norm-sets.server.ts'

export type EditorResult = { ok: true } | { ok: false; errors: string[] }

export const PUBLISHED_MESSAGE = 'Deze normenset is gepubliceerd en kan niet meer worden gewijzigd.'

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

export async function startFromPrevious(actor: Actor & { userId: string }, year: number): Promise<EditorResult> {
	return db.$transaction(async (tx) => {
		const markYear = await tx.markYear.findUnique({ where: { year } })
		if (!markYear) return { ok: false, errors: ['Maak eerst het keurmerkjaar aan.'] }
		if (await tx.normSet.findUnique({ where: { year } }))
			return { ok: false, errors: ['Dit jaar heeft al een normenset.'] }
		const previous = await previousNormSet(year, tx)
		if (!previous) return { ok: false, errors: ['Er is geen normenset van een eerder jaar om te kopiëren.'] }
		// KiBG's account of changes belongs to the year it was written for: never copied on.
		const { changes: _changes, ...rest } = previous.normSet
		const copy = { ...rest, year, markName: markYear.markName }
		const parsed = parseNormSet(copy)
		if (!parsed.ok) return { ok: false, errors: parsed.errors.map(dutchNormSetError) }
		const id = await importNormSet(tx, parsed.normSet, { status: 'draft', basedOnYear: previous.year })
		await recordAudit(tx, {
			actor,
			action: 'norm_set.copy',
			entityType: 'NormSet',
			entityId: id,
			after: { year, basedOnYear: previous.year },
		})
		return { ok: true }
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
): Promise<EditorResult> {
	const parsed = parseNormSet({ ...next, year })
	if (!parsed.ok) return { ok: false, errors: parsed.errors.map(dutchNormSetError) }
	return db.$transaction(async (tx) => {
		const row = await tx.normSet.findUnique({ where: { year } })
		if (!row) return { ok: false, errors: ['Dit jaar heeft nog geen normenset.'] }
		if (row.status === 'published') return { ok: false, errors: [PUBLISHED_MESSAGE] }
		if (row.version !== expectedVersion)
			return { ok: false, errors: ['Iemand anders heeft deze normenset intussen gewijzigd. Laad de pagina opnieuw.'] }
		if (await tx.answer.count({ where: { evidenceItem: { normSetId: row.id } } }))
			return {
				ok: false,
				errors: ['Er zijn al antwoorden op deze normenset gegeven; hij kan niet meer worden gewijzigd.'],
			}
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
		return { ok: true }
	})
}

export async function publishNormSet(actor: Actor & { userId: string }, year: number): Promise<EditorResult> {
	return db.$transaction(
		async (tx) => {
			const row = await tx.normSet.findUnique({ where: { year } })
			if (!row) return { ok: false, errors: ['Dit jaar heeft nog geen normenset.'] }
			if (row.status === 'published') return { ok: false, errors: [PUBLISHED_MESSAGE] }
			const loaded = await loadNormSet(year, tx)
			const parsed = parseNormSet(loaded?.normSet)
			if (!parsed.ok) return { ok: false, errors: parsed.errors.map(dutchNormSetError) }
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
			return { ok: true }
		},
		{ timeout: 30_000 },
	)
}

const PART_NAMES: Record<string, string> = {
	themes: 'thema',
	norms: 'norm',
	criteria: 'criterium',
	evidence: 'bewijsstuk',
}
const MESSAGES: [RegExp, (match: RegExpExecArray) => string][] = [
	[
		/^duplicate (.+) '(.+)'$/,
		(m) =>
			`${m[2]} komt twee keer voor (${m[1]?.replace('theme key', 'sleutel thema').replace('norm key', 'sleutel norm').replace('norm code', 'nummer norm').replace('criterion key', 'sleutel criterium').replace('criterion code', 'nummer criterium').replace('evidence key', 'sleutel bewijsstuk')})`,
	],
	[
		/^criterion code '(.+)' must start with its norm code '(.+)'$/,
		(m) => `het nummer van criterium ${m[1]} moet beginnen met ${m[2]}`,
	],
	[
		/^criterion '(.+)' needs at least one required evidence item$/,
		(m) => `criterium ${m[1]} heeft minstens één verplicht bewijsstuk nodig`,
	],
	[
		/^groups of norm (.+) must be numbered 1\.\.n without gaps \(found (.*)\)$/,
		(m) => `de groepen van norm ${m[1]} moeten doorlopend vanaf 1 genummerd zijn (nu: ${m[2]})`,
	],
	[/^a criterion needs evidence$/, () => 'een criterium heeft minstens één bewijsstuk nodig'],
	[/^a norm needs criteria$/, () => 'een norm heeft minstens één criterium nodig'],
	[/^a theme needs norms$/, () => 'een thema heeft minstens één norm nodig'],
	[/^a norm set needs themes$/, () => 'een normenset heeft minstens één thema nodig'],
	[/^min (.+) is greater than max (.+)$/, (m) => `het minimum ${m[1]} is groter dan het maximum ${m[2]}`],
	[/^a percentage lies between 0 and 100$/, () => 'een percentage ligt tussen 0 en 100'],
	[/^rule value (.+) lies outside min\/max$/, (m) => `de grenswaarde ${m[1]} ligt buiten het minimum en maximum`],
	[/^minSelected exceeds the number of options$/, () => 'er moeten meer keuzes worden aangevinkt dan er zijn'],
	[/^maxSelected is smaller than minSelected$/, () => 'het maximale aantal keuzes is kleiner dan het minimum'],
]

/** 'themes.0.norms.2.criteria.1.key: duplicate …' in Dutch: 'Thema 1, norm 3, criterium 2 (key): … komt twee keer voor'. */
export function dutchNormSetError(error: string): string {
	const split = error.indexOf(': ')
	const [path, message] =
		split > -1 && /^[\w.]+$/.test(error.slice(0, split)) ? [error.slice(0, split), error.slice(split + 2)] : ['', error]
	const parts = path.split('.').filter(Boolean)
	const where: string[] = []
	for (let index = 0; index < parts.length; index++) {
		const name = PART_NAMES[parts[index] ?? '']
		const next = parts[index + 1]
		if (name && next && /^\d+$/.test(next)) {
			where.push(`${name} ${Number(next) + 1}`)
			index++
		} else if (parts[index]) where.push(`veld ${parts[index]}`)
	}
	let text = message
	for (const [pattern, translate] of MESSAGES) {
		const match = pattern.exec(message)
		if (match) {
			text = translate(match)
			break
		}
	}
	const location = where.join(', ')
	return location
		? `${location.charAt(0).toUpperCase()}${location.slice(1)}: ${text}`
		: text.charAt(0).toUpperCase() + text.slice(1)
}
