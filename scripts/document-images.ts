// npm run docs:documents
//
// Renders the portal's PDFs with sample data for a 2018, a 2022 and a 2025 mark year (each with its
// own settings: mark name, fee base, VAT) and keeps small page images in docs/documents/, so a
// reader sees what a provider receives without running the portal. Needs poppler's pdftoppm.
// The tests that read every document back are test/integration/documents.test.ts.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { withdrawalDay } from '#app/domain/calendar.ts'
import { feeBreakdown, invoiceVat } from '#app/domain/fees.ts'
import { defaultYearSettings, type YearSettings } from '#app/domain/year-settings.ts'
import { formatCalendarDay } from '#app/i18n/format.ts'
import { agreementPdf } from '#templates/agreement.ts'
import { certificatePdf } from '#templates/certificate.ts'
import { creditNotePdf } from '#templates/credit-note.ts'
import { invoicePdf } from '#templates/invoice.ts'
import { withdrawalLetterPdf } from '#templates/withdrawal-letter.ts'

const target = path.resolve('docs/documents')
const work = mkdtempSync(path.join(os.tmpdir(), 'documents-'))
const createdAt = new Date('2025-01-01T00:00:00Z')
const provider = {
	name: 'Praktijk De Linde',
	kvkNumber: '12345678',
	agbCode: '94001234',
	street: 'Oudegracht',
	houseNumber: '12a',
	postcode: '3511 AB',
	city: 'Utrecht',
	type: 'independent_practice' as const,
}

// A few pages are kept (every document of 2025, and the ones whose wording differs by year);
// the test renders and reads all of them for every year.
const KEEP = new Set([
	'2018-certificaat',
	'2018-intrekkingsbrief',
	'2022-factuur',
	'2025-overeenkomst-getekend-p1',
	'2025-overeenkomst-getekend-p2',
	'2025-certificaat',
	'2025-factuur',
	'2025-creditnota',
])

/** Page `page` of the PDF as `name`.png at 60 dpi (small enough to keep in git). */
function image(pdf: Buffer, name: string, page = 1) {
	if (!KEEP.has(name)) return
	const file = path.join(work, `${name}.pdf`)
	writeFileSync(file, pdf)
	execFileSync('pdftoppm', [
		'-png',
		'-r',
		'60',
		'-f',
		String(page),
		'-l',
		String(page),
		'-singlefile',
		file,
		path.join(target, name),
	])
	console.log(`docs/documents/${name}.png`)
}

async function documentsFor(settings: YearSettings) {
	const y = settings.year
	const turnoverCents = 12_345_678n
	const breakdown = feeBreakdown(turnoverCents, settings.feeRateBp, settings.minimumFeeCents)
	const vat = {
		...invoiceVat(breakdown.feeCents, settings.feeVatRateBp),
		vatNumber: settings.vatNumber,
		exemptionText: settings.vatExemptionText,
	}
	const signed = await agreementPdf({
		year: y,
		markName: settings.markName,
		feeRateBp: settings.feeRateBp,
		minimumFeeCents: settings.minimumFeeCents,
		turnoverLabel: settings.turnoverLabel,
		// The year's own dates, as the portal prints them (never a fixed "1 April").
		listingOn: formatCalendarDay(settings.listingOn, 'nl'),
		qualificationDeadline: formatCalendarDay(settings.qualificationDeadline, 'nl'),
		reapplicantListingOn: formatCalendarDay(withdrawalDay(settings.qualificationDeadline), 'nl'),
		maxRevisions: settings.maxRevisions,
		revisionGraceDays: settings.revisionGraceDays,
		offeredOn: `15 juni ${y - 1}`,
		provider,
		isReapplicant: false,
		signature: {
			name: 'Anna de Vries',
			function: 'Directeur',
			signedAt: `2 juli ${y - 1} om 14:00`,
			ip: '203.0.113.7',
			consentText: `Ik verklaar bevoegd te zijn ${provider.name} te vertegenwoordigen en ga namens ${provider.name} akkoord met de overeenkomst voor het keurmerkjaar ${y}.`,
		},
		createdAt,
	})
	image(signed, `${y}-overeenkomst-getekend-p1`, 1)
	image(signed, `${y}-overeenkomst-getekend-p2`, 2)
	const number = `KBG-${y}-0042`
	image(
		await certificatePdf({
			number,
			markName: settings.markName,
			year: y,
			providerName: provider.name,
			providerCity: provider.city,
			issuedOn: `20 februari ${y}`,
			validUntil: `31 december ${y}`,
			verificationUrl: `https://keurmerk.example/verifieer/${number}`,
			issuedAt: createdAt,
		}),
		`${y}-certificaat`,
	)
	const invoiceNumber = `KIBG-F-${y + 1}-0007`
	image(
		await invoicePdf({
			number: invoiceNumber,
			markName: settings.markName,
			year: y,
			issuedOn: `3 februari ${y + 1}`,
			dueOn: `5 maart ${y + 1}`,
			issuedAt: createdAt,
			provider,
			turnoverLabel: settings.turnoverLabel,
			turnoverCents,
			feeRateBp: settings.feeRateBp,
			minimumFeeCents: settings.minimumFeeCents,
			breakdown,
			vat,
		}),
		`${y}-factuur`,
	)
	image(
		await creditNotePdf({
			number: `KIBG-C-${y + 1}-0001`,
			invoiceNumber,
			invoiceIssuedOn: `3 februari ${y + 1}`,
			markName: settings.markName,
			year: y,
			issuedOn: `10 februari ${y + 1}`,
			issuedAt: createdAt,
			provider,
			feeCents: BigInt(breakdown.feeCents),
			vat,
			reason: 'Omzet gecorrigeerd na controle.',
		}),
		`${y}-creditnota`,
	)
	image(
		await withdrawalLetterPdf({
			markName: settings.markName,
			year: y,
			providerName: provider.name,
			providerAddress: [`${provider.street} ${provider.houseNumber}`, `${provider.postcode} ${provider.city}`],
			kvkNumber: provider.kvkNumber,
			reasonLabel: 'Niet tijdig gekwalificeerd',
			effectiveOn: formatCalendarDay(withdrawalDay(settings.qualificationDeadline), 'nl'),
			letterDate: formatCalendarDay(withdrawalDay(settings.qualificationDeadline), 'nl'),
			explanation:
				'De zorgaanbieder heeft zich niet binnen de kwalificatieperiode gekwalificeerd (handboek van het keurmerk, §3.3).',
			certificateNumber: null,
			agreementSigned: true,
			objectionPeriodDays: settings.objectionPeriodDays,
			objectionBy: `13 mei ${y}`,
			decidedBy: 'Het bedrijfsbureau van Stichting KiBG',
			createdAt,
		}),
		`${y}-intrekkingsbrief`,
	)
}

mkdirSync(target, { recursive: true })
try {
	await documentsFor(defaultYearSettings(2018))
	await documentsFor(defaultYearSettings(2022))
	// 2025 with VAT on the fee, to show the VAT lines (the default is the exemption text).
	await documentsFor({ ...defaultYearSettings(2025), feeVatRateBp: 2100 })
} finally {
	rmSync(work, { recursive: true, force: true })
}
