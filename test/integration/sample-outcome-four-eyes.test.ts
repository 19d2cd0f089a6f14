// Issue 17's closing note: a sample interview's "incorrect qualification" withdrew the mark at once,
// even when the year has four-eyes for withdrawals on (`fourEyesWithdrawal`, the default). Now, as
// for every other withdrawal, it records the interview's outcome and a withdrawal proposal (reason
// `incorrect_qualification`, the interview as its basis) that a second, different staff member
// approves — which runs the interview's withdrawal exactly as the direct path did (letter with the
// bezwaar term, dissolved agreement, mail, register, audit) — or rejects, saying why, which keeps
// the mark and closes the carrier's sample as confirmed (docs/decisions/011; before, it stayed
// `sampled` for good). The proposer cannot decide on their own proposal. Four-eyes off: at once.
// Through the route modules, as the browser calls them.
import { describe, expect, it } from 'vitest'
import { addDays, amsterdamDateOf, startOfDay } from '#app/domain/amsterdam-time.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { readStoredFile } from '#app/lib/storage.server.ts'
import * as sampleRoute from '#app/routes/staff/sample.tsx'
import * as outcomeRoute from '#app/routes/staff/sample-outcome.tsx'
import * as letterRoute from '#app/routes/staff/sample-outcome-letter.ts'
import * as proposalRoute from '#app/routes/staff/withdrawal-proposal.tsx'
import * as proposalLetterRoute from '#app/routes/staff/withdrawal-proposal-letter.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { dataOf, sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'
import { recordIncorrectQualification, sampledCarrier } from './sample-helpers.ts'

const facts = (participationId: string) =>
	db.participation.findUniqueOrThrow({
		where: { id: participationId },
		include: { withdrawals: true, agreements: true },
	})

type OutcomePage = {
	fourEyes: boolean
	proposal: { id: string; status: string; decisionNote: string | null } | null
	preview: {
		waitsForSecondPerson: boolean
		before: { state: string }
		after: { state: string; withdrawal: { reason: string } | null }
		mails: { subject: string; text: string }[]
		documents: { kind: string }[]
	} | null
}

const proposalPath = (id: string) => `/medewerkers/intrekkingen/voorstel/${id}`

