// Issue 17: uploads are streamed to temporary files, checked there, copied into the store outside
// the transaction and recorded in it. Against the real database: many large uploads at once stay
// within the upload budget (the others wait with their bodies unread) and the process holds no
// body in memory; message attachments wait in the same budget; a transaction that fails removes
// the bytes it had stored, in both stores; a sender that goes away leaves no temporary file.
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as threadRoute from '#app/routes/provider/messages/thread.tsx'
import * as normRoute from '#app/routes/provider/self-evaluation/norm.tsx'
import { db } from '#app/lib/db.server.ts'
import { databaseFileStore, fileStore } from '#app/lib/file-store.server.ts'
import { recordStoredFile, withStagedFiles } from '#app/lib/storage.server.ts'
import { createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import {
	UPLOAD_BUDGET_BYTES,
	uploadBudgetInUse,
	uploadOfBytes,
	uploadTempRoot,
	withUploadBudget,
} from '#app/lib/uploads.server.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { receivedFile } from '#test/fixtures/received-file.ts'
import { baseUrl, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import { TEMPLATE_KEY, listedProvider, storedOnDisk } from './self-evaluation-helpers.ts'

const year = 2068
const MB = 1024 * 1024
const CHUNK = 64 * 1024
// One shared filler chunk: the test itself holds no body either, so what is measured is the server's.
const FILLER = new TextEncoder().encode(`%${'x'.repeat(CHUNK - 2)}\n`)

/**
 * A browser's multipart upload of one PDF of `megabytes`, streamed in 64 kB chunks with its length
 * declared; `taken` counts what the server read, `stall` stops sending halfway (and waits).
 */
function pdfUpload(
	url: string,
	cookie: string,
	megabytes: number,
	options: { stall?: boolean; signal?: AbortSignal; field?: string; fields?: Record<string, string> } = {},
) {
	const encoder = new TextEncoder()
	const boundary = 'grens'
	const fieldParts = Object.entries(options.fields ?? {}).map(
		([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
	)
	const label = `${Math.random()}`
	const head = encoder.encode(
		`${fieldParts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'file'}"; filename="groot.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n% ${label}\n`,
	)
	const tail = encoder.encode(`trailer\n<< >>\n%%EOF\n\r\n--${boundary}--\r\n`)
	const fillers = megabytes * 16
	const pieces: Uint8Array[] = [head, ...Array.from({ length: fillers }, () => FILLER), tail]
	const taken = { bytes: 0 }
	let next = 0
	const body = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				if (options.stall && next === 4) return new Promise<void>(() => {})
				const piece = pieces[next++]
				if (!piece) return controller.close()
				taken.bytes += piece.byteLength
				controller.enqueue(piece)
			},
		},
		{ highWaterMark: 0 },
	)
	const length = pieces.reduce((sum, piece) => sum + piece.byteLength, 0)
	const request = new Request(`${baseUrl}${url}`, {
		method: 'POST',
		body,
		duplex: 'half',
		signal: options.signal,
		headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length) },
	} as RequestInit)
	return { request, taken }
}

/** A full garbage collection, so memory figures are what is alive, not what waits to be collected. */
function collector(): () => void {
	setFlagsFromString('--expose-gc')
	return runInNewContext('gc') as () => void
}

