// Uploaded template documents are untrusted: the body is read with a hard limit (never buffered
// unbounded), the file name must be a plain name, and the type is decided by the content, not by
// the name or the browser's Content-Type. Only PDF, DOCX, XLSX and ODT are accepted (issue 4).
// Issue 17: a body is streamed to temporary files (busboy), checked from there and copied into the
// store outside any database transaction, so an upload neither holds its megabytes in the process
// nor a pool connection while its bytes move (app/lib/storage.server.ts).
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import busboy from 'busboy'
import type { MessageKey } from '#app/i18n/catalogue.ts'

import { acceptedFormData } from './forms.ts'
import { badRequest } from './http.server.ts'
import { semaphore } from './semaphore.ts'
import type { UploadedContent } from './storage.server.ts'
import { MAX_UPLOAD_BYTES } from './upload-limits.ts'
import { UploadCheckFailed, uploadCheckPool } from './upload-check-pool.server.ts'
import { UPLOAD_MIME_TYPES, type UploadKind } from './upload-inspect.server.ts'

export { MAX_UPLOAD_BYTES }
// Room for the multipart envelope and the other form fields next to the file.
const ENVELOPE_BYTES = 64 * 1024

export { sniffKind, UPLOAD_MIME_TYPES, type UploadKind } from './upload-inspect.server.ts'

export type UploadError = Extract<
	MessageKey,
	| 'selfEvaluation.uploadTooLarge'
	| 'selfEvaluation.uploadEmpty'
	| 'selfEvaluation.uploadBadName'
	| 'selfEvaluation.uploadBadType'
	| 'selfEvaluation.uploadMissing'
	| 'selfEvaluation.uploadZipBomb'
	| 'selfEvaluation.uploadActivePdf'
	| 'selfEvaluation.uploadNotChecked'
>

export class UploadRefused extends Error {
	constructor(readonly key: UploadError) {
		super(key)
	}
}

// At most this many bytes of uploads (as declared by their Content-Length) are read, checked and
// stored at once in this process: 32 one-megabyte documents, or one of 20 MB beside a dozen small
// ones. Since issue 17 an upload holds only a chunk of its bytes in memory at a time (the rest is
// in its temporary file), so the budget bounds the disk, the checks' CPU and the store's writes
// that run at once; the uploads over it wait here with their bodies unread (the connection holds
// them, not the process). A body without a declared length weighs the maximum. Every upload form
// goes through it: documents, message attachments, consultation reactions, delivery files.
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

export interface ReceivedFile {
	/** The form field that carried it. */
	field: string
	/** The name the browser sent (not yet checked). */
	name: string
	/** Its temporary file, removed with the form (`UploadForm.dispose`). */
	path: string
	size: number
	/** SHA-256 of the bytes, computed while they were written (hex). */
	sha256: string
}

/** A multipart form whose files wait on disk: text fields in `fields`, files by field name. */
export class UploadForm {
	constructor(
		readonly fields: FormData,
		readonly files: ReceivedFile[],
		private readonly dir: string | null,
	) {}

	/** The first file of `field`, or null. */
	file(field: string): ReceivedFile | null {
		return this.files.find((file) => file.field === field) ?? null
	}

	filesOf(field: string): ReceivedFile[] {
		return this.files.filter((file) => file.field === field)
	}

	/** Removes the temporary files; the store has its own copy of what was kept. */
	async dispose(): Promise<void> {
		if (this.dir) await rm(this.dir, { recursive: true, force: true })
	}
}

/** Where uploads wait while they are read and checked: one folder per request, removed after it. */
export function uploadTempRoot(): string {
	return path.join(tmpdir(), 'keurmerk-uploads')
}

/**
 * The form of `request` (multipart or URL-encoded), streamed: every file goes to a temporary file
 * as it arrives (hashed on the way), so the process holds one chunk of it at a time, never the
 * body. A declared length over the limit is refused before reading, and a body without one is cut
 * off as soon as it passes the limit. Whatever goes wrong (the limit, a broken body, the sender
 * going away) removes the temporary files before the error is thrown. The caller disposes the form.
 */
