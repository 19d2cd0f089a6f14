// The fee, mail and job screens at the level users meet them: real Requests through the route
// modules — permissions (404 for anyone who may not see), filters, forms, downloads, the CSV for
// the bookkeeper and the calendar feed.
import { describe, expect, it } from 'vitest'
import { amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { createQualifiedParticipation, reportTurnover } from '#app/lib/test-fixtures/fees.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { loader as invoicePdfLoader } from '#app/routes/provider/invoice-pdf.ts'
import { loader as calendarLoader } from '#app/routes/public/calendar-feed.ts'
import { action as detailAction, loader as detailLoader } from '#app/routes/staff/invoices.detail.tsx'
import { loader as exportLoader } from '#app/routes/staff/invoices.export.ts'
import { loader as staffPdfLoader } from '#app/routes/staff/invoices.pdf.ts'
import { loader as invoicesLoader } from '#app/routes/staff/invoices.tsx'
import { action as turnoverAction, loader as turnoverLoader } from '#app/routes/staff/invoices.turnover-detail.tsx'
import { action as jobsAction, loader as jobsLoader } from '#app/routes/staff/jobs.tsx'
import { action as messageAction, loader as messageLoader } from '#app/routes/staff/mail.message.tsx'
import { loader as messageHtmlLoader } from '#app/routes/staff/mail.html.ts'
import { loader as outboxLoader } from '#app/routes/staff/mail.tsx'
import { systemActor } from '#app/services/audit.server.ts'
import { calendarFeedUrl, resetCalendarToken } from '#app/services/calendar-feed.server.ts'
import { issueInvoice } from '#app/services/invoices.server.ts'
import { createParticipation, runParticipationEvent } from '#app/services/participation.server.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import {
	cookiesFrom,
	dataOf,
	formRequest,
	getRequest,
	routeArgs,
	sessionCookieFor,
	settle,
} from '#test/fixtures/requests.ts'
import { jobs } from '#app/jobs/index.server.ts'
import { takeToast } from '#app/lib/toast.server.ts'
import { refusalError } from '#app/domain/errors.ts'
import { translate } from '#app/i18n/translate.ts'

type Args = Parameters<typeof invoicesLoader>[0]
const args = <T = Args>(request: Request, params: Record<string, string> = {}) => routeArgs<T>(request, params)
const at = (date: string, hour = 10) => amsterdamInstant(date, { hour })

async function invoiced(year: number, turnoverCents: bigint, name: string) {
	await ensureMarkYear(year)
	const { provider, user } = await createProviderWithMember({ providerName: name })
	const participation = await createQualifiedParticipation({ providerId: provider.id, year })
	await reportTurnover({
		participationId: participation.id,
		amountCents: turnoverCents,
		reportedById: user.id,
		at: at(`${year + 1}-02-01`),
	})
	const issuedAt = at(`${year + 1}-03-02`, 9)
	setClock(issuedAt)
	const result = await db.$transaction((tx) => issueInvoice(tx, participation.id, systemActor, issuedAt))
	if (!result.issued) throw refusalError(result.refusal)
	return { provider, user, participation, invoice: result.invoice }
}

async function cookies() {
	const admin = await createUser({ staffRole: 'admin' })
	const assessor = await createUser({ staffRole: 'assessor' })
	return { admin, adminCookie: await sessionCookieFor(admin.id), assessorCookie: await sessionCookieFor(assessor.id) }
}

