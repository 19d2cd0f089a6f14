// Invoices (DOMAIN.md §6): issued from the current turnover report, numbered per calendar year of
// issue without gaps or doubles, a PDF whose amounts follow the fee rule (minimum, half-cent
// rounding), paid, credited with a credit note, corrected turnover reissued, overdue noticed once.
import { describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { readStoredFile } from '#app/lib/storage.server.ts'
import { createQualifiedParticipation, reportTurnover } from '#app/lib/test-fixtures/fees.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { type Actor, systemActor } from '#app/services/audit.server.ts'
import { creditInvoice, issueInvoice, markInvoicePaid, notifyOverdueInvoice } from '#app/services/invoices.server.ts'
import { toInvoiceView, invoiceViewInclude } from '#app/services/invoice-queries.server.ts'
import { correctTurnover } from '#app/services/turnover-corrections.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { refusalError } from '#app/domain/errors.ts'

const at = (date: string, hour = 10) => amsterdamInstant(date, { hour })

async function carrier(year: number, turnoverCents: bigint, { name }: { name?: string } = {}) {
	const { provider, user } = await createProviderWithMember({ providerName: name })
	const participation = await createQualifiedParticipation({ providerId: provider.id, year })
	await reportTurnover({
		participationId: participation.id,
		amountCents: turnoverCents,
		reportedById: user.id,
		at: at(`${year + 1}-02-01`),
	})
	return { provider, user, participation }
}

async function issue(participationId: string, moment: Date) {
	setClock(moment)
	const result = await db.$transaction((tx) => issueInvoice(tx, participationId, systemActor, moment))
	if (!result.issued) throw refusalError(result.refusal)
	return result.invoice
}

async function invoicePdfText(invoiceId: string) {
	const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { file: true } })
	return pdfText(await readStoredFile(invoice.file as NonNullable<typeof invoice.file>))
}

const payable = (text: string) => /Te betalen\s+(€ [\d.,]+)/.exec(text)?.[1]

