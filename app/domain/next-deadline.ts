import { addDays, amsterdamDateOf, endOfDay } from './amsterdam-time'
import type { CalendarDate } from './amsterdam-time'
import { daysLeft, firstSubmissionDueAt, qualificationDeadlineAt } from './calendar'
import type { ParticipationSnapshot } from './participation-snapshot'
import type { YearSettings } from './year-settings'

export type NextActionKind =
	'sign_agreement' | 'submit_first_self_evaluation' | 'submit_self_evaluation' | 'submit_revision' | 'report_turnover'

export interface NextDeadline {
	kind: NextActionKind
	/** The last instant that is still in time. */
	dueAt: Date
	/** The Amsterdam calendar day of `dueAt`. */
	date: CalendarDate
	/**
	 * Set when signing by `dueAt` gets an ordinary carrier listed on this day (003 §3.2). The words
	 * ('Onderteken de overeenkomst uiterlijk …') are in the catalogue: `nextDeadlineLabel`.
	 */
	listingOn?: CalendarDate
	/** Amsterdam calendar days left; 0 on the day itself, negative once overdue. */
	daysLeft: number
	overdue: boolean
}

/**
 * What the provider must do next for this participation, and by when. Null while the ball is with
 * KiBG (application received, self-evaluation under assessment) or the participation is closed.
 */
export function nextDeadline(
	p: ParticipationSnapshot,
	settings: YearSettings,
	at: Date,
	// The snapshot does not know about turnover reports: the caller says whether it is done.
	{ turnoverReported = false }: { turnoverReported?: boolean } = {},
): NextDeadline | null {
	const make = (kind: NextActionKind, dueAt: Date, extra: { listingOn?: CalendarDate } = {}): NextDeadline => ({
		kind,
		dueAt,
		date: amsterdamDateOf(dueAt),
		...extra,
		daysLeft: daysLeft(at, dueAt),
		overdue: at.getTime() > dueAt.getTime(),
	})
	switch (p.state) {
		case 'agreement_offered': {
			// 003 §3.2: only a signed agreement returned before 1 January gets a carrier listed on that day.
			const beforeListing = endOfDay(addDays(settings.listingOn, -1))
			if (!p.isReapplicant && at.getTime() <= beforeListing.getTime()) {
				return make('sign_agreement', beforeListing, { listingOn: settings.listingOn })
			}
			return make('sign_agreement', qualificationDeadlineAt(settings))
		}
		case 'agreement_signed':
		case 'listed': {
			// DOMAIN.md §3: a year's first-submission deadline comes first; once it has passed the
			// carrier is reminded and flagged, but the deadline that withdraws stays the qualification one.
			const first = firstSubmissionDueAt(settings)
			if (first && at.getTime() <= first.getTime()) return make('submit_first_self_evaluation', first)
			return make('submit_self_evaluation', qualificationDeadlineAt(settings))
		}
		case 'revision_requested':
			if (!p.revisionDueAt) return null
			return make('submit_revision', p.revisionDueAt)
		case 'qualified':
		case 'sampled':
		case 'confirmed':
			// DOMAIN.md §6: the realised turnover of the year is reported after the year ends.
			if (turnoverReported) return null
			return make('report_turnover', endOfDay(settings.turnoverReportDueOn))
		case 'applied':
		case 'submitted':
		case 'withdrawn':
		case 'agreement_declined':
			return null
	}
}

/**
 * Whether the participation gets qualification reminders (DOMAIN.md §8: only carriers that have
 * not submitted). A signed re-applicant is reminded too: it must qualify before it is listed.
 */
export function awaitsFirstSubmission(p: ParticipationSnapshot): boolean {
	return p.state === 'listed' || p.state === 'agreement_signed'
}