describe('staff invoice pages', () => {
	it('lists invoices with URL filters, and gives a provider member a 404', async () => {
		const open = await invoiced(2095, 100_000_00n, 'Praktijk Open')
		const late = await invoiced(2095, 3_000_00n, 'Praktijk Laat')
		const { adminCookie } = await cookies()
		setClock(at('2096-05-15'))
		await db.invoice.update({ where: { id: open.invoice.id }, data: { dueAt: amsterdamInstant('2096-06-01') } })

		const all = (await invoicesLoader(args(getRequest('/medewerkers/facturen?jaar=2095', adminCookie)))) as Awaited<
			ReturnType<typeof invoicesLoader>
		>
		expect(all.total).toBe(2)
		expect(all.counts).toMatchObject({ open: 1, overdue: 1, eligible: 1 })
		const overdue = await invoicesLoader(
			args(getRequest('/medewerkers/facturen?jaar=2095&status=overdue', adminCookie)),
		)
		expect(overdue.rows.map((row) => row.providerName)).toEqual(['Praktijk Laat'])
		expect(overdue.rows[0]).toMatchObject({
			status: 'overdue',
			daysOverdue: 44,
			eligibleForWithdrawal: true,
			amountCents: 7500,
		})
		const searched = await invoicesLoader(
			args(getRequest(`/medewerkers/facturen?q=${encodeURIComponent(late.invoice.number.toLowerCase())}`, adminCookie)),
		)
		expect(searched.rows.map((row) => row.number)).toEqual([late.invoice.number])
		// Nonsense in the URL falls back to no filter instead of failing.
		const nonsense = await invoicesLoader(
			args(getRequest('/medewerkers/facturen?jaar=abc&status=%3Cscript%3E&pagina=-4', adminCookie)),
		)
		expect(nonsense.page).toBe(1)

		const member = await sessionCookieFor(open.user.id)
		const { response } = await settle(() => invoicesLoader(args(getRequest('/medewerkers/facturen', member))))
		expect(response?.status).toBe(404)
	})

	it('sorts and filters invoices on the shared table through the URL; the CSV holds the same rows', async () => {
		const cees = await invoiced(2091, 10_000_00n, 'Praktijk Cees')
		const anna = await invoiced(2091, 90_000_00n, 'Praktijk Anna')
		const bram = await invoiced(2091, 50_000_00n, 'Praktijk Bram')
		const { adminCookie } = await cookies()
		setClock(at('2092-05-15'))
		await db.invoice.update({ where: { id: bram.invoice.id }, data: { status: 'paid', paidAt: at('2092-03-20') } })
		const list = async (search: string) => {
			const page = await invoicesLoader(args(getRequest(`/medewerkers/facturen?jaar=2091&${search}`, adminCookie)))
			return page.rows.map((row) => row.providerName)
		}
		expect(await list('sort=provider')).toEqual(['Praktijk Anna', 'Praktijk Bram', 'Praktijk Cees'])
		expect(await list('sort=-provider')).toEqual(['Praktijk Cees', 'Praktijk Bram', 'Praktijk Anna'])
		expect(await list('sort=-amount')).toEqual(['Praktijk Anna', 'Praktijk Bram', 'Praktijk Cees'])
		expect(await list('sort=amount')).toEqual(['Praktijk Cees', 'Praktijk Bram', 'Praktijk Anna'])
		// Several statuses are "any of"; an unknown sort or status is dropped, never passed on.
		expect(await list('status=paid&sort=provider')).toEqual(['Praktijk Bram'])
		expect(await list('status=overdue&status=paid&sort=provider')).toEqual([
			'Praktijk Anna',
			'Praktijk Bram',
			'Praktijk Cees',
		])
		expect(await list('status=eligible&status=paid&sort=provider')).toEqual([
			'Praktijk Anna',
			'Praktijk Bram',
			'Praktijk Cees',
		])
		expect(await list('status=bogus&sort=password')).toHaveLength(3)
		// A page beyond the end (an old link) shows the last page.
		const second = await invoicesLoader(
			args(getRequest('/medewerkers/facturen?jaar=2091&sort=provider&per=25&pagina=2', adminCookie)),
		)
		expect(second.page).toBe(1)
		expect(second.total).toBe(3)
		// The export parses the same query (in the bookkeeper's order, by invoice number).
		const response = (await exportLoader(
			args(getRequest('/medewerkers/facturen/export?jaar=2091&status=overdue&sort=provider', adminCookie)),
		)) as Response
		const lines = (await response.text()).split('\r\n').filter(Boolean)
		expect(lines.slice(1).map((line) => line.split(';')[3])).toEqual(['"Praktijk Cees"', '"Praktijk Anna"'])
		expect(response.headers.get('Content-Disposition')).toMatch(/facturen-2091-overdue-/)
		expect(
			[cees.invoice.number, anna.invoice.number].every((number) =>
				lines.some((line) => line.startsWith(`"${number}"`)),
			),
		).toBe(true)
	})

	it('exports the filtered invoices as Excel-ready CSV: BOM, semicolons, Dutch decimals', async () => {
		const { invoice, provider } = await invoiced(2097, 123_456_78n, 'Praktijk "Komma", Punt;')
		const { assessorCookie } = await cookies()
		const response = (await exportLoader(
			args(getRequest('/medewerkers/facturen/export?jaar=2097', assessorCookie)),
		)) as Response
		expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
		expect(response.headers.get('Content-Disposition')).toMatch(
			/attachment; filename="facturen-2097-\d{4}-\d{2}-\d{2}\.csv"/,
		)
		const bytes = new Uint8Array(await response.arrayBuffer())
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const lines = new TextDecoder().decode(bytes).split('\r\n') // the decoder consumes the BOM
		expect(lines[0]).toBe(
			'"Factuurnummer";"Factuurdatum";"Vervaldatum";"Aanbieder";"KvK-nummer";"Keurmerkjaar";"Omzet";"Afdrachtpercentage";"Minimale afdracht";"Bedrag";"Status";"Dagen over tijd";"Betaald op";"Creditnota";"Gecrediteerd op";"Reden creditering"',
		)
		expect(lines[1]).toBe(
			`"${invoice.number}";"02-03-2098";"01-04-2098";"Praktijk ""Komma"", Punt;";"${provider.kvkNumber}";"2097";"123456,78";"1,70";"75,00";"2098,77";"Openstaand";"";"";"";"";""`,
		)
		expect(lines).toHaveLength(3) // header, one invoice, the final CRLF
	})

	it('lets an admin record a payment and credit an invoice; an assessor gets a 404', async () => {
		const { invoice } = await invoiced(2099, 10_000_00n, 'Praktijk Betaalt')
		const { adminCookie, assessorCookie } = await cookies()
		setClock(at('2100-03-10'))
		const path = `/medewerkers/facturen/${invoice.id}`
		const forbidden = await settle(() =>
			detailAction(
				args(formRequest(path, { intent: 'paid', paidOn: '2100-03-09' }, assessorCookie), { invoiceId: invoice.id }),
			),
		)
		expect(forbidden.response?.status).toBe(404)

		const invalid = dataOf<{ fieldErrors: Record<string, string[]> }>(
			await detailAction(
				args(formRequest(path, { intent: 'paid', paidOn: '9 maart' }, adminCookie), { invoiceId: invoice.id }),
			),
		)
		expect(invalid.status).toBe(400)
		expect(invalid.data.fieldErrors.paidOn).toEqual(['fees.errorPaidOn'])
		const future = dataOf<{ formErrors: string[] }>(
			await detailAction(
				args(formRequest(path, { intent: 'paid', paidOn: '2100-03-11' }, adminCookie), { invoiceId: invoice.id }),
			),
		)
		expect(future.data.formErrors).toEqual(['De betaaldatum kan niet in de toekomst liggen.'])

		const { response } = await settle(() =>
			detailAction(
				args(formRequest(path, { intent: 'paid', paidOn: '2100-03-09' }, adminCookie), { invoiceId: invoice.id }),
			),
		)
		expect(response?.status).toBe(302)
		expect(response?.headers.get('Location')).toBe(path)
		const detail = await detailLoader(args(getRequest(path, assessorCookie), { invoiceId: invoice.id }))
		expect(detail.invoice).toMatchObject({ status: 'paid', amountCents: 17_000 })
		expect(detail.isAdmin).toBe(false)
		expect(detail.mails.map((mail) => mail.template)).toEqual(['invoice_issued', 'invoice_issued'])

		const noReason = dataOf<{ fieldErrors: Record<string, string[]> }>(
			await detailAction(
				args(formRequest(path, { intent: 'credit', reason: 'x' }, adminCookie), { invoiceId: invoice.id }),
			),
		)
		expect(noReason.data.fieldErrors.reason).toEqual(['fees.errorReasonRequired'])
		const credited = await settle(() =>
			detailAction(
				args(formRequest(path, { intent: 'credit', reason: 'Dubbel gefactureerd' }, adminCookie), {
					invoiceId: invoice.id,
				}),
			),
		)
		expect(credited.response?.status).toBe(302)
		const row = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })
		expect(row).toMatchObject({ status: 'credited', creditReason: 'Dubbel gefactureerd' })

		const note = (await staffPdfLoader(
			args(getRequest(`${path}/pdf?document=creditnota`, assessorCookie), { invoiceId: invoice.id }),
		)) as Response
		expect(note.headers.get('Content-Type')).toBe('application/pdf')
		expect(note.headers.get('Content-Disposition')).toContain(`creditnota-${row.creditNoteNumber}.pdf`)
	})

	it('corrects the turnover with a reason; Dutch amounts only, and a coded message for a dot', async () => {
		const { participation, invoice } = await invoiced(2093, 10_000_00n, 'Praktijk Corrigeert')
		const { adminCookie } = await cookies()
		setClock(at('2094-03-20'))
		const path = `/medewerkers/facturen/omzet/${participation.id}`
		const dot = dataOf<{ fieldErrors: Record<string, string[]>; values: Record<string, string> }>(
			await turnoverAction(
				args(
					formRequest(path, { intent: 'correct', amount: '12345.67', reason: 'Jaarrekening ontvangen' }, adminCookie),
					{ participationId: participation.id },
				),
			),
		)
		expect(dot.status).toBe(400)
		// A message key: the page shows it in the reader's language.
		expect(dot.data.fieldErrors.amount).toEqual(['refusals.amount_decimal_point'])
		expect(translate('nl', 'refusals.amount_decimal_point')).toBe(
			'Gebruik een komma voor de centen, bijvoorbeeld 1.234,56.',
		)
		expect(dot.data.values).toMatchObject({ amount: '12345.67', reason: 'Jaarrekening ontvangen' })

		const { response } = await settle(() =>
			turnoverAction(
				args(
					formRequest(
						path,
						{ intent: 'correct', amount: '€ 12.345,67', reason: 'Jaarrekening ontvangen' },
						adminCookie,
					),
					{ participationId: participation.id },
				),
			),
		)
		expect(response?.status).toBe(302)
		const page = await turnoverLoader(args(getRequest(path, adminCookie), { participationId: participation.id }))
		expect(page.history.map((report) => [report.amountCents, report.source, Boolean(report.supersededAt)])).toEqual([
			[1_234_567, 'staff_correction', false],
			[1_000_000, 'provider', true],
		])
		expect(page.mismatch).toBe(true)
		expect(page.canIssue).toBe(false)
		expect(page.fee?.feeCents).toBe(20_988)
		expect(invoice.number).toMatch(/^KIBG-F-2094-/)
	})
})

