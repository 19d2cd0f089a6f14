// Autosave with optimistic concurrency, the completeness check, submission only before the
// deadline (server clock), frozen rounds, and the revision journey up to the certificate.
import { describe, expect, it, vi } from 'vitest'
import * as autosaveRoute from '#app/routes/provider/self-evaluation/autosave.ts'
import * as certificateRoute from '#app/routes/provider/self-evaluation/certificate.ts'
import * as checkRoute from '#app/routes/provider/self-evaluation/check.tsx'
import * as normRoute from '#app/routes/provider/self-evaluation/norm.tsx'
import * as overviewRoute from '#app/routes/provider/self-evaluation/overview.tsx'
import * as roundRoute from '#app/routes/provider/self-evaluation/round.tsx'
import { amsterdamInstant, endOfDay } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db, getDatabase } from '#app/lib/db.server.ts'
import { TINY_PDF, fillCompleteRound } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { saveAssessment } from '#app/services/assessment-form.server.ts'
import { heldNormSet, loadNormSet } from '#app/services/norm-sets.server.ts'
import { decideRound, loadAssessment } from '#app/services/assessment.server.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { dataOf, formRequest, getRequest, routeArgs, settle } from '#test/fixtures/requests.ts'
import { TEMPLATE_KEY, TEXT_KEY, listedProvider, multipartRequest } from './self-evaluation-helpers.ts'

type Context = Awaited<ReturnType<typeof listedProvider>>

async function autosave(context: Context, year: number, version: number, text: string) {
	const request = formRequest(
		`${context.base}/antwoord`,
		{ evidenceKey: TEXT_KEY, [`${TEXT_KEY}:version`]: String(version), [`${TEXT_KEY}:text`]: text },
		context.cookie,
	)
	const { response } = await settle(() =>
		autosaveRoute.action(routeArgs(request, { providerId: context.provider.id, year: String(year) })),
	)
	return { status: response!.status, body: (await response!.json()) as Record<string, unknown> }
}

async function submit(context: Context, year: number) {
	return settle(() =>
		checkRoute.action(
			routeArgs(formRequest(`${context.base}/controle`, {}, context.cookie), {
				providerId: context.provider.id,
				year: String(year),
			}),
		),
	)
}

async function storedText(context: Context) {
	const answers = await db.answer.findMany({
		where: { round: { participationId: context.participationId }, evidenceItem: { key: TEXT_KEY } },
		include: { round: true },
		orderBy: { round: { number: 'asc' } },
	})
	return answers.map((answer) => [answer.round.number, answer.text, answer.version])
}

describe('autosave', () => {
	it('saves with the current version and refuses a stale one with 409 and the current answer', async () => {
		const year = 2074
		const context = await listedProvider(year)
		const first = await autosave(context, year, 0, 'Eerste versie van de toelichting.')
		expect(first).toMatchObject({ status: 200, body: { ok: true, version: 1, savedTime: '10:00' } })
		const colleague = await autosave(context, year, 1, 'Versie van een collega.')
		expect(colleague).toMatchObject({ status: 200, body: { ok: true, version: 2 } })
		// The first tab still thinks version 1 is current.
		const stale = await autosave(context, year, 1, 'Late wijziging die niets mag overschrijven.')
		expect(stale.status).toBe(409)
		expect(stale.body).toMatchObject({
			ok: false,
			reason: 'conflict',
			current: { text: 'Versie van een collega.', version: 2 },
		})
		expect(await storedText(context)).toEqual([[1, 'Versie van een collega.', 2]])
		// A first save when somebody else already created the answer is stale too.
		expect((await autosave(context, year, 0, 'Nog een eerste keer.')).status).toBe(409)
		// The page form (without JavaScript) reports the conflict and keeps what was typed.
		const { value } = await settle(() =>
			normRoute.action(
				routeArgs(
					formRequest(
						`${context.base}/norm/1`,
						{ intent: 'save', [`${TEXT_KEY}:version`]: '1', [`${TEXT_KEY}:text`]: 'Getypt zonder JavaScript.' },
						context.cookie,
					),
					{
						providerId: context.provider.id,
						year: String(year),
						normCode: '1',
					},
				),
			),
		)
		const failed = dataOf<{ conflicts: string[]; values: Record<string, string> }>(value)
		expect(failed.status).toBe(409)
		expect(failed.data.conflicts).toEqual([TEXT_KEY])
		expect(failed.data.values[`${TEXT_KEY}:text`]).toBe('Getypt zonder JavaScript.')
		expect(await storedText(context)).toEqual([[1, 'Versie van een collega.', 2]])
	})
})

