// The base of every PDF the portal makes (certificate, agreement, invoice, letter): A4, the
// standard Helvetica family (its WinAnsi encoding covers Dutch: ë, é, ï and €), KiBG's header and
// footer, and a Buffer at the end. Fixed metadata dates keep the output reproducible.
import PDFDocument from 'pdfkit'

export const colors = { primary: '#0b5f6b', text: '#1f2933', muted: '#52606d', rule: '#cbd2d9' }
export const kibg = {
	name: 'Stichting Kwaliteit in Basis GGZ (KiBG)',
	address: 'Postbus 1234, 3500 AA Utrecht',
	email: 'keurmerk@kibg.nl',
	kvk: 'KvK 12345678',
	iban: 'NL00 BANK 0123 4567 89',
}

export type Pdf = PDFKit.PDFDocument

export function createPdf({ title, subject, createdAt }: { title: string; subject?: string; createdAt: Date }): Pdf {
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: 72, bottom: 72, left: 64, right: 64 },
		info: {
			Title: title,
			Subject: subject ?? title,
			Author: kibg.name,
			Creator: 'Keurmerkportaal',
			CreationDate: createdAt,
			ModDate: createdAt,
		},
		bufferPages: true,
		autoFirstPage: true,
	})
	doc.font('Helvetica').fillColor(colors.text)
	return doc
}

/** Collects the document into a Buffer. */
export function renderPdf(doc: Pdf): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = []
		doc.on('data', (chunk: Buffer) => chunks.push(chunk))
		doc.on('end', () => resolve(Buffer.concat(chunks)))
		doc.on('error', reject)
		doc.end()
	})
}

/** The letterhead: the mark's name on the left, KiBG's address on the right. */
export function letterhead(doc: Pdf, markName: string) {
	const top = 40
	doc.save()
	doc.rect(0, 0, doc.page.width, 8).fill(colors.primary)
	doc.fillColor(colors.primary).font('Helvetica-Bold').fontSize(14).text(markName, 64, top, { width: 300 })
	doc
		.fillColor(colors.muted)
		.font('Helvetica')
		.fontSize(8)
		.text([kibg.name, kibg.address, kibg.email].join('\n'), doc.page.width - 264, top, { width: 200, align: 'right' })
	doc.restore()
	doc.fillColor(colors.text).font('Helvetica').fontSize(10)
	doc.y = 110
	doc.x = doc.page.margins.left
}

/** How a footer numbers its pages; official letters are Dutch, the spiegelrapportage follows the reader. */
export type PageLabel = (page: number, count: number) => string
const dutchPageLabel: PageLabel = (page, count) => `pagina ${page} van ${count}`

/** Page numbers and a line in the footer of every page (call just before rendering). */
export function footer(doc: Pdf, text: string, pageLabel: PageLabel = dutchPageLabel) {
	const range = doc.bufferedPageRange()
	for (let index = range.start; index < range.start + range.count; index++) {
		doc.switchToPage(index)
		const bottom = doc.page.height - 48
		// Writing in the bottom margin must not add a page.
		const margin = doc.page.margins.bottom
		doc.page.margins.bottom = 0
		doc
			.fontSize(8)
			.fillColor(colors.muted)
			.text(`${text} · ${pageLabel(index + 1, range.count)}`, 64, bottom, {
				width: doc.page.width - 128,
				align: 'center',
			})
		doc.page.margins.bottom = margin
	}
}

export function heading(doc: Pdf, text: string, size = 13) {
	doc
		.moveDown(0.6)
		.font('Helvetica-Bold')
		.fontSize(size)
		.fillColor(colors.text)
		.text(text)
		.font('Helvetica')
		.fontSize(10)
		.moveDown(0.3)
}

export function paragraph(doc: Pdf, text: string) {
	doc.font('Helvetica').fontSize(10).fillColor(colors.text).text(text, { align: 'left', lineGap: 2 }).moveDown(0.5)
}

/**
 * A ticked or empty box before a line of text, drawn as vector graphics: Helvetica's WinAnsi has
 * no ☑/☐, and "[x]" reads as a typing error (issue 13). The box is 8 pt, on the first line's
 * cap height; the tick is KiBG's colour. A line never breaks away from its box.
 */
export function checkItem(doc: Pdf, checked: boolean, text: string) {
	const left = doc.page.margins.left
	const indent = 15
	const width = doc.page.width - left - doc.page.margins.right - indent
	doc.font('Helvetica').fontSize(10)
	keepTogether(doc, doc.heightOfString(text, { width, lineGap: 2 }) + 4)
	const y = doc.y
	const size = 8
	const top = y + 0.5
	doc.save().lineWidth(0.8).strokeColor(colors.text).rect(left, top, size, size).stroke()
	if (checked) {
		doc
			.lineWidth(1.6)
			.lineCap('round')
			.lineJoin('round')
			.strokeColor(colors.primary)
			.moveTo(left + 1.8, top + 4.2)
			.lineTo(left + 3.6, top + 6.6)
			.lineTo(left + 7.4, top + 1.4)
			.stroke()
	}
	doc.restore()
	doc
		.font('Helvetica')
		.fontSize(10)
		.fillColor(colors.text)
		.text(text, left + indent, y, { width, lineGap: 2 })
	doc.x = left
	doc.moveDown(0.3)
}

/**
 * Starts a new page unless `height` points still fit on this one: a block (a signature, a row of
 * facts) is never split over two pages, with its label on one and its value on the next.
 */
export function keepTogether(doc: Pdf, height: number) {
	if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
		doc.addPage()
		doc.x = doc.page.margins.left
	}
}

/** Two columns of label/value pairs; a row never breaks over two pages. */
export function facts(doc: Pdf, rows: [string, string][]) {
	const left = doc.page.margins.left
	const valueWidth = doc.page.width - left - doc.page.margins.right - 170
	for (const [label, value] of rows) {
		doc.font('Helvetica-Bold').fontSize(10)
		const labelHeight = doc.heightOfString(label, { width: 160 })
		doc.font('Helvetica')
		keepTogether(doc, Math.max(labelHeight, doc.heightOfString(value, { width: valueWidth })) + 2)
		const y = doc.y
		doc.font('Helvetica-Bold').fontSize(10).text(label, left, y, { width: 160 })
		const labelBottom = doc.y
		doc.font('Helvetica').text(value, left + 170, y, { width: valueWidth })
		doc.y = Math.max(doc.y, labelBottom) + 2
	}
	doc.x = left
	doc.moveDown(0.5)
}