describe('an incorrect qualification found in the sample, under four-eyes', () => {
	it('proposes the withdrawal; nothing happens until a second staff member approves; the proposer cannot', async () => {
		const year = 2041
		const recorder = await createUser({ staffRole: 'assessor', name: 'Rik Registreerder' })
		const approver = await createUser({ staffRole: 'admin', name: 'Anouk Akkoord' })
		const recorderCookie = await sessionCookieFor(recorder.id)
		const approverCookie = await sessionCookieFor(approver.id)
		const { participationId, interview, path, params } = await sampledCarrier(year, 'Vier Ogen Steekproef', recorder.id)
		const day = addDays(amsterdamDateOf(now()), 14)
		const fields = {
			outcome: 'incorrect_qualification',
			version: String(interview.version),
			notes: 'In het gesprek bleek dat de beschreven evaluatie met cliënten niet plaatsvindt.',
			effectiveOn: day,
		}
		const query = `${path}?${new URLSearchParams({ stap: 'controleren', ...fields })}`
		const before = await facts(participationId)
		const outboxBefore = await db.outboxEmail.count({ where: { participationId } })

		// Step 1 says four-eyes applies to this year.
		const first = dataOf<OutcomePage>((await callLoader(outcomeRoute, path, params, recorderCookie)).value).data
		expect(first.fourEyes).toBe(true)

		// Step 2: it says the withdrawal waits, and shows what happens once approved.
		const page = dataOf<OutcomePage>((await callLoader(outcomeRoute, query, params, recorderCookie)).value).data
		expect(page.preview?.waitsForSecondPerson).toBe(true)
		expect(page.preview?.before.state).toBe('sampled')
		expect(page.preview?.after).toMatchObject({ state: 'withdrawn', withdrawal: { reason: 'incorrect_qualification' } })
		expect(page.preview?.documents.map((document) => document.kind)).toContain('withdrawal_letter')
		const previewedLetter = pdfText(
			new Uint8Array(await (await callLoader(letterRoute, query, params, recorderCookie)).response!.arrayBuffer()),
		)
		expect(previewedLetter).toContain('Rik Registreerder')
		expect(await db.withdrawalProposal.count({ where: { participationId } })).toBe(0)

		// Step 3: the outcome and a proposal; the carrier is still qualified and in the register.
		const recorded = await callAction(outcomeRoute, path, params, fields, recorderCookie)
		expect(recorded.response?.status, JSON.stringify(recorded.value)).toBe(302)
		expect(recorded.response?.headers.get('Location')).toBe(path)
		const waiting = await facts(participationId)
		expect(waiting.state).toBe('sampled')
		expect(waiting.listedUntil?.toISOString()).toBe(before.listedUntil?.toISOString())
		expect(waiting.withdrawals).toEqual([])
		expect(waiting.agreements.map((agreement) => agreement.dissolvedAt)).toEqual(
			before.agreements.map((agreement) => agreement.dissolvedAt),
		)
		expect(await db.outboxEmail.count({ where: { participationId } })).toBe(outboxBefore)
		expect(await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).toMatchObject({
			outcome: 'incorrect_qualification',
			recordedById: recorder.id,
		})
		const proposal = await db.withdrawalProposal.findFirstOrThrow({ where: { participationId } })
		expect(proposal).toMatchObject({
			status: 'pending',
			reason: 'incorrect_qualification',
			effectiveOn: day,
			explanation: fields.notes,
			interviewId: interview.id,
			proposedById: recorder.id,
		})

		// The interview page says so and links to the proposal (the sample page's row: in the e2e spec).
		const decided = dataOf<OutcomePage>((await callLoader(outcomeRoute, path, params, recorderCookie)).value).data
		expect(decided.proposal).toMatchObject({ id: proposal.id, status: 'pending' })
		// The proposal names the interview as its basis.
		const proposalPage = (
			await callLoader(proposalRoute, proposalPath(proposal.id), { proposalId: proposal.id }, approverCookie)
		).value as { proposal: { interview: { id: string; recordedBy: { name: string } } | null } }
		expect(proposalPage.proposal.interview).toMatchObject({
			id: interview.id,
			recordedBy: { name: 'Rik Registreerder' },
		})

		// The proposer cannot approve their own proposal.
		const own = await callAction(
			proposalRoute,
			proposalPath(proposal.id),
			{ proposalId: proposal.id },
			{ intent: 'approve' },
			recorderCookie,
		)
		// A staff member's decision on a withdrawal, not an assessor's on a self-evaluation.
		expect(dataOf<{ formErrors: string[] }>(own.value)).toMatchObject({
			status: 409,
			data: {
				formErrors: [
					'Een tweede, andere medewerker moet over dit voorstel tot intrekking beslissen (vier-ogenprincipe).',
				],
			},
		})
		expect((await facts(participationId)).state).toBe('sampled')

		// A second staff member approves: the withdrawal as the direct path does it.
		const approverLetter = pdfText(
			new Uint8Array(
				await (
					await callLoader(
						proposalLetterRoute,
						`${proposalPath(proposal.id)}/brief`,
						{ proposalId: proposal.id },
						approverCookie,
					)
				).response!.arrayBuffer(),
			),
		)
		expect(approverLetter).toBe(previewedLetter)
		const approved = await callAction(
			proposalRoute,
			proposalPath(proposal.id),
			{ proposalId: proposal.id },
			{ intent: 'approve' },
			approverCookie,
		)
		expect(approved.response?.status, JSON.stringify(approved.value)).toBe(302)
		const after = await facts(participationId)
		expect(after.state).toBe('withdrawn')
		expect(after.withdrawals).toHaveLength(1)
		const withdrawal = after.withdrawals[0]!
		expect(withdrawal).toMatchObject({ reason: 'incorrect_qualification', decidedById: approver.id })
		expect(withdrawal.effectiveAt.toISOString()).toBe(startOfDay(day).toISOString())
		expect(after.listedUntil?.toISOString()).toBe(startOfDay(day).toISOString())
		// The agreement ends with the mark (this fixture's is dissolved or, never signed, lapses).
		expect(after.agreements.map((agreement) => agreement.dissolvedAt?.toISOString())).toContain(
			startOfDay(day).toISOString(),
		)
		// The letter sent is the letter previewed: signed by the recorder, with the notes and bezwaar.
		const letterFile = await db.storedFile.findUniqueOrThrow({ where: { id: withdrawal.letterFileId! } })
		const sentLetter = pdfText(await readStoredFile(letterFile))
		expect(sentLetter).toBe(previewedLetter)
		expect(sentLetter).toContain('bezwaar')
		expect(sentLetter).toContain('evaluatie met cliënten niet plaatsvindt')
		// The mail as previewed, with the letter attached.
		const mails = (await db.outboxEmail.findMany({ where: { participationId }, orderBy: { toAddress: 'asc' } })).slice(
			outboxBefore,
		)
		expect(mails.map((mail) => [mail.subject, mail.text])).toEqual(
			page.preview!.mails.map((mail) => [mail.subject, mail.text]),
		)
		expect(JSON.stringify(mails.find((mail) => mail.template === 'withdrawal')?.attachments)).toContain(letterFile.id)
		expect(await db.withdrawalProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({
			status: 'approved',
			decidedById: approver.id,
			withdrawalId: withdrawal.id,
		})

		// Every step audited, by the person who took it.
		const audited = await db.auditEvent.findMany({
			where: { participationId },
			orderBy: { at: 'asc' },
			select: { action: true, actorUserId: true, after: true },
		})
		const step = (action: string) => audited.find((event) => event.action === action)
		expect(step('interview.outcome')).toMatchObject({
			actorUserId: recorder.id,
			after: { outcome: 'incorrect_qualification', fourEyesWithdrawal: true },
		})
		expect(step('withdrawal.propose')).toMatchObject({
			actorUserId: recorder.id,
			after: { reason: 'incorrect_qualification', interviewId: interview.id },
		})
		expect(step('withdrawal.approve')?.actorUserId).toBe(approver.id)
		expect(step('participation.incorrect_qualification_found')?.actorUserId).toBe(approver.id)
	})

	it('a rejection keeps the mark and closes the sample as confirmed, the finding and why on record; a rejection needs a reason', async () => {
		const year = 2042
		const recorder = await createUser({ staffRole: 'assessor' })
		const colleague = await createUser({ staffRole: 'assessor' })
		const colleagueCookie = await sessionCookieFor(colleague.id)
		const { participationId, interview, path, params } = await sampledCarrier(year, 'Vier Ogen Afgewezen', recorder.id)
		const before = await facts(participationId)
		await recordIncorrectQualification({ interview, path, params }, recorder.id)
		const proposal = await db.withdrawalProposal.findFirstOrThrow({ where: { participationId } })

		const withoutReason = await callAction(
			proposalRoute,
			proposalPath(proposal.id),
			{ proposalId: proposal.id },
			{ intent: 'reject', note: ' ' },
			colleagueCookie,
		)
		expect(dataOf<{ fieldErrors: Record<string, string[]> }>(withoutReason.value)).toMatchObject({
			status: 400,
			data: { fieldErrors: { note: ['decisions.proposalRejectNoteRequired'] } },
		})
		expect((await db.withdrawalProposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe('pending')

		const why = 'De afspraken staan in het kwaliteitshandboek; het gesprek gaf een onvolledig beeld.'
		const rejected = await callAction(
			proposalRoute,
			proposalPath(proposal.id),
			{ proposalId: proposal.id },
			{ intent: 'reject', note: why },
			colleagueCookie,
		)
		expect(rejected.response?.status, JSON.stringify(rejected.value)).toBe(302)
		const after = await facts(participationId)
		// The sample is done for this carrier, as after a confirming interview.
		expect(after.state).toBe('confirmed')
		expect(after.withdrawals).toEqual([])
		expect(after.listedUntil?.toISOString()).toBe(before.listedUntil?.toISOString())
		expect(await db.outboxEmail.count({ where: { participationId, template: 'withdrawal' } })).toBe(0)
		expect(await db.withdrawalProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({
			status: 'rejected',
			decidedById: colleague.id,
			decisionNote: why,
			withdrawalId: null,
		})
		const audit = await db.auditEvent.findFirstOrThrow({
			where: { action: 'withdrawal.reject_proposal', entityId: proposal.id },
		})
		expect(audit).toMatchObject({ actorUserId: colleague.id, reason: why })
		// The finding stays on the interview; the history says how the sample ended and why.
		expect((await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).outcome).toBe(
			'incorrect_qualification',
		)
		expect(
			await db.participationTransition.findMany({
				where: { participationId, event: 'sample_withdrawal_rejected' },
				select: { fromState: true, toState: true, note: true, actorUserId: true },
			}),
		).toEqual([{ fromState: 'sampled', toState: 'confirmed', note: why, actorUserId: colleague.id }])
		expect(
			await db.auditEvent.findFirstOrThrow({
				where: { participationId, action: 'participation.sample_withdrawal_rejected' },
			}),
		).toMatchObject({ actorUserId: colleague.id, reason: why })
		// The sample page counts the carrier as done.
		const samplePage = (await callLoader(sampleRoute, `/medewerkers/steekproef?jaar=${year}`, {}, colleagueCookie))
			.value as { samples: { done: number; members: { participation: { id: string; state: string } }[] }[] }
		expect(samplePage.samples).toHaveLength(1)
		expect(samplePage.samples[0]).toMatchObject({
			done: 1,
			members: [{ participation: { id: participationId, state: 'confirmed' } }],
		})
		// The interview page shows the rejection and why.
		const page = dataOf<OutcomePage>((await callLoader(outcomeRoute, path, params, colleagueCookie)).value).data
		expect(page.proposal).toMatchObject({ status: 'rejected', decisionNote: why })
	})

	it('with four-eyes off the outcome withdraws at once, without a proposal', async () => {
		const year = 2043
		const recorder = await createUser({ staffRole: 'assessor' })
		const cookie = await sessionCookieFor(recorder.id)
		const { participationId, interview, path, params } = await sampledCarrier(year, 'Vier Ogen Uit', recorder.id)
		await db.markYear.update({ where: { year }, data: { fourEyesWithdrawal: false } })
		const fields = {
			outcome: 'incorrect_qualification',
			version: String(interview.version),
			notes: 'De beschreven werkwijze wordt niet toegepast.',
			effectiveOn: amsterdamDateOf(now()),
		}
		const page = dataOf<OutcomePage>(
			(
				await callLoader(
					outcomeRoute,
					`${path}?${new URLSearchParams({ stap: 'controleren', ...fields })}`,
					params,
					cookie,
				)
			).value,
		).data
		expect(page.fourEyes).toBe(false)
		expect(page.preview?.waitsForSecondPerson).toBe(false)
		const recorded = await callAction(outcomeRoute, path, params, fields, cookie)
		expect(recorded.response?.status, JSON.stringify(recorded.value)).toBe(302)
		expect(recorded.response?.headers.get('Location')).toContain(`/medewerkers/steekproef?jaar=${year}`)
		const after = await facts(participationId)
		expect(after.state).toBe('withdrawn')
		expect(after.withdrawals[0]).toMatchObject({ reason: 'incorrect_qualification', decidedById: recorder.id })
		expect(after.agreements.some((agreement) => agreement.dissolvedAt !== null)).toBe(true)
		expect(await db.withdrawalProposal.count({ where: { participationId } })).toBe(0)
	})

	it('a withdrawal already proposed for the carrier is not proposed twice: the outcome is refused, nothing stored', async () => {
		const year = 2044
		const recorder = await createUser({ staffRole: 'admin' })
		const cookie = await sessionCookieFor(recorder.id)
		const { participationId, interview, path, params } = await sampledCarrier(year, 'Vier Ogen Dubbel', recorder.id)
		await db.withdrawalProposal.create({
			data: {
				participationId,
				reason: 'provider_request',
				effectiveOn: amsterdamDateOf(now()),
				explanation: 'Op verzoek.',
				proposedById: recorder.id,
				proposedAt: now(),
			},
		})
		const refused = await callAction(
			outcomeRoute,
			path,
			params,
			{
				outcome: 'incorrect_qualification',
				version: String(interview.version),
				notes: '',
				effectiveOn: amsterdamDateOf(now()),
			},
			cookie,
		)
		expect(dataOf(refused.value).status).toBe(409)
		expect((await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).outcome).toBeNull()
		expect(await db.withdrawalProposal.count({ where: { participationId } })).toBe(1)
	})
})