describe('autosave in one statement (issue 17)', () => {
	it('answers as the careful path: same text, taken-over answers, emoji and newlines, frozen rounds', async () => {
		const year = 2074
		const context = await listedProvider(year)
		expect((await autosave(context, year, 0, 'Eerste.')).body).toMatchObject({ ok: true, version: 1 })
		// Text with emoji and newlines is stored exactly, and a change raises the version.
		const text = 'Regel één 🙂\nRegel twee — “aanhalingstekens”\n\ttab 👩‍⚕️'
		expect((await autosave(context, year, 1, text)).body).toMatchObject({ ok: true, version: 2 })
		expect(await storedText(context)).toEqual([[1, text, 2]])
		// The same text again is no change: the version stays.
		expect((await autosave(context, year, 2, text)).body).toMatchObject({ ok: true, version: 2 })
		expect(await storedText(context)).toEqual([[1, text, 2]])
		// An answer taken over from last year loses its "check this" flag once edited.
		await db.answer.updateMany({
			where: { round: { participationId: context.participationId } },
			data: { prefill: 'criterion_changed' },
		})
		expect((await autosave(context, year, 2, 'Aangepast.')).body).toMatchObject({ ok: true, version: 3 })
		const answer = await db.answer.findFirstOrThrow({
			where: { round: { participationId: context.participationId }, evidenceItem: { key: TEXT_KEY } },
		})
		expect([answer.prefill, answer.updatedById]).toEqual(['none', context.user.id])
		// The same version number on another provider's (empty) round is a conflict there, not a write here.
		const other = await listedProvider(year)
		const foreign = await autosave(other, year, 3, 'Van een ander.')
		expect(foreign).toMatchObject({ status: 409, body: { reason: 'conflict', current: { version: 0 } } })
		expect(await storedText(context)).toEqual([[1, 'Aangepast.', 3]])
		// A colleague submitted meanwhile: the round is frozen and the save refused, nothing written.
		await db.selfEvaluationRound.updateMany({
			where: { participationId: context.participationId },
			data: { status: 'submitted' },
		})
		const frozen = await autosave(context, year, 3, 'Te laat.')
		expect(frozen.status).toBe(409)
		expect(frozen.body).toMatchObject({ ok: false, reason: 'frozen' })
		expect(await storedText(context)).toEqual([[1, 'Aangepast.', 3]])
	})
})

