// The whole self-evaluation as a PDF (issue 13): for the board, for the interview, for the
// archive. Every applicable norm with its criteria, the provider's answers (texts, numbers,
// addresses, ticked elements, declarations), the names of the attached documents, and, for a
// decided round, the assessor's verdict and feedback per criterion. In the reader's language;
// the norm texts themselves are KiBG's (Dutch) and shown as they are.
import type { EvidenceItem } from '#app/domain/norm-set.ts'
import type { EvidenceAnswer } from '#app/domain/self-evaluation.ts'
import type { Locale } from '#app/i18n/catalogue.ts'
import { createTranslate } from '#app/i18n/translate.ts'
import {
	checkItem,
	colors,
	createPdf,
	facts,
	footer,
	heading,
	keepTogether,
	letterhead,
	paragraph,
	renderPdf,
} from './pdf.ts'

export interface SelfEvaluationPdfInput {
	locale: Locale
	markName: string
	providerName: string
	year: number
	roundNumber: number
	/** Already written out: "Ingediend op 12 maart 2027 14:02 · gekwalificeerd", or the draft's state. */
	statusLine: string
	/** What is still missing (a draft), one line per criterion. */
	missing: string[]
	norms: {
		code: string
		title: string
		clientPromise: string | null
		criteria: {
			code: string
			text: string
			items: { item: EvidenceItem; answer: EvidenceAnswer | undefined; documents: string[] }[]
			verdict: { sufficient: boolean; feedback: string | null } | null
		}[]
	}[]
	/** "12 maart 2027 14:02": when the PDF was made. */
	madeOn: string
	createdAt: Date
}

export async function selfEvaluationPdf(input: SelfEvaluationPdfInput): Promise<Buffer> {
	const t = createTranslate(input.locale)
	const title = t('selfEvaluation.pdfTitle', { year: input.year, provider: input.providerName })
	const doc = createPdf({ title, createdAt: input.createdAt })
	letterhead(doc, input.markName)
	heading(doc, title, 16)
	facts(doc, [
		[t('selfEvaluation.pdfProvider'), input.providerName],
		[t('selfEvaluation.pdfRound'), String(input.roundNumber)],
		[t('selfEvaluation.pdfStatus'), input.statusLine],
		[t('selfEvaluation.pdfMadeOn'), input.madeOn],
	])
	if (input.missing.length) {
		heading(doc, t('selfEvaluation.pdfMissing'), 11)
		for (const line of input.missing) paragraph(doc, `• ${line}`)
	}
	for (const norm of input.norms) {
		keepTogether(doc, 80)
		heading(doc, t('selfEvaluation.normLink', { code: norm.code, title: norm.title }), 14)
		if (norm.clientPromise) paragraph(doc, `${t('selfEvaluation.clientPromise')}: ${norm.clientPromise}`)
		for (const criterion of norm.criteria) {
			keepTogether(doc, 70)
			heading(doc, t('selfEvaluation.criterionTitle', { code: criterion.code }), 11.5)
			doc.fillColor(colors.muted)
			paragraph(doc, criterion.text)
			for (const { item, answer, documents } of criterion.items) {
				keepTogether(doc, 40)
				doc.font('Helvetica-Bold').fontSize(10).fillColor(colors.text).text(item.label).moveDown(0.2)
				for (const line of answerLines(item, answer, documents, input.locale, t)) {
					if (typeof line === 'string') paragraph(doc, line)
					else checkItem(doc, line.checked, line.text)
				}
				doc.moveDown(0.2)
			}
			if (criterion.verdict) {
				keepTogether(doc, 30)
				doc
					.font('Helvetica-Bold')
					.fontSize(10)
					.fillColor(criterion.verdict.sufficient ? '#1e6b3a' : '#b3261e')
					.text(
						`${t('selfEvaluation.pdfVerdict')}: ${t(
							criterion.verdict.sufficient ? 'selfEvaluation.verdictSufficient' : 'selfEvaluation.verdictInsufficient',
						)}`,
					)
				doc.fillColor(colors.text)
				if (criterion.verdict.feedback) paragraph(doc, criterion.verdict.feedback)
				else doc.moveDown(0.4)
			}
		}
	}
	footer(doc, title, (page, count) => t('selfEvaluation.pdfPage', { page, count }))
	return renderPdf(doc)
}

/** A line of an answer: text, or an element of a list with its box (ticked or not). */
type AnswerLine = string | { checked: boolean; text: string }

function answerLines(
	item: EvidenceItem,
	answer: EvidenceAnswer | undefined,
	documents: string[],
	locale: Locale,
	t: ReturnType<typeof createTranslate>,
): AnswerLine[] {
	const lines: AnswerLine[] = []
	if (answer?.text?.trim()) lines.push(answer.text)
	if (answer?.url?.trim()) lines.push(answer.url)
	if (answer?.number !== undefined && answer.number !== null)
		lines.push(locale === 'nl' ? String(answer.number).replace('.', ',') : String(answer.number))
	if (item.kind === 'declaration')
		lines.push({
			checked: Boolean(answer?.declared),
			text: `${t(answer?.declared ? 'selfEvaluation.declared' : 'selfEvaluation.notDeclared')}: ${item.statement}`,
		})
	// Every element the item asks for, ticked or not: the reader sees what is missing too.
	const checked = new Set(answer?.checkedElements ?? [])
	const listed = listOf(item)
	for (const element of listed) lines.push({ checked: checked.has(element), text: element })
	for (const element of checked) if (!listed.includes(element)) lines.push({ checked: true, text: element })
	if (documents.length) lines.push(`${t('selfEvaluation.documentsTitle')}: ${documents.join(', ')}`)
	const answered = lines.some((line) => typeof line === 'string' || line.checked)
	if (!answered && item.kind !== 'declaration') lines.unshift(t('selfEvaluation.noAnswer'))
	return lines
}

/** The elements an item asks the provider to tick (a format's elements, a page's checklist); the
 * options of a choice (themes) show only as chosen. */
function listOf(item: EvidenceItem): string[] {
	if (item.kind === 'template_upload') return item.requiredElements
	if (item.kind === 'url') return item.checklist
	return []
}
