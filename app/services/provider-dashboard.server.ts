// What a provider sees first: the participation of the current (or coming) year on the year's
// timeline, what to do now and by when, earlier years, and the documents to download. All dates
// are computed by the domain (calendar, next-deadline) at the server clock.
import { href } from 'react-router'
import type { CalendarKey, OptionalCalendarKey } from '#app/domain/calendar.ts'
import { withdrawalDay, yearCalendar } from '#app/domain/calendar.ts'
import { type NextActionKind, nextDeadline } from '#app/domain/next-deadline.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { providerInvoices } from './invoice-queries.server.ts'
import { snapshotOf } from './participation.server.ts'
import { runningYearAt, toYearSettings } from './years.server.ts'

// The moments a provider acts on or waits for; the office's own dates stay off the dashboard.
const TIMELINE_KEYS: readonly (CalendarKey | OptionalCalendarKey)[] = [
	'applicationCloses',
	'listing',
	'selfEvaluationOpens',
	'firstSubmissionDeadline',
	'qualificationDeadline',
	'withdrawal',
	'yearEnd',
	'turnoverReportDue',
]

const ACTION_PATHS: Record<NextActionKind, string> = {
	sign_agreement: 'overeenkomst',
	submit_first_self_evaluation: 'zelfevaluatie',
	submit_self_evaluation: 'zelfevaluatie',
	submit_revision: 'zelfevaluatie',
	report_turnover: 'omzet',
}

export async function providerDashboard(providerId: string, at: Date = now()) {
	const provider = await db.provider.findUniqueOrThrow({
		where: { id: providerId },
		select: { id: true, name: true, city: true, type: true, kvkNumber: true },
	})
	const participations = await db.participation.findMany({
		where: { providerId },
		orderBy: { year: 'desc' },
		include: {
			rounds: { select: { number: true, status: true, outcome: true }, orderBy: { number: 'asc' } },
			withdrawals: { where: { undoneAt: null }, orderBy: { decidedAt: 'desc' }, take: 1 },
			markYear: true,
			certificate: { select: { number: true, validUntil: true, fileId: true } },
			agreements: { where: { status: 'signed' }, select: { id: true, signedFileId: true } },
			turnoverReports: { where: { supersededAt: null }, select: { id: true } },
		},
	})
	const running = runningYearAt(at)
	const base = href('/aanbieder/:providerId', { providerId })

	const todos = participations.flatMap((participation) => {
		const settings = toYearSettings(participation.markYear)
		const deadline = nextDeadline(snapshotOf(participation), settings, at, {
			turnoverReported: participation.turnoverReports.length > 0,
		})
		if (!deadline) return []
		// The turnover is reported after the year has ended.
		if (deadline.kind === 'report_turnover' && participation.year >= running) return []
		return [
			{
				year: participation.year,
				kind: deadline.kind,
				// What the route needs to name the deadline in the reader's language (nextDeadlineLabel).
				deadline: { kind: deadline.kind, date: deadline.date, listingOn: deadline.listingOn },
				settings: { year: settings.year, turnoverLabel: settings.turnoverLabel },
				dueAt: deadline.dueAt,
				daysLeft: deadline.daysLeft,
				overdue: deadline.overdue,
				path: `${base}/${ACTION_PATHS[deadline.kind]}`,
			},
		]
	})
	todos.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())

	// The year in focus: the running year, else the coming year the provider applied for.
	const current =
		participations.find((participation) => participation.year === running) ??
		[...participations].reverse().find((participation) => participation.year > running) ??
		null
	const currentView = current && {
		year: current.year,
		state: current.state,
		isReapplicant: current.isReapplicant,
		/** A re-applicant is listed once qualified in time, at the earliest on this day (003 §3.3). */
		reapplicantListingOn: withdrawalDay(toYearSettings(current.markYear).qualificationDeadline),
		listedFrom: current.listedFrom,
		listedUntil: current.listedUntil,
		inRegister:
			current.listedFrom !== null &&
			current.listedFrom <= at &&
			(current.listedUntil === null || at < current.listedUntil),
		withdrawal: current.withdrawals[0]
			? { reason: current.withdrawals[0].reason, effectiveAt: current.withdrawals[0].effectiveAt }
			: null,
		settings: { year: current.year, turnoverLabel: current.markYear.turnoverLabel },
		timeline: yearCalendar(toYearSettings(current.markYear))
			.entries.filter((moment) => TIMELINE_KEYS.includes(moment.key))
			.filter((moment) => moment.key !== 'withdrawal' || !current.isReapplicant)
			.map((moment) => ({
				key: moment.key,
				at: moment.at,
				passed: moment.at.getTime() <= at.getTime(),
			})),
	}

	const invoices = await providerInvoices(providerId, at)
	const downloads = {
		agreements: participations.flatMap((participation) =>
			participation.agreements
				.filter((agreement) => agreement.signedFileId)
				.map((agreement) => ({
					year: participation.year,
					path: `${base}/overeenkomst/${agreement.id}/pdf?versie=getekend`,
				})),
		),
		certificates: participations.flatMap((participation) =>
			participation.certificate?.fileId
				? [
						{
							year: participation.year,
							number: participation.certificate.number,
							path: `${base}/certificaat/${participation.year}`,
						},
					]
				: [],
		),
		invoices: invoices.map((invoice) => ({
			id: invoice.id,
			number: invoice.number,
			year: invoice.year,
			status: invoice.status,
			path: invoice.pdfPath,
		})),
	}

	return {
		provider,
		current: currentView,
		next: todos[0] ?? null,
		todos,
		history: participations
			.filter((participation) => participation !== current)
			.map((participation) => ({
				year: participation.year,
				state: participation.state,
				certificateNumber: participation.certificate?.number ?? null,
				withdrawal: participation.withdrawals[0]
					? { reason: participation.withdrawals[0].reason, effectiveAt: participation.withdrawals[0].effectiveAt }
					: null,
			})),
		downloads,
	}
}
