import { amsterdamDateOf, formatDutchDate } from './amsterdam-time'
import { deadlineWithdrawalMoment, revisionOverdueMoment } from './automatic-withdrawal'
import { yearEndAt } from './calendar'
import type { ParticipationSnapshot } from './participation'
import { QUALIFIED_STATES, REGISTER_STATES } from './participation-states'
import type { ParticipationState, WithdrawalReason } from './types'
import type { YearSettings } from './year-settings'

// Register membership is derived, never decided elsewhere: the public register, the certificate
// check and the jobs all use these functions, so there is one rule (DOMAIN.md §7).

/**
 * The period a participation is in the register, as far as its current snapshot tells: from
 * `listedAt` until the first of the recorded withdrawal, a withdrawal the rules will make if
 * nothing changes (1 April without a submission, an overdue revision) and the end of the year.
 * Store it on every transition and the register is one indexed query (from ≤ t < until).
 */
export interface RegisterWindow {
	from: Date
	/** Exclusive. */
	until: Date
	end: { kind: 'year_end' } | { kind: 'withdrawal'; reason: WithdrawalReason }
}

export function registerWindow(s: ParticipationSnapshot, settings: YearSettings): RegisterWindow | null {
	const state: ParticipationState | null = s.state === 'withdrawn' ? s.stateBeforeWithdrawal : s.state
	const from = s.listedAt
	if (!state || !REGISTER_STATES.includes(state) || !from) return null
	const effective = { ...s, state }
	const ends: Pick<RegisterWindow, 'until' | 'end'>[] = [
		{ until: new Date(yearEndAt(settings).getTime() + 1), end: { kind: 'year_end' } },
	]
	const notQualified = { kind: 'withdrawal', reason: 'not_qualified_in_time' } as const
	const deadline = deadlineWithdrawalMoment(effective, settings)
	if (deadline) ends.push({ until: deadline, end: notQualified })
	const overdue = revisionOverdueMoment(effective)
	if (overdue) ends.push({ until: overdue, end: notQualified })
	if (s.state === 'withdrawn' && s.withdrawal) {
		ends.push({ until: s.withdrawal.effectiveAt, end: { kind: 'withdrawal', reason: s.withdrawal.reason } })
	}
	// The earliest end wins; on a tie the recorded withdrawal (pushed last) names the reason.
	const first = ends.reduce((a, b) => (b.until.getTime() <= a.until.getTime() ? b : a))
	if (first.until.getTime() <= from.getTime()) return null
	return { from, ...first }
}

/**
 * The last Amsterdam day in the register for a window that ends (exclusively) at `until`: a
 * window until 1 January 00:00 was in the register through 31 December (issue 16: show an
 * inclusive last day, never "tot 1 januari om 00:00").
 */
export function lastDayInRegister(until: Date): string {
	return amsterdamDateOf(new Date(until.getTime() - 1))
}

export type RegisterStatus =
	/** Not (yet) in the register of this year. */
	| { kind: 'not_listed' }
	/** A carrier that has not (yet) qualified this year (003 §3.2: listed per 1 January). */
	| { kind: 'listed'; since: Date }
	| { kind: 'qualified'; since: Date; qualifiedAt: Date }
	/** Removed from the register; public pages show only the date, never the reason (DOMAIN.md §7). */
	| { kind: 'withdrawn'; since: Date; reason: WithdrawalReason }
	/** The mark year is over (the certificate was valid until 31 December). */
	| { kind: 'expired'; since: Date }

/** The register status of a participation at instant `at`. */
export function registerStatus(s: ParticipationSnapshot, settings: YearSettings, at: Date): RegisterStatus {
	const window = registerWindow(s, settings)
	const t = at.getTime()
	if (!window || t < window.from.getTime()) return { kind: 'not_listed' }
	if (t >= window.until.getTime()) {
		return window.end.kind === 'year_end'
			? { kind: 'expired', since: window.until }
			: { kind: 'withdrawn', since: window.until, reason: window.end.reason }
	}
	const state = s.state === 'withdrawn' ? s.stateBeforeWithdrawal : s.state
	const qualifiedAt = s.qualifiedAt
	if (state && QUALIFIED_STATES.includes(state) && qualifiedAt && t >= qualifiedAt.getTime()) {
		return { kind: 'qualified', since: window.from, qualifiedAt }
	}
	return { kind: 'listed', since: window.from }
}

export function isInRegister(s: ParticipationSnapshot, settings: YearSettings, at: Date): boolean {
	const { kind } = registerStatus(s, settings, at)
	return kind === 'listed' || kind === 'qualified'
}

export type CertificateStatus = 'none' | 'not_yet_valid' | 'valid' | 'withdrawn' | 'expired'

/**
 * The live status behind a certificate's verification URL (DOMAIN.md §7): valid while the carrier
 * is in the register as qualified, until 31 December of the year unless withdrawn. A re-applicant's
 * certificate becomes valid when it is listed (1 April).
 */
export function certificateStatus(s: ParticipationSnapshot, settings: YearSettings, at: Date): CertificateStatus {
	const qualifiedAt = s.qualifiedAt
	if (!qualifiedAt || at.getTime() < qualifiedAt.getTime()) return 'none'
	const status = registerStatus(s, settings, at)
	switch (status.kind) {
		case 'qualified':
			return 'valid'
		case 'withdrawn':
			return 'withdrawn'
		case 'expired':
			return 'expired'
		case 'listed':
			return 'not_yet_valid'
		case 'not_listed':
			// A re-applicant between qualifying and 1 April — unless withdrawn before it was listed.
			if (s.withdrawal && at.getTime() >= s.withdrawal.effectiveAt.getTime()) return 'withdrawn'
			return 'not_yet_valid'
	}
}

/** Dutch label of a register status for the public register. */
export function registerStatusLabel(status: RegisterStatus): string {
	switch (status.kind) {
		case 'not_listed':
			return 'Niet opgenomen'
		case 'listed':
			return 'Keurmerkdrager'
		case 'qualified':
			return 'Keurmerkdrager, gekwalificeerd'
		case 'withdrawn':
			return `Ingetrokken per ${formatDutchDate(amsterdamDateOf(status.since))}`
		case 'expired':
			return 'Keurmerkjaar afgelopen'
	}
}
