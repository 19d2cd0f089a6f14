// Messages about the fee (afdracht, DOMAIN.md §6 and §8): the published percentage, the invoice
// (PDF attached), the overdue notice and a credit note. Amounts arrive formatted ('€ 1.234,56').
import { html } from '../html.ts'
import type { EmailContent } from '../layout.ts'
import { providerMessage } from '../message.ts'
import type { ParticipationMailBase } from './participation.ts'

export interface PaymentDetails {
	iban: string
	accountName: string
}

export interface FeeRatePublishedData extends ParticipationMailBase {
	rate: string
	minimumFee: string
	turnoverLabel: string
	turnoverReportDue: string
	/** An example makes a percentage concrete: '€ 100.000,00' → '€ 1.700,00'. */
	example: { turnover: string; fee: string } | null
}

export function feeRatePublished(data: FeeRatePublishedData): EmailContent {
	return providerMessage(data, {
		subject: `Afdrachtpercentage ${data.markName} ${data.year}: ${data.rate}`,
		blocks: [
			html`Stichting KiBG heeft het afdrachtpercentage voor het ${data.markName} ${data.year} vastgesteld op
				<strong>${data.rate}</strong> van de ${data.turnoverLabel}, met een minimum van ${data.minimumFee} per jaar.`,
			...(data.example
				? [
						`Voorbeeld: bij een ${data.turnoverLabel} van ${data.example.turnover} bedraagt de afdracht ${data.example.fee}.`,
					]
				: []),
			`De afdracht gaat over de gerealiseerde omzet van ${data.year}. Na afloop van het jaar geeft u die omzet op in het Keurmerkportaal (uiterlijk ${data.turnoverReportDue}); daarna ontvangt u de factuur.`,
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

export interface InvoiceIssuedData extends ParticipationMailBase, PaymentDetails {
	invoiceNumber: string
	issuedOn: string
	dueOn: string
	turnoverLabel: string
	turnover: string
	rate: string
	percentageFee: string
	minimumFee: string
	minimumApplied: boolean
	amount: string
}

export function invoiceIssued(data: InvoiceIssuedData): EmailContent {
	return providerMessage(data, {
		subject: `Factuur ${data.invoiceNumber}: afdracht ${data.markName} ${data.year}`,
		preheader: `Te betalen ${data.amount} uiterlijk ${data.dueOn}.`,
		blocks: [
			`Hierbij ontvangt u de factuur voor de afdracht over het ${data.markName} ${data.year}. De factuur zit als PDF bij dit bericht en staat ook in het Keurmerkportaal.`,
			{
				facts: [
					['Factuurnummer', data.invoiceNumber],
					['Factuurdatum', data.issuedOn],
					[`${capitalize(data.turnoverLabel)} ${data.year}`, data.turnover],
					['Afdrachtpercentage', data.rate],
					['Berekende afdracht', data.percentageFee],
					['Minimale afdracht', data.minimumFee],
					['Te betalen', data.amount],
					['Uiterste betaaldatum', data.dueOn],
				],
			},
			...(data.minimumApplied
				? [
						'De berekende afdracht is lager dan de minimale afdracht; daarom brengen wij de minimale afdracht in rekening.',
					]
				: []),
			html`Wij verzoeken u het bedrag van ${data.amount} <strong>uiterlijk ${data.dueOn}</strong> over te maken op
				${data.iban} ten name van ${data.accountName}, onder vermelding van het factuurnummer ${data.invoiceNumber}.`,
			'Klopt de omzet niet? Neem dan contact op met het bedrijfsbureau via keurmerk@kibg.nl; wij corrigeren de factuur met een creditnota.',
		],
		cta: 'Factuur bekijken',
	})
}

export interface InvoiceOverdueData extends ParticipationMailBase, PaymentDetails {
	invoiceNumber: string
	issuedOn: string
	dueOn: string
	amount: string
}

export function invoiceOverdue(data: InvoiceOverdueData): EmailContent {
	return providerMessage(data, {
		subject: `Herinnering: factuur ${data.invoiceNumber} is nog niet betaald`,
		preheader: `De uiterste betaaldatum was ${data.dueOn}.`,
		blocks: [
			`Volgens onze administratie is factuur ${data.invoiceNumber} van ${data.issuedOn} voor de afdracht over het ${data.markName} ${data.year} nog niet betaald. De uiterste betaaldatum was ${data.dueOn}.`,
			{
				facts: [
					['Factuurnummer', data.invoiceNumber],
					['Openstaand bedrag', data.amount],
					['Uiterste betaaldatum', data.dueOn],
				],
			},
			`Wij verzoeken u het bedrag zo snel mogelijk over te maken op ${data.iban} ten name van ${data.accountName}, onder vermelding van het factuurnummer. De factuur zit nogmaals bij dit bericht.`,
			'Heeft u inmiddels betaald? Dan kunt u dit bericht als niet verzonden beschouwen. Blijft de betaling uit, dan kan KiBG het keurmerk intrekken wegens het niet betalen van de afdracht.',
		],
		cta: 'Factuur bekijken',
	})
}

export interface CreditNoteIssuedData extends ParticipationMailBase {
	creditNoteNumber: string
	invoiceNumber: string
	issuedOn: string
	amount: string
	reason: string
	/** The credited invoice had been paid already. */
	paid: boolean
}

export function creditNoteIssued(data: CreditNoteIssuedData): EmailContent {
	return providerMessage(data, {
		subject: `Creditnota ${data.creditNoteNumber} bij factuur ${data.invoiceNumber}`,
		blocks: [
			`Hierbij ontvangt u een creditnota voor factuur ${data.invoiceNumber} (afdracht ${data.markName} ${data.year}). De creditnota zit als PDF bij dit bericht.`,
			{
				facts: [
					['Creditnota', data.creditNoteNumber],
					['Datum', data.issuedOn],
					['Factuur', data.invoiceNumber],
					['Gecrediteerd bedrag', data.amount],
				],
			},
			`Reden: ${data.reason}`,
			data.paid
				? 'U had deze factuur al betaald. Het bedrijfsbureau neemt contact met u op over de terugbetaling of verrekening.'
				: `U hoeft factuur ${data.invoiceNumber} niet meer te betalen. Volgt er een nieuwe factuur, dan ontvangt u die in een apart bericht.`,
		],
		cta: 'Naar het Keurmerkportaal',
	})
}

function capitalize(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1)
}
