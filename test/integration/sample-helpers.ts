// The set-up the sample-outcome tests share: a qualified carrier of a year, drawn into the sample,
// its interview held the day before the clock (10 April).
import { expect } from 'vitest'
import { amsterdamDateOf, amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { now, setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createQualifiedParticipations } from '#app/lib/test-fixtures/staff.server.ts'
import * as outcomeRoute from '#app/routes/staff/sample-outcome.tsx'
import { requireParticipationEvent } from '#app/services/participation.server.ts'
import { sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction } from '#test/fixtures/staff-routes.ts'

/**
 * A qualified carrier of `year` drawn into the sample, its interview held yesterday (9 April; the
 * clock is set to 10 April). `fourEyesWithdrawal` sets the year's rule for withdrawals when given.
 */
export async function sampledCarrier(
	year: number,
	prefix: string,
	staffId: string,
	{ fourEyesWithdrawal }: { fourEyesWithdrawal?: boolean } = {},
) {
	const [participationId] = await createQualifiedParticipations({ year, count: 1, prefix })
	if (fourEyesWithdrawal !== undefined) await db.markYear.update({ where: { year }, data: { fourEyesWithdrawal } })
	setClock(amsterdamInstant(`${year}-04-10`, { hour: 10 }))
	const sample = await db.sample.create({
		data: { year, seed: prefix, count: 1, record: {}, drawnAt: now(), drawnById: staffId },
	})
	await db.sampleMember.create({ data: { sampleId: sample.id, participationId: participationId! } })
	await db.$transaction((tx) =>
		requireParticipationEvent(tx, participationId!, { type: 'draw_into_sample' }, { type: 'staff', userId: staffId }),
	)
	const member = await db.sampleMember.findFirstOrThrow({ where: { participationId: participationId! } })
	const interview = await db.interview.update({
		where: { sampleMemberId: member.id },
		data: { scheduledAt: amsterdamInstant(`${year}-04-09`, { hour: 14 }), mode: 'online' },
	})
	const path = `/medewerkers/steekproef/gesprek/${interview.id}`
	return { participationId: participationId!, interview, path, params: { interviewId: interview.id } }
}

/**
 * Records the interview's outcome "incorrect qualification" as `recorderId`, which proposes a
 * withdrawal (the year's four-eyes rule decides who may confirm it); expects the redirect.
 */
export async function recordIncorrectQualification(
	{ interview, path, params }: Pick<Awaited<ReturnType<typeof sampledCarrier>>, 'interview' | 'path' | 'params'>,
	recorderId: string,
) {
	const recorded = await callAction(
		outcomeRoute,
		path,
		params,
		{
			outcome: 'incorrect_qualification',
			version: String(interview.version),
			notes: 'De werkafspraken met huisartsen ontbreken.',
			effectiveOn: amsterdamDateOf(now()),
		},
		await sessionCookieFor(recorderId),
	)
	expect(recorded.response?.status, JSON.stringify(recorded.value)).toBe(302)
}
