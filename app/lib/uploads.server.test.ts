// The upload reader's memory bounds (issue 17, target 3): a body over the limit is cut off after
// about the limit, not received whole, and uploads beyond the budget wait with their bodies unread.
// Files go to temporary files, which are gone again after every way a read can end.
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
	MAX_UPLOAD_BYTES,
	UPLOAD_BUDGET_BYTES,
	UploadRefused,
	decodedFileName,
	readUploadForm,
	uploadBudgetInUse,
	uploadTempRoot,
	withUploadBudget,
	withUploadForm,
} from './uploads.server.ts'

const CHUNK = 64 * 1024

/** A multipart request whose body comes from `source`, counting what the reader took from it. */
function countedRequest(source: () => Uint8Array | null, headers: Record<string, string> = {}) {
	const taken = { bytes: 0 }
	const body = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				const chunk = source()
				if (!chunk) return controller.close()
				taken.bytes += chunk.byteLength
				controller.enqueue(chunk)
			},
		},
		{ highWaterMark: 0 },
	)
	const request = new Request('http://localhost/upload', {
		method: 'POST',
		body,
		duplex: 'half',
		headers: { 'content-type': 'multipart/form-data; boundary=grens', ...headers },
	} as RequestInit)
	return { request, taken }
}

/** A small valid multipart body with one file, in CHUNK pieces. */
function multipartPieces(fileBytes: number): () => Uint8Array | null {
	const head = new TextEncoder().encode(
		'--grens\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n',
	)
	const tail = new TextEncoder().encode('\r\n--grens--\r\n')
	const whole = new Uint8Array(head.byteLength + fileBytes + tail.byteLength)
	whole.set(head)
	whole.set(tail, head.byteLength + fileBytes)
	let offset = 0
	return () => {
		if (offset >= whole.byteLength) return null
		const piece = whole.subarray(offset, offset + CHUNK)
		offset += CHUNK
		return piece
	}
}

const turn = () => new Promise((resolve) => setImmediate(resolve))

describe('reading an upload', () => {
	it('cuts a body without a declared length off just past the limit, without receiving the rest', async () => {
		// An endless body: only the cut-off stops it.
		const { request, taken } = countedRequest(() => new Uint8Array(CHUNK))
		await expect(readUploadForm(request)).rejects.toThrow(UploadRefused)
		expect(taken.bytes).toBeGreaterThan(MAX_UPLOAD_BYTES)
		expect(taken.bytes).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + 64 * 1024 + 2 * CHUNK)
	})

	it('refuses a declared length over the limit without reading a byte', async () => {
		const { request, taken } = countedRequest(() => new Uint8Array(CHUNK), {
			'content-length': String(MAX_UPLOAD_BYTES * 2),
		})
		await expect(readUploadForm(request)).rejects.toThrow(UploadRefused)
		expect(taken.bytes).toBe(0)
	})

	it('keeps the name the user chose when the browser escaped its quotes (%22) and line breaks', async () => {
		// Node's FormData writes a multipart body as a browser does: `"` in a file name as %22.
		const body = new FormData()
		body.append('file', new Blob(['%PDF-1.4\n']), 'plan "def" €.pdf')
		const form = await readUploadForm(new Request('http://localhost/upload', { method: 'POST', body }))
		expect(form.file('file')?.name).toBe('plan "def" €.pdf')
		await form.dispose()
		expect(decodedFileName('a%0Ab%0dc%22d%25e.pdf')).toBe('a\nb\rc"d%25e.pdf')
	})

	it('reads the file whole when it fits', async () => {
		const { request } = countedRequest(multipartPieces(3 * CHUNK))
		const form = await readUploadForm(request)
		const file = form.file('file')
		expect(file?.name).toBe('a.pdf')
		expect(file?.size).toBe('%PDF-1.4\n'.length + 3 * CHUNK)
		expect((await readFile(file!.path)).byteLength).toBe(file?.size)
		await form.dispose()
		await expect(readFile(file!.path)).rejects.toThrow()
	})

	it('lets uploads beyond the budget wait with their bodies unread, then reads them', async () => {
		const declared = String(MAX_UPLOAD_BYTES) // two of these do not fit the budget together
		expect(2 * MAX_UPLOAD_BYTES).toBeGreaterThan(UPLOAD_BUDGET_BYTES)
		let release!: () => void
		const first = withUploadBudget(
			countedRequest(multipartPieces(CHUNK), { 'content-length': declared }).request,
			() => new Promise<void>((resolve) => (release = resolve)),
		)
		await turn()
		const second = countedRequest(multipartPieces(CHUNK), { 'content-length': declared })
		const read = withUploadForm(second.request, async (form) => form.file('file')?.size)
		await turn()
		expect(uploadBudgetInUse().waiting).toBe(1)
		expect(second.taken.bytes).toBe(0)
		release()
		await first
		expect(await read).toBe('%PDF-1.4\n'.length + CHUNK)
		expect(uploadBudgetInUse()).toEqual({ bytes: 0, waiting: 0 })
	})
})

