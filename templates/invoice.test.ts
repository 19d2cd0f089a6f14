import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { feeBreakdown, invoiceVat } from '#app/domain/fees.ts'
import { creditNotePdf } from './credit-note.ts'
import { invoicePdf } from './invoice.ts'

function pdfText(pdf: Buffer): string {
	const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pdf-')), 'doc.pdf')
	writeFileSync(file, pdf)
	return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

const provider = {
	name: 'Praktijk De Linde & Co',
	street: 'Lindelaan',
	houseNumber: '12a',
	postcode: '3511 AB',
	city: "'s-Hertogenbosch",
	kvkNumber: '12345678',
}

async function invoiceText(turnoverCents: bigint, rateBp = 170, minimumFeeCents = 7500) {
	const pdf = await invoicePdf({
		number: 'KIBG-F-2032-0007',
		markName: 'Keurmerk Basis GGZ',
		year: 2031,
		issuedOn: '2 maart 2032',
		dueOn: '1 april 2032',
		issuedAt: new Date('2032-03-02T09:00:00Z'),
		provider,
		turnoverLabel: 'gerealiseerde omzet GBGGZ',
		turnoverCents,
		feeRateBp: rateBp,
		minimumFeeCents,
		breakdown: feeBreakdown(turnoverCents, rateBp, minimumFeeCents),
		vat: {
			...invoiceVat(feeBreakdown(turnoverCents, rateBp, minimumFeeCents).feeCents, null),
			vatNumber: 'NL812345678B01',
			exemptionText: 'Over de afdracht wordt geen btw in rekening gebracht (vrijgesteld).',
		},
	})
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
	return pdfText(pdf)
}

// The amount on the "Te betalen" line.
const payable = (text: string) => /Te betalen\s+(€ [\d.,-]+)/.exec(text)?.[1]

describe('invoice PDF', () => {
	it('carries KiBG, the provider, the turnover, the rate, the minimum, the amount and the due date', async () => {
		const text = await invoiceText(12_345_67n)
		expect(text).toContain('Factuur')
		expect(text).toContain('KIBG-F-2032-0007')
		expect(text).toContain('Stichting Kwaliteit in Basis GGZ (KiBG)')
		expect(text).toContain('NL00 BANK 0123 4567 89')
		expect(text).toContain('Praktijk De Linde & Co')
		expect(text).toContain("3511 AB 's-Hertogenbosch")
		expect(text).toContain('Gerealiseerde omzet GBGGZ 2031')
		expect(text).toContain('€ 12.345,67')
		expect(text).toContain('1,70 %')
		expect(text).toContain('€ 75,00')
		expect(text).toContain('1 april 2032')
		// 12 345,67 × 1,70 % = 209,876… → € 209,88
		expect(payable(text)).toBe('€ 209,88')
		expect(text).not.toContain('minimale afdracht in rekening')
	})

	it('charges the minimum when the percentage is lower, and says so', async () => {
		const text = await invoiceText(3_000_00n)
		expect(text).toContain('€ 51,00')
		expect(payable(text)).toBe('€ 75,00')
		expect(text).toContain('minimale afdracht in rekening')
	})

	it('rounds half a cent up', async () => {
		// 4 415,00 × 1,70 % = 75,055 → € 75,06 (just above the minimum)
		expect(payable(await invoiceText(4_415_00n))).toBe('€ 75,06')
		// 1 850 000,01 × 1,85 % = 34 225,000185 → € 34.225,00
		expect(payable(await invoiceText(1_850_000_01n, 185))).toBe('€ 34.225,00')
	})
})

describe('credit note PDF', () => {
	it('references the invoice and credits its amount as a negative figure', async () => {
		const pdf = await creditNotePdf({
			number: 'KIBG-C-2032-0001',
			invoiceNumber: 'KIBG-F-2032-0007',
			invoiceIssuedOn: '2 maart 2032',
			markName: 'Keurmerk Basis GGZ',
			year: 2031,
			issuedOn: '9 maart 2032',
			issuedAt: new Date('2032-03-09T09:00:00Z'),
			provider,
			feeCents: 209_88n,
			vat: {
				vatRateBp: null,
				vatCents: 0,
				totalCents: 209_88,
				vatNumber: 'NL812345678B01',
				exemptionText: 'Over de afdracht wordt geen btw in rekening gebracht (vrijgesteld).',
			},
			reason: 'Omzet gecorrigeerd na controle',
		})
		const text = pdfText(pdf)
		expect(text).toContain('Creditnota')
		expect(text).toContain('KIBG-C-2032-0001')
		expect(text).toContain('KIBG-F-2032-0007')
		expect(text).toContain('€ -209,88')
		expect(text).toContain('Omzet gecorrigeerd na controle')
		expect(text).toContain('Praktijk De Linde & Co')
	})
})
