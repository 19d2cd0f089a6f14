import { AppError } from './errors'
import { seededRank } from './prng'
import { PROVIDER_TYPES } from './types'
import type { ParticipationState, ProviderType } from './types'

// 003 §3.2: KiBG interviews a random sample of the carriers that qualified. The draw is a pure
// function of the seed and the candidate set, recorded so anyone can reproduce it from the audit
// trail (issue 3). Method: every eligible participation gets the rank cyrb53(seed ␀ id); within a
// stratum the lowest ranks are drawn (ties, practically impossible, fall back to the id). Input
// order never matters, and adding a candidate never reshuffles the others.

export const SAMPLING_ALGORITHM = 'cyrb53-rank/v1'

export interface SampleCandidate {
	participationId: string
	providerType: ProviderType
	state: ParticipationState
}

export interface SampleOptions {
	/** Share of eligible participations, 0 < percent ≤ 100 (two decimals at most); rounds up. */
	percent?: number
	/** Fixed number of participations (capped at the number of eligible ones). */
	count?: number
	/** Allocate the sample to independent practices and institutions in proportion. */
	stratifyByType?: boolean
	/** Recorded with the draw; the service generates it (e.g. crypto.randomUUID()). */
	seed: string
}

export interface SampleStratum {
	key: ProviderType | 'all'
	candidateIds: string[]
	size: number
}

/** Everything needed to reproduce and verify a draw; store it in the audit trail. */
export interface SampleRecord {
	algorithm: typeof SAMPLING_ALGORITHM
	seed: string
	percent: number | null
	count: number | null
	stratifyByType: boolean
	/** Eligible participations (qualified), sorted. */
	candidateIds: string[]
	/** Offered but not eligible (withdrawn, already sampled, not qualified …), sorted. */
	excludedIds: string[]
	strata: SampleStratum[]
	size: number
	sampledIds: string[]
}

export interface SampleDraw {
	/** Sorted. */
	ids: string[]
	record: SampleRecord
}

/** Why a draw is refused; each is an AppError code with a message in the catalogues. */
export type SamplingErrorCode = 'sample_invalid_options' | 'sample_duplicate_candidate' | 'sample_invalid_record'

/** Only a qualified participation can be drawn: never withdrawn, never one already sampled or confirmed. */
export function isSampleEligible(candidate: Pick<SampleCandidate, 'state'>): boolean {
	return candidate.state === 'qualified'
}

export function drawSample(candidates: readonly SampleCandidate[], options: SampleOptions): SampleDraw {
	const { percent, count, stratifyByType = false, seed } = validOptions(options)
	const seen = new Set<string>()
	for (const c of candidates) {
		if (seen.has(c.participationId)) {
			throw new AppError('sample_duplicate_candidate', { participationId: c.participationId })
		}
		seen.add(c.participationId)
	}
	const eligible = candidates.filter(isSampleEligible)
	const candidateIds = sortIds(eligible.map((c) => c.participationId))
	const excludedIds = sortIds(candidates.filter((c) => !isSampleEligible(c)).map((c) => c.participationId))
	const size = sampleSize(candidateIds.length, { percent, count })

	const groups: { key: SampleStratum['key']; ids: string[] }[] = stratifyByType
		? PROVIDER_TYPES.map((type) => ({
				key: type,
				ids: sortIds(eligible.filter((c) => c.providerType === type).map((c) => c.participationId)),
			})).filter((g) => g.ids.length > 0)
		: [{ key: 'all', ids: candidateIds }]
	const sizes = allocate(
		size,
		groups.map((g) => g.ids.length),
	)
	const strata = groups.map((g, i) => ({ key: g.key, candidateIds: g.ids, size: sizes[i] ?? 0 }))
	const sampledIds = drawStrata(seed, strata)
	return {
		ids: sampledIds,
		record: {
			algorithm: SAMPLING_ALGORITHM,
			seed,
			percent: percent ?? null,
			count: count ?? null,
			stratifyByType,
			candidateIds,
			excludedIds,
			strata,
			size,
			sampledIds,
		},
	}
}

