// The fee invoice (DOMAIN.md §6): KiBG's details, the provider, the turnover of the year with its
// label, the rate, the minimum, the amount and the due date. The amounts come from the domain's
// `feeBreakdown`, the same numbers that are stored on the invoice.
import { type FeeBreakdown, type InvoiceVat, formatEuro, formatFeeRate } from '#app/domain/fees.ts'
import { type Pdf, colors, createPdf, footer, kibg, letterhead, renderPdf } from './pdf.ts'

export interface InvoiceParty {
	name: string
	street: string
	houseNumber: string
	postcode: string
	city: string
	kvkNumber: string
}

export interface InvoicePdfInput {
	number: string
	markName: string
	/** The mark year the fee is for. */
	year: number
	issuedOn: string // Dutch date
	dueOn: string // Dutch date
	issuedAt: Date
	provider: InvoiceParty
	turnoverLabel: string
	turnoverCents: bigint
	feeRateBp: number
	minimumFeeCents: number
	breakdown: FeeBreakdown
	/** VAT per the year's settings: KiBG's VAT number, and VAT lines or the exemption text. */
	vat: InvoiceVatStatement
}

export interface InvoiceVatStatement extends InvoiceVat {
	vatNumber: string
	exemptionText: string
}

export async function invoicePdf(input: InvoicePdfInput): Promise<Buffer> {
	const doc = createPdf({
		title: `Factuur ${input.number}`,
		subject: `Afdracht ${input.markName} ${input.year}`,
		createdAt: input.issuedAt,
	})
	letterhead(doc, input.markName)
	documentTitle(doc, 'Factuur')
	addressAndFacts(doc, input.provider, [
		['Factuurnummer', input.number],
		['Factuurdatum', input.issuedOn],
		['Uiterste betaaldatum', input.dueOn],
		['Uw KvK-nummer', input.provider.kvkNumber],
		['Btw-nummer KiBG', input.vat.vatNumber],
	])

	const turnoverLine = `${capitalize(input.turnoverLabel)} ${input.year}`
	amountsTable(doc, `Afdracht ${input.markName} ${input.year}`, [
		{ label: turnoverLine, value: formatEuro(input.turnoverCents) },
		{ label: 'Afdrachtpercentage', value: formatFeeRate(input.feeRateBp) },
		{
			label: `Berekende afdracht (${formatFeeRate(input.feeRateBp)} van ${formatEuro(input.turnoverCents)})`,
			value: formatEuro(input.breakdown.percentageFeeCents),
		},
		{ label: 'Minimale afdracht per jaar', value: formatEuro(input.minimumFeeCents) },
		...vatRows(input.breakdown.feeCents, input.vat),
	])
	if (input.vat.vatRateBp === null) note(doc, input.vat.exemptionText)
	if (input.breakdown.minimumApplied) {
		note(
			doc,
			'De berekende afdracht is lager dan de minimale afdracht; daarom wordt de minimale afdracht in rekening gebracht.',
		)
	}
	note(
		doc,
		`Wij verzoeken u ${formatEuro(input.vat.totalCents)} uiterlijk ${input.dueOn} over te maken op ${kibg.iban} ten name van ${kibg.name}, onder vermelding van factuurnummer ${input.number}.`,
	)
	note(
		doc,
		'De afdracht is een percentage van de opgegeven omzet, vastgesteld per keurmerkjaar (afdrachtpercentage en minimum). Vragen over deze factuur: ' +
			kibg.email +
			'.',
	)
	footer(doc, `${kibg.name} · ${kibg.kvk} · btw ${input.vat.vatNumber} · ${kibg.iban} · factuur ${input.number}`)
	return renderPdf(doc)
}

/** The fee, and — when it carries VAT — the VAT and the total; the last row is what is paid. */
export function vatRows(feeCents: number | bigint, vat: InvoiceVat, sign: 1 | -1 = 1): AmountRow[] {
	const amount = (cents: number | bigint) => formatEuro(BigInt(sign) * BigInt(cents))
	if (vat.vatRateBp === null)
		return [{ label: sign === 1 ? 'Te betalen' : 'Gecrediteerd', value: amount(feeCents), total: true }]
	return [
		{ label: 'Afdracht (excl. btw)', value: amount(feeCents) },
		{ label: `Btw ${formatFeeRate(vat.vatRateBp)}`, value: amount(vat.vatCents) },
		{ label: sign === 1 ? 'Te betalen' : 'Gecrediteerd', value: amount(vat.totalCents), total: true },
	]
}

// --- parts shared with the credit note ---

export function documentTitle(doc: Pdf, title: string) {
	doc.font('Helvetica-Bold').fontSize(22).fillColor(colors.primary).text(title, doc.page.margins.left, 120)
	doc.fillColor(colors.text).font('Helvetica').fontSize(10).moveDown(0.8)
}

/** The addressee on the left, the document's facts on the right. */
export function addressAndFacts(doc: Pdf, party: InvoiceParty, rows: [string, string][]) {
	const left = doc.page.margins.left
	const top = doc.y
	doc.font('Helvetica-Bold').fontSize(10).text(party.name, left, top, { width: 230 })
	doc.font('Helvetica').text(`${party.street} ${party.houseNumber}\n${party.postcode} ${party.city}`, { width: 230 })
	const addressBottom = doc.y
	let y = top
	const factsLeft = left + 260
	for (const [label, value] of rows) {
		doc.font('Helvetica-Bold').text(label, factsLeft, y, { width: 110 })
		doc
			.font('Helvetica')
			.text(value, factsLeft + 115, y, { width: doc.page.width - doc.page.margins.right - factsLeft - 115 })
		y = doc.y + 3
	}
	doc.x = left
	doc.y = Math.max(addressBottom, y) + 24
}

export interface AmountRow {
	label: string
	value: string
	total?: boolean
}

/** A description heading and label/amount rows, amounts right-aligned; the total in bold above a rule. */
export function amountsTable(doc: Pdf, description: string, rows: AmountRow[]) {
	const left = doc.page.margins.left
	const right = doc.page.width - doc.page.margins.right
	const amountWidth = 120
	doc.moveTo(left, doc.y).lineTo(right, doc.y).lineWidth(0.5).stroke(colors.rule)
	doc.moveDown(0.4)
	doc.font('Helvetica-Bold').fontSize(11).fillColor(colors.text).text(description, left, doc.y)
	doc.moveDown(0.4)
	for (const row of rows) {
		if (row.total) {
			doc.moveDown(0.2)
			doc.moveTo(left, doc.y).lineTo(right, doc.y).lineWidth(0.5).stroke(colors.rule)
			doc.moveDown(0.3)
		}
		const y = doc.y
		doc.font(row.total ? 'Helvetica-Bold' : 'Helvetica').fontSize(row.total ? 11 : 10)
		doc.text(row.label, left, y, { width: right - left - amountWidth - 10 })
		const labelBottom = doc.y
		doc.text(row.value, right - amountWidth, y, { width: amountWidth, align: 'right' })
		doc.y = Math.max(labelBottom, doc.y) + 3
	}
	doc.x = left
	doc.font('Helvetica').fontSize(10).moveDown(1)
}

export function note(doc: Pdf, text: string) {
	doc
		.font('Helvetica')
		.fontSize(10)
		.fillColor(colors.text)
		.text(text, doc.page.margins.left, doc.y, { lineGap: 2 })
		.moveDown(0.6)
}

export function capitalize(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1)
}
