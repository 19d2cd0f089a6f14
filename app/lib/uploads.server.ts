// Uploaded template documents are untrusted: the body is read with a hard limit (never buffered
// unbounded), the file name must be a plain name, and the type is decided by the content, not by
// the name or the browser's Content-Type. Only PDF, DOCX, XLSX and ODT are accepted (issue 4).
import type { MessageKey } from '#app/i18n/catalogue.ts'

import { acceptedFormData } from './forms.ts'
import { semaphore } from './semaphore.ts'
import { MAX_UPLOAD_BYTES } from './upload-limits.ts'
import { pdfProblem, zipDirectoryEnd, zipProblem } from './upload-content.server.ts'

export { MAX_UPLOAD_BYTES }
// Room for the multipart envelope and the other form fields next to the file.
const ENVELOPE_BYTES = 64 * 1024
const EMPTY = new Uint8Array(0)

export type UploadKind = 'pdf' | 'docx' | 'xlsx' | 'odt'

export const UPLOAD_MIME_TYPES: Record<UploadKind, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	odt: 'application/vnd.oasis.opendocument.text',
}

export type UploadError = Extract<
	MessageKey,
	| 'selfEvaluation.uploadTooLarge'
	| 'selfEvaluation.uploadEmpty'
	| 'selfEvaluation.uploadBadName'
	| 'selfEvaluation.uploadBadType'
	| 'selfEvaluation.uploadMissing'
	| 'selfEvaluation.uploadZipBomb'
	| 'selfEvaluation.uploadActivePdf'
>

export class UploadRefused extends Error {
	constructor(readonly key: UploadError) {
		super(key)
	}
}

// At most this many bytes of uploads (as declared by their Content-Length) are read, checked and
// stored at once in this process: 32 one-megabyte documents, or one of 20 MB beside a dozen small
// ones. An upload holds its bytes (a few copies while it is parsed, one until it is stored) for as
// long as its transaction waits for the database, so at the deadline rush (issue 17) every queued
// upload held its megabytes; the ones over the budget now wait here with their bodies unread (the
// connection holds them, not the process). A body without a declared length weighs the maximum.
export const UPLOAD_BUDGET_BYTES = 32 * 1024 * 1024
const uploadGate = semaphore(UPLOAD_BUDGET_BYTES)

/** Runs `work` (read the form, check the files, store them) once the request's bytes fit the budget. */
export function withUploadBudget<T>(request: Request, work: () => Promise<T>, maxFileBytes = MAX_UPLOAD_BYTES) {
	const limit = maxFileBytes + ENVELOPE_BYTES
	const declared = Number(request.headers.get('content-length') ?? 'NaN')
	// Over the limit: refused at once by readLimitedFormData, so it takes (almost) nothing.
	const weight = !Number.isFinite(declared) ? limit : declared > limit ? 1 : declared
	return uploadGate.run(work, weight)
}

/** Bytes of uploads being handled, and uploads waiting for room (tests). */
export function uploadBudgetInUse(): { bytes: number; waiting: number } {
	return { bytes: uploadGate.used, waiting: uploadGate.waiting }
}

/**
 * The multipart form of `request`, read with a limit: a declared length over the limit is refused
 * before reading, and a body without a declared length is cut off as soon as it passes it.
 */
export async function readLimitedFormData(request: Request, maxFileBytes = MAX_UPLOAD_BYTES): Promise<FormData> {
	const limit = maxFileBytes + ENVELOPE_BYTES
	const declared = Number(request.headers.get('content-length') ?? 'NaN')
	if (Number.isFinite(declared) && declared > limit) {
		// Not read and not cancelled: cancelling would destroy the socket before our answer is
		// sent; Node's HTTP server discards the unread rest once the response is complete.
		throw new UploadRefused('selfEvaluation.uploadTooLarge')
	}
	const chunks: Uint8Array[] = []
	let total = 0
	const reader = request.body?.getReader()
	if (reader) {
		for (;;) {
			const { done, value } = await reader.read()
			if (done) break
			total += value.byteLength
			if (total > limit) {
				reader.releaseLock()
				throw new UploadRefused('selfEvaluation.uploadTooLarge')
			}
			chunks.push(value)
		}
	}
	// Handed to the parser piece by piece and let go as it takes them: no second whole copy here.
	let next = 0
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			const chunk = chunks[next]
			if (!chunk) return controller.close()
			chunks[next++] = EMPTY
			controller.enqueue(chunk)
		},
	})
	const formData = await new Response(body, {
		headers: { 'Content-Type': request.headers.get('content-type') ?? '' },
	}).formData()
	// The text fields beside the file are cleaned like every other form's (app/lib/forms.ts).
	return acceptedFormData(formData)
}

