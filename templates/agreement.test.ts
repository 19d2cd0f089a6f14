import { describe, expect, it } from 'vitest'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { type AgreementPdfInput, agreementPdf } from './agreement.ts'

const input: AgreementPdfInput = {
	year: 2027,
	markName: 'Keurmerk Kortdurende Generalistische GGZ',
	feeRateBp: 185,
	minimumFeeCents: 7500,
	turnoverLabel: 'gerealiseerde omzet GBGGZ',
	listingOn: '1 januari 2027',
	qualificationDeadline: '31 maart 2027',
	reapplicantListingOn: '1 april 2027',
	maxRevisions: 1,
	revisionGraceDays: 0,
	offeredOn: '3 juli 2026',
	provider: {
		name: 'Psychologenpraktijk Één & Ander',
		kvkNumber: '12345678',
		agbCode: '94001234',
		street: 'Oudegracht',
		houseNumber: '1a',
		postcode: '3511 AB',
		city: "'s-Hertogenbosch",
		type: 'independent_practice',
	},
	isReapplicant: false,
	signature: null,
	createdAt: new Date('2026-07-03T10:00:00Z'),
}

describe('agreement PDF', () => {
	it('carries the parties, the fee rate and minimum, the dates and the withdrawal grounds; a draft says so', async () => {
		const text = pdfText(await agreementPdf(input))
		expect(text).toContain('Overeenkomst Keurmerk Kortdurende Generalistische GGZ 2027')
		expect(text).toContain('CONCEPT')
		expect(text).toContain('Psychologenpraktijk Één & Ander')
		expect(text).toContain('3511 AB')
		expect(text).toContain('Hertogenbosch') // pdfkit may break the line after "'s-"
		expect(text).toContain('KvK-nummer 12345678')
		expect(text).toContain('AGB-code 94001234')
		expect(text).toContain('1,85 %')
		expect(text).toContain('€ 75,00 per jaar')
		expect(text).toMatch(/per 1\s+januari 2027/)
		expect(text).toMatch(/uiterlijk\s+31 maart 2027/)
		expect(text).toContain('niet tijdig betaalt')
		expect(text).toContain('onterecht heeft gekwalificeerd')
	})

	it('prints the signature when signed, and the re-applicant rule when the mark was withdrawn before', async () => {
		const text = pdfText(
			await agreementPdf({
				...input,
				isReapplicant: true,
				signature: {
					name: 'Anna de Vries',
					function: 'Directeur',
					signedAt: '4 juli 2026 om 14:05',
					ip: '203.0.113.7',
					consentText: 'Ik ga akkoord.',
				},
			}),
		)
		expect(text).not.toContain('CONCEPT')
		expect(text).toContain('Anna de Vries')
		expect(text).toContain('Directeur')
		expect(text).toContain('4 juli 2026 om 14:05')
		expect(text).toContain('203.0.113.7')
		expect(text).toMatch(/op zijn vroegst per\s+1\s+april\s+2027/)
		expect(text).not.toMatch(/per 1\s+januari 2027\s+als keurmerkdrager/)
	})

	it("names a re-applicant's listing day from the year's own deadline, never a fixed 1 April", async () => {
		// A year whose deadline moved to 14 April: the re-applicant is listed from 15 April at the earliest.
		const text = pdfText(
			await agreementPdf({
				...input,
				qualificationDeadline: '14 april 2027',
				reapplicantListingOn: '15 april 2027',
				isReapplicant: true,
			}),
		)
		expect(text).toMatch(/op zijn vroegst per\s+15\s+april\s+2027/)
		expect(text).not.toMatch(/per\s+1\s+april/)
	})
})
