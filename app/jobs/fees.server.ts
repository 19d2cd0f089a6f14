// The fee side of the cycle (DOMAIN.md §6): the published percentage is announced once, invoices
// are issued for reported turnover of finished years, and overdue invoices get one notice.
import { formatCalendarDay, formatEuro, formatFeeRate } from '#app/i18n/format.ts'
import { qualificationDeadlineAt } from '#app/domain/calendar.ts'
import { feeBreakdown } from '#app/domain/fees.ts'
import { invoiceMakesWithdrawalEligible } from '#app/domain/invoices.ts'
import { FINAL_STATES, SIGNED_STATES } from '#app/domain/participation-states.ts'
import { db } from '#app/lib/db.server.ts'
import { systemActor } from '#app/services/audit.server.ts'
import {
	issueInvoice,
	notifyOverdueInvoice,
	overdueInvoicesToNotify,
	participationsToInvoice,
} from '#app/services/invoices.server.ts'
import { enqueueEmail } from '#app/services/mail/outbox.server.ts'
import { toYearSettings } from '#app/services/years.server.ts'
import { forEach } from './each.server.ts'
import { participationMailContext } from './mail-base.server.ts'
import type { Job, JobSummary } from './types.ts'

// A percentage is easier to weigh with an amount beside it.
const EXAMPLE_TURNOVER_CENTS = 100_000_00

/**
 * When staff publish the fee rate of year Y (`MarkYear.feeRatePublishedAt`), the current carriers
 * (signed participations of Y-1) and every open participation of Y that existed by then are told,
 * once per provider.
 */
export const feeRatePublished: Job = {
	name: 'fee-rate-published',
	title: 'mail.jobFeeRatePublished',
	description: 'mail.jobFeeRatePublishedHelp',
	async run(at) {
		const years = await db.markYear.findMany({
			where: { feeRatePublishedAt: { not: null, lte: at } },
			orderBy: { year: 'asc' },
		})
		const summary: JobSummary = {}
		for (const row of years) {
			const settings = toYearSettings(row)
			// After the year's deadline the announcement is history, not news.
			if (at > qualificationDeadlineAt(settings)) continue
			const participations = await db.participation.findMany({
				where: {
					OR: [
						{ year: settings.year - 1, state: { in: [...SIGNED_STATES] } },
						// Who applied later saw the rate in the agreement: no announcement months afterwards.
						{
							year: settings.year,
							state: { notIn: [...FINAL_STATES] },
							appliedAt: { lte: row.feeRatePublishedAt as Date },
						},
					],
				},
				select: { id: true, providerId: true, year: true },
				orderBy: { year: 'desc' },
			})
			// One message per provider: about its participation of Y if it has one, else of Y-1.
			const byProvider = new Map<string, string>()
			for (const participation of participations)
				if (!byProvider.has(participation.providerId)) byProvider.set(participation.providerId, participation.id)
			const example = feeBreakdown(EXAMPLE_TURNOVER_CENTS, settings.feeRateBp, settings.minimumFeeCents)
			await forEach([...byProvider.values()], summary, (participationId) =>
				db.$transaction(async (tx) => {
					const { participation, base, recipients } = await participationMailContext(tx, participationId)
					let queued = 0
					for (const to of recipients) {
						const id = await enqueueEmail(tx, {
							template: 'fee_rate_published',
							to,
							providerId: participation.providerId,
							participationId,
							dedupeKey: `fee_rate_published:${settings.year}:${participation.providerId}:${to.address.toLowerCase()}`,
							data: {
								...base,
								year: settings.year,
								markName: settings.markName,
								rate: formatFeeRate(settings.feeRateBp, 'nl'),
								minimumFee: formatEuro(settings.minimumFeeCents, 'nl'),
								turnoverLabel: settings.turnoverLabel,
								turnoverReportDue: formatCalendarDay(settings.turnoverReportDueOn, 'nl'),
								example: {
									turnover: formatEuro(EXAMPLE_TURNOVER_CENTS, 'nl'),
									fee: formatEuro(example.feeCents, 'nl'),
								},
							},
						})
						if (id) queued += 1
					}
					return queued > 0 ? 'announced' : 'unchanged'
				}),
			)
		}
		return summary
	},
}

/** An invoice for every current turnover report of a finished year that has none (open or paid). */
export const issueInvoices: Job = {
	name: 'issue-invoices',
	title: 'mail.jobIssueInvoices',
	description: 'mail.jobIssueInvoicesHelp',
	async run(at) {
		return forEach(await participationsToInvoice(at), {}, async (participationId) => {
			const result = await db.$transaction((tx) => issueInvoice(tx, participationId, systemActor, at))
			return result.issued ? 'issued' : 'unchanged'
		})
	},
}

/**
 * One notice per overdue invoice. Withdrawal for unpaid fees stays a staff decision (DOMAIN.md §6):
 * the summary counts the invoices that make a provider eligible, and the staff list shows them.
 */
export const overdueInvoices: Job = {
	name: 'overdue-invoices',
	title: 'mail.jobOverdueInvoices',
	description: 'mail.jobOverdueInvoicesHelp',
	async run(at) {
		const summary = await forEach(await overdueInvoicesToNotify(at), {}, async (invoiceId) => {
			const sent = await db.$transaction((tx) => notifyOverdueInvoice(tx, invoiceId, at))
			return sent ? 'notified' : 'unchanged'
		})
		const open = await db.invoice.findMany({
			where: { status: 'open', dueAt: { lt: at } },
			select: {
				status: true,
				dueAt: true,
				paidAt: true,
				participation: { select: { markYear: { select: { invoiceOverdueGraceDays: true } } } },
			},
		})
		summary.eligibleForWithdrawal = open.filter((invoice) =>
			invoiceMakesWithdrawalEligible(invoice, invoice.participation.markYear, at),
		).length
		return summary
	},
}
