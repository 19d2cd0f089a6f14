// The round comparison of issue 12 §3 across two real rounds: round 1 assessed with two criteria
// insufficient, the revision requested through the decision page, round 2 changed (a text reworded,
// a document added) and submitted; the assessment page of round 2 then shows per criterion the
// previous answer, the feedback given on it and the new answer with the changes marked, and folds
// away what is unchanged and was sufficient.
import { describe, expect, it } from 'vitest'
import * as assessmentRoute from '#app/routes/staff/assessment.tsx'
import * as decisionRoute from '#app/routes/staff/decision.tsx'
import { amsterdamDateOf } from '#app/domain/amsterdam-time.ts'
import type { CriterionComparison } from '#app/domain/round-comparison.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { storeFile } from '#app/lib/storage.server.ts'
import { TINY_PDF } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { createSubmittedParticipation, resubmitRevision } from '#app/lib/test-fixtures/staff.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { loadAssessment } from '#app/services/assessment.server.ts'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { dataOf, sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'

const year = 2037
const WAITING = 'waiting-time-use' // 1.1, an explanation
const PLAN = 'shared-decision-treatment-plan' // 1.2, a template upload
const MATCH = 'therapeutic-match' // 1.3

type PageData = {
	comparison: {
		round: number
		criteria: Record<string, CriterionComparison>
		changed: number
		collapsed: number
		total: number
	} | null
}

describe('the round comparison', () => {
	it('shows round 2 next to round 1: previous answer, feedback, marked changes, folded criteria', async () => {
		await ensureMarkYear(year)
		const { provider } = await createProviderWithMember()
		const id = await createSubmittedParticipation({ year, providerId: provider.id })
		const assessor = await createUser({ staffRole: 'assessor' })
		const cookie = await sessionCookieFor(assessor.id)
		const path = (round: number) => `/medewerkers/deelnames/${id}/beoordeling/${round}`
		const params = (round: number) => ({ participationId: id, round: String(round) })

		// Round 1: 1.1 and 1.3 insufficient with feedback, everything else sufficient, in one save.
		const first = await loadAssessment(id, 1)
		const fields: Record<string, string> = { intent: 'save', version: String(first!.round.assessmentVersion) }
		for (const ref of first!.outcome.toAssess) {
			const bad = ref.key === WAITING || ref.key === MATCH
			fields[`verdict-${ref.key}`] = bad ? 'insufficient' : 'sufficient'
			fields[`feedback-${ref.key}`] = bad ? `Werk ${ref.code} concreet uit.` : ''
		}
		const saved = await callAction(assessmentRoute, path(1), params(1), fields, cookie)
		expect(saved.response?.status, JSON.stringify(saved.value)).toBe(302)
		// Round 1 has nothing to compare with.
		expect(
			dataOf<PageData>((await callLoader(assessmentRoute, path(1), params(1), cookie)).value).data.comparison,
		).toBe(null)
		const decided = await callAction(
			decisionRoute,
			`${path(1)}/besluit`,
			params(1),
			{ outcome: 'revision_requested', decisionDay: amsterdamDateOf(now()) },
			cookie,
		)
		expect(decided.response?.status, JSON.stringify(decided.value)).toBe(302)

		// Round 2: the provider adds a document to 1.2 and rewords 1.1 (1.3 stays as it was).
		const round2 = await db.selfEvaluationRound.findFirstOrThrow({ where: { participationId: id, number: 2 } })
		const loaded = await loadNormSet(year)
		const planAnswer = await db.answer.upsert({
			where: {
				roundId_evidenceItemId: { roundId: round2.id, evidenceItemId: loaded!.evidenceIds.get(`${PLAN}.format`)! },
			},
			create: { roundId: round2.id, evidenceItemId: loaded!.evidenceIds.get(`${PLAN}.format`)! },
			update: {},
		})
		const file = await storeFile({
			kind: 'template_upload',
			providerId: provider.id,
			originalName: 'behandelplan-2.pdf',
			mimeType: 'application/pdf',
			bytes: TINY_PDF,
		})
		await db.answerDocument.create({ data: { answerId: planAnswer.id, fileId: file.id } })
		const before = (
			await db.answer.findFirstOrThrow({
				where: { roundId: round2.id, evidenceItemId: loaded!.evidenceIds.get(`${WAITING}.explanation`)! },
			})
		).text
		await resubmitRevision({
			participationId: id,
			text: 'Onze werkwijze: wij bespreken dit schriftelijk met de cliënt en de huisarts en leggen het vast in het dossier.',
		})

		const page = dataOf<PageData>((await callLoader(assessmentRoute, path(2), params(2), cookie)).value).data
		const comparison = page.comparison!
		expect(comparison.round).toBe(1)
		expect(comparison.total).toBe(Object.keys(comparison.criteria).length)

		// 1.1: the feedback it got, the old text to read, the new text with the changed words marked.
		const waiting = comparison.criteria[WAITING]!
		expect(waiting.changed).toBe(true)
		expect(waiting.collapsed).toBe(false)
		expect(waiting.previous).toEqual({ verdict: 'insufficient', feedback: 'Werk 1.1 concreet uit.' })
		const text = waiting.evidence[0]!
		expect(text.fields).toEqual(['text'])
		expect(text.previousText).toBe(before)
		const added = text.text!.filter((part) => part.kind === 'added').map((part) => part.text)
		expect(added.join(' ')).toContain('schriftelijk')
		expect(added.join(' ')).toContain('huisarts')
		// The new text is exactly the unchanged and added parts.
		expect(
			text
				.text!.filter((part) => part.kind !== 'removed')
				.map((part) => part.text)
				.join(''),
		).toBe(
			'Onze werkwijze: wij bespreken dit schriftelijk met de cliënt en de huisarts en leggen het vast in het dossier.',
		)

		// 1.2: one document added, counted; it was sufficient, but changed, so it stays open.
		const plan = comparison.criteria[PLAN]!
		expect(plan.changed).toBe(true)
		expect(plan.collapsed).toBe(false)
		expect(plan.summary).toMatchObject({ documentsAdded: 1, documentsRemoved: 0 })
		expect(plan.evidence[0]!.documents.added).toEqual([{ id: file.id, name: 'behandelplan-2.pdf' }])

		// 1.3: unchanged, but insufficient last time: open, with its feedback.
		const match = comparison.criteria[MATCH]!
		expect(match).toMatchObject({ changed: false, collapsed: false })
		expect(match.previous?.feedback).toBe('Werk 1.3 concreet uit.')

		// Everything else is unchanged and was sufficient: folded away.
		expect(comparison.changed).toBe(2)
		const folded = Object.values(comparison.criteria).filter((entry) => entry.collapsed)
		expect(folded.length).toBe(comparison.collapsed)
		expect(folded.every((entry) => !entry.changed && entry.previous?.verdict === 'sufficient')).toBe(true)
		expect(comparison.collapsed).toBe(
			Object.values(comparison.criteria).filter((entry) => entry.previous?.verdict === 'sufficient').length - 1,
		)
		expect(comparison.collapsed).toBeGreaterThan(10)
	})
})