describe('invoices', () => {
	it('numbers invoices per calendar year of issue, without gaps or doubles, also when issued at once', async () => {
		await ensureMarkYear(2080)
		const first = await carrier(2080, 100_000_00n)
		const second = await carrier(2080, 100_000_00n)
		const third = await carrier(2080, 100_000_00n)
		const fourth = await carrier(2080, 100_000_00n)
		expect((await issue(first.participation.id, at('2081-12-30'))).number).toBe('KIBG-F-2081-0001')
		// 31 December 23:30 Amsterdam is still 2081; half an hour later it is 2082.
		expect(
			(await issue(second.participation.id, amsterdamInstant('2081-12-31', { hour: 23, minute: 30 }))).number,
		).toBe('KIBG-F-2081-0002')
		const moment = amsterdamInstant('2082-01-01', { hour: 0, minute: 1 })
		setClock(moment)
		const parallel = await Promise.all(
			[third, fourth].map((c) => db.$transaction((tx) => issueInvoice(tx, c.participation.id, systemActor, moment))),
		)
		const numbers = parallel.map((result) => (result.issued ? result.invoice.number : result.refusal.code)).sort()
		expect(numbers).toEqual(['KIBG-F-2082-0001', 'KIBG-F-2082-0002'])
		const stored = await db.invoice.findMany({ where: { sequenceYear: 2082 } })
		expect(stored.map((invoice) => invoice.sequence).sort()).toEqual([1, 2])
	})

	it('issues once, only from a report of a finished year, with the due date of the settings', async () => {
		await ensureMarkYear(2083, { invoicePaymentDays: 14 })
		const { participation } = await carrier(2083, 50_000_00n)
		setClock(at('2083-12-31'))
		expect(await db.$transaction((tx) => issueInvoice(tx, participation.id, systemActor))).toEqual({
			issued: false,
			refusal: { code: 'year_not_over', params: { year: 2083 } },
		})
		const invoice = await issue(participation.id, at('2084-03-02', 9))
		expect(invoice.dueAt.toISOString()).toBe(
			amsterdamInstant('2084-03-16', { hour: 23, minute: 59, second: 59, millisecond: 999 }).toISOString(),
		)
		expect(await db.$transaction((tx) => issueInvoice(tx, participation.id, systemActor))).toEqual({
			issued: false,
			refusal: { code: 'invoice_exists', params: {} },
		})
		const noReport = await createQualifiedParticipation({
			providerId: (await createProviderWithMember()).provider.id,
			year: 2083,
		})
		expect(await db.$transaction((tx) => issueInvoice(tx, noReport.id, systemActor))).toEqual({
			issued: false,
			refusal: { code: 'turnover_not_reported', params: {} },
		})
		// The issue is audited and the mail carries the PDF.
		const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'invoice.issue', entityId: invoice.id } })
		expect(audit.actorType).toBe('system')
		const mails = await db.outboxEmail.findMany({
			where: { template: 'invoice_issued', participationId: participation.id },
		})
		expect(mails).toHaveLength(2) // the organisation and its primary contact
		expect(mails[0]?.attachments).toEqual([{ filename: `factuur-${invoice.number}.pdf`, fileId: invoice.fileId }])
	})

	it('prints amounts that follow the fee rule: percentage, minimum and half-cent rounding', async () => {
		await ensureMarkYear(2085, { feeRateBp: 185, minimumFeeCents: 75_00, turnoverLabel: 'omzet monodisciplinaire GGZ' })
		const cases: [bigint, string, string][] = [
			// turnover, percentage fee, payable
			[54_010_00n, '€ 999,19', '€ 999,19'], // 999,185 → half a cent up
			[123_456_78n, '€ 2.283,95', '€ 2.283,95'], // 2 283,950 43
			[3_000_00n, '€ 55,50', '€ 75,00'], // below the minimum
			[0n, '€ 0,00', '€ 75,00'], // nothing turned over: still the minimum
			[4_054_05n, '€ 75,00', '€ 75,00'], // 75,0000 (rounded from 74,9999…) equals the minimum
		]
		for (const [turnover, percentage, amount] of cases) {
			const { participation, provider } = await carrier(2085, turnover, { name: `Praktijk ${turnover}` })
			const invoice = await issue(participation.id, at('2086-03-02'))
			const text = await invoicePdfText(invoice.id)
			expect(payable(text), `${turnover}`).toBe(amount)
			expect(text).toContain(`Berekende afdracht (1,85 % van`)
			expect(text).toMatch(new RegExp(`Berekende afdracht .*${percentage.replace(/[.]/g, '\\.')}`))
			expect(text).toContain('Omzet monodisciplinaire GGZ 2085')
			expect(text).toContain(provider.name)
			expect(text).toContain(invoice.number)
			expect(text).toContain('1 april 2086')
			expect(
				`€ ${(Number(invoice.amountCents) / 100)
					.toFixed(2)
					.replace('.', ',')
					.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`,
			).toBe(amount)
		}
	})

	it('records a payment with its date, and refuses one in the future or before the invoice', async () => {
		await ensureMarkYear(2087)
		const { participation } = await carrier(2087, 10_000_00n)
		const invoice = await issue(participation.id, at('2088-03-02'))
		const admin = await createUser({ staffRole: 'admin' })
		const actor: Actor = { type: 'staff', userId: admin.id }
		setClock(at('2088-03-20'))
		await expect(markInvoicePaid(invoice.id, '2088-03-21', actor)).rejects.toMatchObject({ code: 'paid_in_future' })
		await expect(markInvoicePaid(invoice.id, '2088-03-01', actor)).rejects.toMatchObject({
			code: 'paid_before_invoice',
		})
		const paid = await markInvoicePaid(invoice.id, '2088-03-18', actor)
		expect(paid).toMatchObject({ status: 'paid', paidRecordedById: admin.id })
		expect(paid.paidAt?.toISOString()).toBe(amsterdamInstant('2088-03-18').toISOString())
		await expect(markInvoicePaid(invoice.id, '2088-03-18', actor)).rejects.toMatchObject({
			code: 'invoice_not_open',
			params: { number: invoice.number },
		})
		expect(
			await db.auditEvent.count({
				where: { action: 'invoice.mark_paid', entityId: invoice.id, actorUserId: admin.id },
			}),
		).toBe(1)
		// Paid before the due date: never overdue, never eligible for withdrawal.
		setClock(at('2088-09-01'))
		const view = toInvoiceView(
			await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, include: invoiceViewInclude }),
			at('2088-09-01'),
		)
		expect(view).toMatchObject({ status: 'paid', daysOverdue: 0, eligibleForWithdrawal: false })
	})

	it('corrects turnover with a reason, credits the invoice with a credit note and reissues it', async () => {
		await ensureMarkYear(2089)
		const { participation } = await carrier(2089, 20_000_00n)
		const invoice = await issue(participation.id, at('2090-03-02'))
		expect(invoice.amountCents).toBe(340_00n)
		const admin = await createUser({ staffRole: 'admin' })
		const actor = { type: 'staff' as const, userId: admin.id }

		setClock(at('2090-03-05'))
		await expect(
			correctTurnover({ participationId: participation.id, amountCents: 30_000_00n, reason: '  ' }, actor),
		).rejects.toMatchObject({ code: 'correction_reason_required' })
		await expect(
			correctTurnover({ participationId: participation.id, amountCents: 20_000_00n, reason: 'Zelfde bedrag' }, actor),
		).rejects.toMatchObject({ code: 'turnover_unchanged' })
		const corrected = await correctTurnover(
			{ participationId: participation.id, amountCents: 30_000_00n, reason: 'Jaarrekening ontvangen' },
			actor,
		)
		expect(corrected.previous?.supersededAt?.toISOString()).toBe(at('2090-03-05').toISOString())
		expect(corrected.report).toMatchObject({
			source: 'staff_correction',
			reason: 'Jaarrekening ontvangen',
			reportedById: admin.id,
			supersededAt: null,
		})
		expect(corrected.openInvoice?.number).toBe(invoice.number)
		const audit = await db.auditEvent.findFirstOrThrow({
			where: { action: 'turnover.correct', participationId: participation.id },
		})
		expect(audit).toMatchObject({ actorUserId: admin.id, reason: 'Jaarrekening ontvangen' })
		expect(audit.before).toMatchObject({ amountCents: '2000000', source: 'provider' })

		await expect(creditInvoice(invoice.id, { reason: '' }, actor)).rejects.toMatchObject({
			code: 'credit_reason_required',
		})
		const { invoice: credited, reissued } = await creditInvoice(
			invoice.id,
			{ reason: 'Omzet gecorrigeerd na jaarrekening', reissue: true },
			actor,
		)
		expect(credited).toMatchObject({
			status: 'credited',
			creditNoteNumber: 'KIBG-C-2090-0001',
			creditReason: 'Omzet gecorrigeerd na jaarrekening',
		})
		expect(reissued).toMatchObject({
			amountCents: 510_00n,
			turnoverCents: 30_000_00n,
			number: 'KIBG-F-2090-0002',
			turnoverReportId: corrected.report.id,
		})
		await expect(creditInvoice(invoice.id, { reason: 'Nog eens' }, actor)).rejects.toMatchObject({
			code: 'invoice_already_credited',
		})

		const note = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, include: { creditNoteFile: true } })
		const text = pdfText(await readStoredFile(note.creditNoteFile as NonNullable<typeof note.creditNoteFile>))
		expect(text).toContain('Creditnota')
		expect(text).toContain('KIBG-C-2090-0001')
		expect(text).toContain(invoice.number)
		expect(text).toContain('€ -340,00')
		expect(text).toContain('Omzet gecorrigeerd na jaarrekening')
		const mails = await db.outboxEmail.findMany({
			where: { participationId: participation.id },
			orderBy: { createdAt: 'asc' },
		})
		expect(mails.map((mail) => mail.template)).toEqual([
			'invoice_issued',
			'invoice_issued',
			'credit_note_issued',
			'credit_note_issued',
			'invoice_issued',
			'invoice_issued',
		])
		expect(mails[2]?.text).toContain('U hoeft factuur KIBG-F-2090-0001 niet meer te betalen')
	})

	it('sends the overdue notice once, and shows eligibility for withdrawal after the grace days', async () => {
		await ensureMarkYear(2091, { invoiceOverdueGraceDays: 30 })
		const { participation } = await carrier(2091, 10_000_00n)
		const invoice = await issue(participation.id, at('2092-03-02'))
		// Due 1 April 2092.
		expect(
			await db.$transaction((tx) => notifyOverdueInvoice(tx, invoice.id, amsterdamInstant('2092-04-01', { hour: 23 }))),
		).toBe(false)
		const overdueAt = amsterdamInstant('2092-04-02', { hour: 0, minute: 5 })
		setClock(overdueAt)
		expect(await db.$transaction((tx) => notifyOverdueInvoice(tx, invoice.id, overdueAt))).toBe(true)
		expect(await db.$transaction((tx) => notifyOverdueInvoice(tx, invoice.id, overdueAt))).toBe(false)
		expect(
			await db.outboxEmail.count({ where: { template: 'invoice_overdue', participationId: participation.id } }),
		).toBe(2)
		const view = (moment: Date) =>
			db.invoice
				.findUniqueOrThrow({ where: { id: invoice.id }, include: invoiceViewInclude })
				.then((row) => toInvoiceView(row, moment))
		expect(await view(amsterdamInstant('2092-04-30', { hour: 12 }))).toMatchObject({
			status: 'overdue',
			daysOverdue: 29,
			eligibleForWithdrawal: false,
		})
		expect(await view(amsterdamInstant('2092-05-01', { hour: 12 }))).toMatchObject({
			status: 'overdue',
			daysOverdue: 30,
			eligibleForWithdrawal: true,
		})
		// Eligible is shown, never acted on: the participation is still qualified.
		expect((await db.participation.findUniqueOrThrow({ where: { id: participation.id } })).state).toBe('qualified')
	})
})
