// Round 1 of a new year starts from last year's submitted answers: texts, addresses and ticks
// are carried over, numbers and declarations are not, and changed criteria are flagged.
import { describe, expect, it } from 'vitest'
import * as normRoute from '#app/routes/provider/self-evaluation/norm.tsx'
import { db } from '#app/lib/db.server.ts'
import { createListedParticipation } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { ensureMarkYear, normSetFor } from '#app/lib/test-fixtures/years.server.ts'
import { getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'
import { TEXT_KEY } from './self-evaluation-helpers.ts'

describe('prefill from last year', () => {
	it('carries last year’s answers into round 1 and flags the criteria that changed', async () => {
		const { provider, user } = await createProviderWithMember()
		await createSubmittedParticipation({ year: 2078, providerId: provider.id })
		// 2079: the same norms, except that criterion 1.1 was rewritten.
		const next = normSetFor(2079)
		const criterion = next.themes[0]!.norms[0]!.criteria[0]!
		criterion.text = `${criterion.text} Beschrijf ook hoe u de cliënt tijdens het wachten informeert.`
		await ensureMarkYear(2079, { normSet: next })
		await createListedParticipation({ year: 2079, providerId: provider.id })

		const cookie = await sessionCookieFor(user.id)
		const page = (
			await settle(() =>
				normRoute.loader(
					routeArgs(getRequest(`/aanbieder/${provider.id}/zelfevaluatie/2079/norm/2`, cookie), {
						providerId: provider.id,
						year: '2079',
						normCode: '2',
					}),
				),
			)
		).value as {
			round: { prefilledFromYear: number }
			answers: Record<string, { text?: string; declared?: boolean }>
			rows: Record<string, { prefill: string }>
		}
		expect(page.round.prefilledFromYear).toBe(2078)
		expect(page.answers['longer-treatment-consideration.explanation']?.text).toContain('Onze werkwijze')
		expect(page.rows['longer-treatment-consideration.explanation']?.prefill).toBe('copied')
		// A declaration is about this year: never carried over.
		expect(page.answers['treatment-800-minutes.declaration']).toBeUndefined()

		const norm1 = (
			await settle(() =>
				normRoute.loader(
					routeArgs(getRequest(`/aanbieder/${provider.id}/zelfevaluatie/2079/norm/1`, cookie), {
						providerId: provider.id,
						year: '2079',
						normCode: '1',
					}),
				),
			)
		).value as { rows: Record<string, { prefill: string }> }
		expect(norm1.rows[TEXT_KEY]?.prefill).toBe('criterion_changed')
		expect(
			await db.selfEvaluationRound.count({ where: { participation: { providerId: provider.id, year: 2079 } } }),
		).toBe(1)
	})
})
