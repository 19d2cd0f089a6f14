// Issue 17: uploads are inspected on a thread of their own (app/lib/upload-check-pool.server.ts).
// The thread must give the answers the checks give in-process, and whatever befalls it (a crash,
// a check without end, too many uploads at once) an upload gets an answer, a refusal, never a wait
// without end: no unchecked file is stored, no request hangs holding its share of the upload budget.
// Real threads throughout: the portal's own, and small ones that crash or never answer.
// Memory (issue 17, target 3): the thread's young generation is bounded, a check past its heap is
// refused like a crash, and an idle thread ends (so an idle server holds no second heap) and comes
// back for the next upload.
import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import {
	createUploadCheckPool,
	type UploadCheckPool,
	THREAD_LIMITS,
	UploadCheckFailed,
	uploadCheckPool,
} from '#app/lib/upload-check-pool.server.ts'
import { translate } from '#app/i18n/translate.ts'
import { inspectUpload } from '#app/lib/upload-inspect.server.ts'
import { acceptUpload, UploadRefused } from '#app/lib/uploads.server.ts'
import { docx } from '#test/fixtures/office-files.ts'
import { receivedFile } from '#test/fixtures/received-file.ts'

function pdf(body: string, padding = 0): Uint8Array {
	return new TextEncoder().encode(
		`%PDF-1.4\n1 0 obj<<${body}>>endobj\n${`%${'x'.repeat(98)}\n`.repeat(padding)}%%EOF\n`,
	)
}

/** A thread that does `onMessage` (plain JavaScript in the thread) with each check it is sent. */
function thread(onMessage: string): () => Worker {
	return () =>
		new Worker(`require('node:worker_threads').parentPort.on('message', (request) => { ${onMessage} })`, {
			eval: true,
		})
}

const pools: UploadCheckPool[] = []
function pool(options: Parameters<typeof createUploadCheckPool>[0]): UploadCheckPool {
	const made = createUploadCheckPool(options)
	pools.push(made)
	return made
}
afterEach(async () => {
	for (const made of pools.splice(0)) await made.close()
})

