// The letter that confirms a withdrawal of the Keurmerk (003 §3.3): to whom, why, from when, and
// what it means (out of the register, the agreement dissolved, the certificate no longer valid),
// and how to object (bezwaar) within the year's period.
import { createPdf, facts, footer, heading, kibg, letterhead, paragraph, renderPdf } from './pdf.ts'

export interface WithdrawalLetterInput {
	markName: string
	year: number
	providerName: string
	providerAddress: string[]
	kvkNumber: string
	reasonLabel: string
	/** Dutch date, e.g. '1 april 2027'. */
	effectiveOn: string
	/** Dutch date of the letter. */
	letterDate: string
	explanation: string
	certificateNumber: string | null
	/** False for an application whose agreement was never signed: it lapses, nothing is dissolved. */
	agreementSigned: boolean
	/** Bezwaar: days after the letter's date, and the last day as a Dutch date (DOMAIN.md §3). */
	objectionPeriodDays: number
	objectionBy: string
	decidedBy: string
	createdAt: Date
}

export async function withdrawalLetterPdf(input: WithdrawalLetterInput): Promise<Buffer> {
	const doc = createPdf({
		title: `Intrekking ${input.markName} ${input.year} – ${input.providerName}`,
		createdAt: input.createdAt,
	})
	letterhead(doc, input.markName)
	doc
		.font('Helvetica')
		.fontSize(10)
		.text([input.providerName, ...input.providerAddress].join('\n'))
	doc.moveDown(1.5).text(`Utrecht, ${input.letterDate}`)
	heading(doc, `Betreft: intrekking ${input.markName} ${input.year}`)
	paragraph(doc, 'Geachte heer, mevrouw,')
	paragraph(
		doc,
		`Hierbij deelt Stichting KiBG u mee dat het ${input.markName} ${input.year} van ${input.providerName} wordt ingetrokken met ingang van ${input.effectiveOn}.`,
	)
	facts(doc, [
		['Zorgaanbieder', input.providerName],
		['KvK-nummer', input.kvkNumber],
		['Reden', input.reasonLabel],
		['Ingangsdatum', input.effectiveOn],
		...(input.certificateNumber
			? ([['Certificaat', `${input.certificateNumber} (niet langer geldig vanaf de ingangsdatum)`]] as [
					string,
					string,
				][])
			: []),
	])
	heading(doc, 'Toelichting', 11)
	paragraph(doc, input.explanation)
	heading(doc, 'Wat dit betekent', 11)
	paragraph(
		doc,
		input.agreementSigned
			? `Vanaf ${input.effectiveOn} staat uw organisatie niet meer in het Keurmerkregister en mag u het keurmerk en het logo niet meer voeren. De overeenkomst voor ${input.year} is per die datum ontbonden (handboek van het keurmerk, §3.3).`
			: `Uw aanvraag voor ${input.year} vervalt per ${input.effectiveOn}: de overeenkomst is niet ondertekend. Uw organisatie is niet opgenomen in het Keurmerkregister.`,
	)
	paragraph(doc, 'U kunt het keurmerk voor een volgend keurmerkjaar opnieuw aanvragen.')
	heading(doc, 'Bezwaar', 11)
	paragraph(
		doc,
		`Bent u het niet eens met dit besluit, dan kunt u binnen ${input.objectionPeriodDays} dagen na de datum van deze brief, dus uiterlijk ${input.objectionBy}, schriftelijk bezwaar maken bij het bestuur van ${kibg.name}, ${kibg.address}, of per e-mail via ${kibg.email}. Vermeld uw naam, uw KvK-nummer, de datum van deze brief en waarom u het niet eens bent met het besluit. Heeft u vragen, neem dan gerust contact met ons op.`,
	)
	paragraph(doc, 'Met vriendelijke groet,')
	paragraph(doc, `${input.decidedBy}\nnamens het bestuur van ${kibg.name}`)
	footer(doc, `${input.markName} · intrekking ${input.year} · ${input.providerName}`)
	return renderPdf(doc)
}
