// The sample interview's outcome through its confirmation page (issue 12 §5): the preview shows
// the new state, the register effect and the effective day the assessor chose (never silently
// today), the mail and the letter as the provider receives them, and changes nothing; the
// confirmation records exactly that. An incorrect qualification without a day, or backdated, is
// refused with nothing stored. Here the year has four-eyes for withdrawals off (the outcome
// withdraws at once); with it on, see sample-outcome-four-eyes.test.ts.
import { describe, expect, it } from 'vitest'
import * as outcomeRoute from '#app/routes/staff/sample-outcome.tsx'
import * as letterRoute from '#app/routes/staff/sample-outcome-letter.ts'
import * as sampleRoute from '#app/routes/staff/sample.tsx'
import { addDays, amsterdamDateOf, startOfDay } from '#app/domain/amsterdam-time.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { readStoredFile } from '#app/lib/storage.server.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { pdfText } from '#test/fixtures/mail-smtp.ts'
import { pdfFlatText } from '#test/fixtures/pdf.ts'
import { dataOf, sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'
import { sampledCarrier } from './sample-helpers.ts'

const year = 2038

type Page = {
	preview: {
		before: { state: string }
		after: {
			state: string
			listedUntil: string | Date | null
			withdrawal: { reason: string; effectiveAt: Date } | null
		}
		mails: { subject: string; text: string; toAddress: string }[]
		documents: { kind: string; name: string }[]
	} | null
	failure: { success: false; fieldErrors: Record<string, string[]>; formErrors: string[] } | null
}

describe('the sample outcome confirmation page', () => {
	it('previews and then records an incorrect qualification per the chosen day', async () => {
		const staff = await createUser({ staffRole: 'assessor', name: 'Sanne Steekproef' })
		const cookie = await sessionCookieFor(staff.id)
		const { participationId, interview } = await sampledCarrier(year, 'Steekproef Onterecht', staff.id, {
			fourEyesWithdrawal: false,
		})
		const path = `/medewerkers/steekproef/gesprek/${interview.id}`
		const params = { interviewId: interview.id }
		const today = amsterdamDateOf(now())
		const day = addDays(today, 14)
		const query = (fields: Record<string, string>) =>
			`${path}?${new URLSearchParams({ stap: 'controleren', ...fields })}`
		const outboxBefore = await db.outboxEmail.count({ where: { participationId } })

		// Step 1: no preview, no default day.
		const first = dataOf<Page & { today: string }>((await callLoader(outcomeRoute, path, params, cookie)).value)
		expect(first.data.preview).toBeNull()
		expect(first.data.today).toBe(today)

		// An incorrect qualification needs a day.
		const noDay = dataOf<Page>(
			(
				await callLoader(
					outcomeRoute,
					query({ outcome: 'incorrect_qualification', version: String(interview.version), notes: '' }),
					params,
					cookie,
				)
			).value,
		)
		expect(noDay.status).toBe(400)
		expect(noDay.data.failure?.fieldErrors.effectiveOn).toEqual(['staff.errorDateRequired'])

		// Step 2: exactly what happens, and nothing has happened yet.
		const fields = {
			outcome: 'incorrect_qualification',
			version: String(interview.version),
			notes: 'In het gesprek bleek dat er geen werkafspraken met huisartsen zijn.',
			effectiveOn: day,
		}
		const previewed = dataOf<Page>((await callLoader(outcomeRoute, query(fields), params, cookie)).value)
		expect(previewed.status).toBe(200)
		const preview = previewed.data.preview!
		expect(preview.before.state).toBe('sampled')
		expect(preview.after.state).toBe('withdrawn')
		expect(preview.after.withdrawal?.reason).toBe('incorrect_qualification')
		expect(new Date(preview.after.withdrawal!.effectiveAt).toISOString()).toBe(startOfDay(day).toISOString())
		expect(new Date(preview.after.listedUntil!).toISOString()).toBe(startOfDay(day).toISOString())
		expect(preview.mails.length).toBeGreaterThan(0)
		expect(preview.documents.map((document) => document.kind)).toContain('withdrawal_letter')
		expect((await db.participation.findUniqueOrThrow({ where: { id: participationId } })).state).toBe('sampled')
		expect((await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).outcome).toBeNull()
		expect(await db.outboxEmail.count({ where: { participationId } })).toBe(outboxBefore)

		// The letter of the preview, as the provider would receive it.
		const letter = await callLoader(letterRoute, query(fields), params, cookie)
		expect(letter.response?.headers.get('Content-Type')).toBe('application/pdf')
		const text = pdfFlatText(new Uint8Array(await letter.response!.arrayBuffer()))
		expect(text).toContain('geen werkafspraken met huisartsen')

		// Backdated: refused, nothing stored.
		const backdated = await callAction(
			outcomeRoute,
			path,
			params,
			{ ...fields, effectiveOn: addDays(today, -1) },
			cookie,
		)
		expect(dataOf(backdated.value).status).toBe(400)
		expect((await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).outcome).toBeNull()

		// Step 3: confirmed, as previewed.
		const confirmed = await callAction(outcomeRoute, path, params, fields, cookie)
		expect(confirmed.response?.status, JSON.stringify(confirmed.value)).toBe(302)
		expect(confirmed.response?.headers.get('Location')).toContain(`/medewerkers/steekproef?jaar=${year}`)
		const after = await db.participation.findUniqueOrThrow({
			where: { id: participationId },
			include: { withdrawals: true },
		})
		expect(after.state).toBe('withdrawn')
		expect(after.withdrawals[0]?.effectiveAt.toISOString()).toBe(startOfDay(day).toISOString())
		expect(after.listedUntil?.toISOString()).toBe(startOfDay(day).toISOString())
		const mails = await db.outboxEmail.findMany({ where: { participationId }, orderBy: { createdAt: 'asc' } })
		expect(mails.slice(outboxBefore).map((mail) => mail.subject)).toEqual(preview.mails.map((mail) => mail.subject))
		const audit = await db.auditEvent.findFirstOrThrow({
			where: { action: 'interview.outcome', entityId: interview.id },
		})
		expect(audit.actorUserId).toBe(staff.id)
		expect(audit.after).toMatchObject({ outcome: 'incorrect_qualification', effectiveOn: day })

		// Decided: the page shows the outcome, a second confirmation is refused.
		const again = await callAction(outcomeRoute, path, params, fields, cookie)
		expect(dataOf(again.value).status).toBe(409)
	})

	it('a confirmed sample: the state moves on, no mail, no letter; the sample page no longer records outcomes', async () => {
		const staff = await createUser({ staffRole: 'assessor' })
		const cookie = await sessionCookieFor(staff.id)
		const { participationId, interview } = await sampledCarrier(year, 'Steekproef Bevestigd', staff.id, {
			fourEyesWithdrawal: false,
		})
		const path = `/medewerkers/steekproef/gesprek/${interview.id}`
		const params = { interviewId: interview.id }
		const fields = { outcome: 'confirmed', version: String(interview.version), notes: 'Klopt met de zelfevaluatie.' }

		const previewed = dataOf<Page>(
			(
				await callLoader(
					outcomeRoute,
					`${path}?${new URLSearchParams({ stap: 'controleren', ...fields })}`,
					params,
					cookie,
				)
			).value,
		)
		expect(previewed.data.preview).toMatchObject({ before: { state: 'sampled' }, after: { state: 'confirmed' } })
		expect(previewed.data.preview?.documents).toEqual([])

		// The old one-click outcome on the sample page is gone.
		const direct = await callAction(
			sampleRoute,
			'/medewerkers/steekproef',
			{},
			{ intent: 'outcome', interviewId: interview.id, ...fields },
			cookie,
		)
		expect(direct.response?.status).toBe(404)
		expect((await db.participation.findUniqueOrThrow({ where: { id: participationId } })).state).toBe('sampled')

		const confirmed = await callAction(outcomeRoute, path, params, fields, cookie)
		expect(confirmed.response?.status, JSON.stringify(confirmed.value)).toBe(302)
		expect((await db.participation.findUniqueOrThrow({ where: { id: participationId } })).state).toBe('confirmed')
	})

	it('the letter and mail previewed are the ones sent: the same text, read back with pdftotext', async () => {
		const staff = await createUser({ staffRole: 'assessor', name: 'Pim Proefbrief' })
		const cookie = await sessionCookieFor(staff.id)
		const { participationId, interview } = await sampledCarrier(year, 'Steekproef Brief', staff.id, {
			fourEyesWithdrawal: false,
		})
		const path = `/medewerkers/steekproef/gesprek/${interview.id}`
		const params = { interviewId: interview.id }
		const fields = {
			outcome: 'incorrect_qualification',
			version: String(interview.version),
			notes: 'De beschreven evaluatie met cliënten gebeurt in de praktijk niet.',
			effectiveOn: addDays(amsterdamDateOf(now()), 7),
		}
		const query = `${path}?${new URLSearchParams({ stap: 'controleren', ...fields })}`
		const page = dataOf<Page>((await callLoader(outcomeRoute, query, params, cookie)).value).data
		const letter = await callLoader(letterRoute, query, params, cookie)
		const previewed = pdfText(new Uint8Array(await letter.response!.arrayBuffer()))
		// The letter is signed by the person who decides and carries their notes.
		expect(previewed).toContain('Pim Proefbrief')
		expect(previewed).toContain('gebeurt in de praktijk niet')
		const mailsBefore = new Set(
			(await db.outboxEmail.findMany({ where: { participationId }, select: { id: true } })).map((mail) => mail.id),
		)

		const confirmed = await callAction(outcomeRoute, path, params, fields, cookie)
		expect(confirmed.response?.status, JSON.stringify(confirmed.value)).toBe(302)
		const withdrawal = await db.withdrawal.findFirstOrThrow({
			where: { participationId },
			include: { letterFile: true },
		})
		expect(pdfText(await readStoredFile(withdrawal.letterFile!))).toBe(previewed)
		const sent = (await db.outboxEmail.findMany({ where: { participationId }, orderBy: { toAddress: 'asc' } })).filter(
			(mail) => !mailsBefore.has(mail.id),
		)
		expect(sent.length).toBeGreaterThan(0)
		expect(sent.map((mail) => [mail.subject, mail.text])).toEqual(
			page.preview!.mails.map((mail) => [mail.subject, mail.text]),
		)
	})
})