export async function readUploadForm(request: Request, maxFileBytes = MAX_UPLOAD_BYTES): Promise<UploadForm> {
	const limit = maxFileBytes + ENVELOPE_BYTES
	const declared = Number(request.headers.get('content-length') ?? 'NaN')
	if (Number.isFinite(declared) && declared > limit) {
		// Not read and not cancelled: cancelling would destroy the socket before our answer is
		// sent; the unread rest is drained or the connection closed after the answer
		// (server/unread-body.ts).
		throw new UploadRefused('selfEvaluation.uploadTooLarge')
	}
	let parser: busboy.Busboy
	try {
		parser = busboy({
			headers: { 'content-type': request.headers.get('content-type') ?? '' },
			limits: { fileSize: limit, fieldSize: limit, fields: 1000, files: 100, parts: 1100 },
			defParamCharset: 'utf8',
			// The name as sent: '../x.pdf' is refused (isPlainFileName), not quietly cut to 'x.pdf'.
			preservePath: true,
		})
	} catch {
		// No multipart or URL-encoded form, or no boundary: the sender's error, a 400 (bench/fuzz.ts).
		throw badRequest()
	}
	await sweepStaleUploads()
	// Made again every time: a cleaner of the temporary folder may have removed it since.
	const root = uploadTempRoot()
	await mkdir(root, { recursive: true, mode: 0o700 })
	const dir = await mkdtemp(path.join(root, 'u-'))
	const fields = new FormData()
	const files: ReceivedFile[] = []
	const writes: Promise<void>[] = []
	const failed = new Promise<never>((_, reject) => {
		parser.on('error', () => reject(badRequest()))
		parser.on('filesLimit', () => reject(badRequest()))
		parser.on('fieldsLimit', () => reject(badRequest()))
		parser.on('partsLimit', () => reject(badRequest()))
	})
	failed.catch(() => {})
	parser.on('field', (name, value) => fields.append(name, value))
	parser.on('file', (field, stream, info) => {
		const received: ReceivedFile = {
			field,
			name: decodedFileName(info.filename ?? ''),
			path: path.join(dir, String(files.length)),
			size: 0,
			sha256: '',
		}
		files.push(received)
		const hash = createHash('sha256')
		stream.on('data', (chunk: Buffer) => {
			received.size += chunk.length
			hash.update(chunk)
		})
		const write = pipeline(stream, createWriteStream(received.path, { flags: 'wx', mode: 0o600 })).then(() => {
			received.sha256 = hash.digest('hex')
		})
		// Awaited below; until then a failed write (a full disk) must not count as unhandled.
		write.catch(() => {})
		writes.push(write)
	})
	const parsed = new Promise<void>((resolve) => parser.on('close', resolve))
	const reader = request.body?.getReader()
	const abort = () => void reader?.cancel().catch(() => {})
	request.signal.addEventListener('abort', abort)
	try {
		let total = 0
		if (reader) {
			for (;;) {
				const { done, value } = await Promise.race([reader.read(), failed])
				if (done) break
				if (request.signal.aborted) throw badRequest() // the sender went away: nobody reads the answer
				total += value.byteLength
				if (total > limit) {
					reader.releaseLock()
					throw new UploadRefused('selfEvaluation.uploadTooLarge')
				}
				if (!parser.write(value)) await Promise.race([once(parser, 'drain'), failed])
			}
		}
		if (request.signal.aborted) throw badRequest() // the sender went away: nobody reads the answer
		parser.end()
		await Promise.race([parsed, failed])
		await Promise.race([Promise.all(writes), failed])
	} catch (error) {
		parser.destroy()
		await Promise.allSettled(writes)
		await rm(dir, { recursive: true, force: true })
		throw error
	} finally {
		request.signal.removeEventListener('abort', abort)
	}
	// The text fields beside the files are cleaned like every other form's (app/lib/forms.ts).
	return new UploadForm(acceptedFormData(fields), files, dir)
}

/**
 * The file's name as the user chose it. A browser writes `"`, CR and LF in a multipart file name as
 * %22, %0D and %0A (HTML's multipart/form-data encoding) and nothing else; busboy hands the name over
 * as sent, so `plan "def".pdf` arrived as `plan %22def%22.pdf` (the e2e "uploads download as
 * sandboxed attachments").
 */
