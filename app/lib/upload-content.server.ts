// What is inside an accepted upload (issue 15, finding 7). Assessors open these files: an office
// document that unpacks to gigabytes (a zip bomb) or a PDF that runs code when opened must never be
// stored. The ZIP entries are really inflated, with a hard cap, because the sizes a ZIP declares
// can lie; PDF streams are inflated too, because a PDF 1.5+ hides its dictionaries in compressed
// object streams.
//
// Issue 17: an upload waits on disk (app/lib/uploads.server.ts), and these checks read it from
// there piece by piece: the ZIP's directory from its tail, every entry through an asynchronous
// inflater (zlib's thread pool, not the event loop) whose output is counted and dropped, a PDF in
// 64 kB windows. A check holds kilobytes, never the file or what it unpacks to, and lets other
// requests run between its pieces. The same functions read bytes in memory (tests, small files).
import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { createInflate, createInflateRaw } from 'node:zlib'

/** At most this many bytes unpacked from one office document (a large real XLSX unpacks to ~60 MB). */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024
/** Above this size, unpacked/packed may not exceed MAX_RATIO (text compresses ~5–20×, bombs ~1000×). */
const RATIO_FLOOR_BYTES = 10 * 1024 * 1024
const MAX_RATIO = 100
/** A central directory larger than this is no office template (a big XLSX has a few hundred entries). */
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024
const WINDOW_BYTES = 64 * 1024

export type ContentProblem = 'zip_bomb' | 'zip_unreadable' | 'pdf_active'

/** Bytes in memory, or a file on disk (an upload waiting in its temporary file). */
export type ContentSource = Uint8Array | { path: string }

interface Reader {
	readonly size: number
	/** Up to `length` bytes from `offset` (fewer at the end of the file). */
	read(offset: number, length: number): Promise<Buffer>
	/** The bytes from `start` to `end` (exclusive) in windows. */
	windows(start: number, end: number): AsyncGenerator<Buffer>
	close(): Promise<void>
}

async function openSource(source: ContentSource): Promise<Reader> {
	if (source instanceof Uint8Array) {
		const bytes = Buffer.from(source.buffer, source.byteOffset, source.byteLength)
		return {
			size: bytes.length,
			read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
			async *windows(start, end) {
				for (let at = start; at < end; at += WINDOW_BYTES) yield bytes.subarray(at, Math.min(end, at + WINDOW_BYTES))
			},
			close: async () => {},
		}
	}
	const handle = await open(source.path, 'r')
	const { size } = await handle.stat()
	const read = async (offset: number, length: number) => {
		const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)))
		let filled = 0
		while (filled < buffer.length) {
			const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, offset + filled)
			if (bytesRead === 0) break
			filled += bytesRead
		}
		return buffer.subarray(0, filled)
	}
	return {
		size,
		read,
		async *windows(start, end) {
			for (let at = start; at < Math.min(end, size); at += WINDOW_BYTES) {
				const piece = await read(at, Math.min(WINDOW_BYTES, end - at))
				if (piece.length === 0) return
				yield piece
			}
		},
		close: () => handle.close(),
	}
}

/** Runs `check` on the opened source and closes it however the check ends. */
async function withSource<T>(source: ContentSource, check: (reader: Reader) => Promise<T>): Promise<T> {
	const reader = await openSource(source)
	try {
		return await check(reader)
	} finally {
		await reader.close()
	}
}

/** The first `length` bytes (the type is decided by them). */
export function readHead(source: ContentSource, length = 8): Promise<Buffer> {
	return withSource(source, (reader) => reader.read(0, length))
}

/** Where the ZIP's end-of-central-directory record starts (22 bytes plus a comment of at most 65,535), or -1. */
export function zipDirectoryEnd(view: DataView): number {
	const lowest = Math.max(0, view.byteLength - 22 - 65_535)
	for (let index = view.byteLength - 22; index >= lowest; index--) {
		if (view.getUint32(index, true) === 0x06054b50) return index
	}
	return -1
}

export interface ZipEntry {
	name: string
	method: number
	packedSize: number
	/** Where the entry's local header starts. */
	local: number
}

