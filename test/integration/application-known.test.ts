// An earlier participant applies again (issue 13): a signed-in member finds /aanmelden filled in
// with its organisation's details, and with what the portal knows of its history — "carrier", or
// "withdrawn" (then the explanation is asked) when its latest participation ended withdrawn. An
// organisation that already applied for the year, and someone else's organisation, are not offered.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createQualifiedParticipation } from '#app/lib/test-fixtures/fees.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { loader as applicationLoader } from '#app/routes/provider/application.tsx'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { getRequest, routeArgs, sessionCookieFor } from '#test/fixtures/requests.ts'

const YEAR = 2079
type LoaderArgs = Parameters<typeof applicationLoader>[0]

beforeAll(async () => {
	await ensureMarkYear(YEAR - 1, { withNormSet: false })
	await ensureMarkYear(YEAR)
})
// Inside the window of YEAR (the clock is put back after every test).
beforeEach(() => setClock(amsterdamInstant(`${YEAR - 1}-07-01`, { hour: 10 })))

async function pageFor(userId: string, search = '') {
	const request = getRequest(`/aanmelden${search}`, await sessionCookieFor(userId))
	return applicationLoader(routeArgs<LoaderArgs>(request))
}

describe('an earlier participant applying again', () => {
	it('fills in a carrier of last year, its history "carrier"', async () => {
		const { provider, user } = await createProviderWithMember()
		await createQualifiedParticipation({ providerId: provider.id, year: YEAR - 1 })
		const page = await pageFor(user.id)
		expect(page.known).toEqual([{ providerId: provider.id, name: provider.name }])
		expect(page.applicant).toMatchObject({
			kvkNumber: provider.kvkNumber,
			organisation: { name: provider.name, postcode: provider.postcode, offersChronicEchelon: 'no' },
			history: 'carrier',
			carrierYears: [YEAR - 1],
			withdrawnYear: null,
		})
	})

	it('knows a withdrawal that ended the latest participation, and only then', async () => {
		const { provider, user } = await createProviderWithMember()
		const earlier = await createQualifiedParticipation({ providerId: provider.id, year: YEAR - 1 })
		await db.participation.update({
			where: { id: earlier.id },
			data: { state: 'withdrawn', stateBeforeWithdrawal: 'qualified' },
		})
		expect((await pageFor(user.id)).applicant).toMatchObject({ history: 'withdrawn', withdrawnYear: YEAR - 1 })
	})

	it('offers neither an organisation that applied for the year nor one the user is no member of', async () => {
		const { provider, user } = await createProviderWithMember()
		await createQualifiedParticipation({ providerId: provider.id, year: YEAR })
		const other = await createProviderWithMember()
		const page = await pageFor(user.id, `?aanbieder=${other.provider.id}`)
		expect(page.known).toEqual([])
		expect(page.applicant).toBeNull()
	})

	it('asks which organisation when the member has several, and fills in the chosen one', async () => {
		const first = await createProviderWithMember()
		const second = await createProviderWithMember()
		await db.membership.create({ data: { userId: first.user.id, providerId: second.provider.id } })
		expect((await pageFor(first.user.id)).applicant).toBeNull()
		const chosen = await pageFor(first.user.id, `?aanbieder=${second.provider.id}`)
		expect(chosen.known).toHaveLength(2)
		expect(chosen.applicant).toMatchObject({ providerId: second.provider.id, history: 'never', carrierYears: [] })
	})
})
