// A whole mark year driven by the scheduled jobs at the moments they are meant for, with a real
// SMTP server: exactly the expected messages reach the expected people, each once — also when
// every job runs twice at the same moment, and when the SMTP server is down for a while.
//
// Year Y = 2061. The cast:
//   A  carrier of Y-1 — offered Y in May by the job, signs, listed 1 January, reminded once (30 days),
//      submits, qualifies; reports its Y-1 turnover after a reminder, is invoiced, never pays.
//   B  applies for Y, signs, listed 1 January, never submits: reminded 30/14/7/1 days, withdrawn 1 April.
//   C  re-applicant: signs, not listed on 1 January, qualifies in March, listed from 1 April.
//   D  applies, never signs: three agreement reminders, the application lapses on 1 April.
//   E  carrier of Y-1 — declines the renewal, reports its small Y-1 turnover in time, pays the minimum fee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { runAllJobs } from '#app/jobs/runner.server.ts'
import { JOB_NAMES } from '#app/jobs/types.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createQualifiedParticipation, reportTurnover } from '#app/lib/test-fixtures/fees.server.ts'
import type { Actor } from '#app/services/audit.server.ts'
import { markInvoicePaid } from '#app/services/invoices.server.ts'
import { createMailTransport, drainOutbox } from '#app/services/mail/worker.server.ts'
import { createParticipation, runParticipationEvent } from '#app/services/participation.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { pdfText, startTestSmtp, type TestSmtp } from '#test/fixtures/mail-smtp.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'

const Y = 2061
const at = (date: string, hour = 0, minute = 5) => amsterdamInstant(date, { hour, minute })

let smtp: TestSmtp
beforeAll(async () => {
	smtp = await startTestSmtp()
})
afterAll(async () => {
	await smtp.stop()
})

type Cast = 'A' | 'B' | 'C' | 'D' | 'E'