export interface AcceptedUpload {
	name: string
	kind: UploadKind
	mimeType: string
	bytes: Uint8Array
}

/** Checks one uploaded file: name, size and content. Throws UploadRefused with a message key. */
export async function acceptUpload(
	file: FormDataEntryValue | null,
	maxBytes = MAX_UPLOAD_BYTES,
): Promise<AcceptedUpload> {
	if (!file || typeof file === 'string') throw new UploadRefused('selfEvaluation.uploadMissing')
	const name = file.name.normalize('NFC').trim()
	if (!name && file.size === 0) throw new UploadRefused('selfEvaluation.uploadMissing')
	if (!isPlainFileName(name)) throw new UploadRefused('selfEvaluation.uploadBadName')
	if (file.size === 0) throw new UploadRefused('selfEvaluation.uploadEmpty')
	if (file.size > maxBytes) throw new UploadRefused('selfEvaluation.uploadTooLarge')
	const bytes = new Uint8Array(await file.arrayBuffer())
	const kind = sniffKind(bytes)
	const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase()
	// The name must tell the truth too: a PNG called .pdf, or a PDF called .exe, is refused.
	if (!kind || extension !== kind) throw new UploadRefused('selfEvaluation.uploadBadType')
	const problem = kind === 'pdf' ? pdfProblem(bytes) : zipProblem(bytes)
	if (problem === 'pdf_active') throw new UploadRefused('selfEvaluation.uploadActivePdf')
	if (problem === 'zip_bomb') throw new UploadRefused('selfEvaluation.uploadZipBomb')
	if (problem) throw new UploadRefused('selfEvaluation.uploadBadType')
	return { name, kind, mimeType: UPLOAD_MIME_TYPES[kind], bytes }
}

/** A bare file name: no folders, no drive letters, no control characters, a sane length. */
export function isPlainFileName(name: string): boolean {
	if (name.length === 0 || name.length > 200) return false
	if (/[/\\:]/.test(name)) return false
	if ([...name].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return false
	if (name === '.' || name === '..' || name.startsWith('.')) return false
	return true
}

/** The type by content: PDF by its header, the office formats by the entries of their ZIP. */
export function sniffKind(bytes: Uint8Array): UploadKind | null {
	if (startsWith(bytes, '%PDF-')) return 'pdf'
	if (!startsWith(bytes, 'PK\u0003\u0004')) return null
	const entries = zipEntryNames(bytes)
	if (!entries) return null
	// ODF: a `mimetype` entry, stored uncompressed as the first entry, names the document type.
	if (entries.includes('mimetype')) {
		return odfMimeType(bytes) === UPLOAD_MIME_TYPES.odt ? 'odt' : null
	}
	if (!entries.includes('[Content_Types].xml')) return null
	if (entries.some((entry) => entry.startsWith('word/'))) return 'docx'
	if (entries.some((entry) => entry.startsWith('xl/'))) return 'xlsx'
	return null
}

function startsWith(bytes: Uint8Array, prefix: string): boolean {
	if (bytes.length < prefix.length) return false
	for (let index = 0; index < prefix.length; index++) if (bytes[index] !== prefix.charCodeAt(index)) return false
	return true
}

/** The entry names from the ZIP central directory, or null when it is not a readable ZIP. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	const end = zipDirectoryEnd(view)
	if (end < 0) return null
	const count = view.getUint16(end + 10, true)
	let offset = view.getUint32(end + 16, true)
	const names: string[] = []
	const decoder = new TextDecoder()
	for (let index = 0; index < count; index++) {
		if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null
		const nameLength = view.getUint16(offset + 28, true)
		const extraLength = view.getUint16(offset + 30, true)
		const commentLength = view.getUint16(offset + 32, true)
		if (offset + 46 + nameLength > bytes.length) return null
		names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)))
		offset += 46 + nameLength + extraLength + commentLength
	}
	return names
}

function odfMimeType(bytes: Uint8Array): string | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	if (bytes.length < 30) return null
	const method = view.getUint16(8, true)
	const size = view.getUint32(18, true)
	const nameLength = view.getUint16(26, true)
	const extraLength = view.getUint16(28, true)
	const name = new TextDecoder().decode(bytes.subarray(30, 30 + nameLength))
	if (name !== 'mimetype' || method !== 0) return null
	const start = 30 + nameLength + extraLength
	return new TextDecoder().decode(bytes.subarray(start, start + size)).trim()
}
