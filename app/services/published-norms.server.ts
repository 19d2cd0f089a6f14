// The published norms of every year, for the public (issue 6): a norm set once published is
// immutable (DOMAIN.md §5), so what is shown here is what the carriers of that year were held to.
// A draft is never public.
import { type NormSetDiff, diffNormSets } from '#app/domain/norm-set-diff.ts'
import type { NormSet } from '#app/domain/norm-set.ts'
import { db } from '#app/lib/db.server.ts'
import { loadNormSet } from './norm-sets.server.ts'

export interface PublishedNormSetSummary {
	year: number
	title: string
	markName: string
	publishedAt: Date | null
	normCount: number
	themeCount: number
}

export async function listPublishedNormSets(): Promise<PublishedNormSetSummary[]> {
	const sets = await db.normSet.findMany({
		where: { status: 'published' },
		orderBy: { year: 'desc' },
		select: {
			year: true,
			title: true,
			publishedAt: true,
			markYear: { select: { markName: true } },
			_count: { select: { norms: true, themes: true } },
		},
	})
	return sets.map((set) => ({
		year: set.year,
		title: set.title,
		markName: set.markYear.markName,
		publishedAt: set.publishedAt,
		normCount: set._count.norms,
		themeCount: set._count.themes,
	}))
}

export interface PublishedNormSet {
	normSet: NormSet
	publishedAt: Date | null
	/** The published year before this one, and what changed since (null for the first). */
	previous: { year: number; diff: NormSetDiff } | null
	next: number | null
}

export async function loadPublishedNormSet(year: number): Promise<PublishedNormSet | null> {
	const loaded = await loadNormSet(year)
	if (!loaded || loaded.status !== 'published') return null
	const [before, after] = await Promise.all([
		db.normSet.findFirst({
			where: { status: 'published', year: { lt: year } },
			orderBy: { year: 'desc' },
			select: { year: true },
		}),
		db.normSet.findFirst({
			where: { status: 'published', year: { gt: year } },
			orderBy: { year: 'asc' },
			select: { year: true },
		}),
	])
	const previousSet = before ? await loadNormSet(before.year) : null
	return {
		normSet: loaded.normSet,
		publishedAt: loaded.publishedAt,
		previous: previousSet ? { year: previousSet.year, diff: diffNormSets(previousSet.normSet, loaded.normSet) } : null,
		next: after?.year ?? null,
	}
}