/** A multipart request from fixed pieces, then (optionally) a body that never ends: a sender that stalls. */
function pieceRequest(pieces: string[], { stall = false, signal }: { stall?: boolean; signal?: AbortSignal } = {}) {
	const encoder = new TextEncoder()
	let next = 0
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			const piece = pieces[next++]
			if (piece !== undefined) return controller.enqueue(encoder.encode(piece))
			if (!stall) controller.close()
			return new Promise<void>(() => {}) // waits for ever, as a stalled upload does
		},
	})
	return new Request('http://localhost/upload', {
		method: 'POST',
		body,
		duplex: 'half',
		signal,
		headers: { 'content-type': 'multipart/form-data; boundary=grens' },
	} as RequestInit)
}

const filePart = (field: string, name: string, content: string) =>
	`--grens\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\n\r\n${content}\r\n`

/** The folders the reader left behind (each test reads into a fresh temporary root). */
async function leftBehind(): Promise<string[]> {
	return readdir(uploadTempRoot()).catch(() => [])
}

describe('temporary files of an upload', () => {
	let root: string
	beforeEach(async () => {
		root = await mkdtemp(path.join(tmpdir(), 'keurmerk-upload-test-'))
		vi.stubEnv('TMPDIR', root)
	})
	afterEach(async () => {
		vi.unstubAllEnvs()
		await rm(root, { recursive: true, force: true })
	})

	it('keeps text fields and every file with its size and SHA-256, and removes the files with the form', async () => {
		const request = pieceRequest([
			'--grens\r\nContent-Disposition: form-data; name="body"\r\n\r\nHallo daar\r\n',
			filePart('attachments', 'één.pdf', '%PDF-1.4 een'),
			filePart('attachments', 'twee.pdf', '%PDF-1.4 twee'),
			'--grens--\r\n',
		])
		const form = await readUploadForm(request)
		expect(form.fields.get('body')).toBe('Hallo daar')
		const files = form.filesOf('attachments')
		expect(files.map((file) => [file.name, file.size])).toEqual([
			['één.pdf', 12],
			['twee.pdf', 13],
		])
		expect(files[0]!.sha256).toBe(createHash('sha256').update('%PDF-1.4 een').digest('hex'))
		expect(await leftBehind()).toHaveLength(1)
		await form.dispose()
		expect(await leftBehind()).toEqual([])
	})

	it('leaves nothing behind when the body is cut off at the limit', async () => {
		const request = pieceRequest([filePart('file', 'a.pdf', `%PDF-1.4\n${'x'.repeat(200 * 1024)}`), '--grens--\r\n'])
		await expect(readUploadForm(request, 100 * 1024)).rejects.toThrow(UploadRefused)
		expect(await leftBehind()).toEqual([])
	})

	it('answers a broken multipart body with a 400 and leaves nothing behind', async () => {
		const request = pieceRequest([
			`--grens\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF`,
		])
		const refusal = await readUploadForm(request).catch((caught: unknown) => caught)
		expect(refusal).toBeInstanceOf(Response)
		expect((refusal as Response).status).toBe(400)
		expect(await leftBehind()).toEqual([])
		const noBoundary = new Request('http://localhost/upload', {
			method: 'POST',
			body: 'x',
			headers: { 'content-type': 'multipart/form-data' },
		})
		expect(((await readUploadForm(noBoundary).catch((caught: unknown) => caught)) as Response).status).toBe(400)
	})

	it('leaves nothing behind when the sender goes away halfway', async () => {
		const controller = new AbortController()
		const request = pieceRequest([filePart('file', 'a.pdf', `%PDF-1.4\n${'x'.repeat(100 * 1024)}`)], {
			stall: true,
			signal: controller.signal,
		})
		const reading = readUploadForm(request).catch((caught: unknown) => caught)
		// Wait until the first bytes are on disk, then the connection closes.
		for (let tries = 0; tries < 100 && (await leftBehind()).length === 0; tries++) await turn()
		expect(await leftBehind()).toHaveLength(1)
		controller.abort()
		expect(((await reading) as Response).status).toBe(400)
		expect(await leftBehind()).toEqual([])
	})

	it('removes the files however the work on them ends', async () => {
		const request = pieceRequest([filePart('file', 'a.pdf', '%PDF-1.4'), '--grens--\r\n'])
		await expect(
			withUploadForm(request, async (form) => {
				expect(form.file('file')?.size).toBe(8)
				throw new Error('de transactie mislukte')
			}),
		).rejects.toThrow('de transactie mislukte')
		expect(await leftBehind()).toEqual([])
		expect(uploadBudgetInUse()).toEqual({ bytes: 0, waiting: 0 })
	})
})
