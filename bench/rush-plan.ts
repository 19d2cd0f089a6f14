// The deadline rush's schedule (bench/rush.ts), pure so the unit project can test it: when each
// member saves and submits, and how many saves per second the scenario offers. The offered rate is
// what the members would send if every answer came at once; beside the answered rate it tells a
// reader whether the server or the scenario is the limit.

/** A member saves every 2 s, as the browser's autosave does while someone types. */
export const SAVE_INTERVAL_MS = 2000

/** The first save of member `index`: spread over the first 2 s, so the members do not save in step. */
export function firstSaveMs(index: number): number {
	return (index % 20) * 100
}

/** When the `n`-th of `submitters` submits: evenly spread over the run, in the middle of each slot. */
export function submitMs(n: number, submitters: number, seconds: number): number {
	return ((n + 0.5) / submitters) * seconds * 1000
}

/**
 * The saves a member's loop schedules: one every interval from `firstMs`, while the moment is
 * before `stopMs` (the end of the run, or the member's submission, which takes the place of a save).
 */
export function scheduledSaves(firstMs: number, stopMs: number, intervalMs = SAVE_INTERVAL_MS): number {
	return firstMs >= stopMs ? 0 : Math.ceil((stopMs - firstMs) / intervalMs)
}

export interface PlannedMember {
	index: number
	/** Ms after the start at which the member submits and stops typing; absent: types all run. */
	submitAtMs?: number
}

/** Saves per second the scenario offers over a run of `seconds` (one decimal). */
export function offeredSavesPerSecond(members: readonly PlannedMember[], seconds: number): number {
	const endMs = seconds * 1000
	const saves = members.reduce(
		(sum, member) => sum + scheduledSaves(firstSaveMs(member.index), Math.min(endMs, member.submitAtMs ?? endMs)),
		0,
	)
	return Number((saves / seconds).toFixed(1))
}

/**
 * Who held the rate back: the scenario when the server answered (nearly) every save offered, the
 * server when the members fell behind their schedule waiting for answers. 3 % leeway: saves still
 * under way at the end are not counted as answered.
 */
export function rateLimitedBy(offered: number, answered: number): 'scenario' | 'server' {
	return answered >= offered * 0.97 ? 'scenario' : 'server'
}
