// "Mail me when it opens" (issue 13) at the level the visitor meets it: the form on /aanmelden
// outside the window, the confirmation with its unsubscribe link delivered to a real SMTP server,
// the scheduled run on the day the window opens (one mail, then the address is forgotten), and
// the unsubscribe page. The form answers the same for a new and a known address (issue 15).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { hashToken } from '#app/lib/crypto.server.ts'
import { db } from '#app/lib/db.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { action as applicationAction, loader as applicationLoader } from '#app/routes/provider/application.tsx'
import {
	action as unsubscribeAction,
	loader as unsubscribeLoader,
} from '#app/routes/provider/application-unsubscribe.tsx'
import { createMailTransport, drainOutbox } from '#app/services/mail/worker.server.ts'
import { startTestSmtp, type TestSmtp } from '#test/fixtures/mail-smtp.ts'
import { dataOf, formRequest, getRequest, routeArgs, settle } from '#test/fixtures/requests.ts'

const YEAR = 2063
const at = (date: string, hour = 10) => amsterdamInstant(date, { hour })
type AppArgs = Parameters<typeof applicationAction>[0]
type UnsubscribeArgs = Parameters<typeof unsubscribeAction>[0]
const args = <T>(request: Request, params: Record<string, string> = {}) => routeArgs<T>(request, params, '198.51.100.9')

let smtp: TestSmtp
beforeAll(async () => {
	await ensureMarkYear(YEAR)
	await db.markYear.update({ where: { year: YEAR }, data: { feeRatePublishedAt: at(`${YEAR - 1}-05-20`) } })
	smtp = await startTestSmtp()
})
afterAll(async () => {
	await smtp.stop()
})
beforeEach(() => {
	smtp.received.length = 0
	setClock(at(`${YEAR - 1}-05-25`))
})

async function subscribe(email: string) {
	return settle(() =>
		applicationAction(args<AppArgs>(formRequest('/aanmelden', { intent: 'subscribe', email, faxnummer: '' }))),
	)
}

