// The credit note that cancels an invoice (in full): its own number, the invoice it credits, the
// reason and the credited amount as a negative figure, as Dutch bookkeeping expects.
import { formatEuro } from '#app/domain/fees.ts'
import {
	type InvoiceParty,
	type InvoiceVatStatement,
	addressAndFacts,
	amountsTable,
	documentTitle,
	note,
	vatRows,
} from './invoice.ts'
import { createPdf, footer, kibg, letterhead, renderPdf } from './pdf.ts'

export interface CreditNotePdfInput {
	number: string
	invoiceNumber: string
	invoiceIssuedOn: string // Dutch date
	markName: string
	year: number
	issuedOn: string // Dutch date
	issuedAt: Date
	provider: InvoiceParty
	/** The fee of the credited invoice (without VAT) and its VAT statement. */
	feeCents: bigint
	vat: InvoiceVatStatement
	reason: string
}

export async function creditNotePdf(input: CreditNotePdfInput): Promise<Buffer> {
	const doc = createPdf({
		title: `Creditnota ${input.number}`,
		subject: `Creditering van factuur ${input.invoiceNumber}`,
		createdAt: input.issuedAt,
	})
	letterhead(doc, input.markName)
	documentTitle(doc, 'Creditnota')
	addressAndFacts(doc, input.provider, [
		['Creditnotanummer', input.number],
		['Datum', input.issuedOn],
		['Factuur', input.invoiceNumber],
		['Factuurdatum', input.invoiceIssuedOn],
		['Btw-nummer KiBG', input.vat.vatNumber],
	])
	amountsTable(doc, `Creditering afdracht ${input.markName} ${input.year}`, [
		{ label: `Factuur ${input.invoiceNumber}`, value: formatEuro(input.vat.totalCents) },
		...vatRows(input.feeCents, input.vat, -1),
	])
	if (input.vat.vatRateBp === null) note(doc, input.vat.exemptionText)
	note(doc, `Reden: ${input.reason}`)
	note(doc, `Met deze creditnota vervalt factuur ${input.invoiceNumber}. Vragen: ${kibg.email}.`)
	footer(doc, `${kibg.name} · ${kibg.kvk} · btw ${input.vat.vatNumber} · ${kibg.iban} · creditnota ${input.number}`)
	return renderPdf(doc)
}
