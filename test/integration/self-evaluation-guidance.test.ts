// Issue 13, the self-evaluation that guides: the check page has one line per criterion that links
// to the very control, the norm page marks what is missing, the 2018 norm 3 alternatives are
// named by what they ask, progress follows a save without JavaScript, and the check page asks the
// state machine (one rule, one clock) whether a submission is still possible.
import { describe, expect, it } from 'vitest'
import * as checkRoute from '#app/routes/provider/self-evaluation/check.tsx'
import * as normRoute from '#app/routes/provider/self-evaluation/norm.tsx'
import * as uploadRoute from '#app/routes/provider/self-evaluation/upload.ts'
import * as exportRoute from '#app/routes/provider/self-evaluation/export.ts'
import { decideRound, loadAssessment } from '#app/services/assessment.server.ts'
import { saveAssessment } from '#app/services/assessment-form.server.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { TINY_PDF } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { amsterdamInstant, endOfDay } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createListedParticipation, fillCompleteRound } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { ensureMarkYear, normSet2018 } from '#app/lib/test-fixtures/years.server.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { dataOf, formRequest, getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import { TEMPLATE_KEY, TEXT_KEY, listedProvider, multipartRequest } from './self-evaluation-helpers.ts'

type Context = Awaited<ReturnType<typeof listedProvider>>
type CheckPage = {
	complete: boolean
	closed: string | null
	missing: { normCode: string; anchor: string; message: string }[]
}
type NormPage = {
	progress: { code: string; answered: number; required: number; complete: boolean }[]
	missing: Record<string, { text: string; issues: { code: string }[] }>
	groupNotes: Record<string, string>
}

async function checkPage(context: Context, year: number): Promise<CheckPage> {
	const { value } = await settle(() =>
		checkRoute.loader(
			routeArgs(getRequest(`${context.base}/controle`, context.cookie), {
				providerId: context.provider.id,
				year: String(year),
			}),
		),
	)
	return value as CheckPage
}

async function normPage(context: Context, year: number, normCode: string): Promise<NormPage> {
	const { value } = await settle(() =>
		normRoute.loader(
			routeArgs(getRequest(`${context.base}/norm/${normCode}`, context.cookie), {
				providerId: context.provider.id,
				year: String(year),
				normCode,
			}),
		),
	)
	return value as NormPage
}

describe('the check page points at the field', () => {
	it('writes one line per criterion and links to the control the first issue is about', async () => {
		const year = 2061
		const context = await listedProvider(year)
		const page = await checkPage(context, year)
		expect(page.complete).toBe(false)
		// 2022 criterion 1.2 asks for an upload with four elements: one line, not five.
		const upload = page.missing.filter((line) => line.message.startsWith('Norm 1, criterium 1.2:'))
		expect(upload).toHaveLength(1)
		expect(upload[0]!.message).toMatch(
			/^Norm 1, criterium 1\.2: upload het \(lege\) format, bevestig dat het format deze \d+ elementen bevat$/,
		)
		expect(upload[0]!.anchor).toBe(`upload-${TEMPLATE_KEY}`)
		const text = page.missing.find((line) => line.message.startsWith('Norm 1, criterium 1.1:'))
		expect(text).toMatchObject({ normCode: '1', anchor: `field-${TEXT_KEY}:text` })
		// No criterion appears twice.
		const where = page.missing.map((line) => line.message.split(':')[0])
		expect(new Set(where).size).toBe(where.length)
	})

	it('names the 2018 norm 3 alternatives by what they ask, and lands on the first one', async () => {
		const year = 2062
		await ensureMarkYear(year, { normSet: { ...normSet2018, year } })
		const { provider, user } = await createProviderWithMember()
		await createListedParticipation({ year, providerId: provider.id })
		const context = {
			provider,
			cookie: await sessionCookieFor(user.id),
			base: `/aanbieder/${provider.id}/zelfevaluatie/${year}`,
		} as Context
		const page = await checkPage(context, year)
		const line = page.missing.find((entry) => entry.message.startsWith('Norm 3: '))
		expect(line?.message).toBe(
			'Norm 3: vul één van deze criteria volledig in: criterium 3.1 (1) Risico’s, 2) Signalen, 3) Maatregelen) of ' +
				'criterium 3.2 (Leeg format van het plan voor terugvalpreventie/duurzaam herstel)',
		)
		expect(line?.anchor).toBe('criterium-3.1')
		// The norm page shows the same sentence on the first alternative, and marks nothing of either
		// alternative as invalid (one of them is enough).
		const norm = await normPage(context, year, '3')
		expect(norm.groupNotes['3.1']).toBe(line?.message)
		expect(Object.keys(norm.missing).filter((key) => key.startsWith('relapse-prevention-'))).toEqual([])
		expect(Object.keys(norm.missing)).toEqual(['relapse-information-availability.explanation'])
	})
})

