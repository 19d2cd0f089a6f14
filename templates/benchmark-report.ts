// The PDF "Spiegelrapportage <jaar>" (DOMAIN.md §9): the mark's name of that year, one section per
// indicator with the reading in words, the norm it relates to, the same charts as the page (the
// same SVG, drawn by svg-to-pdfkit) and the numbers as a table. Built from the page's view model
// (app/components/benchmark/report-view.ts), so page and PDF say the same.
import SVGtoPDF from 'svg-to-pdfkit'
import { distributionSvg, trendSvg } from '#app/components/charts/benchmark-svg.ts'
import type { ReportView } from '#app/i18n/benchmark-report.ts'
import type { Locale } from '#app/i18n/catalogue.ts'
import { createTranslate } from '#app/i18n/translate.ts'
import { colors, createPdf, footer, heading, letterhead, paragraph, renderPdf, type Pdf } from './pdf.ts'

export interface BenchmarkReportInput {
	view: ReportView
	markName: string
	providerName: string
	year: number
	locale: Locale
	createdAt: Date
}

const CONTENT_WIDTH = 595.28 - 128

function svg(doc: Pdf, markup: string) {
	// The charts are 640 units wide: scale to the text width, keep the proportions.
	const [, width = '640', height = '200'] = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(markup) ?? []
	const scaledHeight = (Number(height) / Number(width)) * CONTENT_WIDTH
	if (doc.y + scaledHeight > doc.page.height - doc.page.margins.bottom) doc.addPage()
	SVGtoPDF(doc, markup, doc.page.margins.left, doc.y, { width: CONTENT_WIDTH, height: scaledHeight, assumePt: false })
	doc.y += scaledHeight + 6
	doc.x = doc.page.margins.left
}

function table(doc: Pdf, header: string[], rows: string[][], widths: number[]) {
	const left = doc.page.margins.left
	const line = (cells: string[], bold: boolean) => {
		if (doc.y + 16 > doc.page.height - doc.page.margins.bottom) doc.addPage()
		const y = doc.y
		let x = left
		let bottom = y
		cells.forEach((cell, index) => {
			const width = widths[index] ?? 60
			doc
				.font(bold ? 'Helvetica-Bold' : 'Helvetica')
				.fontSize(8.5)
				.fillColor(colors.text)
			doc.text(cell, x, y, { width: width - 4 })
			bottom = Math.max(bottom, doc.y)
			x += width
		})
		doc.y = bottom + 2
	}
	line(header, true)
	doc
		.moveTo(left, doc.y)
		.lineTo(left + CONTENT_WIDTH, doc.y)
		.lineWidth(0.5)
		.stroke(colors.rule)
	doc.y += 2
	for (const row of rows) line(row, false)
	doc.x = left
	doc.moveDown(0.6)
}

export async function benchmarkReportPdf(input: BenchmarkReportInput): Promise<Buffer> {
	const t = createTranslate(input.locale)
	const { view } = input
	const doc = createPdf({ title: view.title, subject: `${input.markName} ${input.year}`, createdAt: input.createdAt })
	letterhead(doc, input.markName)
	doc.font('Helvetica-Bold').fontSize(20).fillColor(colors.primary).text(view.title)
	doc.moveDown(0.3).font('Helvetica').fontSize(12).fillColor(colors.text).text(input.providerName)
	doc.moveDown(0.6)
	paragraph(doc, view.lead)
	paragraph(doc, view.submitted)
	doc.fillColor(colors.muted)
	paragraph(doc, view.privacy)
	for (const [index, indicator] of view.indicators.entries()) {
		if (index > 0 || doc.y > doc.page.height / 2) doc.addPage()
		heading(doc, indicator.label, 14)
		if (indicator.norm)
			doc.font('Helvetica-Bold').fontSize(10).fillColor(colors.primary).text(indicator.norm).moveDown(0.2)
		if (indicator.normNote)
			doc.font('Helvetica').fontSize(9).fillColor(colors.muted).text(indicator.normNote).moveDown(0.3)
		if (indicator.help) doc.font('Helvetica').fontSize(9).fillColor(colors.muted).text(indicator.help).moveDown(0.4)
		doc
			.font('Helvetica-Bold')
			.fontSize(11)
			.fillColor(colors.text)
			.text(t('benchmark.ownValue', { value: indicator.value }))
		doc.moveDown(0.3)
		paragraph(doc, indicator.reading)
		if (indicator.comparison) paragraph(doc, indicator.comparison)
		if (indicator.missingGroups) {
			doc.fillColor(colors.muted)
			paragraph(doc, indicator.missingGroups)
		}
		if (indicator.distributionChart) svg(doc, distributionSvg(indicator.distributionChart))
		if (indicator.groups.length || indicator.trend.length) {
			doc.fillColor(colors.muted)
			paragraph(doc, t('benchmark.tableUnitNote', { unit: indicator.unit }))
		}
		if (indicator.groups.length)
			table(
				doc,
				[
					t('benchmark.tableGroup'),
					t('benchmark.tableN'),
					'P10',
					'P25',
					t('benchmark.tableMedian'),
					'P75',
					'P90',
					t('benchmark.tablePosition'),
				],
				indicator.groups.map((group) => [
					group.label,
					String(group.n),
					group.p10,
					group.p25,
					group.p50,
					group.p75,
					group.p90,
					group.position ?? '—',
				]),
				[122, 34, 42, 42, 46, 42, 42, 97],
			)
		if (indicator.trendChart) svg(doc, trendSvg(indicator.trendChart))
		if (indicator.trend.length)
			table(
				doc,
				[t('benchmark.tableYear'), t('benchmark.tableOwn'), t('benchmark.tableFieldMedian')],
				indicator.trend.map((point) => [String(point.year), point.own, point.median]),
				[80, 140, 140],
			)
	}
	footer(doc, view.title, (page, count) => t('benchmark.pdfPage', { page, count }))
	return renderPdf(doc)
}
