// The consultation of concept norms (issue 18, DOMAIN.md §9, seed 004 §2): a draft norm set of a
// coming year goes out for written reactions in a window; staff weigh every reaction, record a
// consideration and a decision per point, and publish "Wijzigingen en overwegingen" with the
// adopted norms. Pure rules: the window, the points reactions refer to, the four ratings, and the
// document as data (the page and the PDF put it into words).
import { type CalendarDate, addDays, compareCalendarDates, endOfDay, startOfDay } from './amsterdam-time.ts'
import { AppError } from './errors.ts'
import { allNorms, type NormSet } from './norm-set.ts'
import type { NormSetDiff } from './norm-set-diff.ts'

// --- the window ---

export interface ConsultationWindow {
	opensOn: CalendarDate
	/** Inclusive: reactions are accepted until 23:59:59.999 Amsterdam time of this day. */
	closesOn: CalendarDate
}

export type ConsultationPhase = 'scheduled' | 'open' | 'closed' | 'adopted'

/** Days before the closing day on which the reminder goes out (DOMAIN.md §8 style: one mail). */
export const REMINDER_DAYS_BEFORE = 7

export function opensAt(window: ConsultationWindow): Date {
	return startOfDay(window.opensOn)
}

export function closesAt(window: ConsultationWindow): Date {
	return endOfDay(window.closesOn)
}

export function isConsultationOpen(window: ConsultationWindow, at: Date): boolean {
	return at.getTime() >= opensAt(window).getTime() && at.getTime() <= closesAt(window).getTime()
}

export function consultationPhase(
	window: ConsultationWindow & { adoptedAt: Date | null },
	at: Date,
): ConsultationPhase {
	if (window.adoptedAt) return 'adopted'
	if (at.getTime() < opensAt(window).getTime()) return 'scheduled'
	return isConsultationOpen(window, at) ? 'open' : 'closed'
}

/** Refuses a reaction outside the window, naming the window in the reader's language. */
export function assertConsultationOpen(window: ConsultationWindow, at: Date): void {
	if (at.getTime() < opensAt(window).getTime())
		throw new AppError('consultation_not_open', { opensOn: { date: window.opensOn } })
	if (at.getTime() > closesAt(window).getTime())
		throw new AppError('consultation_closed', { closesOn: { date: window.closesOn } })
}

/** The reminder is due from the start of the day a week before closing until the window closes. */
export function isReminderDue(window: ConsultationWindow, at: Date): boolean {
	const from = startOfDay(addDays(window.closesOn, -REMINDER_DAYS_BEFORE))
	return at.getTime() >= Math.max(from.getTime(), opensAt(window).getTime()) && isConsultationOpen(window, at)
}

export function validateWindow(window: ConsultationWindow): void {
	if (compareCalendarDates(window.closesOn, window.opensOn) < 0)
		throw new AppError('consultation_window_invalid', {
			opensOn: { date: window.opensOn },
			closesOn: { date: window.closesOn },
		})
}

// --- points: what a reaction or a decision is about ---

export type PointTarget =
	{ kind: 'general' } | { kind: 'norm'; normKey: string } | { kind: 'criterion'; normKey: string; criterionKey: string }

export function targetKey(target: PointTarget): string {
	switch (target.kind) {
		case 'general':
			return 'general'
		case 'norm':
			return `norm:${target.normKey}`
		case 'criterion':
			return `criterion:${target.criterionKey}`
	}
}