describe('the norm page without JavaScript', () => {
	it('marks what is missing per item and shows the new progress after a save', async () => {
		const year = 2063
		const context = await listedProvider(year)
		const before = await normPage(context, year, '1')
		expect(before.missing[TEXT_KEY]).toMatchObject({
			text: 'de toelichting ontbreekt',
			issues: [{ code: 'text_missing' }],
		})
		expect(before.missing[TEMPLATE_KEY]?.issues.map((issue) => issue.code)).toContain('upload_missing')
		const answeredBefore = before.progress.find((norm) => norm.code === '1')!.answered

		const saved = await settle(() =>
			normRoute.action(
				routeArgs(
					formRequest(
						`${context.base}/norm/1`,
						{
							intent: 'save',
							[`${TEXT_KEY}:version`]: '0',
							[`${TEXT_KEY}:text`]: 'Wij gebruiken de wachttijd voor psycho-educatie en een vragenlijst. '.repeat(3),
						},
						context.cookie,
					),
					{ providerId: context.provider.id, year: String(year), normCode: '1' },
				),
			),
		)
		expect(saved.response?.status).toBe(302)
		const after = await normPage(context, year, '1')
		expect(after.missing[TEXT_KEY]).toBeUndefined()
		expect(after.progress.find((norm) => norm.code === '1')!.answered).toBe(answeredBefore + 1)
	})
})

describe('the deadline on the check page (one rule, one clock)', () => {
	it('offers submission at 31 March 23:59:59 and says why not from 1 April 00:00:00 Amsterdam', async () => {
		const year = 2064
		const context = await listedProvider(year)
		await fillCompleteRound({ providerId: context.provider.id, year })
		const deadline = (await db.markYear.findUniqueOrThrow({ where: { year } })).qualificationDeadline
			.toISOString()
			.slice(0, 10)

		setClock(new Date(endOfDay(deadline).getTime() - 999)) // 23:59:59.000 Amsterdam
		const last = await checkPage(context, year)
		expect(last).toMatchObject({ complete: true, closed: null })

		setClock(amsterdamInstant(`${year}-04-01`)) // 00:00:00 Amsterdam
		const late = await checkPage(context, year)
		expect(late.complete).toBe(true)
		expect(late.closed).toContain('De kwalificatieperiode is verstreken')
		// And the action agrees: the same refusal.
		const refused = await settle(() =>
			checkRoute.action(
				routeArgs(formRequest(`${context.base}/controle`, {}, context.cookie), {
					providerId: context.provider.id,
					year: String(year),
				}),
			),
		)
		const { data, status } = dataOf<{ formErrors: string[] }>(refused.value)
		expect(status).toBe(409)
		expect(data.formErrors[0]).toBe(late.closed)
	})
})

describe('the upload route for the page with JavaScript', () => {
	it('answers in JSON: the stored file, a replacement, or the message for the field', async () => {
		const year = 2065
		const context = await listedProvider(year)
		const post = async (fields: Record<string, string | File>) => {
			const { response } = await settle(() =>
				uploadRoute.action(
					routeArgs(
						multipartRequest(
							`${context.base}/document?upload=${encodeURIComponent(TEMPLATE_KEY)}`,
							fields,
							context.cookie,
						),
						{ providerId: context.provider.id, year: String(year) },
					),
				),
			)
			return { status: response!.status, body: (await response!.json()) as Record<string, unknown> }
		}
		const first = await post({ file: new File([TINY_PDF], 'format.pdf', { type: 'application/pdf' }) })
		expect(first).toMatchObject({ status: 200, body: { ok: true } })
		const replaced = await post({
			file: new File([TINY_PDF], 'format-2.pdf', { type: 'application/pdf' }),
			replaces: String(first.body.fileId),
		})
		expect(replaced).toMatchObject({ status: 200, body: { ok: true } })
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
		const refused = await post({ file: new File([png], 'plaatje.pdf', { type: 'application/pdf' }) })
		expect(refused.status).toBe(400)
		expect(refused.body).toMatchObject({
			ok: false,
			message: expect.stringContaining('Dit bestandstype is niet toegestaan'),
		})
		// One document remains: the replacement.
		const documents = await db.answerDocument.findMany({
			where: { answer: { round: { participationId: context.participationId } } },
			include: { file: true },
		})
		expect(documents.map((document) => document.file.originalName)).toEqual(['format-2.pdf'])
		// Another provider's member gets nothing here.
		const stranger = await listedProvider(year)
		const { response } = await settle(() =>
			uploadRoute.action(
				routeArgs(
					multipartRequest(
						`${context.base}/document?upload=${encodeURIComponent(TEMPLATE_KEY)}`,
						{ file: new File([TINY_PDF], 'x.pdf') },
						stranger.cookie,
					),
					{ providerId: context.provider.id, year: String(year) },
				),
			),
		)
		expect(response?.status).toBe(404)
	})
})