/** Redraws from a record (seed and strata); the result must equal `record.sampledIds`. */
export function reproduceSample(record: SampleRecord): string[] {
	if (record.algorithm !== SAMPLING_ALGORITHM) {
		throw new AppError('sample_invalid_record', { algorithm: String(record.algorithm) })
	}
	return drawStrata(record.seed, record.strata)
}

/**
 * Whether the record redraws to its own carriers. A record this code cannot redraw (another method,
 * a damaged record) is not verified: the sample page says so instead of failing as a whole.
 */
export function verifySample(record: SampleRecord): boolean {
	if (record?.algorithm !== SAMPLING_ALGORITHM || !Array.isArray(record.sampledIds)) return false
	const again = reproduceSample(record)
	return again.length === record.sampledIds.length && again.every((id, i) => id === record.sampledIds[i])
}

/** Percent rounds up (at least 1 when there is any candidate); a count is capped. */
export function sampleSize(eligible: number, { percent, count }: { percent?: number; count?: number }): number {
	if (count !== undefined) return Math.min(count, eligible)
	if (percent === undefined || eligible === 0) return 0
	// Integer ceiling in hundredths of a percent, so 100 × 7 % is exactly 7 (floating point may say 7.000…1 → 8).
	const hundredths = Math.round(percent * 100)
	return Math.floor((eligible * hundredths + 9_999) / 10_000)
}

/**
 * Largest-remainder (Hamilton) allocation of `total` seats over strata of the given sizes, in
 * proportion. Ties in the remainder go to the stratum listed first.
 */
export function allocate(total: number, sizes: readonly number[]): number[] {
	const population = sizes.reduce((a, b) => a + b, 0)
	if (population === 0 || total === 0) return sizes.map(() => 0)
	const floors = sizes.map((n) => Math.floor((total * n) / population))
	let left = total - floors.reduce((a, b) => a + b, 0)
	const byRemainder = sizes
		.map((n, i) => ({ i, remainder: (total * n) % population }))
		.sort((a, b) => b.remainder - a.remainder || a.i - b.i)
	for (const { i } of byRemainder) {
		if (left === 0) break
		floors[i] = (floors[i] ?? 0) + 1
		left--
	}
	return floors
}

function drawStrata(seed: string, strata: readonly SampleStratum[]): string[] {
	const drawn = strata.flatMap((stratum) =>
		stratum.candidateIds
			.map((id) => ({ id, rank: seededRank(seed, id) }))
			.sort((a, b) => a.rank - b.rank || compareIds(a.id, b.id))
			.slice(0, stratum.size)
			.map((r) => r.id),
	)
	return sortIds(drawn)
}

function validOptions(options: SampleOptions): SampleOptions {
	const { percent, count, seed } = options
	if (typeof seed !== 'string' || seed.trim().length === 0) {
		throw invalidOptions('seed')
	}
	if ((percent === undefined) === (count === undefined)) {
		throw invalidOptions('percent_or_count')
	}
	if (percent !== undefined) {
		const valid =
			Number.isFinite(percent) &&
			percent > 0 &&
			percent <= 100 &&
			Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-6
		if (!valid) throw invalidOptions('percent')
	}
	if (count !== undefined && (!Number.isSafeInteger(count) || count < 1)) {
		throw invalidOptions('count')
	}
	return options
}

/** `problem` names the option for the log; the reader sees one message for all of them. */
function invalidOptions(problem: 'seed' | 'percent_or_count' | 'percent' | 'count'): AppError {
	return new AppError('sample_invalid_options', { problem })
}

function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0
}

function sortIds(ids: readonly string[]): string[] {
	return [...ids].sort(compareIds)
}

/**
 * Whether a carrier's sample was left open by a rejected withdrawal proposal (docs/decisions/011:
 * before that decision a rejection kept the carrier `sampled` for good): still `sampled`, and the
 * participation's last withdrawal proposal is the one its interview's finding made, rejected. Staff
 * close such a sample as the rejection now does.
 */
export function sampleLeftOpen(carrier: {
	state: ParticipationState
	interviewId: string | null
	lastProposal: { status: string; interviewId: string | null } | null
}): boolean {
	return (
		carrier.state === 'sampled' &&
		carrier.interviewId !== null &&
		carrier.lastProposal?.status === 'rejected' &&
		carrier.lastProposal.interviewId === carrier.interviewId
	)
}
