// The agreement (overeenkomst) for mark year Y (003 §3.1): the parties, the year's fee rate and
// minimum, the conditions (listing, qualification deadline, revisions, withdrawal grounds) and —
// once signed — who signed, in which function, when and from which address. The conditions come
// from the snapshot taken when the agreement was offered, never from today's settings.
import { formatEuro, formatFeeRate } from '#app/i18n/format.ts'
import {
	colors,
	createPdf,
	facts,
	footer,
	heading,
	keepTogether,
	kibg,
	letterhead,
	paragraph,
	renderPdf,
} from './pdf.ts'

export interface AgreementParty {
	name: string
	kvkNumber: string
	agbCode: string
	street: string
	houseNumber: string
	postcode: string
	city: string
	type: 'independent_practice' | 'institution'
}

export interface AgreementSignature {
	name: string
	function: string
	/** Dutch date and time in Amsterdam, e.g. '12 november 2026 om 14:05'. */
	signedAt: string
	ip: string
	consentText: string
}

export interface AgreementPdfInput {
	year: number
	markName: string
	feeRateBp: number
	minimumFeeCents: number
	turnoverLabel: string
	listingOn: string // Dutch date
	qualificationDeadline: string // Dutch date
	/** Dutch date: the day after the deadline, when a re-applicant that qualified is listed at the earliest. */
	reapplicantListingOn: string
	maxRevisions: number
	/** DOMAIN.md §3: 0 = revisions due at the qualification deadline. */
	revisionGraceDays: number
	offeredOn: string // Dutch date
	provider: AgreementParty
	isReapplicant: boolean
	/** Null: the unsigned draft. */
	signature: AgreementSignature | null
	createdAt: Date
}

const TYPE_LABELS = { independent_practice: 'vrijgevestigde aanbieder', institution: 'GGZ-instelling' } as const

export async function agreementPdf(input: AgreementPdfInput): Promise<Buffer> {
	const title = `Overeenkomst ${input.markName} ${input.year}`
	const doc = createPdf({ title, subject: `${title} — ${input.provider.name}`, createdAt: input.createdAt })
	letterhead(doc, input.markName)
	doc.font('Helvetica-Bold').fontSize(18).fillColor(colors.primary).text(title)
	if (!input.signature) {
		doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).fillColor(colors.muted).text('CONCEPT — nog niet ondertekend')
	}
	doc.fillColor(colors.text).moveDown(0.8)

	heading(doc, 'Partijen')
	paragraph(doc, `1. ${kibg.name}, ${kibg.address}, ${kibg.kvk}, hierna "KiBG";`)
	const p = input.provider
	paragraph(
		doc,
		`2. ${p.name}, ${TYPE_LABELS[p.type]}, ${p.street} ${p.houseNumber}, ${p.postcode} ${p.city}, KvK-nummer ${p.kvkNumber}, AGB-code ${p.agbCode}, hierna "de zorgaanbieder".`,
	)

	heading(doc, 'Kerngegevens')
	facts(doc, [
		['Keurmerkjaar', String(input.year)],
		['Afdrachtpercentage', formatFeeRate(input.feeRateBp, 'nl')],
		['Minimale afdracht', `${formatEuro(input.minimumFeeCents, 'nl')} per jaar`],
		['Grondslag', capitalize(input.turnoverLabel)],
		[
			'Opname in het register',
			input.isReapplicant
				? `na tijdige kwalificatie, op zijn vroegst per ${input.reapplicantListingOn}`
				: input.listingOn,
		],
		['Kwalificeren uiterlijk', input.qualificationDeadline],
		['Aangeboden op', input.offeredOn],
	])

	heading(doc, 'Artikel 1 — Keurmerk en register')
	paragraph(
		doc,
		input.isReapplicant
			? `Het keurmerk werd de zorgaanbieder eerder ingetrokken. De zorgaanbieder wordt in het Keurmerkregister opgenomen zodra zij zich tijdig heeft gekwalificeerd, op zijn vroegst per ${input.reapplicantListingOn}.`
			: `De zorgaanbieder die deze overeenkomst vóór ${input.listingOn} ondertekend retourneert, wordt per ${input.listingOn} als keurmerkdrager opgenomen in het Keurmerkregister.`,
	)
	heading(doc, 'Artikel 2 — Kwalificatie')
	paragraph(
		doc,
		`De zorgaanbieder toont met een zelfevaluatie aan dat zij voldoet aan alle normen van ${input.year}. De zelfevaluatie wordt uiterlijk ${input.qualificationDeadline} ingediend. KiBG kan om aanpassing vragen; er ${input.maxRevisions === 1 ? 'is één aangepaste zelfevaluatie' : `zijn ${input.maxRevisions} aangepaste zelfevaluaties`} mogelijk, in te dienen binnen de kwalificatieperiode (uiterlijk ${input.qualificationDeadline})${input.revisionGraceDays > 0 ? `; wordt de aanpassing later dan ${input.revisionGraceDays} dagen voor die datum gevraagd, dan binnen ${input.revisionGraceDays} dagen na het verzoek` : ''}. KiBG voert na de kwalificatie gesprekken met een steekproef van gekwalificeerde keurmerkdragers.`,
	)
	heading(doc, 'Artikel 3 — Afdracht')
	paragraph(
		doc,
		`De zorgaanbieder draagt ${formatFeeRate(input.feeRateBp, 'nl')} af van de ${input.turnoverLabel} over ${input.year}, met een minimum van ${formatEuro(input.minimumFeeCents, 'nl')}. De zorgaanbieder geeft deze omzet na afloop van het jaar op in het Keurmerkportaal; KiBG stuurt daarna een factuur.`,
	)
	heading(doc, 'Artikel 4 — Intrekking')
	paragraph(doc, 'KiBG trekt het keurmerk in en ontbindt deze overeenkomst wanneer:')
	paragraph(
		doc,
		[
			`a. de zorgaanbieder zich niet uiterlijk ${input.qualificationDeadline} heeft gekwalificeerd (intrekking per de dag daarna);`,
			'b. de zorgaanbieder de afdracht niet tijdig betaalt;',
			'c. uit de steekproef blijkt dat de zorgaanbieder zich onterecht heeft gekwalificeerd;',
			'd. de zorgaanbieder daar zelf om verzoekt.',
		].join('\n'),
	)
	paragraph(doc, 'Na intrekking wordt de zorgaanbieder uit het Keurmerkregister verwijderd.')

	// The signing block stays on one page (with its heading): the concept and the signed copy have
	// the same pages.
	keepTogether(doc, 150)
	heading(doc, 'Ondertekening')
	const signature = input.signature
	if (signature) {
		facts(doc, [
			['Ondertekend door', signature.name],
			['Functie', signature.function],
			['Datum en tijd', signature.signedAt],
			['IP-adres', signature.ip],
		])
		paragraph(doc, `Verklaring: "${signature.consentText}"`)
		paragraph(doc, 'Elektronisch ondertekend in het Keurmerkportaal.')
	} else {
		paragraph(
			doc,
			'Deze overeenkomst wordt elektronisch ondertekend in het Keurmerkportaal door een tekenbevoegde van de zorgaanbieder.',
		)
	}
	footer(doc, `${title} · ${p.name}`)
	return renderPdf(doc)
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1)
}