describe('the whole self-evaluation as a PDF', () => {
	it('holds every norm with the answers and documents, and a decided round with its feedback', async () => {
		const year = 2066
		const context = await listedProvider(year)
		const params = { providerId: context.provider.id, year: String(year) }
		const download = async (query = '', cookie = context.cookie) => {
			const { response } = await settle(() =>
				exportRoute.loader(routeArgs(getRequest(`${context.base}/pdf${query}`, cookie), params)),
			)
			return response!
		}
		// A draft: what is filled in so far, and what is still missing.
		const draft = await download()
		expect(draft.status).toBe(200)
		expect(draft.headers.get('content-type')).toBe('application/pdf')
		expect(draft.headers.get('content-disposition')).toContain(`zelfevaluatie-${year}-ronde-1.pdf`)
		const draftText = pdfText(new Uint8Array(await draft.arrayBuffer())).replace(/\s+/g, ' ')
		expect(draftText).toContain(`Zelfevaluatie ${year}`)
		expect(draftText).toContain('Concept: nog niet ingediend')
		expect(draftText).toContain('Nog niet volledig')
		expect(draftText).toContain('Niet ingevuld')

		// Submitted and decided: the verdicts and feedback per criterion.
		await fillCompleteRound({ providerId: context.provider.id, year })
		expect(
			(
				await settle(() =>
					checkRoute.action(routeArgs(formRequest(`${context.base}/controle`, {}, context.cookie), params)),
				)
			).response?.status,
		).toBe(302)
		const assessor = await createUser({ staffRole: 'assessor' })
		const actor = { type: 'staff' as const, userId: assessor.id }
		const assessment = await loadAssessment(context.participationId, 1)
		const verdicts = Object.fromEntries(
			assessment!.outcome.toAssess.map((ref) => {
				const bad = ref.code === '1.1'
				return [
					ref.key,
					{
						verdict: bad ? ('insufficient' as const) : ('sufficient' as const),
						feedback: bad ? 'Beschrijf concreet hoe u de wachttijd benut.' : '',
					},
				]
			}),
		)
		await saveAssessment(actor, {
			participationId: context.participationId,
			round: 1,
			expectedVersion: 0,
			form: { verdicts, message: '', notes: '' },
		})
		await decideRound(actor, { participationId: context.participationId, round: 1, outcome: 'revision_requested' })
		const round = await download('?ronde=1')
		expect(round.status).toBe(200)
		const text = pdfText(new Uint8Array(await round.arrayBuffer())).replace(/\s+/g, ' ')
		expect(text).toContain('Ronde 1')
		expect(text).toContain('Ingediend op')
		expect(text).toContain('Norm 1:')
		expect(text).toContain('Norm 6:')
		expect(text).toContain('In onze praktijk bespreken wij dit met iedere cliënt')
		expect(text).toContain('format.pdf')
		expect(text).toContain('Oordeel: Onvoldoende Beschrijf concreet hoe u de wachttijd benut.')
		expect(text).toContain('Oordeel: Voldoende')
		expect(text).toMatch(/pagina 1 van \d+/)
		// Nobody else's: another member gets a 404, as does a round that does not exist.
		const stranger = await listedProvider(year)
		expect((await download('', stranger.cookie)).status).toBe(404)
		expect((await download('?ronde=7')).status).toBe(404)
	})
})
