// The letter that confirms a withdrawal of the Keurmerk (003 §3.3): to whom, why, from when, and
// what it means (out of the register, the agreement dissolved, the certificate no longer valid).
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
		`Vanaf ${input.effectiveOn} staat uw organisatie niet meer in het Keurmerkregister en mag u het keurmerk en het logo niet meer voeren. De overeenkomst voor ${input.year} is per die datum ontbonden (Handboek Keurmerk Basis GGZ §3.3).`,
	)
	paragraph(
		doc,
		'Bent u het niet eens met dit besluit, of heeft u vragen? Neem dan binnen zes weken na de datum van deze brief contact met ons op via ' +
			`${kibg.email}.`,
	)
	paragraph(doc, 'Met vriendelijke groet,')
	paragraph(doc, `${input.decidedBy}\nnamens het bestuur van ${kibg.name}`)
	footer(doc, `${input.markName} · intrekking ${input.year} · ${input.providerName}`)
	return renderPdf(doc)
}