/** The entries of the ZIP's central directory, or null when it is not a readable ZIP. */
async function readZipDirectory(reader: Reader): Promise<ZipEntry[] | null> {
	const tailStart = Math.max(0, reader.size - 22 - 65_535)
	const tail = await reader.read(tailStart, reader.size - tailStart)
	const end = zipDirectoryEnd(new DataView(tail.buffer, tail.byteOffset, tail.byteLength))
	if (end < 0) return null
	const count = tail.readUInt16LE(end + 10)
	const directorySize = tail.readUInt32LE(end + 12)
	const directoryStart = tail.readUInt32LE(end + 16)
	if (directorySize > MAX_DIRECTORY_BYTES || directoryStart >= reader.size) return null
	// The directory as it lies, up to the end record (the size it declares is not trusted further).
	const directory = await reader.read(directoryStart, Math.min(MAX_DIRECTORY_BYTES, tailStart + end - directoryStart))
	const entries: ZipEntry[] = []
	const decoder = new TextDecoder()
	for (let index = 0, offset = 0; index < count; index++) {
		if (offset + 46 > directory.length || directory.readUInt32LE(offset) !== 0x02014b50) return null
		const nameLength = directory.readUInt16LE(offset + 28)
		const extraLength = directory.readUInt16LE(offset + 30)
		const commentLength = directory.readUInt16LE(offset + 32)
		if (offset + 46 + nameLength > directory.length) return null
		entries.push({
			name: decoder.decode(directory.subarray(offset + 46, offset + 46 + nameLength)),
			method: directory.readUInt16LE(offset + 10),
			packedSize: directory.readUInt32LE(offset + 20),
			local: directory.readUInt32LE(offset + 42),
		})
		offset += 46 + nameLength + extraLength + commentLength
	}
	return entries
}

/** The entry names from the ZIP central directory, or null when it is not a readable ZIP. */
export function zipEntryNames(source: ContentSource): Promise<string[] | null> {
	return withSource(source, async (reader) => (await readZipDirectory(reader))?.map((entry) => entry.name) ?? null)
}

/** The declared type of an OpenDocument: its first entry `mimetype`, stored uncompressed. */
export function odfMimeType(source: ContentSource): Promise<string | null> {
	return withSource(source, async (reader) => {
		const header = await reader.read(0, 30)
		if (header.length < 30) return null
		const method = header.readUInt16LE(8)
		const size = header.readUInt32LE(18)
		const nameLength = header.readUInt16LE(26)
		const extraLength = header.readUInt16LE(28)
		const name = (await reader.read(30, nameLength)).toString('utf8')
		if (name !== 'mimetype' || method !== 0 || size > 1024) return null
		return (await reader.read(30 + nameLength + extraLength, size)).toString('utf8').trim()
	})
}

/** Bytes that `chunks` inflate to, counted and dropped; 'too_large' past `budget`, 'broken' when unreadable. */
async function inflatedSize(
	chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
	raw: boolean,
	budget: number,
	onText?: (text: string) => void,
): Promise<number | 'too_large' | 'broken'> {
	// Large output pieces: a bomb of 100 MB is 400 callbacks, not 6,400.
	const inflater = raw ? createInflateRaw({ chunkSize: 256 * 1024 }) : createInflate({ chunkSize: 256 * 1024 })
	const input = Readable.from(chunks)
	input.on('error', (error) => inflater.destroy(error))
	input.pipe(inflater)
	let total = 0
	try {
		for await (const piece of inflater as AsyncIterable<Buffer>) {
			total += piece.length
			if (total > budget) return 'too_large'
			onText?.(piece.toString('latin1'))
		}
		return total
	} catch {
		return 'broken'
	} finally {
		input.destroy()
		inflater.destroy()
	}
}