describe('provider invoice download', () => {
	it('serves the PDF to the provider’s own members and a 404 to anyone else', async () => {
		const mine = await invoiced(2098, 50_000_00n, 'Praktijk Eigen')
		const other = await createProviderWithMember()
		const path = `/aanbieder/${mine.provider.id}/facturen/${mine.invoice.id}/pdf`
		const own = (await invoicePdfLoader(
			args(getRequest(path, await sessionCookieFor(mine.user.id)), {
				providerId: mine.provider.id,
				invoiceId: mine.invoice.id,
			}),
		)) as Response
		expect(own.status).toBe(200)
		expect(own.headers.get('Content-Type')).toBe('application/pdf')
		expect(
			Buffer.from(await own.arrayBuffer())
				.subarray(0, 5)
				.toString(),
		).toBe('%PDF-')

		const stranger = await sessionCookieFor(other.user.id)
		// Another provider's member: not through their own provider id, nor through this one.
		for (const params of [
			{ providerId: other.provider.id, invoiceId: mine.invoice.id },
			{ providerId: mine.provider.id, invoiceId: mine.invoice.id },
		]) {
			const { response } = await settle(() => invoicePdfLoader(args(getRequest(path, stranger), params)))
			expect(response?.status).toBe(404)
		}
		const ownCookie = await sessionCookieFor(mine.user.id)
		const missingCreditNote = await settle(() =>
			invoicePdfLoader(
				args(getRequest(`${path}?document=creditnota`, ownCookie), {
					providerId: mine.provider.id,
					invoiceId: mine.invoice.id,
				}),
			),
		)
		expect(missingCreditNote.response?.status).toBe(404)
	})
})

