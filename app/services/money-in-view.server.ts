// Money in view (issue 12 §6): the open and overdue invoices of a provider, of every year, shown on
// the staff participation page, the assessment page and every confirmation page. An invoice belongs
// to the participation of the year its turnover was realised in, but it matters for a decision in
// any later year: the 2027 page must show the overdue 2026 invoice that is the withdrawal reason.
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { invoiceViewInclude, toInvoiceView, type InvoiceView } from './invoice-queries.server.ts'

export interface UnpaidInvoices {
	invoices: (Pick<
		InvoiceView,
		'id' | 'number' | 'year' | 'dueAt' | 'status' | 'daysOverdue' | 'eligibleForWithdrawal'
	> & {
		amountCents: string
	})[]
	/** At least one invoice is past its due date. */
	overdue: boolean
	/** At least one invoice is overdue beyond its year's `invoiceOverdueGraceDays` (DOMAIN.md §6). */
	unpaidFeeEligible: boolean
	/** The grace days of the youngest year with an unpaid invoice, for the refusal message. */
	graceDays: number
}

/** The provider's unpaid (open or overdue) invoices at `at`, oldest due first. */
export async function unpaidInvoices(
	providerId: string,
	at: Date = now(),
	client: Tx | PrismaClient = db,
): Promise<UnpaidInvoices> {
	const rows = await client.invoice.findMany({
		where: { status: 'open', participation: { providerId } },
		include: invoiceViewInclude,
		orderBy: [{ dueAt: 'asc' }, { number: 'asc' }],
	})
	const views = rows.map((row) => toInvoiceView(row, at))
	const graceRow =
		rows.at(-1)?.participation.markYear ??
		(await client.markYear.findFirst({ orderBy: { year: 'desc' }, select: { invoiceOverdueGraceDays: true } }))
	return {
		invoices: views.map((view) => ({
			id: view.id,
			number: view.number,
			year: view.year,
			dueAt: view.dueAt,
			status: view.status,
			daysOverdue: view.daysOverdue,
			eligibleForWithdrawal: view.eligibleForWithdrawal,
			// BigInt does not cross the wire.
			amountCents: view.amountCents.toString(),
		})),
		overdue: views.some((view) => view.status === 'overdue'),
		unpaidFeeEligible: views.some((view) => view.eligibleForWithdrawal),
		graceDays: Math.max(1, graceRow?.invoiceOverdueGraceDays ?? 30),
	}
}