/** Unpacks every entry of the ZIP with a budget; a problem when it unpacks too far or cannot be read. */
export function zipProblem(source: ContentSource): Promise<ContentProblem | null> {
	return withSource(source, async (reader) => {
		const entries = await readZipDirectory(reader)
		if (!entries) return 'zip_unreadable'
		let unpacked = 0
		for (const entry of entries) {
			const local = await reader.read(entry.local, 30)
			if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) return 'zip_unreadable'
			const start = entry.local + 30 + local.readUInt16LE(26) + local.readUInt16LE(28)
			if (start + entry.packedSize > reader.size) return 'zip_unreadable'
			const budget = MAX_UNPACKED_BYTES - unpacked
			if (entry.method === 0) {
				unpacked += entry.packedSize
			} else if (entry.method === 8) {
				const size = await inflatedSize(reader.windows(start, start + entry.packedSize), true, budget)
				if (size === 'too_large') return 'zip_bomb'
				if (size === 'broken') return 'zip_unreadable'
				unpacked += size
			} else {
				return 'zip_unreadable'
			}
			if (unpacked > MAX_UNPACKED_BYTES) return 'zip_bomb'
		}
		if (unpacked > RATIO_FLOOR_BYTES && unpacked / reader.size > MAX_RATIO) return 'zip_bomb'
		return null
	})
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
 * Looks for active names in a text that arrives in pieces, holding a window, not the text. The text
 * is tested up to a cut before a character that is neither a letter, a digit nor `#`, with no `#`
 * in the two characters before it: no name and no `#xx` escape spans such a cut, and the character
 * after a name is the same on both sides of it, so the answer equals one test of the whole text.
 *
 * Each piece is searched for its last cut once, with the two characters before it, and the text
 * waits as a list of pieces: a string grown piece by piece was copied whole at every search, so a
 * 20 MB run without a cut (20 MB of letters) took 7.6 s of CPU instead of a fraction of one.
 */
export class ActiveNameScan {
	found = false
	private pieces: string[] = []
	private size = 0
	/** Where in the waiting text the last cut lies (0: none yet, for a cut at 0 leaves nothing to test). */
	private cut = 0
	/** The last two characters pushed: what `isCut` looks back at from the start of the next piece. */
	private edge = ''

	push(text: string): void {
		if (this.found || text.length === 0) return
		const context = this.edge + text
		for (let at = context.length - 1; at >= this.edge.length; at--) {
			if (isCut(context, at)) {
				this.cut = this.size + at - this.edge.length
				break
			}
		}
		this.edge = context.slice(-2)
		this.pieces.push(text)
		this.size += text.length
		if (this.size < 2 * WINDOW_BYTES || this.cut <= 0) return
		const pending = this.pieces.join('')
		this.test(pending.slice(0, this.cut))
		const rest = pending.slice(this.cut)
		this.pieces = [rest]
		this.size = rest.length
		this.cut = 0
	}

	end(): boolean {
		const pending = this.pieces.join('')
		this.pieces = []
		this.size = 0
		this.test(pending)
		return this.found
	}

	private test(text: string) {
		if (!this.found && ACTIVE_NAMES.test(unescapeNames(text))) this.found = true
	}
}

const HASH = 0x23