describe('mail and job screens', () => {
	it('sorts and filters the outbox on the shared table through the URL', async () => {
		const { assessorCookie } = await cookies()
		const mail = (
			toAddress: string,
			subject: string,
			template: string,
			status: 'sent' | 'failed' | 'pending',
			attempts: number,
		) =>
			db.outboxEmail.create({
				data: {
					template,
					toAddress,
					subject,
					html: '<p>x</p>',
					text: 'x',
					status,
					attempts,
					nextAttemptAt: new Date(),
					createdAt: new Date(),
				},
			})
		await mail('tabel-b@example.nl', 'Tabeltest B', 'qualified', 'sent', 1)
		await mail('tabel-a@example.nl', 'Tabeltest A', 'invoice_issued', 'failed', 7)
		await mail('tabel-c@example.nl', 'Tabeltest C', 'qualified', 'pending', 0)
		const list = async (search: string) =>
			(await outboxLoader(args(getRequest(`/medewerkers/mail?q=Tabeltest&${search}`, assessorCookie)))).rows.map(
				(row) => row.toAddress,
			)
		expect(await list('sort=to')).toEqual(['tabel-a@example.nl', 'tabel-b@example.nl', 'tabel-c@example.nl'])
		expect(await list('sort=-subject')).toEqual(['tabel-c@example.nl', 'tabel-b@example.nl', 'tabel-a@example.nl'])
		expect(await list('sort=-attempts')).toEqual(['tabel-a@example.nl', 'tabel-b@example.nl', 'tabel-c@example.nl'])
		expect(await list('sjabloon=qualified&sort=to')).toEqual(['tabel-b@example.nl', 'tabel-c@example.nl'])
		expect(await list('status=failed&status=pending&sort=to')).toEqual(['tabel-a@example.nl', 'tabel-c@example.nl'])
		// Unknown values are dropped: no filter, the default sort.
		expect(await list('sjabloon=%3Cscript%3E&status=kapot&sort=html')).toHaveLength(3)
	})

	it('shows the outbox with failures, lets an admin retry one, and keeps assessors read-only', async () => {
		const { adminCookie, assessorCookie } = await cookies()
		const failed = await db.outboxEmail.create({
			data: {
				template: 'invoice_overdue',
				toAddress: 'kapot@example.nl',
				subject: 'Herinnering: factuur KIBG-F-2000-0001 is nog niet betaald',
				html: '<p>hallo</p>',
				text: 'hallo',
				status: 'failed',
				attempts: 12,
				lastError: '550 Mailbox unavailable',
				nextAttemptAt: new Date(),
				createdAt: new Date(),
			},
		})
		const list = await outboxLoader(args(getRequest('/medewerkers/mail?status=failed', assessorCookie)))
		expect(list.rows.map((row) => [row.toAddress, row.lastError])).toContainEqual([
			'kapot@example.nl',
			'550 Mailbox unavailable',
		])
		expect(list.delivery).toBe('none') // tests run without SMTP_URL
		const message = await messageLoader(
			args(getRequest(`/medewerkers/mail/${failed.id}`, assessorCookie), { emailId: failed.id }),
		)
		expect(message.message.subject).toContain('KIBG-F-2000-0001')

		const html = (await messageHtmlLoader(
			args(getRequest(`/medewerkers/mail/${failed.id}/html`, assessorCookie), { emailId: failed.id }),
		)) as Response
		expect(html.headers.get('Content-Security-Policy')).toMatch(/^sandbox; default-src 'none'/)
		expect(await html.text()).toBe('<p>hallo</p>')
		const member = await createProviderWithMember()
		const memberCookie = await sessionCookieFor(member.user.id)
		const hidden = await settle(() =>
			messageHtmlLoader(args(getRequest(`/medewerkers/mail/${failed.id}/html`, memberCookie), { emailId: failed.id })),
		)
		expect(hidden.response?.status).toBe(404)

		const denied = await settle(() =>
			messageAction(args(formRequest(`/medewerkers/mail/${failed.id}`, {}, assessorCookie), { emailId: failed.id })),
		)
		expect(denied.response?.status).toBe(404)
		const { response } = await settle(() =>
			messageAction(args(formRequest(`/medewerkers/mail/${failed.id}`, {}, adminCookie), { emailId: failed.id })),
		)
		expect(response?.status).toBe(302)
		expect((await db.outboxEmail.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe('pending')
	})

	it('filters, sorts and pages the run history on the shared table through the URL', async () => {
		const { assessorCookie } = await cookies()
		const run = (job: string, day: string, status: 'succeeded' | 'failed') =>
			db.jobRun.create({
				data: {
					job,
					runKey: `tabel:${job}:${day}`,
					at: at(day),
					startedAt: at(day),
					finishedAt: at(day),
					status,
					summary: {},
				},
			})
		await run('turnover-reminders', '2030-01-02', 'succeeded')
		await run('turnover-reminders', '2030-01-03', 'failed')
		await run('overdue-invoices', '2030-01-01', 'succeeded')
		const history = async (search: string) => {
			const page = await jobsLoader(args(getRequest(`/medewerkers/taken?${search}`, assessorCookie)))
			return page.history
				.filter((entry) => entry.at.getUTCFullYear() === 2030)
				.map((entry) => `${entry.job}:${entry.status}`)
		}
		expect(await history('taak=turnover-reminders')).toEqual([
			'turnover-reminders:failed',
			'turnover-reminders:succeeded',
		])
		expect(await history('taak=turnover-reminders&sort=at')).toEqual([
			'turnover-reminders:succeeded',
			'turnover-reminders:failed',
		])
		expect(await history('taak=turnover-reminders&taak=overdue-invoices&status=succeeded&sort=job')).toEqual([
			'overdue-invoices:succeeded',
			'turnover-reminders:succeeded',
		])
		const paged = await jobsLoader(
			args(
				getRequest('/medewerkers/taken?taak=turnover-reminders&taak=overdue-invoices&per=25&pagina=9', assessorCookie),
			),
		)
		expect(paged.total).toBe(3)
		expect(paged.query.page).toBe(1)
		// An unknown job is dropped, not passed to the database.
		expect(
			(await jobsLoader(args(getRequest('/medewerkers/taken?taak=rm%20-rf', assessorCookie)))).query.filters,
		).toEqual({})
	})

	it('lists the jobs and lets an admin run one now, audited', async () => {
		const { admin, adminCookie, assessorCookie } = await cookies()
		const page = await jobsLoader(args(getRequest('/medewerkers/taken', assessorCookie)))
		expect(page.jobs.map((job) => job.name)).toContain('qualification-deadline')
		expect(page.schedulerOn).toBe(false)
		const denied = await settle(() =>
			jobsAction(args(formRequest('/medewerkers/taken', { job: 'purge-sessions' }, assessorCookie))),
		)
		expect(denied.response?.status).toBe(404)
		const { response } = await settle(() =>
			jobsAction(args(formRequest('/medewerkers/taken', { job: 'purge-sessions' }, adminCookie))),
		)
		expect(response?.status).toBe(302)
		// Issue 12 §7: the toast names the job in words ("De taak Verlopen sessies opruimen …"), not by its code.
		const { toast } = await takeToast(getRequest('/medewerkers/taken', cookiesFrom(response!)))
		expect(toast?.params?.job).toBe(translate('nl', jobs['purge-sessions'].title))
		expect(JSON.stringify(toast)).not.toContain('purge-sessions')
		const run = await db.jobRun.findFirstOrThrow({ where: { job: 'purge-sessions' }, orderBy: { startedAt: 'desc' } })
		expect(run.status).toBe('succeeded')
		expect(await db.auditEvent.count({ where: { action: 'job.run', entityId: run.id, actorUserId: admin.id } })).toBe(1)
		const unknown = dataOf(await jobsAction(args(formRequest('/medewerkers/taken', { job: 'rm -rf' }, adminCookie))))
		expect(unknown.status).toBe(400)
	})
})

describe('calendar feed', () => {
	it('serves a provider’s deadlines at its secret URL, and a 404 for any other token', async () => {
		await ensureMarkYear(2086)
		await ensureMarkYear(2087)
		const { provider, user } = await createProviderWithMember({ providerName: 'Praktijk Agenda, Één' })
		const previous = await createQualifiedParticipation({ providerId: provider.id, year: 2086 })
		setClock(at('2086-09-01'))
		const applied = await db.$transaction((tx) =>
			createParticipation(tx, {
				providerId: provider.id,
				year: 2087,
				start: { origin: 'application', isReapplicant: false },
				actor: { type: 'provider', userId: user.id },
			}),
		)
		if (!applied.ok) throw refusalError(applied.refusal)
		await runParticipationEvent(applied.participation.id, { type: 'offer_agreement' }, systemActor)

		const url = await calendarFeedUrl(provider.id)
		expect(await calendarFeedUrl(provider.id)).toBe(url)
		const token = /\/agenda\/([^/]+)\.ics$/.exec(url)?.[1] as string
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
		const response = (await calendarLoader(routeArgs(getRequest(`/agenda/${token}.ics`), { token }))) as Response
		expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
		expect(response.headers.get('Referrer-Policy')).toBe('no-referrer')
		const ics = await response.text()
		const unfolded = ics.replace(/\r\n /g, '')
		expect(unfolded).toContain('X-WR-CALNAME:Keurmerk: Praktijk Agenda\\, Één')
		// Sign the 2087 agreement by 31 December 2086; listed 1 January; self-evaluation by 31 March.
		expect(unfolded).toMatch(/SUMMARY:Overeenkomst Keurmerk Kortdurende Generalistische GGZ 2087 ondertekenen\r\n/)
		expect(unfolded).toContain('DTSTART;VALUE=DATE:20861231')
		expect(unfolded).toContain('DTSTART;VALUE=DATE:20870101')
		expect(unfolded).toContain('DTSTART;VALUE=DATE:20870331')
		// Last year's turnover report is due 1 March 2087 (none reported yet).
		expect(unfolded).toContain('SUMMARY:Omzetopgave 2086 (omzet monodisciplinaire GGZ)')
		expect(unfolded).toContain('DTSTART;VALUE=DATE:20870301')
		expect(unfolded).toContain(`UID:turnover-${previous.id}@localhost`)
		expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true)
		// No first-submission day in a year without one.
		expect(unfolded).not.toContain('UID:first-submission-')

		// A year that asks for a first submission by 31 January puts that day in the feed too.
		await db.markYear.update({ where: { year: 2087 }, data: { firstSubmissionDeadline: new Date('2087-01-31') } })
		const withFirst = await (
			(await calendarLoader(routeArgs(getRequest(`/agenda/${token}.ics`), { token }))) as Response
		).text()
		const unfoldedFirst = withFirst.replace(/\r\n /g, '')
		expect(unfoldedFirst).toContain(`UID:first-submission-${applied.participation.id}@localhost`)
		expect(unfoldedFirst).toContain('DTSTART;VALUE=DATE:20870131')
		expect(unfoldedFirst).toContain(
			'SUMMARY:Eerste indiening zelfevaluatie Keurmerk Kortdurende Generalistische GGZ 2087',
		)
		await db.markYear.update({ where: { year: 2087 }, data: { firstSubmissionDeadline: null } })

		const almost = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
		for (const wrong of ['x'.repeat(43), 'kort', almost]) {
			const { response: notFound } = await settle(() =>
				calendarLoader(routeArgs(getRequest(`/agenda/${wrong}.ics`), { token: wrong })),
			)
			expect(notFound?.status).toBe(404)
		}
		// A new secret stops the old URL at once.
		const fresh = await resetCalendarToken(provider.id, { type: 'provider', userId: user.id })
		expect(fresh).not.toBe(url)
		const { response: old } = await settle(() =>
			calendarLoader(routeArgs(getRequest(`/agenda/${token}.ics`), { token })),
		)
		expect(old?.status).toBe(404)
	})
})
