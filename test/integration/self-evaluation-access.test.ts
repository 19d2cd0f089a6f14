// A member of provider A never reaches provider B's self-evaluation, documents or certificate:
// every loader and action answers 404, whether B's id is in the URL or only B's file id.
import { describe, expect, it } from 'vitest'
import * as autosaveRoute from '#app/routes/provider/self-evaluation/autosave.ts'
import * as certificateRoute from '#app/routes/provider/self-evaluation/certificate.ts'
import * as checkRoute from '#app/routes/provider/self-evaluation/check.tsx'
import * as documentRoute from '#app/routes/provider/self-evaluation/document.ts'
import * as indexRoute from '#app/routes/provider/self-evaluation/index.ts'
import * as normRoute from '#app/routes/provider/self-evaluation/norm.tsx'
import * as overviewRoute from '#app/routes/provider/self-evaluation/overview.tsx'
import * as roundRoute from '#app/routes/provider/self-evaluation/round.tsx'
import { db } from '#app/lib/db.server.ts'
import { storeFile } from '#app/lib/storage.server.ts'
import { TINY_PDF } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { createQualifiedParticipations } from '#app/lib/test-fixtures/staff.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { formRequest, getRequest, routeArgs, settle } from '#test/fixtures/requests.ts'
import { TEMPLATE_KEY, TEXT_KEY, listedProvider, multipartRequest } from './self-evaluation-helpers.ts'

const year = 2073

describe('provider isolation', () => {
	it('gives a member of A a 404 on every self-evaluation, document and certificate URL of B', async () => {
		const a = await listedProvider(year)
		const [participationB] = await createQualifiedParticipations({ year, count: 1, prefix: 'Aanbieder B' })
		const b = await db.participation.findUniqueOrThrow({
			where: { id: participationB },
			include: { rounds: true, certificate: true },
		})
		expect(b.certificate?.fileId).toBeTruthy()
		// A document in B's round 1.
		const loaded = await loadNormSet(year)
		const round1 = b.rounds[0]!
		const answer = await db.answer.upsert({
			where: { roundId_evidenceItemId: { roundId: round1.id, evidenceItemId: loaded!.evidenceIds.get(TEMPLATE_KEY)! } },
			create: { roundId: round1.id, evidenceItemId: loaded!.evidenceIds.get(TEMPLATE_KEY)! },
			update: {},
		})
		const fileB = await storeFile({
			kind: 'template_upload',
			providerId: b.providerId,
			originalName: 'b.pdf',
			mimeType: 'application/pdf',
			bytes: TINY_PDF,
		})
		await db.answerDocument.create({ data: { answerId: answer.id, fileId: fileB.id } })

		const baseB = `/aanbieder/${b.providerId}/zelfevaluatie/${year}`
		const paramsB = { providerId: b.providerId, year: String(year) }
		const get = (module: { loader: (args: never) => Promise<unknown> }, path: string, params: Record<string, string>) =>
			settle(() => module.loader(routeArgs(getRequest(path, a.cookie), params)))
		const post = (
			module: { action: (args: never) => Promise<unknown> },
			path: string,
			params: Record<string, string>,
			fields: Record<string, string>,
		) => settle(() => module.action(routeArgs(formRequest(path, fields, a.cookie), params)))

		const attempts: [string, Promise<{ response?: Response }>][] = [
			['index', get(indexRoute, `/aanbieder/${b.providerId}/zelfevaluatie`, { providerId: b.providerId })],
			['overview', get(overviewRoute, baseB, paramsB)],
			['norm', get(normRoute, `${baseB}/norm/1`, { ...paramsB, normCode: '1' })],
			[
				'norm save',
				post(
					normRoute,
					`${baseB}/norm/1`,
					{ ...paramsB, normCode: '1' },
					{ intent: 'save', [`${TEXT_KEY}:version`]: '0', [`${TEXT_KEY}:text`]: 'x' },
				),
			],
			[
				'norm remove',
				post(normRoute, `${baseB}/norm/1`, { ...paramsB, normCode: '1' }, { intent: 'remove', fileId: fileB.id }),
			],
			[
				'norm upload',
				settle(() =>
					normRoute.action(
						routeArgs(
							multipartRequest(
								`${baseB}/norm/1?upload=${TEMPLATE_KEY}`,
								{ evidenceKey: TEMPLATE_KEY, file: new File([TINY_PDF], 'a.pdf') },
								a.cookie,
							),
							{ ...paramsB, normCode: '1' },
						),
					),
				),
			],
			['autosave page', get(autosaveRoute, `${baseB}/antwoord`, paramsB)],
			[
				'autosave',
				post(autosaveRoute, `${baseB}/antwoord`, paramsB, {
					evidenceKey: TEXT_KEY,
					[`${TEXT_KEY}:version`]: '0',
					[`${TEXT_KEY}:text`]: 'x',
				}),
			],
			['check', get(checkRoute, `${baseB}/controle`, paramsB)],
			['submit', post(checkRoute, `${baseB}/controle`, paramsB, {})],
			['round', get(roundRoute, `${baseB}/ronde/1`, { ...paramsB, round: '1' })],
			['document', get(documentRoute, `${baseB}/documenten/${fileB.id}`, { ...paramsB, fileId: fileB.id })],
			['certificate', get(certificateRoute, `/aanbieder/${b.providerId}/certificaat/${year}`, paramsB)],
			// B's ids behind A's own provider id.
			[
				'B document via A',
				get(documentRoute, `${a.base}/documenten/${fileB.id}`, {
					providerId: a.provider.id,
					year: String(year),
					fileId: fileB.id,
				}),
			],
			[
				'B certificate file via A',
				get(documentRoute, `${a.base}/documenten/${b.certificate!.fileId}`, {
					providerId: a.provider.id,
					year: String(year),
					fileId: b.certificate!.fileId!,
				}),
			],
			[
				'A has no certificate',
				get(certificateRoute, `/aanbieder/${a.provider.id}/certificaat/${year}`, {
					providerId: a.provider.id,
					year: String(year),
				}),
			],
			[
				'unknown year of A',
				get(overviewRoute, `/aanbieder/${a.provider.id}/zelfevaluatie/2099`, {
					providerId: a.provider.id,
					year: '2099',
				}),
			],
			[
				'bad year of A',
				get(overviewRoute, `/aanbieder/${a.provider.id}/zelfevaluatie/abc`, { providerId: a.provider.id, year: 'abc' }),
			],
		]
		for (const [what, attempt] of attempts) {
			const { response } = await attempt
			expect(response?.status, what).toBe(404)
		}
		// A's own page refuses to remove B's document through A's URL: it stays attached.
		const removeViaA = await post(
			normRoute,
			`${a.base}/norm/1`,
			{ providerId: a.provider.id, year: String(year), normCode: '1' },
			{ intent: 'remove', fileId: fileB.id },
		)
		expect(removeViaA.response).toBeUndefined()
		expect(await db.answerDocument.count({ where: { fileId: fileB.id } })).toBe(1)
		// Nothing of B changed.
		expect(await db.answer.count({ where: { round: { participationId: b.id }, text: 'x' } })).toBe(0)
		expect((await db.participation.findUniqueOrThrow({ where: { id: b.id } })).state).toBe('qualified')
	})
})
