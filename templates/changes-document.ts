// "Wijzigingen en overwegingen Keurmerk <jaar>" as a PDF, in the shape of seed 004: §1 the
// consultation process (organisations invited, written reactions, meetings), §2 the changes against
// the year before (a summary, the table of norm titles then and now, and per norm the main
// considerations and decisions). The text is KiBG's own document, so it is Dutch.
import { formatCalendarDay } from '#app/i18n/format.ts'
import { type ChangesDocument, type DocumentPoint, QUALITIES, type Quality } from '#app/domain/consultation.ts'
import { colors, createPdf, footer, heading, letterhead, paragraph, type Pdf, renderPdf } from './pdf.ts'

const QUALITY_LABELS: Record<Quality, string> = {
	completeness: 'Volledigheid',
	clarity: 'Duidelijkheid',
	workability: 'Werkbaarheid',
	ambition: 'Vooruitstrevendheid',
}

const DECISION_LABELS: Record<DocumentPoint['decision'], string> = {
	kept: 'gehandhaafd',
	changed: 'gewijzigd',
	dropped: 'vervallen',
}

export function changesDocumentTitle(document: Pick<ChangesDocument, 'markName' | 'year'>): string {
	return `Wijzigingen en overwegingen ${document.markName} ${document.year}`
}

/** The process paragraph of §1, as seed 004 words it ("… naar ongeveer 400 organisaties …"). */
export function processSentences(document: ChangesDocument): string[] {
	const { process, year, markName } = document
	const sentences: string[] = []
	if (document.previousYear)
		sentences.push(
			`Voor de ontwikkeling van het ${markName} ${year} vormden de normen van ${document.previousYear} het uitgangspunt.`,
		)
	const invited = process.organisationsInvited
		? ` naar ongeveer ${process.organisationsInvited} organisaties (keurmerkdragers, zorgverzekeraars en andere geïnteresseerden)`
		: ''
	sentences.push(
		`Het conceptkeurmerk is${invited} ter consultatie voorgelegd, van ${formatCalendarDay(process.opensOn, 'nl')} tot en met ${formatCalendarDay(process.closesOn, 'nl')}.`,
	)
	const { carrier, organisation, public: others } = process.reactionsByType
	const parts = [
		carrier ? `${carrier} van keurmerkdragers` : null,
		organisation ? `${organisation} van zorgverzekeraars en andere organisaties` : null,
		others ? `${others} van andere geïnteresseerden` : null,
	].filter(Boolean)
	sentences.push(
		process.reactions === 0
			? 'Er zijn geen schriftelijke reacties binnengekomen.'
			: `Er ${process.reactions === 1 ? 'is 1 schriftelijke reactie' : `zijn ${process.reactions} schriftelijke reacties`} binnengekomen${parts.length ? ` (${parts.join(', ')})` : ''}.`,
	)
	for (const meeting of process.meetings) {
		const who = meeting.participants ? ` met ${meeting.participants} deelnemers` : ''
		sentences.push(`Daarnaast is op ${formatCalendarDay(meeting.date, 'nl')} de ${meeting.title}${who} gehouden.`)
	}
	sentences.push(
		'Alle input is overwogen. In dit document zijn de belangrijkste overwegingen en wijzigingen beschreven.',
	)
	return sentences
}

export function ratingLine(ratings: NonNullable<ChangesDocument['norms'][number]['ratings']>): string {
	return QUALITIES.filter((quality) => ratings[quality].count > 0)
		.map(
			(quality) =>
				`${QUALITY_LABELS[quality]} ${String(ratings[quality].mean).replace('.', ',')} (n=${ratings[quality].count})`,
		)
		.join(' · ')
}

function point(doc: Pdf, entry: DocumentPoint) {
	const where = entry.criterionCode ? `Criterium ${entry.criterionCode}: ` : ''
	paragraph(doc, `${where}${entry.consideration} Besluit: ${DECISION_LABELS[entry.decision]}.`)
	if (entry.changedText) {
		doc.font('Helvetica-Oblique')
		paragraph(doc, `Nieuwe tekst: ${entry.changedText}`)
		doc.font('Helvetica')
	}
}

function quotes(doc: Pdf, list: ChangesDocument['general']['quotes']) {
	for (const quote of list) {
		doc.fillColor(colors.muted)
		paragraph(doc, `“${quote.text}” — ${quote.organisationName}`)
		doc.fillColor(colors.text)
	}
}

function normTable(doc: Pdf, document: ChangesDocument) {
	const left = doc.page.margins.left
	const width = (doc.page.width - left - doc.page.margins.right) / 2
	const row = (a: string, b: string, bold = false) => {
		const y = doc.y
		doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10)
		doc.text(a, left, y, { width: width - 8 })
		const bottom = doc.y
		doc.text(b, left + width, y, { width: width - 8 })
		doc.y = Math.max(doc.y, bottom) + 3
	}
	row(`Keurmerknormen ${document.previousYear ?? '–'}`, `Keurmerknormen ${document.year}`, true)
	for (const entry of document.normTable)
		row(
			entry.previous ? `Norm ${entry.previous.code}. ${entry.previous.title}` : '(nieuw)',
			entry.next ? `Norm ${entry.next.code}. ${entry.next.title}` : '(vervallen)',
		)
	doc.x = left
	doc.font('Helvetica').moveDown(0.5)
}

export async function changesDocumentPdf(document: ChangesDocument, createdAt: Date): Promise<Buffer> {
	const title = changesDocumentTitle(document)
	const doc = createPdf({ title, createdAt })
	letterhead(doc, document.markName)
	heading(doc, title, 16)
	paragraph(doc, `Vastgesteld op ${formatCalendarDay(document.adoptedAt.slice(0, 10), 'nl')}.`)

	heading(doc, `1. Consultatietraject ${document.markName} ${document.year}`)
	if (document.process.processText) paragraph(doc, document.process.processText)
	paragraph(doc, processSentences(document).join(' '))

	heading(
		doc,
		`2. Wijzigingen ${document.markName} ${document.year}${document.previousYear ? ` t.o.v. ${document.previousYear}` : ''}`,
	)
	heading(doc, 'Samenvatting van de wijzigingen', 11)
	if (document.summary) paragraph(doc, document.summary)
	normTable(doc, document)

	heading(doc, 'Overwegingen en wijzigingen per norm', 11)
	if (document.general.points.length || document.general.quotes.length) {
		heading(doc, 'Algemeen', 10)
		for (const entry of document.general.points) point(doc, entry)
		quotes(doc, document.general.quotes)
	}
	for (const norm of document.norms) {
		heading(doc, `Norm ${norm.code}. ${norm.title}`, 10)
		if (norm.reactions === 0 && norm.points.length === 0) {
			paragraph(doc, 'Op deze norm kwam geen reactie.')
			continue
		}
		paragraph(
			doc,
			`${norm.reactions === 1 ? '1 partij reageerde' : `${norm.reactions} partijen reageerden`} op deze norm of haar criteria.${norm.ratings ? ` Oordeel (gemiddeld, 1–5): ${ratingLine(norm.ratings)}.` : ''}`,
		)
		for (const entry of norm.points) point(doc, entry)
		quotes(doc, norm.quotes)
	}
	footer(doc, title)
	return renderPdf(doc)
}
