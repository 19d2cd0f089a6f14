// Round 1 of a new year starts empty; last year's submitted answers are offered per criterion
// (issue 13: nothing copied silently). Accepted criteria are copied (texts, addresses, ticks and
// documents, never numbers or declarations), declined ones are not, this year's own answers are
// never overwritten, changed criteria are flagged, and the offer is a one-time choice.
import { describe, expect, it } from 'vitest'
import * as normRoute from '#app/routes/provider/self-evaluation/norm.tsx'
import * as reuseRoute from '#app/routes/provider/self-evaluation/reuse.tsx'
import { db } from '#app/lib/db.server.ts'
import { createListedParticipation } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { ensureMarkYear, normSetFor } from '#app/lib/test-fixtures/years.server.ts'
import { dataOf, formRequest, getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import { TEXT_KEY } from './self-evaluation-helpers.ts'

type NormPage = {
	round: { prefilledFromYear: number | null }
	answers: Record<string, { text?: string; declared?: boolean } | undefined>
	rows: Record<string, { prefill: string } | undefined>
}
type Offer = {
	offer: {
		fromYear: number
		criteria: { key: string; code: string; status: string; alreadyAnswered: boolean; items: { key: string }[] }[]
	}
}

describe('taking over last year’s answers', () => {
	it('offers them per criterion, copies only what is accepted, and only once', async () => {
		const { provider, user } = await createProviderWithMember()
		await createSubmittedParticipation({ year: 2078, providerId: provider.id })
		// 2079: the same norms, except that criterion 1.1 was rewritten.
		const next = normSetFor(2079)
		const criterion = next.themes[0]!.norms[0]!.criteria[0]!
		criterion.text = `${criterion.text} Beschrijf ook hoe u de cliënt tijdens het wachten informeert.`
		await ensureMarkYear(2079, { normSet: next })
		await createListedParticipation({ year: 2079, providerId: provider.id })
		const cookie = await sessionCookieFor(user.id)
		const base = `/aanbieder/${provider.id}/zelfevaluatie/2079`
		const params = { providerId: provider.id, year: '2079' }
		const norm = async (normCode: string) =>
			(
				await settle(() =>
					normRoute.loader(routeArgs(getRequest(`${base}/norm/${normCode}`, cookie), { ...params, normCode })),
				)
			).value as NormPage

		// Nothing is copied on arrival.
		const empty = await norm('2')
		expect(empty.round.prefilledFromYear).toBeNull()
		expect(empty.answers['longer-treatment-consideration.explanation']).toBeUndefined()

		// The offer: unchanged criteria 'carried', the rewritten 1.1 'changed'.
		const { offer } = (
			await settle(() => reuseRoute.loader(routeArgs(getRequest(`${base}/overnemen`, cookie), params)))
		).value as Offer
		expect(offer.fromYear).toBe(2078)
		const byCode = new Map(offer.criteria.map((entry) => [entry.code, entry]))
		expect(byCode.get('1.1')?.status).toBe('changed')
		expect(byCode.get('2.2')?.status ?? byCode.get('2.1')?.status).toBe('carried')
		const longer = offer.criteria.find((entry) =>
			entry.items.some((item) => item.key === 'longer-treatment-consideration.explanation'),
		)!
		expect(longer.status).toBe('carried')

		// Typed this year before taking over: stays.
		await settle(() =>
			normRoute.action(
				routeArgs(
					formRequest(
						`${base}/norm/1`,
						{ intent: 'save', [`${TEXT_KEY}:version`]: '0', [`${TEXT_KEY}:text`]: 'Dit jaar zelf geschreven.' },
						cookie,
					),
					{ ...params, normCode: '1' },
				),
			),
		)

		// Accept 1.1 (changed) and the 800-minutes consideration; decline everything else.
		const declined = offer.criteria.find((entry) => entry.key !== longer.key && entry.code !== '1.1')!
		const accepted = await settle(() =>
			reuseRoute.action(
				routeArgs(
					formRequest(`${base}/overnemen`, { criterion: [byCode.get('1.1')!.key, longer.key] }, cookie),
					params,
				),
			),
		)
		expect(accepted.response?.status).toBe(302)

		const norm2 = await norm('2')
		expect(norm2.round.prefilledFromYear).toBe(2078)
		expect(norm2.answers['longer-treatment-consideration.explanation']?.text).toContain('Onze werkwijze')
		expect(norm2.rows['longer-treatment-consideration.explanation']?.prefill).toBe('copied')
		// A declaration is about this year: never carried over.
		expect(norm2.answers['treatment-800-minutes.declaration']).toBeUndefined()
		// This year's own text is not overwritten.
		const norm1 = await norm('1')
		expect(norm1.answers[TEXT_KEY]?.text).toBe('Dit jaar zelf geschreven.')
		// A declined criterion stays empty.
		const declinedRows = await db.answer.count({
			where: {
				round: { participation: { providerId: provider.id, year: 2079 } },
				evidenceItem: { key: { in: declined.items.map((item) => item.key) } },
			},
		})
		expect(declinedRows).toBe(0)
		// Who took over what is in the audit trail.
		expect(
			await db.auditEvent.count({ where: { providerId: provider.id, action: 'self_evaluation.take_over_last_year' } }),
		).toBe(1)

		// A one-time choice: the offer is gone, a second take-over is refused.
		const again = await settle(() =>
			reuseRoute.action(routeArgs(formRequest(`${base}/overnemen`, { criterion: declined.key }, cookie), params)),
		)
		expect(dataOf(again.value).status).toBe(409)
		const gone = await settle(() => reuseRoute.loader(routeArgs(getRequest(`${base}/overnemen`, cookie), params)))
		expect(gone.response?.status).toBe(404)
		expect(
			await db.selfEvaluationRound.count({ where: { participation: { providerId: provider.id, year: 2079 } } }),
		).toBe(1)
	})

	it('flags a changed criterion that was taken over', async () => {
		const { provider, user } = await createProviderWithMember()
		await createSubmittedParticipation({ year: 2080, providerId: provider.id })
		const next = normSetFor(2081)
		const criterion = next.themes[0]!.norms[0]!.criteria[0]!
		criterion.text = `${criterion.text} En hoe u de wachttijd bewaakt.`
		await ensureMarkYear(2081, { normSet: next })
		await createListedParticipation({ year: 2081, providerId: provider.id })
		const cookie = await sessionCookieFor(user.id)
		const base = `/aanbieder/${provider.id}/zelfevaluatie/2081`
		const params = { providerId: provider.id, year: '2081' }
		const { offer } = (
			await settle(() => reuseRoute.loader(routeArgs(getRequest(`${base}/overnemen`, cookie), params)))
		).value as Offer
		await settle(() =>
			reuseRoute.action(
				routeArgs(formRequest(`${base}/overnemen`, { criterion: offer.criteria.map((c) => c.key) }, cookie), params),
			),
		)
		const norm1 = (
			await settle(() =>
				normRoute.loader(routeArgs(getRequest(`${base}/norm/1`, cookie), { ...params, normCode: '1' })),
			)
		).value as NormPage
		expect(norm1.rows[TEXT_KEY]?.prefill).toBe('criterion_changed')
	})
})
