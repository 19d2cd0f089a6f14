// The upload reader's memory bounds (issue 17, target 3): a body over the limit is cut off after
// about the limit, not received whole, and uploads beyond the budget wait with their bodies unread.
import { describe, expect, it } from 'vitest'
import {
	MAX_UPLOAD_BYTES,
	UPLOAD_BUDGET_BYTES,
	UploadRefused,
	readLimitedFormData,
	uploadBudgetInUse,
	withUploadBudget,
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
		await expect(readLimitedFormData(request)).rejects.toThrow(UploadRefused)
		expect(taken.bytes).toBeGreaterThan(MAX_UPLOAD_BYTES)
		expect(taken.bytes).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + 64 * 1024 + 2 * CHUNK)
	})

	it('refuses a declared length over the limit without reading a byte', async () => {
		const { request, taken } = countedRequest(() => new Uint8Array(CHUNK), {
			'content-length': String(MAX_UPLOAD_BYTES * 2),
		})
		await expect(readLimitedFormData(request)).rejects.toThrow(UploadRefused)
		expect(taken.bytes).toBe(0)
	})

	it('reads the file whole when it fits', async () => {
		const { request } = countedRequest(multipartPieces(3 * CHUNK))
		const file = (await readLimitedFormData(request)).get('file')
		expect(file).toBeInstanceOf(File)
		expect((file as File).size).toBe('%PDF-1.4\n'.length + 3 * CHUNK)
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
		const read = withUploadBudget(second.request, () => readLimitedFormData(second.request))
		await turn()
		expect(uploadBudgetInUse().waiting).toBe(1)
		expect(second.taken.bytes).toBe(0)
		release()
		await first
		expect(((await read).get('file') as File).size).toBe('%PDF-1.4\n'.length + CHUNK)
		expect(uploadBudgetInUse()).toEqual({ bytes: 0, waiting: 0 })
	})
})
