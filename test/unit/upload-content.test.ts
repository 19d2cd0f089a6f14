// Issue 15, finding 7: zip bombs dressed as office documents and PDFs with active content are
// refused before they are stored; real documents pass. Built in memory with real deflate.
import { constants, deflateRawSync, deflateSync } from 'node:zlib'
import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { pdfProblem, zipProblem } from '#app/lib/upload-content.server.ts'
import { acceptUpload, UploadRefused } from '#app/lib/uploads.server.ts'
import { docx } from '#test/fixtures/office-files.ts'
import { receivedFile } from '#test/fixtures/received-file.ts'

/**
 * `megabytes` of zeros, deflated without ever holding them: one megabyte deflated up to a full
 * flush (a byte boundary, nothing referring back across it) repeated, then an empty final block.
 * Deflating every megabyte took over a second of the test on a busy machine.
 */
function deflatedZeros(megabytes: number): Buffer {
	const megabyte = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH })
	const finalBlock = deflateRawSync(Buffer.alloc(0))
	return Buffer.concat([...Array.from({ length: megabytes }, () => megabyte), finalBlock])
}

/** A ZIP whose entries are given already deflated (method 8) or stored (method 0). */
function zip(entries: { name: string; data: Uint8Array; method: 0 | 8; size: number }[]): Uint8Array<ArrayBuffer> {
	const parts: Buffer[] = []
	const centrals: Buffer[] = []
	let offset = 0
	for (const entry of entries) {
		const name = Buffer.from(entry.name)
		const local = Buffer.alloc(30)
		local.writeUInt32LE(0x04034b50, 0)
		local.writeUInt16LE(20, 4)
		local.writeUInt16LE(entry.method, 8)
		local.writeUInt32LE(entry.data.length, 18)
		local.writeUInt32LE(entry.size, 22)
		local.writeUInt16LE(name.length, 26)
		parts.push(local, name, Buffer.from(entry.data))
		const central = Buffer.alloc(46)
		central.writeUInt32LE(0x02014b50, 0)
		central.writeUInt16LE(20, 4)
		central.writeUInt16LE(20, 6)
		central.writeUInt16LE(entry.method, 10)
		central.writeUInt32LE(entry.data.length, 20)
		central.writeUInt32LE(entry.size, 24)
		central.writeUInt16LE(name.length, 28)
		central.writeUInt32LE(offset, 42)
		centrals.push(central, name)
		offset += 30 + name.length + entry.data.length
	}
	const directory = Buffer.concat(centrals)
	const end = Buffer.alloc(22)
	end.writeUInt32LE(0x06054b50, 0)
	end.writeUInt16LE(entries.length, 8)
	end.writeUInt16LE(entries.length, 10)
	end.writeUInt32LE(directory.length, 12)
	end.writeUInt32LE(offset, 16)
	const bytes = Buffer.concat([...parts, directory, end])
	return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer)
}

const contentTypes = { name: '[Content_Types].xml', data: Buffer.from('<Types/>'), method: 0 as const, size: 8 }

async function pdfkitPdf(): Promise<Uint8Array> {
	const doc = new PDFDocument()
	const chunks: Buffer[] = []
	doc.on('data', (chunk: Buffer) => chunks.push(chunk))
	const done = new Promise((resolve) => doc.on('end', resolve))
	doc.text('Leeg format behandelplan')
	doc.end()
	await done
	return new Uint8Array(Buffer.concat(chunks))
}

function pdfWith(catalogExtra: string, extraObjects = ''): Uint8Array {
	return new TextEncoder().encode(
		`%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n${extraObjects}trailer\n<< /Root 1 0 R >>\n%%EOF\n`,
	)
}

describe('office documents', () => {
	it('a real DOCX passes, and so does one with well-compressed text', async () => {
		expect(await zipProblem(docx())).toBeNull()
		const text = Buffer.from('Behandelplan met doelen en evaluatie. '.repeat(50_000))
		const compressed = zip([
			contentTypes,
			{ name: 'word/document.xml', data: deflateSync(text).subarray(2, -4), method: 8, size: text.length },
		])
		expect(await zipProblem(compressed)).toBeNull()
	})

	it('refuses a document that unpacks past 100 MB, whatever sizes it declares', async () => {
		const bomb = zip([
			contentTypes,
			// Declares a tiny size; the inflater is what counts.
			{ name: 'word/document.xml', data: deflatedZeros(150), method: 8, size: 10 },
		])
		expect(bomb.length).toBeLessThan(1024 * 1024)
		expect(await zipProblem(bomb)).toBe('zip_bomb')
		await expect(acceptUpload(await receivedFile('format.docx', bomb))).rejects.toMatchObject({
			key: 'selfEvaluation.uploadZipBomb',
		})
		// Unpacking 100 MB twice (here, then on the upload-check thread, which starts for it with
		// tsx's loader): a few seconds on a loaded machine, past vitest's default of 5.
	}, 30_000)

	it('refuses a ratio no document has (12 MB of nothing in a few kB)', async () => {
		const packed = zip([contentTypes, { name: 'xl/x.xml', data: deflatedZeros(12), method: 8, size: 0 }])
		expect(await zipProblem(packed)).toBe('zip_bomb')
	})

	it('calls a broken ZIP unreadable', async () => {
		const broken = docx().slice(0, 200)
		expect(await zipProblem(broken)).toBe('zip_unreadable')
	})
})

describe('PDFs', () => {
	it('a PDF as pdfkit or a word processor writes it passes, also one that opens on a page', async () => {
		expect(await pdfProblem(await pdfkitPdf())).toBeNull()
		expect(await pdfProblem(pdfWith('/OpenAction [3 0 R /Fit]'))).toBeNull()
	})

	it.each([
		['JavaScript on open', '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'],
		['a name written with escapes', '/OpenAction << /S /J#61vaScript /JS (app.alert(1)) >>'],
		['a program that starts', '/OpenAction << /S /Launch /F (cmd.exe) >>'],
		['embedded files', '/Names << /EmbeddedFiles 5 0 R >>'],
		['an XFA form', '/AcroForm << /XFA 6 0 R >>'],
	])('refuses %s', async (_, extra) => {
		const pdf = pdfWith(extra)
		expect(await pdfProblem(pdf)).toBe('pdf_active')
		const error = await acceptUpload(await receivedFile('format.pdf', pdf)).catch((caught: unknown) => caught)
		expect(error).toBeInstanceOf(UploadRefused)
		expect((error as UploadRefused).key).toBe('selfEvaluation.uploadActivePdf')
	})

	it('reads compressed object streams: JavaScript hidden in one is found, a harmless one passes', async () => {
		const objectStream = (content: string) => {
			const packed = deflateSync(Buffer.from(content))
			return Buffer.concat([
				Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction 7 0 R >>\nendobj\n'),
				Buffer.from(
					`3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`,
				),
				packed,
				Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
			])
		}
		expect(await pdfProblem(objectStream('7 0 << /S /JavaScript /JS (app.alert(1)) >>'))).toBe('pdf_active')
		expect(await pdfProblem(objectStream('7 0 [2 0 R /Fit]'))).toBeNull()
	})
})
