// Template uploads: only real PDF/DOCX/ODT/XLSX under 20 MB with a plain name are stored; every
// refusal has a clear Dutch message and leaves nothing behind (no StoredFile row, no file on disk).
import { describe, expect, it, vi } from 'vitest'
import * as normRoute from '#app/routes/provider/self-evaluation/norm.tsx'
import * as documentRoute from '#app/routes/provider/self-evaluation/document.ts'
import { translate } from '#app/i18n/translate.ts'
import { db, getDatabase } from '#app/lib/db.server.ts'
import { sniffKind } from '#app/lib/uploads.server.ts'
import { attachGeneratedDocument } from '#app/services/self-evaluation.server.ts'
import { TINY_PDF } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { dataOf, getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import {
	DOCX,
	TEMPLATE_KEY,
	listedProvider,
	multipartRequest,
	storedOnDisk,
	tinyZip,
} from './self-evaluation-helpers.ts'

const year = 2071

async function upload(
	context: Awaited<ReturnType<typeof listedProvider>>,
	file: File,
	headers: Record<string, string> = {},
) {
	const path = `${context.base}/norm/1?upload=${encodeURIComponent(TEMPLATE_KEY)}`
	const request = multipartRequest(path, { evidenceKey: TEMPLATE_KEY, file }, context.cookie, headers)
	return settle(() =>
		normRoute.action(routeArgs(request, { providerId: context.provider.id, year: String(year), normCode: '1' })),
	)
}

function uniquePdf(label: string): Uint8Array<ArrayBuffer> {
	return new TextEncoder().encode(`%PDF-1.4\n% ${label} ${Math.random()}\n%%EOF\n`)
}

describe('template uploads', () => {
	it('stores a real PDF and DOCX with name, size and date, and lets the member download them', async () => {
		const context = await listedProvider(year)
		const pdf = await upload(context, new File([TINY_PDF], 'behandelplan.pdf', { type: 'application/pdf' }))
		expect(pdf.response?.status).toBe(302)
		const docx = await upload(context, new File([DOCX()], 'Format samen beslissen.docx'))
		expect(docx.response?.status).toBe(302)
		const files = await db.storedFile.findMany({
			where: { providerId: context.provider.id, kind: 'template_upload' },
			orderBy: { createdAt: 'asc' },
		})
		expect(files.map((file) => [file.originalName, file.mimeType, file.sizeBytes])).toEqual([
			['behandelplan.pdf', 'application/pdf', TINY_PDF.byteLength],
			[
				'Format samen beslissen.docx',
				'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				DOCX().byteLength,
			],
		])
		const download = await settle(() =>
			documentRoute.loader(
				routeArgs(getRequest(`${context.base}/documenten/${files[0]!.id}`, context.cookie), {
					providerId: context.provider.id,
					year: String(year),
					fileId: files[0]!.id,
				}),
			),
		)
		expect(download.response?.status).toBe(200)
		expect(download.response?.headers.get('content-disposition')).toContain('attachment')
		expect(
			Buffer.from(await download.response!.arrayBuffer())
				.subarray(0, 5)
				.toString(),
		).toBe('%PDF-')
	})

	it('replaces a document: the new one is listed, the old one no longer', async () => {
		const context = await listedProvider(year)
		await upload(context, new File([TINY_PDF], 'eerste.pdf'))
		const first = await db.storedFile.findFirstOrThrow({
			where: { providerId: context.provider.id, originalName: 'eerste.pdf' },
		})
		const path = `${context.base}/norm/1?upload=${encodeURIComponent(TEMPLATE_KEY)}`
		const request = multipartRequest(
			path,
			{ evidenceKey: TEMPLATE_KEY, replaces: first.id, file: new File([uniquePdf('tweede')], 'tweede.pdf') },
			context.cookie,
		)
		const replaced = await settle(() =>
			normRoute.action(routeArgs(request, { providerId: context.provider.id, year: String(year), normCode: '1' })),
		)
		expect(replaced.response?.status).toBe(302)
		const names = (
			await db.answerDocument.findMany({
				where: { answer: { round: { participationId: context.participationId } } },
				include: { file: true },
			})
		).map((row) => row.file.originalName)
		expect(names).toEqual(['tweede.pdf'])
	})

	it('records an upload in one statement, without a transaction (the embedded database runs one at a time)', async () => {
		const context = await listedProvider(year)
		const transactions = vi.spyOn(getDatabase().prisma, '$transaction')
		try {
			// The item's first document makes its answer; the second finds it.
			const first = uniquePdf('een')
			expect((await upload(context, new File([first], 'een.pdf'))).response?.status).toBe(302)
			expect(storedOnDisk(first)).toBe(true)
			expect((await upload(context, new File([uniquePdf('twee')], 'twee.pdf'))).response?.status).toBe(302)
			expect(transactions).not.toHaveBeenCalled()
		} finally {
			transactions.mockRestore()
		}
		const answers = await db.answer.findMany({
			where: { round: { participationId: context.participationId } },
			include: { documents: { include: { file: true }, orderBy: { addedAt: 'asc' } } },
		})
		expect(answers).toHaveLength(1)
		// An answer an upload made holds only its documents: no text, no ticks, the first version.
		expect(answers[0]).toMatchObject({ text: null, checkedElements: [], version: 1, updatedById: context.user.id })
		expect(
			answers[0]!.documents.map((row) => [
				row.file.originalName,
				row.file.kind,
				row.file.providerId,
				row.file.uploadedById,
			]),
		).toEqual([
			['een.pdf', 'template_upload', context.provider.id, context.user.id],
			['twee.pdf', 'template_upload', context.provider.id, context.user.id],
		])
	})

	it('makes the same answer row in one statement as in a transaction (a generated report’s first document)', async () => {
		const byUpload = await listedProvider(year)
		expect((await upload(byUpload, new File([uniquePdf('upload')], 'upload.pdf'))).response?.status).toBe(302)
		const byReport = await listedProvider(year)
		const attached = await attachGeneratedDocument(
			{ type: 'provider', userId: byReport.user.id },
			{
				providerId: byReport.provider.id,
				year,
				evidenceKey: TEMPLATE_KEY,
				kind: 'benchmark_report',
				name: 'spiegel.pdf',
				bytes: TINY_PDF,
			},
		)
		expect(attached).not.toBeNull()
		// As stored, not as Prisma reads it back (an empty list and NULL both read as []).
		const stored = (participationId: string) => db.$queryRaw<unknown[]>`
			SELECT a."text", a."number", a."url", a."checkedElements", a."checkedElements" IS NULL AS "noList",
				a."declared", a."prefill"::text, a."version"
			FROM "Answer" AS a JOIN "SelfEvaluationRound" AS r ON r.id = a."roundId"
			WHERE r."participationId" = ${participationId}`
		const [fromStatement] = await stored(byUpload.participationId)
		const [fromTransaction] = await stored(byReport.participationId)
		expect(fromStatement).toBeDefined()
		expect(fromTransaction).toEqual(fromStatement)
	})

	it('two colleagues uploading the first document of one item at once both succeed, on one answer', async () => {
		const context = await listedProvider(year)
		// Colleagues of the same provider, each with a session of their own.
		const colleagues = await Promise.all(
			[0, 1, 2].map(async () => {
				const user = await createUser()
				await db.membership.create({ data: { userId: user.id, providerId: context.provider.id } })
				return sessionCookieFor(user.id)
			}),
		)
		const cookies = [context.cookie, ...colleagues]
		const path = `${context.base}/norm/1?upload=${encodeURIComponent(TEMPLATE_KEY)}`
		const results = await Promise.all(
			cookies.map((cookie, index) =>
				settle(() =>
					normRoute.action(
						routeArgs(
							multipartRequest(
								path,
								{ evidenceKey: TEMPLATE_KEY, file: new File([uniquePdf(`gelijk-${index}`)], `gelijk-${index}.pdf`) },
								cookie,
							),
							{ providerId: context.provider.id, year: String(year), normCode: '1' },
						),
					),
				),
			),
		)
		expect(results.map((result) => result.response?.status)).toEqual(cookies.map(() => 302))
		const answers = await db.answer.findMany({
			where: { round: { participationId: context.participationId } },
			include: { documents: { include: { file: true } } },
		})
		expect(answers).toHaveLength(1)
		expect(answers[0]!.documents.map((row) => row.file.originalName).sort()).toEqual(
			cookies.map((_, index) => `gelijk-${index}.pdf`),
		)
	})

	const refusals: [string, () => File, string][] = [
		[
			'an .exe',
			() => new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0])], 'setup.exe'),
			'selfEvaluation.uploadBadType',
		],
		[
			'a PNG renamed .pdf',
			() =>
				new File(
					[
						new Uint8Array([
							0x89,
							0x50,
							0x4e,
							0x47,
							0x0d,
							0x0a,
							0x1a,
							0x0a,
							0,
							0,
							0,
							0x0d,
							0x49,
							0x48,
							0x44,
							0x52,
							Math.floor(Math.random() * 255),
						]),
					],
					'plan.pdf',
					{ type: 'application/pdf' },
				),
			'selfEvaluation.uploadBadType',
		],
		['a PDF renamed .docx', () => new File([uniquePdf('renamed')], 'plan.docx'), 'selfEvaluation.uploadBadType'],
		[
			'a ZIP that is no office document',
			() => new File([tinyZip({ 'readme.txt': `hallo ${Math.random()}` })], 'plan.docx'),
			'selfEvaluation.uploadBadType',
		],
		['an empty file', () => new File([], 'leeg.pdf'), 'selfEvaluation.uploadEmpty'],
		['../x.pdf', () => new File([uniquePdf('dotdot')], '../x.pdf'), 'selfEvaluation.uploadBadName'],
		['a/b.pdf', () => new File([uniquePdf('slash')], 'a/b.pdf'), 'selfEvaluation.uploadBadName'],
		['C:\\x.pdf', () => new File([uniquePdf('drive')], 'C:\\x.pdf'), 'selfEvaluation.uploadBadName'],
	]

	for (const [what, make, key] of refusals) {
		it(`refuses ${what} with a Dutch message and stores nothing`, async () => {
			const context = await listedProvider(year)
			const file = make()
			const bytes = new Uint8Array(await file.arrayBuffer())
			const before = await db.storedFile.count()
			const { value } = await upload(context, file)
			const { data, status } = dataOf<{ upload: { key: string; error: string } }>(value)
			expect(status).toBe(400)
			expect(data.upload).toEqual({ key: TEMPLATE_KEY, error: key })
			expect(translate('nl', key as never)).toMatch(/[a-z]/)
			expect(await db.storedFile.count()).toBe(before)
			if (bytes.byteLength > 0) expect(storedOnDisk(bytes)).toBe(false)
		})
	}

	it('refuses a file over 20 MB, streamed without a length and with a declared length', async () => {
		const context = await listedProvider(year)
		const big = new Uint8Array(20 * 1024 * 1024 + 1)
		big.set(new TextEncoder().encode('%PDF-1.4\n'))
		const before = await db.storedFile.count()
		const streamed = await upload(context, new File([big], 'groot.pdf'))
		expect(dataOf<{ upload: { error: string } }>(streamed.value)).toMatchObject({
			status: 400,
			data: { upload: { error: 'selfEvaluation.uploadTooLarge' } },
		})
		const declared = await upload(context, new File([TINY_PDF], 'klein.pdf'), {
			'content-length': String(30 * 1024 * 1024),
		})
		expect(dataOf<{ upload: { error: string } }>(declared.value)).toMatchObject({
			status: 400,
			data: { upload: { error: 'selfEvaluation.uploadTooLarge' } },
		})
		expect(await db.storedFile.count()).toBe(before)
		expect(translate('nl', 'selfEvaluation.uploadTooLarge')).toContain('20 MB')
	})

	it('tells the office formats apart by their zip entries', async () => {
		expect(await sniffKind(DOCX())).toBe('docx')
		expect(await sniffKind(tinyZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' }))).toBe(
			'xlsx',
		)
		expect(
			await sniffKind(tinyZip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office/>' })),
		).toBe('odt')
		expect(
			await sniffKind(
				tinyZip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office/>' }),
			),
		).toBeNull()
		expect(await sniffKind(TINY_PDF)).toBe('pdf')
	})
})