/** The point named by `key` in this norm set, or null (an unknown or removed norm or criterion). */
export function resolveTarget(set: NormSet, key: string): PointTarget | null {
	if (key === 'general') return { kind: 'general' }
	const [kind, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
	for (const { norm } of allNorms(set)) {
		if (kind === 'norm' && norm.key === rest) return { kind: 'norm', normKey: norm.key }
		if (kind === 'criterion') {
			const criterion = norm.criteria.find((candidate) => candidate.key === rest)
			if (criterion) return { kind: 'criterion', normKey: norm.key, criterionKey: criterion.key }
		}
	}
	return null
}

/** Every point of a norm set in reading order: general first, then each norm and its criteria. */
export function allTargets(set: NormSet): PointTarget[] {
	return [
		{ kind: 'general' },
		...allNorms(set).flatMap(({ norm }) => [
			{ kind: 'norm', normKey: norm.key } as PointTarget,
			...norm.criteria.map(
				(criterion) => ({ kind: 'criterion', normKey: norm.key, criterionKey: criterion.key }) as PointTarget,
			),
		]),
	]
}

// --- the four qualities KiBG asks about (volledigheid, duidelijkheid, werkbaarheid, vooruitstrevendheid) ---

export const QUALITIES = ['completeness', 'clarity', 'workability', 'ambition'] as const
export type Quality = (typeof QUALITIES)[number]
export const RATING_MIN = 1
export const RATING_MAX = 5

export type Ratings = Record<Quality, number | null>

export function isRating(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= RATING_MIN && value <= RATING_MAX
}

export interface QualitySummary {
	/** Reactions that rated this quality. */
	count: number
	mean: number | null
	/** How many gave 1, 2, 3, 4, 5. */
	distribution: [number, number, number, number, number]
	/** Share of ratings of 1 or 2: where the field disagrees. */
	lowShare: number | null
}

export function summariseRatings(ratings: readonly Partial<Ratings>[]): Record<Quality, QualitySummary> {
	const summary = {} as Record<Quality, QualitySummary>
	for (const quality of QUALITIES) {
		const values = ratings.map((rating) => rating[quality]).filter(isRating)
		const distribution: QualitySummary['distribution'] = [0, 0, 0, 0, 0]
		for (const value of values) distribution[value - 1] = (distribution[value - 1] ?? 0) + 1
		const count = values.length
		summary[quality] = {
			count,
			mean: count ? Math.round((values.reduce((sum, value) => sum + value, 0) / count) * 10) / 10 : null,
			distribution,
			lowShare: count ? (distribution[0] + distribution[1]) / count : null,
		}
	}
	return summary
}

// --- the published document (seed 004 §2–§3) ---

export interface Meeting {
	/** Calendar day of the meeting. */
	date: CalendarDate
	title: string
	participants: number | null
}

export interface DocumentPoint {
	/** 'norm' for the norm itself, else the criterion code (e.g. '2.3'). */
	criterionCode: string | null
	consideration: string
	decision: 'kept' | 'changed' | 'dropped'
	changedText: string | null
}

export interface DocumentQuote {
	organisationName: string
	text: string
}

export interface DocumentNorm {
	key: string
	code: string
	title: string
	reactions: number
	ratings: Record<Quality, QualitySummary> | null
	points: DocumentPoint[]
	quotes: DocumentQuote[]
}

export interface ChangesDocument {
	year: number
	markName: string
	previousYear: number | null
	adoptedAt: string
	process: {
		opensOn: CalendarDate
		closesOn: CalendarDate
		organisationsInvited: number | null
		reactions: number
		reactionsByType: { carrier: number; organisation: number; public: number }
		meetings: Meeting[]
		processText: string | null
	}
	summary: string | null
	/** Norm titles then and now (seed 004 table 1); null where a norm is new or dropped. */
	normTable: { previous: { code: string; title: string } | null; next: { code: string; title: string } | null }[]
	general: { points: DocumentPoint[]; quotes: DocumentQuote[] }
	norms: DocumentNorm[]
}

export interface DocumentInput {
	normSet: NormSet
	previous: { year: number; normSet: NormSet; diff: NormSetDiff } | null
	adoptedAt: Date
	window: ConsultationWindow
	organisationsInvited: number | null
	processText: string | null
	summary: string | null
	meetings: Meeting[]
	responses: {
		reactorType: 'carrier' | 'organisation' | 'public'
		organisationName: string
		quoteConsent: boolean
		reactions: ({ target: string; text: string; quoted: boolean } & Partial<Ratings>)[]
	}[]
	points: { target: string; consideration: string; decision: DocumentPoint['decision']; changedText: string | null }[]
}

/** The table of norm titles: each norm of the new set beside the norm it continues (by the diff). */
export function normTitleTable(
	next: NormSet,
	previous: { normSet: NormSet; diff: NormSetDiff } | null,
): ChangesDocument['normTable'] {
	const ref = (norm: { code: string; title: string }) => ({ code: norm.code, title: norm.title })
	if (!previous) return allNorms(next).map(({ norm }) => ({ previous: null, next: ref(norm) }))
	const before = new Map(allNorms(previous.normSet).map(({ norm }) => [norm.key, norm]))
	const added = new Set(previous.diff.norms.added.map((norm) => norm.key))
	const rows: ChangesDocument['normTable'] = allNorms(next).map(({ norm }) => {
		if (added.has(norm.key)) return { previous: null, next: ref(norm) }
		const changed = previous.diff.norms.changed.find((change) => change.next.key === norm.key)
		const earlier = changed ? changed.previous : before.get(norm.key)
		return { previous: earlier ? ref(earlier) : null, next: ref(norm) }
	})
	for (const removed of previous.diff.norms.removed) rows.push({ previous: ref(removed), next: null })
	return rows
}

export function buildChangesDocument(input: DocumentInput): ChangesDocument {
	const submitted = input.responses
	const reactionsByType = { carrier: 0, organisation: 0, public: 0 }
	for (const response of submitted) reactionsByType[response.reactorType] += 1
	const criterionCode = new Map<string, string>()
	for (const { norm } of allNorms(input.normSet))
		for (const criterion of norm.criteria) criterionCode.set(criterion.key, criterion.code)

	const pointsFor = (targets: Set<string>): DocumentPoint[] =>
		input.points
			.filter((point) => targets.has(point.target))
			.sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target))
			.map((point) => ({
				criterionCode: point.target.startsWith('criterion:')
					? (criterionCode.get(point.target.slice('criterion:'.length)) ?? null)
					: null,
				consideration: point.consideration,
				decision: point.decision,
				changedText: point.decision === 'changed' ? point.changedText : null,
			}))
	// Quotes only from responses whose authors consented, and only those staff chose (DOMAIN.md §9).
	const quotesFor = (targets: Set<string>): DocumentQuote[] =>
		submitted.flatMap((response) =>
			response.quoteConsent
				? response.reactions
						.filter((reaction) => reaction.quoted && targets.has(reaction.target) && reaction.text.trim())
						.map((reaction) => ({ organisationName: response.organisationName, text: reaction.text.trim() }))
				: [],
		)
	const order = allTargets(input.normSet).map(targetKey)

	const norms: DocumentNorm[] = allNorms(input.normSet).map(({ norm }) => {
		const targets = new Set([`norm:${norm.key}`, ...norm.criteria.map((criterion) => `criterion:${criterion.key}`)])
		const rated = submitted.flatMap((response) =>
			response.reactions.filter((reaction) => reaction.target === `norm:${norm.key}`),
		)
		const ratings = summariseRatings(rated)
		const anyRating = QUALITIES.some((quality) => ratings[quality].count > 0)
		return {
			key: norm.key,
			code: norm.code,
			title: norm.title,
			// Parties that reacted on the norm or one of its criteria.
			reactions: submitted.filter((response) => response.reactions.some((reaction) => targets.has(reaction.target)))
				.length,
			ratings: anyRating ? ratings : null,
			points: pointsFor(targets),
			quotes: quotesFor(targets),
		}
	})
	const general = new Set(['general'])
	return {
		year: input.normSet.year,
		markName: input.normSet.markName,
		previousYear: input.previous?.year ?? null,
		adoptedAt: input.adoptedAt.toISOString(),
		process: {
			opensOn: input.window.opensOn,
			closesOn: input.window.closesOn,
			organisationsInvited: input.organisationsInvited,
			reactions: submitted.length,
			reactionsByType,
			meetings: input.meetings,
			processText: input.processText,
		},
		summary: input.summary,
		normTable: normTitleTable(input.normSet, input.previous),
		general: { points: pointsFor(general), quotes: quotesFor(general) },
		norms,
	}
}
