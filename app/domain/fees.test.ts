import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { amsterdamInstant } from './amsterdam-time'
import {
	FeeInputError,
	daysPastDue,
	invoiceDueOn,
	isEligibleForUnpaidFeeWithdrawal,
	calculateFee,
	invoiceVat,
	feeBreakdown,
	formatCertificateNumber,
	formatEuro,
	formatFeeRate,
	formatInvoiceNumber,
	isValidCertificateNumber,
	parseCertificateNumber,
	parseEuroInput,
	parseInvoiceNumber,
} from './fees'

describe('calculateFee', () => {
	test('zero turnover and rate 0 pay the minimum', () => {
		expect(calculateFee(0, 170, 7500)).toBe(7500)
		expect(calculateFee(10_000_000, 0, 7500)).toBe(7500)
		expect(calculateFee(0, 170, 0)).toBe(0)
	})

	test('the minimum fee applies below € 4.411,77 turnover at 1,70 %', () => {
		// 441 176 cents × 1.7 % = 7 499.99… → 7 500; the minimum and the percentage meet here
		expect(feeBreakdown(441_176, 170, 7500)).toEqual({ percentageFeeCents: 7500, feeCents: 7500, minimumApplied: true })
		expect(feeBreakdown(441_147, 170, 7500)).toEqual({ percentageFeeCents: 7499, feeCents: 7500, minimumApplied: true })
		expect(feeBreakdown(500_000, 170, 7500)).toEqual({
			percentageFeeCents: 8500,
			feeCents: 8500,
			minimumApplied: false,
		})
	})

	test('round half up at .5 cent', () => {
		// 150 × 1.70 % = 2.55 → 3 (no minimum)
		expect(calculateFee(150, 170, 0)).toBe(3)
		// 50 × 1 bp = 0.005 → 0; 5000 × 1 bp = 0.5 → 1; 14 999 × 1 bp = 1.4999 → 1
		expect(calculateFee(50, 1, 0)).toBe(0)
		expect(calculateFee(5000, 1, 0)).toBe(1)
		expect(calculateFee(14_999, 1, 0)).toBe(1)
		expect(calculateFee(15_000, 1, 0)).toBe(2)
		// € 1.234.567,89 at 1,85 %: 123 456 789 × 185 / 10 000 = 2 283 950.5965 → 2 283 951 cents
		expect(calculateFee(123_456_789, 185, 7500)).toBe(2_283_951)
	})

	test('exact for huge turnovers (beyond 2^53 in the intermediate product)', () => {
		const max = Number.MAX_SAFE_INTEGER // 9 007 199 254 740 991 cents
		// 9 007 199 254 740 991 × 170 / 10 000 = 153 122 387 330 596.847 → …597
		expect(calculateFee(max, 170, 7500)).toBe(153_122_387_330_597)
		expect(calculateFee(BigInt(max), 10_000, 0)).toBe(max)
		// floating point would get this wrong: 9 007 199 254 740 991 × 0.0170 in doubles
		expect(calculateFee(max, 170, 0)).not.toBe(Math.round((max * 170) / 10_000) + 1)
	})

	test('rejects negative, fractional and unsafe input with a typed error', () => {
		const error = (f: () => unknown) => {
			try {
				f()
			} catch (e) {
				return e instanceof FeeInputError ? [e.field, e.message] : e
			}
			return null
		}
		expect(error(() => calculateFee(-1, 170, 7500))).toEqual(['turnoverCents', 'De omzet mag niet negatief zijn.'])
		expect(error(() => calculateFee(10.5, 170, 7500))).toEqual([
			'turnoverCents',
			'De omzet moet een geheel getal zijn.',
		])
		expect(error(() => calculateFee(Number.MAX_SAFE_INTEGER + 1, 170, 7500))).toEqual([
			'turnoverCents',
			'De omzet is te groot om exact te rekenen.',
		])
		expect(error(() => calculateFee(100, 1.5, 7500))).toEqual([
			'rateBp',
			'Het afdrachtpercentage moet een geheel getal zijn.',
		])
		expect(error(() => calculateFee(100, 10_001, 7500))).toEqual([
			'rateBp',
			'Het afdrachtpercentage mag niet hoger zijn dan 100 %.',
		])
		expect(error(() => calculateFee(100, 170, -1n))).toEqual([
			'minimumFeeCents',
			'De minimale afdracht mag niet negatief zijn.',
		])
		expect(error(() => calculateFee(Number.NaN, 170, 7500))).toEqual([
			'turnoverCents',
			'De omzet moet een geheel getal zijn.',
		])
	})

	test('property: the fee is the minimum or the exact percentage rounded half up', () => {
		fc.assert(
			fc.property(
				fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }),
				fc.integer({ min: 0, max: 10_000 }),
				fc.integer({ min: 0, max: 100_000 }),
				(turnover, rate, minimum) => {
					const fee = BigInt(calculateFee(turnover, rate, minimum))
					// fee × 10 000 against the exact product: within half a cent, and exactly half rounds up
					const exact = turnover * BigInt(rate)
					const within = (cents: bigint) => cents * 10_000n - exact > -5_000n && cents * 10_000n - exact <= 5_000n
					expect(fee >= BigInt(minimum)).toBe(true)
					if (fee > BigInt(minimum)) expect(within(fee)).toBe(true)
					else expect(exact + 5_000n < (BigInt(minimum) + 1n) * 10_000n).toBe(true)
					if (turnover > 0n) expect(calculateFee(turnover - 1n, rate, minimum) <= Number(fee)).toBe(true)
				},
			),
		)
	})
})

