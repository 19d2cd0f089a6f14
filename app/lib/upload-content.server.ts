// What is inside an accepted upload (issue 15, finding 7). Assessors open these files: an office
// document that unpacks to gigabytes (a zip bomb) or a PDF that runs code when opened must never be
// stored. The ZIP entries are really inflated, with a hard cap, because the sizes a ZIP declares
// can lie; PDF streams are inflated too, because a PDF 1.5+ hides its dictionaries in compressed
// object streams.
import { inflateRawSync, inflateSync } from 'node:zlib'

/** At most this many bytes unpacked from one office document (a large real XLSX unpacks to ~60 MB). */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024
/** Above this size, unpacked/packed may not exceed MAX_RATIO (text compresses ~5–20×, bombs ~1000×). */
const RATIO_FLOOR_BYTES = 10 * 1024 * 1024
const MAX_RATIO = 100

export type ContentProblem = 'zip_bomb' | 'zip_unreadable' | 'pdf_active'

/** Where the ZIP's end-of-central-directory record starts (22 bytes plus a comment of at most 65,535), or -1. */
export function zipDirectoryEnd(view: DataView): number {
	const lowest = Math.max(0, view.byteLength - 22 - 65_535)
	for (let index = view.byteLength - 22; index >= lowest; index--) {
		if (view.getUint32(index, true) === 0x06054b50) return index
	}
	return -1
}

/** Unpacks every entry of the ZIP with a budget; a problem when it unpacks too far or cannot be read. */
export function zipProblem(bytes: Uint8Array): ContentProblem | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	const end = zipDirectoryEnd(view)
	if (end < 0) return 'zip_unreadable'
	const count = view.getUint16(end + 10, true)
	let offset = view.getUint32(end + 16, true)
	let unpacked = 0
	for (let index = 0; index < count; index++) {
		if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return 'zip_unreadable'
		const method = view.getUint16(offset + 10, true)
		const packedSize = view.getUint32(offset + 20, true)
		const nameLength = view.getUint16(offset + 28, true)
		const extraLength = view.getUint16(offset + 30, true)
		const commentLength = view.getUint16(offset + 32, true)
		const local = view.getUint32(offset + 42, true)
		offset += 46 + nameLength + extraLength + commentLength
		if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) return 'zip_unreadable'
		const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
		if (start + packedSize > bytes.length) return 'zip_unreadable'
		const data = bytes.subarray(start, start + packedSize)
		const budget = MAX_UNPACKED_BYTES - unpacked
		if (method === 0) {
			unpacked += data.length
		} else if (method === 8) {
			try {
				unpacked += inflateRawSync(data, { maxOutputLength: budget + 1 }).length
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'zip_bomb'
				return 'zip_unreadable'
			}
		} else {
			return 'zip_unreadable'
		}
		if (unpacked > MAX_UNPACKED_BYTES) return 'zip_bomb'
	}
	if (unpacked > RATIO_FLOOR_BYTES && unpacked / bytes.length > MAX_RATIO) return 'zip_bomb'
	return null
}

// Actions that run something or carry files: JavaScript, launching programs, embedded files,
// Flash/3D media, XFA forms. A plain /OpenAction that only opens a page is harmless; one that runs
// an action names one of these (or /SubmitForm, /ImportData) and is caught through it.
const ACTIVE_NAMES = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToE)(?![A-Za-z0-9])/

/** A PDF name with `#xx` escapes written out (`/J#61vaScript` is `/JavaScript`). */
function unescapeNames(text: string): string {
	return text.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
}

/**
 * 'pdf_active' when the PDF's dictionaries name active content: those outside streams, and those in
 * compressed object streams (/ObjStm). Other stream bodies (images, fonts, page content) are binary
 * or drawing operators and are not read, so random bytes cannot look like a name.
 */
export function pdfProblem(bytes: Uint8Array): ContentProblem | null {
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
	const outside: string[] = []
	let budget = MAX_UNPACKED_BYTES
	let from = 0
	const streams = /stream\r?\n/g
	for (let match = streams.exec(text); match; match = streams.exec(text)) {
		if (text.slice(Math.max(0, match.index - 3), match.index) === 'end') continue
		const start = match.index + match[0].length
		const stop = text.indexOf('endstream', start)
		if (stop < 0) break
		const dictionary = text.slice(Math.max(from, text.lastIndexOf(' obj', match.index)), match.index)
		outside.push(text.slice(from, match.index))
		from = stop
		streams.lastIndex = stop + 'endstream'.length
		if (!/\/Type\s*\/ObjStm/.test(dictionary)) continue
		if (budget <= 0) return 'pdf_active' // object streams this large are not an empty template
		try {
			const inflated = inflateSync(bytes.subarray(start, stop), { maxOutputLength: budget })
			budget -= inflated.length
			outside.push(inflated.toString('latin1'))
		} catch {
			return 'pdf_active' // an object stream that cannot be read cannot be checked
		}
	}
	outside.push(text.slice(from))
	return ACTIVE_NAMES.test(unescapeNames(outside.join('\n'))) ? 'pdf_active' : null
}
