// What an uploaded file is and whether it may be kept: its type by content, then the content check
// of that type (upload-content.server.ts). One function, so the upload-check thread
// (upload-check.worker.ts) runs the whole inspection and the event loop only sends it a path.
// Imports nothing but the checks: the thread loads this module and no more.
import {
	type ContentProblem,
	type ContentSource,
	odfMimeType,
	pdfProblem,
	readHead,
	zipEntryNames,
	zipProblem,
} from './upload-content.server.ts'

export type UploadKind = 'pdf' | 'docx' | 'xlsx' | 'odt'

export const UPLOAD_MIME_TYPES: Record<UploadKind, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	odt: 'application/vnd.oasis.opendocument.text',
}

/** The type by content, and what is wrong with the content for that type (null: nothing). */
export interface Inspection {
	kind: UploadKind | null
	problem: ContentProblem | null
}

/** The type of `source`, and for a known type the content check of it. */
export async function inspectUpload(source: ContentSource): Promise<Inspection> {
	const kind = await sniffKind(source)
	if (!kind) return { kind, problem: null }
	return { kind, problem: kind === 'pdf' ? await pdfProblem(source) : await zipProblem(source) }
}

/** The type by content: PDF by its header, the office formats by the entries of their ZIP. */
export async function sniffKind(source: ContentSource): Promise<UploadKind | null> {
	const head = await readHead(source)
	if (startsWith(head, '%PDF-')) return 'pdf'
	if (!startsWith(head, 'PK\u0003\u0004')) return null
	const entries = await zipEntryNames(source)
	if (!entries) return null
	// ODF: a `mimetype` entry, stored uncompressed as the first entry, names the document type.
	if (entries.includes('mimetype')) {
		return (await odfMimeType(source)) === UPLOAD_MIME_TYPES.odt ? 'odt' : null
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