describe('the upload-check thread', () => {
	// First in the file: the portal's pool starts its thread for this upload, so the thread is
	// still starting when it is ended (a warm thread might answer a small file first).
	it('refuses the upload, not waits, when the thread dies during its check; the next upload gets a new thread', async () => {
		const file = await receivedFile('plan.pdf', pdf('/Type/Catalog', 200_000)) // 20 MB
		const pending = acceptUpload(file, 25 * 1024 * 1024).catch((error: unknown) => error)
		const first = uploadCheckPool().worker
		expect(first).not.toBeNull()
		await first?.terminate()
		const refused = await pending
		expect(refused).toBeInstanceOf(UploadRefused)
		expect((refused as UploadRefused).key).toBe('selfEvaluation.uploadNotChecked')

		const accepted = await acceptUpload(await receivedFile('plan.pdf', pdf('/Type/Catalog')))
		expect(accepted.kind).toBe('pdf')
		expect(uploadCheckPool().worker).not.toBe(first)
	})

	it('gives the answers of the checks in-process', async () => {
		const checks = pool({})
		const files = [
			await receivedFile('a.pdf', pdf('/Type/Catalog')),
			await receivedFile('b.pdf', pdf('/OpenAction << /S /J#61vaScript /JS (app.alert(1)) >>')),
			await receivedFile('c.docx', docx()),
			await receivedFile('d.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])),
		]
		const answers = await Promise.all(files.map((file) => checks.inspect(file.path)))
		expect(answers).toEqual([
			{ kind: 'pdf', problem: null },
			{ kind: 'pdf', problem: 'pdf_active' },
			{ kind: 'docx', problem: null },
			{ kind: null, problem: null },
		])
		for (const [index, file] of files.entries())
			expect(answers[index]).toEqual(await inspectUpload({ path: file.path }))
	})

	it.each([
		['ends', 'process.exit(3)'],
		['throws', "throw new Error('kapot')"],
	])('refuses the running check when the thread %s, and the next check gets a new thread', async (_, crash) => {
		let started = 0
		const checks = pool({
			start: () =>
				++started === 1
					? thread(crash)()
					: thread(
							'require("node:worker_threads").parentPort.postMessage({ id: request.id, ok: true, kind: "pdf", problem: null })',
						)(),
		})
		await expect(checks.inspect('/tmp/a')).rejects.toMatchObject({ reason: 'crashed' })
		await expect(checks.inspect('/tmp/b')).resolves.toEqual({ kind: 'pdf', problem: null })
		expect(started).toBe(2)
	})

	it('gives up on a check that takes too long and ends its thread', async () => {
		let started = 0
		const checks = pool({ timeoutMs: 200, start: () => (started++, thread('/* never answers */')()) })
		const stuck = checks.worker
		expect(stuck).toBeNull()
		const before = performance.now()
		await expect(checks.inspect('/tmp/a')).rejects.toMatchObject({ reason: 'timeout' })
		expect(performance.now() - before).toBeLessThan(5000)
		expect(checks.worker).toBeNull() // ended, not left running
		await expect(checks.inspect('/tmp/b')).rejects.toBeInstanceOf(UploadCheckFailed)
		expect(started).toBe(2)
	})

	it('keeps at most maxQueued checks waiting and refuses more at once', async () => {
		const checks = pool({ maxQueued: 2, start: thread('/* never answers */') })
		const running = checks.inspect('/tmp/1')
		const waiting = [checks.inspect('/tmp/2'), checks.inspect('/tmp/3')]
		for (const check of [running, ...waiting]) check.catch(() => {})
		expect(checks.running).toBe(true)
		expect(checks.queued).toBe(2)
		await expect(checks.inspect('/tmp/4')).rejects.toMatchObject({ reason: 'busy' })
		expect(checks.queued).toBe(2)
		// Closing answers everyone still waiting.
		await checks.close()
		for (const check of [running, ...waiting]) await expect(check).rejects.toBeInstanceOf(UploadCheckFailed)
	})

	it('refuses every upload with a clear answer when no thread can be started', async () => {
		const checks = pool({
			start: () => {
				throw new Error('geen threads meer')
			},
		})
		await expect(checks.inspect('/tmp/a')).rejects.toMatchObject({ reason: 'crashed' })
		await expect(checks.inspect('/tmp/b')).rejects.toMatchObject({ reason: 'crashed' })
	})

	it("runs the portal's thread with a bounded young generation and heap", async () => {
		const checks = pool({})
		await checks.inspect((await receivedFile('a.pdf', pdf('/Type/Catalog'))).path)
		// V8's default young generation grows to 48 MB (16 MB semi-spaces) in a thread too.
		expect(checks.worker?.resourceLimits).toMatchObject({ maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 })
		expect(THREAD_LIMITS).toEqual({ maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 })
	})

	it('ends the thread after idleMs without checks; the next upload is checked by a new one', async () => {
		const checks = pool({ idleMs: 50 })
		const clean = await receivedFile('a.pdf', pdf('/Type/Catalog'))
		await expect(checks.inspect(clean.path)).resolves.toEqual({ kind: 'pdf', problem: null })
		const first = checks.worker
		expect(first).not.toBeNull()
		await once(first as Worker, 'exit')
		expect(checks.worker).toBeNull()

		const active = await receivedFile('b.pdf', pdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'))
		await expect(checks.inspect(active.path)).resolves.toEqual({ kind: 'pdf', problem: 'pdf_active' })
		expect(checks.worker).not.toBeNull()
		expect(checks.worker).not.toBe(first)
	})

	it('does not end the thread during a check that outlasts idleMs', async () => {
		let started = 0
		const checks = pool({
			idleMs: 20,
			start: () => (
				started++,
				thread(
					'setTimeout(() => require("node:worker_threads").parentPort.postMessage({ id: request.id, ok: true, kind: "pdf", problem: null }), 300)',
				)()
			),
		})
		await expect(checks.inspect('/tmp/a')).resolves.toEqual({ kind: 'pdf', problem: null })
		await expect(checks.inspect('/tmp/b')).resolves.toEqual({ kind: 'pdf', problem: null })
		expect(started).toBe(1)
	})

	it("refuses a check that runs out of the thread's heap (Dutch and English), and the next is checked", async () => {
		// 20 MB of text without a break: the name scan holds it whole (~40 MB), past an 8 MB heap.
		const checks = pool({ resourceLimits: { maxOldGenerationSizeMb: 8 } })
		const unbroken = new TextEncoder().encode(`%PDF-1.4\n${'a'.repeat(20 * 1024 * 1024)}\n%%EOF\n`)
		const refused = await checks.inspect((await receivedFile('a.pdf', unbroken)).path).catch((error: unknown) => error)
		expect(refused).toBeInstanceOf(UploadCheckFailed)
		expect(refused).toMatchObject({ reason: 'crashed', cause: { code: 'ERR_WORKER_OUT_OF_MEMORY' } })
		// acceptUpload turns every UploadCheckFailed into this refusal (the first test above).
		expect(translate('nl', 'selfEvaluation.uploadNotChecked')).toMatch(/kon nu niet worden gecontroleerd/)
		expect(translate('en', 'selfEvaluation.uploadNotChecked')).toMatch(/could not be checked/)

		const clean = await receivedFile('b.pdf', pdf('/Type/Catalog'))
		await expect(checks.inspect(clean.path)).resolves.toEqual({ kind: 'pdf', problem: null })
	})
})