describe('submission', () => {
	it('lists exactly what is missing and refuses an incomplete submission', async () => {
		const year = 2075
		const context = await listedProvider(year)
		await autosave(context, year, 0, 'Te kort.')
		const { value } = await settle(() =>
			checkRoute.loader(
				routeArgs(getRequest(`${context.base}/controle`, context.cookie), {
					providerId: context.provider.id,
					year: String(year),
				}),
			),
		)
		const page = value as { complete: boolean; missing: { message: string }[] }
		expect(page.complete).toBe(false)
		expect(page.missing.map((entry) => entry.message)).toContain(
			'Norm 1, criterium 1.1: de toelichting is korter dan 100 tekens (nu 8)',
		)
		// One line per criterion (issue 13): the upload and its unticked elements together.
		expect(page.missing.map((entry) => entry.message)).toContainEqual(
			expect.stringMatching(/^Norm 1, criterium 1\.2: upload het \(lege\) format, bevestig /),
		)
		const refused = await submit(context, year)
		expect(dataOf(refused.value).status).toBe(409)
		expect(
			(await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: context.participationId } })).status,
		).toBe('draft')
	})

	it('checks a submission against the norm set as it is in its transaction, not the copy this process holds', async () => {
		const year = 2048
		const context = await listedProvider(year)
		await fillCompleteRound({ providerId: context.provider.id, year })
		const held = await loadNormSet(year)
		const client = getDatabase().prisma
		const transaction = client.$transaction.bind(client) as (...args: unknown[]) => unknown
		const between = vi.spyOn(client, '$transaction').mockImplementationOnce((async (...args: unknown[]) => {
			// Another instance raises the explanation's minimum after this process read the norm set,
			// just before the submission's transaction starts.
			const item = await db.evidenceItem.findFirstOrThrow({ where: { normSetId: held!.id, key: TEXT_KEY } })
			await db.evidenceItem.update({
				where: { id: item.id },
				data: { config: { ...(item.config as Record<string, unknown>), minLength: 19_000 } },
			})
			return transaction(...args)
		}) as never)
		try {
			const refused = await submit(context, year)
			expect(dataOf(refused.value).status).toBe(409)
		} finally {
			between.mockRestore()
		}
		expect(
			(await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: context.participationId } })).status,
		).toBe('draft')
		// The next read takes up the changed set.
		await loadNormSet(year)
		expect(heldNormSet(year)?.loaded.evidenceIds).toEqual(held!.evidenceIds)
		expect(heldNormSet(year)?.loaded).not.toBe(held)
	})

	it('asks the norm sets’ content version once before its transaction (the page’s own load) and once in it', async () => {
		const year = 2049
		const context = await listedProvider(year)
		await fillCompleteRound({ providerId: context.provider.id, year })
		const client = getDatabase().prisma
		// A spy, not a stand-in: every statement runs as it is; the spy notes who asked what.
		const queryRaw = vi.spyOn(client, '$queryRaw')
		const versionReads: string[] = []
		let submitted
		try {
			submitted = await submit(context, year)
			queryRaw.mock.calls.forEach(([sql], index) => {
				// A tagged template's strings, or a Prisma.Sql.
				const text = Array.isArray(sql) ? sql.join('?') : (sql as { sql: string }).sql
				if (text.includes('"NormSetVersion"'))
					versionReads.push(queryRaw.mock.contexts[index] === client ? 'outside' : 'in the transaction')
			})
		} finally {
			queryRaw.mockRestore()
		}
		expect(submitted.response?.status).toBe(302)
		expect(versionReads).toEqual(['outside', 'in the transaction'])
	})

	it('accepts until 31 March 23:59:59 Amsterdam and refuses from 1 April 00:00 (server clock)', async () => {
		const year = 2076
		const settings = await db.markYear.findUnique({ where: { year } })
		const inTime = await listedProvider(year)
		const late = await listedProvider(year)
		const deadline = (settings ?? (await db.markYear.findUniqueOrThrow({ where: { year } }))).qualificationDeadline
			.toISOString()
			.slice(0, 10)
		expect(deadline).toBe(`${year}-03-31`)
		await fillCompleteRound({ providerId: inTime.provider.id, year })
		await fillCompleteRound({ providerId: late.provider.id, year })

		setClock(new Date(endOfDay(deadline).getTime() - 999)) // 23:59:59.000 (summer time: +02:00)
		expect((await submit(inTime, year)).response?.status).toBe(302)
		expect((await db.participation.findUniqueOrThrow({ where: { id: inTime.participationId } })).state).toBe(
			'submitted',
		)

		setClock(amsterdamInstant(`${year}-04-01`)) // 00:00:00 Amsterdam
		const refused = await submit(late, year)
		const { data, status } = dataOf<{ formErrors: string[] }>(refused.value)
		expect(status).toBe(409)
		expect(data.formErrors[0]).toContain('De kwalificatieperiode is verstreken')
		expect((await db.participation.findUniqueOrThrow({ where: { id: late.participationId } })).state).toBe('listed')
		expect(
			(await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: late.participationId } })).status,
		).toBe('draft')
	})
})

