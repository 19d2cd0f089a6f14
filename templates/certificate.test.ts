import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { certificatePdf } from './certificate.ts'

// Read the PDF back as a reader would: poppler's pdftotext.
function pdfText(pdf: Buffer): string {
	const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pdf-')), 'doc.pdf')
	writeFileSync(file, pdf)
	return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

describe('certificate PDF', () => {
	it('carries the number, provider, year, validity and the verification URL', async () => {
		const pdf = await certificatePdf({
			number: 'KBG-2027-0042',
			markName: 'Keurmerk Kortdurende Generalistische GGZ',
			year: 2027,
			providerName: 'Psychologenpraktijk Één & Ander',
			providerCity: "'s-Hertogenbosch",
			issuedOn: '10 maart 2027',
			validUntil: '31 december 2027',
			verificationUrl: 'https://keurmerk.example/verifieer/KBG-2027-0042',
			issuedAt: new Date('2027-03-10T10:00:00Z'),
		})
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
		const text = pdfText(pdf)
		expect(text).toContain('Keurmerkcertificaat')
		expect(text).toContain('KBG-2027-0042')
		expect(text).toContain('Psychologenpraktijk Één & Ander')
		expect(text).toContain("'s-Hertogenbosch")
		expect(text).toContain('Keurmerk Kortdurende Generalistische GGZ 2027')
		expect(text).toContain('31 december 2027')
		expect(text).toContain('https://keurmerk.example/verifieer/KBG-2027-0042')
	})
})