function isCut(text: string, at: number): boolean {
	const code = text.charCodeAt(at)
	const nameCharacter =
		(code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === HASH
	return !nameCharacter && text.charCodeAt(at - 1) !== HASH && text.charCodeAt(at - 2) !== HASH
}

/** Whether the text since the last ` obj` (a stream's dictionary) says `/Type /ObjStm`, in pieces. */
class DictionaryScan {
	private text = ''
	private seen = false

	push(text: string) {
		// Only a new ` obj` starts a new dictionary: searched in the new text and the 3 characters
		// before it (the text kept begins with the last one found).
		const edge = this.text.slice(-3)
		const obj = (edge + text).lastIndexOf(' obj')
		if (obj >= 0) {
			this.seen = false
			this.text = (edge + text).slice(obj)
		} else this.text += text
		if (this.text.length > 2 * WINDOW_BYTES) {
			// A long dictionary (or text that is none): the flag keeps what it said so far, and of the
			// text only what a match begun in it still needs: from the last two `/` on (`/Type`,
			// whitespace, the start of `/ObjStm`), whitespace runs cut to their last character (all
			// alike to `\s*`), and at least the last 3 characters (where ` obj` may begin).
			this.seen ||= OBJECT_STREAM.test(this.text)
			const last = this.text.lastIndexOf('/')
			const previous = last > 0 ? this.text.lastIndexOf('/', last - 1) : -1
			const start = previous >= 0 ? previous : last
			let tail = last >= 0 ? this.text.slice(start) : ''
			if (tail.length > 64) tail = tail.replace(/\s+/g, (run) => run.slice(-1))
			if (tail.length > 64) tail = tail.slice(-64)
			this.text = tail.length >= 3 ? tail : this.text.slice(-3)
		}
	}

	objectStream(): boolean {
		return this.seen || OBJECT_STREAM.test(this.text)
	}

	reset() {
		this.text = ''
		this.seen = false
	}
}

const OBJECT_STREAM = /\/Type\s*\/ObjStm/
const STREAM_START = /stream\r?\n/g
const STREAM_END = 'endstream'

/**
 * 'pdf_active' when the PDF's dictionaries name active content: those outside streams, and those in
 * compressed object streams (/ObjStm). Other stream bodies (images, fonts, page content) are binary
 * or drawing operators and are not read, so random bytes cannot look like a name. Read in windows:
 * the text outside streams is scanned as it comes, an object stream is inflated asynchronously.
 */
export function pdfProblem(source: ContentSource): Promise<ContentProblem | null> {
	return withSource(source, async (reader) => {
		const outside = new ActiveNameScan()
		const dictionary = new DictionaryScan()
		let budget = MAX_UNPACKED_BYTES
		// Outside a stream: `text` is what is not yet scanned, `before` the 3 characters before it.
		// Inside one: `text` is the body's last characters (where `endstream` may begin), `body` the
		// body of an object stream so far, `keywordAt` where its `stream` keyword is in the file.
		let inside = false
		let objectStream = false
		let body: Buffer[] = []
		let text = ''
		let before = ''
		let textStart = 0
		let keywordAt = 0
		for await (const window of reader.windows(0, reader.size)) {
			text += window.toString('latin1')
			for (;;) {
				if (!inside) {
					STREAM_START.lastIndex = 0
					let match = STREAM_START.exec(text)
					while (match && (before + text.slice(0, match.index)).slice(-3) === 'end') match = STREAM_START.exec(text)
					if (!match) {
						// Keep what may still become `stream\r\n`; the rest is scanned.
						const keep = Math.min(text.length, 7)
						const done = text.slice(0, text.length - keep)
						outside.push(done)
						dictionary.push(done)
						before = (before + done).slice(-3)
						textStart += done.length
						text = text.slice(done.length)
						break
					}
					const piece = text.slice(0, match.index)
					outside.push(piece)
					dictionary.push(piece)
					objectStream = dictionary.objectStream()
					inside = true
					body = []
					keywordAt = textStart + match.index
					textStart += match.index + match[0].length
					text = text.slice(match.index + match[0].length)
					continue
				}
				const stop = text.indexOf(STREAM_END)
				if (stop < 0) {
					const keep = Math.min(text.length, STREAM_END.length - 1)
					if (objectStream) body.push(Buffer.from(text.slice(0, text.length - keep), 'latin1'))
					textStart += text.length - keep
					text = text.slice(text.length - keep)
					break
				}
				if (objectStream) {
					body.push(Buffer.from(text.slice(0, stop), 'latin1'))
					if (budget <= 0) return 'pdf_active' // object streams this large are not an empty template
					const inner = new ActiveNameScan()
					const size = await inflatedSize(body, false, budget, (piece) => inner.push(piece))
					// An object stream that cannot be read (or unpacks too far) cannot be checked.
					if (typeof size !== 'number') return 'pdf_active'
					budget -= size
					if (inner.end()) return 'pdf_active'
					body = []
				}
				// The piece before the stream ends here: pieces are scanned as separate lines, no name
				// runs on into the next one, which begins with `endstream` (so `endstream\n` is no stream).
				outside.push('\n')
				inside = false
				textStart += stop
				text = text.slice(stop)
				before = ''
				dictionary.reset()
			}
			if (outside.found) return 'pdf_active'
		}
		if (inside) {
			// A stream without `endstream` is no stream: from its keyword on, everything is text outside.
			for await (const window of reader.windows(keywordAt, reader.size)) outside.push(window.toString('latin1'))
		} else outside.push(text)
		return outside.end() ? 'pdf_active' : null
	})
}