describe('rounds', () => {
	it('freezes a submitted round, shows feedback, revises a copy, qualifies and serves the certificate', async () => {
		const year = 2077
		const context = await listedProvider(year)
		const params = { providerId: context.provider.id, year: String(year) }
		await fillCompleteRound({ providerId: context.provider.id, year })
		expect((await submit(context, year)).response?.status).toBe(302)

		// Frozen: autosave, the page form and uploads change nothing.
		const before = await storedText(context)
		const frozen = await autosave(context, year, 1, 'Na indienen gewijzigd.')
		expect(frozen).toMatchObject({ status: 409, body: { ok: false, reason: 'frozen' } })
		const pageSave = await settle(() =>
			normRoute.action(
				routeArgs(
					formRequest(
						`${context.base}/norm/1`,
						{ intent: 'save', [`${TEXT_KEY}:version`]: '1', [`${TEXT_KEY}:text`]: 'Na indienen.' },
						context.cookie,
					),
					{ ...params, normCode: '1' },
				),
			),
		)
		expect(dataOf(pageSave.value).status).toBe(409)
		const filesBefore = await db.storedFile.count()
		const upload = await settle(() =>
			normRoute.action(
				routeArgs(
					multipartRequest(
						`${context.base}/norm/1?upload=${TEMPLATE_KEY}`,
						{ file: new File([TINY_PDF], 'laat.pdf') },
						context.cookie,
					),
					{ ...params, normCode: '1' },
				),
			),
		)
		expect(dataOf(upload.value).status).toBe(409)
		expect(await db.storedFile.count()).toBe(filesBefore)
		expect(await storedText(context)).toEqual(before)

		// Staff ask for a revision of 1.1.
		const assessor = await createUser({ staffRole: 'assessor' })
		const actor = { type: 'staff' as const, userId: assessor.id }
		const assessAll = async (round: number, insufficient: string[]) => {
			const assessment = await loadAssessment(context.participationId, round)
			const verdicts = Object.fromEntries(
				assessment!.outcome.toAssess.map((ref) => {
					const bad = insufficient.includes(ref.code)
					return [
						ref.key,
						{
							verdict: bad ? ('insufficient' as const) : ('sufficient' as const),
							feedback: bad ? 'Beschrijf hoe u de wachttijd concreet benut.' : '',
						},
					]
				}),
			)
			await saveAssessment(actor, {
				participationId: context.participationId,
				round,
				expectedVersion: assessment!.round.assessmentVersion,
				form: { verdicts, message: '', notes: '' },
			})
		}
		await assessAll(1, ['1.1'])
		expect(
			await decideRound(actor, { participationId: context.participationId, round: 1, outcome: 'revision_requested' }),
		).toEqual({ applied: true })

		const overview = (
			await settle(() => overviewRoute.loader(routeArgs(getRequest(context.base, context.cookie), params)))
		).value as {
			state: string
			draft: { number: number }
			insufficient: { code: string; feedback: string }[]
			deadline: string
		}
		expect(overview.state).toBe('revision_requested')
		expect(overview.draft.number).toBe(2)
		expect(overview.insufficient).toEqual([
			expect.objectContaining({ code: '1.1', feedback: 'Beschrijf hoe u de wachttijd concreet benut.' }),
		])
		// The due date shown is the revision's own (DOMAIN.md §3: later of 31 March and 14 days).
		expect(overview.deadline).toBe(
			(
				await db.participation.findUniqueOrThrow({ where: { id: context.participationId } })
			).revisionDueAt?.toISOString(),
		)

		const norm = (
			await settle(() =>
				normRoute.loader(routeArgs(getRequest(`${context.base}/norm/1`, context.cookie), { ...params, normCode: '1' })),
			)
		).value as {
			editable: boolean
			feedback: Record<string, { verdict: string }>
			rows: Record<string, { version: number }>
		}
		expect(norm.editable).toBe(true)
		expect(
			Object.entries(norm.feedback)
				.filter(([, entry]) => entry.verdict === 'insufficient')
				.map(([key]) => key),
		).toEqual(['waiting-time-use'])
		const revised = await autosave(
			context,
			year,
			norm.rows[TEXT_KEY]!.version,
			'Wij benutten de wachttijd met psycho-educatie en een online module; de huisarts wordt op de hoogte gehouden en de cliënt kan altijd bellen.',
		)
		expect(revised.status).toBe(200)
		expect((await submit(context, year)).response?.status).toBe(302)
		// Round 1 is unchanged and readable with its feedback.
		const [round1, round2] = await storedText(context)
		expect(round1).toEqual(before[0])
		expect(round2![1]).toContain('psycho-educatie')
		const roundPage = (
			await settle(() =>
				roundRoute.loader(routeArgs(getRequest(`${context.base}/ronde/1`, context.cookie), { ...params, round: '1' })),
			)
		).value as {
			feedback: Record<string, { verdict: string; feedback: string }>
			round: { outcome: string }
		}
		expect(roundPage.round.outcome).toBe('revision_requested')
		expect(roundPage.feedback['waiting-time-use']).toEqual({
			verdict: 'insufficient',
			feedback: 'Beschrijf hoe u de wachttijd concreet benut.',
		})

		await assessAll(2, [])
		expect(
			await decideRound(actor, { participationId: context.participationId, round: 2, outcome: 'qualified' }),
		).toEqual({ applied: true })
		const certificate = await settle(() =>
			certificateRoute.loader(
				routeArgs(getRequest(`/aanbieder/${context.provider.id}/certificaat/${year}`, context.cookie), params),
			),
		)
		expect(certificate.response?.status).toBe(200)
		// A long name wraps onto two lines of the certificate: compare with the whitespace folded.
		const text = pdfText(Buffer.from(await certificate.response!.arrayBuffer())).replace(/\s+/g, ' ')
		expect(text).toContain(`KBG-${year}-`)
		expect(text).toContain(context.provider.name)
		expect(text).toContain(`31 december ${year}`)
		expect(text).toContain('/verifieer/')
	})
})
