// The keurmerkcertificaat (DOMAIN.md §7): number, provider, year, validity, and a verification URL
// with a QR code that shows the live status (withdrawn certificates stay printed, not valid).
import QRCode from 'qrcode'
import { colors, createPdf, kibg, renderPdf } from './pdf.ts'

export interface CertificateInput {
	number: string
	markName: string
	year: number
	providerName: string
	providerCity: string
	issuedOn: string // Dutch date
	validUntil: string // Dutch date
	verificationUrl: string
	issuedAt: Date
}

export async function certificatePdf(input: CertificateInput): Promise<Buffer> {
	const doc = createPdf({
		title: `Keurmerkcertificaat ${input.number}`,
		subject: `${input.markName} ${input.year}`,
		createdAt: input.issuedAt,
	})
	const width = doc.page.width
	const inner = width - 128
	doc
		.rect(24, 24, width - 48, doc.page.height - 48)
		.lineWidth(3)
		.stroke(colors.primary)
	doc
		.rect(32, 32, width - 64, doc.page.height - 64)
		.lineWidth(0.5)
		.stroke(colors.primary)

	doc
		.fillColor(colors.primary)
		.font('Helvetica-Bold')
		.fontSize(30)
		.text('Keurmerkcertificaat', 64, 120, { width: inner, align: 'center' })
	doc
		.moveDown(0.4)
		.fillColor(colors.text)
		.font('Helvetica')
		.fontSize(16)
		.text(`${input.markName} ${input.year}`, { width: inner, align: 'center' })
	doc
		.moveDown(2)
		.fontSize(12)
		.fillColor(colors.muted)
		.text('Stichting KiBG verklaart dat', { width: inner, align: 'center' })
	doc
		.moveDown(0.6)
		.fillColor(colors.text)
		.font('Helvetica-Bold')
		.fontSize(24)
		.text(input.providerName, { width: inner, align: 'center' })
	doc.moveDown(0.2).font('Helvetica').fontSize(13).text(input.providerCity, { width: inner, align: 'center' })
	doc
		.moveDown(1.2)
		.fontSize(12)
		.text(
			`zich met de zelfevaluatie heeft gekwalificeerd voor het ${input.markName} ${input.year} en is opgenomen in het Keurmerkregister als keurmerkdrager.`,
			96,
			doc.y,
			{ width: width - 192, align: 'center', lineGap: 3 },
		)

	const factsTop = doc.y + 36
	const rows: [string, string][] = [
		['Certificaatnummer', input.number],
		['Afgegeven op', input.issuedOn],
		['Geldig tot en met', `${input.validUntil}, tenzij het keurmerk eerder wordt ingetrokken`],
	]
	let y = factsTop
	for (const [label, value] of rows) {
		doc.font('Helvetica-Bold').fontSize(11).fillColor(colors.text).text(label, 96, y, { width: 150 })
		doc.font('Helvetica').text(value, 250, y, { width: width - 346 })
		y = Math.max(doc.y, y + 16) + 6
	}

	const qr = await QRCode.toBuffer(input.verificationUrl, {
		type: 'png',
		errorCorrectionLevel: 'M',
		margin: 1,
		width: 240,
	})
	const qrSize = 110
	const qrTop = doc.page.height - 250
	doc.image(qr, (width - qrSize) / 2, qrTop, { width: qrSize, height: qrSize })
	doc
		.font('Helvetica')
		.fontSize(9)
		.fillColor(colors.muted)
		.text('Controleer de actuele status van dit certificaat:', 64, qrTop + qrSize + 8, {
			width: inner,
			align: 'center',
		})
		.fillColor(colors.primary)
		.text(input.verificationUrl, { width: inner, align: 'center', link: input.verificationUrl, underline: true })
	// The footer lies in the bottom margin: writing there must not start a second, empty page.
	doc.page.margins.bottom = 0
	doc
		.fillColor(colors.muted)
		.fontSize(8)
		.text(`${kibg.name} · ${kibg.email}`, 64, doc.page.height - 70, { width: inner, align: 'center', lineBreak: false })
	return renderPdf(doc)
}