export function decodedFileName(sent: string): string {
	return sent.replace(/%(22|0D|0A)/gi, (_match, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
}

/**
 * The whole handling of an upload form: within the upload budget, the form read to disk, `work`
 * run on it, the temporary files removed however it ends.
 */
export function withUploadForm<T>(
	request: Request,
	work: (form: UploadForm) => Promise<T>,
	maxFileBytes = MAX_UPLOAD_BYTES,
): Promise<T> {
	return withUploadBudget(
		request,
		async () => {
			const form = await readUploadForm(request, maxFileBytes)
			try {
				return await work(form)
			} finally {
				await form.dispose()
			}
		},
		maxFileBytes,
	)
}

// A process that died halfway through an upload leaves its folder: the next start's first upload
// removes folders older than a day (no request takes that long; another instance's are younger).
let swept: Promise<void> | null = null
function sweepStaleUploads(): Promise<void> {
	swept ??= (async () => {
		const root = uploadTempRoot()
		const cutoff = Date.now() - 24 * 60 * 60 * 1000
		for (const entry of await readdir(root).catch(() => [])) {
			const folder = path.join(root, entry)
			const info = await stat(folder).catch(() => null)
			if (info && info.mtimeMs < cutoff) await rm(folder, { recursive: true, force: true })
		}
	})().catch(() => {})
	return swept
}

export type AcceptedUpload = UploadedContent & { kind: UploadKind }

/**
 * A document the portal itself supplies as an upload (the demo's seed, tests): bytes in memory,
 * not checked. Uploads from people come from `acceptUpload`.
 */
export function uploadOfBytes(name: string, kind: UploadKind, bytes: Uint8Array): AcceptedUpload {
	return {
		name,
		kind,
		mimeType: UPLOAD_MIME_TYPES[kind],
		bytes,
		size: bytes.byteLength,
		sha256: createHash('sha256').update(bytes).digest('hex'),
	}
}

/**
 * Checks one uploaded file: name, size and content (read from its file on the upload-check thread,
 * upload-check-pool.server.ts). Throws UploadRefused with a message key; a check that could not be
 * done (the thread busy, dead or stuck) refuses too, so nothing unchecked is ever stored.
 */
export async function acceptUpload(
	file: ReceivedFile | null | undefined,
	maxBytes = MAX_UPLOAD_BYTES,
): Promise<AcceptedUpload> {
	if (!file) throw new UploadRefused('selfEvaluation.uploadMissing')
	const name = file.name.normalize('NFC').trim()
	if (!name && file.size === 0) throw new UploadRefused('selfEvaluation.uploadMissing')
	if (!isPlainFileName(name)) throw new UploadRefused('selfEvaluation.uploadBadName')
	if (file.size === 0) throw new UploadRefused('selfEvaluation.uploadEmpty')
	if (file.size > maxBytes) throw new UploadRefused('selfEvaluation.uploadTooLarge')
	const { kind, problem } = await uploadCheckPool()
		.inspect(file.path)
		.catch((error: unknown) => {
			if (error instanceof UploadCheckFailed) throw new UploadRefused('selfEvaluation.uploadNotChecked')
			throw error
		})
	const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase()
	// The name must tell the truth too: a PNG called .pdf, or a PDF called .exe, is refused.
	if (!kind || extension !== kind) throw new UploadRefused('selfEvaluation.uploadBadType')
	if (problem === 'pdf_active') throw new UploadRefused('selfEvaluation.uploadActivePdf')
	if (problem === 'zip_bomb') throw new UploadRefused('selfEvaluation.uploadZipBomb')
	if (problem) throw new UploadRefused('selfEvaluation.uploadBadType')
	return { name, kind, mimeType: UPLOAD_MIME_TYPES[kind], path: file.path, size: file.size, sha256: file.sha256 }
}

/** A bare file name: no folders, no drive letters, no control characters, a sane length. */
export function isPlainFileName(name: string): boolean {
	if (name.length === 0 || name.length > 200) return false
	if (/[/\\:]/.test(name)) return false
	if ([...name].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return false
	if (name === '.' || name === '..' || name.startsWith('.')) return false
	return true
}