describe('euro amounts', () => {
	test('formatEuro in Dutch notation', () => {
		expect(formatEuro(123_456)).toBe('€ 1.234,56')
		expect(formatEuro(7500)).toBe('€ 75,00')
		expect(formatEuro(5)).toBe('€ 0,05')
		expect(formatEuro(0)).toBe('€ 0,00')
		expect(formatEuro(-123_456)).toBe('€ -1.234,56')
		expect(formatEuro(123_456_789_012)).toBe('€ 1.234.567.890,12')
		expect(formatEuro(BigInt(Number.MAX_SAFE_INTEGER) * 10n)).toBe('€ 900.719.925.474.099,10')
		expect(() => formatEuro(1.5)).toThrow(RangeError)
	})

	test('formatFeeRate', () => {
		expect(formatFeeRate(170)).toBe('1,70 %')
		expect(formatFeeRate(185)).toBe('1,85 %')
		expect(formatFeeRate(200)).toBe('2,00 %')
		expect(formatFeeRate(5)).toBe('0,05 %')
	})

	test.each([
		['1.234,56', 123_456],
		['1234,56', 123_456],
		['€ 1234', 123_400],
		['€1.234', 123_400],
		['1.234 €', 123_400],
		['  12  ', 1200],
		['0,5', 50],
		['0,05', 5],
		['1.234,-', 123_400],
		['1234,--', 123_400],
		['1.234.567,89', 123_456_789],
		['0', 0],
	])('parseEuroInput(%s) = %i cents', (input, cents) => {
		expect(parseEuroInput(input)).toEqual({ ok: true, cents })
	})

	test.each([
		['', 'Vul een bedrag in.'],
		['€ ', 'Vul een bedrag in.'],
		['-5', 'Het bedrag mag niet negatief zijn.'],
		['1234.56', 'Gebruik een komma voor de centen, bijvoorbeeld 1.234,56.'],
		['1.234.56', 'Gebruik een komma voor de centen, bijvoorbeeld 1.234,56.'],
		['12,345', 'Een bedrag heeft hoogstens twee cijfers achter de komma.'],
		['1.23,45', 'Vul een bedrag in euro’s in, bijvoorbeeld 1.234,56.'],
		['tien euro', 'Vul een bedrag in euro’s in, bijvoorbeeld 1.234,56.'],
		['99999999999999999999', 'Het bedrag is te groot.'],
	])('parseEuroInput(%s) refuses: %s', (input, message) => {
		expect(parseEuroInput(input)).toEqual({ ok: false, message })
	})

	test('property: formatting and parsing round-trip', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (cents) => {
				expect(parseEuroInput(formatEuro(cents))).toEqual({ ok: true, cents })
			}),
		)
	})
})

