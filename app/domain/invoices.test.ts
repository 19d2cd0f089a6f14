import { describe, expect, test } from 'vitest'
import { amsterdamInstant, endOfDay } from './amsterdam-time'
import {
	formatCreditNoteNumber,
	invoiceDaysOverdue,
	invoiceMakesWithdrawalEligible,
	invoiceSequenceYear,
	invoiceStatusAt,
	parseCreditNoteNumber,
} from './invoices'

const dueAt = endOfDay('2032-04-30')
const open = { status: 'open' as const, dueAt, paidAt: null }

describe('invoice status', () => {
	test('open until the end of the due day, overdue from the next instant', () => {
		expect(invoiceStatusAt(open, dueAt)).toBe('open')
		expect(invoiceStatusAt(open, new Date(dueAt.getTime() + 1))).toBe('overdue')
		expect(invoiceStatusAt({ ...open, status: 'paid', paidAt: dueAt }, amsterdamInstant('2033-01-01'))).toBe('paid')
		expect(invoiceStatusAt({ ...open, status: 'credited' }, amsterdamInstant('2033-01-01'))).toBe('credited')
	})

	test('days overdue and withdrawal eligibility after the grace period', () => {
		expect(invoiceDaysOverdue(open, amsterdamInstant('2032-04-30', { hour: 23 }))).toBe(0)
		expect(invoiceDaysOverdue(open, amsterdamInstant('2032-05-01', { hour: 1 }))).toBe(1)
		expect(
			invoiceMakesWithdrawalEligible(
				open,
				{ invoiceOverdueGraceDays: 30 },
				amsterdamInstant('2032-05-29', { hour: 23 }),
			),
		).toBe(false)
		expect(invoiceMakesWithdrawalEligible(open, { invoiceOverdueGraceDays: 30 }, amsterdamInstant('2032-05-30'))).toBe(
			true,
		)
		expect(
			invoiceMakesWithdrawalEligible(
				{ ...open, status: 'paid', paidAt: amsterdamInstant('2032-05-02') },
				{ invoiceOverdueGraceDays: 30 },
				amsterdamInstant('2032-07-01'),
			),
		).toBe(false)
	})
})

describe('credit note numbers', () => {
	test('format and parse in canonical form only', () => {
		expect(formatCreditNoteNumber(2032, 7)).toBe('KIBG-C-2032-0007')
		expect(parseCreditNoteNumber(' kibg-c-2032-0007 ')).toEqual({ year: 2032, sequence: 7 })
		expect(parseCreditNoteNumber('KIBG-C-2032-00007')).toBeNull()
		expect(parseCreditNoteNumber('KIBG-F-2032-0007')).toBeNull()
		expect(() => formatCreditNoteNumber(2032, 0)).toThrow(RangeError)
	})

	test('the sequence year is the Amsterdam year of issue', () => {
		expect(invoiceSequenceYear(new Date('2032-12-31T23:30:00Z'))).toBe(2033)
		expect(invoiceSequenceYear(new Date('2032-12-31T22:30:00Z'))).toBe(2032)
	})
})