describe('outside the application window', () => {
	it('shows what to prepare: dates, the published norms, the fee rate and the agreement', async () => {
		const page = await applicationLoader(args(getRequest('/aanmelden')))
		expect(page.open).toBeNull()
		expect(page.preparation).toMatchObject({
			year: YEAR,
			applicationOpensOn: `${YEAR - 1}-06-01`,
			applicationClosesOn: `${YEAR - 1}-10-31`,
			listingOn: `${YEAR}-01-01`,
			qualificationDeadline: `${YEAR}-03-31`,
			normsPublished: true,
			fee: { rateBp: 170, minimumFeeCents: 7500 },
		})
	})

	it('keeps an address once, answers a new and a known address alike, and mails the confirmation with a working unsubscribe link', async () => {
		const email = `wacht-${Date.now()}@praktijk.test`
		const first = await subscribe(email)
		const second = await subscribe(email.toUpperCase())
		const answer = (result: typeof first) => ({
			status: result.response?.status,
			location: result.response?.headers.get('location'),
		})
		expect(answer(first)).toEqual({ status: 302, location: '/aanmelden?bericht=1' })
		expect(answer(second)).toEqual(answer(first))
		expect(await db.applicationWindowSubscription.count({ where: { email } })).toBe(1)

		// Stored redacted (the token rests only as its hash); the real link goes out by SMTP.
		const stored = await db.outboxEmail.findMany({ where: { toAddress: email } })
		expect(stored.map((mail) => mail.template)).toEqual(['application_window_subscribed'])
		expect(stored[0]?.text).not.toMatch(/\/aanmelden\/afmelden\/[A-Za-z0-9_-]{20,}/)
		await drainOutbox(createMailTransport(smtp.url))
		const confirmation = smtp.received.find((mail) => mail.to.includes(email))
		expect(confirmation?.mail.text).toContain(`1 juni ${YEAR - 1}`)
		const token = /\/aanmelden\/afmelden\/([A-Za-z0-9_-]+)/.exec(confirmation?.mail.text ?? '')?.[1] ?? ''
		expect(token.length).toBeGreaterThan(20)
		const row = await db.applicationWindowSubscription.findUniqueOrThrow({ where: { email } })
		expect(row.tokenHash).toBe(hashToken(token))
		expect(row.tokenHash).not.toContain(token)

		const unsubscribe = (value: string) =>
			unsubscribeAction(args<UnsubscribeArgs>(formRequest(`/aanmelden/afmelden/${value}`, {}), { token: value }))
		// An unknown token of the right shape is answered the same and changes nothing.
		expect(await unsubscribe('o'.repeat(43))).toEqual({ done: true })
		expect(await db.applicationWindowSubscription.count({ where: { email } })).toBe(1)
		// Anything that cannot be one of our links is not found, on the page and on the button.
		for (const value of ['onbekend-token', `${token}x`, `${token.slice(0, 42)}.`, `${token.slice(0, 42)}%`, '']) {
			const posted = await settle(() => unsubscribe(value))
			expect(posted.response?.status, value).toBe(404)
			const shown = await settle(async () =>
				unsubscribeLoader(args<UnsubscribeArgs>(getRequest(`/aanmelden/afmelden/${value}`), { token: value })),
			)
			expect(shown.response?.status, value).toBe(404)
		}
		expect(await db.applicationWindowSubscription.count({ where: { email } })).toBe(1)
		expect(await unsubscribe(token)).toEqual({ done: true })
		expect(await db.applicationWindowSubscription.count({ where: { email } })).toBe(0)
	})

	it('refuses an invalid address in Dutch and stores nothing', async () => {
		const { value } = await subscribe('geen-adres')
		const { data, status } = dataOf<{ fieldErrors: Record<string, string[]> }>(value)
		expect(status).toBe(400)
		expect(data.fieldErrors.email).toEqual(['auth.errorEmailInvalid'])
		expect(await db.applicationWindowSubscription.count({ where: { email: 'geen-adres' } })).toBe(0)
	})

	it('mails every subscriber once when the window opens, then forgets the address', async () => {
		const emails = [`een-${Date.now()}@praktijk.test`, `twee-${Date.now()}@praktijk.test`]
		for (const email of emails) await subscribe(email)

		// The day before the window: nothing.
		setClock(at(`${YEAR - 1}-05-31`, 12))
		await runJob('application-window-opened', { at: at(`${YEAR - 1}-05-31`, 12) })
		expect(await db.outboxEmail.count({ where: { template: 'application_window_opened' } })).toBe(0)

		setClock(at(`${YEAR - 1}-06-01`, 7))
		const run = await runJob('application-window-opened', { at: at(`${YEAR - 1}-06-01`, 7) })
		expect(run).toMatchObject({ ran: true })
		const opened = await db.outboxEmail.findMany({ where: { template: 'application_window_opened' } })
		expect(opened.map((mail) => mail.toAddress).sort()).toEqual([...emails].sort())
		expect(opened[0]?.text).toContain(`31 oktober ${YEAR - 1}`)
		expect(opened[0]?.text).toContain(`/normen/${YEAR}`)
		expect(await db.applicationWindowSubscription.count({ where: { email: { in: emails } } })).toBe(0)

		// A second run (the next day, or by hand) sends nothing more.
		setClock(at(`${YEAR - 1}-06-02`, 7))
		await runJob('application-window-opened', { at: at(`${YEAR - 1}-06-02`, 7) })
		expect(await db.outboxEmail.count({ where: { template: 'application_window_opened' } })).toBe(2)

		// Inside the window the form is on the page: a late subscription stores nothing.
		await subscribe(`laat-${Date.now()}@praktijk.test`)
		expect(await db.applicationWindowSubscription.count()).toBe(0)
	})
})
