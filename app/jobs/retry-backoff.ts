// How soon the scheduler tries a failed job again. Every minute was too often for a failure that
// lasts (a file in the store that cannot be removed fails the daily purge-sessions run, and each
// retry ran the whole job again, ANALYZE of the embedded database included): the wait doubles from
// one minute up to an hour while the job keeps failing, and starts over when it succeeds or a new
// Amsterdam day begins (the new day's run is a first attempt: midnight's transitions must not wait
// for yesterday's trouble). Pure: the moments are milliseconds of real time, passed in.

export const RETRY_BASE_MS = 60_000
export const RETRY_MAX_MS = 60 * 60_000
/** A tick that comes a little before the moment (timer jitter) is on time. */
const EARLY_TOLERANCE_MS = 1_000

/** The wait after `failuresInARow` failed runs: 1, 2, 4, 8 … minutes, at most an hour. */
export function retryDelayMs(failuresInARow: number): number {
	return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failuresInARow - 1))
}

/** A job's failures in a row on one day, and when it may run again. */
export interface RetryBackoff {
	day: string
	failures: number
	notBeforeMs: number
}

/** Whether a job with this backoff may run on `day` at `nowMs`. */
export function mayRetry(backoff: RetryBackoff | undefined, day: string, nowMs: number): boolean {
	return !backoff || backoff.day !== day || nowMs >= backoff.notBeforeMs - EARLY_TOLERANCE_MS
}

/** The backoff after a run that started at `startedMs` on `day` failed. */
export function afterFailure(backoff: RetryBackoff | undefined, day: string, startedMs: number): RetryBackoff {
	const failures = backoff?.day === day ? backoff.failures + 1 : 1
	return { day, failures, notBeforeMs: startedMs + retryDelayMs(failures) }
}
