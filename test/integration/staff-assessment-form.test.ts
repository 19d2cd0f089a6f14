// The assessment form of issue 12 through its routes: one save for every verdict, the autosaved
// draft with its version check, "alle overige voldoende" without JavaScript, alternatives judged
// as one group, and the internal notes that no provider screen or mail ever shows.
import { describe, expect, it } from 'vitest'
import * as assessmentRoute from '#app/routes/staff/assessment.tsx'
import * as draftRoute from '#app/routes/staff/assessment-draft.ts'
import * as overviewRoute from '#app/routes/provider/self-evaluation/overview.tsx'
import * as roundRoute from '#app/routes/provider/self-evaluation/round.tsx'
import * as normRoute from '#app/routes/provider/self-evaluation/norm.tsx'
import { db } from '#app/lib/db.server.ts'
import { createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { decideRound, loadAssessment } from '#app/services/assessment.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { dataOf, sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'

async function setUp(year: number) {
	await ensureMarkYear(year)
	const { provider, user: member } = await createProviderWithMember()
	const id = await createSubmittedParticipation({ year, providerId: provider.id })
	const assessor = await createUser({ staffRole: 'assessor', name: 'Anna Beoordelaar' })
	const other = await createUser({ staffRole: 'assessor', name: 'Bram Tweede' })
	const loaded = await loadAssessment(id, 1)
	if (!loaded) throw new Error('geen ronde')
	const keyOf = new Map(loaded.outcome.toAssess.map((ref) => [ref.code, ref.key]))
	const key = (code: string) => keyOf.get(code) as string
	return {
		id,
		provider,
		member,
		path: `/medewerkers/deelnames/${id}/beoordeling/1`,
		params: { participationId: id, round: '1' },
		cookie: await sessionCookieFor(assessor.id),
		assessorId: assessor.id,
		otherCookie: await sessionCookieFor(other.id),
		codes: [...keyOf.keys()],
		key,
	}
}

type Setup = Awaited<ReturnType<typeof setUp>>

function decide(setup: Setup, outcome: 'qualified' | 'revision_requested') {
	return decideRound({ type: 'staff', userId: setup.assessorId }, { participationId: setup.id, round: 1, outcome })
}

async function draft(setup: Setup, cookie: string, fields: Record<string, string>) {
	const { response } = await callAction(draftRoute, `${setup.path}/concept`, setup.params, fields, cookie)
	return { status: response!.status, body: (await response!.json()) as Record<string, unknown> }
}

async function post(setup: Setup, fields: Record<string, string>, cookie = setup.cookie) {
	return callAction(assessmentRoute, setup.path, setup.params, fields, cookie)
}

const savedVerdicts = async (id: string) =>
	db.criterionAssessment.findMany({
		where: { round: { participationId: id } },
		include: { criterion: { select: { code: true } } },
	})

describe('the assessment form', () => {
	it('records all 19 verdicts in one request, and "alle overige voldoende" fills the rest', async () => {
		const setup = await setUp(2071)
		expect(setup.codes).toHaveLength(19)
		// Two insufficient with feedback, the rest by the button: one POST, no JavaScript.
		const { response, value } = await post(setup, {
			intent: 'rest-sufficient',
			version: '0',
			[`verdict-${setup.key('2.3')}`]: 'insufficient',
			[`feedback-${setup.key('2.3')}`]: 'Beschrijf hoe u de wachttijd bewaakt.',
			[`verdict-${setup.key('4.2')}`]: 'insufficient',
			[`feedback-${setup.key('4.2')}`]: 'Noem de cijfers over korte trajecten.',
			message: 'Een verzorgde zelfevaluatie; twee punten vragen aanvulling.',
			notes: 'INTERN: bellen met de praktijkhouder over 4.2.',
		})
		expect(response?.status, JSON.stringify(value)).toBe(302)
		const rows = await savedVerdicts(setup.id)
		// 1.4 and 1.5 are alternatives: both had no verdict, so both became sufficient.
		expect(rows).toHaveLength(19)
		expect(
			rows
				.filter((row) => row.verdict === 'insufficient')
				.map((row) => row.criterion.code)
				.sort(),
		).toEqual(['2.3', '4.2'])
		const round = await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: setup.id, number: 1 } })
		expect(round).toMatchObject({
			assessmentMessage: 'Een verzorgde zelfevaluatie; twee punten vragen aanvulling.',
			assessmentNotes: 'INTERN: bellen met de praktijkhouder over 4.2.',
			assessmentVersion: 1,
			assessmentDraft: null,
		})
		const audit = await db.auditEvent.findMany({ where: { participationId: setup.id, action: 'assessment.save' } })
		expect(audit).toHaveLength(1)
		expect(Object.keys((audit[0]!.after as { verdicts: object }).verdicts)).toHaveLength(19)
	})

	it('judges alternatives as one group: one sufficient alternative is enough to decide', async () => {
		const setup = await setUp(2072)
		const fields: Record<string, string> = { intent: 'save', version: '0' }
		for (const code of setup.codes) if (code !== '1.4') fields[`verdict-${setup.key(code)}`] = 'sufficient'
		expect((await post(setup, fields)).response?.status).toBe(302)
		const page = dataOf<{ outcome: { allAssessed: boolean; outcome: string; missing: string[] } }>(
			(await callLoader(assessmentRoute, setup.path, setup.params, setup.cookie)).value,
		).data
		expect(page.outcome).toMatchObject({ allAssessed: true, outcome: 'qualified', missing: [] })
		// 1.4 insufficient while 1.5 is sufficient: the group (and the round) still qualifies.
		const version = String((await loadAssessment(setup.id, 1))!.round.assessmentVersion)
		expect(
			(
				await post(setup, {
					intent: 'save',
					version,
					[`verdict-${setup.key('1.4')}`]: 'insufficient',
					[`feedback-${setup.key('1.4')}`]: 'Het format mist de evaluatie.',
				})
			).response?.status,
		).toBe(302)
		// The decision itself goes through its confirmation page (safe-decisions.test.ts); here the service.
		await decide(setup, 'qualified')
		expect((await db.participation.findUniqueOrThrow({ where: { id: setup.id } })).state).toBe('qualified')
	})

	it('autosaves a draft; a stale version is a conflict that writes nothing', async () => {
		const setup = await setUp(2073)
		const k = setup.key('1.1')
		const first = await draft(setup, setup.cookie, {
			version: '0',
			[`verdict-${k}`]: 'insufficient',
			[`feedback-${k}`]: '',
			notes: 'half af',
		})
		expect(first).toMatchObject({ status: 200, body: { ok: true, version: 1 } })
		// The second assessor still has the page of version 0.
		const stale = await draft(setup, setup.otherCookie, { version: '0', [`verdict-${k}`]: 'sufficient' })
		expect(stale).toMatchObject({ status: 409, body: { ok: false, reason: 'conflict', by: 'Anna Beoordelaar' } })
		const round = await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: setup.id, number: 1 } })
		expect(round.assessmentDraft).toEqual({
			verdicts: { [k]: { verdict: 'insufficient', feedback: '' } },
			message: '',
			notes: 'half af',
		})
		expect(await savedVerdicts(setup.id)).toHaveLength(0)
		// The page reopens from the draft and says so.
		const page = dataOf<{
			form: { version: number; values: Record<string, { verdict: string | null }>; draft: { by: string } | null }
		}>((await callLoader(assessmentRoute, setup.path, setup.params, setup.cookie)).value).data
		expect(page.form).toMatchObject({ version: 1, draft: { by: 'Anna Beoordelaar' } })
		expect(page.form.values[k]?.verdict).toBe('insufficient')
		// A save with the stale version is refused too; with the current one it saves and clears the draft.
		expect(
			dataOf((await post(setup, { intent: 'save', version: '0', [`verdict-${k}`]: 'sufficient' })).value).status,
		).toBe(409)
		expect(await savedVerdicts(setup.id)).toHaveLength(0)
		const saved = await post(setup, {
			intent: 'save',
			version: '1',
			[`verdict-${k}`]: 'insufficient',
			[`feedback-${k}`]: 'Concreter graag.',
		})
		expect(saved.response?.status).toBe(302)
		const after = await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: setup.id, number: 1 } })
		expect(after).toMatchObject({ assessmentDraft: null, assessmentVersion: 2, assessmentNotes: null })
		// Fields of criteria this round does not assess are not read at all.
		expect((await draft(setup, setup.cookie, { version: '2', 'verdict-bestaat-niet': 'sufficient' })).status).toBe(200)
		const stored = await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: setup.id, number: 1 } })
		expect(stored.assessmentDraft).toEqual({ verdicts: {}, message: '', notes: '' })
	})

	it('a provider never sees the internal notes; the message reaches it on screen and by mail', async () => {
		const setup = await setUp(2074)
		const notes = 'INTERN-GEHEIM: twijfel over de eerlijkheid van 2.3'
		const message = 'Uw zelfevaluatie is helder; vul 2.3 aan.'
		const fields: Record<string, string> = { intent: 'save', version: '0', message, notes }
		for (const code of setup.codes)
			fields[`verdict-${setup.key(code)}`] = code === '2.3' ? 'insufficient' : 'sufficient'
		fields[`feedback-${setup.key('2.3')}`] = 'Beschrijf de wachttijd.'
		expect((await post(setup, fields)).response?.status).toBe(302)
		await decide(setup, 'revision_requested')

		const providerCookie = await sessionCookieFor(setup.member.id)
		const base = `/aanbieder/${setup.provider.id}/zelfevaluatie/2074`
		const params = { providerId: setup.provider.id, year: '2074' }
		const pages = [
			await callLoader(overviewRoute, base, params, providerCookie),
			await callLoader(roundRoute, `${base}/ronde/1`, { ...params, round: '1' }, providerCookie),
			await callLoader(normRoute, `${base}/norm/2`, { ...params, normCode: '2' }, providerCookie),
		]
		for (const page of pages) {
			expect(page.response?.status ?? 200).toBe(200)
			expect(JSON.stringify(page.value)).not.toContain('INTERN-GEHEIM')
		}
		expect(JSON.stringify(pages[0]!.value)).toContain(message)
		const mails = await db.outboxEmail.findMany({ where: { participationId: setup.id } })
		const revisionMail = mails.find((mail) => mail.template === 'revision_requested')
		expect(revisionMail?.text).toContain(message)
		for (const mail of mails) expect(`${mail.html}${mail.text}`).not.toContain('INTERN-GEHEIM')
		// Staff still see the notes on the decided round.
		const staffPage = dataOf<{ round: { notes: string } }>(
			(await callLoader(assessmentRoute, setup.path, setup.params, setup.cookie)).value,
		).data
		expect(staffPage.round.notes).toBe(notes)
	})
})