describe('document numbers', () => {
	test('invoice and certificate numbers', () => {
		expect(formatInvoiceNumber(2027, 1)).toBe('KIBG-F-2027-0001')
		expect(formatInvoiceNumber(2027, 12_345)).toBe('KIBG-F-2027-12345')
		expect(formatCertificateNumber(2026, 42)).toBe('KBG-2026-0042')
		expect(() => formatCertificateNumber(2026, 0)).toThrow(RangeError)
		expect(() => formatInvoiceNumber(27, 1)).toThrow(RangeError)
		expect(() => formatInvoiceNumber(2027, 1.5)).toThrow(RangeError)
	})

	test('parsing accepts what a person types, only in canonical form', () => {
		expect(parseCertificateNumber('KBG-2026-0042')).toEqual({ year: 2026, sequence: 42 })
		expect(parseCertificateNumber('  kbg-2026-0042 ')).toEqual({ year: 2026, sequence: 42 })
		expect(parseCertificateNumber('KBG-2026-00042')).toBeNull()
		expect(parseCertificateNumber('KBG-2026-0000')).toBeNull()
		expect(parseCertificateNumber('KBG-2026-42')).toBeNull()
		expect(parseCertificateNumber('KIBG-F-2027-0001')).toBeNull()
		expect(parseInvoiceNumber('KIBG-F-2027-0001')).toEqual({ year: 2027, sequence: 1 })
		expect(parseInvoiceNumber('KIBG-F-2027-12345')).toEqual({ year: 2027, sequence: 12_345 })
		expect(parseInvoiceNumber('KBG-2027-0001')).toBeNull()
		expect(isValidCertificateNumber('KBG-2026-0042')).toBe(true)
	})

	test('property: format and parse round-trip', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 10_000_000 }), (year, sequence) => {
				expect(parseInvoiceNumber(formatInvoiceNumber(year, sequence))).toEqual({ year, sequence })
				expect(parseCertificateNumber(formatCertificateNumber(year, sequence))).toEqual({ year, sequence })
			}),
		)
	})
})

describe('invoices', () => {
	const settings = { invoicePaymentDays: 30, invoiceOverdueGraceDays: 30 }
	const at = (date: string, hour = 0) => amsterdamInstant(date, { hour })

	test('due 30 days after issue; eligible for an unpaid-fee withdrawal 30 days past due', () => {
		const dueOn = invoiceDueOn('2028-03-15', settings)
		expect(dueOn).toBe('2028-04-14')
		expect(daysPastDue(dueOn, at('2028-04-14', 23))).toBe(0)
		expect(daysPastDue(dueOn, at('2028-04-15'))).toBe(1)
		expect(isEligibleForUnpaidFeeWithdrawal({ dueOn, paidAt: null }, settings, at('2028-05-13', 23))).toBe(false)
		expect(isEligibleForUnpaidFeeWithdrawal({ dueOn, paidAt: null }, settings, at('2028-05-14'))).toBe(true)
		expect(isEligibleForUnpaidFeeWithdrawal({ dueOn, paidAt: at('2028-05-01') }, settings, at('2028-06-01'))).toBe(
			false,
		)
	})
})

describe('invoiceVat (issue 16: the invoice states VAT or the exemption)', () => {
	test('exempt: no VAT, the total is the fee', () => {
		expect(invoiceVat(209_877, null)).toEqual({ vatRateBp: null, vatCents: 0, totalCents: 209_877 })
	})
	test('21 %: half a cent rounds up, the total adds it', () => {
		// 21 % of € 2.098,77 = € 440,7417
		expect(invoiceVat(209_877, 2100)).toEqual({ vatRateBp: 2100, vatCents: 44_074, totalCents: 253_951 })
		expect(invoiceVat(50, 2100).vatCents).toBe(11) // 10,5 → 11
		expect(invoiceVat(0, 900)).toEqual({ vatRateBp: 900, vatCents: 0, totalCents: 0 })
	})
	test('a fractional or negative amount is refused', () => {
		expect(() => invoiceVat(1.5, 2100)).toThrow(FeeInputError)
		expect(() => invoiceVat(100, -1)).toThrow(FeeInputError)
	})
})