/** Waits (up to 10 s: the machine may be busy) until `ready` holds. */
async function until(ready: () => boolean | Promise<boolean>) {
	const deadline = Date.now() + 10_000
	while (!(await ready()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
}

let tempRoot: string
beforeEach(async () => {
	tempRoot = await mkdtemp(path.join(tmpdir(), 'keurmerk-upload-pipeline-'))
	vi.stubEnv('TMPDIR', tempRoot)
})
afterEach(async () => {
	vi.unstubAllEnvs()
	await rm(tempRoot, { recursive: true, force: true })
})
const leftBehind = () => readdir(uploadTempRoot()).catch(() => [])

describe('the upload pipeline', () => {
	it('takes eight 5 MB uploads at once within the 32 MB budget, holding no body in memory', async () => {
		const context = await listedProvider(year)
		const url = `${context.base}/norm/1?upload=${encodeURIComponent(TEMPLATE_KEY)}`
		const gc = collector()
		gc()
		const baseline = process.memoryUsage().arrayBuffers
		let peakBudget = 0
		let peakWaiting = 0
		let peakLive = 0
		let sampling = true
		const sampler = (async () => {
			while (sampling) {
				const { bytes, waiting } = uploadBudgetInUse()
				peakBudget = Math.max(peakBudget, bytes)
				peakWaiting = Math.max(peakWaiting, waiting)
				gc()
				peakLive = Math.max(peakLive, process.memoryUsage().arrayBuffers - baseline)
				await new Promise((resolve) => setTimeout(resolve, 50))
			}
		})()
		const uploads = Array.from({ length: 8 }, () => pdfUpload(url, context.cookie, 5))
		const results = await Promise.all(
			uploads.map(({ request }) =>
				settle(() =>
					normRoute.action(routeArgs(request, { providerId: context.provider.id, year: String(year), normCode: '1' })),
				),
			),
		)
		sampling = false
		await sampler
		expect(results.map((result) => result.response?.status)).toEqual(Array(8).fill(302))
		expect(peakBudget).toBeGreaterThan(0)
		expect(peakBudget).toBeLessThanOrEqual(UPLOAD_BUDGET_BYTES)
		expect(peakWaiting).toBeGreaterThan(0) // 40 MB does not fit 32 MB: some waited their turn
		// 40 MB went through; what the process held alive at any moment is a few chunks per upload
		// (before issue 17: each admitted body several times over, ~100 MB).
		expect(peakLive).toBeLessThan(24 * MB)
		const files = await db.storedFile.findMany({ where: { providerId: context.provider.id } })
		expect(files).toHaveLength(8)
		expect(files.every((file) => file.sizeBytes > 5 * MB && file.sizeBytes < 5 * MB + CHUNK)).toBe(true)
		// The checksum recorded is the one of the bytes in the store.
		const stored = await fileStore().read(files[0]!.storageKey)
		expect(createHash('sha256').update(stored).digest('hex')).toBe(files[0]!.sha256)
		expect(await leftBehind()).toEqual([])
		expect(uploadBudgetInUse()).toEqual({ bytes: 0, waiting: 0 })
	}, 120_000)

	it('lets message attachments wait in the same budget, their bodies unread', async () => {
		await ensureMarkYear(year)
		const { provider, user } = await createProviderWithMember()
		await createSubmittedParticipation({ year, providerId: provider.id })
		const cookie = await sessionCookieFor(user.id)
		// The budget full: two uploads of 16 MB being handled.
		const releases: (() => void)[] = []
		const holders = [0, 1].map(() =>
			withUploadBudget(
				new Request(`${baseUrl}/x`, { method: 'POST', headers: { 'content-length': String(16 * MB) } }),
				() => new Promise<void>((resolve) => releases.push(resolve)),
			),
		)
		await until(() => releases.length === 2)
		expect(uploadBudgetInUse().bytes).toBe(UPLOAD_BUDGET_BYTES)
		const message = pdfUpload(`/aanbieder/${provider.id}/berichten/${year}`, cookie, 1, {
			field: 'attachments',
			fields: { body: 'Ons werkproces, zoals gevraagd.' },
		})
		const posting = settle(() =>
			threadRoute.action(routeArgs(message.request, { providerId: provider.id, year: String(year) })),
		)
		try {
			await until(() => uploadBudgetInUse().waiting > 0)
			expect(uploadBudgetInUse().waiting).toBe(1)
			expect(message.taken.bytes).toBe(0)
		} finally {
			for (const release of releases) release()
			await Promise.all(holders)
		}
		expect((await posting).response?.status).toBe(302)
		const attachment = await db.messageAttachment.findFirstOrThrow({
			where: { message: { participation: { providerId: provider.id } } },
			include: { file: true },
		})
		expect(attachment.file.sizeBytes).toBeGreaterThan(MB)
		expect(await leftBehind()).toEqual([])
	}, 60_000)

	it.each([
		['the local directory', () => fileStore('local')],
		['the database', () => databaseFileStore()],
	])('removes the stored bytes again when the transaction fails, in %s', async (_, store) => {
		const bytes = new TextEncoder().encode(`%PDF-1.4\n% mislukt ${Math.random()}\n%%EOF\n`)
		const onDisk = await receivedFile('plan.pdf', bytes)
		const inMemory = uploadOfBytes('bijlage.pdf', 'pdf', bytes)
		const keys: string[] = []
		const chunksBefore = await db.storedFileChunk.count()
		const rowsBefore = await db.storedFile.count()
		await expect(
			withStagedFiles(
				[{ ...onDisk, mimeType: 'application/pdf' }, inMemory],
				async (staged) => {
					for (const file of staged) {
						keys.push(file.storageKey)
						expect(await store().has(file.storageKey)).toBe(true) // stored before the rows
					}
					return db.$transaction(async (tx) => {
						for (const file of staged) await recordStoredFile(tx, file, { kind: 'template_upload', providerId: null })
						throw new Error('de transactie mislukt')
					})
				},
				store(),
			),
		).rejects.toThrow('de transactie mislukt')
		expect(keys).toHaveLength(2)
		for (const key of keys) expect(await store().has(key)).toBe(false)
		expect(await db.storedFile.count()).toBe(rowsBefore)
		expect(await db.storedFileChunk.count()).toBe(chunksBefore)
		expect(storedOnDisk(bytes)).toBe(false)
	})

	it('stores nothing when the service refuses inside its transaction (a replaced document already gone)', async () => {
		const context = await listedProvider(year)
		const url = `${context.base}/norm/1?upload=${encodeURIComponent(TEMPLATE_KEY)}`
		const upload = pdfUpload(url, context.cookie, 1, { fields: { replaces: 'bestaat-niet' } })
		const before = await db.storedFile.count()
		const { value } = await settle(() =>
			normRoute.action(
				routeArgs(upload.request, { providerId: context.provider.id, year: String(year), normCode: '1' }),
			),
		)
		expect(JSON.stringify(value)).toContain('"error"')
		expect(await db.storedFile.count()).toBe(before)
		expect(await leftBehind()).toEqual([])
	})

	it('leaves no temporary file when the sender goes away halfway', async () => {
		const context = await listedProvider(year)
		const url = `${context.base}/norm/1?upload=${encodeURIComponent(TEMPLATE_KEY)}`
		const controller = new AbortController()
		const upload = pdfUpload(url, context.cookie, 4, { stall: true, signal: controller.signal })
		const before = await db.storedFile.count()
		const outcome = settle(() =>
			normRoute.action(
				routeArgs(upload.request, { providerId: context.provider.id, year: String(year), normCode: '1' }),
			),
		)
		await until(async () => (await leftBehind()).length > 0)
		expect(await leftBehind()).toHaveLength(1)
		controller.abort()
		expect((await outcome).response?.status).toBe(400)
		expect(await leftBehind()).toEqual([])
		expect(await db.storedFile.count()).toBe(before)
		expect(uploadBudgetInUse()).toEqual({ bytes: 0, waiting: 0 })
	})
})