describe('a mark year driven by the scheduled jobs', () => {
	it('sends exactly the expected mails to the expected people, once, through an SMTP outage', async () => {
		// The previous year's fee rate is 1,85 % (settings of the year, DOMAIN.md §6).
		await ensureMarkYear(Y - 1, { feeRateBp: 185 })
		await ensureMarkYear(Y)
		const staff = await createUser({ staffRole: 'admin' })
		const staffActor: Actor = { type: 'staff', userId: staff.id }
		const cast = {} as Record<Cast, { providerId: string; memberId: string; addresses: string[] }>
		for (const key of ['A', 'B', 'C', 'D', 'E'] as const) {
			const { provider, user } = await createProviderWithMember({ providerName: `Praktijk ${key} & Zn.` })
			cast[key] = {
				providerId: provider.id,
				memberId: user.id,
				addresses: [provider.email.toLowerCase(), user.email.toLowerCase()],
			}
		}
		const actorOf = (key: Cast): Actor => ({ type: 'provider', userId: cast[key].memberId })
		const previousA = await createQualifiedParticipation({ providerId: cast.A.providerId, year: Y - 1 })
		const previousE = await createQualifiedParticipation({ providerId: cast.E.providerId, year: Y - 1 })

		const transport = createMailTransport(smtp.url)
		let outboxSize = 0
		let moments = 0
		/** Every job, twice at the same moment: the second run changes nothing and queues no mail. */
		async function jobsAt(moment: Date, { deliver = true } = {}) {
			setClock(moment)
			await runAllJobs({ at: moment })
			const afterFirst = await db.outboxEmail.count()
			const second = await runAllJobs({ at: moment })
			expect(await db.outboxEmail.count(), `second run at ${moment.toISOString()}`).toBe(afterFirst)
			for (const [name, outcome] of Object.entries(second)) {
				expect(outcome.run.status, `${name} at ${moment.toISOString()}`).toBe('succeeded')
				const summary = outcome.ran ? outcome.summary : {}
				expect(summary.changed ?? 0, `${name} changed something the second time`).toBe(0)
			}
			outboxSize = afterFirst
			moments += 1
			if (deliver) await drainOutbox(transport)
		}
		async function participationOf(key: Cast, year = Y) {
			return db.participation.findUniqueOrThrow({
				where: { providerId_year: { providerId: cast[key].providerId, year } },
			})
		}
		async function event(
			key: Cast,
			type: 'offer_agreement' | 'sign_agreement' | 'decline_agreement' | 'qualify' | 'submit_self_evaluation',
			actor: Actor = actorOf(key),
		) {
			const participation = await participationOf(key)
			if (type === 'submit_self_evaluation')
				await db.selfEvaluationRound.create({ data: { participationId: participation.id, number: 1 } })
			const result = await runParticipationEvent(participation.id, { type }, actor)
			expect(result, `${key} ${type}`).toMatchObject({ ok: true, changed: true })
		}
		async function apply(key: Cast, isReapplicant = false) {
			const result = await db.$transaction((tx) =>
				createParticipation(tx, {
					providerId: cast[key].providerId,
					year: Y,
					start: { origin: 'application', isReapplicant },
					actor: actorOf(key),
				}),
			)
			expect(result.ok).toBe(true)
			await event(key, 'offer_agreement', staffActor)
		}

		// ── May, Y-1: the renewal offers go out; E declines, A signs; the fee rate for Y is published.
		await jobsAt(at(`${Y - 1}-05-01`))
		setClock(at(`${Y - 1}-05-10`, 10))
		await event('E', 'decline_agreement')
		setClock(at(`${Y - 1}-05-20`, 10))
		await event('A', 'sign_agreement')
		await db.markYear.update({ where: { year: Y }, data: { feeRatePublishedAt: at(`${Y - 1}-05-25`, 14) } })
		await jobsAt(at(`${Y - 1}-05-26`))

		// ── June – October, Y-1: B, C (a re-applicant) and D apply and are offered the agreement.
		setClock(at(`${Y - 1}-06-15`, 10))
		await apply('B')
		setClock(at(`${Y - 1}-07-01`, 10))
		await event('B', 'sign_agreement')
		setClock(at(`${Y - 1}-09-01`, 10))
		await apply('C', true)
		setClock(at(`${Y - 1}-09-02`, 10))
		await event('C', 'sign_agreement')
		setClock(at(`${Y - 1}-10-20`, 10))
		await apply('D')
		await jobsAt(at(`${Y - 1}-11-03`)) // D: 14 days after the offer
		await jobsAt(at(`${Y - 1}-12-25`)) // D: a week before 1 January

		// ── 1 January: A and B are listed, C (re-applicant) is not.
		await jobsAt(at(`${Y}-01-01`))
		expect((await participationOf('A')).state).toBe('listed')
		expect((await participationOf('B')).state).toBe('listed')
		expect((await participationOf('C')).state).toBe('agreement_signed')

		// ── February: the Y-1 turnover. E reports in time; A is reminded and reports late.
		setClock(at(`${Y}-02-10`, 10))
		await reportTurnover({
			participationId: previousE.id,
			amountCents: 3_000_00n,
			reportedById: cast.E.memberId,
			at: at(`${Y}-02-10`, 10),
		})
		await jobsAt(at(`${Y}-02-16`))
		await reportTurnover({
			participationId: previousA.id,
			amountCents: 54_010_00n,
			reportedById: cast.A.memberId,
			at: at(`${Y}-02-20`, 10),
		})

		// ── 1 March: 30 days before the deadline, and A's invoice (E's went out on 16 February).
		await jobsAt(at(`${Y}-03-01`))
		setClock(at(`${Y}-03-05`, 10))
		await event('A', 'submit_self_evaluation')
		setClock(at(`${Y}-03-06`, 10))
		await event('C', 'submit_self_evaluation')
		setClock(at(`${Y}-03-10`, 10))
		await event('C', 'qualify', staffActor)
		const invoiceE = await db.invoice.findFirstOrThrow({ where: { participationId: previousE.id } })
		await markInvoicePaid(invoiceE.id, `${Y}-03-10`, staffActor)
		setClock(at(`${Y}-03-12`, 10))
		await event('A', 'qualify', staffActor)

		// ── The countdown for B (and the last call for D).
		await jobsAt(at(`${Y}-03-17`))
		await jobsAt(at(`${Y}-03-24`))
		await jobsAt(at(`${Y}-03-30`))

		// ── 1 April: the SMTP server is down when the run comes. A's invoice (due 31 March) is overdue.
		await smtp.stop()
		await jobsAt(at(`${Y}-04-01`))
		const waiting = await db.outboxEmail.findMany({ where: { status: { not: 'sent' } } })
		expect(waiting.length).toBeGreaterThan(0)
		expect(waiting.every((row) => row.status === 'pending' && row.attempts === 1 && row.lastError)).toBe(true)
		expect((await participationOf('B')).state).toBe('withdrawn')
		expect((await participationOf('D')).state).toBe('withdrawn')
		const withdrawalB = await db.withdrawal.findFirstOrThrow({
			where: { participationId: (await participationOf('B')).id },
		})
		expect(withdrawalB.effectiveAt.toISOString()).toBe(amsterdamInstant(`${Y}-04-01`).toISOString())
		await smtp.start()

		// ── May: the SMTP server is back; the waiting mail (A's overdue notice among it) goes out once.
		await jobsAt(at(`${Y}-05-02`))
		await jobsAt(at(`${Y}-05-20`))

		// Everything in the outbox was delivered, each message once.
		const outbox = await db.outboxEmail.findMany()
		expect(outbox).toHaveLength(outboxSize)
		expect(outbox.filter((row) => row.status !== 'sent')).toEqual([])
		expect(smtp.received).toHaveLength(outbox.length)
		expect(new Set(smtp.received.map((mail) => mail.mail.messageId)).size).toBe(outbox.length)

		// Exactly the expected messages to the expected people.
		const discriminator = (mail: { template: string; subject: string }) => {
			if (mail.template === 'qualification_reminder')
				return /^Nog (\d+) dagen/.exec(mail.subject)?.[1] ?? (mail.subject.startsWith('Morgen') ? '1' : '?')
			if (mail.template === 'agreement_reminder') {
				return mail.subject.startsWith('Laatste')
					? 'last_call'
					: mail.subject.startsWith('Nog één week')
						? 'before_listing'
						: 'follow_up'
			}
			if (mail.template === 'withdrawal') return mail.subject.includes('vervallen') ? 'lapsed' : 'withdrawn'
			if (mail.template === 'turnover_reminder') return mail.subject.startsWith('Herinnering') ? 'overdue' : 'upcoming'
			return ''
		}
		const received = smtp.received.map((mail) => {
			const owner =
				(Object.keys(cast) as Cast[]).find((key) => cast[key].addresses.includes(mail.to[0] as string)) ?? mail.to[0]
			return [owner, mail.template, discriminator(mail)].filter(Boolean).join(' ')
		})
		const expected: Record<Cast, string[]> = {
			A: [
				'agreement_offered',
				'agreement_signed',
				'fee_rate_published',
				'listed',
				'turnover_reminder upcoming',
				'qualification_reminder 30',
				'invoice_issued',
				'self_evaluation_received',
				'qualified',
				'invoice_overdue',
			],
			B: [
				'application_received',
				'agreement_offered',
				'agreement_signed',
				'listed',
				'qualification_reminder 30',
				'qualification_reminder 14',
				'qualification_reminder 7',
				'qualification_reminder 1',
				'withdrawal withdrawn',
			],
			C: [
				'application_received',
				'agreement_offered',
				'agreement_signed',
				'qualification_reminder 30',
				'self_evaluation_received',
				'qualified',
				'reapplicant_listed',
			],
			D: [
				'application_received',
				'agreement_offered',
				'agreement_reminder follow_up',
				'agreement_reminder before_listing',
				'agreement_reminder last_call',
				'withdrawal lapsed',
			],
			E: ['agreement_offered', 'fee_rate_published', 'invoice_issued'],
		}
		// Every message goes to the organisation's address and to its primary contact.
		const expectedList = (Object.keys(expected) as Cast[]).flatMap((key) =>
			expected[key].flatMap((what) => [`${key} ${what}`, `${key} ${what}`]),
		)
		expect([...received].sort()).toEqual([...expectedList].sort())
		for (const mail of smtp.received) expect(mail.to).toHaveLength(1)

		// The invoices arrive as PDFs whose amounts follow the fee rule: 54 010,00 × 1,85 % = 999,185
		// → € 999,19 (half a cent up); E's 3 000,00 × 1,85 % = 55,50 is below the minimum → € 75,00.
		const invoiceMail = (key: Cast) =>
			smtp.received.find(
				(mail) => mail.template === 'invoice_issued' && cast[key].addresses.includes(mail.to[0] as string),
			)
		const pdfA = pdfText(invoiceMail('A')?.mail.attachments[0]?.content as Buffer)
		expect(pdfA).toContain(`Praktijk A & Zn.`)
		expect(pdfA).toContain('€ 54.010,00')
		expect(pdfA).toContain('1,85 %')
		expect(/Te betalen\s+€ 999,19/.test(pdfA)).toBe(true)
		expect(pdfA).toContain(`31 maart ${Y}`)
		const pdfE = pdfText(invoiceMail('E')?.mail.attachments[0]?.content as Buffer)
		expect(pdfE).toContain('€ 55,50')
		expect(/Te betalen\s+€ 75,00/.test(pdfE)).toBe(true)
		expect(invoiceMail('A')?.mail.text).toContain('€ 999,19')
		// The overdue notice carries the invoice again; the qualified mail carries the certificate.
		const overdue = smtp.received.find((mail) => mail.template === 'invoice_overdue')
		expect(overdue?.mail.attachments[0]?.filename).toMatch(/^factuur-KIBG-F-2061-000\d\.pdf$/)
		const qualifiedC = smtp.received.find(
			(mail) => mail.template === 'qualified' && cast.C.addresses.includes(mail.to[0] as string),
		)
		expect(pdfText(qualifiedC?.mail.attachments[0]?.content as Buffer)).toContain('Keurmerkcertificaat')

		// Dates and names in the messages themselves.
		const textOf = (key: Cast, template: string, which = '') =>
			smtp.received.find(
				(mail) =>
					mail.template === template &&
					discriminator(mail) === which &&
					cast[key].addresses.includes(mail.to[0] as string),
			)?.mail.text ?? ''
		expect(textOf('B', 'qualification_reminder', '7')).toContain(`31 maart ${Y}`)
		expect(textOf('B', 'qualification_reminder', '7')).toContain('Beste Praktijk B & Zn.,')
		expect(textOf('B', 'withdrawal', 'withdrawn')).toContain(`1 april ${Y}`)
		expect(textOf('C', 'qualification_reminder', '30')).toContain('vervalt uw deelname')
		expect(textOf('C', 'reapplicant_listed')).toContain(`1 april ${Y}`)
		expect(textOf('D', 'agreement_reminder', 'before_listing')).toContain(`31 december ${Y - 1}`)
		expect(textOf('A', 'fee_rate_published')).toContain('1,70 %')

		// The runs are on record: one per job per moment and trigger, all succeeded.
		const runs = await db.jobRun.findMany()
		expect(runs.every((run) => run.status === 'succeeded')).toBe(true)
		expect(runs.length).toBe(2 * JOB_NAMES.length * moments)
		// The time it takes: every one of the 16 jobs runs twice at 13 moments (416 runs, half of their
		// time the daily ANALYZE of the embedded database in purge-sessions: all of them are the jobs as
		// they run) and about 90 messages with their PDFs go through SMTP. About 35 s on PGlite on a
		// loaded 2-core machine (load 11), over the project's 60 s when the machine is busier.
	}, 240_000)
})
